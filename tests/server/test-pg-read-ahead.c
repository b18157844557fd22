/* test-pg-read-ahead.c: reads asked for ahead on a PostgreSQL connection (cab-pg-conn.c),
 * in a cluster the test starts (server-test-pg.h).
 *
 * A read asked for ahead goes with the next statement: both then run in one implicit
 * transaction, which now() shows (the start of the transaction, to the microsecond). It is
 * answered only to the same statement with the same parameters, forgotten by any other, and
 * a read ahead that fails, or a statement that fails, changes nothing the caller sees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-pg-conn.h"
#include "server-test-pg.h"

static PgCluster *cluster;

/* Each statement: its transaction's start, and what it was given (as the route's reads,
 * a parameter that must match). */
static const char echo_sql[] = "SELECT now ()::text, $1::text";
static const char other_sql[] = "SELECT now ()::text";
static const char divide_sql[] = "SELECT (1 / $1::int)::text";

static CabPgConn *
connect_fresh (void)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("read_ahead_%u", n++);
  g_autofree char *db = pg_cluster_database (pg_cluster_conninfo (cluster), name);
  g_autoptr(GError) error = NULL;
  CabPgConn *conn = cab_pg_conn_new (db, &error);

  g_assert_no_error (error);
  return conn;
}

static void
params_text (CabPgParams *p,
             const char  *text)
{
  *p = (CabPgParams) { 0 };
  cab_pg_param_text (p, text);
}

/* Runs @sql (with @text as $1 unless NULL); its first column (a transaction's start). */
static char *
run_start (CabPgConn  *conn,
           const char *sql,
           const char *text,
           const char *expected_echo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = NULL;
  CabPgParams p;

  params_text (&p, text);
  res = cab_pg_run (conn, sql, text != NULL ? &p : NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (PQntuples (res), ==, 1);
  if (expected_echo != NULL)
    g_assert_cmpstr (PQgetvalue (res, 0, 1), ==, expected_echo);
  return g_strdup (PQgetvalue (res, 0, 0));
}

static void
read_ahead (CabPgConn  *conn,
            const char *sql,
            const char *text)
{
  CabPgParams p;

  params_text (&p, text);
  cab_pg_read_ahead (conn, sql, &p);
}

static void
test_sent_with_next (void)
{
  g_autoptr(CabPgConn) conn = connect_fresh ();
  g_autofree char *next = NULL;
  g_autofree char *ahead = NULL;
  g_autofree char *again = NULL;

  read_ahead (conn, echo_sql, "x");
  next = run_start (conn, other_sql, NULL, NULL);
  ahead = run_start (conn, echo_sql, "x", "x");
  g_assert_cmpstr (ahead, ==, next);
  /* Answered once: asked again, it runs on its own. */
  again = run_start (conn, echo_sql, "x", "x");
  g_assert_cmpstr (again, !=, next);
}

static void
test_two_ahead (void)
{
  g_autoptr(CabPgConn) conn = connect_fresh ();
  g_autofree char *next = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  read_ahead (conn, echo_sql, "a");
  read_ahead (conn, echo_sql, "b");
  next = run_start (conn, other_sql, NULL, NULL);
  first = run_start (conn, echo_sql, "a", "a");
  second = run_start (conn, echo_sql, "b", "b");
  g_assert_cmpstr (first, ==, next);
  g_assert_cmpstr (second, ==, next);
}

/* The same statement with another parameter is not the read asked for; nor is what follows
 * another statement in between. */
static void
test_only_the_same (void)
{
  g_autoptr(CabPgConn) conn = connect_fresh ();
  g_autofree char *next = NULL;
  g_autofree char *other = NULL;
  g_autofree char *between = NULL;
  g_autofree char *later = NULL;

  read_ahead (conn, echo_sql, "x");
  next = run_start (conn, other_sql, NULL, NULL);
  other = run_start (conn, echo_sql, "y", "y");
  g_assert_cmpstr (other, !=, next);
  /* "y" went another way: "x" is forgotten. */
  later = run_start (conn, echo_sql, "x", "x");
  g_assert_cmpstr (later, !=, next);

  g_clear_pointer (&next, g_free);
  read_ahead (conn, echo_sql, "x");
  next = run_start (conn, other_sql, NULL, NULL);
  between = run_start (conn, other_sql, NULL, NULL);
  g_clear_pointer (&later, g_free);
  later = run_start (conn, echo_sql, "x", "x");
  g_assert_cmpstr (later, !=, next);
  g_assert_cmpstr (later, !=, between);
}

/* A read ahead that fails leaves the statement it went with alone, and fails again, with its
 * own error, when it is asked for. */
static void
test_failed_read (void)
{
  g_autoptr(CabPgConn) conn = connect_fresh ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autofree char *next = NULL;
  CabPgParams p;

  read_ahead (conn, divide_sql, "0");
  next = run_start (conn, other_sql, NULL, NULL);
  params_text (&p, "0");
  res = cab_pg_run (conn, divide_sql, &p, &error);
  g_assert_null (res);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INTERNAL);
  g_assert_nonnull (strstr (error->message, "division by zero"));
}

/* A statement that fails takes the reads ahead with it; they run on their own later. */
static void
test_failed_statement (void)
{
  g_autoptr(CabPgConn) conn = connect_fresh ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autofree char *ahead = NULL;
  CabPgParams p;

  read_ahead (conn, echo_sql, "x");
  params_text (&p, "0");
  res = cab_pg_run (conn, divide_sql, &p, &error);
  g_assert_null (res);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INTERNAL);
  ahead = run_start (conn, echo_sql, "x", "x");
}

/* Inside a transaction nothing is read ahead, and a transaction forgets what was asked. */
static void
test_transactions (void)
{
  g_autoptr(CabPgConn) conn = connect_fresh ();
  g_autoptr(GError) error = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *next = NULL;
  g_autofree char *after = NULL;

  read_ahead (conn, echo_sql, "x");
  g_assert_true (cab_pg_begin (conn, &error));
  g_assert_no_error (error);
  inside = run_start (conn, other_sql, NULL, NULL);
  read_ahead (conn, echo_sql, "y");
  g_assert_true (cab_pg_commit (conn, &error));
  g_assert_no_error (error);
  next = run_start (conn, other_sql, NULL, NULL);
  after = run_start (conn, echo_sql, "x", "x");
  g_assert_cmpstr (after, !=, next);
  g_clear_pointer (&after, g_free);
  after = run_start (conn, echo_sql, "y", "y");
  g_assert_cmpstr (after, !=, next);
  g_assert_cmpstr (after, !=, inside);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster = pg_cluster_new ();

  g_test_add_func ("/pg-read-ahead/sent-with-next", test_sent_with_next);
  g_test_add_func ("/pg-read-ahead/two-ahead", test_two_ahead);
  g_test_add_func ("/pg-read-ahead/only-the-same", test_only_the_same);
  g_test_add_func ("/pg-read-ahead/failed-read", test_failed_read);
  g_test_add_func ("/pg-read-ahead/failed-statement", test_failed_statement);
  g_test_add_func ("/pg-read-ahead/transactions", test_transactions);

  status = g_test_run ();
  pg_cluster_free (cluster);
  return status;
}
