/* main.c: tek-cabinet-server, the cabinet's HTTP/JSON API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cab-demo-data.h"
#include "cab-mail-options.h"
#include "cab-mail-queue.h"
#include "cab-mail-worker.h"
#include "cab-password.h"
#include "cab-routes.h"
#include "cab-server.h"
#include "cab-sqlite-store.h"

#define EXIT_USAGE 2

static char *opt_db;
static char *opt_listen;
static gboolean opt_demo;
static CabMailOptions mail_options;
static char *opt_tls_cert;
static char *opt_tls_key;
static gint64 opt_token_ttl = CAB_DEFAULT_TOKEN_TTL;
static gint64 opt_request_timeout = CAB_DEFAULT_REQUEST_TIMEOUT;
static gint64 opt_idle_timeout = CAB_DEFAULT_IDLE_TIMEOUT;
static gint64 opt_max_connections = CAB_DEFAULT_MAX_CONNECTIONS;
static gint64 opt_max_per_address = CAB_DEFAULT_MAX_CONNECTIONS_PER_PEER;
static gboolean opt_behind_proxy;
static gint64 opt_session_max_age = CAB_DEFAULT_SESSION_MAX_AGE;
static gint opt_db_connections = -1; /* -1: twice the cores */
static gboolean opt_version;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db,
    "The SQLite database (created if missing), or a PostgreSQL one: postgresql://... or a"
    " libpq key=value string", "PATH|URI" },
  { "listen", 0, 0, G_OPTION_ARG_STRING, &opt_listen,
    "Address to listen on (default 127.0.0.1:8080; port 0 picks a free one)", "HOST:PORT" },
  { "demo", 0, 0, G_OPTION_ARG_NONE, &opt_demo,
    "Seed the demo data into an empty database (without --db: a temporary one)", NULL },
  { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_cert, "TLS certificate (PEM)", "FILE" },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_key, "TLS private key (PEM)", "FILE" },
  { "token-ttl", 0, 0, G_OPTION_ARG_INT64, &opt_token_ttl,
    "Seconds a session token lives after its last use (default 43200)", "SECONDS" },
  { "request-timeout", 0, 0, G_OPTION_ARG_INT64, &opt_request_timeout,
    "Seconds a client has to send a request's head and body, and to take the answer (default 30)",
    "SECONDS" },
  { "idle-timeout", 0, 0, G_OPTION_ARG_INT64, &opt_idle_timeout,
    "Seconds a kept-alive connection may wait for its next request (default 60)", "SECONDS" },
  { "max-connections", 0, 0, G_OPTION_ARG_INT64, &opt_max_connections,
    "Connections open at once, in all (default 4096, at most the descriptor limit less 64)", "N" },
  { "max-connections-per-address", 0, 0, G_OPTION_ARG_INT64, &opt_max_per_address,
    "Connections open at once from one address other than loopback (default 256)", "N" },
  { "behind-proxy", 0, 0, G_OPTION_ARG_NONE, &opt_behind_proxy,
    "TLS ends at a reverse proxy on this host: allow plain HTTP on any address, and take the "
    "client address of loopback requests from the last X-Forwarded-For entry", NULL },
  { "session-max-age", 0, 0, G_OPTION_ARG_INT64, &opt_session_max_age,
    "Seconds a session lives after its sign-in, however active (default 2592000)", "SECONDS" },
  { "db-connections", 0, 0, G_OPTION_ARG_INT, &opt_db_connections,
    "PostgreSQL: at most this many reader connections, besides the main one and the mail "
    "worker's (default twice the cores, at most 32)",
    "N" },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, "Print the version and exit", NULL },
  { NULL }
};

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* One line: a newline inside a message would make it two. */
  g_strdelimit (message, "\r\n", ' ');
  fprintf (stderr, "tek-cabinet-server: %s\n", message);
  return EXIT_USAGE;
}

static gboolean
parse_listen (const char  *text,
              char       **out_host,
              guint       *out_port)
{
  const char *colon = strrchr (text, ':');
  g_autofree char *host = NULL;
  guint64 port;
  char *end = NULL;

  if (colon == NULL || colon == text || colon[1] == '\0')
    return FALSE;
  host = g_strndup (text, colon - text);
  if (host[0] == '[')
    {
      gsize len = strlen (host);

      if (len < 3 || host[len - 1] != ']')
        return FALSE;
      host[len - 1] = '\0';
      memmove (host, host + 1, len - 1);
    }
  port = g_ascii_strtoull (colon + 1, &end, 10);
  if (end == NULL || *end != '\0' || port > 65535 || !g_ascii_isdigit (colon[1]))
    return FALSE;
  *out_host = g_steal_pointer (&host);
  *out_port = (guint) port;
  return TRUE;
}

/* Connections are descriptors: take all the process may have. Returns the soft limit. */
static rlim_t
raise_descriptor_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0)
    return 1024;
  if (limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
      getrlimit (RLIMIT_NOFILE, &limit);
    }
  return limit.rlim_cur;
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_strcmp0 (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
quit_on_signal (gpointer user_data)
{
  CabServer *server = g_object_get_data (G_OBJECT (user_data), "server");
  GMainLoop *loop = user_data == NULL ? NULL : g_object_get_data (G_OBJECT (user_data), "loop");

  if (server != NULL)
    cab_server_shutdown (server, quit_loop, loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
wake_mail_worker (gpointer worker)
{
  cab_mail_worker_wake (worker);
  return G_SOURCE_REMOVE;
}

/* Mail is queued inside a transaction that a route commits before it returns to the main
 * loop: an idle callback wakes the worker once the mail can be seen. */
static void
mail_queued (gpointer worker,
             gpointer unused)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, wake_mail_worker, g_object_ref (worker), g_object_unref);
}

/* Each worker thread reads through a connection of its own. */
static CabStore *
open_reader (gpointer   spec,
             GError   **error)
{
  return cab_store_open_reader (spec, error);
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  return g_rmdir (path) == 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CabStore) store = NULL;
  g_autoptr(CabMailer) mailer = NULL;
  g_autoptr(CabSmtpSender) smtp = NULL;
  g_autoptr(CabMailWorker) mail_worker = NULL;
  g_autoptr(CabStore) mail_store = NULL;
  g_autoptr(CabServer) server = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GObject) holder = NULL;
  g_autofree char *host = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *temp_dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *mail_dir = NULL;
  guint port = 8080;
  CabConnectionLimits limits;
  rlim_t descriptors;

  setlocale (LC_ALL, "");
  /* A peer or a pipe that goes away while we write (a client, the SMTP relay, whoever reads
   * our standard output) is an error to handle, never a reason for the server to die. */
  signal (SIGPIPE, SIG_IGN);
  /* TLS 1.2 at least, forward-secret key exchange only. glib-networking 2.74 reads this once,
   * when its first TLS connection class is made, so it is set before GIO loads the backend. */
  g_setenv ("G_TLS_GNUTLS_PRIORITY", CAB_TLS_PRIORITY, TRUE);
  descriptors = raise_descriptor_limit ();

  context = g_option_context_new ("- the TEK Cabinet HTTP/JSON API server");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, cab_mail_options_entries (&mail_options), NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s (see --help)", error->message);
  if (opt_version)
    {
      printf ("tek-cabinet-server %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (argc > 1)
    return usage_error ("unexpected argument “%s” (see --help)", argv[1]);
  if (opt_listen != NULL && !parse_listen (opt_listen, &host, &port))
    return usage_error ("--listen wants HOST:PORT, not “%s”", opt_listen);
  if (host == NULL)
    host = g_strdup ("127.0.0.1");
  if (opt_token_ttl <= 0)
    return usage_error ("--token-ttl wants a positive number of seconds");
  if (opt_request_timeout <= 0 || opt_request_timeout > G_MAXINT)
    return usage_error ("--request-timeout wants a positive number of seconds");
  if (opt_idle_timeout <= 0 || opt_idle_timeout > G_MAXINT)
    return usage_error ("--idle-timeout wants a positive number of seconds");
  if (opt_max_connections <= 0 || opt_max_connections > G_MAXINT)
    return usage_error ("--max-connections wants a positive number");
  if (opt_max_per_address <= 0 || opt_max_per_address > G_MAXINT)
    return usage_error ("--max-connections-per-address wants a positive number");
  if (opt_tls_cert == NULL && !opt_behind_proxy && !is_loopback_host (host))
    return usage_error ("refusing plain HTTP on %s, a non-loopback address: passwords and tokens "
                        "would cross the network in clear; give --tls-cert and --tls-key, or "
                        "--behind-proxy if a TLS reverse proxy on this host forwards to it",
                        host);
  if (opt_session_max_age <= 0)
    return usage_error ("--session-max-age wants a positive number of seconds");
  /* Bounded: the processors may be a big host's, not this instance's share of them. */
  if (opt_db_connections == -1)
    opt_db_connections = CLAMP (2 * (gint) g_get_num_processors (), 2, 32);
  if (opt_db_connections < 1 || opt_db_connections > 1000)
    return usage_error ("--db-connections wants a number from 1 to 1000");
  if ((opt_tls_cert == NULL) != (opt_tls_key == NULL))
    return usage_error ("--tls-cert and --tls-key go together");
  if (!cab_mail_options_check (&mail_options, &smtp, &error))
    return usage_error ("%s", error->message);
  if (opt_tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (opt_tls_cert, opt_tls_key, &error);
      if (certificate == NULL)
        return usage_error ("cannot load the TLS certificate: %s", error->message);
    }

  if (opt_db != NULL)
    db_path = g_strdup (opt_db);
  else if (opt_demo)
    {
      temp_dir = g_dir_make_tmp ("tek-cabinet-server-XXXXXX", &error);
      if (temp_dir == NULL)
        return usage_error ("cannot make a temporary folder: %s", error->message);
      db_path = g_build_filename (temp_dir, "cabinet.db", NULL);
    }
  else
    {
      g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "tek-cabinet-server", NULL);

      g_mkdir_with_parents (dir, 0700);
      db_path = g_build_filename (dir, "cabinet.db", NULL);
    }

  if (!cab_password_init (&error))
    return usage_error ("%s", error->message);

  store = cab_store_open (db_path, &error);
  if (store == NULL)
    {
      int status = usage_error ("%s", error->message);

      if (temp_dir != NULL)
        remove_tree (temp_dir);
      return status;
    }

  if (smtp == NULL)
    {
      /* A PostgreSQL URI has no folder to put mail beside. */
      if (mail_options.mail_dir == NULL && cab_store_spec_is_postgresql (db_path))
        mail_dir = g_build_filename (g_get_user_data_dir (), "tek-cabinet-server", "mail", NULL);
      else
        mail_dir = cab_mail_options_get_mail_dir (&mail_options, db_path);
      mailer = cab_mailer_new (mail_dir, &error);
      if (mailer == NULL)
        return usage_error ("%s", error->message);
    }
  /* The mail worker's thread has a connection of its own. */
  mail_store = cab_store_open_reader (db_path, &error);
  if (mail_store == NULL)
    return usage_error ("%s", error->message);

  server = cab_server_new (store, mailer, opt_token_ttl, cab_routes);
  limits.request_timeout = (guint) opt_request_timeout;
  limits.idle_timeout = (guint) opt_idle_timeout;
  /* Room for the database, the mail folder, the listener and the worker threads' stores. */
  limits.max_connections = (guint) MIN ((rlim_t) opt_max_connections,
                                        descriptors > 128 ? descriptors - 64 : 64);
  limits.max_per_peer = (guint) opt_max_per_address;
  cab_server_set_connection_limits (server, &limits);
  cab_server_set_behind_proxy (server, opt_behind_proxy);
  cab_server_set_session_max_age (server, opt_session_max_age);
  if (g_strcmp0 (g_getenv ("CAB_SERVER_NO_READERS"), "1") != 0)
    {
      cab_server_set_reader_factory (server, open_reader, db_path);
      /* A bounded pool: the database's connection limit is shared by every instance. And
       * its size is the number of worker threads: twice the cores keeps them busy while
       * each waits for its answers; more only made PostgreSQL and the workers take turns
       * on the cores (on 2 cores, 16 cost a balance about 20 % more CPU than 4). */
      if (cab_store_spec_is_postgresql (db_path))
        cab_server_set_max_readers (server, opt_db_connections);
    }
  if (opt_demo)
    {
      GDate today;
      gboolean empty = cab_store_is_empty (store, &error);

      if (error != NULL)
        return usage_error ("%s", error->message);
      /* Today as the server sees it (the test clock offset included). */
      cab_server_today (server, &today);
      if (empty && !cab_demo_data_seed (store, &today, &error))
        return usage_error ("cannot seed the demo data: %s", error->message);
    }

  uri = cab_server_listen (server, host, port, certificate, &error);
  if (uri == NULL)
    return usage_error ("cannot listen on %s:%u: %s", host, port, error->message);

  /* Handlers first: a signal right after the line must already end the server cleanly. */
  loop = g_main_loop_new (NULL, FALSE);
  holder = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data (holder, "server", server);
  g_object_set_data (holder, "loop", loop);
  g_unix_signal_add_full (G_PRIORITY_DEFAULT, SIGINT, quit_on_signal, g_object_ref (holder),
                          g_object_unref);
  g_unix_signal_add_full (G_PRIORITY_DEFAULT, SIGTERM, quit_on_signal, g_object_ref (holder),
                          g_object_unref);

  printf ("Listening on %s\n", uri);
  fflush (stdout);

  if (g_strcmp0 (g_getenv ("CAB_SERVER_NO_PRERENDER"), "1") != 0)
    cab_document_renderer_start_background (cab_server_get_renderer (server), 10000);
  /* The worker keeps the server's clock (tests move it with CAB_SERVER_CLOCK_OFFSET). */
  mail_worker = cab_mail_worker_new (mail_store, smtp, mailer, mail_options.mail_from,
                                     cab_server_now (server)
                                     - g_get_real_time () / G_USEC_PER_SEC);
  cab_mail_worker_start (mail_worker);
  cab_mail_queue_set_notify (mail_queued, mail_worker);

  g_main_loop_run (loop);

  /* On the way out already: a later SIGTERM (a supervisor repeating itself, the parent's
   * death signal after its own) must not cut the clean-up short and leave the demo's
   * temporary database behind. Ignored from here on; GLib's sources stay, since removing
   * them would put the default action back, and one still pending finds no server. */
  signal (SIGINT, SIG_IGN);
  signal (SIGTERM, SIG_IGN);
  g_object_set_data (holder, "server", NULL);
  cab_mail_queue_set_notify (NULL, NULL);
  cab_mail_worker_stop (mail_worker);
  g_clear_object (&mail_worker);
  if (CAB_IS_SQLITE_STORE (mail_store))
    cab_sqlite_store_close (CAB_SQLITE_STORE (mail_store));
  g_clear_object (&server);
  if (CAB_IS_SQLITE_STORE (store))
    cab_sqlite_store_close (CAB_SQLITE_STORE (store));
  g_clear_object (&store);
  if (temp_dir != NULL)
    remove_tree (temp_dir);
  g_free (opt_db);
  g_free (opt_listen);
  cab_mail_options_clear (&mail_options);
  g_free (opt_tls_cert);
  g_free (opt_tls_key);
  return EXIT_SUCCESS;
}
