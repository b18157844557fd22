/* cab-document-viewer.h: the window that shows one PDF (an invoice, an act, a bill scan).
 *
 * Rendering happens off the main thread (CabPdfDocument, CabPageRenderer); this window only
 * shows the state: loading, the pages, or an error page with the reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  CAB_DOCUMENT_VIEWER_STATE_EMPTY,     /* nothing loaded yet */
  CAB_DOCUMENT_VIEWER_STATE_LOADING,   /* show_loading() or a load in progress */
  CAB_DOCUMENT_VIEWER_STATE_DOCUMENT,  /* pages are shown */
  CAB_DOCUMENT_VIEWER_STATE_ERROR,     /* an error page with a reason */
} CabDocumentViewerState;

typedef enum
{
  CAB_ZOOM_MODE_FREE,       /* the "zoom" value as set */
  CAB_ZOOM_MODE_FIT_WIDTH,  /* the widest page fills the view's width */
  CAB_ZOOM_MODE_FIT_PAGE,   /* a whole page fits in the view */
} CabZoomMode;

#define CAB_DOCUMENT_VIEWER_ZOOM_MIN 0.5
#define CAB_DOCUMENT_VIEWER_ZOOM_MAX 4.0

#define CAB_TYPE_DOCUMENT_VIEWER (cab_document_viewer_get_type ())
G_DECLARE_FINAL_TYPE (CabDocumentViewer, cab_document_viewer, CAB, DOCUMENT_VIEWER, AdwWindow)

CabDocumentViewer     *cab_document_viewer_new              (GtkApplication     *app);

/* Shows @pdf (the file's bytes; the viewer keeps a reference). @title goes in the header bar,
 * @suggested_file_name (e.g. "SF-0531-12.pdf", may be NULL) is offered by Save As. Loading is
 * asynchronous: watch notify::state. */
void                   cab_document_viewer_load_bytes       (CabDocumentViewer  *self,
                                                             GBytes             *pdf,
                                                             const char         *title,
                                                             const char         *suggested_file_name);
/* Reads @file asynchronously, then as load_bytes() with the file's basename as the suggested
 * name. @title may be NULL (then the basename is shown). */
void                   cab_document_viewer_load_file        (CabDocumentViewer  *self,
                                                             GFile              *file,
                                                             const char         *title);
/* An error page with @message (e.g. a download failed); any document is dropped. */
void                   cab_document_viewer_show_error       (CabDocumentViewer  *self,
                                                             const char         *message);
/* A spinner with @title while the caller fetches the document. */
void                   cab_document_viewer_show_loading     (CabDocumentViewer  *self,
                                                             const char         *title);

/* "state" property */
CabDocumentViewerState cab_document_viewer_get_state        (CabDocumentViewer  *self);
/* The reason shown on the error page, or NULL outside the error state. */
const char            *cab_document_viewer_get_error_message (CabDocumentViewer *self);

/* 0 until a document is shown ("n-pages" property). */
guint                  cab_document_viewer_get_n_pages      (CabDocumentViewer  *self);
/* 0-based index of the page at the top of the view ("current-page" property). */
guint                  cab_document_viewer_get_current_page (CabDocumentViewer  *self);
void                   cab_document_viewer_set_current_page (CabDocumentViewer  *self,
                                                             guint               page);
/* 1.0 is 100 % (a PDF point is 96/72 pixels); "zoom" property, clamped to 0.5 - 4.0. Setting it
 * switches the zoom mode to FREE. */
double                 cab_document_viewer_get_zoom         (CabDocumentViewer  *self);
void                   cab_document_viewer_set_zoom         (CabDocumentViewer  *self,
                                                             double              zoom);
CabZoomMode            cab_document_viewer_get_zoom_mode    (CabDocumentViewer  *self);
void                   cab_document_viewer_set_zoom_mode    (CabDocumentViewer  *self,
                                                             CabZoomMode         mode);
/* Clockwise rotation in degrees: 0, 90, 180 or 270. */
guint                  cab_document_viewer_get_rotation     (CabDocumentViewer  *self);

G_END_DECLS
