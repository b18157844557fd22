/* test-ledger-fold.c: the balance and the statement from cab_store_load_ledger_since() (the
 * older entries summed in SQL) equal those from the whole ledger (cab_store_load_ledger()),
 * on SQLite and on PostgreSQL (a cluster the test starts).
 *
 * The data is generated: accounts with the decree's terms and with odd ones (due days at a
 * month's end, clamped), an opening balance, a few entries twenty years older, and for 40
 * months advance bills, invoices and corrections on any day of their month (and months with
 * advance bills but no invoice, or an invoice but no advance bills, or nothing), payments on
 * any day, several entries on one day.
 * Every day from before the first entry to after the last is checked: the debt and the
 * recommended payment, so days before, on and after every due date; and statements of
 * periods starting on many days.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cab-debt.h"
#include "cab-json.h"
#include "cab-pg-conn.h"
#include "cab-statement.h"
#include "cab-store.h"
#include "server-test-pg.h"
#include "server-test-util.h"

static PgCluster *cluster;
static char *temp_dir;

#define SQLITE     GINT_TO_POINTER (1)
#define POSTGRESQL GINT_TO_POINTER (2)
/* With some entries deleted after the import, straight in the database. */
#define DELETED    4
#define IS_POSTGRESQL(store_kind) ((GPOINTER_TO_INT (store_kind) & 3) == 2)

#define N_ACCOUNTS   4
#define FIRST_YEAR   2021
#define N_MONTHS     40

static CabStore *
new_store_at (gconstpointer   store_kind,
              char          **out_spec)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("fold_%u", n++);
  g_autofree char *spec = NULL;
  g_autoptr(GError) error = NULL;
  CabStore *store;

  if (IS_POSTGRESQL (store_kind))
    spec = pg_cluster_database (pg_cluster_conninfo (cluster), name);
  else
    spec = g_strdup_printf ("%s/%s.db", temp_dir, name);
  store = cab_store_open (spec, &error);
  g_assert_no_error (error);
  if (out_spec != NULL)
    *out_spec = g_steal_pointer (&spec);
  return store;
}

static CabStore *
new_store (gconstpointer store_kind)
{
  return new_store_at (store_kind, NULL);
}

static void
add_entry (CabStore     *store,
           const char   *account,
           CabEntryKind  kind,
           guint         year,
           guint         month,
           guint         day,
           CabMoney      amount)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, MIN (day, g_date_get_days_in_month (month, year)), month, year);
  g_assert_cmpint (cab_store_add_entry (store, account, kind, &date, amount, NULL, NULL,
                                        &error), >, 0);
  g_assert_no_error (error);
}

/* The same accounts and entries in every store (one seed). */
static void
generate (CabStore *store)
{
  static const CabTerms odd_terms[] = {
    { 1, 10, 16, 25, 18 },   /* the decree's */
    { 1, 31, 2, 31, 31 },    /* due on the month's last day, clamped */
    { 3, 5, 20, 28, 1 },
    { 1, 15, 16, 30, 30 },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reimported = g_ptr_array_new_with_free_func (g_free);
  CabPartner partner = { (char *) "5000000001", (char *) "ООО «Проверка»",
                         (char *) "241050, г. Брянск", (char *) "+7 4832 00-00-01" };
  gint64 partner_id;

  g_assert_true (cab_store_begin (store, &error));
  partner_id = cab_store_add_partner (store, &partner, &error);
  g_assert_no_error (error);
  for (guint a = 0; a < N_ACCOUNTS; a++)
    {
      g_autoptr(CabContract) contract = cab_contract_new ();
      GDate opening;

      contract->account = g_strdup_printf ("600000000%u", a);
      contract->contract_number = g_strdup_printf ("F-%u", a);
      g_date_set_dmy (&contract->contract_date, 1, 12, FIRST_YEAR - 1);
      contract->inn = g_strdup ("7707083893");
      contract->kpp = g_strdup ("773601001");
      contract->terms = odd_terms[a % G_N_ELEMENTS (odd_terms)];
      g_date_clear (&opening, 1);
      g_date_set_dmy (&opening, 1, 1, FIRST_YEAR);
      g_assert_true (cab_store_add_account (store, partner_id, contract, &opening,
                                            (CabMoney) a * 123456 - 50000, &error));
      g_assert_no_error (error);

      /* Entries more than 20 years before the days checked (PostgreSQL finds their months
       * another way), in months with and without an invoice. */
      if (a == N_ACCOUNTS - 1)
        for (guint month = 1; month <= 6; month++)
          {
            add_entry (store, contract->account, CAB_ENTRY_ADVANCE_BILL_1, 1999, month, 1,
                       100000 * month);
            add_entry (store, contract->account, CAB_ENTRY_ADVANCE_BILL_2, 1999, month, 16,
                       10000 * month);
            if (month % 2 == 0)
              add_entry (store, contract->account, CAB_ENTRY_INVOICE, 1999, month, 31,
                         300000 * month);
            if (month == 3)
              add_entry (store, contract->account, CAB_ENTRY_PAYMENT, 1999, month, 31, 777);
          }
      for (guint i = 0; i < N_MONTHS; i++)
        {
          guint year = FIRST_YEAR + i / 12, month = 1 + i % 12;
          CabMoney charge = g_rand_int_range (rand, 1000000, 9000000);
          guint shape = g_rand_int_range (rand, 0, 10);
          const char *account = contract->account;

          /* 0: nothing; 1: advance bills without an invoice; 2: an invoice alone; else all. */
          if (shape != 0 && shape != 2)
            {
              add_entry (store, account, CAB_ENTRY_ADVANCE_BILL_1, year, month,
                         g_rand_boolean (rand) ? 1 : g_rand_int_range (rand, 1, 29),
                         charge * 3 / 10);
              if (g_rand_int_range (rand, 0, 4) != 0)
                add_entry (store, account, CAB_ENTRY_ADVANCE_BILL_2, year, month,
                           g_rand_boolean (rand) ? 16 : g_rand_int_range (rand, 1, 32),
                           charge * 4 / 10);
            }
          if (shape >= 2 && g_rand_int_range (rand, 0, 3) == 0)
            {
              /* Imported with a number, to be corrected below. */
              CabEntry entry = { .kind = CAB_ENTRY_INVOICE, .amount = charge };
              g_autofree char *number = g_strdup_printf ("S-%s-%u", account, i);
              CabStoreChange change = CAB_STORE_UNCHANGED;

              cab_date_set_clamped (&entry.date, year, month, 31);
              g_assert_cmpint (cab_store_upsert_entry (store, account, &entry, number, NULL,
                                                       &change, &error), >, 0);
              g_assert_no_error (error);
              g_assert_cmpint (change, ==, CAB_STORE_ADDED);
              g_ptr_array_add (reimported, g_steal_pointer (&number));
            }
          else if (shape >= 2)
            add_entry (store, account, CAB_ENTRY_INVOICE, year, month,
                       g_rand_int_range (rand, 0, 3) != 0 ? 31 : g_rand_int_range (rand, 1, 32),
                       charge);
          /* Corrections either way, some on an invoice's or a bill's day. */
          if (g_rand_int_range (rand, 0, 3) == 0)
            add_entry (store, account, CAB_ENTRY_CORRECTION, year, month,
                       g_rand_boolean (rand) ? 31 : g_rand_int_range (rand, 1, 32),
                       g_rand_int_range (rand, -2000000, 2000000));
          for (gint p = g_rand_int_range (rand, 0, 4); p > 0; p--)
            add_entry (store, account, CAB_ENTRY_PAYMENT, year, month,
                       g_rand_int_range (rand, 1, 32), g_rand_int_range (rand, 100000, 5000000));
        }
    }

  /* The billing system corrects imported invoices: their rows change, and the stores' month
   * sums must follow the update (the advance bills of a month stay replaced). */
  for (guint i = 0; i < reimported->len; i++)
    {
      const char *number = g_ptr_array_index (reimported, i);
      g_auto(GStrv) parts = g_strsplit (number, "-", 3);
      guint m = (guint) g_ascii_strtoull (parts[2], NULL, 10);
      CabEntry entry = { .kind = CAB_ENTRY_INVOICE };
      CabStoreChange change = CAB_STORE_UNCHANGED;

      entry.amount = g_rand_int_range (rand, -3000000, 9000000);
      cab_date_set_clamped (&entry.date, FIRST_YEAR + m / 12, 1 + m % 12, 31);
      g_assert_cmpint (cab_store_upsert_entry (store, parts[1], &entry, number, NULL, &change,
                                               &error), >, 0);
      g_assert_no_error (error);
      g_assert_cmpint (change, ==, CAB_STORE_CHANGED);
    }
  g_assert_cmpuint (reimported->len, >, 10);
  g_assert_true (cab_store_commit (store, &error));
  g_assert_no_error (error);
}

static CabLedger *
load_whole (CabStore    *store,
            const char  *account,
            const GDate *until)
{
  g_autoptr(GError) error = NULL;
  CabLedger *ledger = cab_store_load_ledger (store, account, until, &error);

  g_assert_no_error (error);
  return ledger;
}

static CabLedger *
load_since (CabStore      *store,
            const char    *account,
            const GDate   *since,
            const GDate   *until,
            CabLedgerFold  fold)
{
  g_autoptr(GError) error = NULL;
  gint64 partner_id = 0;
  CabLedger *ledger = cab_store_load_ledger_since (store, account, since, until, fold,
                                                   &partner_id, &error);

  gint64 expected_partner_id = 0;

  g_assert_no_error (error);
  g_assert_true (cab_store_lookup_account (store, account, &expected_partner_id, &error));
  g_assert_cmpint (partner_id, ==, expected_partner_id);
  g_assert_cmpint (partner_id, >, 0);
  return ledger;
}

/* Entries of every kind deleted straight in the database, as a tool or a repair might: a
 * tenth of them, and about a third of one account's days. The stores' month sums must
 * follow a delete as they follow an import. */
static void
delete_some (gconstpointer  store_kind,
             const char    *spec)
{
  static const char sql[] =
    "DELETE FROM entries WHERE id % 10 = 3 OR (account = '6000000002' AND date % 97 < 30)";
  g_autoptr(GError) error = NULL;

  if (IS_POSTGRESQL (store_kind))
    {
      /* A connection of its own, not the store's: another client's delete. */
      g_autoptr(CabPgConn) conn = cab_pg_conn_new (spec, &error);

      g_assert_no_error (error);
      g_assert_true (cab_pg_exec (conn, sql, &error));
      g_assert_no_error (error);
    }
  else
    {
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (spec, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_changes (db), >, 100);
      sqlite3_close (db);
    }
}

/* A store with the generated data, and with some of it deleted for DELETED. */
static CabStore *
prepare (gconstpointer store_kind)
{
  g_autofree char *spec = NULL;
  CabStore *store = new_store_at (store_kind, &spec);

  generate (store);
  if (GPOINTER_TO_INT (store_kind) & DELETED)
    delete_some (store_kind, spec);
  return store;
}

static void
test_balance (gconstpointer store_kind)
{
  g_autoptr(CabStore) store = prepare (store_kind);
  guint n_days = 0, n_shorter = 0, n_wrong_fold_differs = 0;

  for (guint a = 0; a < N_ACCOUNTS; a++)
    {
      g_autofree char *account = g_strdup_printf ("600000000%u", a);
      GDate on;

      /* From before the opening to two months after the last entry, every day (every
       * second one on PostgreSQL, whose round trips are slower: the parity changes with
       * the account, so every day is still covered). */
      g_date_clear (&on, 1);
      g_date_set_dmy (&on, 20, 12, FIRST_YEAR - 1);
      if (IS_POSTGRESQL (store_kind))
        g_date_add_days (&on, a % 2);
      for (; g_date_get_year (&on) < FIRST_YEAR + N_MONTHS / 12 + 1;
           g_date_add_days (&on, IS_POSTGRESQL (store_kind) ? 2 : 1))
        {
          g_autoptr(CabLedger) whole = NULL;
          g_autoptr(CabLedger) tail = NULL;
          g_autoptr(CabLedger) wrong = NULL;
          GDate until = on, since;

          g_date_add_days (&until, 1);
          cab_debt_settled_before (&on, &since);
          g_assert_cmpint (g_date_compare (&since, &on), <=, 0);
          whole = load_whole (store, account, &until);
          tail = load_since (store, account, &since, &until, CAB_LEDGER_FOLD_DEBT);

          g_assert_cmpint (cab_debt_on (tail, &on), ==, cab_debt_on (whole, &on));
          g_assert_cmpint (cab_debt_recommended_payment (tail, &on), ==,
                           cab_debt_recommended_payment (whole, &on));
          n_days++;
          if (cab_ledger_get_n_entries (tail) < cab_ledger_get_n_entries (whole))
            n_shorter++;

          /* Summing the advance bills of invoiced months too would be wrong: the data must
           * tell the difference, or the comparison above proves little. */
          wrong = load_since (store, account, &since, &until, CAB_LEDGER_FOLD_STATEMENT);
          if (cab_debt_on (wrong, &on) != cab_debt_on (whole, &on))
            n_wrong_fold_differs++;
        }
    }
  g_test_message ("%u days compared, %u with fewer entries read, %u where a wrong sum differs",
                  n_days, n_shorter, n_wrong_fold_differs);
  g_assert_cmpuint (n_days, >, 1000);
  g_assert_cmpuint (n_shorter, >, n_days / 2);
  g_assert_cmpuint (n_wrong_fold_differs, >, n_days / 2);
}

static char *
statement_text (CabLedger   *ledger,
                const GDate *from,
                const GDate *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabStatement) statement = cab_statement_compute (ledger, from, to, &error);
  g_autoptr(JsonNode) node = NULL;

  g_assert_no_error (error);
  node = cab_statement_to_json (statement);
  return cab_json_to_string (node);
}

static void
test_statement (gconstpointer store_kind)
{
  g_autoptr(CabStore) store = prepare (store_kind);
  static const guint lengths[] = { 1, 17, 31, 92, 365, 366 * 3 };
  guint n = 0;

  for (guint a = 0; a < N_ACCOUNTS; a++)
    {
      g_autofree char *account = g_strdup_printf ("600000000%u", a);
      GDate from;

      /* Periods starting before the data, inside it and after it, on every fifth day. */
      g_date_clear (&from, 1);
      g_date_set_dmy (&from, 1, 10, FIRST_YEAR - 1);
      for (; g_date_get_year (&from) < FIRST_YEAR + N_MONTHS / 12 + 1; g_date_add_days (&from, 5))
        {
          const guint length = lengths[n % G_N_ELEMENTS (lengths)];
          g_autoptr(CabLedger) whole = NULL;
          g_autoptr(CabLedger) tail = NULL;
          g_autofree char *expected = NULL;
          g_autofree char *got = NULL;
          GDate to = from;

          g_date_add_days (&to, length);
          whole = load_whole (store, account, &to);
          tail = load_since (store, account, &from, &to, CAB_LEDGER_FOLD_STATEMENT);
          expected = statement_text (whole, &from, &to);
          got = statement_text (tail, &from, &to);
          g_assert_cmpstr (got, ==, expected);
          n++;
        }
    }
  g_assert_cmpuint (n, >, 500);
}

static void
test_unknown_account (gconstpointer store_kind)
{
  g_autoptr(CabStore) store = new_store (store_kind);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabLedger) ledger = NULL;
  GDate since;

  g_date_clear (&since, 1);
  g_date_set_dmy (&since, 1, 1, FIRST_YEAR);
  ledger = cab_store_load_ledger_since (store, "6999999999", &since, NULL,
                                        CAB_LEDGER_FOLD_DEBT, NULL, &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_NOT_FOUND);
  g_assert_null (ledger);
}

/* A day's entries keep the order they were added in (their ids), whatever the index orders
 * them by (kind, then amount): the stores read by date and order each day's entries by id. */
static void
test_same_day_order (gconstpointer store_kind)
{
  static const struct { CabEntryKind kind; CabMoney amount; } day[] = {
    { CAB_ENTRY_PAYMENT, 900000 },
    { CAB_ENTRY_CORRECTION, 500 },
    { CAB_ENTRY_INVOICE, 700000 },
    { CAB_ENTRY_PAYMENT, 100 },
    { CAB_ENTRY_ADVANCE_BILL_2, 300000 },
    { CAB_ENTRY_CORRECTION, -20 },
  };
  g_autoptr(CabStore) store = new_store (store_kind);
  g_autoptr(GError) error = NULL;
  CabPartner partner = { (char *) "5000000002", (char *) "ООО «Порядок»",
                         (char *) "241050, г. Брянск", (char *) "+7 4832 00-00-02" };
  g_autoptr(CabContract) contract = cab_contract_new ();
  gint64 partner_id = cab_store_add_partner (store, &partner, &error);
  GDate opening, since, until;

  g_assert_no_error (error);
  contract->account = g_strdup ("6100000000");
  contract->contract_number = g_strdup ("F-order");
  g_date_set_dmy (&contract->contract_date, 1, 12, FIRST_YEAR - 1);
  contract->inn = g_strdup ("7707083893");
  contract->kpp = g_strdup ("773601001");
  contract->terms = (CabTerms) { 1, 10, 16, 25, 18 };
  g_date_clear (&opening, 1);
  g_date_set_dmy (&opening, 1, 1, FIRST_YEAR);
  g_assert_true (cab_store_add_account (store, partner_id, contract, &opening, 0, &error));
  g_assert_no_error (error);
  add_entry (store, contract->account, CAB_ENTRY_PAYMENT, FIRST_YEAR, 3, 14, 5);
  for (guint i = 0; i < G_N_ELEMENTS (day); i++)
    add_entry (store, contract->account, day[i].kind, FIRST_YEAR, 3, 15, day[i].amount);
  add_entry (store, contract->account, CAB_ENTRY_CORRECTION, FIRST_YEAR, 3, 16, 7);

  g_date_clear (&since, 1);
  g_date_set_dmy (&since, 1, 3, FIRST_YEAR);
  g_date_clear (&until, 1);
  g_date_set_dmy (&until, 1, 4, FIRST_YEAR);
  for (guint read = 0; read < 3; read++)
    {
      g_autoptr(CabLedger) ledger = NULL;
      gint64 last_id = 0;

      if (read == 0)
        ledger = cab_store_load_ledger (store, contract->account, NULL, &error);
      else
        ledger = cab_store_load_ledger_since (store, contract->account, &since, &until,
                                              read == 1 ? CAB_LEDGER_FOLD_DEBT
                                                        : CAB_LEDGER_FOLD_STATEMENT,
                                              NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (cab_ledger_get_n_entries (ledger), ==, G_N_ELEMENTS (day) + 2);
      for (guint i = 0; i < cab_ledger_get_n_entries (ledger); i++)
        {
          const CabEntry *entry = cab_ledger_get_entry (ledger, i);

          g_assert_cmpint (entry->id, >, last_id);
          last_id = entry->id;
          if (i >= 1 && i <= G_N_ELEMENTS (day))
            {
              g_assert_cmpint (g_date_get_day (&entry->date), ==, 15);
              g_assert_cmpint (entry->kind, ==, day[i - 1].kind);
              g_assert_cmpint (entry->amount, ==, day[i - 1].amount);
            }
        }
    }
}

static void
test_settled_before (void)
{
  static const struct { guint d, m, y, want_d, want_m, want_y; } cases[] = {
    { 15, 3, 2024, 1, 2, 2024 },
    { 1, 3, 2024, 1, 2, 2024 },
    { 31, 1, 2024, 1, 12, 2023 },
    { 29, 2, 2024, 1, 1, 2024 },
    { 1, 1, 2025, 1, 12, 2024 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate on, day, want;

      g_date_clear (&on, 1);
      g_date_clear (&want, 1);
      g_date_set_dmy (&on, cases[i].d, cases[i].m, cases[i].y);
      g_date_set_dmy (&want, cases[i].want_d, cases[i].want_m, cases[i].want_y);
      cab_debt_settled_before (&on, &day);
      g_assert_cmpint (g_date_compare (&day, &want), ==, 0);
    }
}

/* PostgreSQL's month sums are read from ledger_months' key alone, without a heap fetch per
 * month (the balance's cost; bench/server/run.sh measures it): with the other plans turned
 * off, the sum a balance folds is an index-only scan that touches no table page. */
static void
test_months_from_index (void)
{
  g_autofree char *spec = NULL;
  g_autoptr(CabStore) store = new_store_at (POSTGRESQL, &spec);
  g_autoptr(CabPgConn) conn = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *scan, *rows;

  generate (store);
  conn = cab_pg_conn_new (spec, &error);
  g_assert_no_error (error);
  /* The visibility map, which an index-only scan needs, is set by a vacuum. */
  g_assert_true (cab_pg_exec (conn, "VACUUM ledger_months", &error));
  g_assert_no_error (error);
  g_assert_true (cab_pg_exec (conn, "SET enable_seqscan = off; SET enable_bitmapscan = off",
                              &error));
  g_assert_no_error (error);
  res = cab_pg_run (conn, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)"
                          " SELECT coalesce (sum (charges + CASE WHEN invoices = 0"
                          " THEN advance ELSE 0 END), 0) FROM ledger_months"
                          " WHERE account = '6000000001' AND month < 800000", NULL, &error);
  g_assert_no_error (error);
  for (int row = 0; row < PQntuples (res); row++)
    g_string_append_printf (plan, "%s\n", PQgetvalue (res, row, 0));
  g_test_message ("%s", plan->str);
  scan = strstr (plan->str, "Index Only Scan using ledger_months_pkey");
  g_assert_nonnull (scan);
  g_assert_nonnull (strstr (plan->str, "Heap Fetches: 0"));
  /* The scan found the account's months (38 here), not an empty range. */
  rows = strstr (scan, "actual rows=");
  g_assert_nonnull (rows);
  g_assert_cmpfloat (g_ascii_strtod (rows + strlen ("actual rows="), NULL), >=, 30);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  temp_dir = g_dir_make_tmp ("test-ledger-fold-XXXXXX", NULL);
  g_assert_nonnull (temp_dir);
  cluster = pg_cluster_new ();

  g_test_add_func ("/ledger-fold/settled-before", test_settled_before);
  g_test_add_data_func ("/ledger-fold/sqlite/balance", SQLITE, test_balance);
  g_test_add_data_func ("/ledger-fold/sqlite/statement", SQLITE, test_statement);
  g_test_add_data_func ("/ledger-fold/sqlite/deleted/balance",
                        GINT_TO_POINTER (GPOINTER_TO_INT (SQLITE) | DELETED), test_balance);
  g_test_add_data_func ("/ledger-fold/sqlite/deleted/statement",
                        GINT_TO_POINTER (GPOINTER_TO_INT (SQLITE) | DELETED), test_statement);
  g_test_add_data_func ("/ledger-fold/sqlite/unknown-account", SQLITE, test_unknown_account);
  g_test_add_data_func ("/ledger-fold/sqlite/same-day-order", SQLITE, test_same_day_order);
  g_test_add_data_func ("/ledger-fold/postgresql/balance", POSTGRESQL, test_balance);
  g_test_add_data_func ("/ledger-fold/postgresql/statement", POSTGRESQL, test_statement);
  g_test_add_data_func ("/ledger-fold/postgresql/deleted/balance",
                        GINT_TO_POINTER (GPOINTER_TO_INT (POSTGRESQL) | DELETED), test_balance);
  g_test_add_data_func ("/ledger-fold/postgresql/deleted/statement",
                        GINT_TO_POINTER (GPOINTER_TO_INT (POSTGRESQL) | DELETED),
                        test_statement);
  g_test_add_data_func ("/ledger-fold/postgresql/same-day-order", POSTGRESQL,
                        test_same_day_order);
  g_test_add_data_func ("/ledger-fold/postgresql/unknown-account", POSTGRESQL,
                        test_unknown_account);
  g_test_add_func ("/ledger-fold/postgresql/months-from-index", test_months_from_index);

  status = g_test_run ();
  pg_cluster_free (cluster);
  remove_tree (temp_dir);
  g_free (temp_dir);
  return status;
}
