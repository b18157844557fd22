/* main.c: tek-cabinet-server, the cabinet's HTTP/JSON API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cab-demo-data.h"
#include "cab-password.h"
#include "cab-server.h"
#include "cab-sqlite-store.h"

#define EXIT_USAGE 2

static char *opt_db;
static char *opt_listen;
static gboolean opt_demo;
static char *opt_mail_dir;
static char *opt_tls_cert;
static char *opt_tls_key;
static gint64 opt_token_ttl = CAB_DEFAULT_TOKEN_TTL;
static gint opt_db_connections = 16;
static gboolean opt_version;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db,
    "The SQLite database (created if missing), or a PostgreSQL one: postgresql://... or a"
    " libpq key=value string", "PATH|URI" },
  { "listen", 0, 0, G_OPTION_ARG_STRING, &opt_listen,
    "Address to listen on (default 127.0.0.1:8080; port 0 picks a free one)", "HOST:PORT" },
  { "demo", 0, 0, G_OPTION_ARG_NONE, &opt_demo,
    "Seed the demo data into an empty database (without --db: a temporary one)", NULL },
  { "mail-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_mail_dir,
    "Where outgoing mail is written as .eml files (default: mail/ beside an SQLite database)",
    "DIR" },
  { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_cert, "TLS certificate (PEM)", "FILE" },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_key, "TLS private key (PEM)", "FILE" },
  { "token-ttl", 0, 0, G_OPTION_ARG_INT64, &opt_token_ttl,
    "Seconds a session token lives after its last use (default 43200)", "SECONDS" },
  { "db-connections", 0, 0, G_OPTION_ARG_INT, &opt_db_connections,
    "PostgreSQL: at most this many reader connections, besides the main one (default 16)",
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

  cab_server_shutdown (server, quit_loop, loop);
  return G_SOURCE_CONTINUE;
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
  guint sigint_id, sigterm_id;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- the TEK Cabinet HTTP/JSON API server");
  g_option_context_add_main_entries (context, entries, NULL);
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
  if (opt_db_connections < 1 || opt_db_connections > 1000)
    return usage_error ("--db-connections wants a number from 1 to 1000");
  if ((opt_tls_cert == NULL) != (opt_tls_key == NULL))
    return usage_error ("--tls-cert and --tls-key go together");
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

  if (opt_mail_dir != NULL)
    mail_dir = g_strdup (opt_mail_dir);
  else if (cab_store_spec_is_postgresql (db_path))
    mail_dir = g_build_filename (g_get_user_data_dir (), "tek-cabinet-server", "mail", NULL);
  else
    {
      g_autofree char *db_dir = g_path_get_dirname (db_path);

      mail_dir = g_build_filename (db_dir, "mail", NULL);
    }
  mailer = cab_mailer_new (mail_dir, &error);
  if (mailer == NULL)
    return usage_error ("%s", error->message);

  server = cab_server_new (store, mailer, opt_token_ttl);
  if (g_strcmp0 (g_getenv ("CAB_SERVER_NO_READERS"), "1") != 0)
    {
      cab_server_set_reader_factory (server, open_reader, db_path);
      /* A bounded pool: the database's connection limit is shared by every instance. */
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
  sigint_id = g_unix_signal_add (SIGINT, quit_on_signal, holder);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_on_signal, holder);

  printf ("Listening on %s\n", uri);
  fflush (stdout);

  if (g_strcmp0 (g_getenv ("CAB_SERVER_NO_PRERENDER"), "1") != 0)
    cab_document_renderer_start_background (cab_server_get_renderer (server), 10000);


  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_clear_object (&server);
  if (CAB_IS_SQLITE_STORE (store))
    cab_sqlite_store_close (CAB_SQLITE_STORE (store));
  g_clear_object (&store);
  if (temp_dir != NULL)
    remove_tree (temp_dir);
  g_free (opt_db);
  g_free (opt_listen);
  g_free (opt_mail_dir);
  g_free (opt_tls_cert);
  g_free (opt_tls_key);
  return EXIT_SUCCESS;
}
