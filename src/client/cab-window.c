/* cab-window.c: the window: the sign-in flow (cab-window-sign-in.c), then a stack of company
 * shells (CabCompanyShell, one per company signed in to; cab-window-companies.c opens,
 * switches and removes them) and the "Companies" overview.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-account-list-dialog.h"
#include "cab-change-password-page.h"
#include "cab-credentials.h"
#include "cab-forgot-password-page.h"
#include "cab-register-page.h"
#include "cab-sign-in-page.h"
#include "cab-window.h"
#include "cab-window-private.h"

G_DEFINE_FINAL_TYPE (CabWindow, cab_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_COMPANY, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* --- views ------------------------------------------------------------------------------ */

void
cab_window_show_auth (CabWindow  *self,
                      const char *name)
{
  gboolean back = g_strcmp0 (name, "register") == 0 || g_strcmp0 (name, "forgot-password") == 0;
  const char *title = _("TEK Cabinet");

  if (g_strcmp0 (name, "register") == 0)
    title = _("Create Account");
  else if (g_strcmp0 (name, "forgot-password") == 0)
    title = _("Forgot Password");
  else if (g_strcmp0 (name, "change-password") == 0)
    title = _("New Password");
  else if (g_strcmp0 (name, "sign-in") == 0 && self->shells->len > 0)
    title = _("Add Company");

  adw_window_title_set_title (self->auth_title, title);
  gtk_widget_set_visible (GTK_WIDGET (self->auth_back_button), back);
  /* with companies signed in, the sign-in page adds one: Cancel returns to them */
  gtk_widget_set_visible (GTK_WIDGET (self->auth_cancel_button),
                          !back && self->shells->len > 0);
  gtk_stack_set_visible_child_name (self->main_stack, "auth");
  gtk_stack_set_visible_child_name (self->auth_stack, name);
  gtk_widget_grab_focus (gtk_stack_get_visible_child (self->auth_stack));
}

void
cab_window_show_starting (CabWindow  *self,
                          const char *message)
{
  g_return_if_fail (CAB_IS_WINDOW (self));

  gtk_label_set_text (self->starting_label, message != NULL ? message : _("Connecting…"));
  cab_window_show_auth (self, "starting");
}

void
cab_window_show_error (CabWindow  *self,
                       const char *message)
{
  g_return_if_fail (CAB_IS_WINDOW (self));

  cab_window_show_auth (self, "sign-in");
  cab_sign_in_page_show_message (self->sign_in_page, message);
}

const char *
cab_window_get_view (CabWindow *self)
{
  const char *name;

  g_return_val_if_fail (CAB_IS_WINDOW (self), NULL);

  name = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (name, "auth") != 0)
    return name;

  return gtk_stack_get_visible_child_name (self->auth_stack);
}

const char *
cab_window_get_page (CabWindow *self)
{
  g_return_val_if_fail (CAB_IS_WINDOW (self), NULL);

  if (self->current == NULL)
    return NULL;

  return cab_company_shell_get_page (self->current);
}

GtkWidget *
cab_window_get_page_widget (CabWindow  *self,
                            const char *name)
{
  g_return_val_if_fail (CAB_IS_WINDOW (self), NULL);

  if (self->current == NULL)
    return NULL;

  return cab_company_shell_get_page_widget (self->current, name);
}

gboolean
cab_window_select_page (CabWindow  *self,
                        const char *name)
{
  g_return_val_if_fail (CAB_IS_WINDOW (self), FALSE);

  if (self->current == NULL || !cab_company_shell_select_page (self->current, name))
    return FALSE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "companies") == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "main");

  return TRUE;
}

void
cab_window_set_offline_message (CabWindow  *self,
                                const char *message)
{
  g_return_if_fail (CAB_IS_WINDOW (self));

  if (self->current != NULL)
    cab_company_shell_set_offline_message (self->current, message);
}

CabSession *
cab_window_get_session (CabWindow *self)
{
  g_return_val_if_fail (CAB_IS_WINDOW (self), NULL);

  return self->current != NULL ? cab_company_shell_get_session (self->current) : NULL;
}

char *
cab_window_company_key (const char *server_id,
                        const char *login)
{
  return g_strdup_printf ("%s\n%s", server_id != NULL ? server_id : "", login);
}

/* --- the session ------------------------------------------------------------------------ */

/* The sign-in pages' client now belongs to the company: a new one for the next sign-in. */
static void
renew_api (CabWindow *self)
{
  g_autoptr(CabApiClient) api = cab_api_client_new (cab_api_client_get_base_url (self->api), NULL);

  cab_window_set_api (self, api);
}

static void
start (CabWindow   *self,
       const char  *login,
       const CabMe *me,
       gboolean     offline)
{
  g_autoptr(CabApiClient) api = g_object_ref (self->api);
  g_autoptr(GError) error = NULL;
  CabCompanyShell *shell;

  shell = cab_window_open_company (self, api, self->server_id, login, offline);
  if (!cab_company_list_put (self->company_list, self->server_id,
                             cab_api_client_get_base_url (api), login, NULL, &error))
    g_debug ("Company not saved: %s", error->message);
  renew_api (self);

  self->pending = shell;
  if (!offline)
    cab_window_show_starting (self, _("Loading…"));
  cab_company_shell_start (shell, me);
}

void
cab_window_start_session (CabWindow   *self,
                          const char  *login,
                          const CabMe *me)
{
  start (self, login, me, FALSE);
}

void
cab_window_start_offline_session (CabWindow   *self,
                                  const char  *login,
                                  const CabMe *me)
{
  start (self, login, me, TRUE);
}

void
cab_window_end_session (CabWindow  *self,
                        const char *message)
{
  CabCompanyShell *shell = self->pending != NULL ? self->pending : self->current;

  if (shell != NULL)
    cab_window_end_company (self, shell, message, FALSE);
}

/* --- actions ---------------------------------------------------------------------------- */

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);

  if (self->current != NULL
      && cab_company_shell_select_page_at (self->current, g_variant_get_int32 (parameter) - 1)
      && g_strcmp0 (cab_window_get_view (self), "companies") == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "main");
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);

  if (self->current != NULL)
    cab_company_shell_show_sidebar (self->current);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);

  if (g_strcmp0 (cab_window_get_view (self), "companies") == 0)
    cab_company_overview_refresh (self->overview);
  else if (self->current != NULL)
    cab_session_refresh (cab_company_shell_get_session (self->current));
}

static void
edit_accounts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);
  CabSession *session = cab_window_get_session (self);
  CabAccountListDialog *dialog;

  if (session == NULL || cab_session_get_me (session) == NULL)
    return;

  dialog = cab_account_list_dialog_new (GTK_WINDOW (self), session);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- GObject ---------------------------------------------------------------------------- */

CabWindow *
cab_window_new (GtkApplication *app,
                GSettings      *settings)
{
  CabWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CAB_TYPE_WINDOW, "application", app, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  return self;
}

static void
cab_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CabWindow *self = CAB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_COMPANY:
      g_value_set_string (value, self->company != NULL ? self->company : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CabWindow *self = CAB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_COMPANY:
      {
        /* the switcher's radio items set this: show that company */
        CabCompanyShell *shell = cab_window_find_shell (self, g_value_get_string (value));

        if (shell != NULL)
          cab_window_switch_to (self, shell);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_window_dispose (GObject *object)
{
  CabWindow *self = (CabWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);
  /* every company's requests and services stop with the window */
  while (self->shells != NULL && self->shells->len > 0)
    {
      CabCompanyShell *shell = g_ptr_array_steal_index (self->shells, self->shells->len - 1);

      cab_company_shell_stop (shell);
    }
  self->current = self->pending = NULL;
  g_clear_pointer (&self->shells, g_ptr_array_unref);
  g_clear_object (&self->api);
  if (self->credentials != NULL)
    g_signal_handlers_disconnect_by_data (self->credentials, self);
  g_clear_object (&self->credentials);
  g_clear_object (&self->company_list);
  g_clear_object (&self->overview);
  g_clear_object (&self->switcher_menu);
  g_clear_object (&self->switcher_companies);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->remembered, g_hash_table_unref);
  g_clear_pointer (&self->needs_sign_in, g_hash_table_unref);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->server_id, g_free);
  g_clear_pointer (&self->first_page, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_WINDOW);

  G_OBJECT_CLASS (cab_window_parent_class)->dispose (object);
}

static void
cab_window_class_init (CabWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_window_dispose;
  object_class->get_property = cab_window_get_property;
  object_class->set_property = cab_window_set_property;

  /* The company shown, "server-id\nlogin"; the switcher's radio items act on it. */
  properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CAB_TYPE_SIGN_IN_PAGE);
  g_type_ensure (CAB_TYPE_REGISTER_PAGE);
  g_type_ensure (CAB_TYPE_FORGOT_PASSWORD_PAGE);
  g_type_ensure (CAB_TYPE_CHANGE_PASSWORD_PAGE);
  g_type_ensure (CAB_TYPE_COMPANIES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CabWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, auth_stack);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, auth_back_button);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, auth_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, auth_title);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, starting_label);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, register_page);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, forgot_password_page);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, change_password_page);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, shell_stack);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, companies_page);
  gtk_widget_class_bind_template_callback (widget_class, on_signed_in);
  gtk_widget_class_bind_template_callback (widget_class, on_create_account);
  gtk_widget_class_bind_template_callback (widget_class, on_forgot_password);
  gtk_widget_class_bind_template_callback (widget_class, on_server_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_registered);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed);

  gtk_widget_class_install_action (widget_class, "cab.auth-back", NULL,
                                   cab_window_auth_back_action);
  gtk_widget_class_install_action (widget_class, "cab.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "cab.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "cab.refresh", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "cab.edit-accounts", NULL, edit_accounts_action);
  gtk_widget_class_install_action (widget_class, "cab.page", "i", page_action);
  gtk_widget_class_install_property_action (widget_class, "cab.company", "company");
  cab_window_install_company_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "cab.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "cab.auth-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "cab.page", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "cab.page", "i", 2);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "cab.page", "i", 3);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "cab.page", "i", 4);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "cab.page", "i", 5);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_6, GDK_ALT_MASK, "cab.page", "i", 6);
}

static void
cab_window_init (CabWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->shells = g_ptr_array_new ();
  self->remembered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->needs_sign_in = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->company_list = cab_company_list_new (NULL);
  self->overview = cab_company_overview_new ();
  cab_companies_page_set_overview (self->companies_page, self->overview);

  self->switcher_menu = g_menu_new ();
  self->switcher_companies = g_menu_new ();
  g_menu_append_section (self->switcher_menu, NULL, G_MENU_MODEL (self->switcher_companies));
  {
    g_autoptr(GMenu) more = g_menu_new ();

    g_menu_append (more, _("_Overview of Companies"), "cab.show-companies");
    g_menu_append (more, _("_Add Company…"), "cab.add-company");
    g_menu_append_section (self->switcher_menu, NULL, G_MENU_MODEL (more));
  }

  self->credentials = g_object_ref (cab_credentials_get_default ());
  g_signal_connect_object (self->credentials, "notify::available",
                           G_CALLBACK (cab_window_on_keyring_available), self, G_CONNECT_SWAPPED);
}
