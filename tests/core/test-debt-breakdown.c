/* test-debt-breakdown.c: what the debt and the recommended payment are made of (issue 15).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-fig8.h"

/* fig8_ledger()'s ids: the entries in the order of domain.md's table. */
enum
{
  BILL1_MAY = 1,
  BILL2_MAY,
  CORRECTION_MAY,
  PAYMENT_MAY,
  INVOICE_MAY,
  BILL1_JUNE,
  BILL2_JUNE,
  PAYMENT_JUNE,
  BILL1_JULY,
};

static void
assert_date (const GDate *date,
             guint        year,
             guint        month,
             guint        day)
{
  GDate expected = ymd (year, month, day);

  g_assert_true (g_date_valid (date));
  g_assert_cmpint (g_date_compare (date, &expected), ==, 0);
}

/* What one item must be: @id 0 for START and TOTAL. */
typedef struct
{
  CabDebtItemType type;
  CabDebtRule     rule;
  gint64          id;
  CabMoney        counted;
} Expected;

static void
assert_items (const CabDebtBreakdown *breakdown,
              const Expected         *expected,
              guint                   n_expected)
{
  CabMoney sum = 0;

  for (guint i = 0; i < cab_debt_breakdown_get_n_items (breakdown); i++)
    {
      const CabDebtItem *item = cab_debt_breakdown_get_item (breakdown, i);

      g_test_message ("item %u: type %d rule %d id %" G_GINT64_FORMAT " counted %" G_GINT64_FORMAT,
                      i, item->type, item->rule, item->entry_id, item->counted);
    }
  g_assert_cmpuint (cab_debt_breakdown_get_n_items (breakdown), ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      const CabDebtItem *item = cab_debt_breakdown_get_item (breakdown, i);

      g_assert_cmpint (item->type, ==, expected[i].type);
      g_assert_cmpint (item->rule, ==, expected[i].rule);
      g_assert_cmpint (item->entry_id, ==, expected[i].id);
      g_assert_cmpint (item->counted, ==, expected[i].counted);
      if (item->type == CAB_DEBT_ITEM_TOTAL)
        g_assert_cmpint (item->counted, ==, sum);
      else
        sum += item->counted;
    }
}

#define START(rule, amount) { CAB_DEBT_ITEM_START, CAB_DEBT_RULE_ ## rule, 0, amount }
#define ENTRY(rule, id, counted) { CAB_DEBT_ITEM_ENTRY, CAB_DEBT_RULE_ ## rule, id, counted }
#define TOTAL(rule, sum) { CAB_DEBT_ITEM_TOTAL, CAB_DEBT_RULE_ ## rule, 0, sum }

/* 28.06.2016 from the opening balance (the act of Fig. 8 starts on 01.05.2016): exactly the
 * sum of domain.md, with the May bills shown as replaced by the May invoice. */
static void
test_fig8_from_opening (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  GDate on = ymd (2016, 6, 28);
  GDate from = ymd (2016, 5, 1);
  g_autoptr(CabDebtBreakdown) debt = cab_debt_breakdown_compute (ledger, &on,
                                                                 CAB_DEBT_BASIS_DUE, &from);
  static const Expected expected[] = {
    START (OPENING_BALANCE, 60882279),
    ENTRY (REPLACED, BILL1_MAY, 0),
    ENTRY (REPLACED, BILL2_MAY, 0),
    ENTRY (CORRECTION, CORRECTION_MAY, -19868501),
    ENTRY (PAYMENT, PAYMENT_MAY, -97999044),
    ENTRY (INVOICE, INVOICE_MAY, 48284486),
    ENTRY (BILL_NO_INVOICE, BILL1_JUNE, 24422301),
    ENTRY (BILL_NO_INVOICE, BILL2_JUNE, 19313974),
    ENTRY (PAYMENT, PAYMENT_JUNE, -42499921),
    TOTAL (SUM, -7464426),
  };
  const CabDebtItem *item;

  assert_items (debt, expected, G_N_ELEMENTS (expected));
  g_assert_cmpint (cab_debt_breakdown_get_total (debt), ==, cab_debt_on (ledger, &on));
  g_assert_cmpint (cab_debt_breakdown_get_total (debt), ==, -7464426);

  item = cab_debt_breakdown_get_item (debt, 0);
  assert_date (&item->date, 2016, 5, 1);
  g_assert_cmpint (item->amount, ==, 60882279);

  /* The May bill: due 10.05, counted from 11.05 until the May invoice counted, on 19.06. */
  item = cab_debt_breakdown_get_item (debt, 1);
  g_assert_cmpint (item->kind, ==, CAB_ENTRY_ADVANCE_BILL_1);
  assert_date (&item->date, 2016, 5, 1);
  assert_date (&item->due, 2016, 5, 10);
  assert_date (&item->counts_from, 2016, 5, 11);
  assert_date (&item->replaced_from, 2016, 6, 19);
  g_assert_false (item->counts);
  g_assert_cmpint (item->amount, ==, 17311879);

  /* The correction and the payment have no due date. */
  item = cab_debt_breakdown_get_item (debt, 3);
  g_assert_false (g_date_valid (&item->due));
  assert_date (&item->counts_from, 2016, 5, 24);
  item = cab_debt_breakdown_get_item (debt, 4);
  g_assert_false (g_date_valid (&item->due));
  g_assert_cmpint (item->amount, ==, 97999044);

  /* The May invoice: due 18.06, counts from 19.06. */
  item = cab_debt_breakdown_get_item (debt, 5);
  assert_date (&item->due, 2016, 6, 18);
  assert_date (&item->counts_from, 2016, 6, 19);
  g_assert_true (item->counts);

  /* The second June bill: due 25.06, counts from 26.06; no June invoice replaces it. */
  item = cab_debt_breakdown_get_item (debt, 7);
  assert_date (&item->due, 2016, 6, 25);
  assert_date (&item->counts_from, 2016, 6, 26);
  g_assert_false (g_date_valid (&item->replaced_from));

  item = cab_debt_breakdown_get_item (debt, 9);
  assert_date (&item->date, 2016, 6, 28);
}

/* Without a wish for the start: the act's balance on 01.06.2016, everything before settled. */
static void
test_fig8_folded (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  GDate on = ymd (2016, 6, 28);
  g_autoptr(CabDebtBreakdown) debt = cab_debt_breakdown_compute (ledger, &on,
                                                                 CAB_DEBT_BASIS_DUE, NULL);
  g_autoptr(CabDebtBreakdown) payment = cab_debt_breakdown_compute (ledger, &on,
                                                                    CAB_DEBT_BASIS_ISSUED, NULL);
  static const Expected expected_debt[] = {
    START (ACT_BALANCE, -8700780),
    ENTRY (BILL_NO_INVOICE, BILL1_JUNE, 24422301),
    ENTRY (BILL_NO_INVOICE, BILL2_JUNE, 19313974),
    ENTRY (PAYMENT, PAYMENT_JUNE, -42499921),
    TOTAL (SUM, -7464426),
  };
  static const Expected expected_payment[] = {
    START (ACT_BALANCE, -8700780),
    ENTRY (BILL_NO_INVOICE, BILL1_JUNE, 24422301),
    ENTRY (BILL_NO_INVOICE, BILL2_JUNE, 19313974),
    ENTRY (PAYMENT, PAYMENT_JUNE, -42499921),
    TOTAL (NOT_BELOW_ZERO, -7464426),
  };
  g_autoptr(CabStatement) act = NULL;
  GDate from = ymd (2016, 6, 1);
  GDate to = ymd (2016, 7, 1);

  assert_items (debt, expected_debt, G_N_ELEMENTS (expected_debt));
  assert_date (&cab_debt_breakdown_get_item (debt, 0)->date, 2016, 6, 1);
  assert_items (payment, expected_payment, G_N_ELEMENTS (expected_payment));
  g_assert_cmpint (cab_debt_breakdown_get_total (payment), ==, 0);
  g_assert_cmpint (cab_debt_breakdown_get_total (payment), ==,
                   cab_debt_recommended_payment (ledger, &on));

  /* The start is what the act says on that day. */
  act = cab_statement_compute (ledger, &from, &to, NULL);
  g_assert_cmpint (cab_statement_get_opening_balance (act), ==, -8700780);
}

/* The demo account today (issue 15): debt 92 701,00 although the act ends 512 007,01 overpaid,
 * because the June and July 2016 advance bills were never replaced by an invoice. */
static void
test_demo_today (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  GDate on = ymd (2026, 12, 2);
  GDate from = ymd (2026, 10, 1);
  g_autoptr(CabDebtBreakdown) debt = cab_debt_breakdown_compute (ledger, &on,
                                                                 CAB_DEBT_BASIS_DUE, &from);
  g_autoptr(CabDebtBreakdown) payment = cab_debt_breakdown_compute (ledger, &on,
                                                                    CAB_DEBT_BASIS_ISSUED, &from);
  static const Expected expected[] = {
    START (ACT_BALANCE, -8700780),
    ENTRY (BILL_NO_INVOICE, BILL1_JUNE, 24422301),
    ENTRY (BILL_NO_INVOICE, BILL2_JUNE, 19313974),
    ENTRY (PAYMENT, PAYMENT_JUNE, -42499921),
    ENTRY (BILL_NO_INVOICE, BILL1_JULY, 16734526),
    TOTAL (SUM, 9270100),
  };
  g_autoptr(CabStatement) act = NULL;
  GDate act_from = ymd (2016, 5, 1);
  GDate act_to = ymd (2016, 8, 1);

  assert_items (debt, expected, G_N_ELEMENTS (expected));
  assert_items (payment, expected, G_N_ELEMENTS (expected));
  g_assert_cmpint (cab_debt_breakdown_get_total (debt), ==, 9270100);
  g_assert_cmpint (cab_debt_on (ledger, &on), ==, 9270100);
  g_assert_cmpint (cab_debt_recommended_payment (ledger, &on), ==, 9270100);
  assert_date (&cab_debt_breakdown_get_item (debt, 0)->date, 2016, 6, 1);
  assert_date (&cab_debt_breakdown_get_item (debt, 4)->due, 2016, 7, 10);

  /* The act's closing balance and the debt differ by exactly the three open bills. */
  act = cab_statement_compute (ledger, &act_from, &act_to, NULL);
  g_assert_cmpint (cab_statement_get_closing_balance (act), ==, -51200701);
  g_assert_cmpint (cab_statement_get_closing_balance (act) + 24422301 + 19313974 + 16734526,
                   ==, 9270100);
}

/* The manual's February 2016 walkthrough (zero balance on 01.01.2016). */
static CabLedger *
february_ledger (void)
{
  static const struct { CabEntryKind kind; guint m, d; CabMoney amount; } entries[] = {
    { CAB_ENTRY_ADVANCE_BILL_1, 1, 1, 100 },
    { CAB_ENTRY_ADVANCE_BILL_2, 1, 16, 200 },
    { CAB_ENTRY_INVOICE, 1, 31, 400 },
    { CAB_ENTRY_ADVANCE_BILL_1, 2, 1, 800 },
    { CAB_ENTRY_ADVANCE_BILL_2, 2, 16, 1600 },
    { CAB_ENTRY_INVOICE, 2, 29, 3200 },
  };
  GDate opening = ymd (2016, 1, 1);
  CabLedger *ledger = cab_ledger_new (&opening, 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GDate date = ymd (2016, entries[i].m, entries[i].d);

      cab_ledger_add (ledger, entries[i].kind, &date, entries[i].amount, i + 1);
    }

  return ledger;
}

static void
test_february (void)
{
  g_autoptr(CabLedger) ledger = february_ledger ();
  GDate on_18 = ymd (2016, 2, 18);
  GDate on_19 = ymd (2016, 2, 19);
  g_autoptr(CabDebtBreakdown) before = cab_debt_breakdown_compute (ledger, &on_18,
                                                                   CAB_DEBT_BASIS_DUE, NULL);
  g_autoptr(CabDebtBreakdown) after = cab_debt_breakdown_compute (ledger, &on_19,
                                                                  CAB_DEBT_BASIS_DUE, NULL);
  /* 11.02-18.02: both January bills (their invoice counts only from 19.02) and the first
   * February bill. */
  static const Expected expected_before[] = {
    START (OPENING_BALANCE, 0),
    ENTRY (BILL_UNTIL_INVOICE, 1, 100),
    ENTRY (BILL_UNTIL_INVOICE, 2, 200),
    ENTRY (NOT_YET, 3, 0),
    ENTRY (BILL_NO_INVOICE, 4, 800),
    ENTRY (NOT_YET, 5, 0),
    TOTAL (SUM, 1100),
  };
  /* 19.02-25.02: the January invoice instead of its bills (folded into the balance on 01.02),
   * and the first February bill. */
  static const Expected expected_after[] = {
    START (ACT_BALANCE, 400),
    ENTRY (BILL_NO_INVOICE, 4, 800),
    ENTRY (NOT_YET, 5, 0),
    TOTAL (SUM, 1200),
  };

  assert_items (before, expected_before, G_N_ELEMENTS (expected_before));
  assert_date (&cab_debt_breakdown_get_item (before, 1)->replaced_from, 2016, 2, 19);
  assert_date (&cab_debt_breakdown_get_item (before, 3)->counts_from, 2016, 2, 19);
  assert_date (&cab_debt_breakdown_get_item (before, 5)->counts_from, 2016, 2, 26);
  assert_items (after, expected_after, G_N_ELEMENTS (expected_after));
  assert_date (&cab_debt_breakdown_get_item (after, 0)->date, 2016, 2, 1);
}

/* The numbers come from the act and the bill list; the same document is matched once. */
static void
test_numbers (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabStatement) statement = fig8_statement ();
  g_autoptr(CabBillList) bills = NULL;
  g_autoptr(CabDebtBreakdown) debt = NULL;
  g_autoptr(CabDebtBreakdown) copy = NULL;
  GDate on = ymd (2016, 6, 28);
  GDate from = ymd (2016, 5, 1);
  GDate to = ymd (2016, 8, 1);

  bills = cab_bill_list_compute (ledger, "1234567890", &from, &to, NULL);
  for (guint i = 0; i < bills->bills->len; i++)
    {
      CabBill *bill = g_ptr_array_index (bills->bills, i);

      bill->number = g_strdup_printf ("А-%02u%02u", g_date_get_month (&bill->date),
                                      g_date_get_day (&bill->date));
    }

  debt = cab_debt_breakdown_compute (ledger, &on, CAB_DEBT_BASIS_DUE, &from);
  cab_debt_breakdown_take_numbers (debt, statement, bills);
  g_assert_null (cab_debt_breakdown_get_item (debt, 0)->number);
  g_assert_cmpstr (cab_debt_breakdown_get_item (debt, 1)->number, ==, "А-0501");
  g_assert_cmpstr (cab_debt_breakdown_get_item (debt, 2)->number, ==, "А-0516");
  g_assert_cmpstr (cab_debt_breakdown_get_item (debt, 3)->number, ==, "К-0524/1");
  g_assert_cmpstr (cab_debt_breakdown_get_item (debt, 4)->number, ==, "П-118");
  g_assert_cmpstr (cab_debt_breakdown_get_item (debt, 5)->number, ==, "СФ-0531");
  g_assert_cmpstr (cab_debt_breakdown_get_item (debt, 6)->number, ==, "А-0601");
  g_assert_cmpstr (cab_debt_breakdown_get_item (debt, 7)->number, ==, "А-0616");
  g_assert_cmpstr (cab_debt_breakdown_get_item (debt, 8)->number, ==, "П-131");
  g_assert_null (cab_debt_breakdown_get_item (debt, 9)->number);

  /* Neither source: nothing changes; a copy is deep. */
  cab_debt_breakdown_take_numbers (debt, NULL, NULL);
  copy = cab_debt_breakdown_copy (debt);
  g_clear_pointer (&debt, cab_debt_breakdown_free);
  g_assert_cmpstr (cab_debt_breakdown_get_item (copy, 5)->number, ==, "СФ-0531");
}

/* --- The property: the items add up to cab_debt, on many generated ledgers --- */

static void
random_terms (GRand    *rand,
              CabTerms *terms)
{
  cab_terms_init_default (terms);
  if (g_rand_boolean (rand))
    return;

  /* Any valid schedule, including due days past the end of short months. */
  do
    {
      terms->bill1_issue_day = g_rand_int_range (rand, 1, 15);
      terms->bill1_due_day = g_rand_int_range (rand, terms->bill1_issue_day + 1, 29);
      terms->bill2_issue_day = g_rand_int_range (rand, terms->bill1_issue_day + 1, 30);
      terms->bill2_due_day = g_rand_int_range (rand, 2, 32);
      terms->invoice_due_day = g_rand_int_range (rand, 1, 32);
    }
  while (!cab_terms_validate (terms, NULL));
}

static CabLedger *
random_ledger (GRand *rand)
{
  GDate opening = ymd (g_rand_int_range (rand, 2015, 2018), g_rand_int_range (rand, 1, 13),
                       g_rand_boolean (rand) ? 1 : g_rand_int_range (rand, 1, 29));
  CabTerms terms;
  CabLedger *ledger;
  guint n_months = g_rand_int_range (rand, 0, 30);
  gint64 id = 1;

  random_terms (rand, &terms);
  ledger = cab_ledger_new (&opening, g_rand_int_range (rand, -100000000, 100000000), &terms);

  for (guint m = 0; m < n_months; m++)
    {
      guint year = g_date_get_year (&opening) + (g_date_get_month (&opening) - 1 + m) / 12;
      guint month = (g_date_get_month (&opening) - 1 + m) % 12 + 1;
      GDate date;

      /* Mostly the decree's pattern, with months missing an invoice or a bill now and then. */
      if (g_rand_double (rand) < 0.9)
        {
          cab_date_set_clamped (&date, year, month, terms.bill1_issue_day);
          cab_ledger_add (ledger, CAB_ENTRY_ADVANCE_BILL_1, &date,
                          g_rand_int_range (rand, 1, 50000000), id++);
        }
      if (g_rand_double (rand) < 0.9)
        {
          cab_date_set_clamped (&date, year, month, terms.bill2_issue_day);
          cab_ledger_add (ledger, CAB_ENTRY_ADVANCE_BILL_2, &date,
                          g_rand_int_range (rand, 1, 50000000), id++);
        }
      if (g_rand_double (rand) < 0.8)
        {
          cab_date_last_of_month (&date, year, month);
          cab_ledger_add (ledger, CAB_ENTRY_INVOICE, &date,
                          g_rand_int_range (rand, 1, 100000000), id++);
        }
      for (guint k = g_rand_int_range (rand, 0, 3); k > 0; k--)
        {
          cab_date_set_clamped (&date, year, month, g_rand_int_range (rand, 1, 32));
          cab_ledger_add (ledger, CAB_ENTRY_PAYMENT, &date,
                          g_rand_int_range (rand, 1, 100000000), id++);
        }
      if (g_rand_double (rand) < 0.15)
        {
          cab_date_set_clamped (&date, year, month, g_rand_int_range (rand, 1, 32));
          cab_ledger_add (ledger, CAB_ENTRY_CORRECTION, &date,
                          g_rand_int_range (rand, -50000000, 50000000), id++);
        }
    }

  /* Now and then a document dated before the opening date (odd data, still summed). */
  if (g_rand_double (rand) < 0.05)
    {
      GDate date = opening;

      g_date_subtract_days (&date, g_rand_int_range (rand, 1, 60));
      cab_ledger_add (ledger, (CabEntryKind) g_rand_int_range (rand, 0, 5), &date,
                      g_rand_int_range (rand, 1, 50000000), id++);
    }

  return ledger;
}

static gboolean
rule_counts (CabDebtRule rule)
{
  switch (rule)
    {
    case CAB_DEBT_RULE_PAYMENT:
    case CAB_DEBT_RULE_CORRECTION:
    case CAB_DEBT_RULE_INVOICE:
    case CAB_DEBT_RULE_BILL_NO_INVOICE:
    case CAB_DEBT_RULE_BILL_UNTIL_INVOICE:
      return TRUE;
    case CAB_DEBT_RULE_OPENING_BALANCE:
    case CAB_DEBT_RULE_ACT_BALANCE:
    case CAB_DEBT_RULE_NOT_YET:
    case CAB_DEBT_RULE_REPLACED:
    case CAB_DEBT_RULE_SUM:
    case CAB_DEBT_RULE_NOT_BELOW_ZERO:
    default:
      return FALSE;
    }
}

static void
check_breakdown (CabLedger    *ledger,
                 const GDate  *on,
                 CabDebtBasis  basis,
                 const GDate  *start_by)
{
  g_autoptr(CabDebtBreakdown) breakdown = cab_debt_breakdown_compute (ledger, on, basis,
                                                                      start_by);
  guint n_items = cab_debt_breakdown_get_n_items (breakdown);
  const CabDebtItem *start = cab_debt_breakdown_get_item (breakdown, 0);
  const CabDebtItem *total = cab_debt_breakdown_get_item (breakdown, n_items - 1);
  const GDate *opening_date = cab_ledger_get_opening_date (ledger);
  CabMoney expected = basis == CAB_DEBT_BASIS_DUE ? cab_debt_on (ledger, on)
                                                  : cab_debt_recommended_payment (ledger, on);
  CabMoney sum = 0;
  guint n_listed = 0;
  guint n_before_start = 0;

  g_assert_cmpuint (n_items, >=, 2);
  g_assert_cmpint (start->type, ==, CAB_DEBT_ITEM_START);
  g_assert_cmpint (total->type, ==, CAB_DEBT_ITEM_TOTAL);
  g_assert_cmpint (cab_debt_breakdown_get_total (breakdown), ==, expected);
  g_assert_cmpint (g_date_compare (&start->date, opening_date), >=, 0);
  if (start_by != NULL && g_date_compare (start_by, opening_date) >= 0 &&
      g_date_compare (start_by, on) <= 0)
    g_assert_cmpint (g_date_compare (&start->date, start_by), <=, 0);

  for (guint i = 0; i < n_items - 1; i++)
    {
      const CabDebtItem *item = cab_debt_breakdown_get_item (breakdown, i);

      sum += item->counted;
      if (i == 0)
        continue;

      g_assert_cmpint (item->type, ==, CAB_DEBT_ITEM_ENTRY);
      g_assert_cmpint (g_date_compare (&item->date, on), <=, 0);
      g_assert_cmpint (item->counts, ==, rule_counts (item->rule));
      g_assert_cmpint (item->counts, ==, g_date_compare (&item->counts_from, on) <= 0 &&
                                         item->rule != CAB_DEBT_RULE_REPLACED);
      g_assert_cmpint (item->counted, ==, !item->counts ? 0
                                          : item->kind == CAB_ENTRY_PAYMENT ? -item->amount
                                          : item->amount);
      if (i > 1)
        g_assert_cmpint (g_date_compare (&cab_debt_breakdown_get_item (breakdown, i - 1)->date,
                                         &item->date), <=, 0);
      if (g_date_compare (&item->date, &start->date) < 0)
        n_before_start++;
      n_listed++;
    }
  g_assert_cmpint (total->counted, ==, sum);
  g_assert_cmpint (total->amount, ==, basis == CAB_DEBT_BASIS_DUE ? sum : MAX (sum, 0));
  g_assert_cmpint (total->rule, ==, total->amount == sum ? CAB_DEBT_RULE_SUM
                                                         : CAB_DEBT_RULE_NOT_BELOW_ZERO);

  /* Every entry from the start's day to @on is listed; those before are folded into the start,
   * which is then the act's balance on that day. */
  {
    guint n_expected = 0;

    for (guint i = 0; i < cab_ledger_get_n_entries (ledger); i++)
      {
        const GDate *date = &cab_ledger_get_entry (ledger, i)->date;

        if (g_date_compare (date, on) <= 0 &&
            (g_date_compare (date, &start->date) >= 0 || n_before_start > 0))
          n_expected++;
        else if (g_date_compare (date, on) <= 0)
          {
            CabEntryKind kind = cab_ledger_get_entry (ledger, i)->kind;
            gboolean counts = cab_debt_entry_counts (ledger, i, on, basis);
            GDate counts_from;

            /* Folded: settled, i.e. counting in full, or an advance bill replaced (past the
             * day it would count, yet not counting). */
            cab_debt_counts_from (ledger, i, basis, &counts_from);
            if (kind == CAB_ENTRY_ADVANCE_BILL_1 || kind == CAB_ENTRY_ADVANCE_BILL_2)
              g_assert_true (!counts && g_date_compare (&counts_from, on) <= 0);
            else
              g_assert_true (counts);
          }
      }
    g_assert_cmpuint (n_listed, ==, n_expected);
  }

  if (start->rule == CAB_DEBT_RULE_ACT_BALANCE)
    {
      GDate to = start->date;
      g_autoptr(CabStatement) act = NULL;

      g_date_add_days (&to, 1);
      act = cab_statement_compute (ledger, &start->date, &to, NULL);
      g_assert_cmpint (cab_statement_get_opening_balance (act), ==, start->amount);
    }
  else
    {
      g_assert_cmpint (start->rule, ==, CAB_DEBT_RULE_OPENING_BALANCE);
      g_assert_cmpint (g_date_compare (&start->date, opening_date), ==, 0);
      g_assert_cmpint (start->amount, ==, cab_ledger_get_opening_balance (ledger));
    }
}

static void
test_property (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20161502);
  guint n_checks = 0;

  for (guint n = 0; n < 400; n++)
    {
      g_autoptr(CabLedger) ledger = random_ledger (rand);
      GDate first = *cab_ledger_get_opening_date (ledger);

      g_test_message ("ledger %u", n);
      g_date_subtract_days (&first, 10);
      for (guint k = 0; k < 12; k++)
        {
          GDate on = first;
          GDate start_by = first;

          g_date_add_days (&on, g_rand_int_range (rand, 0, 1000));
          g_date_add_days (&start_by, g_rand_int_range (rand, 0, 1000));
          check_breakdown (ledger, &on, CAB_DEBT_BASIS_DUE, NULL);
          check_breakdown (ledger, &on, CAB_DEBT_BASIS_ISSUED, NULL);
          check_breakdown (ledger, &on, CAB_DEBT_BASIS_DUE, &start_by);
          check_breakdown (ledger, &on, CAB_DEBT_BASIS_ISSUED, &start_by);
          n_checks += 4;
        }
    }

  g_assert_cmpuint (n_checks, ==, 400 * 12 * 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/debt-breakdown/fig8-from-opening", test_fig8_from_opening);
  g_test_add_func ("/core/debt-breakdown/fig8-folded", test_fig8_folded);
  g_test_add_func ("/core/debt-breakdown/demo-today", test_demo_today);
  g_test_add_func ("/core/debt-breakdown/february", test_february);
  g_test_add_func ("/core/debt-breakdown/numbers", test_numbers);
  g_test_add_func ("/core/debt-breakdown/property", test_property);

  return g_test_run ();
}
