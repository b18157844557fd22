/* cab-consumption-month-item.h: one month of the Consumption page, with the same month a year
 * before, as an item of a GListModel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cab-core.h"

G_BEGIN_DECLS

#define CAB_TYPE_CONSUMPTION_MONTH_ITEM (cab_consumption_month_item_get_type ())
G_DECLARE_FINAL_TYPE (CabConsumptionMonthItem, cab_consumption_month_item, CAB, CONSUMPTION_MONTH_ITEM, GObject)

CabConsumptionMonthItem   *cab_consumption_month_item_new          (const CabConsumptionMonth *month,
                                                                    const CabConsumptionMonth *previous);

const CabConsumptionMonth *cab_consumption_month_item_get_month    (CabConsumptionMonthItem   *self);
const CabConsumptionMonth *cab_consumption_month_item_get_previous (CabConsumptionMonthItem   *self);

/* For people, in @style: "May 2016" / "май 2016"; the kWh; the money; the price per kWh.
 * Each is "—" (and *_has_* FALSE above) when the month has no such figure. */
char                      *cab_consumption_month_item_format_month (CabConsumptionMonthItem   *self);
char                      *cab_consumption_month_item_format_kwh   (CabConsumptionMonthItem   *self,
                                                                    gboolean                   previous,
                                                                    CabMoneyStyle              style);
char                      *cab_consumption_month_item_format_amount (CabConsumptionMonthItem  *self,
                                                                    CabMoneyStyle              style);
char                      *cab_consumption_month_item_format_price (CabConsumptionMonthItem   *self,
                                                                    CabMoneyStyle              style);

G_END_DECLS
