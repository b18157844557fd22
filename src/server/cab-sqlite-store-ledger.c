/* cab-sqlite-store-ledger.c: the SQLite store's reads for the balance and the statement: a
 * ledger of the recent entries, opened with the older ones summed in SQL
 * (cab-pg-store-ledger.c on PostgreSQL).
 *
 * A balance on a day of the tenth year used to read and weigh all ten years (~500 entries);
 * the debt rules only need the entries from the month before the day's (cab-debt.c:
 * cab_debt_settled_before()), the older ones reduce to one sum, which SQLite computes over
 * the covering index entries_ledger (account, date, kind, amount) without a row leaving it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-debt.h"
#include "cab-sqlite-store-private.h"

#define prep cab_sqlite_store_prepare
#define bind_text cab_sqlite_bind_text
#define column_date cab_sqlite_column_date

/* The kinds as the SQL below spells them. */
G_STATIC_ASSERT (CAB_ENTRY_ADVANCE_BILL_1 == 0);
G_STATIC_ASSERT (CAB_ENTRY_ADVANCE_BILL_2 == 1);
G_STATIC_ASSERT (CAB_ENTRY_INVOICE == 2);
G_STATIC_ASSERT (CAB_ENTRY_CORRECTION == 3);
G_STATIC_ASSERT (CAB_ENTRY_PAYMENT == 4);

/* ---- cab_debt_fold (kind, date, amount): CAB_LEDGER_FOLD_DEBT's sum ---- */

typedef struct
{
  CabMoney advance;    /* the month's advance bills */
  gboolean invoiced;   /* an invoice is dated in the month */
} FoldMonth;

typedef struct
{
  CabMoney    sum;      /* invoices and corrections - payments */
  GHashTable *months;   /* the first day's Julian day -> FoldMonth */
  guint32     start;    /* the last row's month: [start, end) in Julian days */
  guint32     end;
  FoldMonth  *month;
} Fold;

/* The rows come in date order (the index's) but need not: every month is kept apart, and
 * its bounds are looked up once per run of rows in it. */
static void
fold_step (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  Fold *fold = sqlite3_aggregate_context (context, sizeof (Fold));
  int kind;
  sqlite3_int64 date, amount;

  if (fold == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }
  kind = sqlite3_value_int (argv[0]);
  date = sqlite3_value_int64 (argv[1]);
  amount = sqlite3_value_int64 (argv[2]);
  if (date < 1 || date > G_MAXUINT32 - 31)
    {
      sqlite3_result_error (context, "cab_debt_fold: a date out of range", -1);
      return;
    }
  if (fold->months == NULL)
    fold->months = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  if (fold->month == NULL || date < fold->start || date >= fold->end)
    {
      GDate day;

      g_date_clear (&day, 1);
      g_date_set_julian (&day, (guint32) date);
      fold->start = (guint32) date - g_date_get_day (&day) + 1;
      fold->end = fold->start + g_date_get_days_in_month (g_date_get_month (&day),
                                                          g_date_get_year (&day));
      fold->month = g_hash_table_lookup (fold->months, GUINT_TO_POINTER (fold->start));
      if (fold->month == NULL)
        {
          fold->month = g_new0 (FoldMonth, 1);
          g_hash_table_insert (fold->months, GUINT_TO_POINTER (fold->start), fold->month);
        }
    }
  switch (kind)
    {
    case CAB_ENTRY_ADVANCE_BILL_1:
    case CAB_ENTRY_ADVANCE_BILL_2:
      fold->month->advance += amount;
      break;
    case CAB_ENTRY_INVOICE:
      fold->month->invoiced = TRUE;
      fold->sum += amount;
      break;
    case CAB_ENTRY_CORRECTION:
      fold->sum += amount;
      break;
    case CAB_ENTRY_PAYMENT:
      fold->sum -= amount;
      break;
    default:
      sqlite3_result_error (context, "cab_debt_fold: an unknown kind", -1);
      break;
    }
}

static void
fold_final (sqlite3_context *context)
{
  Fold *fold = sqlite3_aggregate_context (context, 0);
  CabMoney sum = 0;

  if (fold != NULL)
    {
      GHashTableIter iter;
      FoldMonth *month;

      sum = fold->sum;
      if (fold->months != NULL)
        {
          g_hash_table_iter_init (&iter, fold->months);
          while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &month))
            if (!month->invoiced)
              sum += month->advance;
          g_hash_table_unref (fold->months);
        }
    }
  sqlite3_result_int64 (context, sum);
}

void
cab_sqlite_store_ledger_register_functions (sqlite3 *db)
{
  sqlite3_create_function_v2 (db, "cab_debt_fold", 3,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
                              NULL, fold_step, fold_final, NULL);
}

/* ---- the ledger since a day ---- */

static CabLedger *
store_load_ledger_since (CabStore       *store,
                         const char     *account,
                         const GDate    *since,
                         const GDate    *until,
                         CabLedgerFold   fold,
                         gint64         *out_partner_id,
                         GError        **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  g_autoptr(CabLedger) ledger = NULL;
  sqlite3_stmt *stmt;
  CabTerms terms;
  GDate opening;
  CabMoney balance;

  if (!cab_sqlite_store_read_ledger_start (self, account, &opening, &balance, &terms,
                                           out_partner_id, error))
    return NULL;

  /* The older entries, summed as @fold says. */
  if (fold == CAB_LEDGER_FOLD_DEBT)
    stmt = prep (self, "SELECT cab_debt_fold (kind, date, amount) FROM entries"
                       " WHERE account = ? AND date < ?", error);
  else
    stmt = prep (self, "SELECT coalesce (sum (CASE kind WHEN 4 THEN -amount WHEN 2 THEN amount"
                       " WHEN 3 THEN amount ELSE 0 END), 0) FROM entries"
                       " WHERE account = ? AND date < ?", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account);
  sqlite3_bind_int64 (stmt, 2, g_date_get_julian (since));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      cab_sqlite_store_set_error (self, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  balance += sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  ledger = cab_ledger_new (&opening, balance, &terms);

  /* The entries from @since on, as cab_store_load_ledger() reads them. */
  stmt = prep (self, "SELECT id, kind, date, amount, volume_wh, period FROM entries"
                     " WHERE account = ? AND date >= ? AND date < ? ORDER BY date", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account);
  sqlite3_bind_int64 (stmt, 2, g_date_get_julian (since));
  sqlite3_bind_int64 (stmt, 3, until != NULL ? (gint64) g_date_get_julian (until) : G_MAXINT64);
  if (!cab_sqlite_store_read_entries (self, stmt, ledger, error))
    return NULL;
  return g_steal_pointer (&ledger);
}

void
cab_sqlite_store_ledger_iface_init (CabStoreInterface *iface)
{
  iface->load_ledger_since = store_load_ledger_since;
}
