/* cab-debt-breakdown.c: the items of the debt, by the same rules as cab-debt.c (which decides
 * what counts: this file only says why).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-date.h"
#include "cab-debt-breakdown.h"

G_DEFINE_BOXED_TYPE (CabDebtItem, cab_debt_item, cab_debt_item_copy, cab_debt_item_free)
G_DEFINE_BOXED_TYPE (CabDebtBreakdown, cab_debt_breakdown, cab_debt_breakdown_copy,
                     cab_debt_breakdown_free)

CabDebtItem *
cab_debt_item_copy (const CabDebtItem *item)
{
  CabDebtItem *copy;

  g_return_val_if_fail (item != NULL, NULL);

  copy = g_memdup2 (item, sizeof *item);
  copy->number = g_strdup (item->number);

  return copy;
}

void
cab_debt_item_free (CabDebtItem *item)
{
  if (item == NULL)
    return;

  g_free (item->number);
  g_free (item);
}

static CabDebtItem *
item_new (CabDebtItemType type,
          CabDebtRule     rule)
{
  CabDebtItem *item = g_new0 (CabDebtItem, 1);

  item->type = type;
  item->rule = rule;
  item->counts = TRUE;
  g_date_clear (&item->date, 1);
  g_date_clear (&item->due, 1);
  g_date_clear (&item->counts_from, 1);
  g_date_clear (&item->replaced_from, 1);

  return item;
}

static gboolean
is_advance_bill (CabEntryKind kind)
{
  return kind == CAB_ENTRY_ADVANCE_BILL_1 || kind == CAB_ENTRY_ADVANCE_BILL_2;
}

static gboolean
same_month (const GDate *a,
            const GDate *b)
{
  return g_date_get_year (a) == g_date_get_year (b) &&
         g_date_get_month (a) == g_date_get_month (b);
}

/* The invoice for the month of the advance bill at @position among the first @n_entries (those
 * dated on or before the day asked): one that counts on @on if any (it replaces the bill),
 * else the first one issued; -1 when none. Entries are in date order, so an invoice of the
 * same month stands among the bill's neighbours of that month. */
static gint
month_invoice (CabLedger    *ledger,
               guint         position,
               guint         n_entries,
               const GDate  *on,
               CabDebtBasis  basis,
               gboolean     *out_replaces)
{
  const GDate *month = &cab_ledger_get_entry (ledger, position)->date;
  guint first = position;
  gint found = -1;

  while (first > 0 && same_month (&cab_ledger_get_entry (ledger, first - 1)->date, month))
    first--;

  *out_replaces = FALSE;
  for (guint i = first; i < n_entries && same_month (&cab_ledger_get_entry (ledger, i)->date, month); i++)
    {
      GDate counts_from;

      if (cab_ledger_get_entry (ledger, i)->kind != CAB_ENTRY_INVOICE)
        continue;

      cab_debt_counts_from (ledger, i, basis, &counts_from);
      if (g_date_compare (&counts_from, on) <= 0)
        {
          *out_replaces = TRUE;
          return (gint) i;
        }
      if (found < 0)
        found = (gint) i;
    }

  return found;
}

static CabDebtItem *
entry_item (CabLedger    *ledger,
            guint         position,
            guint         n_entries,
            const GDate  *on,
            CabDebtBasis  basis)
{
  const CabEntry *entry = cab_ledger_get_entry (ledger, position);
  CabDebtItem *item = item_new (CAB_DEBT_ITEM_ENTRY, CAB_DEBT_RULE_PAYMENT);
  gboolean replaces = FALSE;
  gint invoice = -1;

  item->kind = entry->kind;
  item->date = entry->date;
  item->amount = entry->amount;
  item->entry_id = entry->id;
  item->counts = cab_debt_entry_counts (ledger, position, on, basis);
  cab_debt_counts_from (ledger, position, basis, &item->counts_from);

  if (entry->kind == CAB_ENTRY_INVOICE || is_advance_bill (entry->kind))
    {
      /* Due the day before it counts after its due date (never before it is issued). */
      cab_debt_counts_from (ledger, position, CAB_DEBT_BASIS_DUE, &item->due);
      if (g_date_compare (&item->due, &entry->date) > 0)
        g_date_subtract_days (&item->due, 1);
    }

  if (is_advance_bill (entry->kind))
    {
      invoice = month_invoice (ledger, position, n_entries, on, basis, &replaces);
      if (invoice >= 0)
        cab_debt_counts_from (ledger, (guint) invoice, basis, &item->replaced_from);
    }

  switch (entry->kind)
    {
    case CAB_ENTRY_PAYMENT:
      item->rule = CAB_DEBT_RULE_PAYMENT;
      break;
    case CAB_ENTRY_CORRECTION:
      item->rule = CAB_DEBT_RULE_CORRECTION;
      break;
    case CAB_ENTRY_INVOICE:
      item->rule = item->counts ? CAB_DEBT_RULE_INVOICE : CAB_DEBT_RULE_NOT_YET;
      break;
    case CAB_ENTRY_ADVANCE_BILL_1:
    case CAB_ENTRY_ADVANCE_BILL_2:
    default:
      if (replaces)
        item->rule = CAB_DEBT_RULE_REPLACED;
      else if (!item->counts)
        item->rule = CAB_DEBT_RULE_NOT_YET;
      else if (invoice >= 0)
        item->rule = CAB_DEBT_RULE_BILL_UNTIL_INVOICE;
      else
        item->rule = CAB_DEBT_RULE_BILL_NO_INVOICE;
      break;
    }

  if (item->counts)
    item->counted = entry->kind == CAB_ENTRY_PAYMENT ? -entry->amount : entry->amount;

  return item;
}

/* Whether entry @item's share is already in the act's balance of a later day: invoices,
 * corrections and payments that count in full, advance bills replaced (not in the act). */
static gboolean
settled (const CabDebtItem *item)
{
  if (is_advance_bill (item->kind))
    return item->rule == CAB_DEBT_RULE_REPLACED;

  return item->counts;
}

static CabMoney
act_share (const CabDebtItem *item)
{
  if (is_advance_bill (item->kind))
    return 0;

  return item->kind == CAB_ENTRY_PAYMENT ? -item->amount : item->amount;
}

CabDebtBreakdown *
cab_debt_breakdown_compute (CabLedger    *ledger,
                            const GDate  *on,
                            CabDebtBasis  basis,
                            const GDate  *start_by)
{
  g_autoptr(GPtrArray) entries = NULL;
  CabDebtBreakdown *self;
  const GDate *opening_date;
  CabDebtItem *start;
  CabDebtItem *total;
  CabMoney sum;
  guint n_entries = 0;
  guint n_folded = 0;
  GDate fold_before;

  g_return_val_if_fail (CAB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);
  g_return_val_if_fail (start_by == NULL || g_date_valid (start_by), NULL);

  /* Nothing dated after @on counts (a document counts from its date or later). */
  while (n_entries < cab_ledger_get_n_entries (ledger) &&
         g_date_compare (&cab_ledger_get_entry (ledger, n_entries)->date, on) <= 0)
    n_entries++;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_debt_item_free);
  for (guint i = 0; i < n_entries; i++)
    g_ptr_array_add (entries, entry_item (ledger, i, n_entries, on, basis));

  /* The start: the first of the month of the first unsettled entry (or of @on), no later than
   * @start_by, never before the opening date. */
  opening_date = cab_ledger_get_opening_date (ledger);
  fold_before = *on;
  for (guint i = 0; i < entries->len; i++)
    {
      const CabDebtItem *item = g_ptr_array_index (entries, i);

      if (!settled (item))
        {
          fold_before = item->date;
          break;
        }
    }
  g_date_set_day (&fold_before, 1);
  if (start_by != NULL && g_date_compare (start_by, &fold_before) < 0)
    fold_before = *start_by;
  if (g_date_compare (&fold_before, opening_date) < 0)
    fold_before = *opening_date;

  /* On a day before the opening date (fold_before was pushed past @on) nothing is folded. */
  while (g_date_compare (&fold_before, on) <= 0 && n_folded < entries->len &&
         g_date_compare (&((CabDebtItem *) g_ptr_array_index (entries, n_folded))->date,
                         &fold_before) < 0)
    n_folded++;

  /* Entries dated before the opening date that are still open: nothing can be folded. */
  for (guint i = 0; i < n_folded; i++)
    {
      if (!settled (g_ptr_array_index (entries, i)))
        {
          fold_before = *opening_date;
          n_folded = 0;
          break;
        }
    }

  self = g_new0 (CabDebtBreakdown, 1);
  self->on = *on;
  self->basis = basis;
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_debt_item_free);

  start = item_new (CAB_DEBT_ITEM_START,
                    g_date_compare (&fold_before, opening_date) == 0 && n_folded == 0
                      ? CAB_DEBT_RULE_OPENING_BALANCE : CAB_DEBT_RULE_ACT_BALANCE);
  start->date = fold_before;
  start->amount = cab_ledger_get_opening_balance (ledger);
  for (guint i = 0; i < n_folded; i++)
    start->amount += act_share (g_ptr_array_index (entries, i));
  start->counted = start->amount;
  g_ptr_array_add (self->items, start);

  sum = start->counted;
  for (guint i = n_folded; i < entries->len; i++)
    {
      CabDebtItem *item = g_ptr_array_index (entries, i);

      sum += item->counted;
      g_ptr_array_add (self->items, g_steal_pointer (&entries->pdata[i]));
    }

  total = item_new (CAB_DEBT_ITEM_TOTAL, CAB_DEBT_RULE_SUM);
  total->date = *on;
  total->counted = sum;
  total->amount = sum;
  if (basis == CAB_DEBT_BASIS_ISSUED && sum < 0)
    {
      total->rule = CAB_DEBT_RULE_NOT_BELOW_ZERO;
      total->amount = 0;
    }
  g_ptr_array_add (self->items, total);

  return self;
}

CabDebtBreakdown *
cab_debt_breakdown_copy (const CabDebtBreakdown *self)
{
  CabDebtBreakdown *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CabDebtBreakdown, 1);
  copy->on = self->on;
  copy->basis = self->basis;
  copy->items = g_ptr_array_new_full (self->items->len, (GDestroyNotify) cab_debt_item_free);
  for (guint i = 0; i < self->items->len; i++)
    g_ptr_array_add (copy->items, cab_debt_item_copy (g_ptr_array_index (self->items, i)));

  return copy;
}

void
cab_debt_breakdown_free (CabDebtBreakdown *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self);
}

guint
cab_debt_breakdown_get_n_items (const CabDebtBreakdown *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

const CabDebtItem *
cab_debt_breakdown_get_item (const CabDebtBreakdown *self,
                             guint                   position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_ptr_array_index (self->items, position);
}

CabMoney
cab_debt_breakdown_get_total (const CabDebtBreakdown *self)
{
  const CabDebtItem *total;

  g_return_val_if_fail (self != NULL && self->items->len > 0, 0);

  total = g_ptr_array_index (self->items, self->items->len - 1);
  g_return_val_if_fail (total->type == CAB_DEBT_ITEM_TOTAL, 0);

  return total->amount;
}

static gboolean
same_document (const CabDebtItem *item,
               CabEntryKind       kind,
               const GDate       *date,
               CabMoney           amount)
{
  return item->kind == kind && item->amount == amount && g_date_compare (&item->date, date) == 0;
}

static CabEntryKind
entry_kind_of_row (CabStatementRowKind kind)
{
  switch (kind)
    {
    case CAB_STATEMENT_ROW_INVOICE:
      return CAB_ENTRY_INVOICE;
    case CAB_STATEMENT_ROW_CORRECTION:
      return CAB_ENTRY_CORRECTION;
    case CAB_STATEMENT_ROW_PAYMENT:
    default:
      return CAB_ENTRY_PAYMENT;
    }
}

void
cab_debt_breakdown_take_numbers (CabDebtBreakdown  *self,
                                 CabStatement      *statement,
                                 const CabBillList *bills)
{
  guint n_rows;
  guint n_bills;
  g_autofree gboolean *row_used = NULL;
  g_autofree gboolean *bill_used = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (statement == NULL || CAB_IS_STATEMENT (statement));

  n_rows = statement != NULL ? cab_statement_get_n_rows (statement) : 0;
  n_bills = bills != NULL ? bills->bills->len : 0;
  row_used = g_new0 (gboolean, n_rows + 1);
  bill_used = g_new0 (gboolean, n_bills + 1);

  for (guint i = 0; i < self->items->len; i++)
    {
      CabDebtItem *item = g_ptr_array_index (self->items, i);

      if (item->type != CAB_DEBT_ITEM_ENTRY || item->number != NULL)
        continue;

      for (guint r = 0; !is_advance_bill (item->kind) && r < n_rows; r++)
        {
          const CabStatementRow *row = cab_statement_get_row (statement, r);
          CabMoney amount = row->kind == CAB_STATEMENT_ROW_PAYMENT ? row->credit : row->debit;

          if (!row_used[r] && row->number != NULL &&
              same_document (item, entry_kind_of_row (row->kind), &row->date, amount))
            {
              row_used[r] = TRUE;
              item->number = g_strdup (row->number);
              break;
            }
        }

      for (guint b = 0; is_advance_bill (item->kind) && b < n_bills; b++)
        {
          const CabBill *bill = g_ptr_array_index (bills->bills, b);

          if (!bill_used[b] && bill->number != NULL &&
              same_document (item, bill->kind, &bill->date, bill->amount))
            {
              bill_used[b] = TRUE;
              item->number = g_strdup (bill->number);
              break;
            }
        }
    }
}
