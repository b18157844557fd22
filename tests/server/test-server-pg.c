/* test-server-pg.c: what only the PostgreSQL store has to show: the same answers as SQLite,
 * a database that goes down and comes back, and two server instances on one database.
 *
 * The program starts a PostgreSQL 15 cluster of its own (server-test-pg.h); its servers get
 * the database with an explicit --db, the last --db on the command line being the one used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "server-test-pg.h"
#include "server-test-util.h"

static PgCluster *cluster;
static char *conninfo;

/* A server on the PostgreSQL database @name (created when missing). */
static Server *
pg_server_start (const char *name)
{
  g_autofree char *db = pg_cluster_database (conninfo, name);
  const char *args[] = { "--db", db, NULL };

  return server_start_full (NULL, args, NULL);
}

static void
assert_same (Server     *a,
             const char *token_a,
             Server     *b,
             const char *token_b,
             const char *path)
{
  g_autoptr(Response) ra = request (a, "GET", path, token_a, NULL);
  g_autoptr(Response) rb = request (b, "GET", path, token_b, NULL);

  g_assert_cmpuint (ra->status, ==, 200);
  g_assert_cmpuint (rb->status, ==, 200);
  if (!bytes_equal (ra, rb))
    g_error ("%s differs:\nSQLite:     %.*s\nPostgreSQL: %.*s", path,
             (int) g_bytes_get_size (ra->body), (const char *) g_bytes_get_data (ra->body, NULL),
             (int) g_bytes_get_size (rb->body), (const char *) g_bytes_get_data (rb->body, NULL));
}

/* The demo data seeded into each store: the Fig. 8 account answers byte for byte alike. */
static void
test_same_answers (void)
{
  Server *lite = server_start ();
  Server *pg = pg_server_start ("same_answers");
  g_autofree char *token_lite = sign_in (lite, DEMO_LOGIN, DEMO_PASSWORD);
  g_autofree char *token_pg = sign_in (pg, DEMO_LOGIN, DEMO_PASSWORD);
  static const char * const paths[] = {
    "/api/v1/me",
    "/api/v1/accounts/1234567890/balance",
    "/api/v1/accounts/1234567890/balance?on=2016-06-28",
    "/api/v1/accounts/1234567890/statement?" FIG8_QUERY,
    "/api/v1/accounts/1234567890/bills?" FIG8_QUERY,
    "/api/v1/accounts/1234567890/ledger",
    "/api/v1/accounts/1234567891/statement?" FIG8_QUERY,
    "/api/v1/feedback",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    assert_same (lite, token_lite, pg, token_pg, paths[i]);
  server_stop (pg);
  server_stop (lite);
}

static void
assert_unavailable (Response *r)
{
  const char *retry_after = soup_message_headers_get_one (
    soup_message_get_response_headers (r->msg), "Retry-After");

  assert_error (r, 503, "unavailable", NULL);
  g_assert_nonnull (retry_after);
  g_assert_cmpint (g_ascii_strtoll (retry_after, NULL, 10), >, 0);
}

/* The database stops under a running server: 503 with Retry-After (no hang: the requests
 * end before the client's timeout), and the server recovers by itself when it is back. */
static void
test_database_down (void)
{
  Server *s = pg_server_start ("database_down");
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) before = request (s, "GET", "/api/v1/accounts/1234567890/balance",
                                        token, NULL);
  g_autoptr(Response) down_read = NULL;
  g_autoptr(Response) down_sign_in = NULL;
  g_autoptr(Response) after = NULL;
  g_autoptr(Response) after_me = NULL;
  g_autofree char *token2 = NULL;

  g_assert_cmpuint (before->status, ==, 200);

  pg_cluster_stop_server (cluster);
  down_read = request (s, "GET", "/api/v1/accounts/1234567890/balance", token, NULL);
  assert_unavailable (down_read);
  down_sign_in = request (s, "POST", "/api/v1/session", NULL,
                          "{\"login\": \"" DEMO_LOGIN "\", \"password\": \"" DEMO_PASSWORD "\"}");
  assert_unavailable (down_sign_in);

  pg_cluster_start_server (cluster);
  after = request (s, "GET", "/api/v1/accounts/1234567890/balance", token, NULL);
  g_assert_cmpuint (after->status, ==, 200);
  g_assert_true (bytes_equal (before, after));
  after_me = request (s, "GET", "/api/v1/me", token, NULL);
  g_assert_cmpuint (after_me->status, ==, 200);
  token2 = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  server_stop (s);
}

/* The database restarts between two requests: the connections the server holds are dead
 * but do not know it yet. The reads that find out are retried on new connections: the
 * client never sees the restart. */
static void
test_restart_between_requests (void)
{
  Server *s = pg_server_start ("restart_between");
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) before = request (s, "GET", "/api/v1/accounts/1234567890/balance",
                                        token, NULL);
  g_autoptr(Response) after = NULL;

  g_assert_cmpuint (before->status, ==, 200);
  pg_cluster_stop_server (cluster);
  pg_cluster_start_server (cluster);
  after = request (s, "GET", "/api/v1/accounts/1234567890/balance", token, NULL);
  g_assert_cmpuint (after->status, ==, 200);
  g_assert_true (bytes_equal (before, after));
  server_stop (s);
}

/* Two instances on one database behave as one server for sessions. */
static void
test_two_instances (void)
{
  Server *a = pg_server_start ("two_instances");
  Server *b = pg_server_start ("two_instances");
  g_autofree char *token = sign_in (a, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) on_b = request (b, "GET", "/api/v1/accounts/1234567890/balance", token,
                                      NULL);
  g_autoptr(Response) on_a = request (a, "GET", "/api/v1/accounts/1234567890/balance", token,
                                      NULL);
  g_autoptr(Response) out_b = NULL;
  g_autoptr(Response) after_a = NULL;
  g_autoptr(Response) me_a = NULL;
  g_autoptr(Response) me_b = NULL;
  g_autoptr(Response) visible = NULL;

  /* B found the database seeded by A and did not seed it twice. */
  g_assert_cmpuint (on_b->status, ==, 200);
  g_assert_true (bytes_equal (on_a, on_b));

  /* A change through A is what B reads. */
  visible = request (a, "PUT", "/api/v1/me/visible-accounts", token,
                     "{\"accounts\": [\"1234567891\"]}");
  g_assert_cmpuint (visible->status, <, 300);
  me_a = request (a, "GET", "/api/v1/me", token, NULL);
  me_b = request (b, "GET", "/api/v1/me", token, NULL);
  g_assert_cmpuint (me_b->status, ==, 200);
  g_assert_true (bytes_equal (me_a, me_b));

  out_b = request (b, "DELETE", "/api/v1/session", token, NULL);
  g_assert_cmpuint (out_b->status, ==, 204);
  after_a = request (a, "GET", "/api/v1/me", token, NULL);
  assert_error (after_a, 401, "unauthorized", NULL);

  server_stop (b);
  server_stop (a);
}

typedef struct
{
  guint pending;
  guint ok;
} Burst;

static void
burst_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Burst *burst = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              &error);

  g_assert_no_error (error);
  if (soup_message_get_status (msg) == 200)
    burst->ok++;
  burst->pending--;
}

/* --db-connections bounds the reader connections: a burst of statements larger than the
 * pool is answered in full through at most that many (plus the main one and the mail
 * worker's). */
static void
test_pool_bound (void)
{
  g_autofree char *db = pg_cluster_database (conninfo, "pool_bound");
  const char *args[] = { "--db", db, "--db-connections", "2", NULL };
  Server *s = server_start_full (NULL, args, NULL);
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autofree char *url = g_strconcat (s->base, "/api/v1/accounts/1234567891/statement?"
                                      "from=2024-01-01&to=2025-01-01", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", 40,
                                                                  "max-conns-per-host", 40,
                                                                  "timeout", 60, NULL);
  Burst burst = { 24, 0 };
  PGconn *conn;
  PGresult *res;

  for (guint i = 0; i < 24; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    auth);
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, burst_done,
                                        &burst);
    }
  while (burst.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (burst.ok, ==, 24);

  conn = PQconnectdb (db);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database ()"
                      " AND application_name = 'tek-cabinet-server'");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10), >=, 2);
  g_assert_cmpint (g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10), <=, 4);
  PQclear (res);
  PQfinish (conn);
  server_stop (s);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!server_test_init (argc, argv))
    return 1;
  cluster = pg_cluster_new ();
  conninfo = g_strdup (pg_cluster_conninfo (cluster));
  /* Servers started without an explicit --db stay on SQLite. */
  g_unsetenv ("CAB_TEST_PG");

  g_test_add_func ("/server-pg/same-answers", test_same_answers);
  g_test_add_func ("/server-pg/database-down", test_database_down);
  g_test_add_func ("/server-pg/restart-between-requests", test_restart_between_requests);
  g_test_add_func ("/server-pg/two-instances", test_two_instances);
  g_test_add_func ("/server-pg/pool-bound", test_pool_bound);

  status = g_test_run ();
  pg_cluster_free (cluster);
  g_free (conninfo);
  return status;
}
