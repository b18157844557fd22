/* test-date.c: calendar days on the wire (ISO) and as Russian users type them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"

static void
assert_date (const GDate *date,
             guint        year,
             guint        month,
             guint        day)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpuint (g_date_get_year (date), ==, year);
  g_assert_cmpuint (g_date_get_month (date), ==, month);
  g_assert_cmpuint (g_date_get_day (date), ==, day);
}

typedef struct
{
  const char *text;
  guint       year;
  guint       month;
  guint       day;
} DateCase;

static void
test_parse_iso_valid (void)
{
  static const DateCase cases[] = {
    { "2016-06-28", 2016, 6, 28 },
    { "2016-02-29", 2016, 2, 29 },
    { "2024-02-29", 2024, 2, 29 },
    { "2000-02-29", 2000, 2, 29 },
    { "2015-12-31", 2015, 12, 31 },
    { "0001-01-01", 1, 1, 1 },
    { "9999-12-31", 9999, 12, 31 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *back = NULL;
      GDate date;

      g_assert_true (cab_date_parse_iso (cases[i].text, &date, &error));
      g_assert_no_error (error);
      assert_date (&date, cases[i].year, cases[i].month, cases[i].day);

      back = cab_date_to_iso (&date);
      g_assert_cmpstr (back, ==, cases[i].text);
    }
}

static void
test_parse_iso_invalid (void)
{
  static const char * const cases[] = {
    "2016-02-30", "2016-02-31", "2015-02-29", "2100-02-29", "2016-13-01", "2016-00-10",
    "2016-01-00", "2016-04-31", "0000-01-01", "2016-2-3", "2016-06-28x", "2016-06-28 ",
    " 2016-06-28", "2016/06/28", "28.06.2016", "", "2016-06", "20160628", "2016-06-2a",
    "+016-06-28", "2016-06-28T00:00:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i]);
      GDate date;

      g_test_message ("parsing “%s”", cases[i]);
      g_assert_false (cab_date_parse_iso (cases[i], &date, &error));
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_DATE);
      g_assert_nonnull (strstr (error->message, quoted));
    }
}

static void
test_parse_display_valid (void)
{
  static const DateCase cases[] = {
    { "28.06.2016", 2016, 6, 28 },
    { "29.02.2016", 2016, 2, 29 },
    { "29.02.2024", 2024, 2, 29 },
    { "01.01.2016", 2016, 1, 1 },
    { "31.12.2015", 2015, 12, 31 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *back = NULL;
      GDate date;

      g_assert_true (cab_date_parse_display (cases[i].text, &date, &error));
      g_assert_no_error (error);
      assert_date (&date, cases[i].year, cases[i].month, cases[i].day);

      back = cab_date_to_display (&date);
      g_assert_cmpstr (back, ==, cases[i].text);
    }
}

static void
test_parse_display_invalid (void)
{
  static const char * const cases[] = {
    "31.02.2016", "30.02.2016", "29.02.2015", "29.02.2100", "00.01.2016", "01.00.2016",
    "01.13.2016", "32.01.2016", "31.04.2016", "1.6.2016", "01.6.2016", "28.06.16",
    "28.06.2016x", "28.06.2016 ", " 28.06.2016", "28/06/2016", "2016-06-28", "",
    "28.06.0000", "28-06-2016",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i]);
      GDate date;

      g_test_message ("parsing “%s”", cases[i]);
      g_assert_false (cab_date_parse_display (cases[i], &date, &error));
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_DATE);
      g_assert_nonnull (strstr (error->message, quoted));
    }
}

static void
test_messages (void)
{
  g_autoptr(GError) form = NULL;
  g_autoptr(GError) day = NULL;

  g_assert_false (cab_date_parse_display ("1.6.2016", NULL, &form));
  g_assert_cmpstr (form->message, ==, "“1.6.2016” is not a date (expected DD.MM.YYYY)");

  g_assert_false (cab_date_parse_iso ("2016-02-30", NULL, &day));
  g_assert_cmpstr (day->message, ==, "“2016-02-30” is not a day of the calendar");
}

static void
test_formats (void)
{
  g_autofree char *iso = NULL;
  g_autofree char *display = NULL;
  GDate date;

  cab_date_set_ymd (&date, 987, 3, 5);
  iso = cab_date_to_iso (&date);
  display = cab_date_to_display (&date);
  g_assert_cmpstr (iso, ==, "0987-03-05");
  g_assert_cmpstr (display, ==, "05.03.0987");

  /* GDate goes past the year 9999: the ISO text then has five digits, as printf wrote it. */
  {
    g_autoptr(GString) appended = g_string_new ("on ");
    g_autofree char *far = NULL;

    cab_date_set_ymd (&date, 12345, 6, 7);
    far = cab_date_to_iso (&date);
    g_assert_cmpstr (far, ==, "12345-06-07");
    cab_date_set_ymd (&date, 2016, 10, 31);
    cab_date_append_iso (appended, &date);
    g_assert_cmpstr (appended->str, ==, "on 2016-10-31");
  }
}

static void
test_clamped (void)
{
  GDate date;

  cab_date_set_clamped (&date, 2016, 2, 31);
  assert_date (&date, 2016, 2, 29);
  cab_date_set_clamped (&date, 2015, 2, 31);
  assert_date (&date, 2015, 2, 28);
  cab_date_set_clamped (&date, 2024, 2, 30);
  assert_date (&date, 2024, 2, 29);
  cab_date_set_clamped (&date, 2016, 6, 31);
  assert_date (&date, 2016, 6, 30);
  cab_date_set_clamped (&date, 2016, 7, 31);
  assert_date (&date, 2016, 7, 31);
  cab_date_set_clamped (&date, 2016, 4, 18);
  assert_date (&date, 2016, 4, 18);
}

static void
test_last_of_month (void)
{
  GDate date;

  cab_date_last_of_month (&date, 2016, 2);
  assert_date (&date, 2016, 2, 29);
  cab_date_last_of_month (&date, 2015, 2);
  assert_date (&date, 2015, 2, 28);
  cab_date_last_of_month (&date, 2100, 2);
  assert_date (&date, 2100, 2, 28);
  cab_date_last_of_month (&date, 2000, 2);
  assert_date (&date, 2000, 2, 29);
  cab_date_last_of_month (&date, 2016, 5);
  assert_date (&date, 2016, 5, 31);
  cab_date_last_of_month (&date, 2016, 11);
  assert_date (&date, 2016, 11, 30);
  cab_date_last_of_month (&date, 2015, 12);
  assert_date (&date, 2015, 12, 31);
}

static void
test_quarter_bounds (void)
{
  static const struct {
    guint year, month, day;
    guint from_year, from_month;
    guint to_year, to_month;
  } cases[] = {
    { 2015, 11, 15, 2015, 10, 2016, 1 },
    { 2015, 10, 1, 2015, 10, 2016, 1 },
    { 2015, 12, 31, 2015, 10, 2016, 1 },
    { 2016, 1, 1, 2016, 1, 2016, 4 },
    { 2016, 3, 31, 2016, 1, 2016, 4 },
    { 2016, 4, 1, 2016, 4, 2016, 7 },
    { 2016, 6, 28, 2016, 4, 2016, 7 },
    { 2016, 9, 30, 2016, 7, 2016, 10 },
    { 2016, 2, 29, 2016, 1, 2016, 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date, from, to;

      cab_date_set_ymd (&date, cases[i].year, cases[i].month, cases[i].day);
      cab_date_quarter_bounds (&date, &from, &to);
      assert_date (&from, cases[i].from_year, cases[i].from_month, 1);
      assert_date (&to, cases[i].to_year, cases[i].to_month, 1);
    }
}

static void
moscow_today (GDate *out_date)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (3 * 60 * 60);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);

  cab_date_set_ymd (out_date,
                    g_date_time_get_year (now),
                    g_date_time_get_month (now),
                    g_date_time_get_day_of_month (now));
}

static void
test_today_supplier (void)
{
  GDate before, today, after;

  /* Moscow is UTC+3 all year; bracket the call in case midnight passes meanwhile. */
  moscow_today (&before);
  cab_date_today_supplier (&today);
  moscow_today (&after);

  g_assert_true (g_date_valid (&today));
  g_assert_true (g_date_compare (&today, &before) == 0 || g_date_compare (&today, &after) == 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/date/iso/valid", test_parse_iso_valid);
  g_test_add_func ("/core/date/iso/invalid", test_parse_iso_invalid);
  g_test_add_func ("/core/date/display/valid", test_parse_display_valid);
  g_test_add_func ("/core/date/display/invalid", test_parse_display_invalid);
  g_test_add_func ("/core/date/messages", test_messages);
  g_test_add_func ("/core/date/formats", test_formats);
  g_test_add_func ("/core/date/clamped", test_clamped);
  g_test_add_func ("/core/date/last-of-month", test_last_of_month);
  g_test_add_func ("/core/date/quarter-bounds", test_quarter_bounds);
  g_test_add_func ("/core/date/today-supplier", test_today_supplier);

  return g_test_run ();
}
