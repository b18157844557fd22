/* test-admin-migrate.c: tek-cabinet-admin migrate on SQLite and on PostgreSQL (a cluster the
 * test starts), and a schema newer than this build refused by migrate, by the other
 * commands and by the server.
 *
 * Arguments: PATH-TO-tek-cabinet-server PATH-TO-tek-cabinet-admin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <string.h>

#include "admin-test-util.h"
#include "cab-pg-conn.h"
#include "cab-store.h"
#include "server-test-pg.h"

static PgCluster *cluster;

static void
communicated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *r = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &r->out,
                                                       &r->err, &error));
  g_assert_no_error (error);
}

/* Runs @argv to its end (a minute at most: a server that does not refuse fails the test). */
static void
run_to_exit (const char * const *argv,
             Run                *r)
{
  g_autoptr(GSubprocess) process = spawn (argv, NULL, G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                      | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  run_clear (r);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated, r);
  while (r->err == NULL && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
  if (r->err == NULL)
    {
      g_subprocess_force_exit (process);
      g_error ("%s %s did not end", argv[0], argv[1]);
    }
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (process));
  r->status = g_subprocess_get_exit_status (process);
  if (g_test_verbose ())
    g_printerr ("%s → %d\n%s%s", argv[0], r->status, r->out, r->err);
}

static void
admin (const char *db,
       const char *command,
       Run        *r)
{
  const char *argv[] = { admin_binary, "--db", db, command, NULL };

  run_to_exit (argv, r);
}

/* migrate on an empty database, again, the server on it; then a newer schema refused. */
static void
check_migrate (const char *db,
               void      (*set_version) (const char *db, guint version))
{
  guint known = cab_store_schema_version ();
  g_autofree char *migrated = g_strdup_printf ("Schema migrated from version 0 to %u (%u"
                                               " migrations applied)\n", known, known);
  g_autofree char *current = g_strdup_printf ("Schema version %u: up to date", known);
  g_autofree char *newer = g_strdup_printf ("schema is version %u, newer", known + 5);
  const char *server_argv[] = { server_test_binary (), "--listen", "127.0.0.1:0", "--db", db,
                                NULL };
  g_auto(Run) r = { 0 };

  admin (db, "migrate", &r);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, migrated);
  admin (db, "migrate", &r);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, current);
  admin (db, "stats", &r);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "partners: 0\n");

  /* A later version of the program migrated it: this one changes nothing. */
  set_version (db, known + 5);
  admin (db, "migrate", &r);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, newer);
  admin (db, "stats", &r);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "newer than this server");
  run_to_exit (server_argv, &r);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_cmpstr (r.out, ==, "");
  assert_contains (r.err, "newer than this server");
}

static void
set_sqlite_version (const char *path,
                    guint       version)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u", version);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_sqlite (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-admin-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "cabinet.db", NULL);
  g_auto(Run) r = { 0 };

  g_assert_no_error (error);
  /* A mistyped path is not made into a new database. */
  admin (path, "migrate", &r);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "No database at");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  check_migrate (path, set_sqlite_version);
  remove_tree (dir);
}

/* The schema versions before the volume migration (issue 17) and before the month sums'
 * (issue 18), the eighth and the ninth: the tests below rewind to them. */
#define BEFORE_VOLUMES_VERSION    7u
#define BEFORE_MONTH_SUMS_VERSION 8u
/* What the volume migration finds: the schema one version before it (so before the month
 * sums' too), whole kWh in volume_kwh, one of them beyond what the API can carry. */
#define BEFORE_VOLUMES \
  "ALTER TABLE entries DROP COLUMN period;" \
  "ALTER TABLE entries RENAME COLUMN volume_wh TO volume_kwh;" \
  "INSERT INTO partners (id, dp_code, name, address, contacts)" \
  " VALUES (1, '7000000001', 'P', 'A', '');" \
  "INSERT INTO accounts (account, partner_id, contract_number, contract_date, inn, kpp," \
  " bill1_issue_day, bill1_due_day, bill2_issue_day, bill2_due_day, invoice_due_day," \
  " opening_date, opening_balance) VALUES ('7100000001', 1, '1', 2457359, '3257123458'," \
  " '325701001', 1, 10, 16, 25, 18, 2457510, 0);" \
  "INSERT INTO entries (id, account, kind, date, amount, number, volume_kwh) VALUES" \
  " (1, '7100000001', 2, 2457540, 48284486, 'СФ-1', 74284)," \
  " (2, '7100000001', 3, 2457533, -19868501, 'К-1', -3057)," \
  " (3, '7100000001', 4, 2457534, 97999044, 'П-1', NULL)," \
  " (4, '7100000001', 2, 2457571, 100, 'СФ-2', 1000000000000);"
/* ledger_months as the month sums' migration fills it from those entries: "month charges
 * advance invoices" for each month (the first three entries are in one month). */
#define MONTHS_AFTER "2457533 -69583059 0 1\n2457564 100 0 1\n"
#define MONTHS_SQL \
  "SELECT month, charges, advance, invoices FROM ledger_months" \
  " WHERE account = '7100000001' ORDER BY month"

static void
sqlite_exec (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* volume_wh of the entries 1 to 4 (G_MININT64 for NULL), and whether any has a period. */
static void
sqlite_volumes (const char *path,
                gint64      out[4],
                gboolean   *out_any_period)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT volume_wh, period FROM entries ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  *out_any_period = FALSE;
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      out[i] = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? G_MININT64
                                                             : sqlite3_column_int64 (stmt, 0);
      *out_any_period |= sqlite3_column_type (stmt, 1) != SQLITE_NULL;
    }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
check_volumes (const gint64 volumes[4],
               gboolean     any_period)
{
  /* Whole kWh became watt-hours; none stays none; one the API cannot carry is dropped. */
  g_assert_cmpint (volumes[0], ==, 74284000);
  g_assert_cmpint (volumes[1], ==, -3057000);
  g_assert_cmpint (volumes[2], ==, G_MININT64);
  g_assert_cmpint (volumes[3], ==, G_MININT64);
  g_assert_false (any_period);
}

static void
test_sqlite_volumes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-admin-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "cabinet.db", NULL);
  guint known = cab_store_schema_version ();
  g_autofree char *rewind = g_strdup_printf ("DROP TRIGGER ledger_months_insert;"
                                             "DROP TRIGGER ledger_months_delete;"
                                             "DROP TRIGGER ledger_months_update;"
                                             "DROP TABLE ledger_months;"
                                             "DROP INDEX entries_ledger;"
                                             "CREATE INDEX entries_ledger ON entries"
                                             " (account, date, kind, amount);"
                                             BEFORE_VOLUMES "PRAGMA user_version = %u;",
                                             BEFORE_VOLUMES_VERSION);
  g_autofree char *migrated = g_strdup_printf ("from version %u to %u", BEFORE_VOLUMES_VERSION,
                                               known);
  g_autoptr(GString) months = g_string_new (NULL);
  g_auto(Run) r = { 0 };
  gint64 volumes[4];
  gboolean any_period;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  admin (path, "migrate", &r);
  g_assert_cmpint (r.status, ==, 0);
  sqlite_exec (path, rewind);
  admin (path, "migrate", &r);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, migrated);
  sqlite_volumes (path, volumes, &any_period);
  check_volumes (volumes, any_period);

  /* The month sums are filled from the entries there were. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, MONTHS_SQL, -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (months, "%s %s %s %s\n", sqlite3_column_text (stmt, 0),
                              sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                              sqlite3_column_text (stmt, 3));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  g_assert_cmpstr (months->str, ==, MONTHS_AFTER);
  remove_tree (dir);
}

static void
pg_exec (const char *conninfo,
         const char *sql)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *res;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (res);
  PQfinish (conn);
}

static void
test_postgresql_volumes (void)
{
  g_autofree char *db = pg_cluster_database (pg_cluster_conninfo (cluster), "migrate_volumes");
  guint known = cab_store_schema_version ();
  g_autofree char *rewind = g_strdup_printf ("DROP TABLE ledger_months;"
                                             "DROP FUNCTION ledger_months_apply CASCADE;"
                                             BEFORE_VOLUMES
                                             "UPDATE schema_version SET version = %u;",
                                             BEFORE_VOLUMES_VERSION);
  g_autofree char *migrated = g_strdup_printf ("from version %u to %u", BEFORE_VOLUMES_VERSION,
                                               known);
  g_autoptr(GString) months = g_string_new (NULL);
  g_auto(Run) r = { 0 };
  gint64 volumes[4];
  gboolean any_period = FALSE;
  PGconn *conn;
  PGresult *res;

  admin (db, "migrate", &r);
  g_assert_cmpint (r.status, ==, 0);
  pg_exec (db, rewind);
  admin (db, "migrate", &r);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, migrated);

  conn = PQconnectdb (db);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, "SELECT volume_wh, period FROM entries ORDER BY id");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (res), ==, 4);
  for (int i = 0; i < 4; i++)
    {
      volumes[i] = PQgetisnull (res, i, 0) ? G_MININT64
                                           : g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10);
      any_period |= !PQgetisnull (res, i, 1);
    }
  PQclear (res);

  /* The month sums are filled from the entries there were. */
  res = PQexec (conn, MONTHS_SQL);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  for (int i = 0; i < PQntuples (res); i++)
    g_string_append_printf (months, "%s %s %s %s\n", PQgetvalue (res, i, 0),
                            PQgetvalue (res, i, 1), PQgetvalue (res, i, 2),
                            PQgetvalue (res, i, 3));
  PQclear (res);
  PQfinish (conn);
  check_volumes (volumes, any_period);
  g_assert_cmpstr (months->str, ==, MONTHS_AFTER);
}

/* An import writing entries while the month sums' migration runs: the migration waits for
 * it and its entries are in the fill; filling without them and creating the triggers once
 * they had committed would leave them in neither. */
static void
test_postgresql_writer_during_fill (void)
{
  g_autofree char *db = pg_cluster_database (pg_cluster_conninfo (cluster), "migrate_writer");
  g_autofree char *rewind = g_strdup_printf (
    "DROP TABLE ledger_months;"
    "DROP FUNCTION ledger_months_apply CASCADE;"
    "UPDATE schema_version SET version = %u;"
    "INSERT INTO partners (id, dp_code, name, address, contacts)"
    " VALUES (1, '7000000001', 'P', 'A', '');"
    "INSERT INTO accounts (account, partner_id, contract_number, contract_date, inn, kpp,"
    " bill1_issue_day, bill1_due_day, bill2_issue_day, bill2_due_day, invoice_due_day,"
    " opening_date, opening_balance) VALUES ('7100000001', 1, '1', 2457359, '3257123458',"
    " '325701001', 1, 10, 16, 25, 18, 2457510, 0);"
    "INSERT INTO entries (account, kind, date, amount, number)"
    " VALUES ('7100000001', 2, 2457540, 1000, 'СФ-1');", BEFORE_MONTH_SUMS_VERSION);
  const char *argv[] = { admin_binary, "--db", db, "migrate", NULL };
  g_autoptr(GSubprocess) migrate = NULL;
  g_autofree char *lock_type = NULL;
  g_auto(Run) r = { 0 };
  PGconn *writer, *watcher;
  PGresult *res;

  admin (db, "migrate", &r);
  g_assert_cmpint (r.status, ==, 0);
  pg_exec (db, rewind);

  writer = PQconnectdb (db);
  watcher = PQconnectdb (db);
  g_assert_cmpint (PQstatus (writer), ==, CONNECTION_OK);
  g_assert_cmpint (PQstatus (watcher), ==, CONNECTION_OK);
  res = PQexec (writer, "BEGIN; INSERT INTO entries (account, kind, date, amount, number)"
                        " VALUES ('7100000001', 2, 2457571, 500, 'СФ-2')");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_COMMAND_OK);
  PQclear (res);

  run_clear (&r);
  migrate = spawn (argv, NULL, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_communicate_utf8_async (migrate, NULL, NULL, communicated, &r);
  /* Until the migration waits for a lock: it cannot end while the writer's is held. */
  lock_type = pg_wait_for_lock_waiter (db, &r.err);
  g_assert_null (r.err);
  g_assert_cmpstr (lock_type, ==, "relation");

  res = PQexec (writer, "COMMIT");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_COMMAND_OK);
  PQclear (res);
  PQfinish (writer);
  while (r.err == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_wait (migrate, NULL, NULL));
  g_assert_cmpint (g_subprocess_get_exit_status (migrate), ==, 0);

  /* Both months, the one the writer added too. */
  res = PQexec (watcher, MONTHS_SQL);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (res), ==, 2);
  g_assert_cmpstr (PQgetvalue (res, 0, 0), ==, "2457533");
  g_assert_cmpstr (PQgetvalue (res, 0, 1), ==, "1000");
  g_assert_cmpstr (PQgetvalue (res, 1, 0), ==, "2457564");
  g_assert_cmpstr (PQgetvalue (res, 1, 1), ==, "500");
  PQclear (res);
  PQfinish (watcher);
}

static void
set_pg_version (const char *conninfo,
                guint       version)
{
  PGconn *conn = PQconnectdb (conninfo);
  g_autofree char *sql = g_strdup_printf ("UPDATE schema_version SET version = %u", version);
  PGresult *res;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_COMMAND_OK);
  PQclear (res);
  PQfinish (conn);
}

static void
test_postgresql (void)
{
  g_autofree char *db = pg_cluster_database (pg_cluster_conninfo (cluster), "migrate");

  check_migrate (db, set_pg_version);
}

/* A migration may rewrite a large table for longer than a statement may take on the
 * connection (15 s): migrations run without that timeout, but keep the lock timeout, and the
 * connection has both back after, whether the migration was committed or rolled back. */
static void
test_postgresql_timeouts (void)
{
  static const char * const migrations[] = {
    "CREATE TABLE timeouts AS SELECT current_setting ('statement_timeout') AS statement,"
    " current_setting ('lock_timeout') AS lock",
  };
  /* The same, then one that fails (rolled back). */
  static const char * const failing[] = {
    "CREATE TABLE timeouts AS SELECT current_setting ('statement_timeout') AS statement,"
    " current_setting ('lock_timeout') AS lock",
    "SELECT 1 / 0",
  };
  g_autofree char *db = pg_cluster_database (pg_cluster_conninfo (cluster), "migrate_timeouts");
  g_autoptr(GError) error = NULL;
  g_autoptr(CabPgConn) conn = cab_pg_conn_new (db, &error);
  g_autoptr(PGresult) during = NULL;
  g_autoptr(PGresult) after = NULL;

  g_assert_no_error (error);
  g_assert_true (cab_pg_migrate (conn, migrations, G_N_ELEMENTS (migrations), &error));
  g_assert_no_error (error);
  during = cab_pg_run (conn, "SELECT statement, lock FROM timeouts", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (PQgetvalue (during, 0, 0), ==, "0");
  g_assert_cmpstr (PQgetvalue (during, 0, 1), ==, "10s");
  after = cab_pg_run (conn, "SELECT current_setting ('statement_timeout'),"
                            " current_setting ('lock_timeout')", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (PQgetvalue (after, 0, 0), ==, "15s");
  g_assert_cmpstr (PQgetvalue (after, 0, 1), ==, "10s");

  g_assert_false (cab_pg_migrate (conn, failing, G_N_ELEMENTS (failing), &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INTERNAL);
  g_clear_pointer (&after, PQclear);
  after = cab_pg_run (conn, "SELECT current_setting ('statement_timeout'),"
                            " current_setting ('lock_timeout')", NULL, NULL);
  g_assert_nonnull (after);
  g_assert_cmpstr (PQgetvalue (after, 0, 0), ==, "15s");
  g_assert_cmpstr (PQgetvalue (after, 0, 1), ==, "10s");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!admin_test_init (argc, argv))
    return 77;
  cluster = pg_cluster_new ();
  g_unsetenv ("CAB_TEST_PG");

  g_test_add_func ("/admin-migrate/sqlite", test_sqlite);
  g_test_add_func ("/admin-migrate/postgresql", test_postgresql);
  g_test_add_func ("/admin-migrate/sqlite-volumes", test_sqlite_volumes);
  g_test_add_func ("/admin-migrate/postgresql-volumes", test_postgresql_volumes);
  g_test_add_func ("/admin-migrate/postgresql-timeouts", test_postgresql_timeouts);
  g_test_add_func ("/admin-migrate/postgresql-writer-during-fill",
                   test_postgresql_writer_during_fill);

  status = g_test_run ();
  pg_cluster_free (cluster);
  return status;
}
