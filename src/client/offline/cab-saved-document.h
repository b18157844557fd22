/* cab-saved-document.h: one document kept in the offline store (an entry of its index).
 *
 * Immutable once built, so the store's worker threads and the main thread can share it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cab-core.h"

G_BEGIN_DECLS

#define CAB_TYPE_SAVED_DOCUMENT (cab_saved_document_get_type ())
G_DECLARE_FINAL_TYPE (CabSavedDocument, cab_saved_document, CAB, SAVED_DOCUMENT, GObject)

/* @number may be NULL; @date may be NULL (unknown); @saved_at NULL means now. */
CabSavedDocument *cab_saved_document_new          (const char       *id,
                                                   const char       *account,
                                                   CabDocumentKind   kind,
                                                   const char       *title,
                                                   const char       *number,
                                                   const GDate      *date,
                                                   gint64            size,
                                                   const char       *sha256,
                                                   GDateTime        *saved_at);

const char       *cab_saved_document_get_id       (CabSavedDocument *self);
const char       *cab_saved_document_get_account  (CabSavedDocument *self);
CabDocumentKind   cab_saved_document_get_kind     (CabSavedDocument *self);
const char       *cab_saved_document_get_title    (CabSavedDocument *self);
/* NULL when unknown. */
const char       *cab_saved_document_get_number   (CabSavedDocument *self);
/* NULL when unknown. */
const GDate      *cab_saved_document_get_date     (CabSavedDocument *self);
/* "DD.MM.YYYY", or "" when the date is unknown. */
const char       *cab_saved_document_get_date_text (CabSavedDocument *self);
gint64            cab_saved_document_get_size     (CabSavedDocument *self);
const char       *cab_saved_document_get_sha256   (CabSavedDocument *self);
GDateTime        *cab_saved_document_get_saved_at (CabSavedDocument *self);

/* A CabDocumentRef with the same id, kind, title, size and sha256. */
CabDocumentRef   *cab_saved_document_to_ref       (CabSavedDocument *self);

/* Whether every word of @query (case-insensitive, Cyrillic and Latin look-alike letters
 * alike: cab_search_matches()) occurs in the title, number, date or account. An empty or NULL query matches everything. */
gboolean          cab_saved_document_matches      (CabSavedDocument *self,
                                                   const char       *query);

/* One entry of the store's index.json. */
JsonNode         *cab_saved_document_to_json      (CabSavedDocument *self);
CabSavedDocument *cab_saved_document_from_json    (JsonNode         *node,
                                                   GError          **error);

G_END_DECLS
