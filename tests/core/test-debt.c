/* test-debt.c: the current debt and the recommended payment (manual 4.2, block 1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-fig8.h"

/* The entry with @id (ids are unique in these tests). */
static guint
position_of (CabLedger *ledger,
             gint64     id)
{
  for (guint i = 0; i < cab_ledger_get_n_entries (ledger); i++)
    {
      if (cab_ledger_get_entry (ledger, i)->id == id)
        return i;
    }

  g_assert_not_reached ();
}

static gboolean
counts (CabLedger    *ledger,
        gint64        id,
        guint         year,
        guint         month,
        guint         day,
        CabDebtBasis  basis)
{
  GDate on = ymd (year, month, day);

  return cab_debt_entry_counts (ledger, position_of (ledger, id), &on, basis);
}

static CabMoney
debt (CabLedger *ledger,
      guint      year,
      guint      month,
      guint      day)
{
  GDate on = ymd (year, month, day);

  return cab_debt_on (ledger, &on);
}

static CabMoney
recommended (CabLedger *ledger,
             guint      year,
             guint      month,
             guint      day)
{
  GDate on = ymd (year, month, day);

  return cab_debt_recommended_payment (ledger, &on);
}

static void
assert_counts_from (CabLedger    *ledger,
                    gint64        id,
                    CabDebtBasis  basis,
                    guint         year,
                    guint         month,
                    guint         day)
{
  GDate first;
  GDate expected = ymd (year, month, day);

  cab_debt_counts_from (ledger, position_of (ledger, id), basis, &first);
  g_assert_cmpint (g_date_compare (&first, &expected), ==, 0);
}

/* Fig. 8 of the manual, account 1234567890 (domain.md). */
enum
{
  FIG8_BILL1_MAY = 1,
  FIG8_BILL2_MAY,
  FIG8_CORRECTION,
  FIG8_PAYMENT_MAY,
  FIG8_INVOICE_MAY,
  FIG8_BILL1_JUNE,
  FIG8_BILL2_JUNE,
  FIG8_PAYMENT_JUNE,
  FIG8_BILL1_JULY,
};

/* Fig. 8 as in core-test-fig8.h, but with the entries added out of order and ids of their own. */
static CabLedger *
fig8_ledger_out_of_order (void)
{
  GDate opening = ymd (2016, 5, 1);
  CabLedger *ledger = cab_ledger_new (&opening, 60882279, NULL);

  /* Added out of order on purpose: the ledger keeps date order. */
  add (ledger, CAB_ENTRY_PAYMENT, 2016, 6, 20, 42499921, FIG8_PAYMENT_JUNE);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_1, 2016, 5, 1, 17311879, FIG8_BILL1_MAY);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_2, 2016, 5, 16, 40510324, FIG8_BILL2_MAY);
  add (ledger, CAB_ENTRY_CORRECTION, 2016, 5, 24, -19868501, FIG8_CORRECTION);
  add (ledger, CAB_ENTRY_PAYMENT, 2016, 5, 25, 97999044, FIG8_PAYMENT_MAY);
  add (ledger, CAB_ENTRY_INVOICE, 2016, 5, 31, 48284486, FIG8_INVOICE_MAY);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_1, 2016, 6, 1, 24422301, FIG8_BILL1_JUNE);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_2, 2016, 6, 16, 19313974, FIG8_BILL2_JUNE);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_1, 2016, 7, 1, 16734526, FIG8_BILL1_JULY);

  return ledger;
}

static void
test_fig8_debt (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger_out_of_order ();
  g_autofree char *wire = NULL;

  g_assert_cmpint (debt (ledger, 2016, 6, 28), ==, -7464426);
  g_assert_cmpint (recommended (ledger, 2016, 6, 28), ==, 0);

  wire = cab_money_to_wire (debt (ledger, 2016, 6, 28));
  g_assert_cmpstr (wire, ==, "-74644.26");

  /* What counts on 28.06.2016: the May bills are replaced by the May invoice (counting since
   * 19.06), the June bills are past due, the July bill is not. */
  g_assert_false (counts (ledger, FIG8_BILL1_MAY, 2016, 6, 28, CAB_DEBT_BASIS_DUE));
  g_assert_false (counts (ledger, FIG8_BILL2_MAY, 2016, 6, 28, CAB_DEBT_BASIS_DUE));
  g_assert_true (counts (ledger, FIG8_CORRECTION, 2016, 6, 28, CAB_DEBT_BASIS_DUE));
  g_assert_true (counts (ledger, FIG8_PAYMENT_MAY, 2016, 6, 28, CAB_DEBT_BASIS_DUE));
  g_assert_true (counts (ledger, FIG8_INVOICE_MAY, 2016, 6, 28, CAB_DEBT_BASIS_DUE));
  g_assert_true (counts (ledger, FIG8_BILL1_JUNE, 2016, 6, 28, CAB_DEBT_BASIS_DUE));
  g_assert_true (counts (ledger, FIG8_BILL2_JUNE, 2016, 6, 28, CAB_DEBT_BASIS_DUE));
  g_assert_true (counts (ledger, FIG8_PAYMENT_JUNE, 2016, 6, 28, CAB_DEBT_BASIS_DUE));
  g_assert_false (counts (ledger, FIG8_BILL1_JULY, 2016, 6, 28, CAB_DEBT_BASIS_DUE));
}

static void
test_fig8_other_days (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger_out_of_order ();

  /* 01.05: only the opening balance is due; bill 1 of May is billed already. */
  g_assert_cmpint (debt (ledger, 2016, 5, 1), ==, 60882279);
  g_assert_cmpint (recommended (ledger, 2016, 5, 1), ==, 60882279 + 17311879);
  /* 10.05 vs 11.05: bill 1 of May becomes due. */
  g_assert_cmpint (debt (ledger, 2016, 5, 10), ==, 60882279);
  g_assert_cmpint (debt (ledger, 2016, 5, 11), ==, 60882279 + 17311879);
  /* 24.05: the correction counts from its own date. */
  g_assert_cmpint (debt (ledger, 2016, 5, 24), ==, 60882279 + 17311879 - 19868501);
  /* 25.05: the payment; bill 2 of May is not due until 26.05. */
  g_assert_cmpint (debt (ledger, 2016, 5, 25), ==, 60882279 + 17311879 - 19868501 - 97999044);
  g_assert_cmpint (debt (ledger, 2016, 5, 26), ==,
                   60882279 + 17311879 + 40510324 - 19868501 - 97999044);
  /* 18.06: May bills still count (the invoice is due today); 19.06: the invoice replaces them. */
  g_assert_cmpint (debt (ledger, 2016, 6, 18), ==,
                   60882279 + 17311879 + 40510324 - 19868501 - 97999044 + 24422301);
  g_assert_cmpint (debt (ledger, 2016, 6, 19), ==,
                   60882279 + 48284486 - 19868501 - 97999044 + 24422301);
  /* Issued basis: on 30.05 the May bills count, from 31.05 the invoice replaces them. */
  g_assert_cmpint (recommended (ledger, 2016, 5, 30), ==,
                   60882279 + 17311879 + 40510324 - 19868501 - 97999044);
  g_assert_cmpint (recommended (ledger, 2016, 5, 31), ==,
                   MAX (0, 60882279 + 48284486 - 19868501 - 97999044));
  g_assert_cmpint (recommended (ledger, 2016, 5, 31), ==, 0);
  /* 01.07: the July bill is billed; the June invoice is not in the ledger, so the June bills
   * keep counting. */
  g_assert_cmpint (recommended (ledger, 2016, 7, 1), ==, -7464426 + 16734526);
  g_assert_cmpint (debt (ledger, 2016, 7, 1), ==, -7464426);
  g_assert_cmpint (debt (ledger, 2016, 7, 11), ==, -7464426 + 16734526);
  g_assert_cmpint (recommended (ledger, 2016, 7, 11), ==, -7464426 + 16734526);
}

/* The manual's February 2016 walkthrough: zero balance on 01.01.2016. Amounts are powers of
 * two so that every sum tells exactly which documents it holds. */
enum
{
  FEB_BILL1_JAN = 1,
  FEB_BILL2_JAN,
  FEB_INVOICE_JAN,
  FEB_BILL1_FEB,
  FEB_BILL2_FEB,
  FEB_INVOICE_FEB,
};

static CabLedger *
february_ledger (const CabTerms *terms)
{
  GDate opening = ymd (2016, 1, 1);
  CabLedger *ledger = cab_ledger_new (&opening, 0, terms);

  add (ledger, CAB_ENTRY_ADVANCE_BILL_1, 2016, 1, 1, 100, FEB_BILL1_JAN);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_2, 2016, 1, 16, 200, FEB_BILL2_JAN);
  add (ledger, CAB_ENTRY_INVOICE, 2016, 1, 31, 400, FEB_INVOICE_JAN);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_1, 2016, 2, 1, 800, FEB_BILL1_FEB);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_2, 2016, 2, 16, 1600, FEB_BILL2_FEB);
  add (ledger, CAB_ENTRY_INVOICE, 2016, 2, 29, 3200, FEB_INVOICE_FEB);

  return ledger;
}

static void
test_february_walkthrough (void)
{
  static const struct {
    guint        first_day;
    guint        last_day;
    const gint64 ids[4];  /* counting documents, 0-terminated */
  } ranges[] = {
    { 1, 10, { FEB_BILL1_JAN, FEB_BILL2_JAN, 0 } },
    { 11, 18, { FEB_BILL1_JAN, FEB_BILL2_JAN, FEB_BILL1_FEB, 0 } },
    { 19, 25, { FEB_INVOICE_JAN, FEB_BILL1_FEB, 0 } },
    { 26, 29, { FEB_INVOICE_JAN, FEB_BILL1_FEB, FEB_BILL2_FEB, 0 } },
  };
  g_autoptr(CabLedger) ledger = february_ledger (NULL);
  guint n_checked_days = 0;

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    {
      for (guint day = ranges[r].first_day; day <= ranges[r].last_day; day++)
        {
          CabMoney expected_sum = 0;

          for (gint64 id = FEB_BILL1_JAN; id <= FEB_INVOICE_FEB; id++)
            {
              gboolean expected = FALSE;

              for (guint k = 0; ranges[r].ids[k] != 0; k++)
                expected |= ranges[r].ids[k] == id;

              g_test_message ("%02u.02.2016, entry %" G_GINT64_FORMAT, day, id);
              g_assert_cmpint (counts (ledger, id, 2016, 2, day, CAB_DEBT_BASIS_DUE), ==,
                               expected);
              if (expected)
                expected_sum += cab_ledger_get_entry (ledger, position_of (ledger, id))->amount;
            }

          g_assert_cmpint (debt (ledger, 2016, 2, day), ==, expected_sum);
          n_checked_days++;
        }
    }

  g_assert_cmpuint (n_checked_days, ==, 29);

  /* The sums themselves, written out. */
  g_assert_cmpint (debt (ledger, 2016, 2, 10), ==, 100 + 200);
  g_assert_cmpint (debt (ledger, 2016, 2, 18), ==, 100 + 200 + 800);
  g_assert_cmpint (debt (ledger, 2016, 2, 25), ==, 400 + 800);
  g_assert_cmpint (debt (ledger, 2016, 2, 29), ==, 400 + 800 + 1600);
}

static void
test_february_issued_basis (void)
{
  g_autoptr(CabLedger) ledger = february_ledger (NULL);

  /* Everything counts from its own date; the January invoice replaces the January bills from
   * 31.01, the February invoice the February bills from 29.02. */
  g_assert_cmpint (recommended (ledger, 2016, 1, 15), ==, 100);
  g_assert_cmpint (recommended (ledger, 2016, 1, 16), ==, 100 + 200);
  g_assert_cmpint (recommended (ledger, 2016, 1, 30), ==, 100 + 200);
  g_assert_cmpint (recommended (ledger, 2016, 1, 31), ==, 400);
  g_assert_cmpint (recommended (ledger, 2016, 2, 1), ==, 400 + 800);
  g_assert_cmpint (recommended (ledger, 2016, 2, 16), ==, 400 + 800 + 1600);
  g_assert_cmpint (recommended (ledger, 2016, 2, 28), ==, 400 + 800 + 1600);
  g_assert_cmpint (recommended (ledger, 2016, 2, 29), ==, 400 + 3200);

  g_assert_false (counts (ledger, FEB_BILL1_JAN, 2016, 1, 31, CAB_DEBT_BASIS_ISSUED));
  g_assert_true (counts (ledger, FEB_BILL1_JAN, 2016, 1, 30, CAB_DEBT_BASIS_ISSUED));
  g_assert_true (counts (ledger, FEB_INVOICE_JAN, 2016, 1, 31, CAB_DEBT_BASIS_ISSUED));
}

static void
test_january_and_march (void)
{
  g_autoptr(CabLedger) ledger = february_ledger (NULL);

  g_assert_cmpint (debt (ledger, 2016, 1, 1), ==, 0);
  g_assert_cmpint (debt (ledger, 2016, 1, 10), ==, 0);
  g_assert_cmpint (debt (ledger, 2016, 1, 11), ==, 100);
  g_assert_cmpint (debt (ledger, 2016, 1, 25), ==, 100);
  g_assert_cmpint (debt (ledger, 2016, 1, 26), ==, 100 + 200);
  g_assert_cmpint (debt (ledger, 2016, 1, 31), ==, 100 + 200);
  /* The February invoice (dated 29.02, leap year) is due 18.03 and counts from 19.03. */
  g_assert_cmpint (debt (ledger, 2016, 3, 18), ==, 400 + 800 + 1600);
  g_assert_cmpint (debt (ledger, 2016, 3, 19), ==, 400 + 3200);
}

static void
test_counts_from_default (void)
{
  g_autoptr(CabLedger) ledger = february_ledger (NULL);

  assert_counts_from (ledger, FEB_BILL1_FEB, CAB_DEBT_BASIS_DUE, 2016, 2, 11);
  assert_counts_from (ledger, FEB_BILL2_FEB, CAB_DEBT_BASIS_DUE, 2016, 2, 26);
  assert_counts_from (ledger, FEB_INVOICE_JAN, CAB_DEBT_BASIS_DUE, 2016, 2, 19);
  assert_counts_from (ledger, FEB_INVOICE_FEB, CAB_DEBT_BASIS_DUE, 2016, 3, 19);
  assert_counts_from (ledger, FEB_BILL1_FEB, CAB_DEBT_BASIS_ISSUED, 2016, 2, 1);
  assert_counts_from (ledger, FEB_BILL2_FEB, CAB_DEBT_BASIS_ISSUED, 2016, 2, 16);
  assert_counts_from (ledger, FEB_INVOICE_FEB, CAB_DEBT_BASIS_ISSUED, 2016, 2, 29);
}

static void
test_edge_days (void)
{
  g_autoptr(CabLedger) ledger = february_ledger (NULL);

  /* The 10th vs the 11th. */
  g_assert_false (counts (ledger, FEB_BILL1_FEB, 2016, 2, 10, CAB_DEBT_BASIS_DUE));
  g_assert_true (counts (ledger, FEB_BILL1_FEB, 2016, 2, 11, CAB_DEBT_BASIS_DUE));
  /* The 25th vs the 26th. */
  g_assert_false (counts (ledger, FEB_BILL2_FEB, 2016, 2, 25, CAB_DEBT_BASIS_DUE));
  g_assert_true (counts (ledger, FEB_BILL2_FEB, 2016, 2, 26, CAB_DEBT_BASIS_DUE));
  /* The 18th vs the 19th of the next month, and the swap on the 19th. */
  g_assert_false (counts (ledger, FEB_INVOICE_JAN, 2016, 2, 18, CAB_DEBT_BASIS_DUE));
  g_assert_true (counts (ledger, FEB_BILL1_JAN, 2016, 2, 18, CAB_DEBT_BASIS_DUE));
  g_assert_true (counts (ledger, FEB_BILL2_JAN, 2016, 2, 18, CAB_DEBT_BASIS_DUE));
  g_assert_true (counts (ledger, FEB_INVOICE_JAN, 2016, 2, 19, CAB_DEBT_BASIS_DUE));
  g_assert_false (counts (ledger, FEB_BILL1_JAN, 2016, 2, 19, CAB_DEBT_BASIS_DUE));
  g_assert_false (counts (ledger, FEB_BILL2_JAN, 2016, 2, 19, CAB_DEBT_BASIS_DUE));
}

static void
test_leap_february_2024 (void)
{
  GDate opening = ymd (2024, 1, 1);
  g_autoptr(CabLedger) ledger = cab_ledger_new (&opening, 0, NULL);

  add (ledger, CAB_ENTRY_ADVANCE_BILL_1, 2024, 2, 1, 100, 1);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_2, 2024, 2, 16, 200, 2);
  add (ledger, CAB_ENTRY_INVOICE, 2024, 2, 29, 400, 3);
  add (ledger, CAB_ENTRY_CORRECTION, 2024, 2, 29, -1000, 4);
  add (ledger, CAB_ENTRY_PAYMENT, 2024, 2, 29, 50, 5);

  assert_counts_from (ledger, 3, CAB_DEBT_BASIS_DUE, 2024, 3, 19);
  assert_counts_from (ledger, 4, CAB_DEBT_BASIS_DUE, 2024, 2, 29);
  assert_counts_from (ledger, 5, CAB_DEBT_BASIS_DUE, 2024, 2, 29);

  g_assert_cmpint (debt (ledger, 2024, 2, 28), ==, 100 + 200);
  g_assert_cmpint (debt (ledger, 2024, 2, 29), ==, 100 + 200 - 1000 - 50);
  g_assert_cmpint (debt (ledger, 2024, 3, 18), ==, 100 + 200 - 1000 - 50);
  g_assert_cmpint (debt (ledger, 2024, 3, 19), ==, 400 - 1000 - 50);

  g_assert_cmpint (recommended (ledger, 2024, 2, 28), ==, 300);
  /* On 29.02 the invoice replaces the bills, and the correction makes the sum negative. */
  g_assert_cmpint (recommended (ledger, 2024, 2, 29), ==, 0);
}

static void
test_leap_clamping (void)
{
  CabTerms terms;
  GDate opening = ymd (2016, 1, 1);
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(CabLedger) ledger_2015 = NULL;

  /* Due on the 30th: in February that is its last day, 29.02 in 2016, 28.02 in 2015. */
  cab_terms_init_default (&terms);
  terms.bill2_due_day = 30;
  terms.invoice_due_day = 30;
  g_assert_true (cab_terms_validate (&terms, NULL));

  ledger = cab_ledger_new (&opening, 0, &terms);
  add (ledger, CAB_ENTRY_INVOICE, 2016, 1, 31, 400, 1);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_2, 2016, 2, 16, 200, 2);
  assert_counts_from (ledger, 1, CAB_DEBT_BASIS_DUE, 2016, 3, 1);
  assert_counts_from (ledger, 2, CAB_DEBT_BASIS_DUE, 2016, 3, 1);
  g_assert_cmpint (debt (ledger, 2016, 2, 29), ==, 0);
  g_assert_cmpint (debt (ledger, 2016, 3, 1), ==, 600);

  opening = ymd (2015, 1, 1);
  ledger_2015 = cab_ledger_new (&opening, 0, &terms);
  add (ledger_2015, CAB_ENTRY_INVOICE, 2015, 1, 31, 400, 1);
  add (ledger_2015, CAB_ENTRY_ADVANCE_BILL_2, 2015, 2, 16, 200, 2);
  assert_counts_from (ledger_2015, 1, CAB_DEBT_BASIS_DUE, 2015, 3, 1);
  assert_counts_from (ledger_2015, 2, CAB_DEBT_BASIS_DUE, 2015, 3, 1);
  g_assert_cmpint (debt (ledger_2015, 2015, 2, 28), ==, 0);
  g_assert_cmpint (debt (ledger_2015, 2015, 3, 1), ==, 600);
}

static void
test_year_boundary (void)
{
  GDate opening = ymd (2015, 12, 1);
  g_autoptr(CabLedger) ledger = cab_ledger_new (&opening, 1000, NULL);

  add (ledger, CAB_ENTRY_ADVANCE_BILL_1, 2015, 12, 1, 100, 1);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_2, 2015, 12, 16, 200, 2);
  add (ledger, CAB_ENTRY_INVOICE, 2015, 12, 31, 400, 3);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_1, 2016, 1, 1, 800, 4);

  assert_counts_from (ledger, 3, CAB_DEBT_BASIS_DUE, 2016, 1, 19);

  g_assert_cmpint (debt (ledger, 2015, 12, 31), ==, 1000 + 100 + 200);
  g_assert_cmpint (debt (ledger, 2016, 1, 10), ==, 1000 + 100 + 200);
  g_assert_cmpint (debt (ledger, 2016, 1, 11), ==, 1000 + 100 + 200 + 800);
  g_assert_cmpint (debt (ledger, 2016, 1, 18), ==, 1000 + 100 + 200 + 800);
  g_assert_cmpint (debt (ledger, 2016, 1, 19), ==, 1000 + 400 + 800);
  g_assert_false (counts (ledger, 1, 2016, 1, 19, CAB_DEBT_BASIS_DUE));
  g_assert_false (counts (ledger, 2, 2016, 1, 19, CAB_DEBT_BASIS_DUE));

  g_assert_cmpint (recommended (ledger, 2015, 12, 30), ==, 1000 + 100 + 200);
  g_assert_cmpint (recommended (ledger, 2015, 12, 31), ==, 1000 + 400);
  g_assert_cmpint (recommended (ledger, 2016, 1, 1), ==, 1000 + 400 + 800);
}

static void
test_negative_correction (void)
{
  GDate opening = ymd (2016, 3, 1);
  g_autoptr(CabLedger) ledger = cab_ledger_new (&opening, 5000, NULL);

  add (ledger, CAB_ENTRY_CORRECTION, 2016, 3, 15, -7000, 1);

  assert_counts_from (ledger, 1, CAB_DEBT_BASIS_DUE, 2016, 3, 15);
  assert_counts_from (ledger, 1, CAB_DEBT_BASIS_ISSUED, 2016, 3, 15);
  g_assert_cmpint (debt (ledger, 2016, 3, 14), ==, 5000);
  g_assert_cmpint (debt (ledger, 2016, 3, 15), ==, -2000);
  g_assert_cmpint (recommended (ledger, 2016, 3, 14), ==, 5000);
  g_assert_cmpint (recommended (ledger, 2016, 3, 15), ==, 0);
}

static void
test_missing_invoice (void)
{
  GDate opening = ymd (2016, 3, 1);
  g_autoptr(CabLedger) ledger = cab_ledger_new (&opening, 0, NULL);

  /* March has no invoice: its bills keep counting; April's invoice replaces only April's. */
  add (ledger, CAB_ENTRY_ADVANCE_BILL_1, 2016, 3, 1, 100, 1);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_2, 2016, 3, 16, 200, 2);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_1, 2016, 4, 1, 400, 3);
  add (ledger, CAB_ENTRY_INVOICE, 2016, 4, 30, 800, 4);

  g_assert_cmpint (debt (ledger, 2016, 5, 18), ==, 100 + 200 + 400);
  g_assert_cmpint (debt (ledger, 2016, 5, 19), ==, 100 + 200 + 800);
  g_assert_cmpint (debt (ledger, 2017, 1, 1), ==, 100 + 200 + 800);
  g_assert_true (counts (ledger, 1, 2017, 1, 1, CAB_DEBT_BASIS_DUE));
  g_assert_false (counts (ledger, 3, 2017, 1, 1, CAB_DEBT_BASIS_DUE));
}

static void
test_payments (void)
{
  GDate opening = ymd (2016, 3, 1);
  g_autoptr(CabLedger) ledger = cab_ledger_new (&opening, 300, NULL);

  add (ledger, CAB_ENTRY_PAYMENT, 2016, 3, 5, 1000, 1);
  g_assert_cmpint (debt (ledger, 2016, 3, 4), ==, 300);
  g_assert_cmpint (debt (ledger, 2016, 3, 5), ==, -700);
  g_assert_cmpint (recommended (ledger, 2016, 3, 4), ==, 300);
  g_assert_cmpint (recommended (ledger, 2016, 3, 5), ==, 0);
}

static void
test_custom_terms (void)
{
  CabTerms terms = {
    .bill1_issue_day = 3,
    .bill1_due_day = 5,
    .bill2_issue_day = 12,
    .bill2_due_day = 20,
    .invoice_due_day = 15,
  };
  g_autoptr(CabLedger) custom = february_ledger (&terms);
  g_autoptr(CabLedger) standard = february_ledger (NULL);

  g_assert_true (cab_terms_validate (&terms, NULL));
  g_assert_cmpint (cab_ledger_get_terms (custom)->invoice_due_day, ==, 15);

  assert_counts_from (custom, FEB_BILL1_FEB, CAB_DEBT_BASIS_DUE, 2016, 2, 6);
  assert_counts_from (custom, FEB_BILL2_FEB, CAB_DEBT_BASIS_DUE, 2016, 2, 21);
  assert_counts_from (custom, FEB_INVOICE_JAN, CAB_DEBT_BASIS_DUE, 2016, 2, 16);

  /* 06.02: custom terms make February's bill 1 due; the decree's not yet. */
  g_assert_cmpint (debt (custom, 2016, 2, 5), ==, 100 + 200);
  g_assert_cmpint (debt (custom, 2016, 2, 6), ==, 100 + 200 + 800);
  g_assert_cmpint (debt (standard, 2016, 2, 6), ==, 100 + 200);
  /* 16.02: the January invoice replaces January's bills three days early. */
  g_assert_cmpint (debt (custom, 2016, 2, 16), ==, 400 + 800);
  g_assert_cmpint (debt (standard, 2016, 2, 16), ==, 100 + 200 + 800);
  /* 21.02: bill 2 of February. */
  g_assert_cmpint (debt (custom, 2016, 2, 20), ==, 400 + 800);
  g_assert_cmpint (debt (custom, 2016, 2, 21), ==, 400 + 800 + 1600);
  g_assert_cmpint (debt (standard, 2016, 2, 21), ==, 400 + 800);
}

static void
test_terms_default (void)
{
  CabTerms terms;

  cab_terms_init_default (&terms);
  g_assert_cmpuint (terms.bill1_issue_day, ==, 1);
  g_assert_cmpuint (terms.bill1_due_day, ==, 10);
  g_assert_cmpuint (terms.bill2_issue_day, ==, 16);
  g_assert_cmpuint (terms.bill2_due_day, ==, 25);
  g_assert_cmpuint (terms.invoice_due_day, ==, 18);
  g_assert_true (cab_terms_validate (&terms, NULL));
}

static void
test_terms_invalid (void)
{
  static const struct {
    CabTerms    terms;
    const char *field;
  } cases[] = {
    { { 0, 10, 16, 25, 18 }, "bill1_issue_day" },
    { { 1, 32, 16, 25, 18 }, "bill1_due_day" },
    { { 1, 10, 16, 25, 0 }, "invoice_due_day" },
    { { 1, 10, 16, 25, 32 }, "invoice_due_day" },
    { { 10, 10, 16, 25, 18 }, "bill1_due_day" },
    { { 1, 10, 25, 16, 18 }, "bill2_due_day" },
    { { 16, 20, 1, 25, 18 }, "bill2_issue_day" },
    { { 1, 26, 16, 25, 18 }, "bill2_due_day" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i].field);

      g_assert_false (cab_terms_validate (&cases[i].terms, &error));
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "Field "));
      g_assert_nonnull (g_strstr_len (error->message, -1, quoted));
    }
}

static void
test_ledger_order (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger_out_of_order ();
  static const gint64 expected[] = {
    FIG8_BILL1_MAY, FIG8_BILL2_MAY, FIG8_CORRECTION, FIG8_PAYMENT_MAY, FIG8_INVOICE_MAY,
    FIG8_BILL1_JUNE, FIG8_BILL2_JUNE, FIG8_PAYMENT_JUNE, FIG8_BILL1_JULY,
  };
  GDate day = ymd (2016, 5, 25);

  g_assert_cmpuint (cab_ledger_get_n_entries (ledger), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (cab_ledger_get_entry (ledger, i)->id, ==, expected[i]);

  /* Equal dates keep the order they were added in. */
  cab_ledger_add (ledger, CAB_ENTRY_CORRECTION, &day, 1, 100);
  cab_ledger_add (ledger, CAB_ENTRY_PAYMENT, &day, 2, 101);
  g_assert_cmpint (cab_ledger_get_entry (ledger, 3)->id, ==, FIG8_PAYMENT_MAY);
  g_assert_cmpint (cab_ledger_get_entry (ledger, 4)->id, ==, 100);
  g_assert_cmpint (cab_ledger_get_entry (ledger, 5)->id, ==, 101);
  g_assert_cmpint (cab_ledger_get_entry (ledger, 6)->id, ==, FIG8_INVOICE_MAY);
  g_assert_cmpint (cab_ledger_get_opening_balance (ledger), ==, 60882279);
}

static void
test_balance_compute (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger_out_of_order ();
  GDate on = ymd (2016, 6, 28);
  g_autoptr(CabBalance) balance = cab_balance_compute (ledger, "1234567890", &on);

  g_assert_cmpstr (balance->account, ==, "1234567890");
  g_assert_cmpint (g_date_compare (&balance->on, &on), ==, 0);
  g_assert_cmpint (balance->debt, ==, -7464426);
  g_assert_cmpint (balance->recommended_payment, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/debt/fig8", test_fig8_debt);
  g_test_add_func ("/core/debt/fig8-other-days", test_fig8_other_days);
  g_test_add_func ("/core/debt/february-walkthrough", test_february_walkthrough);
  g_test_add_func ("/core/debt/february-issued-basis", test_february_issued_basis);
  g_test_add_func ("/core/debt/january-and-march", test_january_and_march);
  g_test_add_func ("/core/debt/counts-from", test_counts_from_default);
  g_test_add_func ("/core/debt/edge-days", test_edge_days);
  g_test_add_func ("/core/debt/leap-february-2024", test_leap_february_2024);
  g_test_add_func ("/core/debt/leap-clamping", test_leap_clamping);
  g_test_add_func ("/core/debt/year-boundary", test_year_boundary);
  g_test_add_func ("/core/debt/negative-correction", test_negative_correction);
  g_test_add_func ("/core/debt/missing-invoice", test_missing_invoice);
  g_test_add_func ("/core/debt/payments", test_payments);
  g_test_add_func ("/core/debt/custom-terms", test_custom_terms);
  g_test_add_func ("/core/terms/default", test_terms_default);
  g_test_add_func ("/core/terms/invalid", test_terms_invalid);
  g_test_add_func ("/core/ledger/order", test_ledger_order);
  g_test_add_func ("/core/balance/compute", test_balance_compute);

  return g_test_run ();
}
