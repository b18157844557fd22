/* test-statement-model.c: the Account State view model (table rows) and period checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "account/cab-period.h"
#include "account/cab-statement-model.h"
#include "fig8.h"

typedef struct
{
  CabStatementRowType  type;
  const char          *operation;
  const char          *debit;
  const char          *credit;
  guint                n_documents;
} ExpectedRow;

#define NBSP "\302\240"

static const ExpectedRow fig8_english[] = {
  { CAB_STATEMENT_ROW_TYPE_OPENING_BALANCE, "Balance on 01.05.2016", "608,822.79", "", 0 },
  { CAB_STATEMENT_ROW_TYPE_OPERATION, "Correction invoice of 24.05.2016", "-198,685.01", "", 2 },
  { CAB_STATEMENT_ROW_TYPE_OPERATION, "Payment received on 25.05.2016", "", "979,990.44", 0 },
  { CAB_STATEMENT_ROW_TYPE_OPERATION, "Invoice of 31.05.2016", "482,844.86", "", 2 },
  { CAB_STATEMENT_ROW_TYPE_OPERATION, "Payment received on 20.06.2016", "", "424,999.21", 0 },
  { CAB_STATEMENT_ROW_TYPE_TURNOVERS, "Total turnovers", "284,159.85", "1,404,989.65", 0 },
  { CAB_STATEMENT_ROW_TYPE_CLOSING_BALANCE, "Balance on 01.08.2016", "", "512,007.01", 0 },
};

static const ExpectedRow fig8_russian[] = {
  { CAB_STATEMENT_ROW_TYPE_OPENING_BALANCE, "Balance on 01.05.2016", "608" NBSP "822,79", "", 0 },
  { CAB_STATEMENT_ROW_TYPE_OPERATION, "Correction invoice of 24.05.2016", "-198" NBSP "685,01", "", 2 },
  { CAB_STATEMENT_ROW_TYPE_OPERATION, "Payment received on 25.05.2016", "", "979" NBSP "990,44", 0 },
  { CAB_STATEMENT_ROW_TYPE_OPERATION, "Invoice of 31.05.2016", "482" NBSP "844,86", "", 2 },
  { CAB_STATEMENT_ROW_TYPE_OPERATION, "Payment received on 20.06.2016", "", "424" NBSP "999,21", 0 },
  { CAB_STATEMENT_ROW_TYPE_TURNOVERS, "Total turnovers", "284" NBSP "159,85", "1" NBSP "404" NBSP "989,65", 0 },
  { CAB_STATEMENT_ROW_TYPE_CLOSING_BALANCE, "Balance on 01.08.2016", "", "512" NBSP "007,01", 0 },
};

static void
check_rows (GListModel        *model,
            const ExpectedRow *expected,
            guint              n_expected,
            gboolean           with_documents)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(CabStatementRowItem) item = g_list_model_get_item (model, i);

      g_test_message ("row %u: %s", i, expected[i].operation);
      g_assert_cmpint (cab_statement_row_item_get_row_type (item), ==, expected[i].type);
      g_assert_cmpstr (cab_statement_row_item_get_operation (item), ==, expected[i].operation);
      g_assert_cmpstr (cab_statement_row_item_get_debit_text (item), ==, expected[i].debit);
      g_assert_cmpstr (cab_statement_row_item_get_credit_text (item), ==, expected[i].credit);
      g_assert_cmpuint (cab_statement_row_item_get_documents (item)->len, ==,
                        with_documents ? expected[i].n_documents : 0);
    }
}

static void
test_fig8_english (void)
{
  g_autoptr(CabStatement) statement = fig8_statement ();
  g_autoptr(GListModel) model = cab_statement_model_new_with_style (statement, CAB_MONEY_STYLE_ENGLISH);
  g_autoptr(CabStatementRowItem) correction = NULL;
  g_autoptr(CabStatementRowItem) closing = NULL;
  CabDocumentRef *ref;
  CabMoney money;

  check_rows (model, fig8_english, G_N_ELEMENTS (fig8_english), TRUE);

  /* The row keeps what saving its documents needs. */
  correction = g_list_model_get_item (model, 1);
  g_assert_cmpstr (cab_statement_row_item_get_number (correction), ==, "К-0524/1");
  g_assert_cmpuint (g_date_get_day (cab_statement_row_item_get_date (correction)), ==, 24);
  ref = g_ptr_array_index (cab_statement_row_item_get_documents (correction), 0);
  g_assert_cmpstr (ref->id, ==, "17");
  g_assert_cmpstr (ref->title, ==, "Счет-фактура (корректировка)");
  g_assert_true (cab_statement_row_item_get_debit (correction, &money));
  g_assert_cmpint (money, ==, -19868501);
  g_assert_false (cab_statement_row_item_get_credit (correction, NULL));

  /* The closing balance of -512 007,01 stands as 512 007,01 in the credit column. */
  closing = g_list_model_get_item (model, 6);
  g_assert_false (cab_statement_row_item_get_debit (closing, NULL));
  g_assert_true (cab_statement_row_item_get_credit (closing, &money));
  g_assert_cmpint (money, ==, 51200701);
  g_assert_null (cab_statement_row_item_get_date (closing));
}

static void
test_fig8_russian (void)
{
  g_autoptr(CabStatement) statement = fig8_statement ();
  g_autoptr(GListModel) model = cab_statement_model_new_with_style (statement, CAB_MONEY_STYLE_RUSSIAN);

  check_rows (model, fig8_russian, G_N_ELEMENTS (fig8_russian), TRUE);
}

/* The offline path: the same act computed from the saved ledger. */
static void
test_fig8_from_ledger (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabStatement) statement = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 5, 2016);
  g_date_set_dmy (&to, 1, 8, 2016);
  statement = cab_statement_compute (ledger, &from, &to, &error);
  g_assert_no_error (error);

  model = cab_statement_model_new_with_style (statement, CAB_MONEY_STYLE_ENGLISH);
  check_rows (model, fig8_english, G_N_ELEMENTS (fig8_english), FALSE);
}

static void
test_balance_columns (void)
{
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(CabStatement) statement = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(CabStatementRowItem) opening = NULL;
  g_autoptr(CabStatementRowItem) turnovers = NULL;
  g_autoptr(CabStatementRowItem) closing = NULL;
  g_autoptr(GError) error = NULL;
  GDate from, to;

  /* A zero balance and no operations: 0.00 in the debit column, zero turnovers. */
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 1, 2016);
  g_date_set_dmy (&to, 1, 4, 2016);
  ledger = cab_ledger_new (&from, 0, NULL);
  statement = cab_statement_compute (ledger, &from, &to, &error);
  g_assert_no_error (error);
  model = cab_statement_model_new_with_style (statement, CAB_MONEY_STYLE_ENGLISH);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  opening = g_list_model_get_item (model, 0);
  turnovers = g_list_model_get_item (model, 1);
  closing = g_list_model_get_item (model, 2);
  g_assert_cmpstr (cab_statement_row_item_get_operation (opening), ==, "Balance on 01.01.2016");
  g_assert_cmpstr (cab_statement_row_item_get_debit_text (opening), ==, "0.00");
  g_assert_cmpstr (cab_statement_row_item_get_credit_text (opening), ==, "");
  g_assert_cmpstr (cab_statement_row_item_get_debit_text (turnovers), ==, "0.00");
  g_assert_cmpstr (cab_statement_row_item_get_credit_text (turnovers), ==, "0.00");
  g_assert_cmpstr (cab_statement_row_item_get_operation (closing), ==, "Balance on 01.04.2016");
  g_assert_cmpstr (cab_statement_row_item_get_debit_text (closing), ==, "0.00");
}

static void
test_bills (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabBillList) bills = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const expected[][2] = {
    { "Advance bill of 01.05.2016", "173,118.79" },
    { "Advance bill of 16.05.2016", "405,103.24" },
    { "Advance bill of 01.06.2016", "244,223.01" },
    { "Advance bill of 16.06.2016", "193,139.74" },
    { "Advance bill of 01.07.2016", "167,345.26" },
  };
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 5, 2016);
  g_date_set_dmy (&to, 1, 8, 2016);
  bills = cab_bill_list_compute (ledger, "1234567890", &from, &to, &error);
  g_assert_no_error (error);
  model = cab_bill_model_new_with_style (bills, CAB_MONEY_STYLE_ENGLISH);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(CabStatementRowItem) item = g_list_model_get_item (model, i);

      g_assert_cmpstr (cab_statement_row_item_get_operation (item), ==, expected[i][0]);
      g_assert_cmpstr (cab_statement_row_item_get_debit_text (item), ==, expected[i][1]);
      g_assert_cmpstr (cab_statement_row_item_get_credit_text (item), ==, "");
    }
}

/* --- Period --- */

static void
check_period_ok (const char *from_text,
                 const char *to_text,
                 guint       from_d, guint from_m, guint from_y,
                 guint       to_d, guint to_m, guint to_y)
{
  g_autoptr(GError) error = NULL;
  CabPeriodField field = CAB_PERIOD_FIELD_FROM;
  GDate from, to;

  g_assert_true (cab_period_parse (from_text, to_text, &from, &to, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (field, ==, CAB_PERIOD_FIELD_NONE);
  g_assert_cmpuint (g_date_get_day (&from), ==, from_d);
  g_assert_cmpuint (g_date_get_month (&from), ==, from_m);
  g_assert_cmpuint (g_date_get_year (&from), ==, from_y);
  g_assert_cmpuint (g_date_get_day (&to), ==, to_d);
  g_assert_cmpuint (g_date_get_month (&to), ==, to_m);
  g_assert_cmpuint (g_date_get_year (&to), ==, to_y);
}

static void
check_period_bad (const char     *from_text,
                  const char     *to_text,
                  gint            code,
                  CabPeriodField  expected_field,
                  const char     *message)
{
  g_autoptr(GError) error = NULL;
  CabPeriodField field = CAB_PERIOD_FIELD_NONE;
  GDate from, to;

  g_test_message ("period “%s” - “%s”", from_text, to_text);
  g_assert_false (cab_period_parse (from_text, to_text, &from, &to, &field, &error));
  g_assert_error (error, CAB_ERROR, code);
  g_assert_cmpint (field, ==, expected_field);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_period_valid (void)
{
  check_period_ok ("01.05.2016", "01.08.2016", 1, 5, 2016, 1, 8, 2016);
  /* The manual's 4th quarter of 2015. */
  check_period_ok ("01.10.2015", "01.01.2016", 1, 10, 2015, 1, 1, 2016);
  /* Spaces around are forgiven. */
  check_period_ok (" 01.05.2016\t", " 02.05.2016", 1, 5, 2016, 2, 5, 2016);
  /* Exactly twenty years. */
  check_period_ok ("01.01.2000", "01.01.2020", 1, 1, 2000, 1, 1, 2020);
  check_period_ok ("29.02.2000", "29.02.2020", 29, 2, 2000, 29, 2, 2020);
}

static void
test_period_invalid (void)
{
  check_period_bad ("", "01.08.2016", CAB_ERROR_INVALID_DATE, CAB_PERIOD_FIELD_FROM,
                    "Enter the start of the period as DD.MM.YYYY");
  check_period_bad ("01.05.2016", "  ", CAB_ERROR_INVALID_DATE, CAB_PERIOD_FIELD_TO,
                    "Enter the end of the period as DD.MM.YYYY");
  check_period_bad ("31.02.2016", "01.08.2016", CAB_ERROR_INVALID_DATE, CAB_PERIOD_FIELD_FROM,
                    "“31.02.2016” is not a valid date: type the start of the period as DD.MM.YYYY");
  check_period_bad ("1.5.2016", "01.08.2016", CAB_ERROR_INVALID_DATE, CAB_PERIOD_FIELD_FROM,
                    "“1.5.2016” is not a valid date: type the start of the period as DD.MM.YYYY");
  check_period_bad ("2016-05-01", "01.08.2016", CAB_ERROR_INVALID_DATE, CAB_PERIOD_FIELD_FROM,
                    "“2016-05-01” is not a valid date: type the start of the period as DD.MM.YYYY");
  check_period_bad ("01.05.2016", "01.13.2016", CAB_ERROR_INVALID_DATE, CAB_PERIOD_FIELD_TO,
                    "“01.13.2016” is not a valid date: type the end of the period as DD.MM.YYYY");
  check_period_bad ("01.05.2016", "01.08.2016x", CAB_ERROR_INVALID_DATE, CAB_PERIOD_FIELD_TO,
                    "“01.08.2016x” is not a valid date: type the end of the period as DD.MM.YYYY");
  /* Empty and reversed periods. */
  check_period_bad ("01.05.2016", "01.05.2016", CAB_ERROR_INVALID_PERIOD, CAB_PERIOD_FIELD_TO,
                    "The end of the period must be after its start, 01.05.2016 (the end is the first day after the period)");
  check_period_bad ("01.08.2016", "01.05.2016", CAB_ERROR_INVALID_PERIOD, CAB_PERIOD_FIELD_TO,
                    "The end of the period must be after its start, 01.08.2016 (the end is the first day after the period)");
  /* One day past twenty years. */
  check_period_bad ("01.01.2000", "02.01.2020", CAB_ERROR_INVALID_PERIOD, CAB_PERIOD_FIELD_TO,
                    "The period is longer than 20 years: choose a shorter one");
}

static void
test_period_default (void)
{
  static const struct { guint d, m, y; guint fd, fm, fy, td, tm, ty; } cases[] = {
    { 28, 6, 2016, 1, 4, 2016, 1, 7, 2016 },
    { 1, 1, 2016, 1, 1, 2016, 1, 4, 2016 },
    { 31, 12, 2015, 1, 10, 2015, 1, 1, 2016 },
    { 26, 11, 2026, 1, 10, 2026, 1, 1, 2027 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate today, from, to;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, cases[i].d, cases[i].m, cases[i].y);
      cab_period_default (&today, &from, &to);
      g_assert_cmpuint (g_date_get_day (&from), ==, cases[i].fd);
      g_assert_cmpuint (g_date_get_month (&from), ==, cases[i].fm);
      g_assert_cmpuint (g_date_get_year (&from), ==, cases[i].fy);
      g_assert_cmpuint (g_date_get_day (&to), ==, cases[i].td);
      g_assert_cmpuint (g_date_get_month (&to), ==, cases[i].tm);
      g_assert_cmpuint (g_date_get_year (&to), ==, cases[i].ty);
      g_assert_true (cab_period_check (&from, &to, NULL, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  /* English source strings: no translation. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/statement-model/fig8/english", test_fig8_english);
  g_test_add_func ("/statement-model/fig8/russian", test_fig8_russian);
  g_test_add_func ("/statement-model/fig8/from-ledger", test_fig8_from_ledger);
  g_test_add_func ("/statement-model/balance-columns", test_balance_columns);
  g_test_add_func ("/statement-model/bills", test_bills);
  g_test_add_func ("/period/valid", test_period_valid);
  g_test_add_func ("/period/invalid", test_period_invalid);
  g_test_add_func ("/period/default", test_period_default);

  return g_test_run ();
}
