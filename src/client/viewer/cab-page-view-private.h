/* cab-page-view-private.h: CabPageView's state, shared by cab-page-view.c (the widget and
 * its properties) and cab-page-view-layout.c (layout, scrolling, drawing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-page-view.h"

G_BEGIN_DECLS

struct _CabPageView
{
  GtkWidget        parent_instance;

  CabPdfDocument  *document;
  CabPageCache    *cache;
  CabPageRenderer *renderer;
  gulong           page_ready_id;

  GtkAdjustment   *hadjustment;
  GtkAdjustment   *vadjustment;
  guint            hscroll_policy : 1;
  guint            vscroll_policy : 1;

  /* Layout in logical pixels for the current zoom and rotation. */
  double          *offsets;       /* top of each page */
  double           layout_zoom;
  guint            layout_rotation;
  double           content_width;
  double           content_height;
  gboolean         layout_valid;

  double           zoom;
  CabZoomMode      zoom_mode;
  guint            rotation;

  guint            current_page;
  /* A page gone to before the view had a size, or whose top cannot reach the top of the
   * view: it stays "current" until the person scrolls. */
  gboolean         has_pending_page;
  gboolean         in_goto;

  guint            first_visible;
  guint            last_visible;
  gboolean         has_visible;

  double           scroll_accumulator;

  /* Where the middle of the view was across the content's width before a zoom or rotation,
   * 0..1, kept there by the next allocation; negative when there is nothing to keep. */
  double           pending_hcenter;
};

static inline guint
cab_page_view_n_pages (CabPageView *self)
{
  return self->document != NULL ? cab_pdf_document_get_n_pages (self->document) : 0;
}

static inline double
cab_page_view_clamp_zoom (double zoom)
{
  return CLAMP (zoom, CAB_DOCUMENT_VIEWER_ZOOM_MIN, CAB_DOCUMENT_VIEWER_ZOOM_MAX);
}

/* cab-page-view.c: set and notify. */
void   cab_page_view_set_zoom_internal          (CabPageView    *self,
                                                 double          zoom);
void   cab_page_view_set_current_page_internal  (CabPageView    *self,
                                                 guint           page);

/* cab-page-view-layout.c */
guint  cab_page_view_page_at_y                  (CabPageView    *self,
                                                 double          y);
void   cab_page_view_update_current_page        (CabPageView    *self);
void   cab_page_view_update_visible             (CabPageView    *self);
void   cab_page_view_relayout_now               (CabPageView    *self);
void   cab_page_view_scroll_to_page             (CabPageView    *self,
                                                 guint           page);
void   cab_page_view_measure                    (GtkWidget      *widget,
                                                 GtkOrientation  orientation,
                                                 int             for_size,
                                                 int            *minimum,
                                                 int            *natural,
                                                 int            *minimum_baseline,
                                                 int            *natural_baseline);
void   cab_page_view_size_allocate              (GtkWidget      *widget,
                                                 int             width,
                                                 int             height,
                                                 int             baseline);
void   cab_page_view_snapshot                   (GtkWidget      *widget,
                                                 GtkSnapshot    *snapshot);

G_END_DECLS
