/* profile-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "cab-credentials.h"
#include "cab-session-services.h"
#include "demo-server.h"
#include "profile-test-utils.h"

static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* A server that ends while a test still uses it shows up as "unreachable" somewhere far
 * from the cause: say so, with how it ended, where it happens. */
static void
on_server_ended (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GSubprocess *process = G_SUBPROCESS (object);
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_finish (process, result, &error))
    return;
  if (g_subprocess_get_if_signaled (process))
    g_error ("The demo server ended by itself, on signal %d",
             g_subprocess_get_term_sig (process));
  else
    g_error ("The demo server ended by itself, with status %d",
             g_subprocess_get_exit_status (process));
}

static void
spawn (TestServer *server)
{
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", server->port);
  g_autofree char *mail = g_build_filename (server->dir, "mail", NULL);
  const char *binary = g_getenv ("CAB_TEST_SERVER");

  g_clear_pointer (&server->url, g_free);
  server->process = demo_server_spawn (binary != NULL ? binary : CAB_TEST_SERVER_PATH,
                                       server->db, listen, mail, &server->url);
  server->watch = g_cancellable_new ();
  g_subprocess_wait_async (server->process, server->watch, on_server_ended, NULL);
}

TestServer *
test_server_start (guint16 port)
{
  TestServer *server = g_new0 (TestServer, 1);
  g_autoptr(GError) error = NULL;

  server->dir = g_dir_make_tmp ("profile-server-XXXXXX", &error);
  g_assert_no_error (error);
  server->db = g_build_filename (server->dir, "cabinet.db", NULL);
  server->port = port != 0 ? port : free_port ();
  spawn (server);

  return server;
}

void
test_server_stop (TestServer *server)
{
  if (server->process == NULL)
    return;

  g_cancellable_cancel (server->watch);
  g_clear_object (&server->watch);
  demo_server_stop (server->process);
  g_clear_object (&server->process);
}

void
test_server_restart (TestServer *server)
{
  test_server_stop (server);
  spawn (server);
}

void
test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          test_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

char *
test_init (int          *argc,
           char       ***argv,
           const char   *locale,
           const char   *name,
           gboolean      widgets)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (name, "-XXXXXX", NULL);
  char *data_dir;

  g_setenv ("LC_ALL", locale, TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  data_dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  /* The offline store (and what else the user keeps) lives here; set before GLib reads it.
   * Not XDG_CACHE_HOME: GLib's runtime directory falls back to it, and the display's
   * accessibility bus would be left pointing into this folder once it is removed. */
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  if (widgets)
    {
#if defined(__SANITIZE_ADDRESS__)
      /* Mesa's GL driver leaks a buffer and is unloaded before LeakSanitizer looks, so it
       * cannot be suppressed by name: draw with cairo under the sanitizers. */
      g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
#endif
      gtk_test_init (argc, argv, NULL);
      adw_init ();
    }
  else
    {
      g_test_init (argc, argv, NULL);
    }
  setlocale (LC_ALL, "");

  return data_dir;
}

void
test_server_free (TestServer *server)
{
  test_server_stop (server);
  test_rm_rf (server->dir);
  g_free (server->dir);
  g_free (server->db);
  g_free (server->url);
  g_free (server);
}

void
test_wait_for_flag (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!*flag)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  test_wait_for_flag (&done);
}

void
test_wait_until (TestCondition  condition,
                 gpointer       data,
                 const char    *what)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  /* Polls: some conditions change with no source of their own to wake the loop. */
  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

void
test_store_result (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

gboolean
test_have_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

void
test_wait_for_property (gpointer    object,
                        const char *property,
                        gboolean    value)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  for (;;)
    {
      gboolean current = FALSE;

      g_object_get (object, property, &current, NULL);
      if (current == value)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      /* Also wakes up for timers and I/O; a short timeout keeps the check going. */
      test_spin (10);
    }
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  gpointer  value;
  GError   *error;
} Wait;

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = cab_api_client_sign_in_finish (CAB_API_CLIENT (object), result, NULL, &w->error);
  w->done = TRUE;
}

static void
get_me_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *w = user_data;

  w->value = cab_api_client_get_me_finish (CAB_API_CLIENT (object), result, &w->error);
  w->done = TRUE;
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  w->value = cab_api_client_list_feedback_finish (CAB_API_CLIENT (object), result, &w->error);
  w->done = TRUE;
}

CabApiClient *
test_sign_in_api (const char  *url,
                  const char  *login,
                  const char  *password,
                  GError     **error)
{
  g_autoptr(CabApiClient) api = cab_api_client_new (url, error);
  Wait w = { 0 };

  if (api == NULL)
    return NULL;

  cab_api_client_sign_in_async (api, login, password, NULL, sign_in_cb, &w);
  test_wait_for_flag (&w.done);
  if (!w.ok)
    {
      g_propagate_error (error, w.error);
      return NULL;
    }

  return g_steal_pointer (&api);
}

CabSession *
test_sign_in_full (const char                      *url,
                   const char                      *login,
                   const char                      *password,
                   const CabSessionServicesOptions *options,
                   GError                         **error)
{
  TestSessionSetup setup = { .services = options };

  return test_sign_in_setup (url, login, password, &setup, error);
}

CabSession *
test_sign_in (const char  *url,
              const char  *login,
              const char  *password,
              GError     **error)
{
  return test_sign_in_setup (url, login, password, NULL, error);
}

CabSession *
test_sign_in_setup (const char             *url,
                    const char             *login,
                    const char             *password,
                    const TestSessionSetup *setup,
                    GError                **error)
{
  g_autoptr(CabApiClient) api = test_sign_in_api (url, login, password, error);
  g_autoptr(CabMe) me = NULL;
  CabSession *session;

  if (api == NULL)
    return NULL;

  me = test_get_me (api);
  session = cab_session_new (api, login);
  if (setup != NULL && setup->server_id != NULL)
    cab_session_set_server_id (session, setup->server_id);
  if (setup != NULL && setup->today != NULL)
    cab_session_set_today (session, setup->today);
  cab_session_set_me (session, me);
  if (setup != NULL && setup->account != NULL)
    cab_session_set_account (session, setup->account);
  /* As the window does at sign-in: the outbox, the notifier and the offline store. */
  cab_session_services_start_full (session, NULL, setup != NULL ? setup->services : NULL);

  return session;
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = cab_api_client_sign_out_finish (CAB_API_CLIENT (object), result, &w->error);
  w->done = TRUE;
}

void
test_sign_out (CabApiClient *api)
{
  Wait w = { 0 };

  cab_api_client_sign_out_async (api, NULL, sign_out_cb, &w);
  test_wait_for_flag (&w.done);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
}

CabMe *
test_get_me (CabApiClient *api)
{
  Wait w = { 0 };

  cab_api_client_get_me_async (api, NULL, get_me_cb, &w);
  test_wait_for_flag (&w.done);
  g_assert_no_error (w.error);

  return w.value;
}

static void
update_profile_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CabMe **me = user_data;
  g_autoptr(GError) error = NULL;

  *me = cab_api_client_update_profile_finish (CAB_API_CLIENT (object), result, &error);
  g_assert_no_error (error);
}

void
test_change_login (CabSession *session,
                   const char *login)
{
  g_autoptr(CabMe) me = NULL;

  cab_api_client_update_profile_async (cab_session_get_api (session), "demo-password",
                                       login, NULL, "demo@example.org", NULL, FALSE,
                                       NULL, update_profile_cb, &me);
  while (me == NULL)
    g_main_context_iteration (NULL, TRUE);
  cab_session_set_me (session, me);
}

GPtrArray *
test_list_feedback (CabApiClient *api)
{
  Wait w = { 0 };

  cab_api_client_list_feedback_async (api, NULL, list_cb, &w);
  test_wait_for_flag (&w.done);
  g_assert_no_error (w.error);

  return w.value;
}

typedef struct
{
  gboolean  done;
  char     *password;
  GError   *error;
} Lookup;

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Lookup *l = user_data;

  l->password = cab_credentials_lookup_finish (CAB_CREDENTIALS (object), result, &l->error);
  l->done = TRUE;
}

char *
test_keyring_lookup (CabSession  *session,
                     const char  *login,
                     GError     **error)
{
  Lookup l = { 0 };

  cab_credentials_lookup_async (cab_credentials_get_default (),
                                cab_session_get_server_id (session), login, NULL,
                                lookup_cb, &l);
  test_wait_for_flag (&l.done);
  if (l.error != NULL)
    g_propagate_error (error, l.error);
  return l.password;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cab_credentials_store_finish (CAB_CREDENTIALS (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

void
test_keyring_store (CabSession *session,
                    const char *login,
                    const char *password)
{
  gboolean stored = FALSE;

  cab_credentials_store_async (cab_credentials_get_default (),
                               cab_session_get_server_id (session), login, password, NULL,
                               store_cb, &stored);
  test_wait_for_flag (&stored);
}

gpointer
test_child (gpointer    widget,
            GType       type,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

void
test_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("CAB_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  /* Let layout and the first frames happen. */
  test_spin (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_mkdir_with_parents (dir, 0755);
  gdk_texture_save_to_png (texture, path);
}
