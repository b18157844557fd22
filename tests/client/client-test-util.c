/* client-test-util.c: the real server on port 0 and main-loop helpers for the client tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <unistd.h>

#include "client-test-util.h"
#include "demo-server.h"

/* A deadline, not a pace: generous so that a loaded machine does not fail a test. */
#define WAIT_SECONDS 60

TestServer *
test_server_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  TestServer *server = g_new0 (TestServer, 1);

  server->dir = g_dir_make_tmp ("cab-client-test-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (server->dir, "cabinet.db", NULL);
  server->mail_dir = g_build_filename (server->dir, "mail", NULL);
  server->process = demo_server_spawn (g_getenv ("TEK_CABINET_SERVER"), db, "127.0.0.1:0",
                                       server->mail_dir, &server->url);
  return server;
}

void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          test_remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

void
test_server_stop (TestServer *server)
{
  if (server == NULL)
    return;

  if (server->process != NULL)
    demo_server_stop (server->process);
  g_clear_object (&server->process);
  test_remove_tree (server->dir);
  g_free (server->dir);
  g_free (server->mail_dir);
  g_free (server->url);
  g_free (server);
}

static char *
read_temporary_password_once (TestServer *server)
{
  g_autoptr(GDir) dir = g_dir_open (server->mail_dir, 0, NULL);
  g_autofree char *newest = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  const char *name;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".eml") && (newest == NULL || strcmp (name, newest) > 0))
      {
        g_free (newest);
        newest = g_strdup (name);
      }
  if (newest == NULL)
    return NULL;

  {
    g_autofree char *path = g_build_filename (server->mail_dir, newest, NULL);

    if (!g_file_get_contents (path, &contents, NULL, NULL))
      return NULL;
  }

  /* the password is the body's only line indented by four spaces */
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (g_str_has_prefix (lines[i], "    ") && lines[i][4] != ' ' && lines[i][4] != '\0')
        return g_strdup (lines[i] + 4);
    }

  return NULL;
}

char *
test_server_read_temporary_password (TestServer *server)
{
  /* the server may write the mail a moment after it answered */
  for (guint i = 0; i < 50; i++)
    {
      char *password = read_temporary_password_once (server);

      if (password != NULL)
        return password;
      g_usleep (G_USEC_PER_SEC / 10);
    }

  return NULL;
}

static gboolean
on_wait_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

void
test_wait_for (gboolean *flag)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, on_wait_timeout, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);

  g_assert_false (timed_out);
}

static gboolean
on_tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
test_wait_until (gboolean (*predicate) (gpointer data),
                 gpointer   data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, on_wait_timeout, &timed_out);
  /* wake up now and then: some state changes without a source of its own */
  guint tick = g_timeout_add (20, on_tick, NULL);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (!timed_out)
    g_source_remove (id);

  g_assert_false (timed_out);
}

char *
test_dead_url (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_listener_close (listener);

  return g_strdup_printf ("http://127.0.0.1:%u/", port);
}
