/* test-statement-json.c: the statement written directly (cab_statement_append_json(), as the
 * server's /statement route sends it) is byte for byte what the tree and json-glib's generator
 * wrote before (cab_statement_to_json() + cab_json_to_string()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"
#include "core-test-fig8.h"

#define SHA_A "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define SHA_B "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"

static CabStatement *
compute (CabLedger *ledger,
         GDate      from,
         GDate      to)
{
  g_autoptr(GError) error = NULL;
  CabStatement *statement = cab_statement_compute (ledger, &from, &to, &error);

  g_assert_no_error (error);
  g_assert_nonnull (statement);
  return statement;
}

/* Returns the text, so that a caller can check what it holds as well. */
static char *
assert_same_text (CabStatement *statement)
{
  g_autoptr(JsonNode) node = cab_statement_to_json (statement);
  g_autofree char *expected = cab_json_to_string (node);
  g_autoptr(GString) direct = g_string_new ("prefix ");

  /* Appended, not overwritten. */
  cab_statement_append_json (statement, direct);
  g_assert_true (g_str_has_prefix (direct->str, "prefix "));
  g_assert_cmpstr (direct->str + strlen ("prefix "), ==, expected);
  g_assert_cmpuint (direct->len, ==, strlen ("prefix ") + strlen (expected));

  return g_steal_pointer (&expected);
}

/* Every byte but NUL, as the generator writes it from a tree (one string value). */
static void
test_escape_every_byte (void)
{
  for (guint c = 1; c < 256; c++)
    {
      char value[4] = { 'a', (char) c, 'b', '\0' };
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *expected = NULL;
      g_autoptr(GString) direct = g_string_new (NULL);

      json_node_set_string (node, value);
      json_generator_set_root (generator, node);
      expected = json_generator_to_data (generator, NULL);
      cab_json_append_string (direct, value);
      g_assert_cmpstr (direct->str, ==, expected);
    }
}

static void
test_escape_strings (void)
{
  const char *values[] = {
    "", "\"", "\\", "\"\\\"", "ab\"cd\\ef", "\n\r\t\b\f\x01\x1e\x1f\x7f",
    "Счёт-фактура № 5 «май»", "\xf0\x9f\x93\x84 emoji", "/ </script>",
    "\xff\xfe invalid UTF-8 \xc3", "\\u0000", "trailing\\",
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *expected = NULL;
      g_autoptr(GString) direct = g_string_new (NULL);

      json_node_set_string (node, values[i]);
      json_generator_set_root (generator, node);
      expected = json_generator_to_data (generator, NULL);
      cab_json_append_string (direct, values[i]);
      g_assert_cmpstr (direct->str, ==, expected);
    }

  {
    g_autoptr(GString) direct = g_string_new (NULL);

    cab_json_append_string (direct, NULL);
    g_assert_cmpstr (direct->str, ==, "null");
  }
}

/* As computed from a bare ledger: no account, numbers, titles or documents (nulls). */
static void
test_fig8_bare (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabStatement) statement = compute (ledger, ymd (2016, 5, 1), ymd (2016, 8, 1));
  g_autofree char *text = NULL;

  g_assert_cmpuint (cab_statement_get_n_rows (statement), ==, 4);
  text = assert_same_text (statement);
  /* The comparison is over a real statement: nulls, both columns, every kind. */
  g_assert_nonnull (strstr (text, "\"number\":null,\"title\":null"));
  g_assert_nonnull (strstr (text, "\"kind\":\"correction\""));
  g_assert_nonnull (strstr (text, "\"kind\":\"invoice\""));
  g_assert_nonnull (strstr (text, "\"kind\":\"payment\""));
  g_assert_nonnull (strstr (text, "\"debit\":null"));
  g_assert_nonnull (strstr (text, "\"credit\":null"));
  g_assert_nonnull (strstr (text, "\"documents\":[]"));
}

/* As the server sends it: an account, numbers, titles and documents, with hostile text. */
static void
test_fig8_as_served (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabStatement) statement = compute (ledger, ymd (2016, 5, 1), ymd (2016, 8, 1));
  const char *titles[] = {
    "Корректировка \"за\" май\\апрель",
    "Оплата\tпо\nп/п\r№ 17\x01\x1f\x7f",
    NULL,
    "Счёт-фактура «май» \xf0\x9f\x93\x84 \\u0022",
  };
  g_autofree char *text = NULL;

  cab_statement_set_account (statement, "1234567891");
  for (guint i = 0; i < cab_statement_get_n_rows (statement); i++)
    {
      CabStatementRow *row = cab_statement_get_row (statement, i);

      row->number = i == 2 ? NULL : g_strdup_printf ("№ %u\"\\", i + 1);
      row->title = g_strdup (titles[i]);
      if (i != 1)
        g_ptr_array_add (row->documents,
                         cab_document_ref_new ("17", CAB_DOCUMENT_INVOICE,
                                               "Счёт \"17\"\\\b\f", 123456, SHA_A));
      if (i == 3)
        {
          g_ptr_array_add (row->documents,
                           cab_document_ref_new ("18", CAB_DOCUMENT_VOLUME_ACT, "", 0, SHA_B));
          g_ptr_array_add (row->documents,
                           cab_document_ref_new ("19", CAB_DOCUMENT_CORRECTION_VOLUME_ACT,
                                                 "Акт\x02", G_MAXINT64, SHA_A));
        }
    }
  text = assert_same_text (statement);
  g_assert_nonnull (strstr (text, "\"account\":\"1234567891\""));
  g_assert_nonnull (strstr (text, "май\\\\апрель"));
  g_assert_nonnull (strstr (text, "\\u0001"));
}

/* A period that starts before the data (data_from written), and one with no rows. */
static void
test_coverage_and_empty (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabStatement) early = compute (ledger, ymd (2015, 1, 1), ymd (2016, 6, 1));
  g_autoptr(CabStatement) empty = compute (ledger, ymd (2016, 7, 2), ymd (2016, 7, 3));
  g_autofree char *early_text = NULL;
  g_autofree char *empty_text = NULL;

  early_text = assert_same_text (early);
  g_assert_nonnull (strstr (early_text, "\"data_from\":\"2016-05-01\""));
  g_assert_cmpuint (cab_statement_get_n_rows (empty), ==, 0);
  empty_text = assert_same_text (empty);
  g_assert_nonnull (strstr (empty_text, "\"rows\":[]"));
}

/* Decoded from the wire: no data_from (an older statement), escapes in the input. */
static void
test_decoded (void)
{
  const char *wire =
    "{\"account\":\"1234567891\",\"from\":\"2016-05-01\",\"to\":\"2016-08-01\","
    "\"opening_balance\":\"-608822.79\",\"rows\":["
    "{\"date\":\"2016-05-24\",\"kind\":\"correction\",\"number\":null,"
    "\"title\":\"\\u00e9\\\"\\\\\\/\\t\",\"debit\":\"-198685.01\",\"credit\":null,"
    "\"documents\":[{\"id\":\"1\",\"kind\":\"correction_invoice\",\"title\":\"\\u0410\","
    "\"size\":1,\"sha256\":\"" SHA_A "\"}]},"
    "{\"date\":\"2016-05-25\",\"kind\":\"payment\",\"number\":\"\",\"title\":\"\","
    "\"debit\":null,\"credit\":\"0.00\",\"documents\":[]}],"
    "\"debit_total\":\"-198685.01\",\"credit_total\":\"0.00\",\"closing_balance\":\"-807507.80\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = cab_json_parse_object (wire, strlen (wire), &error);
  g_autoptr(CabStatement) statement = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  statement = cab_statement_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (statement);
  g_assert_false (g_date_valid (cab_statement_get_data_from (statement)));
  text = assert_same_text (statement);
  g_assert_null (strstr (text, "data_from"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/statement-json/escape-every-byte", test_escape_every_byte);
  g_test_add_func ("/statement-json/escape-strings", test_escape_strings);
  g_test_add_func ("/statement-json/fig8-bare", test_fig8_bare);
  g_test_add_func ("/statement-json/fig8-as-served", test_fig8_as_served);
  g_test_add_func ("/statement-json/coverage-and-empty", test_coverage_and_empty);
  g_test_add_func ("/statement-json/decoded", test_decoded);

  return g_test_run ();
}
