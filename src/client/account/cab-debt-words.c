/* cab-debt-words.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-debt-words.h"

/* "May 2016" / "май 2016": the month a bill or invoice is for. The month names are translated
 * here (not taken from LC_TIME) so that they follow the language of the words around them, in
 * the case those words need. */
static char *
month_of (const GDate *date)
{
  static const char * const months[] = {
    NC_("bills for the month of", "January"), NC_("bills for the month of", "February"),
    NC_("bills for the month of", "March"), NC_("bills for the month of", "April"),
    NC_("bills for the month of", "May"), NC_("bills for the month of", "June"),
    NC_("bills for the month of", "July"), NC_("bills for the month of", "August"),
    NC_("bills for the month of", "September"), NC_("bills for the month of", "October"),
    NC_("bills for the month of", "November"), NC_("bills for the month of", "December"),
  };
  const char *month = g_dpgettext2 (GETTEXT_PACKAGE, "bills for the month of",
                                    months[g_date_get_month (date) - 1]);

  /* Translators: a month and its year, "May 2016" */
  return g_strdup_printf (C_("month and year", "%s %u"), month, g_date_get_year (date));
}

char *
cab_debt_words_heading (CabDebtBasis  basis,
                        const GDate  *on)
{
  g_autofree char *day = cab_date_to_display (on);

  if (basis == CAB_DEBT_BASIS_ISSUED)
    /* Translators: %s is a date, DD.MM.YYYY */
    return g_strdup_printf (_("What the recommended payment on %s is made of"), day);

  /* Translators: %s is a date, DD.MM.YYYY */
  return g_strdup_printf (_("What the debt on %s is made of"), day);
}

static char *
entry_title (const CabDebtItem *item,
             const char        *day)
{
  const char *number = item->number;

  switch (item->kind)
    {
    case CAB_ENTRY_ADVANCE_BILL_1:
    case CAB_ENTRY_ADVANCE_BILL_2:
      /* Translators: the first %s is the bill's number, the second its date, DD.MM.YYYY */
      return number != NULL ? g_strdup_printf (_("Advance bill No. %s of %s"), number, day)
                            /* Translators: %s is a date, DD.MM.YYYY */
                            : g_strdup_printf (_("Advance bill of %s"), day);
    case CAB_ENTRY_INVOICE:
      /* Translators: the first %s is the invoice's number, the second its date, DD.MM.YYYY */
      return number != NULL ? g_strdup_printf (_("Invoice No. %s of %s"), number, day)
                            /* Translators: %s is a date, DD.MM.YYYY */
                            : g_strdup_printf (_("Invoice of %s"), day);
    case CAB_ENTRY_CORRECTION:
      /* Translators: the first %s is the invoice's number, the second its date, DD.MM.YYYY */
      return number != NULL ? g_strdup_printf (_("Correction invoice No. %s of %s"), number, day)
                            /* Translators: %s is a date, DD.MM.YYYY */
                            : g_strdup_printf (_("Correction invoice of %s"), day);
    case CAB_ENTRY_PAYMENT:
    default:
      /* Translators: the first %s is the payment's number, the second its date, DD.MM.YYYY */
      return number != NULL ? g_strdup_printf (_("Payment No. %s received on %s"), number, day)
                            /* Translators: %s is a date, DD.MM.YYYY */
                            : g_strdup_printf (_("Payment received on %s"), day);
    }
}

char *
cab_debt_words_item_title (const CabDebtItem *item,
                           CabDebtBasis       basis)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  day = cab_date_to_display (&item->date);

  switch (item->type)
    {
    case CAB_DEBT_ITEM_START:
      /* Translators: %s is a date, DD.MM.YYYY */
      return g_strdup_printf (_("Balance on %s"), day);
    case CAB_DEBT_ITEM_TOTAL:
      if (basis == CAB_DEBT_BASIS_ISSUED)
        /* Translators: %s is a date, DD.MM.YYYY */
        return g_strdup_printf (_("Recommended payment on %s"), day);
      /* Translators: %s is a date, DD.MM.YYYY */
      return g_strdup_printf (_("Debt (+) / overpayment (-) on %s"), day);
    case CAB_DEBT_ITEM_ENTRY:
    default:
      return entry_title (item, day);
    }
}

char *
cab_debt_words_item_amount (const CabDebtItem *item,
                            CabMoneyStyle      style)
{
  g_autofree char *money = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  if (item->type != CAB_DEBT_ITEM_ENTRY)
    return cab_money_format (item->amount, style);

  if (!item->counts)
    {
      money = cab_money_format (item->amount, style);
      /* Translators: %s is the document's amount; it does not count in the sum */
      return g_strdup_printf (_("not counted (%s)"), money);
    }

  money = cab_money_format (item->counted, style);
  return item->counted > 0 ? g_strconcat ("+", money, NULL) : g_steal_pointer (&money);
}

/* "Due 10.06.2016, counted from 11.06.2016." or, for the recommended payment, "Issued
 * 01.06.2016 and counted from that day." */
static char *
counting (const CabDebtItem *item,
          CabDebtBasis       basis)
{
  g_autofree char *date = cab_date_to_display (&item->date);
  g_autofree char *due = g_date_valid (&item->due) ? cab_date_to_display (&item->due) : NULL;
  g_autofree char *from = cab_date_to_display (&item->counts_from);

  if (basis == CAB_DEBT_BASIS_ISSUED || due == NULL)
    /* Translators: %s is a date, DD.MM.YYYY */
    return g_strdup_printf (_("Issued %s and counted from that day."), date);

  if (item->counts)
    /* Translators: the first %s is the due date, the second the day it counts from */
    return g_strdup_printf (_("Due %s, counted from %s."), due, from);

  /* Translators: the first %s is the due date, the second the day it will count from */
  return g_strdup_printf (_("Due %s, counted only from %s."), due, from);
}

char *
cab_debt_words_item_reason (const CabDebtItem *item,
                            CabDebtBasis       basis,
                            CabMoneyStyle      style)
{
  g_autofree char *day = NULL;
  g_autofree char *month = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *first = NULL;
  g_autofree char *money = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  day = cab_date_to_display (&item->date);
  month = month_of (&item->date);
  if (g_date_valid (&item->replaced_from))
    replaced = cab_date_to_display (&item->replaced_from);

  switch (item->rule)
    {
    case CAB_DEBT_RULE_OPENING_BALANCE:
      /* Translators: %s is a date, DD.MM.YYYY */
      return g_strdup_printf (_("The account's opening balance: its data starts on %s."), day);
    case CAB_DEBT_RULE_ACT_BALANCE:
      /* Translators: %s is a date, DD.MM.YYYY */
      return g_strdup_printf (_("As in the reconciliation act on %s: every invoice, correction and "
                                "payment before that day counts in full, and every advance bill "
                                "before it was replaced by the invoice for its month."), day);
    case CAB_DEBT_RULE_PAYMENT:
      return g_strdup (_("Subtracted from the day it was received."));
    case CAB_DEBT_RULE_CORRECTION:
      return g_strdup (_("Counted from its date."));
    case CAB_DEBT_RULE_INVOICE:
      first = counting (item, basis);
      /* Translators: the first %s says when it counts, the second is a month, "May 2016" */
      return g_strdup_printf (_("%s It replaces the advance bills for %s."), first, month);
    case CAB_DEBT_RULE_BILL_NO_INVOICE:
      first = counting (item, basis);
      /* Translators: the first %s says when it counts, the second is a month, "June 2016" */
      return g_strdup_printf (_("%s No invoice for %s has been issued, so nothing replaces this "
                                "bill."), first, month);
    case CAB_DEBT_RULE_BILL_UNTIL_INVOICE:
      first = counting (item, basis);
      /* Translators: the first %s says when it counts, the second is a month, "May 2016", the
       * third a date, DD.MM.YYYY */
      return g_strdup_printf (_("%s The invoice for %s replaces it from %s."), first, month,
                              replaced);
    case CAB_DEBT_RULE_NOT_YET:
      return counting (item, basis);
    case CAB_DEBT_RULE_REPLACED:
      /* Translators: the first %s is a month, "May 2016", the second a date, DD.MM.YYYY */
      return g_strdup_printf (_("Not counted: replaced by the invoice for %s from %s."), month,
                              replaced);
    case CAB_DEBT_RULE_SUM:
      if (basis == CAB_DEBT_BASIS_ISSUED)
        return g_strdup (_("The sum of the lines above: every document counts from the day it "
                           "is issued."));
      return g_strdup (_("The sum of the lines above: positive is a debt, negative an "
                         "overpayment."));
    case CAB_DEBT_RULE_NOT_BELOW_ZERO:
    default:
      money = cab_money_format (item->counted, style);
      /* Translators: %s is the (negative) sum of the lines */
      return g_strdup_printf (_("The sum of the lines above is %s, an overpayment: the "
                                "recommended payment is never below zero."), money);
    }
}

char *
cab_debt_words_item_sentence (const CabDebtItem *item,
                              CabDebtBasis       basis,
                              CabMoneyStyle      style)
{
  g_autofree char *title = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  title = cab_debt_words_item_title (item, basis);
  amount = cab_debt_words_item_amount (item, style);
  reason = cab_debt_words_item_reason (item, basis, style);

  /* Translators: a row read aloud: the item, its amount, then why it counts or not */
  return g_strdup_printf (_("%s: %s. %s"), title, amount, reason);
}

char *
cab_debt_words_statement_opening (CabStatement *statement)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (CAB_IS_STATEMENT (statement), NULL);

  if (cab_statement_get_coverage (statement) == CAB_STATEMENT_COVERAGE_NONE)
    return NULL;

  day = cab_date_to_display (cab_statement_get_opening_balance_date (statement));
  /* Translators: %s is a date, DD.MM.YYYY */
  return g_strdup_printf (_("Balance on %s"), day);
}

char *
cab_debt_words_statement_coverage (CabStatement *statement)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (CAB_IS_STATEMENT (statement), NULL);

  if (cab_statement_get_coverage (statement) == CAB_STATEMENT_COVERAGE_FULL)
    return NULL;

  day = cab_date_to_display (cab_statement_get_data_from (statement));

  switch (cab_statement_get_coverage (statement))
    {
    case CAB_STATEMENT_COVERAGE_STARTS_LATER:
      /* Translators: %s is a date, DD.MM.YYYY */
      return g_strdup_printf (_("No data before %s: the account's data starts on that day."),
                              day);
    case CAB_STATEMENT_COVERAGE_NONE:
      /* Translators: %s is a date, DD.MM.YYYY */
      return g_strdup_printf (_("No data for this period: the account's data starts on %s."),
                              day);
    case CAB_STATEMENT_COVERAGE_FULL:
    default:
      return NULL;
    }
}
