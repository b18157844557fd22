/* cab-document-viewer-private.h: hooks for the viewer's tests and benchmarks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-document-viewer.h"
#include "cab-page-view.h"

G_BEGIN_DECLS

CabPageView *cab_document_viewer_get_page_view        (CabDocumentViewer   *self);
/* What the page entry shows (1-based), e.g. "7". */
const char  *cab_document_viewer_get_page_entry_text  (CabDocumentViewer   *self);
GtkEntry    *cab_document_viewer_get_page_entry       (CabDocumentViewer   *self);
/* The zoom button's label, e.g. "125 %". */
const char  *cab_document_viewer_get_zoom_label       (CabDocumentViewer   *self);
CabPageCache *cab_document_viewer_get_thumbnail_cache (CabDocumentViewer   *self);
GtkListView *cab_document_viewer_get_thumbnails_list  (CabDocumentViewer   *self);
gboolean     cab_document_viewer_get_thumbnails_visible (CabDocumentViewer *self);
void         cab_document_viewer_set_thumbnails_visible (CabDocumentViewer *self,
                                                         gboolean           visible);

/* What Save As does once a file is chosen. */
void         cab_document_viewer_save_to_file_async   (CabDocumentViewer   *self,
                                                       GFile               *file,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean     cab_document_viewer_save_to_file_finish  (CabDocumentViewer   *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* The copy Open With hands to the default application, written under the user cache dir. */
GFile       *cab_document_viewer_write_temp_copy      (CabDocumentViewer   *self,
                                                       GError             **error);
/* Prints every page to a PDF file at @path without a dialog (GTK_PRINT_OPERATION_ACTION_EXPORT),
 * through the same draw-page code as Print. */
gboolean     cab_document_viewer_export_pdf           (CabDocumentViewer   *self,
                                                       const char          *path,
                                                       GError             **error);

G_END_DECLS
