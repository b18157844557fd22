/* cab-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-date.h"
#include "cab-error.h"

/* Reads exactly @n ASCII digits at @p. */
static gboolean
read_digits (const char *p,
             guint       n,
             guint      *out_value)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      value = value * 10 + (guint) (p[i] - '0');
    }

  *out_value = value;
  return TRUE;
}

static gboolean
finish_parse (const char  *text,
              guint        year,
              guint        month,
              guint        day,
              GDate       *out_date,
              GError     **error)
{
  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_DATE,
                   "“%s” is not a day of the calendar", shown);
      return FALSE;
    }

  if (out_date != NULL)
    {
      g_date_clear (out_date, 1);
      g_date_set_dmy (out_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    }

  return TRUE;
}

static void
set_form_error (GError     **error,
                const char  *text,
                const char  *expected)
{
  g_autofree char *shown = g_utf8_make_valid (text, -1);

  g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_DATE,
               "“%s” is not a date (expected %s)", shown, expected);
}

gboolean
cab_date_parse_iso (const char  *text,
                    GDate       *out_date,
                    GError     **error)
{
  guint year, month, day;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";

  if (!read_digits (text, 4, &year) || text[4] != '-' ||
      !read_digits (text + 5, 2, &month) || text[7] != '-' ||
      !read_digits (text + 8, 2, &day) || text[10] != '\0')
    {
      set_form_error (error, text, "YYYY-MM-DD");
      return FALSE;
    }

  return finish_parse (text, year, month, day, out_date, error);
}

gboolean
cab_date_parse_display (const char  *text,
                        GDate       *out_date,
                        GError     **error)
{
  guint year, month, day;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";

  if (!read_digits (text, 2, &day) || text[2] != '.' ||
      !read_digits (text + 3, 2, &month) || text[5] != '.' ||
      !read_digits (text + 6, 4, &year) || text[10] != '\0')
    {
      set_form_error (error, text, "DD.MM.YYYY");
      return FALSE;
    }

  return finish_parse (text, year, month, day, out_date, error);
}

void
cab_date_append_iso (GString     *out,
                     const GDate *date)
{
  guint year;
  guint month;
  guint day;
  char text[10];

  g_return_if_fail (out != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  /* GDate's years are 1..65535: five digits at most, four but for the far future. */
  year = g_date_get_year (date);
  if (year > 9999)
    {
      g_string_append_printf (out, "%u", year / 10000);
      year %= 10000;
    }
  month = g_date_get_month (date);
  day = g_date_get_day (date);
  text[0] = (char) ('0' + year / 1000);
  text[1] = (char) ('0' + year / 100 % 10);
  text[2] = (char) ('0' + year / 10 % 10);
  text[3] = (char) ('0' + year % 10);
  text[4] = '-';
  text[5] = (char) ('0' + month / 10);
  text[6] = (char) ('0' + month % 10);
  text[7] = '-';
  text[8] = (char) ('0' + day / 10);
  text[9] = (char) ('0' + day % 10);
  g_string_append_len (out, text, sizeof text);
}

char *
cab_date_to_iso (const GDate *date)
{
  GString *out;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  out = g_string_sized_new (12);
  cab_date_append_iso (out, date);
  return g_string_free (out, FALSE);
}

char *
cab_date_to_display (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%02u.%02u.%04u",
                          (guint) g_date_get_day (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_year (date));
}

void
cab_date_set_ymd (GDate *date,
                  guint  year,
                  guint  month,
                  guint  day)
{
  g_return_if_fail (date != NULL);
  g_return_if_fail (g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year));

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

void
cab_date_set_clamped (GDate *date,
                      guint  year,
                      guint  month,
                      guint  day)
{
  guint last;

  g_return_if_fail (date != NULL);
  g_return_if_fail (month >= 1 && month <= 12);
  g_return_if_fail (year >= 1);

  last = g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
  cab_date_set_ymd (date, year, month, CLAMP (day, 1, last));
}

void
cab_date_last_of_month (GDate *date,
                        guint  year,
                        guint  month)
{
  g_return_if_fail (month >= 1 && month <= 12);

  cab_date_set_ymd (date, year, month,
                    g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
}

void
cab_date_today_supplier (GDate *out_date)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (out_date != NULL);

  tz = g_time_zone_new_identifier ("Europe/Moscow");
  /* Without tzdata, Moscow's offset has been a fixed +03:00 since 2014. */
  if (tz == NULL)
    tz = g_time_zone_new_offset (3 * 60 * 60);

  now = g_date_time_new_now (tz);
  cab_date_set_ymd (out_date,
                    (guint) g_date_time_get_year (now),
                    (guint) g_date_time_get_month (now),
                    (guint) g_date_time_get_day_of_month (now));
}

void
cab_date_quarter_bounds (const GDate *date,
                         GDate       *out_from,
                         GDate       *out_to)
{
  guint year, first_month;

  g_return_if_fail (date != NULL && g_date_valid (date));

  year = g_date_get_year (date);
  first_month = ((guint) g_date_get_month (date) - 1) / 3 * 3 + 1;

  if (out_from != NULL)
    cab_date_set_ymd (out_from, year, first_month, 1);

  if (out_to != NULL)
    {
      if (first_month == 10)
        cab_date_set_ymd (out_to, year + 1, 1, 1);
      else
        cab_date_set_ymd (out_to, year, first_month + 3, 1);
    }
}
