/* cab-demo-server.c: runs the bundled demo server as a child process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "cab-demo-server.h"

#define SERVER_BINARY "tek-cabinet-server"
#define LISTENING_PREFIX "Listening on "

struct _CabDemoServer
{
  GObject           parent_instance;

  GSubprocess      *process;
  GDataInputStream *output;
  GCancellable     *drain_cancellable;
};

G_DEFINE_FINAL_TYPE (CabDemoServer, cab_demo_server, G_TYPE_OBJECT)

CabDemoServer *
cab_demo_server_new (void)
{
  return g_object_new (CAB_TYPE_DEMO_SERVER, NULL);
}

char *
cab_demo_server_find_binary (void)
{
  const char *env = g_getenv ("TEK_CABINET_SERVER");
  g_autofree char *self_path = NULL;
  char *path;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self_path);

      path = g_build_filename (dir, "..", "server", SERVER_BINARY, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        return path;
      g_free (path);
    }

  path = g_build_filename (LIBEXECDIR, SERVER_BINARY, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    {
      /* installed beside the client in bindir, or anywhere on PATH */
      char *found = g_find_program_in_path (SERVER_BINARY);

      if (found != NULL)
        {
          g_free (path);
          return found;
        }
    }

  return path;
}

/* In the child, between fork and exec: die with the parent, even if it crashes. */
static void
child_setup (gpointer user_data)
{
  pid_t parent = (pid_t) GPOINTER_TO_INT (user_data);

  prctl (PR_SET_PDEATHSIG, SIGTERM);
  /* the parent may have died before prctl() */
  if (getppid () != parent)
    _exit (1);
}

static void
on_drain_line (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CabDemoServer) self = user_data;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                    NULL, NULL);
  if (line == NULL || self->output == NULL)
    return;

  /* keep the pipe empty so the server never blocks on a full pipe */
  g_debug ("demo server: %s", line);
  g_data_input_stream_read_line_async (self->output, G_PRIORITY_LOW, self->drain_cancellable,
                                       on_drain_line, g_object_ref (self));
}

static void
on_first_line (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CabDemoServer *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *url;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                    NULL, &error);
  if (line == NULL)
    {
      if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("The demo server stopped before it was ready."));
      cab_demo_server_stop (self);
      return;
    }

  g_strchomp (line);
  if (!g_str_has_prefix (line, LISTENING_PREFIX))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The demo server did not say where it listens."));
      cab_demo_server_stop (self);
      return;
    }

  url = line + strlen (LISTENING_PREFIX);
  g_data_input_stream_read_line_async (self->output, G_PRIORITY_LOW, self->drain_cancellable,
                                       on_drain_line, g_object_ref (self));
  g_task_return_pointer (task, g_strdup (url), g_free);
}

void
cab_demo_server_start_async (CabDemoServer       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *binary = NULL;

  g_return_if_fail (CAB_IS_DEMO_SERVER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_demo_server_start_async);

  if (self->process != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               "The demo server is already running");
      return;
    }

  binary = cab_demo_server_find_binary ();
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup,
                                         GINT_TO_POINTER ((int) getpid ()), NULL);
  self->process = g_subprocess_launcher_spawn (launcher, &error, binary,
                                               "--demo", "--listen", "127.0.0.1:0", NULL);
  if (self->process == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("Cannot start the demo server %s: %s"), binary, error->message);
      return;
    }

  self->output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  g_data_input_stream_read_line_async (self->output, G_PRIORITY_DEFAULT, cancellable,
                                       on_first_line, g_steal_pointer (&task));
}

char *
cab_demo_server_start_finish (CabDemoServer  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cab_demo_server_stop (CabDemoServer *self)
{
  g_return_if_fail (CAB_IS_DEMO_SERVER (self));

  g_cancellable_cancel (self->drain_cancellable);
  if (self->process != NULL)
    {
      g_subprocess_send_signal (self->process, SIGTERM);
      /* reaped by GLib's child watch; no need to wait here */
      g_subprocess_wait_async (self->process, NULL, NULL, NULL);
    }
  g_clear_object (&self->output);
  g_clear_object (&self->process);
}

static void
cab_demo_server_dispose (GObject *object)
{
  CabDemoServer *self = (CabDemoServer *)object;

  cab_demo_server_stop (self);
  g_clear_object (&self->drain_cancellable);

  G_OBJECT_CLASS (cab_demo_server_parent_class)->dispose (object);
}

static void
cab_demo_server_class_init (CabDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cab_demo_server_dispose;
}

static void
cab_demo_server_init (CabDemoServer *self)
{
  self->drain_cancellable = g_cancellable_new ();
}
