/* smtp-relay.c: a real SMTP relay for the server's mail (smtp-sink.py, Debian's
 * python3-aiosmtpd) on a socket the test binds and keeps (smtp-relay.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "smtp-relay.h"

Relay *
relay_new (void)
{
  Relay *relay = g_new0 (Relay, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  relay->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (relay->socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (relay->socket, &error);
  g_assert_no_error (error);
  relay->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  relay->dir = g_dir_make_tmp ("test-smtp-XXXXXX", &error);
  g_assert_no_error (error);
  return relay;
}

static void
die_with_test (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

void
relay_start (Relay              *relay,
             const char * const *options)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "server", "smtp-sink.py", NULL);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  g_assert_null (relay->sink);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  g_subprocess_launcher_take_fd (launcher, dup (g_socket_get_fd (relay->socket)), 3);
  /* Debian's python, which has python3-aiosmtpd (not one a PATH may put first). */
  g_ptr_array_add (argv, (char *) "/usr/bin/python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, relay->dir);
  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) options[i]);
  g_ptr_array_add (argv, NULL);
  relay->sink = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                              &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (relay->sink));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");
}

void
relay_free (Relay *relay)
{
  if (relay->sink != NULL)
    {
      g_subprocess_send_signal (relay->sink, SIGKILL);
      g_subprocess_wait (relay->sink, NULL, NULL);
      g_clear_object (&relay->sink);
    }
  g_socket_close (relay->socket, NULL);
  g_clear_object (&relay->socket);
  remove_tree (relay->dir);
  g_free (relay->dir);
  g_free (relay);
}

char *
relay_url (Relay *relay)
{
  return g_strdup_printf ("smtp://127.0.0.1:%u", relay->port);
}

GPtrArray *
relay_messages (Relay *relay)
{
  g_autoptr(GDir) dir = g_dir_open (relay->dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".eml"))
      g_ptr_array_add (names, g_build_filename (relay->dir, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}
