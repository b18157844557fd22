/* test-due-dates.c: the coming due dates of a contract, on the manual's Fig. 8 ledger.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-core.h"
#include "core-test-fig8.h"
#include "cab-due-dates.h"

typedef struct
{
  CabDueKind kind;
  guint      due_y, due_m, due_d;
  guint      year, month;
  gboolean   known;
  CabMoney   amount;
  guint      doc_y, doc_m, doc_d;
} Expected;

static void
check (GArray         *dates,
       const Expected *expected,
       guint           n)
{
  g_assert_cmpuint (dates->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const CabDueDate *d = &g_array_index (dates, CabDueDate, i);
      GDate due = ymd (expected[i].due_y, expected[i].due_m, expected[i].due_d);
      GDate doc = ymd (expected[i].doc_y, expected[i].doc_m, expected[i].doc_d);

      g_test_message ("due date %u", i);
      g_assert_cmpint (d->kind, ==, expected[i].kind);
      g_assert_cmpint (g_date_compare (&d->due, &due), ==, 0);
      g_assert_cmpuint (d->year, ==, expected[i].year);
      g_assert_cmpuint (d->month, ==, expected[i].month);
      g_assert_cmpint (d->amount_known, ==, expected[i].known);
      g_assert_cmpint (d->amount, ==, expected[i].amount);
      g_assert_cmpint (g_date_compare (&d->document_date, &doc), ==, 0);
    }
}

static void
test_june_2016 (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  GDate from = ymd (2016, 6, 1), to = ymd (2016, 7, 1);
  g_autoptr(GArray) dates = cab_due_dates_compute (ledger, &from, &to);
  static const Expected expected[] = {
    { CAB_DUE_ADVANCE_BILL_1, 2016, 6, 10, 2016, 6, TRUE, 24422301, 2016, 6, 1 },
    { CAB_DUE_SETTLEMENT, 2016, 6, 18, 2016, 5, TRUE, 48284486, 2016, 5, 31 },
    { CAB_DUE_ADVANCE_BILL_2, 2016, 6, 25, 2016, 6, TRUE, 19313974, 2016, 6, 16 },
  };

  check (dates, expected, G_N_ELEMENTS (expected));
}

static void
test_coming_from_fig8_day (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  GDate from = ymd (2016, 6, 28), to = ymd (2016, 9, 1);
  g_autoptr(GArray) dates = cab_due_dates_compute (ledger, &from, &to);
  /* Seen on 28.06.2016: the July bill 1 is known, nothing later is issued yet. */
  static const Expected expected[] = {
    { CAB_DUE_ADVANCE_BILL_1, 2016, 7, 10, 2016, 7, TRUE, 16734526, 2016, 7, 1 },
    { CAB_DUE_SETTLEMENT, 2016, 7, 18, 2016, 6, FALSE, 0, 2016, 6, 30 },
    { CAB_DUE_ADVANCE_BILL_2, 2016, 7, 25, 2016, 7, FALSE, 0, 2016, 7, 16 },
    { CAB_DUE_ADVANCE_BILL_1, 2016, 8, 10, 2016, 8, FALSE, 0, 2016, 8, 1 },
    { CAB_DUE_SETTLEMENT, 2016, 8, 18, 2016, 7, FALSE, 0, 2016, 7, 31 },
    { CAB_DUE_ADVANCE_BILL_2, 2016, 8, 25, 2016, 8, FALSE, 0, 2016, 8, 16 },
  };

  check (dates, expected, G_N_ELEMENTS (expected));
}

static void
test_contract_days_and_year_end (void)
{
  /* A contract of its own: bills 3rd/12th and 17th/28th, invoice due the 20th; a due day of
   * 31 in a short month is its last day. */
  CabTerms terms = { 3, 12, 17, 31, 20 };
  g_autoptr(CabLedger) ledger = NULL;
  GDate from = ymd (2016, 12, 13), to = ymd (2017, 2, 28);
  g_autoptr(GArray) dates = NULL;
  static const Expected expected[] = {
    { CAB_DUE_SETTLEMENT, 2016, 12, 20, 2016, 11, FALSE, 0, 2016, 11, 30 },
    { CAB_DUE_ADVANCE_BILL_2, 2016, 12, 31, 2016, 12, TRUE, 5000, 2016, 12, 17 },
    { CAB_DUE_ADVANCE_BILL_1, 2017, 1, 12, 2017, 1, FALSE, 0, 2017, 1, 3 },
    { CAB_DUE_SETTLEMENT, 2017, 1, 20, 2016, 12, TRUE, 12000, 2016, 12, 31 },
    { CAB_DUE_ADVANCE_BILL_2, 2017, 1, 31, 2017, 1, FALSE, 0, 2017, 1, 17 },
    { CAB_DUE_ADVANCE_BILL_1, 2017, 2, 12, 2017, 2, FALSE, 0, 2017, 2, 3 },
    { CAB_DUE_SETTLEMENT, 2017, 2, 20, 2017, 1, FALSE, 0, 2017, 1, 31 },
  };

  g_assert_true (cab_terms_validate (&terms, NULL));
  ledger = fig8_ledger_with_terms (&terms);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_2, 2016, 12, 17, 5000, 0);
  add (ledger, CAB_ENTRY_INVOICE, 2016, 12, 31, 12000, 0);
  dates = cab_due_dates_compute (ledger, &from, &to);
  check (dates, expected, G_N_ELEMENTS (expected));
}

static void
test_empty_range (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  GDate from = ymd (2016, 6, 11), to = ymd (2016, 6, 11);
  g_autoptr(GArray) dates = cab_due_dates_compute (ledger, &from, &to);
  g_autoptr(GArray) backwards = NULL;

  g_assert_cmpuint (dates->len, ==, 0);
  to = ymd (2016, 6, 1);
  backwards = cab_due_dates_compute (ledger, &from, &to);
  g_assert_cmpuint (backwards->len, ==, 0);
}

static void
test_uid_stable (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  GDate from = ymd (2016, 6, 1), to = ymd (2016, 7, 1);
  GDate later = ymd (2016, 6, 15);
  g_autoptr(GArray) first = cab_due_dates_compute (ledger, &from, &to);
  g_autoptr(GArray) second = cab_due_dates_compute (ledger, &later, &to);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *uid = cab_due_date_uid (&g_array_index (first, CabDueDate, 0), "1234567890");

  g_assert_cmpstr (uid, ==, "1234567890-2016-06-advance-1@ru.tek_energo.Cabinet");

  /* The same due date has the same UID in another export; different ones differ. */
  for (guint i = 0; i < first->len; i++)
    {
      char *id = cab_due_date_uid (&g_array_index (first, CabDueDate, i), "1234567890");

      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
    }
  for (guint i = 0; i < second->len; i++)
    {
      g_autofree char *id = cab_due_date_uid (&g_array_index (second, CabDueDate, i),
                                              "1234567890");

      g_assert_true (g_hash_table_contains (seen, id));
    }
  g_assert_cmpuint (second->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/due-dates/june-2016", test_june_2016);
  g_test_add_func ("/due-dates/coming-from-fig8-day", test_coming_from_fig8_day);
  g_test_add_func ("/due-dates/contract-days-and-year-end", test_contract_days_and_year_end);
  g_test_add_func ("/due-dates/empty-range", test_empty_range);
  g_test_add_func ("/due-dates/uid-stable", test_uid_stable);

  return g_test_run ();
}
