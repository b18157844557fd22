/* test-server-instances.c: two server instances on one PostgreSQL database (a cluster the
 * test starts) behave as one server for what an attacker and the mail relay see:
 *
 * - wrong passwords on A and on B add up to one limit (the counts are in the database);
 * - queued mail is sent exactly once although both instances' mail workers deliver the
 *   same queue (a real SMTP relay, tests/server/smtp-sink.py, counts what arrives).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>
#include <signal.h>
#include <string.h>

#include "server-test-pg.h"
#include "server-test-util.h"
#include "smtp-relay.h"

#define MAIL_FROM   "noreply@supplier.test"
#define DEADLINE_S  60

static PgCluster *cluster;

/* A server on the PostgreSQL database @db, with @more arguments (NULL-terminated), or
 * with mail into its own folder when @more is NULL. */
static Server *
start_on (const char         *db,
          const char * const *more)
{
  if (more == NULL)
    return server_start_full (NULL, (const char *[]) { "--db", db, NULL }, NULL);

  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, (char *) db);
  for (guint i = 0; more != NULL && more[i] != NULL; i++)
    g_ptr_array_add (args, (char *) more[i]);
  g_ptr_array_add (args, NULL);
  return server_start_args (NULL, (const char * const *) args->pdata, NULL);
}

static Response *
wrong_password (Server *s)
{
  return request (s, "POST", "/api/v1/session", NULL,
                  "{\"login\": \"" DEMO_LOGIN "\", \"password\": \"wrong-password\"}");
}

/* The pair limit is 5 failures of one login from one address in 15 minutes: 3 on A and 2 on
 * B use it up, and the 6th is refused by either. With per-instance counts B would let 5 of
 * its own through. */
static void
test_shared_limit (void)
{
  g_autofree char *db = pg_cluster_database (pg_cluster_conninfo (cluster), "shared_limit");
  Server *a = start_on (db, NULL);
  Server *b = start_on (db, NULL);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(Response) r = wrong_password (i < 3 ? a : b);

      assert_error (r, 401, "invalid_credentials", NULL);
    }
  {
    g_autoptr(Response) on_b = wrong_password (b);
    g_autoptr(Response) on_a = wrong_password (a);
    g_autoptr(Response) right_on_a = request (a, "POST", "/api/v1/session", NULL,
                                              "{\"login\": \"" DEMO_LOGIN "\","
                                              " \"password\": \"" DEMO_PASSWORD "\"}");

    assert_error (on_b, 429, "rate_limited", NULL);
    assert_error (on_a, 429, "rate_limited", NULL);
    /* Locked means locked, whatever the password (the limit is checked first). */
    assert_error (right_on_a, 429, "rate_limited", NULL);
  }
  server_stop (b);
  server_stop (a);
}

/* Message-ID -> how many times it arrived. */
static GHashTable *
arrived (Relay *relay)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = g_dir_open (relay->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (relay->dir, name, NULL);
      g_autofree char *text = NULL;
      const char *header;

      if (!g_str_has_suffix (name, ".eml"))
        continue;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      header = strstr (text, "Message-ID: ");
      g_assert_nonnull (header);
      header += strlen ("Message-ID: ");
      {
        char *id = g_strndup (header, strcspn (header, "\r\n"));
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (ids, id));

        g_hash_table_insert (ids, id, GUINT_TO_POINTER (n + 1));
      }
    }
  return ids;
}

#define QUEUED 40

/* Queues QUEUED messages at once, straight into the shared table, as a burst of sign-ups on
 * several instances would. */
static void
queue_messages (const char *db)
{
  PGconn *conn = PQconnectdb (db);
  GString *sql = g_string_new ("INSERT INTO mail_queue (message_id, recipient, message,"
                               " created_at, next_attempt) VALUES ");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  PGresult *res;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  for (guint i = 0; i < QUEUED; i++)
    g_string_append_printf (sql, "%s('<m%u@instances.test>', 'user%u@example.org',"
                            " E'To: user%u@example.org\\r\\nSubject: Test %u\\r\\n"
                            "Message-ID: <m%u@instances.test>\\r\\n\\r\\nMessage %u.\\r\\n',"
                            " %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                            i ? ", " : "", i, i, i, i, i, i, now, now);
  res = PQexec (conn, sql->str);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_COMMAND_OK);
  PQclear (res);
  PQfinish (conn);
  g_string_free (sql, TRUE);
}

static gint64
count_sent (const char *db)
{
  PGconn *conn = PQconnectdb (db);
  PGresult *res = PQexec (conn, "SELECT count(*) FROM mail_queue WHERE state = 1");
  gint64 n;

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  n = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  PQfinish (conn);
  return n;
}

/* Both instances' workers deliver one queue: every message arrives, none twice. */
static void
test_mail_once (void)
{
  g_autofree char *db = pg_cluster_database (pg_cluster_conninfo (cluster), "mail_once");
  Relay *relay = relay_new ();
  g_autofree char *url = relay_url (relay);
  const char *args[] = { "--smtp", url, "--mail-from", MAIL_FROM, NULL };
  Server *a;
  Server *b;
  gint64 deadline;
  g_autoptr(GHashTable) ids = NULL;
  GHashTableIter iter;
  gpointer id, times;

  relay_start (relay, NULL);
  a = start_on (db, args);
  b = start_on (db, args);
  deadline = g_get_monotonic_time () + DEADLINE_S * G_TIME_SPAN_SECOND;
  queue_messages (db);
  while (count_sent (db) < QUEUED)
    {
      if (g_get_monotonic_time () >= deadline)
        g_error ("%" G_GINT64_FORMAT " of %d messages sent in %d s", count_sent (db), QUEUED,
                 DEADLINE_S);
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }
  /* A stopped server has finished what it was sending: whatever either sent has arrived. */
  server_stop (b);
  server_stop (a);

  ids = arrived (relay);
  g_assert_cmpuint (g_hash_table_size (ids), ==, QUEUED);
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &id, &times))
    if (GPOINTER_TO_UINT (times) != 1)
      g_error ("%s arrived %u times", (const char *) id, GPOINTER_TO_UINT (times));
  relay_free (relay);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!server_test_init (argc, argv))
    return 77;
  cluster = pg_cluster_new ();
  /* Servers started without an explicit --db stay on SQLite. */
  g_unsetenv ("CAB_TEST_PG");

  g_test_add_func ("/server-instances/shared-limit", test_shared_limit);
  g_test_add_func ("/server-instances/mail-once", test_mail_once);

  status = g_test_run ();
  pg_cluster_free (cluster);
  return status;
}
