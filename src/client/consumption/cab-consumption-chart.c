/* cab-consumption-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "cab-consumption-chart.h"
#include "cab-consumption-month-item.h"

struct _CabConsumptionChart
{
  GtkWidget   parent_instance;

  GListModel *model;
  char       *summary;
};

G_DEFINE_FINAL_TYPE (CabConsumptionChart, cab_consumption_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Room around the plot for the axes' labels and the legend, in pixels. */
#define PAD_TOP     36.0
#define PAD_BOTTOM  28.0
#define PAD_SIDE    12.0
#define N_TICKS     4

typedef struct
{
  GdkRGBA background;
  GdkRGBA foreground;
  GdkRGBA grid;
  GdkRGBA bar;
  GdkRGBA previous;
  GdkRGBA line;
} Palette;

/* The style's named colours, so the chart follows light, dark and the accent. */
static void
lookup (GtkStyleContext *context,
        const char      *name,
        const char      *fallback,
        GdkRGBA         *out)
{
  if (!gtk_style_context_lookup_color (context, name, out))
    gdk_rgba_parse (out, fallback);
}

static void
get_palette (CabConsumptionChart *self,
             Palette             *palette)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  lookup (context, "window_bg_color", "#fafafa", &palette->background);
  gtk_style_context_get_color (context, &palette->foreground);
  palette->grid = palette->foreground;
  palette->grid.alpha *= 0.15f;
  lookup (context, "accent_bg_color", "#3584e4", &palette->bar);
  palette->previous = palette->bar;
  palette->previous.alpha *= 0.35f;
  /* the price is another quantity: another hue than the accent's bars, readable on both */
  lookup (context, "warning_color", "#9c6e03", &palette->line);
}

/* A round step for about N_TICKS grid lines up to @max (1, 2 or 5 × 10^k). */
static double
nice_step (double max)
{
  double raw = max / N_TICKS;
  double magnitude, fraction;

  if (raw <= 0)
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static PangoLayout *
small_layout (CabConsumptionChart *self,
              const char          *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

/* Draws @text with its top left at (@x, @y); @align 0 left, 0.5 centre, 1 right of @x. */
static void
draw_text (CabConsumptionChart *self,
           GtkSnapshot         *snapshot,
           const char          *text,
           double               x,
           double               y,
           double               align,
           const GdkRGBA       *color)
{
  g_autoptr(PangoLayout) layout = small_layout (self, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) (x - align * width), (float) y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static int
text_width (CabConsumptionChart *self,
            const char          *text)
{
  g_autoptr(PangoLayout) layout = small_layout (self, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static void
rect (GtkSnapshot   *snapshot,
      const GdkRGBA *color,
      double         x,
      double         y,
      double         w,
      double         h)
{
  if (h < 0)
    {
      y += h;
      h = -h;
    }
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT ((float) x, (float) y, (float) w, (float) h));
}

/* kWh on the axis: thousands as "k", the figures people read are in the table. */
static char *
axis_kwh (double kwh)
{
  if (fabs (kwh) >= 1e6)
    /* Translators: an axis label of kWh in millions, "1.5M" */
    return g_strdup_printf (_("%gM"), kwh / 1e6);
  if (fabs (kwh) >= 1e3)
    /* Translators: an axis label of kWh in thousands, "150k" */
    return g_strdup_printf (_("%gk"), kwh / 1e3);
  return g_strdup_printf ("%g", kwh);
}

static void
draw_legend (CabConsumptionChart *self,
             GtkSnapshot         *snapshot,
             const Palette       *palette,
             double               width)
{
  const struct { const char *text; const GdkRGBA *color; } keys[] = {
    { _("kWh"), &palette->bar },
    { _("kWh a year before"), &palette->previous },
    { _("Price, ₽/kWh"), &palette->line },
  };
  double x = PAD_SIDE;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      rect (snapshot, keys[i].color, x, 8, 12, 12);
      draw_text (self, snapshot, keys[i].text, x + 16, 5, 0, &palette->foreground);
      x += 16 + text_width (self, keys[i].text) + 16;
      if (x > width)
        break;
    }
}

static void
cab_consumption_chart_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  CabConsumptionChart *self = CAB_CONSUMPTION_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  double max_kwh = 0, min_kwh = 0, max_price = 0;
  double kwh_step, kwh_top, kwh_bottom, price_step, price_top;
  double left, right, top, bottom, slot;
  g_autofree double *price_x = NULL;
  g_autofree double *price_y = NULL;
  Palette palette;
  cairo_t *cr;

  get_palette (self, &palette);
  /* opaque, so the exported PNG reads the same as the screen */
  rect (snapshot, &palette.background, 0, 0, width, height);
  if (n == 0 || width < 120 || height < 120)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CabConsumptionMonthItem) item = g_list_model_get_item (self->model, i);
      const CabConsumptionMonth *m = cab_consumption_month_item_get_month (item);
      const CabConsumptionMonth *p = cab_consumption_month_item_get_previous (item);

      if (m->has_volume)
        {
          max_kwh = MAX (max_kwh, m->volume / 1000.0);
          min_kwh = MIN (min_kwh, m->volume / 1000.0);
        }
      if (p->has_volume)
        {
          max_kwh = MAX (max_kwh, p->volume / 1000.0);
          min_kwh = MIN (min_kwh, p->volume / 1000.0);
        }
      if (m->has_price)
        max_price = MAX (max_price, m->price / 100.0);
    }

  kwh_step = nice_step (MAX (max_kwh - min_kwh, 1));
  kwh_top = ceil (max_kwh / kwh_step) * kwh_step;
  kwh_bottom = floor (min_kwh / kwh_step) * kwh_step;
  if (kwh_top <= kwh_bottom)
    kwh_top = kwh_bottom + kwh_step;
  price_step = nice_step (MAX (max_price, 0.01));
  price_top = MAX (ceil (max_price / price_step) * price_step, price_step);

  {
    g_autofree char *widest_kwh = axis_kwh (kwh_bottom < 0 ? kwh_bottom : kwh_top);
    g_autofree char *widest_price = g_strdup_printf ("%g", price_top);

    left = PAD_SIDE + text_width (self, widest_kwh) + 6;
    right = width - PAD_SIDE - text_width (self, widest_price) - 6;
  }
  top = PAD_TOP;
  bottom = height - PAD_BOTTOM;
  if (right - left < n)
    return;
  slot = (right - left) / n;

  draw_legend (self, snapshot, &palette, width);

  /* grid and both axes' labels: kWh on the left, ₽/kWh on the right */
  for (double v = kwh_bottom; v <= kwh_top + kwh_step / 2; v += kwh_step)
    {
      double y = bottom - (v - kwh_bottom) / (kwh_top - kwh_bottom) * (bottom - top);
      double price = (v - kwh_bottom) / (kwh_top - kwh_bottom) * price_top;
      g_autofree char *label = axis_kwh (v);
      g_autofree char *price_label = g_strdup_printf ("%.2f", price);

      rect (snapshot, &palette.grid, left, y, right - left, 1);
      draw_text (self, snapshot, label, left - 6, y - 8, 1, &palette.foreground);
      draw_text (self, snapshot, price_label, right + 6, y - 8, 0, &palette.line);
    }

  price_x = g_new0 (double, n);
  price_y = g_new0 (double, n);
  {
    double zero = bottom - (0 - kwh_bottom) / (kwh_top - kwh_bottom) * (bottom - top);
    double bar = MAX (slot * 0.35, 1);
    /* month labels: as many as fit */
    guint every = (guint) ceil (n * 48.0 / MAX (right - left, 1));

    every = MAX (every, 1);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(CabConsumptionMonthItem) item = g_list_model_get_item (self->model, i);
        const CabConsumptionMonth *m = cab_consumption_month_item_get_month (item);
        const CabConsumptionMonth *p = cab_consumption_month_item_get_previous (item);
        double x = left + i * slot + slot * 0.5;
        double scale = (bottom - top) / (kwh_top - kwh_bottom);

        if (p->has_volume)
          rect (snapshot, &palette.previous, x - bar, zero, bar, -(p->volume / 1000.0) * scale);
        if (m->has_volume)
          rect (snapshot, &palette.bar, x, zero, bar, -(m->volume / 1000.0) * scale);

        price_x[i] = x;
        price_y[i] = m->has_price ? bottom - (m->price / 100.0) / price_top * (bottom - top) : NAN;

        if ((n - 1 - i) % every == 0)
          {
            g_autofree char *label = g_strdup_printf ("%02u.%02u",
                                                      (guint) g_date_get_month (&m->month),
                                                      (guint) g_date_get_year (&m->month) % 100);

            draw_text (self, snapshot, label, x, bottom + 6, 0.5, &palette.foreground);
          }
      }
  }

  /* The price line: GSK of GTK 4.8 has no paths, so it is a cairo node within the snapshot;
   * a month without a price breaks the line. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, (float) width, (float) height));
  gdk_cairo_set_source_rgba (cr, &palette.line);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      if (isnan (price_y[i]))
        continue;
      if (i > 0 && !isnan (price_y[i - 1]))
        cairo_line_to (cr, price_x[i], price_y[i]);
      else
        cairo_move_to (cr, price_x[i], price_y[i]);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    if (!isnan (price_y[i]))
      {
        cairo_arc (cr, price_x[i], price_y[i], 3, 0, 2 * G_PI);
        cairo_fill (cr);
      }
  cairo_destroy (cr);
}

/* --- The summary: what a screen reader says of the chart (the table has the figures). --- */

static void
update_summary (CabConsumptionChart *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  g_autoptr(CabConsumptionMonthItem) first = NULL;
  g_autoptr(CabConsumptionMonthItem) last = NULL;
  g_autoptr(CabConsumptionMonthItem) highest = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *total_text = NULL;
  CabVolume total = 0, top = 0;
  guint with_data = 0;

  g_clear_pointer (&self->summary, g_free);

  if (n == 0)
    {
      self->summary = g_strdup (_("Consumption chart: no months to show"));
    }
  else
    {
      first = g_list_model_get_item (self->model, 0);
      last = g_list_model_get_item (self->model, n - 1);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CabConsumptionMonthItem) item = g_list_model_get_item (self->model, i);
          const CabConsumptionMonth *m = cab_consumption_month_item_get_month (item);

          if (!m->has_volume)
            continue;
          with_data++;
          total += m->volume;
          if (highest == NULL || m->volume > top)
            {
              g_set_object (&highest, item);
              top = m->volume;
            }
        }

      first_text = cab_consumption_month_item_format_month (first);
      last_text = cab_consumption_month_item_format_month (last);
      total_text = cab_consumption_format_kwh (total, CAB_MONEY_STYLE_LOCALE);
      if (highest == NULL)
        {
          /* Translators: the chart's accessible label; months like "May 2016" */
          self->summary = g_strdup_printf (_("Consumption chart from %s to %s: no volumes"),
                                           first_text, last_text);
        }
      else
        {
          g_autofree char *highest_month = cab_consumption_month_item_format_month (highest);
          g_autofree char *highest_kwh = cab_consumption_format_kwh (top, CAB_MONEY_STYLE_LOCALE);

          /* Translators: the chart's accessible label: the first and last month, the total
           * kWh, the months with data of all, the month with the most kWh and its kWh; the
           * figures of each month are in the table below */
          self->summary = g_strdup_printf (_("Consumption chart from %s to %s: %s kWh in total "
                                             "(%u of %u months with volumes), the most in %s, "
                                             "%s kWh; the table below has every month"),
                                           first_text, last_text, total_text, with_data, n,
                                           highest_month, highest_kwh);
        }
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->summary, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static void
on_items_changed (CabConsumptionChart *self)
{
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* --- The object --- */

static void
cab_consumption_chart_dispose (GObject *object)
{
  CabConsumptionChart *self = (CabConsumptionChart *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (cab_consumption_chart_parent_class)->dispose (object);
}

static void
cab_consumption_chart_finalize (GObject *object)
{
  CabConsumptionChart *self = (CabConsumptionChart *)object;

  g_free (self->summary);

  G_OBJECT_CLASS (cab_consumption_chart_parent_class)->finalize (object);
}

static void
cab_consumption_chart_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CabConsumptionChart *self = CAB_CONSUMPTION_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_consumption_chart_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CabConsumptionChart *self = CAB_CONSUMPTION_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      cab_consumption_chart_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_consumption_chart_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  /* fits a 360 px window; tall enough to read 36 bars */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 720;
    }
  else
    {
      *minimum = 240;
      *natural = 300;
    }
}

static void
cab_consumption_chart_css_changed (GtkWidget         *widget,
                                   GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cab_consumption_chart_parent_class)->css_changed (widget, change);
  /* light ⇄ dark, another accent */
  gtk_widget_queue_draw (widget);
}

static void
cab_consumption_chart_class_init (CabConsumptionChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_consumption_chart_dispose;
  object_class->finalize = cab_consumption_chart_finalize;
  object_class->get_property = cab_consumption_chart_get_property;
  object_class->set_property = cab_consumption_chart_set_property;

  widget_class->snapshot = cab_consumption_chart_snapshot;
  widget_class->measure = cab_consumption_chart_measure;
  widget_class->css_changed = cab_consumption_chart_css_changed;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "consumption-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cab_consumption_chart_init (CabConsumptionChart *self)
{
  update_summary (self);
}

GtkWidget *
cab_consumption_chart_new (void)
{
  return g_object_new (CAB_TYPE_CONSUMPTION_CHART, NULL);
}

GListModel *
cab_consumption_chart_get_model (CabConsumptionChart *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_CHART (self), NULL);

  return self->model;
}

void
cab_consumption_chart_set_model (CabConsumptionChart *self,
                                 GListModel          *model)
{
  g_return_if_fail (CAB_IS_CONSUMPTION_CHART (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_items_changed), self);

  on_items_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

const char *
cab_consumption_chart_get_summary (CabConsumptionChart *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_CHART (self), NULL);

  return self->summary;
}

GdkTexture *
cab_consumption_chart_render (CabConsumptionChart  *self,
                              GError              **error)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkNative *native;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (CAB_IS_CONSUMPTION_CHART (self), NULL);

  native = gtk_widget_get_native (widget);
  renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  if (renderer == NULL || width <= 0 || height <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           "The chart is not shown");
      return NULL;
    }

  /* the same drawing as on screen, at the same size */
  snapshot = gtk_snapshot_new ();
  cab_consumption_chart_snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The chart drew nothing");
      return NULL;
    }

  return gsk_renderer_render_texture (renderer, node,
                                     &GRAPHENE_RECT_INIT (0, 0, (float) width, (float) height));
}
