/* cab-consumption-chart.h: kWh per month as bars, the same month a year before as a lighter
 * bar beside each, the average price per kWh as a line on a second axis; drawn with
 * GtkSnapshot in the style's colours (light and dark).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CAB_TYPE_CONSUMPTION_CHART (cab_consumption_chart_get_type ())
G_DECLARE_FINAL_TYPE (CabConsumptionChart, cab_consumption_chart, CAB, CONSUMPTION_CHART, GtkWidget)

GtkWidget   *cab_consumption_chart_new          (void);

/* The months drawn: a GListModel of CabConsumptionMonthItem ("model"), oldest first. */
GListModel  *cab_consumption_chart_get_model    (CabConsumptionChart  *self);
void         cab_consumption_chart_set_model    (CabConsumptionChart  *self,
                                                 GListModel           *model);

/* What the chart shows in one sentence, its accessible label ("summary"). */
const char  *cab_consumption_chart_get_summary  (CabConsumptionChart  *self);

/* The chart as drawn now, at its size on screen, through the window's renderer; fails with
 * G_IO_ERROR_NOT_INITIALIZED while the chart is not shown. */
GdkTexture  *cab_consumption_chart_render       (CabConsumptionChart  *self,
                                                 GError              **error);

G_END_DECLS
