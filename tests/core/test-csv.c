/* test-csv.c: the streaming CSV reader, the export money parser, VAT rounding and the
 * supplier's requisites (what tek-cabinet-admin reads).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"
#include "cab-csv-writer.h"

/* Records as "LINE|f1|f2\n" lines. */
static gboolean
collect (const char * const  *fields,
         guint                n_fields,
         guint64              line,
         gpointer             user_data,
         GError             **error)
{
  GString *out = user_data;

  g_assert_null (fields[n_fields]);
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, line);
  for (guint i = 0; i < n_fields; i++)
    g_string_append_printf (out, "|%s", fields[i]);
  g_string_append_c (out, '\n');
  return TRUE;
}

static char *
parse_in_chunks (const char  *text,
                 gsize        chunk,
                 GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(CabCsvReader) reader = cab_csv_reader_new (';', collect, out);
  gsize len = strlen (text);

  for (gsize i = 0; i < len; i += chunk)
    if (!cab_csv_reader_feed (reader, text + i, MIN (chunk, len - i), error))
      return NULL;
  if (!cab_csv_reader_finish (reader, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_csv_records (void)
{
  const char *input = "\xef\xbb\xbf" "a;b;c\r\n"
                      "1;\"x;y\";\"say \"\"hi\"\"\"\r\n"
                      "\r\n"
                      "2;\"two\nlines\";\n"
                      "3;;last";
  const char *expected = "1|a|b|c\n"
                         "2|1|x;y|say \"hi\"\n"
                         "4|2|two\nlines|\n"
                         "6|3||last\n";

  /* Every chunk size gives the same records: a split anywhere (in the BOM, in CR LF, in a
   * doubled quote) changes nothing. */
  for (gsize chunk = 1; chunk <= strlen (input); chunk++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *got = parse_in_chunks (input, chunk, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (got, ==, expected);
    }
}

static void
test_csv_errors (void)
{
  const struct { const char *input; const char *message; } cases[] = {
    { "a;b\n1;2\"x\n", "2: a quote inside a field that does not start with one" },
    { "a;\"b\"x\n", "1: text after the closing quote of a field" },
    { "a\n\"open\n\n", "4: the file ends inside a quoted field" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (cab_csv_parse_buffer (cases[i].input, strlen (cases[i].input), ';',
                                            collect, out, &error));
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_csv_limits (void)
{
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i <= CAB_CSV_MAX_FIELDS; i++)
    g_string_append (big, ";");
  g_assert_false (cab_csv_parse_buffer (big->str, big->len, ';', collect, out, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_string_truncate (big, 0);
  g_string_append_c (big, '"');
  for (guint i = 0; i <= CAB_CSV_MAX_FIELD_BYTES; i++)
    g_string_append_c (big, 'x');
  g_assert_false (cab_csv_parse_buffer (big->str, big->len, ';', collect, out, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_assert_cmpuint (out->len, ==, 0);
}

static void
test_money_export (void)
{
  const struct { const char *text; CabMoney value; } good[] = {
    { "608 822,79", 60882279 },
    { "608\xc2\xa0" "822,79", 60882279 },
    { "1\xe2\x80\xaf" "234\xc2\xa0" "567.8", 123456780 },
    { "-198685.01", -19868501 },
    { "+12", 1200 },
    { " 0,5 ", 50 },
    { "1 000 000", 100000000 },
  };
  const char *bad[] = {
    "", "-", "1,234.56", "12 34,00", "1 2345", "1,", ",5", "1,234", "1e5", "--1",
    "1  000", "1 000 0", "99999999999999999999", "12,3x", "1.2.3", "1'000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      CabMoney value = 0;

      g_assert_true (cab_money_parse_export (good[i].text, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, good[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (cab_money_parse_export (bad[i], NULL, &error));
      g_assert_true (g_error_matches (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY)
                     || g_error_matches (error, CAB_ERROR, CAB_ERROR_MONEY_OVERFLOW));
    }
}

static void
test_vat_included (void)
{
  /* The manual's invoice: 482 844,86 at 18 % holds 73 654,30. */
  g_assert_cmpint (cab_money_vat_included (48284486, 18), ==, 7365430);
  g_assert_cmpint (cab_money_vat_included (-48284486, 18), ==, -7365430);
  g_assert_cmpint (cab_money_vat_included (12000, 20), ==, 2000);
  /* 59 × 18/118 = 9,0 exactly; 1 × 18/118 = 0,15… → 0; 3 × 20/120 = 0,5 → 1 (half up). */
  g_assert_cmpint (cab_money_vat_included (59, 18), ==, 9);
  g_assert_cmpint (cab_money_vat_included (1, 18), ==, 0);
  g_assert_cmpint (cab_money_vat_included (3, 20), ==, 1);
  g_assert_cmpint (cab_money_vat_included (-3, 20), ==, -1);
  g_assert_cmpint (cab_money_vat_included (G_MAXINT64, 20), ==, G_MAXINT64 / 6 + 0);
}

static void
test_supplier (void)
{
  g_autoptr(CabSupplier) supplier = cab_supplier_new ();
  g_autoptr(CabSupplier) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cab_supplier_set (supplier, "name", "ООО «ТЭК-Энерго»", &error));
  g_assert_true (cab_supplier_set (supplier, "inn", "7736520080", &error));
  g_assert_true (cab_supplier_set (supplier, "phone", "8 (4832) 00-00-00", &error));
  g_assert_cmpstr (supplier->phone, ==, "+74832000000");
  g_assert_true (cab_supplier_set (supplier, "bic", "041501601", &error));
  g_assert_no_error (error);
  g_assert_false (cab_supplier_set (supplier, "inn", "7736520081", &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INN_CHECKSUM);
  g_clear_error (&error);
  g_assert_false (cab_supplier_set (supplier, "bic", "12345", &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (cab_supplier_set (supplier, "colour", "red", &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpstr (cab_supplier_get (supplier, "bic"), ==, "041501601");

  node = cab_supplier_to_json (supplier);
  back = cab_supplier_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->name, ==, "ООО «ТЭК-Энерго»");
  g_assert_cmpstr (back->inn, ==, "7736520080");
  g_assert_null (back->kpp);
  g_assert_true (cab_supplier_set (back, "inn", "", &error));
  g_assert_null (back->inn);
}

/* What spreadsheets read: the dialect's separator and decimal sign, quoting as RFC 4180, and
 * what the reader of this module reads back. */
static void
test_writer (void)
{
  const CabCsvDialect *russian = cab_csv_dialect_for_style (CAB_MONEY_STYLE_RUSSIAN);
  const CabCsvDialect *english = cab_csv_dialect_for_style (CAB_MONEY_STYLE_ENGLISH);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_cmpint (russian->separator, ==, ';');
  g_assert_true (russian->bom);
  g_assert_cmpint (english->separator, ==, ',');
  g_assert_false (english->bom);

  cab_csv_write_start (out, russian);
  cab_csv_write_field (out, russian, "Счет; «А-0501»");
  g_string_append_c (out, russian->separator);
  cab_csv_write_field (out, russian, "say \"hi\"");
  g_string_append_c (out, russian->separator);
  cab_csv_write_number (out, russian, "-482844.86");
  g_string_append_c (out, russian->separator);
  cab_csv_write_number (out, russian, "7");
  g_assert_cmpstr (out->str, ==,
                   "\xef\xbb\xbf\"Счет; «А-0501»\";\"say \"\"hi\"\"\";-482844,86;7");

  g_string_truncate (out, 0);
  cab_csv_write_start (out, english);
  cab_csv_write_field (out, english, "a,b\nc");
  g_string_append_c (out, english->separator);
  cab_csv_write_field (out, english, "plain;text");
  g_string_append_c (out, english->separator);
  cab_csv_write_number (out, english, "98112.000");
  g_assert_cmpstr (out->str, ==, "\"a,b\nc\",plain;text,98112.000");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/records", test_csv_records);
  g_test_add_func ("/csv/errors", test_csv_errors);
  g_test_add_func ("/csv/limits", test_csv_limits);
  g_test_add_func ("/money/parse-export", test_money_export);
  g_test_add_func ("/money/vat-included", test_vat_included);
  g_test_add_func ("/supplier/set-and-json", test_supplier);
  g_test_add_func ("/csv/writer", test_writer);
  return g_test_run ();
}
