/* cab-page-view.c: the widget's state (document, zoom, rotation, current page) as properties,
 * and what the keyboard and Ctrl+scroll do; the layout and drawing are in
 * cab-page-view-layout.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-page-view-private.h"

/* Enough for the visible pages and their neighbours at any zoom with a margin to scroll back;
 * the byte budget keeps high zoom levels from holding a dozen huge pages. */
#define CACHE_MAX_ENTRIES 12
#define CACHE_MAX_BYTES (160u * 1024u * 1024u)

static const double zoom_steps[] = {
  0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0,
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

void
cab_page_view_set_zoom_internal (CabPageView *self,
                                 double       zoom)
{
  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
cab_page_view_set_current_page_internal (CabPageView *self,
                                         guint        page)
{
  if (self->current_page == page)
    return;

  self->current_page = page;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PAGE]);
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
  cab_page_view_update_current_page (self);
  cab_page_view_update_visible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Moved to a HiDPI monitor: the same zoom now needs more pixels. */
static void
on_scale_factor_changed (CabPageView *self)
{
  cab_page_view_update_visible (self);
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
  if ((state & GDK_CONTROL_MASK) == 0 || cab_page_view_n_pages (self) == 0)
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
  guint n = cab_page_view_n_pages (self);
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
      g_value_set_uint (value, cab_page_view_n_pages (self));
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

  return cab_page_view_n_pages (self);
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

  if (cab_page_view_n_pages (self) == 0)
    return;

  page = MIN (page, cab_page_view_n_pages (self) - 1);
  cab_page_view_set_current_page_internal (self, page);

  if (self->layout_valid && gtk_widget_get_height (GTK_WIDGET (self)) > 0)
    {
      cab_page_view_scroll_to_page (self, page);
      cab_page_view_update_visible (self);
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

  zoom = cab_page_view_clamp_zoom (zoom);
  set_zoom_mode_internal (self, CAB_ZOOM_MODE_FREE);

  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  cab_page_view_relayout_now (self);
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
  cab_page_view_relayout_now (self);
}
