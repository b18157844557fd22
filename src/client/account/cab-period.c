/* cab-period.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-core.h"
#include "cab-period.h"

static void
set_field (CabPeriodField *out_field,
           CabPeriodField  field)
{
  if (out_field != NULL)
    *out_field = field;
}

static gboolean
parse_one (const char      *text,
           CabPeriodField   field,
           GDate           *out_date,
           CabPeriodField  *out_field,
           GError         **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*stripped == '\0')
    {
      set_field (out_field, field);
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_DATE,
                           field == CAB_PERIOD_FIELD_FROM
                           ? _("Enter the start of the period as DD.MM.YYYY")
                           : _("Enter the end of the period as DD.MM.YYYY"));
      return FALSE;
    }

  if (!cab_date_parse_display (stripped, out_date, NULL))
    {
      set_field (out_field, field);
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_DATE,
                   field == CAB_PERIOD_FIELD_FROM
                   /* Translators: %s is what the user typed */
                   ? _("“%s” is not a valid date: type the start of the period as DD.MM.YYYY")
                   /* Translators: %s is what the user typed */
                   : _("“%s” is not a valid date: type the end of the period as DD.MM.YYYY"),
                   stripped);
      return FALSE;
    }

  return TRUE;
}

gboolean
cab_period_check (const GDate     *from,
                  const GDate     *to,
                  CabPeriodField  *out_field,
                  GError         **error)
{
  GDate limit;

  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (to != NULL && g_date_valid (to), FALSE);

  set_field (out_field, CAB_PERIOD_FIELD_NONE);

  if (g_date_compare (from, to) >= 0)
    {
      g_autofree char *from_text = cab_date_to_display (from);

      set_field (out_field, CAB_PERIOD_FIELD_TO);
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_PERIOD,
                   /* Translators: %s is a date; "to" is the first day after the period */
                   _("The end of the period must be after its start, %s (the end is the first day after the period)"),
                   from_text);
      return FALSE;
    }

  limit = *from;
  g_date_add_years (&limit, CAB_PERIOD_MAX_YEARS);
  if (g_date_compare (to, &limit) > 0)
    {
      set_field (out_field, CAB_PERIOD_FIELD_TO);
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_PERIOD,
                   _("The period is longer than %d years: choose a shorter one"),
                   CAB_PERIOD_MAX_YEARS);
      return FALSE;
    }

  return TRUE;
}

gboolean
cab_period_parse (const char      *from_text,
                  const char      *to_text,
                  GDate           *out_from,
                  GDate           *out_to,
                  CabPeriodField  *out_field,
                  GError         **error)
{
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);

  if (!parse_one (from_text, CAB_PERIOD_FIELD_FROM, &from, out_field, error) ||
      !parse_one (to_text, CAB_PERIOD_FIELD_TO, &to, out_field, error) ||
      !cab_period_check (&from, &to, out_field, error))
    return FALSE;

  if (out_from != NULL)
    *out_from = from;
  if (out_to != NULL)
    *out_to = to;

  return TRUE;
}

void
cab_period_default (const GDate *today,
                    GDate       *out_from,
                    GDate       *out_to)
{
  cab_date_quarter_bounds (today, out_from, out_to);
}
