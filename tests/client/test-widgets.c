/* test-widgets.c: the window under Xvfb against the demo server: sign in, the error messages,
 * the live registration checks, registration, the forced password change, the contract
 * selector and the top strip, and that the neighbour's data never shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "cab-account-list-dialog.h"
#include "cab-api-client.h"
#include "cab-change-password-page.h"
#include "cab-credentials.h"
#include "cab-client-info-page.h"
#include "cab-company-shell.h"
#include "cab-forgot-password-page.h"
#include "cab-page-registry.h"
#include "cab-register-page.h"
#include "cab-sign-in-page.h"
#include "cab-window.h"
#include "client-test-util.h"
#ifdef HAVE_VIEWER
#include "viewer/cab-document-viewer.h"
#endif

#define CHILD(widget, type, name) \
  GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type, name))
/* A part of the company shown: the window keeps one CabCompanyShell per company. */
#define SHELL_CHILD(window, name) \
  CHILD (gtk_stack_get_visible_child (GTK_STACK (CHILD (window, CAB_TYPE_WINDOW, "shell_stack"))), \
         CAB_TYPE_COMPANY_SHELL, name)

typedef struct
{
  TestServer *server;
  GSettings  *settings;
  CabWindow  *window;
} Fixture;

static GtkWindow *find_toplevel (GType type);

static GType sign_in_type, register_type, forgot_type, change_type, client_info_type;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  fixture->server = test_server_start ();
  fixture->settings = g_settings_new_with_backend (APP_ID, backend);
  fixture->window = cab_window_new (NULL, fixture->settings);
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->settings);
  test_server_stop (fixture->server);
  /* let the destroyed widgets go */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
view_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (cab_window_get_view (args[0]), args[1]) == 0;
}

static void
wait_view (CabWindow  *window,
           const char *view)
{
  gpointer args[] = { window, (gpointer) view };

  test_wait_until (view_is, args);
}

static gboolean
label_has_text (gpointer data)
{
  return gtk_widget_get_visible (data) && *gtk_label_get_text (data) != '\0';
}

static void
wait_label (GtkWidget *label)
{
  test_wait_until (label_has_text, label);
}

static gboolean
main_ready (gpointer data)
{
  CabWindow *window = data;

  return g_strcmp0 (cab_window_get_view (window), "main") == 0
         && cab_window_get_page (window) != NULL;
}

static void
type_text (GtkWidget  *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
use_server (Fixture    *fixture,
            const char *url)
{
  cab_window_set_server (fixture->window, url, NULL, FALSE);
  wait_view (fixture->window, "sign-in");
}

static GtkWidget *
sign_in_page (Fixture *fixture)
{
  return CHILD (fixture->window, CAB_TYPE_WINDOW, "sign_in_page");
}

static void
sign_in (Fixture    *fixture,
         const char *login,
         const char *password)
{
  GtkWidget *page = sign_in_page (fixture);

  type_text (CHILD (page, sign_in_type, "login_entry"), login);
  type_text (CHILD (page, sign_in_type, "password_entry"), password);
  g_assert_true (gtk_widget_get_sensitive (CHILD (page, sign_in_type, "log_in_button")));
  g_signal_emit_by_name (CHILD (page, sign_in_type, "log_in_button"), "clicked");
}

static void
sign_in_and_wait (Fixture *fixture)
{
  sign_in (fixture, "1234567890", "demo-password");
  test_wait_until (main_ready, fixture->window);
}

static const char *
strip_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (SHELL_CHILD (fixture->window, name)));
}

/* --- tests ------------------------------------------------------------------------------ */

static void
test_sign_in (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *info;
  CabSession *session;

  use_server (fixture, fixture->server->url);
  sign_in_and_wait (fixture);

  g_assert_cmpstr (cab_window_get_page (fixture->window), ==, "client-info");
  session = cab_window_get_session (fixture->window);
  g_assert_nonnull (session);
  g_assert_cmpstr (cab_session_get_login (session), ==, "1234567890");
  /* the first time: the login's own account */
  g_assert_cmpstr (cab_session_get_account (session), ==, "1234567890");

  g_assert_cmpstr (strip_text (fixture, "strip_login_label"), ==, "Login: 1234567890");
  g_assert_cmpstr (strip_text (fixture, "strip_contract_label"), ==,
                   "Account 1234567890, contract No. 12-3456 of 01.12.2015");
  g_assert_cmpstr (strip_text (fixture, "strip_name_label"), ==, "ООО «Ромашка»");
  g_assert_cmpstr (strip_text (fixture, "strip_address_label"), ==,
                   cab_session_get_me (session)->partner.address);

  info = cab_window_get_page_widget (fixture->window, "client-info");
  g_assert_nonnull (info);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (CHILD (info, client_info_type, "dp_code_row"))),
                   ==, "7700001234");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (CHILD (info, client_info_type, "name_row"))),
                   ==, "ООО «Ромашка»");
  {
    GtkWidget *box = CHILD (info, client_info_type, "contracts_box");
    guint n = 0;

    for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      n++;
    g_assert_cmpuint (n, ==, 2);
  }

  /* the registry order: Client Info first, pages of other areas after it */
  g_assert_true (cab_window_select_page (fixture->window, "client-info"));
  g_assert_false (cab_window_select_page (fixture->window, "no-such-page"));
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "last-login"), ==, "1234567890");
}

static void
test_enter_activates (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *page;

  use_server (fixture, fixture->server->url);
  page = sign_in_page (fixture);
  type_text (CHILD (page, sign_in_type, "login_entry"), "1234567890");
  type_text (CHILD (page, sign_in_type, "password_entry"), "demo-password");
  g_signal_emit_by_name (CHILD (page, sign_in_type, "password_entry"), "activate");
  test_wait_until (main_ready, fixture->window);
}

static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *page, *message;

  use_server (fixture, fixture->server->url);
  page = sign_in_page (fixture);
  message = CHILD (page, sign_in_type, "message_label");
  sign_in (fixture, "1234567890", "wrong-password");
  wait_label (message);

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==, "Wrong login or password.");
  g_assert_cmpstr (cab_window_get_view (fixture->window), ==, "sign-in");
  /* the login is kept, the wrong password is not */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (page, sign_in_type, "login_entry"))),
                   ==, "1234567890");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (page, sign_in_type, "password_entry"))),
                   ==, "");
  g_assert_null (cab_window_get_session (fixture->window));

  /* no Secret Service here: said once, on the page, and "Remember me" is off */
  g_assert_true (gtk_widget_get_visible (CHILD (page, sign_in_type, "keyring_label")));
  g_assert_false (gtk_widget_get_sensitive (CHILD (page, sign_in_type, "remember_check")));
}

static void
test_locked_out (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *page, *message;

  use_server (fixture, fixture->server->url);
  page = sign_in_page (fixture);
  message = CHILD (page, sign_in_type, "message_label");

  for (guint i = 0; i < 6; i++)
    {
      gtk_label_set_text (GTK_LABEL (message), "");
      sign_in (fixture, "1234567890", "wrong-password");
      wait_label (message);
    }

  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (message)),
                                   "Too many failed attempts. Try again in "));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (page, sign_in_type, "login_entry"))),
                   ==, "1234567890");
}

static void
test_server_down (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *url = test_dead_url ();
  GtkWidget *page, *message;

  use_server (fixture, url);
  page = sign_in_page (fixture);
  message = CHILD (page, sign_in_type, "message_label");
  sign_in (fixture, "1234567890", "demo-password");
  wait_label (message);

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   "Cannot reach the server. Check the connection and the server address.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (page, sign_in_type, "login_entry"))),
                   ==, "1234567890");
}

static void
test_insecure_server (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *page = sign_in_page (fixture);

  cab_window_set_server (fixture->window, "http://example.org/", NULL, FALSE);
  wait_view (fixture->window, "sign-in");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD (page, sign_in_type, "message_label"))), ==,
                   "Only https:// server addresses are allowed, except this computer.");

  /* the same check under "Server" */
  type_text (CHILD (page, sign_in_type, "server_entry"), "http://10.0.0.1/");
  g_signal_emit_by_name (CHILD (page, sign_in_type, "server_entry"), "activate");
  g_assert_true (gtk_widget_get_visible (CHILD (page, sign_in_type, "server_message_label")));
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "server-url"), !=, "http://10.0.0.1/");

  type_text (CHILD (page, sign_in_type, "server_entry"), fixture->server->url);
  g_signal_emit_by_name (CHILD (page, sign_in_type, "server_entry"), "activate");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "server-url"), ==, fixture->server->url);
  sign_in_and_wait (fixture);
}

static GtkWidget *
show_register (Fixture *fixture)
{
  g_signal_emit_by_name (CHILD (sign_in_page (fixture), sign_in_type, "create_account_button"),
                         "clicked");
  g_assert_cmpstr (cab_window_get_view (fixture->window), ==, "register");

  return CHILD (fixture->window, CAB_TYPE_WINDOW, "register_page");
}

typedef struct
{
  GtkWidget  *label;
  const char *text;
} LabelText;

static gboolean
label_says (gpointer data)
{
  LabelText *expect = data;

  return gtk_widget_get_visible (expect->label)
         && g_strcmp0 (gtk_label_get_text (GTK_LABEL (expect->label)), expect->text) == 0;
}

static void
wait_label_text (GtkWidget  *label,
                 const char *text)
{
  LabelText expect = { label, text };

  test_wait_until (label_says, &expect);
}

static gboolean
both_hidden (gpointer data)
{
  GtkWidget **labels = data;

  return !gtk_widget_get_visible (labels[0]) && !gtk_widget_get_visible (labels[1]);
}

static void
test_registration_errors (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *page, *account, *dp_code, *account_error, *dp_error;

  use_server (fixture, fixture->server->url);
  page = show_register (fixture);
  account = CHILD (page, register_type, "account_entry");
  dp_code = CHILD (page, register_type, "dp_code_entry");
  account_error = CHILD (page, register_type, "account_error_label");
  dp_error = CHILD (page, register_type, "dp_code_error_label");

  /* Fig. 1: both unknown, both told at once */
  type_text (dp_code, "123");
  type_text (account, "123");
  wait_label_text (dp_error, "DP code 123 not found");
  wait_label_text (account_error, "Account 123 not found");

  /* Fig. 2: both exist, but do not belong together */
  type_text (dp_code, "7700005678");
  type_text (account, "1234567890");
  wait_label_text (account_error, "Account 1234567890 does not match DP code 7700005678");
  g_assert_false (gtk_widget_get_visible (dp_error));

  type_text (account, "9999999999");
  wait_label_text (account_error, "Account 9999999999 not found");

  type_text (dp_code, "7700000000");
  type_text (account, "2345678901");
  wait_label_text (dp_error, "DP code 7700000000 not found");

  /* a fine pair clears the messages */
  type_text (dp_code, "7700005678");
  {
    GtkWidget *labels[] = { account_error, dp_error };

    test_wait_until (both_hidden, labels);
  }

  /* local checks need no server */
  type_text (CHILD (page, register_type, "email_entry"), "not-an-email");
  g_assert_true (gtk_widget_get_visible (CHILD (page, register_type, "email_error_label")));
  type_text (CHILD (page, register_type, "password_entry"), "short");
  g_assert_true (gtk_widget_get_visible (CHILD (page, register_type, "password_error_label")));
  type_text (CHILD (page, register_type, "repeat_entry"), "shorter");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD (page, register_type, "repeat_error_label"))),
                   ==, "The passwords do not match.");
  g_signal_emit_by_name (CHILD (page, register_type, "register_button"), "clicked");
  g_assert_cmpstr (cab_window_get_view (fixture->window), ==, "register");
}

static void
test_registration (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *page;
  const char *expected = cab_page_registry_lookup ("profile") != G_TYPE_INVALID
                         ? "profile" : "client-info";

  use_server (fixture, fixture->server->url);
  page = show_register (fixture);
  type_text (CHILD (page, register_type, "account_entry"), "2345678901");
  type_text (CHILD (page, register_type, "dp_code_entry"), "7700005678");
  type_text (CHILD (page, register_type, "email_entry"), "new@example.org");
  type_text (CHILD (page, register_type, "password_entry"), "s3cret-pass");
  type_text (CHILD (page, register_type, "repeat_entry"), "s3cret-pass");
  g_signal_emit_by_name (CHILD (page, register_type, "register_button"), "clicked");

  test_wait_until (main_ready, fixture->window);
  g_assert_cmpstr (cab_window_get_page (fixture->window), ==, expected);
  g_assert_cmpstr (cab_session_get_login (cab_window_get_session (fixture->window)), ==, "2345678901");
  g_assert_cmpstr (cab_session_get_account (cab_window_get_session (fixture->window)), ==, "2345678901");
}

static void
test_forced_password_change (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *forgot, *change, *message;
  g_autofree char *temporary = NULL;

  use_server (fixture, fixture->server->url);
  type_text (CHILD (sign_in_page (fixture), sign_in_type, "login_entry"), "1234567890");
  g_signal_emit_by_name (CHILD (sign_in_page (fixture), sign_in_type, "forgot_password_button"),
                         "clicked");
  g_assert_cmpstr (cab_window_get_view (fixture->window), ==, "forgot-password");

  forgot = CHILD (fixture->window, CAB_TYPE_WINDOW, "forgot_password_page");
  /* the login typed on the sign-in page is carried over */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (forgot, forgot_type, "login_entry"))),
                   ==, "1234567890");
  type_text (CHILD (forgot, forgot_type, "email_entry"), "demo@example.org");
  g_signal_emit_by_name (CHILD (forgot, forgot_type, "send_button"), "clicked");
  message = CHILD (forgot, forgot_type, "message_label");
  wait_label_text (message, "If the data matched, a new password was sent to your email.");

  temporary = test_server_read_temporary_password (fixture->server);
  g_assert_nonnull (temporary);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "cab.auth-back", NULL);
  wait_view (fixture->window, "sign-in");
  sign_in (fixture, "1234567890", temporary);
  wait_view (fixture->window, "change-password");
  g_assert_null (cab_window_get_session (fixture->window));

  change = CHILD (fixture->window, CAB_TYPE_WINDOW, "change_password_page");
  type_text (CHILD (change, change_type, "new_entry"), "brand-new-pass");
  type_text (CHILD (change, change_type, "repeat_entry"), "brand-new-pass-typo");
  g_signal_emit_by_name (CHILD (change, change_type, "save_button"), "clicked");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD (change, change_type, "message_label"))), ==,
                   "The passwords do not match.");

  type_text (CHILD (change, change_type, "repeat_entry"), "brand-new-pass");
  g_signal_emit_by_name (CHILD (change, change_type, "save_button"), "clicked");
  test_wait_until (main_ready, fixture->window);

  /* the new password is the one that works now */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "cab.log-out", NULL);
  wait_view (fixture->window, "sign-in");
  sign_in (fixture, "1234567890", "brand-new-pass");
  test_wait_until (main_ready, fixture->window);
}

static gboolean
strip_shows_second_account (gpointer data)
{
  Fixture *fixture = data;

  return g_str_has_prefix (strip_text (fixture, "strip_contract_label"), "Account 1234567891,");
}

static void
test_switch_contract (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkDropDown *dropdown;
  GListModel *model;
  guint second = GTK_INVALID_LIST_POSITION;

  use_server (fixture, fixture->server->url);
  sign_in_and_wait (fixture);

  dropdown = GTK_DROP_DOWN (SHELL_CHILD (fixture->window, "contract_dropdown"));
  model = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const char *text = gtk_string_list_get_string (GTK_STRING_LIST (model), i);

      if (g_str_has_prefix (text, "1234567891 · contract No. "))
        second = i;
      else
        g_assert_cmpstr (text, ==, "1234567890 · contract No. 12-3456 of 01.12.2015");
    }
  g_assert_cmpuint (second, !=, GTK_INVALID_LIST_POSITION);

  gtk_drop_down_set_selected (dropdown, second);
  test_wait_until (strip_shows_second_account, fixture);
  g_assert_cmpstr (cab_session_get_account (cab_window_get_session (fixture->window)), ==, "1234567891");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "last-account"), ==, "1234567891");

  /* after a new sign-in the contract used last is selected again */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "cab.log-out", NULL);
  wait_view (fixture->window, "sign-in");
  g_assert_null (cab_window_get_session (fixture->window));
  sign_in_and_wait (fixture);
  g_assert_cmpstr (cab_session_get_account (cab_window_get_session (fixture->window)), ==, "1234567891");
  /* a new sign-in is a new company shell, with its own selector */
  dropdown = GTK_DROP_DOWN (SHELL_CHILD (fixture->window, "contract_dropdown"));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, second);
}

static gboolean
contains_neighbour (const char *text)
{
  return text != NULL
         && (strstr (text, "3456789012") != NULL || strstr (text, "7700009999") != NULL);
}

static guint
scan_for_neighbour (GtkWidget *widget,
                    guint     *n_labels)
{
  guint found = 0;

  if (GTK_IS_LABEL (widget))
    {
      (*n_labels)++;
      if (contains_neighbour (gtk_label_get_text (GTK_LABEL (widget))))
        found++;
    }
  else if (GTK_IS_EDITABLE (widget) && contains_neighbour (gtk_editable_get_text (GTK_EDITABLE (widget))))
    found++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    found += scan_for_neighbour (child, n_labels);

  return found;
}

static void
test_neighbour_never_appears (Fixture       *fixture,
                              gconstpointer  data)
{
  GListModel *model;
  guint n_labels = 0;

  use_server (fixture, fixture->server->url);
  sign_in_and_wait (fixture);

  /* visit every page so each has drawn what it has */
  for (guint i = 1; i <= 5; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "cab.page", "i", i);
      for (guint j = 0; j < 20; j++)
        g_main_context_iteration (NULL, FALSE);
    }

  g_assert_cmpuint (scan_for_neighbour (GTK_WIDGET (fixture->window), &n_labels), ==, 0);
  g_assert_cmpuint (n_labels, >, 20);

  model = gtk_drop_down_get_model (GTK_DROP_DOWN (SHELL_CHILD (fixture->window, "contract_dropdown")));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_assert_false (contains_neighbour (gtk_string_list_get_string (GTK_STRING_LIST (model), i)));
  g_assert_null (cab_me_find_contract (cab_session_get_me (cab_window_get_session (fixture->window)),
                                       "3456789012"));
}

static void
test_alt_pages (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const *names;
  guint n;

  use_server (fixture, fixture->server->url);
  sign_in_and_wait (fixture);

  names = cab_page_registry_get_names (&n);
  g_assert_cmpstr (names[0], ==, "client-info");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "cab.page", "i", 1);
  g_assert_cmpstr (cab_window_get_page (fixture->window), ==, "client-info");
  if (cab_page_registry_lookup ("account-state") != G_TYPE_INVALID)
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "cab.page", "i", 2);
      g_assert_cmpstr (cab_window_get_page (fixture->window), ==, "account-state");
    }
  /* past the last page: nothing happens */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "cab.page", "i", 9);
  g_assert_nonnull (cab_window_get_page (fixture->window));
}

static gboolean
leaflet_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

static void
test_folds_narrow (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwLeaflet *leaflet;

  /* a window that starts narrow (its size comes from the settings) */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_settings_set_int (fixture->settings, "window-width", 360);
  g_settings_set_int (fixture->settings, "window-height", 720);
  fixture->window = cab_window_new (NULL, fixture->settings);
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));

  use_server (fixture, fixture->server->url);
  sign_in_and_wait (fixture);
  /* the company's shell exists once signed in */
  leaflet = ADW_LEAFLET (SHELL_CHILD (fixture->window, "leaflet"));
  test_wait_until (leaflet_folded, leaflet);
  /* folded on the content, with a way back to the sections */
  g_assert_true (adw_leaflet_get_visible_child (leaflet)
                 == SHELL_CHILD (fixture->window, "content_box"));
}

static void
test_registration_errors_ru (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *page, *account, *dp_code, *account_error, *dp_error;

  use_server (fixture, fixture->server->url);
  page = show_register (fixture);
  account = CHILD (page, register_type, "account_entry");
  dp_code = CHILD (page, register_type, "dp_code_entry");
  account_error = CHILD (page, register_type, "account_error_label");
  dp_error = CHILD (page, register_type, "dp_code_error_label");

  /* the web cabinet manual's own words, Fig. 1 and 2 */
  type_text (dp_code, "123");
  type_text (account, "123");
  wait_label_text (dp_error, "Не найден код ДП 123");
  wait_label_text (account_error, "Лицевой счет 123 не найден");
  type_text (dp_code, "7700005678");
  type_text (account, "1234567890");
  wait_label_text (account_error, "Лицевой счет 1234567890 не соответствует коду ДП 7700005678");
}

#ifdef HAVE_VIEWER
typedef struct
{
  gboolean      done;
  CabStatement *statement;
} StatementWait;

static void
on_statement (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  StatementWait *wait = user_data;

  wait->statement = cab_api_client_get_statement_finish (CAB_API_CLIENT (object), result, NULL);
  wait->done = TRUE;
}

static gboolean
viewer_shows_document (gpointer data)
{
  GtkWindow *viewer = find_toplevel (CAB_TYPE_DOCUMENT_VIEWER);

  return viewer != NULL
         && cab_document_viewer_get_state (CAB_DOCUMENT_VIEWER (viewer)) == CAB_DOCUMENT_VIEWER_STATE_DOCUMENT
         && cab_document_viewer_get_n_pages (CAB_DOCUMENT_VIEWER (viewer)) > 0;
}

static void
test_open_document (Fixture       *fixture,
                    gconstpointer  data)
{
  StatementWait wait = { 0 };
  CabSession *session;
  CabStatementRow *row;
  GDate from, to;

  use_server (fixture, fixture->server->url);
  sign_in_and_wait (fixture);
  session = cab_window_get_session (fixture->window);

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 5, 2016);
  g_date_set_dmy (&to, 1, 8, 2016);
  cab_api_client_get_statement_async (cab_session_get_api (session), "1234567890", &from, &to,
                                      NULL, on_statement, &wait);
  test_wait_for (&wait.done);
  g_assert_nonnull (wait.statement);
  row = cab_statement_get_row (wait.statement, 0);
  g_assert_cmpuint (row->documents->len, >, 0);

  /* any page may ask the session; the window opens the viewer and downloads the scan */
  cab_session_open_document (session, g_ptr_array_index (row->documents, 0));
  test_wait_until (viewer_shows_document, NULL);
  gtk_window_destroy (find_toplevel (CAB_TYPE_DOCUMENT_VIEWER));
  g_clear_object (&wait.statement);
}
#endif

static gboolean
offline_bar_shown (gpointer data)
{
  CabWindow *window = data;

  /* no company shell before the offline start has opened one */
  return g_strcmp0 (cab_window_get_view (window), "main") == 0
         && gtk_revealer_get_reveal_child (GTK_REVEALER (SHELL_CHILD (window, "offline_revealer")));
}

static void
test_offline_start (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *url = g_strdup (fixture->server->url);
  const char *text;

  if (cab_page_registry_lookup ("downloads") == G_TYPE_INVALID)
    {
      g_test_skip ("no offline store in this build");
      return;
    }

  use_server (fixture, url);
  sign_in_and_wait (fixture);
  /* the saves run in worker threads */
  for (guint i = 0; i < 30; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (G_USEC_PER_SEC / 20);
    }

  /* the server goes away; a new start opens the saved data, offline */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  test_server_stop (fixture->server);
  fixture->server = NULL;

  fixture->window = cab_window_new (NULL, fixture->settings);
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  cab_window_set_server (fixture->window, url, NULL, FALSE);
  test_wait_until (offline_bar_shown, fixture->window);

  text = gtk_label_get_text (GTK_LABEL (SHELL_CHILD (fixture->window, "offline_label")));
  g_assert_true (g_str_has_prefix (text, "Offline: showing data saved on "));
  g_assert_cmpstr (cab_session_get_login (cab_window_get_session (fixture->window)), ==, "1234567890");
  g_assert_cmpstr (strip_text (fixture, "strip_name_label"), ==, "ООО «Ромашка»");
  g_assert_cmpstr (cab_window_get_page (fixture->window), ==, "client-info");
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static gboolean
has_toplevel (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static void
collect_checks (GtkWidget *widget,
                GPtrArray *checks)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    g_ptr_array_add (checks, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_checks (child, checks);
}

static gboolean
one_contract_listed (gpointer data)
{
  Fixture *fixture = data;
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (SHELL_CHILD (fixture->window, "contract_dropdown")));

  return g_list_model_get_n_items (model) == 1 && find_toplevel (CAB_TYPE_ACCOUNT_LIST_DIALOG) == NULL;
}

static void
test_account_list (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *dialog;
  GtkWidget *apply;
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  const CabMe *me;

  use_server (fixture, fixture->server->url);
  sign_in_and_wait (fixture);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "cab.edit-accounts", NULL);
  test_wait_until (has_toplevel, GSIZE_TO_POINTER (CAB_TYPE_ACCOUNT_LIST_DIALOG));
  dialog = find_toplevel (CAB_TYPE_ACCOUNT_LIST_DIALOG);
  apply = CHILD (dialog, CAB_TYPE_ACCOUNT_LIST_DIALOG, "apply_button");

  /* one check row per contract of the partner, both checked */
  collect_checks (GTK_WIDGET (dialog), checks);
  g_assert_cmpuint (checks->len, ==, 2);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 1)));

  /* none checked: Apply is off and the dialog says why */
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), FALSE);
  gtk_check_button_set_active (g_ptr_array_index (checks, 1), FALSE);
  g_assert_false (gtk_widget_get_sensitive (apply));
  g_assert_true (gtk_widget_get_visible (CHILD (dialog, CAB_TYPE_ACCOUNT_LIST_DIALOG, "message_label")));

  /* keep the first only */
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);
  g_assert_true (gtk_widget_get_sensitive (apply));
  g_signal_emit_by_name (apply, "clicked");
  test_wait_until (one_contract_listed, fixture);

  me = cab_session_get_me (cab_window_get_session (fixture->window));
  g_assert_cmpuint (g_strv_length (me->visible_accounts), ==, 1);
  g_assert_cmpstr (me->visible_accounts[0], ==, "1234567890");
  /* every contract still shows on Client Info */
  g_assert_cmpuint (me->contracts->len, ==, 2);
}

static gboolean
keyring_has_password (gpointer data)
{
  gboolean *found = data;

  return *found;
}

static void
on_lookup_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *state = user_data;
  g_auto(CabPassword) password = cab_credentials_lookup_finish (CAB_CREDENTIALS (object), result, NULL);

  state[0] = TRUE;
  state[1] = password != NULL && g_strcmp0 (password, "demo-password") == 0;
}

/* Whether the keyring holds the demo password for @server_id. */
static gboolean
keyring_holds (const char *server_id)
{
  gboolean state[2] = { FALSE, FALSE };

  cab_credentials_lookup_async (cab_credentials_get_default (), server_id, "1234567890", NULL,
                                on_lookup_done, state);
  test_wait_until (keyring_has_password, &state[0]);

  return state[1];
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
test_remember_me (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *server_id = NULL;
  GtkWidget *page;
  AdwMessageDialog *dialog;
  guint i;

  use_server (fixture, fixture->server->url);
  page = sign_in_page (fixture);
  g_assert_true (gtk_widget_get_sensitive (CHILD (page, sign_in_type, "remember_check")));
  g_assert_false (gtk_widget_get_visible (CHILD (page, sign_in_type, "keyring_label")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (CHILD (page, sign_in_type, "remember_check")), TRUE);
  sign_in_and_wait (fixture);
  server_id = g_strdup (cab_session_get_server_id (cab_window_get_session (fixture->window)));

  for (i = 0; i < 100 && !keyring_holds (server_id); i++)
    g_usleep (G_USEC_PER_SEC / 20);
  g_assert_cmpuint (i, <, 100);

  /* the next start signs in by itself */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  fixture->window = cab_window_new (NULL, fixture->settings);
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  cab_window_set_server (fixture->window, fixture->server->url, NULL, FALSE);
  test_wait_until (main_ready, fixture->window);
  g_assert_cmpstr (cab_session_get_login (cab_window_get_session (fixture->window)), ==, "1234567890");

  /* Log Out asks whether to forget the password; forgetting removes it from the keyring */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "cab.log-out", NULL);
  test_wait_until (has_message_dialog, NULL);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "forget");
  wait_view (fixture->window, "sign-in");
  for (i = 0; i < 100 && keyring_holds (server_id); i++)
    g_usleep (G_USEC_PER_SEC / 20);
  g_assert_cmpuint (i, <, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("cab-widgets-data-XXXXXX", NULL);
  int ret;

  /* the offline store writes here, never into the user's own data */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gboolean keyring = FALSE;
  gboolean russian = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--keyring") == 0)
        keyring = TRUE;
      else if (g_strcmp0 (argv[i], "--ru") == 0)
        russian = TRUE;
    }

  /* Without --keyring (run by run-with-keyring.sh): no Secret Service, nothing stored. */
  if (!keyring)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tek-cabinet-test-bus", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", russian ? "ru" : "C", TRUE);
  if (g_getenv ("TEK_CABINET_SERVER") == NULL)
    g_setenv ("TEK_CABINET_SERVER", TEK_CABINET_SERVER_PATH, TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", GSCHEMA_DIR, TRUE);
  setlocale (LC_ALL, russian ? "ru_RU.UTF-8" : "C.UTF-8");
  /* the catalogue compiled in the build tree (po/ru/LC_MESSAGES/) */
  bindtextdomain (GETTEXT_PACKAGE, PO_BUILD_DIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  /* criticals stay fatal; warnings about the missing session bus (on purpose) do not */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  adw_init ();

  sign_in_type = CAB_TYPE_SIGN_IN_PAGE;
  register_type = CAB_TYPE_REGISTER_PAGE;
  forgot_type = CAB_TYPE_FORGOT_PASSWORD_PAGE;
  change_type = CAB_TYPE_CHANGE_PASSWORD_PAGE;
  client_info_type = CAB_TYPE_CLIENT_INFO_PAGE;

#define ADD(path, func) \
  g_test_add ("/client/widgets/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  if (keyring)
    ADD ("remember-me", test_remember_me);
  else if (russian)
    ADD ("registration-errors-ru", test_registration_errors_ru);
  else
    {
      ADD ("sign-in", test_sign_in);
      ADD ("enter-activates", test_enter_activates);
      ADD ("wrong-password", test_wrong_password);
      ADD ("locked-out", test_locked_out);
      ADD ("server-down", test_server_down);
      ADD ("insecure-server", test_insecure_server);
      ADD ("registration-errors", test_registration_errors);
      ADD ("registration", test_registration);
      ADD ("forced-password-change", test_forced_password_change);
      ADD ("switch-contract", test_switch_contract);
      ADD ("neighbour-never-appears", test_neighbour_never_appears);
      ADD ("alt-pages", test_alt_pages);
      ADD ("folds-narrow", test_folds_narrow);
      ADD ("offline-start", test_offline_start);
      ADD ("account-list", test_account_list);
#ifdef HAVE_VIEWER
      ADD ("open-document", test_open_document);
#endif
    }

  ret = g_test_run ();
  test_remove_tree (data_home);

  return ret;
}
