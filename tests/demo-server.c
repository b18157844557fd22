/* demo-server.c: the real tek-cabinet-server --demo that the client tests talk to; see
 * demo-server.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "demo-server.h"

/* The server dies with the test; if the test died before this ran, at once. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () != (pid_t) GPOINTER_TO_INT (user_data))
    _exit (1);
}

GSubprocess *
demo_server_spawn (const char  *binary,
                   const char  *db,
                   const char  *listen,
                   const char  *mail_dir,
                   char       **out_url)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  GSubprocess *server;

  g_assert_nonnull (binary);
  g_subprocess_launcher_setenv (launcher, "CAB_SERVER_NO_PRERENDER", "1", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent,
                                         GINT_TO_POINTER ((int) getpid ()), NULL);
  if (mail_dir != NULL)
    server = g_subprocess_launcher_spawn (launcher, &error, binary, "--demo", "--db", db,
                                          "--listen", listen, "--mail-dir", mail_dir, NULL);
  else
    server = g_subprocess_launcher_spawn (launcher, &error, binary, "--demo", "--db", db,
                                          "--listen", listen, NULL);
  g_assert_no_error (error);

  /* The first line says where it listens; the server is ready once it is written. */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on "));
  if (out_url != NULL)
    *out_url = g_strdup (line + strlen ("Listening on "));
  return server;
}

void
demo_server_stop (GSubprocess *server)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, &error);
  g_assert_no_error (error);
}
