/* cab-document-opener.h: the one way a page or the window shows a document: the bytes come
 * from the session's CabDocuments, and go to the document viewer over @parent's window (in a
 * build without the viewer, the saved copy goes to the desktop's PDF reader).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cab-core.h"
#include "cab-session.h"

G_BEGIN_DECLS

/* Opens document @ref of @account (@number, @date: the line or bill it belongs to; all three
 * nullable). The viewer appears at once and shows what goes wrong itself. */
void      cab_document_opener_open_async       (CabSession           *session,
                                                GtkWidget            *parent,
                                                const CabDocumentRef *ref,
                                                const char           *account,
                                                const char           *number,
                                                const GDate          *date,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
/* Opens saved document @id (Downloaded Documents). */
void      cab_document_opener_open_saved_async (CabSession           *session,
                                                GtkWidget            *parent,
                                                const char           *id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
/* FALSE with @error for a failure nobody has shown yet (without the viewer), for the caller
 * to tell (cab_document_opener_dup_words()); @out_save_error: it is shown, but its copy could
 * not be kept for offline reading. */
gboolean  cab_document_opener_open_finish      (GAsyncResult         *result,
                                                GError              **out_save_error,
                                                GError              **error);

/* What a person reads about a failure to open a document. */
char     *cab_document_opener_dup_words        (const GError         *error);

G_END_DECLS
