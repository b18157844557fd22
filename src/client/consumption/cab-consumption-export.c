/* cab-consumption-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cab-consumption-export.h"
#include "cab-consumption-month-item.h"

/* The act's export (account/cab-statement-export.c) writes the same two dialects. */
typedef struct
{
  char      separator;
  char      decimal;
  gboolean  bom;
} CsvDialect;

static const CsvDialect english_dialect = { ',', '.', FALSE };
static const CsvDialect russian_dialect = { ';', ',', TRUE };

static void
csv_field (GString          *out,
           const CsvDialect *dialect,
           const char       *text)
{
  const char specials[] = { dialect->separator, '"', '\r', '\n', '\0' };

  if (strpbrk (text, specials) == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* A wire number ("98112.000", "482844.86") with the dialect's decimal sign. */
static void
csv_number (GString          *out,
            const CsvDialect *dialect,
            char             *wire)
{
  char *point = strchr (wire, '.');

  if (point != NULL)
    *point = dialect->decimal;
  g_string_append (out, wire);
  g_free (wire);
}

static gboolean
style_is_russian (CabMoneyStyle style)
{
  const struct lconv *lc;

  if (style != CAB_MONEY_STYLE_LOCALE)
    return style == CAB_MONEY_STYLE_RUSSIAN;

  lc = localeconv ();
  return lc != NULL && lc->decimal_point != NULL && lc->decimal_point[0] == ',';
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
  const CsvDialect *dialect;
  GString *out;

  g_return_val_if_fail (G_IS_LIST_MODEL (months), NULL);

  dialect = style_is_russian (style) ? &russian_dialect : &english_dialect;
  out = g_string_new (NULL);
  if (dialect->bom)
    g_string_append (out, "\xef\xbb\xbf");

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (i > 0)
        g_string_append_c (out, dialect->separator);
      csv_field (out, dialect, header[i]);
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
        csv_number (out, dialect, cab_volume_to_wire (m->volume));
      g_string_append_c (out, dialect->separator);
      if (p->has_volume)
        csv_number (out, dialect, cab_volume_to_wire (p->volume));
      g_string_append_c (out, dialect->separator);
      if (m->has_amount)
        csv_number (out, dialect, cab_money_to_wire (m->amount));
      g_string_append_c (out, dialect->separator);
      if (m->has_price)
        csv_number (out, dialect, cab_money_to_wire (m->price));
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}
