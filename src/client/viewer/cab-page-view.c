/* cab-page-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cab-page-view.h"

/* Space around and between pages, in logical pixels. */
#define SPACING 12
/* A PDF point is 1/72 inch, the desktop's pixel 1/96 inch: 100 % is life size. */
#define POINTS_TO_PIXELS (96.0 / 72.0)
/* Enough for the visible pages and their neighbours at any zoom with a margin to scroll back;
 * the byte budget keeps high zoom levels from holding a dozen huge pages. */
#define CACHE_MAX_ENTRIES 12
#define CACHE_MAX_BYTES (160u * 1024u * 1024u)

static const double zoom_steps[] = {
  0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0,
};

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

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  PROP_ZOOM_MODE,
  PROP_ROTATION,
  PROP_CURRENT_PAGE,
  PROP_N_PAGES,
  N_PROPS,

  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE_WITH_CODE (CabPageView, cab_page_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

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

static guint
n_pages (CabPageView *self)
{
  return self->document != NULL ? cab_pdf_document_get_n_pages (self->document) : 0;
}

static double
clamp_zoom (double zoom)
{
  return CLAMP (zoom, CAB_DOCUMENT_VIEWER_ZOOM_MIN, CAB_DOCUMENT_VIEWER_ZOOM_MAX);
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
static guint
page_at_y (CabPageView *self,
           double       y)
{
  guint lo = 0, hi = n_pages (self);

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

static void
set_current_page_internal (CabPageView *self,
                           guint        page)
{
  if (self->current_page == page)
    return;

  self->current_page = page;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PAGE]);
}

static void
update_current_page (CabPageView *self)
{
  double value, page_size, upper;
  guint page;

  if (self->in_goto || self->has_pending_page || n_pages (self) == 0 || !self->layout_valid)
    return;

  value = gtk_adjustment_get_value (self->vadjustment);
  page_size = gtk_adjustment_get_page_size (self->vadjustment);
  upper = gtk_adjustment_get_upper (self->vadjustment);

  if (value <= 0)
    page = 0;
  else if (value + page_size >= upper - 1)
    page = n_pages (self) - 1;
  else
    page = page_at_y (self, value + page_size / 2);

  set_current_page_internal (self, page);
}

/* Asks for the visible pages first, then their neighbours, and drops the rest. */
static void
update_visible_for_height (CabPageView *self,
                           double       height)
{
  double value, scale;
  guint first, last, n;

  n = n_pages (self);
  if (n == 0 || !self->layout_valid || height <= 0)
    {
      self->has_visible = FALSE;
      return;
    }

  value = gtk_adjustment_get_value (self->vadjustment);
  first = page_at_y (self, value);
  last = page_at_y (self, value + height);

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

static void
update_visible (CabPageView *self)
{
  update_visible_for_height (self, gtk_widget_get_height (GTK_WIDGET (self)));
}

/* Recomputes page positions for the current zoom and rotation, keeping the current page at
 * the same place in the view. */
static void
relayout (CabPageView *self)
{
  guint n = n_pages (self);
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
static void
relayout_now (CabPageView *self)
{
  if (n_pages (self) > 0 && self->layout_valid)
    relayout (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static double
fit_zoom (CabPageView *self,
          int          width,
          int          height)
{
  double max_w = 0, max_h = 0, zoom;
  guint n = n_pages (self);

  for (guint i = 0; i < n; i++)
    {
      double w, h;

      page_display_size (self, i, 1.0, self->rotation, &w, &h);
      max_w = MAX (max_w, w);
      max_h = MAX (max_h, h);
    }

  if (max_w <= 0 || max_h <= 0)
    return self->zoom;

  zoom = (width - 2.0 * SPACING) / max_w;
  if (self->zoom_mode == CAB_ZOOM_MODE_FIT_PAGE)
    zoom = MIN (zoom, (height - 2.0 * SPACING) / max_h);

  /* Whole percents, so that a resize by a pixel does not re-render every page. */
  return clamp_zoom (floor (zoom * 100.0) / 100.0);
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

static void
scroll_to_page (CabPageView *self,
                guint        page)
{
  self->in_goto = TRUE;
  gtk_adjustment_set_value (self->vadjustment, self->offsets[page] - SPACING);
  self->in_goto = FALSE;
}

static void
cab_page_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CabPageView *self = CAB_PAGE_VIEW (widget);

  if (n_pages (self) == 0)
    {
      configure_adjustments (self, width, height);
      return;
    }

  if (self->zoom_mode != CAB_ZOOM_MODE_FREE)
    {
      double zoom = fit_zoom (self, width, height);

      if (zoom != self->zoom)
        {
          self->zoom = zoom;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
        }
    }

  if (!self->layout_valid || self->layout_zoom != self->zoom ||
      self->layout_rotation != self->rotation)
    relayout (self);

  configure_adjustments (self, width, height);

  if (self->has_pending_page)
    {
      scroll_to_page (self, self->current_page);
      self->has_pending_page = FALSE;
    }

  update_visible (self);
}

static void
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

static void
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

  if (n_pages (self) == 0 || !self->layout_valid)
    return;

  hvalue = gtk_adjustment_get_value (self->hadjustment);
  vvalue = gtk_adjustment_get_value (self->vadjustment);
  content_w = MAX (self->content_width, width);
  scale = cab_page_view_get_render_scale (self);
  first = page_at_y (self, vvalue);
  last = page_at_y (self, vvalue + height);

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
       * renderer several milliseconds every frame that shows a page. */
      frame = GRAPHENE_RECT_INIT (rect.origin.x - 1, rect.origin.y - 1,
                                  rect.size.width + 2, rect.size.height + 2);
      gtk_snapshot_append_color (snapshot, &shadow, &frame);
      gtk_snapshot_append_color (snapshot, &white, &rect);

      texture = cab_page_cache_lookup (self->cache, i, scale, self->rotation);
      if (texture == NULL)
        texture = cab_page_cache_lookup_any (self->cache, i, scale, self->rotation, NULL);
      if (texture != NULL)
        gtk_snapshot_append_texture (snapshot, texture, &rect);
    }
}

static void
on_page_ready (CabPageView     *self,
               guint            page,
               CabPageRenderer *renderer)
{
  if (self->has_visible && page + 1 >= self->first_visible && page <= self->last_visible + 1)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_vadjustment_value_changed (CabPageView   *self,
                              GtkAdjustment *adjustment)
{
  update_current_page (self);
  update_visible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Moved to a HiDPI monitor: the same zoom now needs more pixels. */
static void
on_scale_factor_changed (CabPageView *self)
{
  update_visible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_hadjustment_value_changed (CabPageView   *self,
                              GtkAdjustment *adjustment)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (CabPageView    *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment,
                GCallback       callback)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  if (*slot == adjustment)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_data (*slot, self);
      g_clear_object (slot);
    }

  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_object (adjustment, "value-changed", callback, self, G_CONNECT_SWAPPED);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
on_scroll (CabPageView              *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if ((state & GDK_CONTROL_MASK) == 0 || n_pages (self) == 0)
    return FALSE;

  /* Touchpads report pixels; a wheel reports notches. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    dy /= 40.0;

  cab_page_view_scroll_zoom (self, dy);

  return TRUE;
}

void
cab_page_view_scroll_zoom (CabPageView *self,
                           double       dy)
{
  g_return_if_fail (CAB_IS_PAGE_VIEW (self));

  self->scroll_accumulator += dy;
  while (self->scroll_accumulator <= -1)
    {
      cab_page_view_zoom_in (self);
      self->scroll_accumulator += 1;
    }
  while (self->scroll_accumulator >= 1)
    {
      cab_page_view_zoom_out (self);
      self->scroll_accumulator -= 1;
    }
}

static void
go_relative (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CabPageView *self = CAB_PAGE_VIEW (widget);
  guint n = n_pages (self);
  int delta = g_variant_get_int32 (parameter);
  gint64 target;

  if (n == 0)
    return;

  if (delta == G_MININT32)
    target = 0;
  else if (delta == G_MAXINT32)
    target = n - 1;
  else
    target = CLAMP ((gint64)self->current_page + delta, 0, (gint64)n - 1);

  cab_page_view_set_current_page (self, (guint)target);
}

static void
cab_page_view_dispose (GObject *object)
{
  CabPageView *self = (CabPageView *)object;

  cab_page_view_set_document (self, NULL);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (cab_page_view_parent_class)->dispose (object);
}

static void
cab_page_view_finalize (GObject *object)
{
  CabPageView *self = (CabPageView *)object;

  g_clear_pointer (&self->offsets, g_free);

  G_OBJECT_CLASS (cab_page_view_parent_class)->finalize (object);
}

static void
cab_page_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CabPageView *self = CAB_PAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_ZOOM_MODE:
      g_value_set_int (value, self->zoom_mode);
      break;
    case PROP_ROTATION:
      g_value_set_uint (value, self->rotation);
      break;
    case PROP_CURRENT_PAGE:
      g_value_set_uint (value, self->current_page);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, n_pages (self));
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_page_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CabPageView *self = CAB_PAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      cab_page_view_set_document (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      cab_page_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_ZOOM_MODE:
      cab_page_view_set_zoom_mode (self, g_value_get_int (value));
      break;
    case PROP_ROTATION:
      cab_page_view_set_rotation (self, g_value_get_uint (value));
      break;
    case PROP_CURRENT_PAGE:
      cab_page_view_set_current_page (self, g_value_get_uint (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value),
                      G_CALLBACK (on_hadjustment_value_changed));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value),
                      G_CALLBACK (on_vadjustment_value_changed));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_page_view_class_init (CabPageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_page_view_dispose;
  object_class->finalize = cab_page_view_finalize;
  object_class->get_property = cab_page_view_get_property;
  object_class->set_property = cab_page_view_set_property;

  widget_class->measure = cab_page_view_measure;
  widget_class->size_allocate = cab_page_view_size_allocate;
  widget_class->snapshot = cab_page_view_snapshot;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CAB_TYPE_PDF_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         CAB_DOCUMENT_VIEWER_ZOOM_MIN, CAB_DOCUMENT_VIEWER_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM_MODE] =
    g_param_spec_int ("zoom-mode", NULL, NULL,
                      CAB_ZOOM_MODE_FREE, CAB_ZOOM_MODE_FIT_PAGE, CAB_ZOOM_MODE_FIT_WIDTH,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROTATION] =
    g_param_spec_uint ("rotation", NULL, NULL, 0, 270, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_PAGE] =
    g_param_spec_uint ("current-page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /* Here as well as on the window: the scrolled window around this view would otherwise take
   * Page Up/Down for scrolling by a screen. */
  gtk_widget_class_install_action (widget_class, "page-view.go", "i", go_relative);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0,
                                       "page-view.go", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Up, 0,
                                       "page-view.go", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0,
                                       "page-view.go", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Down, 0,
                                       "page-view.go", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0,
                                       "page-view.go", "i", G_MININT32);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0,
                                       "page-view.go", "i", G_MAXINT32);

  gtk_widget_class_set_css_name (widget_class, "cab-page-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cab_page_view_init (CabPageView *self)
{
  GtkEventController *scroll;

  self->zoom = 1.0;
  self->zoom_mode = CAB_ZOOM_MODE_FIT_WIDTH;
  self->pending_hcenter = 0.5;

  set_adjustment (self, &self->hadjustment, NULL, G_CALLBACK (on_hadjustment_value_changed));
  set_adjustment (self, &self->vadjustment, NULL, G_CALLBACK (on_vadjustment_value_changed));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed), NULL);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (on_scroll), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}

GtkWidget *
cab_page_view_new (void)
{
  return g_object_new (CAB_TYPE_PAGE_VIEW, NULL);
}

void
cab_page_view_set_document (CabPageView    *self,
                            CabPdfDocument *document)
{
  g_return_if_fail (CAB_IS_PAGE_VIEW (self));
  g_return_if_fail (document == NULL || CAB_IS_PDF_DOCUMENT (document));

  if (self->document == document)
    return;

  /* A render still running holds the old renderer; cancelled, it never reaches the screen. */
  if (self->renderer != NULL)
    {
      g_clear_signal_handler (&self->page_ready_id, self->renderer);
      cab_page_renderer_cancel_all (self->renderer);
    }
  g_clear_object (&self->renderer);
  g_clear_object (&self->cache);
  g_set_object (&self->document, document);

  if (document != NULL)
    {
      self->cache = cab_page_cache_new (CACHE_MAX_ENTRIES, CACHE_MAX_BYTES);
      self->renderer = cab_page_renderer_new (document, self->cache);
      self->page_ready_id = g_signal_connect_object (self->renderer, "page-ready",
                                                     G_CALLBACK (on_page_ready), self,
                                                     G_CONNECT_SWAPPED);
    }

  self->layout_valid = FALSE;
  self->has_visible = FALSE;
  self->pending_hcenter = 0.5;
  self->current_page = 0;
  self->has_pending_page = TRUE;
  if (self->vadjustment != NULL)
    {
      self->in_goto = TRUE;
      gtk_adjustment_set_value (self->vadjustment, 0);
      self->in_goto = FALSE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PAGE]);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

CabPdfDocument *
cab_page_view_get_document (CabPageView *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_VIEW (self), NULL);

  return self->document;
}

CabPageRenderer *
cab_page_view_get_renderer (CabPageView *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_VIEW (self), NULL);

  return self->renderer;
}

CabPageCache *
cab_page_view_get_cache (CabPageView *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_VIEW (self), NULL);

  return self->cache;
}

guint
cab_page_view_get_n_pages (CabPageView *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_VIEW (self), 0);

  return n_pages (self);
}

guint
cab_page_view_get_current_page (CabPageView *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_VIEW (self), 0);

  return self->current_page;
}

void
cab_page_view_set_current_page (CabPageView *self,
                                guint        page)
{
  g_return_if_fail (CAB_IS_PAGE_VIEW (self));

  if (n_pages (self) == 0)
    return;

  page = MIN (page, n_pages (self) - 1);
  set_current_page_internal (self, page);

  if (self->layout_valid && gtk_widget_get_height (GTK_WIDGET (self)) > 0)
    {
      scroll_to_page (self, page);
      update_visible (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else
    {
      self->has_pending_page = TRUE;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
}

double
cab_page_view_get_zoom (CabPageView *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_VIEW (self), 1.0);

  return self->zoom;
}

static void
set_zoom_mode_internal (CabPageView *self,
                        CabZoomMode  mode)
{
  if (self->zoom_mode == mode)
    return;

  self->zoom_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM_MODE]);
}

void
cab_page_view_set_zoom (CabPageView *self,
                        double       zoom)
{
  g_return_if_fail (CAB_IS_PAGE_VIEW (self));

  zoom = clamp_zoom (zoom);
  set_zoom_mode_internal (self, CAB_ZOOM_MODE_FREE);

  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  relayout_now (self);
}

CabZoomMode
cab_page_view_get_zoom_mode (CabPageView *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_VIEW (self), CAB_ZOOM_MODE_FREE);

  return self->zoom_mode;
}

void
cab_page_view_set_zoom_mode (CabPageView *self,
                             CabZoomMode  mode)
{
  g_return_if_fail (CAB_IS_PAGE_VIEW (self));

  set_zoom_mode_internal (self, mode);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
cab_page_view_zoom_in (CabPageView *self)
{
  g_return_if_fail (CAB_IS_PAGE_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
    if (zoom_steps[i] > self->zoom + 0.001)
      {
        cab_page_view_set_zoom (self, zoom_steps[i]);
        return;
      }
  cab_page_view_set_zoom (self, CAB_DOCUMENT_VIEWER_ZOOM_MAX);
}

void
cab_page_view_zoom_out (CabPageView *self)
{
  g_return_if_fail (CAB_IS_PAGE_VIEW (self));

  for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
    if (zoom_steps[i - 1] < self->zoom - 0.001)
      {
        cab_page_view_set_zoom (self, zoom_steps[i - 1]);
        return;
      }
  cab_page_view_set_zoom (self, CAB_DOCUMENT_VIEWER_ZOOM_MIN);
}

guint
cab_page_view_get_rotation (CabPageView *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_VIEW (self), 0);

  return self->rotation;
}

void
cab_page_view_set_rotation (CabPageView *self,
                            guint        rotation)
{
  g_return_if_fail (CAB_IS_PAGE_VIEW (self));

  rotation = (rotation / 90 * 90) % 360;
  if (rotation == self->rotation)
    return;

  self->rotation = rotation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROTATION]);
  relayout_now (self);
}

void
cab_page_view_prepare (CabPageView *self,
                       int          width,
                       int          height)
{
  g_return_if_fail (CAB_IS_PAGE_VIEW (self));

  if (n_pages (self) == 0 || width <= 0 || height <= 0 || gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    return;

  if (self->zoom_mode != CAB_ZOOM_MODE_FREE)
    {
      double zoom = fit_zoom (self, width, height);

      if (zoom != self->zoom)
        {
          self->zoom = zoom;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
        }
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
