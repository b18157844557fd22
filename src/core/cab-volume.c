/* cab-volume.c: energy delivered, and the month it was delivered in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-error.h"
#include "cab-volume.h"

gboolean
cab_volume_parse (const char  *text,
                  CabVolume   *out_wh,
                  GError     **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint integer_digits = 0;
  gint64 wh = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  /* At most 12 integer digits: the value stays within CAB_VOLUME_MAX, so no overflow check
   * is needed past this bound. */
  while (g_ascii_isdigit (*p) && integer_digits <= 12)
    {
      wh = wh * 10 + (*p - '0');
      integer_digits++;
      p++;
    }

  if (integer_digits == 0 || integer_digits > 12 || *p != '.' ||
      !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) || !g_ascii_isdigit (p[3]) ||
      p[4] != '\0')
    {
      g_autofree char *shown = g_utf8_make_valid (text, MIN (strlen (text), 40));

      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "“%s” is not a volume in kWh with three fraction digits", shown);
      return FALSE;
    }

  wh = wh * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');

  if (out_wh != NULL)
    *out_wh = negative ? -wh : wh;

  return TRUE;
}

char *
cab_volume_to_wire (CabVolume wh)
{
  guint64 magnitude;

  g_return_val_if_fail (wh >= -CAB_VOLUME_MAX && wh <= CAB_VOLUME_MAX, NULL);

  magnitude = wh < 0 ? (guint64) -wh : (guint64) wh;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%03u", wh < 0 ? "-" : "",
                          magnitude / 1000, (guint) (magnitude % 1000));
}

gboolean
cab_month_parse (const char  *text,
                 GDate       *out_first_day,
                 GError     **error)
{
  guint year = 0;
  guint month = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  if (strlen (text) != 7 || text[4] != '-' ||
      !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]))
    goto invalid;

  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        goto invalid;
      year = year * 10 + (text[i] - '0');
    }

  if (year < 1900)
    goto invalid;

  month = (text[5] - '0') * 10 + (text[6] - '0');
  if (month < 1 || month > 12)
    goto invalid;

  if (out_first_day != NULL)
    g_date_set_dmy (out_first_day, 1, (GDateMonth) month, (GDateYear) year);

  return TRUE;

invalid:
  {
    g_autofree char *shown = g_utf8_make_valid (text, MIN (strlen (text), 40));

    g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_DATE,
                 "“%s” is not a month written YYYY-MM", shown);
    return FALSE;
  }
}

char *
cab_month_to_wire (const GDate *day)
{
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  return g_strdup_printf ("%04u-%02u", (guint) g_date_get_year (day),
                          (guint) g_date_get_month (day));
}
