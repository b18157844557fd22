/* cab-debt.c: the rules of manual 4.2, block 1 (see domain.md, "Current debt").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-date.h"
#include "cab-debt.h"

static gboolean
same_month (const GDate *a,
            const GDate *b)
{
  return g_date_get_year (a) == g_date_get_year (b) &&
         g_date_get_month (a) == g_date_get_month (b);
}

static gboolean
is_advance_bill (CabEntryKind kind)
{
  return kind == CAB_ENTRY_ADVANCE_BILL_1 || kind == CAB_ENTRY_ADVANCE_BILL_2;
}

/* The day after @due_day (clamped) of the month @months_later after @date's month. */
static void
day_after_due (const GDate *date,
               guint        months_later,
               guint        due_day,
               GDate       *out_day)
{
  guint year = g_date_get_year (date);
  guint month = g_date_get_month (date) + months_later;

  while (month > 12)
    {
      month -= 12;
      year++;
    }

  cab_date_set_clamped (out_day, year, month, due_day);
  g_date_add_days (out_day, 1);
}

void
cab_debt_counts_from (CabLedger    *ledger,
                      guint         position,
                      CabDebtBasis  basis,
                      GDate        *out_first_day)
{
  const CabEntry *entry;
  const CabTerms *terms;

  g_return_if_fail (CAB_IS_LEDGER (ledger));
  g_return_if_fail (position < cab_ledger_get_n_entries (ledger));
  g_return_if_fail (out_first_day != NULL);

  entry = cab_ledger_get_entry (ledger, position);
  terms = cab_ledger_get_terms (ledger);

  *out_first_day = entry->date;

  if (basis == CAB_DEBT_BASIS_ISSUED)
    return;

  switch (entry->kind)
    {
    case CAB_ENTRY_ADVANCE_BILL_1:
      day_after_due (&entry->date, 0, terms->bill1_due_day, out_first_day);
      break;

    case CAB_ENTRY_ADVANCE_BILL_2:
      day_after_due (&entry->date, 0, terms->bill2_due_day, out_first_day);
      break;

    case CAB_ENTRY_INVOICE:
      day_after_due (&entry->date, 1, terms->invoice_due_day, out_first_day);
      break;

    case CAB_ENTRY_CORRECTION:
    case CAB_ENTRY_PAYMENT:
    default:
      break;
    }

  /* A document never counts before it exists, whatever odd terms or data say. */
  if (g_date_compare (out_first_day, &entry->date) < 0)
    *out_first_day = entry->date;
}

static gboolean
starts_counting (CabLedger    *ledger,
                 guint         position,
                 const GDate  *on,
                 CabDebtBasis  basis)
{
  GDate first_day;

  cab_debt_counts_from (ledger, position, basis, &first_day);

  return g_date_compare (&first_day, on) <= 0;
}

/* Whether entry @position is a month invoice that counts on @on. */
static gboolean
replaces_bill (CabLedger    *ledger,
               guint         position,
               const GDate  *on,
               CabDebtBasis  basis)
{
  return cab_ledger_get_entry (ledger, position)->kind == CAB_ENTRY_INVOICE &&
         starts_counting (ledger, position, on, basis);
}

gboolean
cab_debt_entry_counts (CabLedger    *ledger,
                       guint         position,
                       const GDate  *on,
                       CabDebtBasis  basis)
{
  const CabEntry *entry;
  guint n_entries;

  g_return_val_if_fail (CAB_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (on != NULL && g_date_valid (on), FALSE);

  n_entries = cab_ledger_get_n_entries (ledger);
  g_return_val_if_fail (position < n_entries, FALSE);

  if (!starts_counting (ledger, position, on, basis))
    return FALSE;

  entry = cab_ledger_get_entry (ledger, position);
  if (!is_advance_bill (entry->kind))
    return TRUE;

  /* The invoice for the bill's month replaces it from the day the invoice counts. Entries are
   * in date order, so that invoice can only stand among the neighbours of the same month. */
  for (guint i = position; i > 0 && same_month (&cab_ledger_get_entry (ledger, i - 1)->date,
                                                &entry->date); i--)
    {
      if (replaces_bill (ledger, i - 1, on, basis))
        return FALSE;
    }

  for (guint i = position + 1; i < n_entries && same_month (&cab_ledger_get_entry (ledger, i)->date,
                                                            &entry->date); i++)
    {
      if (replaces_bill (ledger, i, on, basis))
        return FALSE;
    }

  return TRUE;
}

static CabMoney
sum_on (CabLedger    *ledger,
        const GDate  *on,
        CabDebtBasis  basis)
{
  CabMoney sum = cab_ledger_get_opening_balance (ledger);
  guint n_entries = cab_ledger_get_n_entries (ledger);

  for (guint i = 0; i < n_entries; i++)
    {
      const CabEntry *entry = cab_ledger_get_entry (ledger, i);

      if (!cab_debt_entry_counts (ledger, i, on, basis))
        continue;

      if (entry->kind == CAB_ENTRY_PAYMENT)
        sum -= entry->amount;
      else
        sum += entry->amount;
    }

  return sum;
}

CabMoney
cab_debt_on (CabLedger   *ledger,
             const GDate *on)
{
  g_return_val_if_fail (CAB_IS_LEDGER (ledger), 0);
  g_return_val_if_fail (on != NULL && g_date_valid (on), 0);

  return sum_on (ledger, on, CAB_DEBT_BASIS_DUE);
}

CabMoney
cab_debt_recommended_payment (CabLedger   *ledger,
                              const GDate *on)
{
  g_return_val_if_fail (CAB_IS_LEDGER (ledger), 0);
  g_return_val_if_fail (on != NULL && g_date_valid (on), 0);

  return MAX (sum_on (ledger, on, CAB_DEBT_BASIS_ISSUED), 0);
}

/* Why the entries before the returned day C (the 1st of month(on) - 1) fold into a sum:
 * such an entry is dated in a month M <= month(on) - 2.
 * - It counts on @on on both bases: on ISSUED it counts from its date, before @on; on DUE an
 *   advance bill counts from the day after a due day of M (at the latest the 1st of M + 1), an
 *   invoice from the day after its due day in M + 1 (at the latest the 1st of M + 2, when the
 *   day is clamped to the month's end), a correction or payment from its date: all on or
 *   before the 1st of month(on), so on or before @on.
 * - An advance bill is replaced when an invoice dated in its month counts (the neighbours
 *   cab_debt_entry_counts() looks at); every invoice of M counts on @on, as above, so an
 *   advance bill of M is replaced exactly when M has an invoice, whatever the basis.
 * - An entry on or after C is dated in month(on) - 1 or later, and so are the invoices of its
 *   month: the ledger of the entries from C on decides its replacement as the whole one does.
 * The entries of the ledger sum in any order, so the sum of those before C can stand in for
 * them as the opening balance. tests/server/test-ledger-fold.c checks it against the whole
 * ledger on both stores. */
void
cab_debt_settled_before (const GDate *on,
                         GDate       *out_day)
{
  g_return_if_fail (on != NULL && g_date_valid (on));
  g_return_if_fail (out_day != NULL);

  g_date_clear (out_day, 1);
  g_date_set_dmy (out_day, 1, g_date_get_month (on), g_date_get_year (on));
  /* Not before the calendar's first month: then there is nothing before the day anyway. */
  if (g_date_get_julian (out_day) > 31)
    g_date_subtract_months (out_day, 1);
}
