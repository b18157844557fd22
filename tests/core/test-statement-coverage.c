/* test-statement-coverage.c: an act asked from before the account's data starts does not
 * invent a balance (issue 15, item 8).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-fig8.h"

static CabStatement *
compute (CabLedger *ledger,
         GDate      from,
         GDate      to)
{
  g_autoptr(GError) error = NULL;
  CabStatement *statement = cab_statement_compute (ledger, &from, &to, &error);

  g_assert_no_error (error);
  return statement;
}

static void
assert_same_day (const GDate *date,
                 GDate        expected)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpint (g_date_compare (date, &expected), ==, 0);
}

/* Fig. 8 asked from 01.04.2016: the data starts on 01.05.2016, so the act says so and its
 * opening balance is the one on 01.05.2016 (the issue saw «Сальдо на 01.04.2016 608 822,79»). */
static void
test_starts_later (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabStatement) statement = compute (ledger, ymd (2016, 4, 1), ymd (2016, 8, 1));

  g_assert_cmpint (cab_statement_get_coverage (statement), ==,
                   CAB_STATEMENT_COVERAGE_STARTS_LATER);
  assert_same_day (cab_statement_get_data_from (statement), ymd (2016, 5, 1));
  assert_same_day (cab_statement_get_opening_balance_date (statement), ymd (2016, 5, 1));
  assert_same_day (cab_statement_get_from (statement), ymd (2016, 4, 1));
  g_assert_cmpint (cab_statement_get_opening_balance (statement), ==, 60882279);
  g_assert_cmpint (cab_statement_get_closing_balance (statement), ==, -51200701);
  g_assert_cmpuint (cab_statement_get_n_rows (statement), ==, 4);
}

/* From the opening date on, or later: the whole period is covered, as before. */
static void
test_full (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabStatement) fig8 = compute (ledger, ymd (2016, 5, 1), ymd (2016, 8, 1));
  g_autoptr(CabStatement) june = compute (ledger, ymd (2016, 6, 1), ymd (2016, 7, 1));

  g_assert_cmpint (cab_statement_get_coverage (fig8), ==, CAB_STATEMENT_COVERAGE_FULL);
  assert_same_day (cab_statement_get_opening_balance_date (fig8), ymd (2016, 5, 1));
  g_assert_cmpint (cab_statement_get_opening_balance (fig8), ==, 60882279);

  g_assert_cmpint (cab_statement_get_coverage (june), ==, CAB_STATEMENT_COVERAGE_FULL);
  assert_same_day (cab_statement_get_opening_balance_date (june), ymd (2016, 6, 1));
  g_assert_cmpint (cab_statement_get_opening_balance (june), ==, -8700780);
}

/* A period that ends on or before the opening date has no data at all: no balance at all. */
static void
test_none (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabStatement) q1 = compute (ledger, ymd (2016, 1, 1), ymd (2016, 4, 1));
  g_autoptr(CabStatement) april = compute (ledger, ymd (2016, 4, 1), ymd (2016, 5, 1));

  g_assert_cmpint (cab_statement_get_coverage (q1), ==, CAB_STATEMENT_COVERAGE_NONE);
  g_assert_cmpint (cab_statement_get_opening_balance (q1), ==, 0);
  g_assert_cmpint (cab_statement_get_closing_balance (q1), ==, 0);
  g_assert_cmpuint (cab_statement_get_n_rows (q1), ==, 0);
  assert_same_day (cab_statement_get_opening_balance_date (q1), ymd (2016, 1, 1));

  g_assert_cmpint (cab_statement_get_coverage (april), ==, CAB_STATEMENT_COVERAGE_NONE);
}

/* On the wire as "data_from"; a statement saved before it existed has none and is FULL. */
static void
test_wire (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabStatement) statement = compute (ledger, ymd (2016, 4, 1), ymd (2016, 8, 1));
  g_autoptr(JsonNode) node = cab_statement_to_json (statement);
  g_autoptr(CabStatement) decoded = NULL;
  g_autoptr(CabStatement) old = fig8_statement ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bad = NULL;
  JsonObject *object;

  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "data_from"),
                   ==, "2016-05-01");
  decoded = cab_statement_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cab_statement_get_coverage (decoded), ==,
                   CAB_STATEMENT_COVERAGE_STARTS_LATER);
  assert_same_day (cab_statement_get_data_from (decoded), ymd (2016, 5, 1));

  g_assert_false (g_date_valid (cab_statement_get_data_from (old)));
  g_assert_cmpint (cab_statement_get_coverage (old), ==, CAB_STATEMENT_COVERAGE_FULL);
  assert_same_day (cab_statement_get_opening_balance_date (old), ymd (2016, 5, 1));

  /* Present but not a date: refused like any other field. */
  bad = json_node_copy (node);
  object = json_node_get_object (bad);
  json_object_set_string_member (object, "data_from", "01.05.2016");
  g_assert_null (cab_statement_from_json (bad, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_DATE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/statement-coverage/starts-later", test_starts_later);
  g_test_add_func ("/core/statement-coverage/full", test_full);
  g_test_add_func ("/core/statement-coverage/none", test_none);
  g_test_add_func ("/core/statement-coverage/wire", test_wire);

  return g_test_run ();
}
