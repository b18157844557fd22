/* cab-page-view-layout.c: where CabPageView's pages are: their layout for the zoom and
 * rotation, the scroll adjustments, which pages are visible and asked of the renderer, and
 * drawing them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cab-page-view-private.h"

/* Space around and between pages, in logical pixels. */
#define SPACING 12
/* A PDF point is 1/72 inch, the desktop's pixel 1/96 inch: 100 % is life size. */
#define POINTS_TO_PIXELS (96.0 / 72.0)

static void
page_display_size (CabPageView *self,
                   guint        page,
                   double       zoom,
                   guint        rotation,
                   double      *width,
                   double      *height)
{
  double w, h;

  cab_pdf_document_get_page_size (self->document, page, &w, &h);
  w *= zoom * POINTS_TO_PIXELS;
  h *= zoom * POINTS_TO_PIXELS;
  if (rotation == 90 || rotation == 270)
    {
      *width = h;
      *height = w;
    }
  else
    {
      *width = w;
      *height = h;
    }
}

double
cab_page_view_get_render_scale (CabPageView *self)
{
  double scale;

  g_return_val_if_fail (CAB_IS_PAGE_VIEW (self), 1.0);

  scale = self->zoom * POINTS_TO_PIXELS * gtk_widget_get_scale_factor (GTK_WIDGET (self));

  /* Render at the key the cache stores, so a texture's size is the same for equal keys. */
  return cab_page_cache_scale_key (scale) / CAB_PAGE_CACHE_SCALE_UNIT;
}

/* The page whose vertical span holds @y (logical pixels from the top of the content). */
guint
cab_page_view_page_at_y (CabPageView *self,
                         double       y)
{
  guint lo = 0, hi = cab_page_view_n_pages (self);

  if (hi == 0)
    return 0;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (self->offsets[mid] - SPACING <= y)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

void
cab_page_view_update_current_page (CabPageView *self)
{
  double value, page_size, upper;
  guint page;

  if (self->in_goto || self->has_pending_page || cab_page_view_n_pages (self) == 0 || !self->layout_valid)
    return;

  value = gtk_adjustment_get_value (self->vadjustment);
  page_size = gtk_adjustment_get_page_size (self->vadjustment);
  upper = gtk_adjustment_get_upper (self->vadjustment);

  if (value <= 0)
    page = 0;
  else if (value + page_size >= upper - 1)
    page = cab_page_view_n_pages (self) - 1;
  else
    page = cab_page_view_page_at_y (self, value + page_size / 2);

  cab_page_view_set_current_page_internal (self, page);
}

/* Asks for the visible pages first, then their neighbours, and drops the rest. */
static void
update_visible_for_height (CabPageView *self,
                           double       height)
{
  double value, scale;
  guint first, last, n;

  n = cab_page_view_n_pages (self);
  if (n == 0 || !self->layout_valid || height <= 0)
    {
      self->has_visible = FALSE;
      return;
    }

  value = gtk_adjustment_get_value (self->vadjustment);
  first = cab_page_view_page_at_y (self, value);
  last = cab_page_view_page_at_y (self, value + height);

  self->first_visible = first;
  self->last_visible = last;
  self->has_visible = TRUE;

  scale = cab_page_view_get_render_scale (self);

  cab_page_renderer_retain (self->renderer,
                            first > 0 ? first - 1 : 0,
                            MIN (last + 1, n - 1),
                            scale, self->rotation);
  for (guint i = first; i <= last; i++)
    cab_page_renderer_request (self->renderer, i, scale, self->rotation);
  if (last + 1 < n)
    cab_page_renderer_request (self->renderer, last + 1, scale, self->rotation);
  if (first > 0)
    cab_page_renderer_request (self->renderer, first - 1, scale, self->rotation);
}

void
cab_page_view_update_visible (CabPageView *self)
{
  update_visible_for_height (self, gtk_widget_get_height (GTK_WIDGET (self)));
}

/* Recomputes page positions for the current zoom and rotation, keeping the current page at
 * the same place in the view. */
static void
relayout (CabPageView *self)
{
  guint n = cab_page_view_n_pages (self);
  double y = SPACING, max_w = 0;
  double anchor_fraction = 0;
  gboolean had_layout = self->layout_valid;
  guint anchor_page = self->current_page;

  if (had_layout && n > 0 && anchor_page < n)
    {
      double old_w, old_h;
      double value = gtk_adjustment_get_value (self->vadjustment);

      page_display_size (self, anchor_page, self->layout_zoom, self->layout_rotation,
                         &old_w, &old_h);
      anchor_fraction = (value - self->offsets[anchor_page]) / (old_h + SPACING);
    }

  if (had_layout)
    {
      double upper = gtk_adjustment_get_upper (self->hadjustment);
      double page_size = gtk_adjustment_get_page_size (self->hadjustment);

      self->pending_hcenter = upper > 0
        ? (gtk_adjustment_get_value (self->hadjustment) + page_size / 2) / upper
        : 0.5;
    }

  g_clear_pointer (&self->offsets, g_free);
  self->offsets = g_new0 (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      double w, h;

      page_display_size (self, i, self->zoom, self->rotation, &w, &h);
      self->offsets[i] = y;
      y += round (h) + SPACING;
      max_w = MAX (max_w, round (w));
    }

  self->content_width = max_w + 2 * SPACING;
  self->content_height = y;
  self->layout_zoom = self->zoom;
  self->layout_rotation = self->rotation;
  self->layout_valid = TRUE;

  if (had_layout && n > 0 && anchor_page < n && !self->has_pending_page)
    {
      double w, h, value;

      page_display_size (self, anchor_page, self->zoom, self->rotation, &w, &h);
      value = self->offsets[anchor_page] + anchor_fraction * (h + SPACING);
      self->in_goto = TRUE;
      gtk_adjustment_set_upper (self->vadjustment,
                                MAX (self->content_height,
                                     gtk_adjustment_get_page_size (self->vadjustment)));
      gtk_adjustment_set_value (self->vadjustment, value);
      self->in_goto = FALSE;
    }
}

/* Lays the pages out at once (not at the next allocation) so that the scrolled window measures
 * the new size before it allocates: changing scrollbars in the middle of an allocation would
 * leave the window half laid out. */
void
cab_page_view_relayout_now (CabPageView *self)
{
  if (cab_page_view_n_pages (self) > 0 && self->layout_valid)
    relayout (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The zoom at which the widest (or, fitting the page, the largest) page fits @width x @height;
 * @zoom when there is nothing to fit. Reads only @document's page sizes: any thread. */
static double
fit_zoom_for (CabPdfDocument *document,
              CabZoomMode     mode,
              double          zoom,
              guint           rotation,
              int             width,
              int             height)
{
  double max_w = 0, max_h = 0, fit;
  guint n = document != NULL ? cab_pdf_document_get_n_pages (document) : 0;

  for (guint i = 0; i < n; i++)
    {
      double w, h;

      cab_pdf_document_get_page_size (document, i, &w, &h);
      if (rotation == 90 || rotation == 270)
        {
          double t = w;
          w = h;
          h = t;
        }
      max_w = MAX (max_w, w * POINTS_TO_PIXELS);
      max_h = MAX (max_h, h * POINTS_TO_PIXELS);
    }

  if (max_w <= 0 || max_h <= 0)
    return zoom;

  fit = (width - 2.0 * SPACING) / max_w;
  if (mode == CAB_ZOOM_MODE_FIT_PAGE)
    fit = MIN (fit, (height - 2.0 * SPACING) / max_h);

  /* Whole percents, so that a resize by a pixel does not re-render every page. */
  return cab_page_view_clamp_zoom (floor (fit * 100.0) / 100.0);
}

static double
fit_zoom (CabPageView *self,
          int          width,
          int          height)
{
  return fit_zoom_for (self->document, self->zoom_mode, self->zoom, self->rotation, width,
                       height);
}

gboolean
cab_page_view_get_fit (CabPageView    *self,
                       int             width,
                       int             height,
                       CabPageViewFit *fit)
{
  g_return_val_if_fail (CAB_IS_PAGE_VIEW (self), FALSE);
  g_return_val_if_fail (fit != NULL, FALSE);

  /* As cab_page_view_prepare(): a view already allocated lays out at its own size. */
  if (width <= 0 || height <= 0 || gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    return FALSE;

  fit->zoom_mode = self->zoom_mode;
  fit->zoom = self->zoom;
  fit->rotation = self->rotation;
  fit->scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  fit->width = width;
  fit->height = height;
  return TRUE;
}

double
cab_page_view_fit_render_scale (const CabPageViewFit *fit,
                                CabPdfDocument       *document)
{
  double zoom;

  g_return_val_if_fail (fit != NULL, 1.0);
  g_return_val_if_fail (CAB_IS_PDF_DOCUMENT (document), 1.0);

  zoom = fit->zoom_mode == CAB_ZOOM_MODE_FREE
    ? fit->zoom
    : fit_zoom_for (document, fit->zoom_mode, fit->zoom, fit->rotation, fit->width, fit->height);

  /* As cab_page_view_get_render_scale(). */
  return cab_page_cache_scale_key (zoom * POINTS_TO_PIXELS * fit->scale_factor) /
         CAB_PAGE_CACHE_SCALE_UNIT;
}

static void
configure_adjustments (CabPageView *self,
                       int          width,
                       int          height)
{
  double content_w = MAX (self->content_width, width);
  double content_h = MAX (self->content_height, height);

  double hvalue = gtk_adjustment_get_value (self->hadjustment);

  /* Zooming in keeps what was in the middle in the middle, not the left edge in view. */
  if (self->pending_hcenter >= 0)
    {
      hvalue = self->pending_hcenter * content_w - width / 2.0;
      self->pending_hcenter = -1;
    }

  self->in_goto = self->in_goto || self->has_pending_page;
  gtk_adjustment_configure (self->hadjustment,
                            CLAMP (hvalue, 0, content_w - width),
                            0, content_w, width * 0.1, width * 0.9, width);
  gtk_adjustment_configure (self->vadjustment,
                            CLAMP (gtk_adjustment_get_value (self->vadjustment), 0,
                                   content_h - height),
                            0, content_h, 40, height * 0.9, height);
  self->in_goto = FALSE;
}

void
cab_page_view_scroll_to_page (CabPageView *self,
                              guint        page)
{
  self->in_goto = TRUE;
  gtk_adjustment_set_value (self->vadjustment, self->offsets[page] - SPACING);
  self->in_goto = FALSE;
}

void
cab_page_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CabPageView *self = CAB_PAGE_VIEW (widget);

  if (cab_page_view_n_pages (self) == 0)
    {
      configure_adjustments (self, width, height);
      return;
    }

  if (self->zoom_mode != CAB_ZOOM_MODE_FREE)
    {
      cab_page_view_set_zoom_internal (self, fit_zoom (self, width, height));
    }

  if (!self->layout_valid || self->layout_zoom != self->zoom ||
      self->layout_rotation != self->rotation)
    relayout (self);

  configure_adjustments (self, width, height);

  if (self->has_pending_page)
    {
      cab_page_view_scroll_to_page (self, self->current_page);
      self->has_pending_page = FALSE;
    }

  cab_page_view_update_visible (self);
}

void
cab_page_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  CabPageView *self = CAB_PAGE_VIEW (widget);

  *minimum = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = self->layout_valid ? (int)self->content_width : 0;
  else
    *natural = self->layout_valid ? (int)self->content_height : 0;
}

void
cab_page_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CabPageView *self = CAB_PAGE_VIEW (widget);
  static const GdkRGBA white = { 1, 1, 1, 1 };
  static const GdkRGBA shadow = { 0, 0, 0, 0.2 };
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double hvalue, vvalue, content_w, scale;
  guint first, last;

  if (cab_page_view_n_pages (self) == 0 || !self->layout_valid)
    return;

  hvalue = gtk_adjustment_get_value (self->hadjustment);
  vvalue = gtk_adjustment_get_value (self->vadjustment);
  content_w = MAX (self->content_width, width);
  scale = cab_page_view_get_render_scale (self);
  first = cab_page_view_page_at_y (self, vvalue);
  last = cab_page_view_page_at_y (self, vvalue + height);

  for (guint i = first; i <= last; i++)
    {
      GdkTexture *texture;
      double w, h;
      graphene_rect_t rect, frame;

      page_display_size (self, i, self->zoom, self->rotation, &w, &h);
      rect = GRAPHENE_RECT_INIT (floor ((content_w - w) / 2) - hvalue,
                                 self->offsets[i] - vvalue,
                                 round (w), round (h));

      /* A frame of a pixel, not a blurred shadow: blurring a page-sized box costs the cairo
       * renderer several milliseconds every frame that shows a page. Four lines, not a box
       * under the page: a software GL renderer fills every pixel of a box, every frame. */
      frame = GRAPHENE_RECT_INIT (rect.origin.x - 1, rect.origin.y - 1, rect.size.width + 2, 1);
      gtk_snapshot_append_color (snapshot, &shadow, &frame);
      frame.origin.y = rect.origin.y + rect.size.height;
      gtk_snapshot_append_color (snapshot, &shadow, &frame);
      frame = GRAPHENE_RECT_INIT (rect.origin.x - 1, rect.origin.y, 1, rect.size.height);
      gtk_snapshot_append_color (snapshot, &shadow, &frame);
      frame.origin.x = rect.origin.x + rect.size.width;
      gtk_snapshot_append_color (snapshot, &shadow, &frame);

      texture = cab_page_cache_lookup (self->cache, i, scale, self->rotation);
      if (texture == NULL)
        texture = cab_page_cache_lookup_any (self->cache, i, scale, self->rotation, NULL);
      /* A rendered page is opaque (painted white first): the paper is drawn only without it. */
      if (texture != NULL)
        gtk_snapshot_append_texture (snapshot, texture, &rect);
      else
        gtk_snapshot_append_color (snapshot, &white, &rect);
    }
}

void
cab_page_view_prepare (CabPageView *self,
                       int          width,
                       int          height)
{
  g_return_if_fail (CAB_IS_PAGE_VIEW (self));

  if (cab_page_view_n_pages (self) == 0 || width <= 0 || height <= 0 || gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    return;

  if (self->zoom_mode != CAB_ZOOM_MODE_FREE)
    {
      cab_page_view_set_zoom_internal (self, fit_zoom (self, width, height));
    }
  if (!self->layout_valid || self->layout_zoom != self->zoom ||
      self->layout_rotation != self->rotation)
    relayout (self);

  update_visible_for_height (self, height);
}

gboolean
cab_page_view_get_visible_range (CabPageView *self,
                                 guint       *first,
                                 guint       *last)
{
  g_return_val_if_fail (CAB_IS_PAGE_VIEW (self), FALSE);

  if (!self->has_visible)
    return FALSE;

  if (first != NULL)
    *first = self->first_visible;
  if (last != NULL)
    *last = self->last_visible;

  return TRUE;
}
