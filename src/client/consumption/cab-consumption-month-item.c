/* cab-consumption-month-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-consumption-month-item.h"

struct _CabConsumptionMonthItem
{
  GObject             parent_instance;

  CabConsumptionMonth month;
  CabConsumptionMonth previous;
};

G_DEFINE_FINAL_TYPE (CabConsumptionMonthItem, cab_consumption_month_item, G_TYPE_OBJECT)

/* What a table cell shows for a month without the figure: not 0, which would be a figure. */
#define NO_DATA "—"

static void
cab_consumption_month_item_class_init (CabConsumptionMonthItemClass *klass)
{
}

static void
cab_consumption_month_item_init (CabConsumptionMonthItem *self)
{
}

CabConsumptionMonthItem *
cab_consumption_month_item_new (const CabConsumptionMonth *month,
                                const CabConsumptionMonth *previous)
{
  CabConsumptionMonthItem *self;

  g_return_val_if_fail (month != NULL && previous != NULL, NULL);

  self = g_object_new (CAB_TYPE_CONSUMPTION_MONTH_ITEM, NULL);
  self->month = *month;
  self->previous = *previous;

  return self;
}

const CabConsumptionMonth *
cab_consumption_month_item_get_month (CabConsumptionMonthItem *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_MONTH_ITEM (self), NULL);

  return &self->month;
}

const CabConsumptionMonth *
cab_consumption_month_item_get_previous (CabConsumptionMonthItem *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_MONTH_ITEM (self), NULL);

  return &self->previous;
}

char *
cab_consumption_month_item_format_month (CabConsumptionMonthItem *self)
{
  static const char * const names[] = {
    /* Translators: a month standing alone (nominative), as in the Consumption table's
     * "May 2016" */
    NC_("month name", "January"), NC_("month name", "February"), NC_("month name", "March"),
    NC_("month name", "April"), NC_("month name", "May"), NC_("month name", "June"),
    NC_("month name", "July"), NC_("month name", "August"), NC_("month name", "September"),
    NC_("month name", "October"), NC_("month name", "November"), NC_("month name", "December"),
  };
  guint month;

  g_return_val_if_fail (CAB_IS_CONSUMPTION_MONTH_ITEM (self), NULL);

  month = g_date_get_month (&self->month.month);
  /* Translators: a month and its year, "May 2016" */
  return g_strdup_printf (C_("consumption month", "%s %u"),
                          g_dpgettext2 (NULL, "month name", names[month - 1]),
                          (guint) g_date_get_year (&self->month.month));
}

char *
cab_consumption_month_item_format_kwh (CabConsumptionMonthItem *self,
                                       gboolean                 previous,
                                       CabMoneyStyle            style)
{
  const CabConsumptionMonth *month;

  g_return_val_if_fail (CAB_IS_CONSUMPTION_MONTH_ITEM (self), NULL);

  month = previous ? &self->previous : &self->month;
  if (!month->has_volume)
    return g_strdup (NO_DATA);
  return cab_consumption_format_kwh (month->volume, style);
}

char *
cab_consumption_month_item_format_amount (CabConsumptionMonthItem *self,
                                          CabMoneyStyle            style)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_MONTH_ITEM (self), NULL);

  if (!self->month.has_amount)
    return g_strdup (NO_DATA);
  return cab_money_format (self->month.amount, style);
}

char *
cab_consumption_month_item_format_price (CabConsumptionMonthItem *self,
                                         CabMoneyStyle            style)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_MONTH_ITEM (self), NULL);

  if (!self->month.has_price)
    return g_strdup (NO_DATA);
  return cab_money_format (self->month.price, style);
}
