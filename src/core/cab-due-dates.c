/* cab-due-dates.c: see cab-due-dates.h and domain.md, "Current debt".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-date.h"
#include "cab-due-dates.h"

static void
month_add (guint *year,
           guint *month,
           int    months)
{
  int index = (int) (*year * 12 + *month - 1) + months;

  *year = (guint) (index / 12);
  *month = (guint) (index % 12) + 1;
}

static CabEntryKind
entry_kind_of (CabDueKind kind)
{
  switch (kind)
    {
    case CAB_DUE_ADVANCE_BILL_1:
      return CAB_ENTRY_ADVANCE_BILL_1;
    case CAB_DUE_ADVANCE_BILL_2:
      return CAB_ENTRY_ADVANCE_BILL_2;
    case CAB_DUE_SETTLEMENT:
    default:
      return CAB_ENTRY_INVOICE;
    }
}

static void
fill (CabDueDate     *item,
      CabLedger      *ledger,
      CabDueKind      kind,
      guint           year,
      guint           month)
{
  const CabTerms *terms = cab_ledger_get_terms (ledger);
  guint due_year = year;
  guint due_month = month;
  guint n_entries = cab_ledger_get_n_entries (ledger);

  item->kind = kind;
  item->year = year;
  item->month = month;
  item->amount_known = FALSE;
  item->amount = 0;

  switch (kind)
    {
    case CAB_DUE_ADVANCE_BILL_1:
      cab_date_set_clamped (&item->due, year, month, terms->bill1_due_day);
      cab_date_set_clamped (&item->document_date, year, month, terms->bill1_issue_day);
      break;
    case CAB_DUE_ADVANCE_BILL_2:
      cab_date_set_clamped (&item->due, year, month, terms->bill2_due_day);
      cab_date_set_clamped (&item->document_date, year, month, terms->bill2_issue_day);
      break;
    case CAB_DUE_SETTLEMENT:
    default:
      month_add (&due_year, &due_month, 1);
      cab_date_set_clamped (&item->due, due_year, due_month, terms->invoice_due_day);
      cab_date_last_of_month (&item->document_date, year, month);
      break;
    }

  for (guint i = 0; i < n_entries; i++)
    {
      const CabEntry *entry = cab_ledger_get_entry (ledger, i);

      if (entry->kind == entry_kind_of (kind) &&
          g_date_get_year (&entry->date) == year && g_date_get_month (&entry->date) == month)
        {
          item->amount_known = TRUE;
          item->amount = entry->amount;
          item->document_date = entry->date;
        }
    }
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const CabDueDate *x = a;
  const CabDueDate *y = b;
  int by_date = g_date_compare (&x->due, &y->due);

  return by_date != 0 ? by_date : (int) x->kind - (int) y->kind;
}

GArray *
cab_due_dates_compute (CabLedger   *ledger,
                       const GDate *from,
                       const GDate *to)
{
  GArray *result;
  guint year, month, last_year, last_month;

  g_return_val_if_fail (CAB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  result = g_array_new (FALSE, FALSE, sizeof (CabDueDate));
  if (g_date_compare (from, to) >= 0)
    return result;

  /* The settlement for the month before @from falls due in @from's month. */
  year = g_date_get_year (from);
  month = g_date_get_month (from);
  month_add (&year, &month, -1);
  last_year = g_date_get_year (to);
  last_month = g_date_get_month (to);

  for (; year * 12 + month <= last_year * 12 + last_month; month_add (&year, &month, 1))
    {
      static const CabDueKind kinds[] = {
        CAB_DUE_ADVANCE_BILL_1, CAB_DUE_ADVANCE_BILL_2, CAB_DUE_SETTLEMENT,
      };

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          CabDueDate item;

          fill (&item, ledger, kinds[k], year, month);
          if (g_date_compare (&item.due, from) >= 0 && g_date_compare (&item.due, to) < 0)
            g_array_append_val (result, item);
        }
    }

  g_array_sort (result, compare_due);
  return result;
}

char *
cab_due_date_uid (const CabDueDate *due_date,
                  const char       *account)
{
  static const char * const kind_names[] = { "advance-1", "advance-2", "settlement" };

  g_return_val_if_fail (due_date != NULL && account != NULL, NULL);
  g_return_val_if_fail ((guint) due_date->kind < G_N_ELEMENTS (kind_names), NULL);

  return g_strdup_printf ("%s-%04u-%02u-%s@ru.tek_energo.Cabinet", account, due_date->year,
                          due_date->month, kind_names[due_date->kind]);
}
