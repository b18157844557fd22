/* cab-sqlite-store-ledger.c: the SQLite store's reads for the balance and the statement: a
 * ledger of the recent entries, opened with the older ones summed in SQL
 * (cab-pg-store-ledger.c on PostgreSQL).
 *
 * A balance on a day of the tenth year used to read and weigh all ten years (~500 entries);
 * the debt rules only need the entries from the month before the day's (cab-debt.c:
 * cab_debt_settled_before()), the older ones reduce to one sum: per month, its charges plus
 * its advance bills when no invoice is dated in it. The months come summed in ledger_months,
 * which triggers keep (cab-sqlite-store.c, the last migration): ~120 rows for ten years
 * instead of ~600 entries weighed one by one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-sqlite-store-private.h"

#define prep cab_sqlite_store_prepare
#define bind_text cab_sqlite_bind_text
#define column_date cab_sqlite_column_date

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
  GDate start;
  CabMoney balance;

  if (!cab_sqlite_store_read_ledger_start (self, account, &opening, &balance, &terms,
                                           out_partner_id, error))
    return NULL;

  /* The months before @since's, from ledger_months, as @fold says; the entries from its first
   * day on are read (the statement folds those before @since itself). */
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, g_date_get_month (since), g_date_get_year (since));
  if (fold == CAB_LEDGER_FOLD_DEBT)
    stmt = prep (self, "SELECT coalesce (sum (charges + CASE WHEN invoices = 0 THEN advance"
                       " ELSE 0 END), 0) FROM ledger_months WHERE account = ? AND month < ?",
                 error);
  else
    stmt = prep (self, "SELECT coalesce (sum (charges), 0) FROM ledger_months"
                       " WHERE account = ? AND month < ?", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account);
  sqlite3_bind_int64 (stmt, 2, g_date_get_julian (&start));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      cab_sqlite_store_set_error (self, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  balance += sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  ledger = cab_ledger_new (&opening, balance, &terms);

  /* The entries from @start on, as cab_store_load_ledger() reads them. */
  stmt = prep (self, "SELECT id, kind, date, amount, volume_wh, period FROM entries"
                     " WHERE account = ? AND date >= ? AND date < ? ORDER BY date", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account);
  sqlite3_bind_int64 (stmt, 2, g_date_get_julian (&start));
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
