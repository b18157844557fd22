/* test-debt-words.c: the words of what the debt is made of, and of an act asked from before the
 * account's data starts (issue 15, items 1 and 8), in English and in the manual's Russian.
 *
 * Run as: test-debt-words LOCALE (C.UTF-8 or ru_RU.UTF-8). No display needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "account/cab-debt-row-item.h"
#include "account/cab-debt-words.h"
#include "fig8.h"

static gboolean russian;
static CabMoneyStyle style;

/* @english or @ru, whichever the test runs in. */
#define WORDS(english, ru) (russian ? (ru) : (english))

static GDate
ymd (guint year,
     guint month,
     guint day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return date;
}

/* Fig. 8's bills, numbered as the bill list would number them. */
static CabBillList *
fig8_bills (CabLedger *ledger)
{
  GDate from = ymd (2016, 5, 1);
  GDate to = ymd (2016, 8, 1);
  CabBillList *bills = cab_bill_list_compute (ledger, "1234567890", &from, &to, NULL);

  for (guint i = 0; i < bills->bills->len; i++)
    {
      CabBill *bill = g_ptr_array_index (bills->bills, i);

      bill->number = g_strdup_printf ("А-%02u%02u", g_date_get_month (&bill->date),
                                      g_date_get_day (&bill->date));
    }

  return bills;
}

typedef struct
{
  const char *title;
  const char *amount;
  const char *reason;
} Words;

static void
assert_words (const CabDebtBreakdown *breakdown,
              guint                   position,
              const Words            *english,
              const Words            *ru)
{
  const CabDebtItem *item = cab_debt_breakdown_get_item (breakdown, position);
  const Words *expected = russian ? ru : english;
  g_autofree char *title = cab_debt_words_item_title (item, breakdown->basis);
  g_autofree char *amount = cab_debt_words_item_amount (item, style);
  g_autofree char *reason = cab_debt_words_item_reason (item, breakdown->basis, style);
  g_autofree char *sentence = cab_debt_words_item_sentence (item, breakdown->basis, style);
  g_autofree char *expected_sentence = g_strdup_printf ("%s: %s. %s", expected->title,
                                                        expected->amount, expected->reason);

  g_assert_cmpstr (title, ==, expected->title);
  g_assert_cmpstr (amount, ==, expected->amount);
  g_assert_cmpstr (reason, ==, expected->reason);
  g_assert_cmpstr (sentence, ==, expected_sentence);
}

/* Fig. 8 on 28.06.2016 from the act's first day: each line as the page will say it. */
static void
test_fig8_debt (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabStatement) statement = fig8_statement ();
  g_autoptr(CabBillList) bills = fig8_bills (ledger);
  GDate on = ymd (2016, 6, 28);
  GDate from = ymd (2016, 5, 1);
  g_autoptr(CabDebtBreakdown) debt = cab_debt_breakdown_compute (ledger, &on, CAB_DEBT_BASIS_DUE,
                                                                 &from);
  g_autofree char *heading = cab_debt_words_heading (CAB_DEBT_BASIS_DUE, &on);

  cab_debt_breakdown_take_numbers (debt, statement, bills);
  g_assert_cmpstr (heading, ==, WORDS ("What the debt on 28.06.2016 is made of",
                                       "Из чего складывается задолженность на 28.06.2016"));

  assert_words (debt, 0,
    &(Words) { "Balance on 01.05.2016", "608,822.79",
               "The account's opening balance: its data starts on 01.05.2016." },
    &(Words) { "Сальдо на 01.05.2016", "608\u00a0822,79",
               "Начальное сальдо: данные по лицевому счету начинаются с 01.05.2016." });
  assert_words (debt, 1,
    &(Words) { "Advance bill No. А-0501 of 01.05.2016", "not counted (173,118.79)",
               "Not counted: replaced by the invoice for May 2016 from 19.06.2016." },
    &(Words) { "Счет на оплату текущего потребления № А-0501 от 01.05.2016",
               "не учитывается (173\u00a0118,79)",
               "Не учитывается: заменен счетом-фактурой за май 2016 с 19.06.2016." });
  assert_words (debt, 3,
    &(Words) { "Correction invoice No. К-0524/1 of 24.05.2016", "-198,685.01",
               "Counted from its date." },
    &(Words) { "Счет-фактура (корректировка) № К-0524/1 от 24.05.2016", "-198\u00a0685,01",
               "Учитывается с даты документа." });
  assert_words (debt, 4,
    &(Words) { "Payment No. П-118 received on 25.05.2016", "-979,990.44",
               "Subtracted from the day it was received." },
    &(Words) { "Поступление платежа № П-118 от 25.05.2016", "-979\u00a0990,44",
               "Вычитается со дня поступления." });
  assert_words (debt, 5,
    &(Words) { "Invoice No. СФ-0531 of 31.05.2016", "+482,844.86",
               "Due 18.06.2016, counted from 19.06.2016. It replaces the advance bills for May "
               "2016." },
    &(Words) { "Счет-фактура № СФ-0531 от 31.05.2016", "+482\u00a0844,86",
               "Срок оплаты 18.06.2016, учитывается с 19.06.2016. Заменяет счета на оплату "
               "текущего потребления за май 2016." });
  assert_words (debt, 7,
    &(Words) { "Advance bill No. А-0616 of 16.06.2016", "+193,139.74",
               "Due 25.06.2016, counted from 26.06.2016. No invoice for June 2016 has been "
               "issued, so nothing replaces this bill." },
    &(Words) { "Счет на оплату текущего потребления № А-0616 от 16.06.2016", "+193\u00a0139,74",
               "Срок оплаты 25.06.2016, учитывается с 26.06.2016. Счет-фактура за июнь 2016 "
               "не выставлен, поэтому этот счет ничем не заменен." });
  assert_words (debt, 9,
    &(Words) { "Debt (+) / overpayment (-) on 28.06.2016", "-74,644.26",
               "The sum of the lines above: positive is a debt, negative an overpayment." },
    &(Words) { "Долг(+)/Переплата(-) потребителя на 28.06.2016", "-74\u00a0644,26",
               "Сумма строк выше: плюс — долг, минус — переплата." });
}

/* The recommended payment on 28.06.2016 (0,00), and a bill still waiting for its invoice. */
static void
test_fig8_payment (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  GDate on = ymd (2016, 6, 28);
  GDate may = ymd (2016, 5, 20);
  g_autoptr(CabDebtBreakdown) payment = cab_debt_breakdown_compute (ledger, &on,
                                                                    CAB_DEBT_BASIS_ISSUED, NULL);
  g_autoptr(CabDebtBreakdown) in_may = cab_debt_breakdown_compute (ledger, &may,
                                                                   CAB_DEBT_BASIS_DUE, NULL);
  g_autofree char *heading = cab_debt_words_heading (CAB_DEBT_BASIS_ISSUED, &on);

  g_assert_cmpstr (heading, ==, WORDS ("What the recommended payment on 28.06.2016 is made of",
                                       "Из чего складывается рекомендуемый платеж на 28.06.2016"));
  assert_words (payment, 0,
    &(Words) { "Balance on 01.06.2016", "-87,007.80",
               "As in the reconciliation act on 01.06.2016: every invoice, correction and payment "
               "before that day counts in full, and every advance bill before it was replaced by "
               "the invoice for its month." },
    &(Words) { "Сальдо на 01.06.2016", "-87\u00a0007,80",
               "Как в акте сверки на 01.06.2016: все счета-фактуры, корректировки и платежи до "
               "этого дня учтены полностью, а все счета на оплату текущего потребления до него "
               "заменены счетами-фактурами за свой месяц." });
  assert_words (payment, 1,
    &(Words) { "Advance bill of 01.06.2016", "+244,223.01",
               "Issued 01.06.2016 and counted from that day. No invoice for June 2016 has been "
               "issued, so nothing replaces this bill." },
    &(Words) { "Счет на оплату текущего потребления от 01.06.2016", "+244\u00a0223,01",
               "Выставлен 01.06.2016 и учитывается с этого дня. Счет-фактура за июнь 2016 не "
               "выставлен, поэтому этот счет ничем не заменен." });
  assert_words (payment, 4,
    &(Words) { "Recommended payment on 28.06.2016", "0.00",
               "The sum of the lines above is -74,644.26, an overpayment: the recommended "
               "payment is never below zero." },
    &(Words) { "Рекомендуемый платеж на 28.06.2016", "0,00",
               "Сумма строк выше -74\u00a0644,26 — это переплата, а рекомендуемый платеж не бывает "
               "меньше нуля." });

  /* 20.05.2016: the first May bill is due; the second one not yet. */
  assert_words (in_may, 1,
    &(Words) { "Advance bill of 01.05.2016", "+173,118.79",
               "Due 10.05.2016, counted from 11.05.2016. No invoice for May 2016 has been "
               "issued, so nothing replaces this bill." },
    &(Words) { "Счет на оплату текущего потребления от 01.05.2016", "+173\u00a0118,79",
               "Срок оплаты 10.05.2016, учитывается с 11.05.2016. Счет-фактура за май 2016 не "
               "выставлен, поэтому этот счет ничем не заменен." });
  assert_words (in_may, 2,
    &(Words) { "Advance bill of 16.05.2016", "not counted (405,103.24)",
               "Due 25.05.2016, counted only from 26.05.2016." },
    &(Words) { "Счет на оплату текущего потребления от 16.05.2016", "не учитывается (405\u00a0103,24)",
               "Срок оплаты 25.05.2016, учитывается только с 26.05.2016." });

  /* 10.06.2016: the May invoice is issued but due only on 18.06: until then the bills count. */
  {
    GDate june_10 = ymd (2016, 6, 10);
    g_autoptr(CabDebtBreakdown) early = cab_debt_breakdown_compute (ledger, &june_10,
                                                                    CAB_DEBT_BASIS_DUE, NULL);

    assert_words (early, 1,
      &(Words) { "Advance bill of 01.05.2016", "+173,118.79",
                 "Due 10.05.2016, counted from 11.05.2016. The invoice for May 2016 replaces it "
                 "from 19.06.2016." },
      &(Words) { "Счет на оплату текущего потребления от 01.05.2016", "+173\u00a0118,79",
                 "Срок оплаты 10.05.2016, учитывается с 11.05.2016. Счет-фактура за май 2016 "
                 "заменяет его с 19.06.2016." });
  }
}

/* Item 8: no balance before the data starts. */
static void
test_coverage (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  GDate april = ymd (2016, 4, 1);
  GDate may = ymd (2016, 5, 1);
  GDate august = ymd (2016, 8, 1);
  GDate january = ymd (2016, 1, 1);
  g_autoptr(CabStatement) later = cab_statement_compute (ledger, &april, &august, NULL);
  g_autoptr(CabStatement) none = cab_statement_compute (ledger, &january, &april, NULL);
  g_autoptr(CabStatement) full = cab_statement_compute (ledger, &may, &august, NULL);
  g_autofree char *later_words = cab_debt_words_statement_coverage (later);
  g_autofree char *later_opening = cab_debt_words_statement_opening (later);
  g_autofree char *none_words = cab_debt_words_statement_coverage (none);
  g_autofree char *none_opening = cab_debt_words_statement_opening (none);
  g_autofree char *full_words = cab_debt_words_statement_coverage (full);
  g_autofree char *full_opening = cab_debt_words_statement_opening (full);

  g_assert_cmpstr (later_words, ==,
                   WORDS ("No data before 01.05.2016: the account's data starts on that day.",
                          "Нет данных до 01.05.2016: данные по лицевому счету начинаются с "
                          "этой даты."));
  g_assert_cmpstr (later_opening, ==, WORDS ("Balance on 01.05.2016", "Сальдо на 01.05.2016"));
  g_assert_cmpstr (none_words, ==,
                   WORDS ("No data for this period: the account's data starts on 01.05.2016.",
                          "Нет данных за этот период: данные по лицевому счету начинаются с "
                          "01.05.2016."));
  g_assert_null (none_opening);
  g_assert_null (full_words);
  g_assert_cmpstr (full_opening, ==, WORDS ("Balance on 01.05.2016", "Сальдо на 01.05.2016"));
}

/* The rows a page binds: texts as properties; none when the figures disagree. */
static void
test_rows (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  GDate on = ymd (2016, 6, 28);
  g_autoptr(CabBalance) balance = cab_balance_compute (ledger, "1234567890", &on);
  g_autoptr(GListModel) rows = cab_debt_row_model_explain (ledger, balance, CAB_DEBT_BASIS_DUE,
                                                           NULL, NULL, NULL);
  g_autoptr(GListModel) payment = cab_debt_row_model_explain (ledger, balance,
                                                              CAB_DEBT_BASIS_ISSUED, NULL, NULL,
                                                              NULL);
  g_autoptr(CabDebtRowItem) first = NULL;
  g_autoptr(CabDebtRowItem) last = NULL;
  g_autofree char *title = NULL;
  gboolean counts = FALSE;

  g_assert_nonnull (rows);
  g_assert_true (g_list_model_get_item_type (rows) == CAB_TYPE_DEBT_ROW_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 5);
  first = g_list_model_get_item (rows, 0);
  last = g_list_model_get_item (rows, 4);
  g_object_get (first, "title", &title, "counts", &counts, NULL);
  g_assert_cmpstr (title, ==, WORDS ("Balance on 01.06.2016", "Сальдо на 01.06.2016"));
  g_assert_true (counts);
  g_assert_cmpint (cab_debt_row_item_get_item (last)->type, ==, CAB_DEBT_ITEM_TOTAL);
  g_assert_cmpint (cab_debt_row_item_get_item (last)->amount, ==, balance->debt);
  g_assert_nonnull (cab_debt_row_item_get_sentence (last));
  g_assert_nonnull (payment);
  g_assert_cmpuint (g_list_model_get_n_items (payment), ==, 5);

  /* A balance the ledger does not add up to (a newer balance, an older ledger): no rows. */
  balance->debt += 1;
  g_clear_object (&rows);
  rows = cab_debt_row_model_explain (ledger, balance, CAB_DEBT_BASIS_DUE, NULL, NULL, NULL);
  g_assert_null (rows);
  g_assert_null (cab_debt_row_model_explain (NULL, balance, CAB_DEBT_BASIS_DUE, NULL, NULL, NULL));
  g_assert_null (cab_debt_row_model_explain (ledger, NULL, CAB_DEBT_BASIS_DUE, NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  const char *locale = argc > 1 ? argv[1] : "C.UTF-8";

  if (argc > 1)
    {
      argv[1] = argv[0];
      argv++;
      argc--;
    }

  russian = g_str_has_prefix (locale, "ru");
  style = russian ? CAB_MONEY_STYLE_RUSSIAN : CAB_MONEY_STYLE_ENGLISH;
  g_setenv ("LANGUAGE", russian ? "ru" : "C", TRUE);
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_printerr ("Locale %s is not available\n", locale);
      return 77;
    }
  /* The catalogue compiled in the build tree (po/ru/LC_MESSAGES/). */
  bindtextdomain (GETTEXT_PACKAGE, PO_BUILD_DIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/account/debt-words/fig8-debt", test_fig8_debt);
  g_test_add_func ("/account/debt-words/fig8-payment", test_fig8_payment);
  g_test_add_func ("/account/debt-words/coverage", test_coverage);
  g_test_add_func ("/account/debt-words/rows", test_rows);

  return g_test_run ();
}
