/* test-icalendar.c: the RFC 5545 writer: escaping, folding, line ends, and the file as a
 * real iCalendar parser (libical, when the build found it) reads it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#ifdef HAVE_LIBICAL
#include <libical/ical.h>
#endif

#include "cab-core.h"
#include "cab-due-dates.h"
#include "cab-icalendar.h"

#define LONG_SUMMARY "Срок оплаты: окончательный расчет за июнь 2016 г., договор № 12-3456 " \
                     "от 01.12.2015, л/с 1234567890"
#define DESCRIPTION "Сумма: 482 844,86 руб.; в т.ч. НДС (18%) 73 654,30\n" \
                    "Путь: C:\\Бухгалтерия, ИЛИ ; и ,\r\nконец"

static GDate dates[2];

static char *
write_two (GError **error)
{
  g_autoptr(GDateTime) stamp = g_date_time_new_utc (2016, 6, 28, 7, 30, 5);
  CabCalendarEvent events[2] = {
    { "1234567890-2016-07-advance-1@ru.tek_energo.Cabinet", &dates[0],
      "Advance bill 1, July 2016", "167 345,26", 1 },
    { "1234567890-2016-06-settlement@ru.tek_energo.Cabinet", &dates[1],
      LONG_SUMMARY, DESCRIPTION, 1 },
  };

  cab_date_set_ymd (&dates[0], 2016, 7, 10);
  cab_date_set_ymd (&dates[1], 2016, 7, 18);
  return cab_icalendar_write (events, G_N_ELEMENTS (events), stamp, error);
}

static void
test_escape (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "plain", "plain" },
    { "a, b; c\\d", "a\\, b\\; c\\\\d" },
    { "one\ntwo\r\nthree\rfour", "one\\ntwo\\nthree\\nfour" },
    { "tab\tbell\a", "tab\tbell " },
    { "«Брянскэнергосбыт», № 7", "«Брянскэнергосбыт»\\, № 7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = cab_icalendar_escape_text (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* Joins folded lines back (RFC 5545, 3.1): CRLF followed by one space goes. */
static char *
unfold (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ')
        {
          p += 2;
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
test_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = write_two (&error);
  g_autofree char *unfolded = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean folded = FALSE;
  guint n;

  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));

  /* CRLF only, at most 75 octets a line, never a UTF-8 character cut in two. */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_assert_true (p > text && p[-1] == '\r');
      if (*p == '\r')
        g_assert_true (p[1] == '\n');
    }
  lines = g_strsplit (text, "\r\n", -1);
  n = g_strv_length (lines);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      if (lines[i][0] == ' ')
        folded = TRUE;
    }
  g_assert_true (folded);

  unfolded = unfold (text);
  g_assert_nonnull (strstr (unfolded, "\r\nSUMMARY:Срок оплаты: окончательный расчет за июнь "
                                      "2016 г.\\, договор № 12-3456 от 01.12.2015\\, "
                                      "л/с 1234567890\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nDESCRIPTION:Сумма: 482 844\\,86 руб.\\; в т.ч. НДС "
                                      "(18%) 73 654\\,30\\nПуть: C:\\\\Бухгалтерия\\, ИЛИ \\; "
                                      "и \\,\\nконец\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nDTSTART;VALUE=DATE:20160710\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nDTEND;VALUE=DATE:20160711\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nDTSTAMP:20160628T073005Z\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nTRIGGER:-P1D\r\n"));
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
}

static void
test_fold_exact (void)
{
  g_autoptr(GDateTime) stamp = g_date_time_new_utc (2016, 6, 28, 7, 30, 5);
  g_autoptr(GString) summary = g_string_new (NULL);
  GDate date;
  CabCalendarEvent event = { "u", &date, NULL, NULL, 0 };
  g_autofree char *text = NULL;

  /* "SUMMARY:" (8) + 67 = 75 octets: not folded; one more octet: folded. */
  cab_date_set_ymd (&date, 2016, 7, 10);
  for (guint i = 0; i < 67; i++)
    g_string_append_c (summary, 'x');
  event.summary = summary->str;
  text = cab_icalendar_write (&event, 1, stamp, NULL);
  g_assert_nonnull (strstr (text, "\r\nSUMMARY:" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                                  "xxxxxxxxxxxxxxxxxxx\r\nTRANSP"));
  g_assert_null (strstr (text, "VALARM"));
  g_clear_pointer (&text, g_free);

  g_string_append_c (summary, 'y');
  event.summary = summary->str;
  text = cab_icalendar_write (&event, 1, stamp, NULL);
  g_assert_nonnull (strstr (text, "xxxxxxx\r\n y\r\nTRANSP"));
  g_clear_pointer (&text, g_free);

  /* A two-octet character that would straddle octet 75 moves whole to the next line. */
  g_string_truncate (summary, 66);
  g_string_append (summary, "Ж");
  event.summary = summary->str;
  text = cab_icalendar_write (&event, 1, stamp, NULL);
  g_assert_nonnull (strstr (text, "xxxxxxx\r\n Ж\r\nTRANSP"));
}

static void
test_refused (void)
{
  g_autoptr(GDateTime) stamp = g_date_time_new_utc (2016, 6, 28, 7, 30, 5);
  GDate date, invalid;
  CabCalendarEvent event = { "u", &date, "s", NULL, 1 };
  GError *error = NULL;
  g_autofree char *empty = NULL;

  cab_date_set_ymd (&date, 2016, 7, 10);
  g_date_clear (&invalid, 1);

  event.uid = NULL;
  g_assert_null (cab_icalendar_write (&event, 1, stamp, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  event.uid = "u";
  event.summary = "";
  g_assert_null (cab_icalendar_write (&event, 1, stamp, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  event.summary = "s";
  event.description = "\xc3";
  g_assert_null (cab_icalendar_write (&event, 1, stamp, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  event.description = NULL;
  event.date = &invalid;
  g_assert_null (cab_icalendar_write (&event, 1, stamp, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  empty = cab_icalendar_write (NULL, 0, stamp, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (empty, ==, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//TEK-Energo//TEK Cabinet "
                              PACKAGE_VERSION "//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
                              "END:VCALENDAR\r\n");
}

#ifdef HAVE_LIBICAL
static void
test_libical (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = write_two (&error);
  icalcomponent *calendar;
  icalcomponent *event;
  guint n = 0;

  g_assert_no_error (error);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);

  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT), n++)
    {
      struct icaltimetype start = icalcomponent_get_dtstart (event);
      struct icaltimetype stamp = icalcomponent_get_dtstamp (event);
      icalcomponent *alarm = icalcomponent_get_first_component (event, ICAL_VALARM_COMPONENT);
      icalproperty *trigger;
      struct icaltriggertype when;

      g_assert_cmpint (icalcomponent_count_errors (event), ==, 0);
      g_assert_true (icaltime_is_date (start));
      g_assert_cmpint (start.year, ==, 2016);
      g_assert_cmpint (start.month, ==, 7);
      g_assert_cmpint (start.day, ==, n == 0 ? 10 : 18);
      g_assert_true (icaltime_is_utc (stamp));
      g_assert_cmpint (stamp.hour, ==, 7);
      g_assert_cmpint (stamp.minute, ==, 30);
      g_assert_cmpint (stamp.second, ==, 5);

      g_assert_nonnull (alarm);
      trigger = icalcomponent_get_first_property (alarm, ICAL_TRIGGER_PROPERTY);
      g_assert_nonnull (trigger);
      when = icalproperty_get_trigger (trigger);
      g_assert_cmpint (icaldurationtype_as_int (when.duration), ==, -24 * 60 * 60);
      g_assert_cmpint (icalproperty_get_action (icalcomponent_get_first_property (
                         alarm, ICAL_ACTION_PROPERTY)), ==, ICAL_ACTION_DISPLAY);

      if (n == 0)
        {
          g_assert_cmpstr (icalcomponent_get_uid (event), ==,
                           "1234567890-2016-07-advance-1@ru.tek_energo.Cabinet");
          g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Advance bill 1, July 2016");
          g_assert_cmpstr (icalcomponent_get_description (event), ==, "167 345,26");
        }
      else
        {
          g_assert_cmpstr (icalcomponent_get_uid (event), ==,
                           "1234567890-2016-06-settlement@ru.tek_energo.Cabinet");
          /* Unfolded and unescaped, the text is what went in (CRLF read back as LF). */
          g_assert_cmpstr (icalcomponent_get_summary (event), ==, LONG_SUMMARY);
          g_assert_cmpstr (icalcomponent_get_description (event), ==,
                           "Сумма: 482 844,86 руб.; в т.ч. НДС (18%) 73 654,30\n"
                           "Путь: C:\\Бухгалтерия, ИЛИ ; и ,\nконец");
        }
    }
  g_assert_cmpuint (n, ==, 2);
  icalcomponent_free (calendar);
}

/* The due dates of the manual's Fig. 8 account from @from to @to, as a file made at @hour. */
static char *
export_due_dates (CabLedger   *ledger,
                  const GDate *from,
                  const GDate *to,
                  int          hour)
{
  g_autoptr(GArray) due = cab_due_dates_compute (ledger, from, to);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree CabCalendarEvent *events = g_new0 (CabCalendarEvent, due->len + 1);
  g_autoptr(GDateTime) stamp = g_date_time_new_utc (2016, 6, 28, hour, 0, 0);
  g_autoptr(GError) error = NULL;
  char *text;

  for (guint i = 0; i < due->len; i++)
    {
      const CabDueDate *d = &g_array_index (due, CabDueDate, i);
      char *uid = cab_due_date_uid (d, "1234567890");
      char *amount = d->amount_known ? cab_money_to_wire (d->amount) : g_strdup ("unknown");
      char *summary = g_strdup_printf ("Kind %d for %02u.%04u", d->kind, d->month, d->year);

      g_ptr_array_add (strings, uid);
      g_ptr_array_add (strings, amount);
      g_ptr_array_add (strings, summary);
      events[i] = (CabCalendarEvent) { uid, &d->due, summary, amount, 1 };
    }
  text = cab_icalendar_write (events, due->len, stamp, &error);
  g_assert_no_error (error);
  return text;
}

/* UID → "YYYYMMDD amount" of every event in @text, each UID once. */
static GHashTable *
read_events (const char *text)
{
  GHashTable *events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  icalcomponent *calendar = icalparser_parse_string (text);

  g_assert_nonnull (calendar);
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      struct icaltimetype start = icalcomponent_get_dtstart (event);
      const char *uid = icalcomponent_get_uid (event);

      g_assert_true (icaltime_is_date (start));
      g_assert_false (g_hash_table_contains (events, uid));
      g_hash_table_insert (events, g_strdup (uid),
                           g_strdup_printf ("%04d%02d%02d %s", start.year, start.month, start.day,
                                            icalcomponent_get_description (event)));
    }
  icalcomponent_free (calendar);
  return events;
}

static void
test_due_dates_reimport (void)
{
  GDate opening, date, from, to, later_from, later_to;
  g_autoptr(CabLedger) ledger = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GHashTable) a = NULL;
  g_autoptr(GHashTable) b = NULL;
  guint shared = 0;
  GHashTableIter iter;
  gpointer key, value;

  cab_date_set_ymd (&opening, 2016, 5, 1);
  ledger = cab_ledger_new (&opening, 60882279, NULL);
  cab_date_set_ymd (&date, 2016, 5, 31);
  cab_ledger_add (ledger, CAB_ENTRY_INVOICE, &date, 48284486, 0);
  cab_date_set_ymd (&date, 2016, 6, 1);
  cab_ledger_add (ledger, CAB_ENTRY_ADVANCE_BILL_1, &date, 24422301, 0);
  cab_date_set_ymd (&date, 2016, 6, 16);
  cab_ledger_add (ledger, CAB_ENTRY_ADVANCE_BILL_2, &date, 19313974, 0);

  /* Two exports an hour apart over overlapping ranges: the same due date keeps its UID. */
  cab_date_set_ymd (&from, 2016, 6, 1);
  cab_date_set_ymd (&to, 2016, 7, 1);
  cab_date_set_ymd (&later_from, 2016, 6, 15);
  cab_date_set_ymd (&later_to, 2016, 8, 1);
  first = export_due_dates (ledger, &from, &to, 7);
  second = export_due_dates (ledger, &later_from, &later_to, 8);
  a = read_events (first);
  b = read_events (second);

  g_assert_cmpuint (g_hash_table_size (a), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (a, "1234567890-2016-06-advance-1@ru.tek_energo.Cabinet"),
                   ==, "20160610 244223.01");
  g_assert_cmpstr (g_hash_table_lookup (a, "1234567890-2016-05-settlement@ru.tek_energo.Cabinet"),
                   ==, "20160618 482844.86");
  g_assert_cmpstr (g_hash_table_lookup (a, "1234567890-2016-06-advance-2@ru.tek_energo.Cabinet"),
                   ==, "20160625 193139.74");
  g_assert_cmpstr (g_hash_table_lookup (b, "1234567890-2016-06-settlement@ru.tek_energo.Cabinet"),
                   ==, "20160718 unknown");

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_contains (b, key))
      {
        g_assert_cmpstr (g_hash_table_lookup (b, key), ==, value);
        shared++;
      }
  /* 18.06 and 25.06 are in both. */
  g_assert_cmpuint (shared, ==, 2);
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/icalendar/escape", test_escape);
  g_test_add_func ("/icalendar/lines", test_lines);
  g_test_add_func ("/icalendar/fold-exact", test_fold_exact);
  g_test_add_func ("/icalendar/refused", test_refused);
#ifdef HAVE_LIBICAL
  g_test_add_func ("/icalendar/libical", test_libical);
  g_test_add_func ("/icalendar/due-dates-reimport", test_due_dates_reimport);
#endif

  return g_test_run ();
}
