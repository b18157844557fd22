/* cab-page-renderer.h: renders pages of one document in a worker thread, one at a time, in the
 * order asked, into a CabPageCache; "page-ready" tells the main loop when a page arrived.
 *
 * Requests that are no longer wanted (the person scrolled or zoomed away) are dropped from the
 * queue by cab_page_renderer_retain(), and the one rendering is cancelled if it can still be.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-page-cache.h"
#include "cab-pdf-document.h"

G_BEGIN_DECLS

#define CAB_TYPE_PAGE_RENDERER (cab_page_renderer_get_type ())
G_DECLARE_FINAL_TYPE (CabPageRenderer, cab_page_renderer, CAB, PAGE_RENDERER, GObject)

CabPageRenderer *cab_page_renderer_new             (CabPdfDocument   *document,
                                                    CabPageCache     *cache);
CabPdfDocument  *cab_page_renderer_get_document    (CabPageRenderer  *self);
CabPageCache    *cab_page_renderer_get_cache       (CabPageRenderer  *self);

/* Queues a render of @page unless it is cached or already queued. */
void             cab_page_renderer_request         (CabPageRenderer  *self,
                                                    guint             page,
                                                    double            scale,
                                                    guint             rotation);
/* A page rendered elsewhere (the first page, while the document loaded): into the cache, and
 * "page-ready", as if rendered here. */
void             cab_page_renderer_adopt           (CabPageRenderer  *self,
                                                    guint             page,
                                                    double            scale,
                                                    guint             rotation,
                                                    GdkTexture       *texture);
/* Drops every queued or running request that is not for a page in [@first, @last] at
 * @scale and @rotation. */
void             cab_page_renderer_retain          (CabPageRenderer  *self,
                                                    guint             first,
                                                    guint             last,
                                                    double            scale,
                                                    guint             rotation);
/* Drops the queued requests for @page (a thumbnail scrolled out of sight). */
void             cab_page_renderer_cancel          (CabPageRenderer  *self,
                                                    guint             page);
void             cab_page_renderer_cancel_all      (CabPageRenderer  *self);

/* Requests queued or rendering. */
guint            cab_page_renderer_get_n_pending   (CabPageRenderer  *self);
/* Pages rendered since creation, and requests dropped (for tests and benchmarks). */
guint            cab_page_renderer_get_n_rendered  (CabPageRenderer  *self);
guint            cab_page_renderer_get_n_cancelled (CabPageRenderer  *self);

G_END_DECLS
