/* test-money.c: money as kopecks, on the wire and on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cab-core.h"

#define NBSP "\xc2\xa0"

typedef struct
{
  const char *text;
  CabMoney    kopecks;
} MoneyCase;

static void
test_parse_valid (void)
{
  static const MoneyCase cases[] = {
    { "0.00", 0 },
    { "-0.00", 0 },
    { "0.01", 1 },
    { "-0.01", -1 },
    { "1.05", 105 },
    { "-74644.26", -7464426 },
    { "608822.79", 60882279 },
    { "007.00", 700 },
    { "92233720368547758.07", G_MAXINT64 },
    { "-92233720368547758.08", G_MININT64 },
    { "-92233720368547758.07", -G_MAXINT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      CabMoney value = 42;

      g_test_message ("parsing “%s”", cases[i].text);
      g_assert_true (cab_money_parse (cases[i].text, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, cases[i].kopecks);
    }
}

static void
test_parse_malformed (void)
{
  static const char * const cases[] = {
    "1e5", "12.3", "12.345", "", " 1.00", "1.00 ", "1,00", "-", "+1.00", "--1.00",
    "-.50", ".50", "1.", "1", "abc", "1.0a", "1.a0", "1 000.00", "0x10.00", "1.00\n",
    "\xd0\x9f.00", "1..00", "-1.-0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i]);
      CabMoney value = 42;

      g_test_message ("parsing “%s”", cases[i]);
      g_assert_false (cab_money_parse (cases[i], &value, &error));
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY);
      g_assert_nonnull (strstr (error->message, quoted));
      g_assert_cmpint (value, ==, 42);
    }
}

static void
test_parse_message (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cab_money_parse ("12.3", NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "“12.3” is not an amount of money (expected digits, a point and two digits)");
}

static void
test_parse_null (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cab_money_parse (NULL, NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY);
}

static void
test_parse_overflow (void)
{
  static const char * const cases[] = {
    "92233720368547758.08",      /* G_MAXINT64 + 1 */
    "-92233720368547758.09",     /* G_MININT64 - 1 */
    "92233720368547759.00",
    "184467440737095516.15",     /* G_MAXUINT64 */
    "184467440737095516.16",     /* G_MAXUINT64 + 1 */
    "99999999999999999999999999.99",
    "-99999999999999999999999999.99",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i]);
      CabMoney value = 42;

      g_test_message ("parsing “%s”", cases[i]);
      g_assert_false (cab_money_parse (cases[i], &value, &error));
      g_assert_error (error, CAB_ERROR, CAB_ERROR_MONEY_OVERFLOW);
      g_assert_nonnull (strstr (error->message, quoted));
      g_assert_cmpint (value, ==, 42);
    }
}

static void
test_to_wire (void)
{
  static const MoneyCase cases[] = {
    { "0.00", 0 },
    { "0.01", 1 },
    { "-0.01", -1 },
    { "0.10", 10 },
    { "-0.99", -99 },
    { "1.00", 100 },
    { "-74644.26", -7464426 },
    { "284159.85", 28415985 },
    { "92233720368547758.07", G_MAXINT64 },
    { "-92233720368547758.08", G_MININT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *wire = cab_money_to_wire (cases[i].kopecks);
      CabMoney back = 0;

      g_autoptr(GString) appended = g_string_new ("[");

      g_assert_cmpstr (wire, ==, cases[i].text);
      g_assert_true (cab_money_parse (wire, &back, NULL));
      g_assert_cmpint (back, ==, cases[i].kopecks);

      /* Appended, it is the same text after what was there. */
      cab_money_append_wire (appended, cases[i].kopecks);
      g_assert_cmpstr (appended->str + 1, ==, cases[i].text);
      g_assert_cmpint (appended->str[0], ==, '[');
    }
}

typedef struct
{
  CabMoney    kopecks;
  const char *russian;
  const char *english;
} FormatCase;

static const FormatCase format_cases[] = {
  { 0, "0,00", "0.00" },
  { 5, "0,05", "0.05" },
  { -5, "-0,05", "-0.05" },
  { 99999, "999,99", "999.99" },
  { 100000, "1" NBSP "000,00", "1,000.00" },
  { -7464426, "-74" NBSP "644,26", "-74,644.26" },
  { 60882279, "608" NBSP "822,79", "608,822.79" },
  { -51200701, "-512" NBSP "007,01", "-512,007.01" },
  { 123456789012, "1" NBSP "234" NBSP "567" NBSP "890,12", "1,234,567,890.12" },
  { G_MAXINT64, "92" NBSP "233" NBSP "720" NBSP "368" NBSP "547" NBSP "758,07",
    "92,233,720,368,547,758.07" },
  { G_MININT64, "-92" NBSP "233" NBSP "720" NBSP "368" NBSP "547" NBSP "758,08",
    "-92,233,720,368,547,758.08" },
};

static void
test_format_styles (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autofree char *russian = cab_money_format (format_cases[i].kopecks,
                                                   CAB_MONEY_STYLE_RUSSIAN);
      g_autofree char *english = cab_money_format (format_cases[i].kopecks,
                                                   CAB_MONEY_STYLE_ENGLISH);

      g_assert_cmpstr (russian, ==, format_cases[i].russian);
      g_assert_cmpstr (english, ==, format_cases[i].english);
    }
}

static void
check_locale_style (const char *locale,
                    gboolean    russian)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));

  if (setlocale (LC_NUMERIC, locale) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("locale %s is not installed", locale);

      g_test_skip (message);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autofree char *shown = cab_money_format (format_cases[i].kopecks,
                                                 CAB_MONEY_STYLE_LOCALE);

      g_assert_cmpstr (shown, ==, russian ? format_cases[i].russian : format_cases[i].english);
    }

  setlocale (LC_NUMERIC, saved);
}

static void
test_format_locale_russian (void)
{
  check_locale_style ("ru_RU.UTF-8", TRUE);
}

static void
test_format_locale_english (void)
{
  check_locale_style ("en_US.UTF-8", FALSE);
}

static void
test_format_locale_c (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *shown = NULL;

  g_assert_nonnull (setlocale (LC_NUMERIC, "C"));
  shown = cab_money_format (-7464426, CAB_MONEY_STYLE_LOCALE);
  g_assert_cmpstr (shown, ==, "-74,644.26");
  setlocale (LC_NUMERIC, saved);
}

static void
test_parse_display_valid (void)
{
  static const MoneyCase cases[] = {
    { "1 234,56", 123456 },
    { "1" NBSP "234,56", 123456 },
    { "1\xe2\x80\xaf" "234,56", 123456 },
    { "1234.5", 123450 },
    { "1234", 123400 },
    { "0", 0 },
    { "-74" NBSP "644,26", -7464426 },
    { "\xe2\x88\x92" "74 644,26", -7464426 },
    { "-74,644.26", -7464426 },
    { "1,234,567.89", 123456789 },
    { "1.234,5", 123450 },
    { "  12,30  ", 1230 },
    { "12,3", 1230 },
    { "92233720368547758.07", G_MAXINT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      CabMoney value = 42;

      g_test_message ("parsing “%s”", cases[i].text);
      g_assert_true (cab_money_parse_display (cases[i].text, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, cases[i].kopecks);
    }
}

static void
test_parse_display_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      CabMoney value = 42;

      g_assert_true (cab_money_parse_display (format_cases[i].russian, &value, NULL));
      g_assert_cmpint (value, ==, format_cases[i].kopecks);
      g_assert_true (cab_money_parse_display (format_cases[i].english, &value, NULL));
      g_assert_cmpint (value, ==, format_cases[i].kopecks);
    }
}

static void
test_parse_display_malformed (void)
{
  static const char * const cases[] = {
    "", "   ", "-", "abc", "12,345", "1.234", "1,2,3", "1..2", "1,", ".5", "12a",
    "1 2 3,4 5", "--1", "+1", "1e5", "1 ,00", "1,00,00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i]);
      CabMoney value = 42;

      g_test_message ("parsing “%s”", cases[i]);
      g_assert_false (cab_money_parse_display (cases[i], &value, &error));
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY);
      g_assert_nonnull (strstr (error->message, quoted));
      g_assert_cmpint (value, ==, 42);
    }
}

static void
test_parse_display_overflow (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cab_money_parse_display ("92 233 720 368 547 758,08", NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_MONEY_OVERFLOW);
}

static void
test_add_checked (void)
{
  CabMoney sum = 42;

  g_assert_true (cab_money_add_checked (1, 2, &sum));
  g_assert_cmpint (sum, ==, 3);
  g_assert_true (cab_money_add_checked (G_MAXINT64, G_MININT64, &sum));
  g_assert_cmpint (sum, ==, -1);

  sum = 42;
  g_assert_false (cab_money_add_checked (G_MAXINT64, 1, &sum));
  g_assert_false (cab_money_add_checked (G_MININT64, -1, &sum));
  g_assert_cmpint (sum, ==, 42);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/money/parse/valid", test_parse_valid);
  g_test_add_func ("/core/money/parse/malformed", test_parse_malformed);
  g_test_add_func ("/core/money/parse/message", test_parse_message);
  g_test_add_func ("/core/money/parse/null", test_parse_null);
  g_test_add_func ("/core/money/parse/overflow", test_parse_overflow);
  g_test_add_func ("/core/money/to-wire", test_to_wire);
  g_test_add_func ("/core/money/format/styles", test_format_styles);
  g_test_add_func ("/core/money/format/locale-russian", test_format_locale_russian);
  g_test_add_func ("/core/money/format/locale-english", test_format_locale_english);
  g_test_add_func ("/core/money/format/locale-c", test_format_locale_c);
  g_test_add_func ("/core/money/parse-display/valid", test_parse_display_valid);
  g_test_add_func ("/core/money/parse-display/round-trip", test_parse_display_round_trip);
  g_test_add_func ("/core/money/parse-display/malformed", test_parse_display_malformed);
  g_test_add_func ("/core/money/parse-display/overflow", test_parse_display_overflow);
  g_test_add_func ("/core/money/add-checked", test_add_checked);

  return g_test_run ();
}
