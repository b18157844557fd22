/* cab-consumption-page.h: «Потребление» / "Consumption": the selected contract's kWh per month
 * as a chart and a table, 12, 24 or 36 months, exported as CSV and PNG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-session.h"
#include "cab-consumption-model.h"

G_BEGIN_DECLS

#define CAB_TYPE_CONSUMPTION_PAGE (cab_consumption_page_get_type ())
G_DECLARE_FINAL_TYPE (CabConsumptionPage, cab_consumption_page, CAB, CONSUMPTION_PAGE, AdwBin)

GtkWidget           *cab_consumption_page_new             (CabSession         *session);

CabConsumptionModel *cab_consumption_page_get_model       (CabConsumptionPage *self);
/* The chart widget (CabConsumptionChart). */
GtkWidget           *cab_consumption_page_get_chart       (CabConsumptionPage *self);
/* The table (a GtkColumnView over the model's months). */
GtkWidget           *cab_consumption_page_get_table       (CabConsumptionPage *self);
/* The visible child of the page's stack: "empty", "loading", "unavailable", "no-volumes" or
 * "ready". */
const char          *cab_consumption_page_get_view        (CabConsumptionPage *self);

/* Writes the table as CSV, or the chart as PNG, to @file, as Export does once a file is
 * chosen; the outcome appears in the status text. */
void                 cab_consumption_page_export          (CabConsumptionPage *self,
                                                           GFile              *file,
                                                           gboolean            png);
/* The last export's outcome as shown, or NULL. */
const char          *cab_consumption_page_get_status_text (CabConsumptionPage *self);

G_END_DECLS
