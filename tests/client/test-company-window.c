/* test-company-window.c: the window with several companies (issue 17), under Xvfb against
 * the real demo server: Add Company and its Cancel, each company keeping its page, the
 * show-company-page path, and Remove Company with its saved data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "cab-company-list.h"
#include "cab-session-services.h"
#include "cab-sign-in-page.h"
#include "cab-window.h"
#include "client-test-util.h"

#define CHILD(widget, type, name) \
  GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type, name))

static gboolean
view_is_main_with (gpointer data)
{
  gpointer *args = data;
  CabSession *session = cab_window_get_session (args[0]);

  return g_strcmp0 (cab_window_get_view (args[0]), "main") == 0
         && cab_window_get_page (args[0]) != NULL
         && session != NULL && g_strcmp0 (cab_session_get_login (session), args[1]) == 0;
}

static void
wait_company (CabWindow  *window,
              const char *login)
{
  gpointer args[] = { window, (gpointer) login };

  test_wait_until (view_is_main_with, args);
}

static gboolean
view_is_sign_in (gpointer data)
{
  return g_strcmp0 (cab_window_get_view (data), "sign-in") == 0;
}

static void
sign_in (CabWindow  *window,
         const char *login,
         const char *password)
{
  GtkWidget *page = CHILD (window, CAB_TYPE_WINDOW, "sign_in_page");

  gtk_editable_set_text (GTK_EDITABLE (CHILD (page, CAB_TYPE_SIGN_IN_PAGE, "login_entry")), login);
  gtk_editable_set_text (GTK_EDITABLE (CHILD (page, CAB_TYPE_SIGN_IN_PAGE, "password_entry")),
                         password);
  g_signal_emit_by_name (CHILD (page, CAB_TYPE_SIGN_IN_PAGE, "log_in_button"), "clicked");
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
folder_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_two_companies (void)
{
  TestServer *server = test_server_start ();
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APP_ID, backend);
  CabWindow *window = cab_window_new (NULL, settings);
  g_autoptr(CabCompanyList) list = NULL;
  g_autofree char *server_id = NULL;
  g_autofree char *dir = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *check;

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  cab_window_set_server (window, server->url, NULL, FALSE);
  test_wait_until (view_is_sign_in, window);
  g_assert_false (gtk_widget_get_visible (CHILD (window, CAB_TYPE_WINDOW, "auth_cancel_button")));

  sign_in (window, "1234567890", "demo-password");
  wait_company (window, "1234567890");
  server_id = g_strdup (cab_session_get_server_id (cab_window_get_session (window)));
  g_assert_true (cab_window_select_page (window, "account-state"));

  /* Add Company, then Cancel: back to the company as it was */
  gtk_widget_activate_action (GTK_WIDGET (window), "cab.add-company", NULL);
  test_wait_until (view_is_sign_in, window);
  g_assert_true (gtk_widget_get_visible (CHILD (window, CAB_TYPE_WINDOW, "auth_cancel_button")));
  gtk_widget_activate_action (GTK_WIDGET (window), "cab.cancel-add-company", NULL);
  wait_company (window, "1234567890");
  g_assert_cmpstr (cab_window_get_page (window), ==, "account-state");
  g_assert_cmpuint (cab_window_get_n_companies (window), ==, 1);

  /* the neighbour beside it */
  gtk_widget_activate_action (GTK_WIDGET (window), "cab.add-company", NULL);
  test_wait_until (view_is_sign_in, window);
  sign_in (window, "3456789012", "other-password");
  wait_company (window, "3456789012");
  g_assert_cmpuint (cab_window_get_n_companies (window), ==, 2);
  g_assert_cmpstr (cab_window_get_page (window), ==, "client-info");
  /* two sessions, two tokens: the first company is still signed in */
  g_assert_nonnull (cab_api_client_get_token (cab_session_get_api (cab_window_get_session (window))));

  /* switching keeps each company's page; the action's path names the company and page */
  g_assert_true (cab_window_show_company_page (window, server_id, "1234567890", NULL));
  g_assert_cmpstr (cab_session_get_login (cab_window_get_session (window)), ==, "1234567890");
  g_assert_cmpstr (cab_window_get_page (window), ==, "account-state");
  g_assert_nonnull (cab_api_client_get_token (cab_session_get_api (cab_window_get_session (window))));
  g_assert_true (cab_window_show_company_page (window, server_id, "3456789012", "profile"));
  g_assert_cmpstr (cab_window_get_page (window), ==, "profile");
  g_assert_false (cab_window_show_company_page (window, server_id, "2345678901", "profile"));
  g_assert_false (cab_window_show_company_page (window, "elsewhere", "3456789012", NULL));
  g_assert_cmpstr (cab_session_get_login (cab_window_get_session (window)), ==, "3456789012");

  /* the switcher's radio items act on "company" */
  {
    g_autofree char *key = g_strdup_printf ("%s\n%s", server_id, "1234567890");

    gtk_widget_activate_action (GTK_WIDGET (window), "cab.company", "s", key);
    g_assert_cmpstr (cab_session_get_login (cab_window_get_session (window)), ==, "1234567890");
    gtk_widget_activate_action (GTK_WIDGET (window), "cab.company", "s", "nobody");
    g_assert_cmpstr (cab_session_get_login (cab_window_get_session (window)), ==, "1234567890");
  }

  /* both remembered, without secrets */
  list = cab_company_list_new (NULL);
  g_assert_nonnull (cab_company_list_lookup (list, server_id, "1234567890"));
  g_assert_nonnull (cab_company_list_lookup (list, server_id, "3456789012"));
  g_assert_cmpstr (cab_company_list_lookup (list, server_id, "3456789012")->name, ==,
                   "АО «Василек»");
  g_clear_object (&list);

  /* Remove Company, asked to delete its saved data: its folder goes, the other stays */
  g_assert_true (cab_window_show_company_page (window, server_id, "3456789012", NULL));
  dir = cab_session_services_dup_user_dir (cab_window_get_session (window), "3456789012");
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  gtk_widget_activate_action (GTK_WIDGET (window), "cab.remove-company", NULL);
  test_wait_until (has_message_dialog, NULL);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  check = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  adw_message_dialog_response (dialog, "remove");

  wait_company (window, "1234567890");
  g_assert_cmpuint (cab_window_get_n_companies (window), ==, 1);
  g_assert_cmpstr (cab_window_get_page (window), ==, "account-state");
  test_wait_until (folder_gone, dir);
  list = cab_company_list_new (NULL);
  g_assert_null (cab_company_list_lookup (list, server_id, "3456789012"));
  g_assert_nonnull (cab_company_list_lookup (list, server_id, "1234567890"));

  /* the last one: Log Out leads to the sign-in page, no Cancel */
  gtk_widget_activate_action (GTK_WIDGET (window), "cab.log-out", NULL);
  test_wait_until (view_is_sign_in, window);
  g_assert_null (cab_window_get_session (window));
  g_assert_cmpuint (cab_window_get_n_companies (window), ==, 0);
  g_assert_false (gtk_widget_get_visible (CHILD (window, CAB_TYPE_WINDOW, "auth_cancel_button")));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  test_server_stop (server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("cab-company-window-XXXXXX", NULL);
  int ret;

  /* the offline stores and the list of companies go here, never into the user's own data */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* no Secret Service: nothing is stored in a keyring */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tek-cabinet-test-bus", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  if (g_getenv ("TEK_CABINET_SERVER") == NULL)
    g_setenv ("TEK_CABINET_SERVER", TEK_CABINET_SERVER_PATH, TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", GSCHEMA_DIR, TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  gtk_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  adw_init ();

  g_test_add_func ("/client/company-window/two-companies", test_two_companies);

  ret = g_test_run ();
  test_remove_tree (data_home);
  return ret;
}
