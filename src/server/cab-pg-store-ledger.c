/* cab-pg-store-ledger.c: the PostgreSQL store's reads for the balance and the statement: a
 * ledger of the recent entries, opened with the older ones summed in SQL (the reasons are in
 * cab-sqlite-store-ledger.c and cab-debt.c: cab_debt_settled_before()).
 *
 * One round trip, one prepared statement: each recent entry's row carries the account's
 * columns (its partner too, which the route checks) and the sum of the older entries (an
 * uncorrelated subquery: PostgreSQL computes it once); an account without recent entries
 * gives one row whose entry columns are NULL. A round trip costs both processes a context
 * switch and PostgreSQL's per-statement work, which on a busy machine cost more than the
 * repeated columns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-pg-store-private.h"

/* The account's columns 0-7, the sum of the older entries 8, then the recent entries'
 * columns from ENTRY_COLUMN on as cab_pg_store_read_entries() reads them. */
#define ACCOUNT_COLUMNS \
  "SELECT a.opening_date, a.opening_balance, a.bill1_issue_day, a.bill1_due_day," \
  " a.bill2_issue_day, a.bill2_due_day, a.invoice_due_day, a.partner_id, "
#define ENTRY_COLUMN 9
/* The entries from $2 (the first day of @since's month) on and before @until
 * (cab_store_load_ledger()'s order). */
#define RECENT_ENTRIES(until, guard) \
  ", e.id, e.kind, e.date, e.amount, e.volume_wh, e.period FROM accounts a" \
  " LEFT JOIN entries e ON e.account = $1 AND e.date >= $2 AND e.date < " until \
  " WHERE a.account = $1" guard " ORDER BY e.date, e.id"
/* Read ahead before the token is checked: only an account of the token's partner ($4). */
#define SESSION_GUARD " AND a.partner_id = " CAB_PG_SESSION_PARTNER

/* The months before $2's (the first day of @since's month), from ledger_months: charges,
 * plus the advance bills of a month without an invoice for the debt. */
#define FOLD_DEBT \
  ACCOUNT_COLUMNS \
  "(SELECT coalesce (sum (charges + CASE WHEN invoices = 0 THEN advance ELSE 0 END), 0)::bigint" \
  " FROM ledger_months WHERE account = $1 AND month < $2)"
#define FOLD_STATEMENT \
  ACCOUNT_COLUMNS \
  "(SELECT coalesce (sum (charges), 0)::bigint FROM ledger_months" \
  " WHERE account = $1 AND month < $2)"

static const char fold_debt_sql[] = FOLD_DEBT RECENT_ENTRIES ("$3", "");
static const char fold_statement_sql[] = FOLD_STATEMENT RECENT_ENTRIES ("$3", "");
static const char guarded_fold_debt_sql[] = FOLD_DEBT RECENT_ENTRIES ("$3", SESSION_GUARD);
static const char guarded_fold_statement_sql[] =
  FOLD_STATEMENT RECENT_ENTRIES ("$3", SESSION_GUARD);

/* The statement and its parameters, for the read and for its hint alike. */
static const char *
ledger_since_query (const char    *account,
                    const GDate   *since,
                    const GDate   *until,
                    CabLedgerFold  fold,
                    CabPgParams   *p)
{
  GDate start;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, g_date_get_month (since), g_date_get_year (since));
  cab_pg_param_text (p, account);
  cab_pg_param_int (p, g_date_get_julian (&start));
  cab_pg_param_int (p, until != NULL ? (gint64) g_date_get_julian (until) : G_MAXINT64);
  return fold == CAB_LEDGER_FOLD_DEBT ? fold_debt_sql : fold_statement_sql;
}

static void
store_expect_ledger_since (CabStore      *store,
                           const char    *token_hash,
                           const char    *account,
                           const GDate   *since,
                           const GDate   *until,
                           CabLedgerFold  fold)
{
  CabPgParams p = { 0 };
  const char *sql = ledger_since_query (account, since, until, fold, &p);

  cab_pg_param_text (&p, token_hash);
  cab_pg_read_ahead (CONN (store), fold == CAB_LEDGER_FOLD_DEBT ? guarded_fold_debt_sql
                                                               : guarded_fold_statement_sql,
                     &p, sql, p.n - 1);
}

static void
store_forget_expected (CabStore *store)
{
  cab_pg_forget_reads_ahead (CONN (store));
}

static CabLedger *
store_load_ledger_since (CabStore       *store,
                         const char     *account,
                         const GDate    *since,
                         const GDate    *until,
                         CabLedgerFold   fold,
                         gint64         *out_partner_id,
                         GError        **error)
{
  CabPgConn *self = CONN (store);
  g_autoptr(PGresult) res = NULL;
  g_autoptr(CabLedger) ledger = NULL;
  CabTerms terms;
  GDate opening;
  CabPgParams p = { 0 };
  const char *sql = ledger_since_query (account, since, until, fold, &p);

  res = cab_pg_run (self, sql, &p, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No such account");
      return NULL;
    }
  cab_pg_get_date (res, 0, 0, &opening);
  cab_pg_store_get_terms (res, 0, 2, &terms);
  if (out_partner_id != NULL)
    *out_partner_id = cab_pg_get_int (res, 0, 7);
  ledger = cab_ledger_new (&opening, cab_pg_get_int (res, 0, 1) + cab_pg_get_int (res, 0, 8),
                           &terms);
  cab_pg_store_read_entries (res, ENTRY_COLUMN, ledger);
  return g_steal_pointer (&ledger);
}

void
cab_pg_store_ledger_iface_init (CabStoreInterface *iface)
{
  iface->load_ledger_since = store_load_ledger_since;
  iface->expect_ledger_since = store_expect_ledger_since;
  iface->forget_expected = store_forget_expected;
}
