/* cab-consumption-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cab-consumption-export.h"
#include "cab-csv-writer.h"
#include "cab-consumption-month-item.h"

/* Takes @wire. */
static void
write_wire_number (GString             *out,
                   const CabCsvDialect *dialect,
                   char                *wire)
{
  cab_csv_write_number (out, dialect, wire);
  g_free (wire);
}

char *
cab_consumption_export_csv (GListModel *months)
{
  return cab_consumption_export_csv_with_style (months, CAB_MONEY_STYLE_LOCALE);
}

char *
cab_consumption_export_csv_with_style (GListModel    *months,
                                       CabMoneyStyle  style)
{
  const char *header[] = {
    _("Month"), _("kWh"), _("kWh a year before"), _("Amount, ₽"), _("Price, ₽/kWh"),
  };
  const CabCsvDialect *dialect;
  GString *out;

  g_return_val_if_fail (G_IS_LIST_MODEL (months), NULL);

  dialect = cab_csv_dialect_for_style (style);
  out = g_string_new (NULL);
  cab_csv_write_start (out, dialect);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (i > 0)
        g_string_append_c (out, dialect->separator);
      cab_csv_write_field (out, dialect, header[i]);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < g_list_model_get_n_items (months); i++)
    {
      g_autoptr(CabConsumptionMonthItem) item = g_list_model_get_item (months, i);
      const CabConsumptionMonth *m = cab_consumption_month_item_get_month (item);
      const CabConsumptionMonth *p = cab_consumption_month_item_get_previous (item);
      g_autofree char *month = cab_month_to_wire (&m->month);

      g_string_append (out, month);
      g_string_append_c (out, dialect->separator);
      if (m->has_volume)
        write_wire_number (out, dialect, cab_volume_to_wire (m->volume));
      g_string_append_c (out, dialect->separator);
      if (p->has_volume)
        write_wire_number (out, dialect, cab_volume_to_wire (p->volume));
      g_string_append_c (out, dialect->separator);
      if (m->has_amount)
        write_wire_number (out, dialect, cab_money_to_wire (m->amount));
      g_string_append_c (out, dialect->separator);
      if (m->has_price)
        write_wire_number (out, dialect, cab_money_to_wire (m->price));
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}
