/* test-pg-read-ahead.c: reads asked for ahead on a PostgreSQL connection (cab-pg-conn.c),
 * in a cluster the test starts (server-test-pg.h).
 *
 * A read asked for ahead runs with the next statement, before it is asked for: a change
 * that another connection commits in between shows whether it did. It is answered only to
 * the statement it answers, with the same parameters; any other statement forgets it; and
 * neither a read that fails nor the statement it goes with changes what the other does.
 * The store's reads ahead (made before the token is checked) read only what the token's
 * partner may see.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-demo-data.h"
#include "cab-pg-conn.h"
#include "cab-pg-store.h"
#include "server-test-pg.h"

static PgCluster *cluster;

/* What the read returns: the value in t, and its parameter back. */
static const char read_sql[] = "SELECT v, $1::text FROM t";
/* The same, narrowed by a check (as the store's reads ahead are by the session). */
static const char narrowed_sql[] = "SELECT v, $1::text FROM t WHERE $2::text = 'yes'";
static const char other_sql[] = "SELECT pg_backend_pid ()::text";
static const char divide_sql[] = "SELECT (1 / $1::int)::text";

typedef struct
{
  CabPgConn *conn;     /* the one under test */
  CabPgConn *writer;   /* another client, changing t */
  guint      version;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("read_ahead_%u", n++);
  g_autofree char *db = pg_cluster_database (pg_cluster_conninfo (cluster), name);
  g_autoptr(GError) error = NULL;

  f->conn = cab_pg_conn_new (db, &error);
  g_assert_no_error (error);
  f->writer = cab_pg_conn_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (cab_pg_exec (f->writer, "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('0');"
                                          "CREATE TABLE w (n INT)", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cab_pg_conn_free (f->conn);
  cab_pg_conn_free (f->writer);
}

/* Another client commits a new value in t; returns it. */
static char *
change (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE t SET v = '%u'", ++f->version);

  g_assert_true (cab_pg_exec (f->writer, sql, &error));
  g_assert_no_error (error);
  return g_strdup_printf ("%u", f->version);
}

static void
ask_ahead (Fixture    *f,
           const char *text)
{
  CabPgParams p = { 0 };

  cab_pg_param_text (&p, text);
  cab_pg_read_ahead (f->conn, read_sql, &p, read_sql, 1);
}

/* Runs the read with @text; the value of t it saw. */
static char *
run_read (Fixture    *f,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = NULL;
  CabPgParams p = { 0 };

  cab_pg_param_text (&p, text);
  res = cab_pg_run (f->conn, read_sql, &p, &error);
  g_assert_no_error (error);
  g_assert_cmpint (PQntuples (res), ==, 1);
  g_assert_cmpstr (PQgetvalue (res, 0, 1), ==, text);
  return g_strdup (PQgetvalue (res, 0, 0));
}

/* Asks for the division by zero, which fails with its own error. */
static void
assert_divide_fails (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = NULL;
  CabPgParams p = { 0 };

  cab_pg_param_text (&p, "0");
  res = cab_pg_run (f->conn, divide_sql, &p, &error);
  g_assert_null (res);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INTERNAL);
  g_assert_nonnull (strstr (error->message, "division by zero"));
}

/* Runs another statement: the connection's backend. */
static char *
run_other (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = cab_pg_run (f->conn, other_sql, NULL, &error);

  g_assert_no_error (error);
  return g_strdup (PQgetvalue (res, 0, 0));
}

static void
test_sent_with_next (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *backend = NULL;
  g_autofree char *ahead = NULL;
  g_autofree char *again = NULL;
  g_autofree char *changed = NULL;

  ask_ahead (f, "x");
  backend = run_other (f);
  changed = change (f);
  ahead = run_read (f, "x");
  g_assert_cmpstr (ahead, ==, "0");
  /* Answered once: asked again, it runs on its own. */
  again = run_read (f, "x");
  g_assert_cmpstr (again, ==, changed);
}

static void
test_two_ahead (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *backend = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  ask_ahead (f, "a");
  ask_ahead (f, "b");
  backend = run_other (f);
  changed = change (f);
  first = run_read (f, "a");
  second = run_read (f, "b");
  g_assert_cmpstr (first, ==, "0");
  g_assert_cmpstr (second, ==, "0");
}

/* The same statement with another parameter is not the read asked for; nor is what follows
 * another statement in between, or what the connection was told to forget. */
static void
test_only_the_same (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *backend = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *value = NULL;

  ask_ahead (f, "x");
  backend = run_other (f);
  changed = change (f);
  value = run_read (f, "y");
  g_assert_cmpstr (value, ==, changed);
  /* "y" went another way: "x" is forgotten. */
  g_clear_pointer (&value, g_free);
  value = run_read (f, "x");
  g_assert_cmpstr (value, ==, changed);

  ask_ahead (f, "x");
  g_clear_pointer (&backend, g_free);
  backend = run_other (f);
  g_clear_pointer (&backend, g_free);
  backend = run_other (f);
  g_clear_pointer (&changed, g_free);
  changed = change (f);
  g_clear_pointer (&value, g_free);
  value = run_read (f, "x");
  g_assert_cmpstr (value, ==, changed);

  ask_ahead (f, "x");
  g_clear_pointer (&backend, g_free);
  backend = run_other (f);
  cab_pg_forget_reads_ahead (f->conn);
  g_clear_pointer (&changed, g_free);
  changed = change (f);
  g_clear_pointer (&value, g_free);
  value = run_read (f, "x");
  g_assert_cmpstr (value, ==, changed);
}

/* A read sent narrowed answers the plain statement with the first parameters only: with its
 * check met, the row; with it failed, no row, never the row. */
static void
test_narrowed (Fixture       *f,
               gconstpointer  data)
{
  const char *checks[] = { "yes", "no" };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PGresult) res = NULL;
      g_autofree char *backend = NULL;
      g_autofree char *changed = NULL;
      CabPgParams p = { 0 };

      cab_pg_param_text (&p, "x");
      cab_pg_param_text (&p, checks[i]);
      cab_pg_read_ahead (f->conn, narrowed_sql, &p, read_sql, 1);
      backend = run_other (f);
      changed = change (f);
      p.n = 1;
      res = cab_pg_run (f->conn, read_sql, &p, &error);
      g_assert_no_error (error);
      if (i == 0)
        {
          g_assert_cmpint (PQntuples (res), ==, 1);
          g_assert_cmpstr (PQgetvalue (res, 0, 0), !=, changed);
        }
      else
        g_assert_cmpint (PQntuples (res), ==, 0);
    }
}

/* A read ahead that fails undoes nothing of the statement it went with (a write here), keeps
 * the connection, and fails again, with its own error, when it is asked for. */
static void
test_failed_read (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backend = run_other (f);
  g_autofree char *after = NULL;
  CabPgParams p = { 0 };

  cab_pg_param_text (&p, "0");
  cab_pg_read_ahead (f->conn, divide_sql, &p, divide_sql, 1);
  g_assert_true (cab_pg_run_done (f->conn, "INSERT INTO w VALUES (1)", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cab_pg_run_int (f->writer, "SELECT count (*) FROM w", NULL, &error), ==, 1);
  g_assert_no_error (error);

  assert_divide_fails (f);
  after = run_other (f);
  g_assert_cmpstr (after, ==, backend);
}

/* A statement that fails leaves the connection, and the reads sent with it, as they were. */
static void
test_failed_statement (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autofree char *backend = run_other (f);
  g_autofree char *changed = NULL;
  g_autofree char *value = NULL;
  g_autofree char *after = NULL;
  CabPgParams p = { 0 };

  ask_ahead (f, "x");
  cab_pg_param_text (&p, "0");
  res = cab_pg_run (f->conn, divide_sql, &p, &error);
  g_assert_null (res);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INTERNAL);
  changed = change (f);
  value = run_read (f, "x");
  g_assert_cmpstr (value, ==, "0");
  after = run_other (f);
  g_assert_cmpstr (after, ==, backend);
}

/* Inside a transaction nothing is read ahead, and a transaction forgets what was asked. */
static void
test_transactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backend = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *value = NULL;

  ask_ahead (f, "x");
  g_assert_true (cab_pg_begin (f->conn, &error));
  g_assert_no_error (error);
  backend = run_other (f);
  ask_ahead (f, "y");
  g_assert_true (cab_pg_commit (f->conn, &error));
  g_assert_no_error (error);
  g_clear_pointer (&backend, g_free);
  backend = run_other (f);
  changed = change (f);
  value = run_read (f, "x");
  g_assert_cmpstr (value, ==, changed);
  g_clear_pointer (&value, g_free);
  value = run_read (f, "y");
  g_assert_cmpstr (value, ==, changed);
}

/* The transaction (its id) a read ahead ran in, and that of the statement it was sent with:
 * the same after cab_pg_run_read(), another after cab_pg_run(), which may write. */
static void
test_transaction_of_a_read (Fixture       *f,
                            gconstpointer  data)
{
  static const char xact_sql[] = "SELECT pg_current_xact_id ()::text, $1::text";
  static const char statement_sql[] = "SELECT pg_current_xact_id ()::text";

  for (guint read_only = 0; read_only <= 1; read_only++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PGresult) statement = NULL;
      g_autoptr(PGresult) read = NULL;
      CabPgParams p = { 0 };

      cab_pg_param_text (&p, "x");
      cab_pg_read_ahead (f->conn, xact_sql, &p, xact_sql, 1);
      statement = read_only ? cab_pg_run_read (f->conn, statement_sql, NULL, &error)
                            : cab_pg_run (f->conn, statement_sql, NULL, &error);
      g_assert_no_error (error);
      read = cab_pg_run (f->conn, xact_sql, &p, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (PQgetvalue (read, 0, 1), ==, "x");
      if (read_only)
        g_assert_cmpstr (PQgetvalue (read, 0, 0), ==, PQgetvalue (statement, 0, 0));
      else
        g_assert_cmpstr (PQgetvalue (read, 0, 0), !=, PQgetvalue (statement, 0, 0));
    }
}

/* Sharing a read-only statement's transaction: a read that fails still leaves the statement
 * its answer and the connection; a statement that fails takes the reads with it, so asked
 * for, they run then (and see a change made since). */
static void
test_read_only_failures (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autofree char *backend = run_other (f);
  g_autofree char *changed = NULL;
  g_autofree char *value = NULL;
  g_autofree char *after = NULL;
  CabPgParams p = { 0 };

  cab_pg_param_text (&p, "0");
  cab_pg_read_ahead (f->conn, divide_sql, &p, divide_sql, 1);
  res = cab_pg_run_read (f->conn, other_sql, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (PQgetvalue (res, 0, 0), ==, backend);
  g_clear_pointer (&res, PQclear);
  assert_divide_fails (f);

  ask_ahead (f, "x");
  res = cab_pg_run_read (f->conn, divide_sql, &p, &error);
  g_assert_null (res);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INTERNAL);
  changed = change (f);
  value = run_read (f, "x");
  g_assert_cmpstr (value, ==, changed);
  after = run_other (f);
  g_assert_cmpstr (after, ==, backend);
}

#define DEMO_ACCOUNT      "1234567890"
#define NEIGHBOUR_LOGIN   "3456789012"
#define DEMO_TOKEN_HASH   "demo-session"
#define OTHER_TOKEN_HASH  "neighbour-session"

/* The balance's read on the demo data, told ahead with @token_hash and the session checked:
 * the ledger read, or NULL and @error. */
static CabLedger *
load_told_ahead (CabStore    *store,
                 const char  *token_hash,
                 GError     **error)
{
  g_autoptr(CabStoreUser) user = NULL;
  GDate since, until;
  gint64 partner_id = 0;

  g_date_clear (&since, 1);
  g_date_set_dmy (&since, 1, 1, 2016);
  g_date_clear (&until, 1);
  g_date_set_dmy (&until, 1, 1, 2017);
  cab_store_expect_ledger_since (store, token_hash, DEMO_ACCOUNT, &since, &until,
                                 CAB_LEDGER_FOLD_DEBT);
  cab_store_expect_entry_infos (store, token_hash, DEMO_ACCOUNT, &since, &until);
  /* The check the route makes; whatever it says, the store is asked (as the route would not,
   * on a failure: what was read ahead is what this shows). */
  cab_store_touch_session (store, token_hash, 1000, 0, 0, &user, NULL);
  return cab_store_load_ledger_since (store, DEMO_ACCOUNT, &since, &until, CAB_LEDGER_FOLD_DEBT,
                                      &partner_id, error);
}

static void
test_store_reads_only_the_partners (void)
{
  g_autofree char *db = pg_cluster_database (pg_cluster_conninfo (cluster), "read_ahead_store");
  g_autoptr(GError) error = NULL;
  g_autoptr(CabStore) store = CAB_STORE (cab_pg_store_new (db, &error));
  g_autoptr(CabStoreUser) demo = NULL;
  g_autoptr(CabStoreUser) neighbour = NULL;
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(GHashTable) infos = NULL;
  GDate today, since, until;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 6, 2026);
  g_assert_true (cab_demo_data_seed (store, &today, &error));
  g_assert_no_error (error);
  demo = cab_store_get_user_by_login (store, DEMO_ACCOUNT, &error);
  g_assert_no_error (error);
  neighbour = cab_store_get_user_by_login (store, NEIGHBOUR_LOGIN, &error);
  g_assert_no_error (error);
  g_assert_true (cab_store_create_session (store, DEMO_TOKEN_HASH, demo->id, 1000, &error));
  g_assert_true (cab_store_create_session (store, OTHER_TOKEN_HASH, neighbour->id, 1000, &error));
  g_assert_no_error (error);

  /* The partner's own: its ledger. */
  ledger = load_told_ahead (store, DEMO_TOKEN_HASH, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cab_ledger_get_n_entries (ledger), >, 0);

  /* The neighbour's token, or none known: nothing was read, so nothing is found. */
  g_clear_object (&ledger);
  ledger = load_told_ahead (store, OTHER_TOKEN_HASH, &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_NOT_FOUND);
  g_assert_null (ledger);
  g_clear_error (&error);
  ledger = load_told_ahead (store, "no-such-session", &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nor the documents: the entries' read, told ahead, answers an empty list. */
  g_date_clear (&since, 1);
  g_date_set_dmy (&since, 1, 1, 2016);
  g_date_clear (&until, 1);
  g_date_set_dmy (&until, 1, 1, 2017);
  cab_store_expect_entry_infos (store, OTHER_TOKEN_HASH, DEMO_ACCOUNT, &since, &until);
  cab_store_touch_session (store, OTHER_TOKEN_HASH, 1000, 0, 0, NULL, NULL);
  infos = cab_store_list_entry_infos (store, DEMO_ACCOUNT, &since, &until, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (infos), ==, 0);

  /* Asked for without a read ahead, the store answers as ever (the route checks the
   * partner); and what is forgotten is not answered. */
  g_clear_pointer (&infos, g_hash_table_unref);
  infos = cab_store_list_entry_infos (store, DEMO_ACCOUNT, &since, &until, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (infos), >, 0);
  cab_store_expect_ledger_since (store, OTHER_TOKEN_HASH, DEMO_ACCOUNT, &since, &until,
                                 CAB_LEDGER_FOLD_DEBT);
  cab_store_touch_session (store, OTHER_TOKEN_HASH, 1000, 0, 0, NULL, NULL);
  cab_store_forget_expected (store);
  ledger = cab_store_load_ledger_since (store, DEMO_ACCOUNT, &since, &until,
                                        CAB_LEDGER_FOLD_DEBT, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ledger);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster = pg_cluster_new ();

#define ADD(path, func) \
  g_test_add ("/pg-read-ahead/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("sent-with-next", test_sent_with_next);
  ADD ("two-ahead", test_two_ahead);
  ADD ("only-the-same", test_only_the_same);
  ADD ("narrowed", test_narrowed);
  ADD ("failed-read", test_failed_read);
  ADD ("failed-statement", test_failed_statement);
  ADD ("transactions", test_transactions);
  ADD ("transaction-of-a-read", test_transaction_of_a_read);
  ADD ("read-only-failures", test_read_only_failures);
#undef ADD
  g_test_add_func ("/pg-read-ahead/store-reads-only-the-partners",
                   test_store_reads_only_the_partners);

  status = g_test_run ();
  pg_cluster_free (cluster);
  return status;
}
