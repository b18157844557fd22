/* cab-document-ref.h: a scanned document as the API lists it (id, kind, title, size, sha256).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  CAB_DOCUMENT_INVOICE,                /* "invoice" */
  CAB_DOCUMENT_VOLUME_ACT,             /* "volume_act" */
  CAB_DOCUMENT_CORRECTION_INVOICE,     /* "correction_invoice" */
  CAB_DOCUMENT_CORRECTION_VOLUME_ACT,  /* "correction_volume_act" */
  CAB_DOCUMENT_ADVANCE_BILL,           /* "advance_bill" */
} CabDocumentKind;

const char  *cab_document_kind_to_string   (CabDocumentKind   kind);
gboolean     cab_document_kind_from_string (const char       *text,
                                            CabDocumentKind  *out_kind,
                                            GError          **error);

typedef struct
{
  char            *id;
  CabDocumentKind  kind;
  char            *title;
  gint64           size;
  char            *sha256;   /* 64 lowercase hex digits */
} CabDocumentRef;

#define CAB_TYPE_DOCUMENT_REF (cab_document_ref_get_type ())
GType           cab_document_ref_get_type  (void) G_GNUC_CONST;
CabDocumentRef *cab_document_ref_new       (const char            *id,
                                            CabDocumentKind        kind,
                                            const char            *title,
                                            gint64                 size,
                                            const char            *sha256);
CabDocumentRef *cab_document_ref_copy      (const CabDocumentRef  *self);
void            cab_document_ref_free      (CabDocumentRef        *self);

JsonNode       *cab_document_ref_to_json   (const CabDocumentRef  *self);
CabDocumentRef *cab_document_ref_from_json (JsonNode              *node,
                                            GError               **error);

/* A "documents" array, as an array of CabDocumentRef (free func set). */
GPtrArray      *cab_document_refs_from_json (JsonArray            *array,
                                             GError              **error);
JsonNode       *cab_document_refs_to_json   (GPtrArray            *refs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabDocumentRef, cab_document_ref_free)

G_END_DECLS
