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

#include "cab-debt.h"
#include "cab-pg-store-private.h"

G_STATIC_ASSERT (CAB_ENTRY_ADVANCE_BILL_1 == 0);
G_STATIC_ASSERT (CAB_ENTRY_ADVANCE_BILL_2 == 1);
G_STATIC_ASSERT (CAB_ENTRY_INVOICE == 2);
G_STATIC_ASSERT (CAB_ENTRY_CORRECTION == 3);
G_STATIC_ASSERT (CAB_ENTRY_PAYMENT == 4);

/* The account's columns 0-7, the sum of the older entries 8, then the recent entries'
 * columns from ENTRY_COLUMN on as cab_pg_store_read_entries() reads them. */
#define ACCOUNT_COLUMNS \
  "SELECT a.opening_date, a.opening_balance, a.bill1_issue_day, a.bill1_due_day," \
  " a.bill2_issue_day, a.bill2_due_day, a.invoice_due_day, a.partner_id, "
#define ENTRY_COLUMN 9
/* The entries from $2 on and before @until (cab_store_load_ledger()'s order). */
#define RECENT_ENTRIES(until) \
  ", e.id, e.kind, e.date, e.amount, e.volume_wh, e.period FROM accounts a" \
  " LEFT JOIN entries e ON e.account = $1 AND e.date >= $2 AND e.date < " until \
  " WHERE a.account = $1 ORDER BY e.date, e.id"

/* Per month: invoices and corrections - payments, plus the advance bills when no invoice is
 * dated in it. A month is found by width_bucket() in $4, the first days of the FOLD_MONTHS
 * months before $2 ($3 the first of them): a binary search, five times cheaper than
 * date_part() on every row, which only older dates need (the key is then minus the Julian
 * day before their month's first). */
#define FOLD_MONTHS (20 * 12)

static const char fold_debt_sql[] =
  ACCOUNT_COLUMNS
  "(SELECT coalesce (sum (s), 0)::bigint FROM"
  " (SELECT sum (CASE kind WHEN 4 THEN -amount WHEN 2 THEN amount WHEN 3 THEN amount"
  "   ELSE 0 END)"
  "   + CASE WHEN bool_or (kind = 2) THEN 0"
  "     ELSE sum (CASE WHEN kind IN (0, 1) THEN amount ELSE 0 END) END AS s"
  "  FROM entries WHERE account = $1 AND date < $2"
  "  GROUP BY CASE WHEN date >= $3 THEN width_bucket (date, $4::bigint[])"
  "   ELSE date_part ('day', DATE '0001-01-01' + (date - 1)::integer)::bigint - date END)"
  "  AS m)"
  RECENT_ENTRIES ("$5");

/* "{j1,j2,...}": the Julian days of the first days of the FOLD_MONTHS months before @since's
 * month, and of that month's; *@out_first the earliest. */
static char *
month_starts (const GDate *since,
              gint64      *out_first)
{
  GString *text = g_string_sized_new (FOLD_MONTHS * 7 + 2);
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, g_date_get_month (since), g_date_get_year (since));
  if (g_date_get_year (&day) > FOLD_MONTHS / 12 + 1)
    g_date_subtract_months (&day, FOLD_MONTHS);
  *out_first = g_date_get_julian (&day);
  g_string_append_c (text, '{');
  while (g_date_compare (&day, since) <= 0)
    {
      g_string_append_printf (text, "%s%" G_GUINT32_FORMAT, text->len > 1 ? "," : "",
                              g_date_get_julian (&day));
      g_date_add_months (&day, 1);
    }
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static const char fold_statement_sql[] =
  ACCOUNT_COLUMNS
  "(SELECT coalesce (sum (CASE kind WHEN 4 THEN -amount WHEN 2 THEN amount WHEN 3 THEN amount"
  "  ELSE 0 END), 0)::bigint FROM entries WHERE account = $1 AND date < $2)"
  RECENT_ENTRIES ("$3");

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
  g_autofree char *months = NULL;
  gint64 first_month = 0;
  CabPgParams p = { 0 };

  cab_pg_param_text (&p, account);
  cab_pg_param_int (&p, g_date_get_julian (since));
  if (fold == CAB_LEDGER_FOLD_DEBT)
    {
      months = month_starts (since, &first_month);
      cab_pg_param_int (&p, first_month);
      cab_pg_param_text (&p, months);
    }
  cab_pg_param_int (&p, until != NULL ? (gint64) g_date_get_julian (until) : G_MAXINT64);
  res = cab_pg_run (self, fold == CAB_LEDGER_FOLD_DEBT ? fold_debt_sql : fold_statement_sql,
                    &p, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No such account");
      return NULL;
    }
  cab_pg_get_date (res, 0, 0, &opening);
  cab_pg_store_get_terms (res, 0, 2, &terms);
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
}
