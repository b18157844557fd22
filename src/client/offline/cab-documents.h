/* cab-documents.h: the documents of the signed-in user, one way: a document of an act or an
 * advance bill is read from the offline store when the saved copy is the one listed, else
 * downloaded (If-None-Match the saved copy) and saved; Download All fetches into the store;
 * Downloaded Documents lists and opens what is saved. One file-name scheme for all of them
 * (cab_documents_file_name()). No widgets: cab-document-opener.c shows what this returns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-core.h"
#include "cab-session.h"
#include "cab-offline-store.h"
#include "cab-saved-document.h"

G_BEGIN_DECLS

#define CAB_TYPE_DOCUMENTS (cab_documents_get_type ())
G_DECLARE_FINAL_TYPE (CabDocuments, cab_documents, CAB, DOCUMENTS, GObject)

/* "<kind>-<account>-<YYYY-MM-DD>-<id>.pdf", each part present only when known, anything but
 * ASCII letters, digits, '.' and '_' in a part becoming '_' (Save As offers it). */
char             *cab_documents_file_name         (CabDocumentKind       kind,
                                                   const char           *account,
                                                   const GDate          *date,
                                                   const char           *id);
char             *cab_documents_saved_file_name   (CabSavedDocument     *doc);

/* @session is held weakly (its API client and whether it is offline); @store may be NULL
 * (nothing is kept: every open downloads). */
CabDocuments     *cab_documents_new               (CabSession           *session,
                                                   CabOfflineStore      *store);
CabOfflineStore  *cab_documents_get_store         (CabDocuments         *self);
/* The saved documents (GListModel of CabSavedDocument, as saved), or NULL without a store. */
GListModel       *cab_documents_get_saved         (CabDocuments         *self);
CabSavedDocument *cab_documents_lookup_saved      (CabDocuments         *self,
                                                   const char           *id);
/* The saved copy's file (whether or not it exists), or NULL without a store. */
GFile            *cab_documents_get_file          (CabDocuments         *self,
                                                   const char           *id);

/* The bytes of @ref, of @account (@number and @date: the line or bill it belongs to; all three
 * nullable), from the saved copy or the server. Offline without a current copy:
 * G_IO_ERROR_NOT_FOUND. A downloaded copy is kept when @account is known; one that could not
 * be kept is still returned, with @out_save_error set. */
void              cab_documents_open_async        (CabDocuments         *self,
                                                   const CabDocumentRef *ref,
                                                   const char           *account,
                                                   const char           *number,
                                                   const GDate          *date,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GBytes           *cab_documents_open_finish       (CabDocuments         *self,
                                                   GAsyncResult         *result,
                                                   GError              **out_save_error,
                                                   GError              **error);

/* Makes the saved copy of @ref (of @account, required) current without reading it (Download All): @out_fetched is
 * FALSE when it already was. On failure @out_saving tells a failed save from a failed
 * download. */
void              cab_documents_download_async    (CabDocuments         *self,
                                                   const CabDocumentRef *ref,
                                                   const char           *account,
                                                   const char           *number,
                                                   const GDate          *date,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          cab_documents_download_finish   (CabDocuments         *self,
                                                   GAsyncResult         *result,
                                                   gboolean             *out_fetched,
                                                   gboolean             *out_saving,
                                                   GError              **error);

/* The bytes of saved document @id (checked against the index; G_IO_ERROR_NOT_FOUND if it is
 * not saved). */
void              cab_documents_open_saved_async  (CabDocuments         *self,
                                                   const char           *id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GBytes           *cab_documents_open_saved_finish (CabDocuments         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
