/* test-statement.c: the reconciliation act (manual 4.2, block 2) and the bill list (block 3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-core.h"
#include "core-test-fig8.h"

static void
assert_date (const GDate *date,
             guint        year,
             guint        month,
             guint        day)
{
  GDate expected = ymd (year, month, day);

  g_assert_cmpint (g_date_compare (date, &expected), ==, 0);
}

static void
assert_row (CabStatement        *statement,
            guint                position,
            guint                year,
            guint                month,
            guint                day,
            CabStatementRowKind  kind,
            CabColumn            column,
            CabMoney             amount,
            gint64               entry_id)
{
  const CabStatementRow *row = cab_statement_get_row (statement, position);

  assert_date (&row->date, year, month, day);
  g_assert_cmpint (row->kind, ==, kind);
  g_assert_cmpint (row->entry_id, ==, entry_id);
  g_assert_nonnull (row->documents);
  g_assert_cmpuint (row->documents->len, ==, 0);
  g_assert_null (row->number);
  g_assert_null (row->title);

  if (column == CAB_COLUMN_DEBIT)
    {
      g_assert_true (row->has_debit);
      g_assert_false (row->has_credit);
      g_assert_cmpint (row->debit, ==, amount);
    }
  else
    {
      g_assert_false (row->has_debit);
      g_assert_true (row->has_credit);
      g_assert_cmpint (row->credit, ==, amount);
    }
}

static void
test_fig8 (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabStatement) statement = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *debit = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *closing = NULL;
  g_autofree char *closing_shown = NULL;
  GDate from = ymd (2016, 5, 1);
  GDate to = ymd (2016, 8, 1);

  statement = cab_statement_compute (ledger, &from, &to, &error);
  g_assert_no_error (error);
  g_assert_nonnull (statement);

  assert_date (cab_statement_get_from (statement), 2016, 5, 1);
  assert_date (cab_statement_get_to (statement), 2016, 8, 1);
  g_assert_cmpint (cab_statement_get_opening_balance (statement), ==, 60882279);
  g_assert_cmpint (cab_statement_get_debit_total (statement), ==, 28415985);
  g_assert_cmpint (cab_statement_get_credit_total (statement), ==, 140498965);
  g_assert_cmpint (cab_statement_get_closing_balance (statement), ==, -51200701);

  /* Rows in date order; advance bills are not part of the act. */
  g_assert_cmpuint (cab_statement_get_n_rows (statement), ==, 4);
  assert_row (statement, 0, 2016, 5, 24, CAB_STATEMENT_ROW_CORRECTION, CAB_COLUMN_DEBIT,
              -19868501, 3);
  assert_row (statement, 1, 2016, 5, 25, CAB_STATEMENT_ROW_PAYMENT, CAB_COLUMN_CREDIT,
              97999044, 4);
  assert_row (statement, 2, 2016, 5, 31, CAB_STATEMENT_ROW_INVOICE, CAB_COLUMN_DEBIT,
              48284486, 5);
  assert_row (statement, 3, 2016, 6, 20, CAB_STATEMENT_ROW_PAYMENT, CAB_COLUMN_CREDIT,
              42499921, 8);

  /* Opening 608 822,79 in the debit column; closing 512 007,01 in the credit column. */
  g_assert_cmpint (cab_balance_column (cab_statement_get_opening_balance (statement)), ==,
                   CAB_COLUMN_DEBIT);
  g_assert_cmpint (cab_balance_column (cab_statement_get_closing_balance (statement)), ==,
                   CAB_COLUMN_CREDIT);
  closing_shown = cab_money_format (ABS (cab_statement_get_closing_balance (statement)),
                                    CAB_MONEY_STYLE_RUSSIAN);
  g_assert_cmpstr (closing_shown, ==, "512\xc2\xa0" "007,01");

  debit = cab_money_to_wire (cab_statement_get_debit_total (statement));
  credit = cab_money_to_wire (cab_statement_get_credit_total (statement));
  closing = cab_money_to_wire (cab_statement_get_closing_balance (statement));
  g_assert_cmpstr (debit, ==, "284159.85");
  g_assert_cmpstr (credit, ==, "1404989.65");
  g_assert_cmpstr (closing, ==, "-512007.01");
}

static void
test_balance_column (void)
{
  g_assert_cmpint (cab_balance_column (0), ==, CAB_COLUMN_DEBIT);
  g_assert_cmpint (cab_balance_column (1), ==, CAB_COLUMN_DEBIT);
  g_assert_cmpint (cab_balance_column (-1), ==, CAB_COLUMN_CREDIT);
  g_assert_cmpint (cab_balance_column (G_MININT64), ==, CAB_COLUMN_CREDIT);
}

static void
test_opening_from_earlier_entries (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabStatement) statement = NULL;
  GDate from = ymd (2016, 6, 1);
  GDate to = ymd (2016, 7, 1);
  CabMoney opening = 60882279 - 19868501 - 97999044 + 48284486;

  statement = cab_statement_compute (ledger, &from, &to, NULL);
  g_assert_nonnull (statement);

  /* The May bills are not in the opening balance: only invoices, corrections, payments. */
  g_assert_cmpint (cab_statement_get_opening_balance (statement), ==, opening);
  g_assert_cmpint (opening, ==, -8700780);
  g_assert_cmpuint (cab_statement_get_n_rows (statement), ==, 1);
  assert_row (statement, 0, 2016, 6, 20, CAB_STATEMENT_ROW_PAYMENT, CAB_COLUMN_CREDIT,
              42499921, 8);
  g_assert_cmpint (cab_statement_get_debit_total (statement), ==, 0);
  g_assert_cmpint (cab_statement_get_credit_total (statement), ==, 42499921);
  g_assert_cmpint (cab_statement_get_closing_balance (statement), ==, opening - 42499921);
  g_assert_cmpint (cab_balance_column (cab_statement_get_opening_balance (statement)), ==,
                   CAB_COLUMN_CREDIT);
}

static void
test_period_bounds (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabStatement) inclusive = NULL;
  g_autoptr(CabStatement) exclusive = NULL;
  GDate from = ymd (2016, 5, 25);
  GDate to = ymd (2016, 5, 31);

  /* from is inside the period, to is the first day after it. */
  inclusive = cab_statement_compute (ledger, &from, &to, NULL);
  g_assert_cmpuint (cab_statement_get_n_rows (inclusive), ==, 1);
  assert_row (inclusive, 0, 2016, 5, 25, CAB_STATEMENT_ROW_PAYMENT, CAB_COLUMN_CREDIT,
              97999044, 4);
  g_assert_cmpint (cab_statement_get_opening_balance (inclusive), ==, 60882279 - 19868501);

  from = ymd (2016, 5, 26);
  to = ymd (2016, 6, 1);
  exclusive = cab_statement_compute (ledger, &from, &to, NULL);
  g_assert_cmpuint (cab_statement_get_n_rows (exclusive), ==, 1);
  assert_row (exclusive, 0, 2016, 5, 31, CAB_STATEMENT_ROW_INVOICE, CAB_COLUMN_DEBIT,
              48284486, 5);
  g_assert_cmpint (cab_statement_get_closing_balance (exclusive), ==,
                   60882279 - 19868501 - 97999044 + 48284486);
}

static void
test_empty_period (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabStatement) statement = NULL;
  GDate from = ymd (2016, 7, 1);
  GDate to = ymd (2016, 7, 2);

  statement = cab_statement_compute (ledger, &from, &to, NULL);
  g_assert_cmpuint (cab_statement_get_n_rows (statement), ==, 0);
  g_assert_cmpint (cab_statement_get_opening_balance (statement), ==,
                   cab_statement_get_closing_balance (statement));
  g_assert_cmpint (cab_statement_get_closing_balance (statement), ==, -51200701);
}

static void
test_invalid_period (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(GError) same = NULL;
  g_autoptr(GError) reversed = NULL;
  GDate from = ymd (2016, 5, 1);
  GDate to = ymd (2016, 5, 1);

  g_assert_null (cab_statement_compute (ledger, &from, &to, &same));
  g_assert_error (same, CAB_ERROR, CAB_ERROR_INVALID_PERIOD);

  to = ymd (2016, 4, 30);
  g_assert_null (cab_statement_compute (ledger, &from, &to, &reversed));
  g_assert_error (reversed, CAB_ERROR, CAB_ERROR_INVALID_PERIOD);
}

static void
test_row_kind_strings (void)
{
  g_autoptr(GError) error = NULL;
  CabStatementRowKind kind;

  g_assert_cmpstr (cab_statement_row_kind_to_string (CAB_STATEMENT_ROW_INVOICE), ==, "invoice");
  g_assert_cmpstr (cab_statement_row_kind_to_string (CAB_STATEMENT_ROW_CORRECTION), ==,
                   "correction");
  g_assert_cmpstr (cab_statement_row_kind_to_string (CAB_STATEMENT_ROW_PAYMENT), ==, "payment");
  g_assert_true (cab_statement_row_kind_from_string ("payment", &kind, NULL));
  g_assert_cmpint (kind, ==, CAB_STATEMENT_ROW_PAYMENT);
  g_assert_false (cab_statement_row_kind_from_string ("advance_bill_1", &kind, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_UNKNOWN_ENUM);
  g_assert_nonnull (g_strstr_len (error->message, -1, "“advance_bill_1”"));
}

static void
test_bill_list (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabBillList) list = NULL;
  g_autoptr(GError) error = NULL;
  GDate from = ymd (2016, 5, 1);
  GDate to = ymd (2016, 7, 1);
  static const struct {
    guint month, day;
    CabEntryKind kind;
    CabMoney amount;
  } expected[] = {
    { 5, 1, CAB_ENTRY_ADVANCE_BILL_1, 17311879 },
    { 5, 16, CAB_ENTRY_ADVANCE_BILL_2, 40510324 },
    { 6, 1, CAB_ENTRY_ADVANCE_BILL_1, 24422301 },
    { 6, 16, CAB_ENTRY_ADVANCE_BILL_2, 19313974 },
  };

  /* 01.07 is the first day after the period: the July bill is not listed. */
  list = cab_bill_list_compute (ledger, "1234567890", &from, &to, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (list->account, ==, "1234567890");
  g_assert_cmpuint (list->bills->len, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CabBill *bill = g_ptr_array_index (list->bills, i);

      assert_date (&bill->date, 2016, expected[i].month, expected[i].day);
      g_assert_cmpint (bill->kind, ==, expected[i].kind);
      g_assert_cmpint (bill->amount, ==, expected[i].amount);
      g_assert_null (bill->number);
      g_assert_cmpuint (bill->documents->len, ==, 0);
    }
}

static void
test_bill_list_invalid_period (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(GError) error = NULL;
  GDate from = ymd (2016, 5, 1);

  g_assert_null (cab_bill_list_compute (ledger, "1234567890", &from, &from, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_PERIOD);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/statement/fig8", test_fig8);
  g_test_add_func ("/core/statement/balance-column", test_balance_column);
  g_test_add_func ("/core/statement/opening-from-earlier-entries",
                   test_opening_from_earlier_entries);
  g_test_add_func ("/core/statement/period-bounds", test_period_bounds);
  g_test_add_func ("/core/statement/empty-period", test_empty_period);
  g_test_add_func ("/core/statement/invalid-period", test_invalid_period);
  g_test_add_func ("/core/statement/row-kind-strings", test_row_kind_strings);
  g_test_add_func ("/core/bill-list/compute", test_bill_list);
  g_test_add_func ("/core/bill-list/invalid-period", test_bill_list_invalid_period);

  return g_test_run ();
}
