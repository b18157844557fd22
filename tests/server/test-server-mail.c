/* test-server-mail.c: the server's mail through a real SMTP relay (tests/server/smtp-sink.py,
 * Debian's python3-aiosmtpd) that each test starts itself.
 *
 * A password reset arrives through SMTP (with AUTH, the password read from a file); with the
 * relay down, or refusing, the mail waits in the queue and arrives exactly once when the relay
 * comes back; a server killed after queuing, or in the middle of sending, delivers it after a
 * restart. The relay's port is a socket the test binds and keeps: before the relay runs,
 * connections to it are refused, and no other process can take the port meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "server-test-util.h"
#include "smtp-relay.h"

#define MAIL_FROM     "noreply@supplier.test"
#define DEMO_EMAIL    "demo@example.org"
#define DEADLINE_S    60

/* ---- the queue, read from the server's database ---- */

typedef struct
{
  gboolean exists;
  int      state;      /* 0 queued, 1 sent, 2 given up */
  int      attempts;
  int      count;
} QueueRow;

static QueueRow
queue_row (Server *s)
{
  QueueRow row = { 0 };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (s->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT state, attempts,"
                                           " (SELECT count(*) FROM mail_queue)"
                                           " FROM mail_queue ORDER BY id DESC LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      row.exists = TRUE;
      row.state = sqlite3_column_int (stmt, 0);
      row.attempts = sqlite3_column_int (stmt, 1);
      row.count = sqlite3_column_int (stmt, 2);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return row;
}

/* Waits (at most DEADLINE_S) for the newest queued mail to have been tried @attempts times
 * and still be queued. */
static void
wait_for_attempts (Server *s,
                   int     attempts)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_TIME_SPAN_SECOND;

  while (g_get_monotonic_time () < deadline)
    {
      QueueRow row = queue_row (s);

      if (row.exists && row.attempts >= attempts)
        {
          g_assert_cmpint (row.state, ==, 0);
          return;
        }
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }
  g_error ("the mail was not tried %d times in %d s", attempts, DEADLINE_S);
}

static void
wait_for_sent (Server *s)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_TIME_SPAN_SECOND;

  while (g_get_monotonic_time () < deadline)
    {
      QueueRow row = queue_row (s);

      if (row.exists && row.state == 1)
        {
          g_assert_cmpint (row.count, ==, 1);
          return;
        }
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }
  g_error ("the mail was not sent in %d s", DEADLINE_S);
}

static void
wait_for_file (const char *path)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_TIME_SPAN_SECOND;

  while (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_get_monotonic_time () >= deadline)
        g_error ("no %s in %d s", path, DEADLINE_S);
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }
}

/* ---- helpers ---- */

/* Quick retries, so that a test sees several attempts in seconds. */
static const char * const quick_env[] = {
  "CAB_SERVER_MAIL_RETRY_BASE", "1",
  "CAB_SERVER_MAIL_RETRY_MAX", "1",
  NULL
};

static Server *
start_with_relay (const char         *dir,
                  Relay              *relay,
                  const char * const *env)
{
  g_autofree char *url = relay_url (relay);
  const char *args[] = { "--smtp", url, "--mail-from", MAIL_FROM, NULL };

  return server_start_args (dir, args, env);
}

static void
ask_for_reset (Server *s)
{
  g_autoptr(Response) r = request (s, "POST", "/api/v1/password-reset", NULL,
                                   "{\"login\": \"" DEMO_LOGIN "\", \"email\": \"" DEMO_EMAIL "\"}");

  g_assert_cmpuint (r->status, ==, 202);
}

/* Exactly one message arrived: the reset's, from MAIL_FROM to the demo user, whose temporary
 * password signs in. */
static void
assert_one_reset_arrived (Relay  *relay,
                          Server *s)
{
  g_autoptr(GPtrArray) messages = relay_messages (relay);
  g_autofree char *mail = NULL;
  g_autofree char *envelope = NULL;
  g_autofree char *envelope_path = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *json = NULL;
  g_autoptr(Response) signed_in = NULL;

  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_true (g_file_get_contents (messages->pdata[0], &mail, NULL, NULL));
  assert_mail_headers (mail, DEMO_EMAIL);
  g_assert_nonnull (strstr (mail, " <" MAIL_FROM ">\r\n"));
  envelope_path = g_strdup_printf ("%.*s.envelope",
                                   (int) (strlen (messages->pdata[0]) - strlen (".eml")),
                                   (const char *) messages->pdata[0]);
  g_assert_true (g_file_get_contents (envelope_path, &envelope, NULL, NULL));
  g_assert_cmpstr (envelope, ==, MAIL_FROM "\n" DEMO_EMAIL "\n");

  temp = temporary_password (mail);
  json = g_strdup_printf ("{\"login\": \"" DEMO_LOGIN "\", \"password\": \"%s\"}", temp);
  signed_in = request (s, "POST", "/api/v1/session", NULL, json);
  g_assert_cmpuint (signed_in->status, ==, 200);
}

/* ---- tests ---- */

static void
test_reset_through_smtp (void)
{
  g_autoptr(Relay) relay = relay_new ();
  g_autofree char *url = g_strdup_printf ("smtp://cabinet@127.0.0.1:%u", relay->port);
  Server *s;

  relay_start (relay, (const char *[]) { "--auth", "cabinet:s3cret relay pass", NULL });
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("test-server-XXXXXX", &error);
    g_autofree char *file = g_build_filename (dir, "smtp-password", NULL);
    const char *args[] = { "--smtp", url, "--smtp-password-file", file,
                           "--mail-from", MAIL_FROM, NULL };

    g_assert_no_error (error);
    g_assert_true (g_file_set_contents (file, "s3cret relay pass\n", -1, NULL));
    s = server_start_args (dir, args, NULL);
  }
  ask_for_reset (s);
  wait_for_sent (s);
  assert_one_reset_arrived (relay, s);
  server_stop (s);
}

static void
test_wrong_relay_password_waits (void)
{
  g_autoptr(Relay) relay = relay_new ();
  g_autofree char *url = g_strdup_printf ("smtp://cabinet@127.0.0.1:%u", relay->port);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-server-XXXXXX", &error);
  g_autofree char *file = g_build_filename (dir, "smtp-password", NULL);
  const char *args[] = { "--smtp", url, "--smtp-password-file", file,
                         "--mail-from", MAIL_FROM, NULL };
  g_autoptr(GPtrArray) messages = NULL;
  Server *s;

  g_assert_no_error (error);
  relay_start (relay, (const char *[]) { "--auth", "cabinet:right", NULL });
  g_assert_true (g_file_set_contents (file, "wrong", -1, NULL));
  s = server_start_args (dir, args, quick_env);
  ask_for_reset (s);
  wait_for_attempts (s, 2);
  messages = relay_messages (relay);
  g_assert_cmpuint (messages->len, ==, 0);
  server_stop (s);
}

static void
test_relay_down_then_back (void)
{
  g_autoptr(Relay) relay = relay_new ();
  Server *s = start_with_relay (NULL, relay, quick_env);
  g_autoptr(GPtrArray) before = NULL;

  ask_for_reset (s);
  /* Refused twice: the mail waits. */
  wait_for_attempts (s, 2);
  before = relay_messages (relay);
  g_assert_cmpuint (before->len, ==, 0);

  relay_start (relay, NULL);
  wait_for_sent (s);
  assert_one_reset_arrived (relay, s);
  server_stop (s);
}

static void
test_relay_refuses_then_accepts (void)
{
  g_autoptr(Relay) relay = relay_new ();
  g_autofree char *refuse = g_build_filename (relay->dir, "refuse", NULL);
  Server *s;
  g_autoptr(GPtrArray) before = NULL;

  g_assert_true (g_file_set_contents (refuse, "", 0, NULL));
  relay_start (relay, (const char *[]) { "--refuse-while", refuse, NULL });
  s = start_with_relay (NULL, relay, quick_env);
  ask_for_reset (s);
  wait_for_attempts (s, 2);
  before = relay_messages (relay);
  g_assert_cmpuint (before->len, ==, 0);

  g_unlink (refuse);
  wait_for_sent (s);
  assert_one_reset_arrived (relay, s);
  server_stop (s);
}

static void
test_killed_after_queuing (void)
{
  g_autoptr(Relay) relay = relay_new ();
  Server *s = start_with_relay (NULL, relay, quick_env);
  g_autofree char *dir = g_strdup (s->dir);

  ask_for_reset (s);
  wait_for_attempts (s, 1);
  server_kill_keep (s);

  relay_start (relay, NULL);
  s = start_with_relay (dir, relay, quick_env);
  wait_for_sent (s);
  assert_one_reset_arrived (relay, s);
  server_stop (s);
}

static void
test_killed_mid_send (void)
{
  g_autoptr(Relay) relay = relay_new ();
  g_autofree char *stalled = g_build_filename (relay->dir, "stalled", NULL);
  /* The lease after which a message whose sender died is sent again. */
  const char *env[] = { "CAB_SERVER_MAIL_LEASE", "2", NULL };
  Server *s;
  g_autofree char *dir = NULL;

  relay_start (relay, (const char *[]) { "--stall-first", NULL });
  s = start_with_relay (NULL, relay, env);
  dir = g_strdup (s->dir);
  ask_for_reset (s);
  /* The relay has the message's data and never answers: the server dies meanwhile. */
  wait_for_file (stalled);
  server_kill_keep (s);

  s = start_with_relay (dir, relay, env);
  wait_for_sent (s);
  assert_one_reset_arrived (relay, s);
  server_stop (s);
}

/* A relay that is not on loopback must offer STARTTLS: the server greets this one (which has
 * no TLS) and sends nothing. ::ffff:127.0.0.1 reaches the test's relay, but is not a loopback
 * address as the server reads it, so it stands for a relay elsewhere. */
static void
test_starttls_required_off_loopback (void)
{
  g_autoptr(Relay) relay = relay_new ();
  g_autofree char *greeted = g_build_filename (relay->dir, "greeted", NULL);
  g_autofree char *url = g_strdup_printf ("smtp://[::ffff:127.0.0.1]:%u", relay->port);
  const char *args[] = { "--smtp", url, "--mail-from", MAIL_FROM, NULL };
  g_autoptr(GInetAddress) mapped = g_inet_address_new_from_string ("::ffff:127.0.0.1");
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (mapped, relay->port);
  g_autoptr(GSocket) probe = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  Server *s;

  relay_start (relay, NULL);
  probe = g_socket_new (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  if (probe == NULL || !g_socket_connect (probe, address, NULL, NULL))
    {
      g_test_skip ("no IPv6 here to reach the relay as ::ffff:127.0.0.1");
      return;
    }
  g_socket_close (probe, NULL);
  /* The probe said no EHLO; only the server's attempts count. */
  g_unlink (greeted);

  s = server_start_args (NULL, args, quick_env);
  ask_for_reset (s);
  wait_for_attempts (s, 2);
  g_assert_true (g_file_test (greeted, G_FILE_TEST_EXISTS));
  messages = relay_messages (relay);
  g_assert_cmpuint (messages->len, ==, 0);
  server_stop (s);
}

/* smtps:// is TLS from the first byte: a relay without TLS gets nothing. */
static void
test_smtps_needs_tls (void)
{
  g_autoptr(Relay) relay = relay_new ();
  g_autofree char *url = g_strdup_printf ("smtps://127.0.0.1:%u", relay->port);
  const char *args[] = { "--smtp", url, "--mail-from", MAIL_FROM, NULL };
  g_autoptr(GPtrArray) messages = NULL;
  Server *s;

  relay_start (relay, NULL);
  s = server_start_args (NULL, args, quick_env);
  ask_for_reset (s);
  wait_for_attempts (s, 2);
  messages = relay_messages (relay);
  g_assert_cmpuint (messages->len, ==, 0);
  server_stop (s);
}

/* Bad mail options: exit status 2, one line saying why, and no server. */
static void
test_bad_options (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-server-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "cabinet.db", NULL);
  g_autofree char *file = g_build_filename (dir, "password", NULL);
  const char *cases[][8] = {
    { "--smtp", "smtp://user:secret@127.0.0.1:25", "--mail-from", MAIL_FROM, NULL },
    { "--smtp", "http://127.0.0.1:25", "--mail-from", MAIL_FROM, NULL },
    { "--smtp", "smtp://127.0.0.1:25/x?y", "--mail-from", MAIL_FROM, NULL },
    { "--smtp", "smtp://127.0.0.1:25", NULL },
    { "--smtp", "smtp://127.0.0.1:25", "--mail-from", "not an address", NULL },
    { "--smtp", "smtp://u@127.0.0.1:25", "--mail-from", MAIL_FROM, NULL },
    { "--smtp", "smtp://127.0.0.1:25", "--smtp-password-file", file, "--mail-from", MAIL_FROM,
      NULL },
    { "--smtp", "smtp://u@127.0.0.1:25", "--smtp-password-file", "/nonexistent/x",
      "--mail-from", MAIL_FROM, NULL },
    { "--smtp-user", "u", NULL },
    { "--smtp", "smtp://127.0.0.1:25", "--mail-from", MAIL_FROM, "--mail-dir", dir, NULL },
  };

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (file, "pw\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GSubprocess) process = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_ptr_array_add (argv, (char *) server_test_binary ());
      g_ptr_array_add (argv, (char *) "--listen");
      g_ptr_array_add (argv, (char *) "127.0.0.1:0");
      g_ptr_array_add (argv, (char *) "--db");
      g_ptr_array_add (argv, db);
      for (guint j = 0; cases[i][j] != NULL; j++)
        g_ptr_array_add (argv, (char *) cases[i][j]);
      g_ptr_array_add (argv, NULL);
      process = spawn ((const char * const *) argv->pdata, NULL,
                       G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "tek-cabinet-server: "));
      /* Never the password. */
      g_assert_null (strstr (err, "secret"));
    }
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!server_test_init (argc, argv))
    return 1;

  g_test_add_func ("/server/mail/reset-through-smtp", test_reset_through_smtp);
  g_test_add_func ("/server/mail/wrong-relay-password-waits", test_wrong_relay_password_waits);
  g_test_add_func ("/server/mail/relay-down-then-back", test_relay_down_then_back);
  g_test_add_func ("/server/mail/relay-refuses-then-accepts", test_relay_refuses_then_accepts);
  g_test_add_func ("/server/mail/killed-after-queuing", test_killed_after_queuing);
  g_test_add_func ("/server/mail/killed-mid-send", test_killed_mid_send);
  g_test_add_func ("/server/mail/starttls-required-off-loopback",
                   test_starttls_required_off_loopback);
  g_test_add_func ("/server/mail/smtps-needs-tls", test_smtps_needs_tls);
  g_test_add_func ("/server/mail/bad-options", test_bad_options);
  return g_test_run ();
}
