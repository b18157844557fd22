/* cab-page-view.h: the pages of a document in one continuous vertical scroll.
 *
 * A GtkScrollable (put it in a GtkScrolledWindow) that lays out a placeholder of the right
 * size for every page, draws cached textures, and asks its CabPageRenderer for the visible
 * pages and their neighbours only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-document-viewer.h"
#include "cab-page-renderer.h"

G_BEGIN_DECLS

#define CAB_TYPE_PAGE_VIEW (cab_page_view_get_type ())
G_DECLARE_FINAL_TYPE (CabPageView, cab_page_view, CAB, PAGE_VIEW, GtkWidget)

GtkWidget       *cab_page_view_new               (void);

/* Shows @document (or nothing for NULL) at the top; zoom mode and rotation are kept. */
void             cab_page_view_set_document      (CabPageView     *self,
                                                  CabPdfDocument  *document);
CabPdfDocument  *cab_page_view_get_document      (CabPageView     *self);
CabPageRenderer *cab_page_view_get_renderer      (CabPageView     *self);
CabPageCache    *cab_page_view_get_cache         (CabPageView     *self);

guint            cab_page_view_get_n_pages       (CabPageView     *self);
/* "current-page": 0-based, the page in the middle of the view (or the last one gone to). */
guint            cab_page_view_get_current_page  (CabPageView     *self);
void             cab_page_view_set_current_page  (CabPageView     *self,
                                                  guint            page);

/* "zoom": 1.0 is 100 %; setting it switches "zoom-mode" to FREE. */
double           cab_page_view_get_zoom          (CabPageView     *self);
void             cab_page_view_set_zoom          (CabPageView     *self,
                                                  double           zoom);
CabZoomMode      cab_page_view_get_zoom_mode     (CabPageView     *self);
void             cab_page_view_set_zoom_mode     (CabPageView     *self,
                                                  CabZoomMode      mode);
void             cab_page_view_zoom_in           (CabPageView     *self);
void             cab_page_view_zoom_out          (CabPageView     *self);
/* What Ctrl+scroll does: @dy in wheel notches (negative: away from the user, zoom in); a
 * touchpad's fractions add up to whole steps. */
void             cab_page_view_scroll_zoom       (CabPageView     *self,
                                                  double           dy);

/* "rotation": clockwise degrees, 0/90/180/270. */
guint            cab_page_view_get_rotation      (CabPageView     *self);
void             cab_page_view_set_rotation      (CabPageView     *self,
                                                  guint            rotation);

/* The scale (device pixels per PDF point) textures are rendered at for the current zoom. */
double           cab_page_view_get_render_scale  (CabPageView     *self);
/* What the view will show a document at, captured on the main thread so that a worker can
 * render the first page while the document loads. */
typedef struct
{
  CabZoomMode zoom_mode;
  double      zoom;
  guint       rotation;
  int         scale_factor;
  int         width;
  int         height;
} CabPageViewFit;

/* FALSE when cab_page_view_prepare() would not lay out at @width x @height (the view has its
 * own size already). */
gboolean         cab_page_view_get_fit           (CabPageView     *self,
                                                  int              width,
                                                  int              height,
                                                  CabPageViewFit  *fit);
/* The render scale the view will have for @document with @fit (any thread). */
double           cab_page_view_fit_render_scale  (const CabPageViewFit *fit,
                                                  CabPdfDocument  *document);
/* Before the view is first allocated: lays the document out for the size it is about to get
 * and asks for the pages that will show, so that rendering starts a frame earlier. */
void             cab_page_view_prepare           (CabPageView     *self,
                                                  int              width,
                                                  int              height);
/* The pages last asked to be visible (after the last layout): [first, last]. */
gboolean         cab_page_view_get_visible_range (CabPageView     *self,
                                                  guint           *first,
                                                  guint           *last);

G_END_DECLS
