/* cab-window-companies.c: the window's companies: opening the saved ones, switching, the
 * switcher's menu, Add Company, Log Out, Remove Company and the "Companies" overview.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-credentials.h"
#include "cab-session-services.h"
#include "cab-sign-in-page.h"
#include "cab-window.h"
#include "cab-window-private.h"

#ifdef HAVE_OFFLINE
#include "offline/cab-offline-store.h"
#endif

static char *
shell_key (CabCompanyShell *shell)
{
  CabSession *session = cab_company_shell_get_session (shell);

  return cab_window_company_key (cab_session_get_server_id (session),
                                 cab_session_get_login (session));
}

CabCompanyShell *
cab_window_find_shell (CabWindow  *self,
                       const char *key)
{
  for (guint i = 0; key != NULL && i < self->shells->len; i++)
    {
      CabCompanyShell *shell = g_ptr_array_index (self->shells, i);
      g_autofree char *other = shell_key (shell);

      if (g_strcmp0 (other, key) == 0)
        return shell;
    }

  return NULL;
}

/* "ООО «Ромашка» — 1234567890 (demo)": what tells two companies apart in the switcher. */
static char *
describe_company (CabCompanyShell *shell)
{
  CabSession *session = cab_company_shell_get_session (shell);

  /* Translators: a company in the switcher: partner name, login, server */
  return g_strdup_printf (_("%s — %s (%s)"), cab_company_shell_get_name (shell),
                          cab_session_get_login (session), cab_session_get_server_id (session));
}

void
cab_window_update_companies (CabWindow *self)
{
  g_menu_remove_all (self->switcher_companies);
  for (guint i = 0; i < self->shells->len; i++)
    {
      CabCompanyShell *shell = g_ptr_array_index (self->shells, i);
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      /* a company still signing in is not one to switch to yet */
      if (!cab_company_shell_get_ready (shell))
        continue;
      key = shell_key (shell);
      label = describe_company (shell);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "cab.company", g_variant_new_string (key));
      g_menu_append_item (self->switcher_companies, item);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cab.remove-company", self->current != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cab.show-current-company",
                                 self->current != NULL);
}

void
cab_window_switch_to (CabWindow       *self,
                      CabCompanyShell *shell)
{
  g_autofree char *key = shell_key (shell);

  self->current = shell;
  gtk_widget_set_visible (GTK_WIDGET (shell), TRUE);
  gtk_stack_set_visible_child (self->shell_stack, GTK_WIDGET (shell));
  /* The others hidden, not only unmapped: a screen reader is told of one company at a time.
   * Their pages, periods and scroll positions stay as they are. */
  for (guint i = 0; i < self->shells->len; i++)
    if (g_ptr_array_index (self->shells, i) != shell)
      gtk_widget_set_visible (g_ptr_array_index (self->shells, i), FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  g_free (self->company);
  self->company = g_steal_pointer (&key);
  g_object_notify (G_OBJECT (self), "company");
  cab_window_update_companies (self);

  /* back online without a remembered password: it needs the user's sign-in now */
  if (g_hash_table_contains (self->needs_sign_in, self->company))
    cab_window_end_company (self, shell,
                            _("The server can be reached again. Log in to see fresh data."),
                            FALSE);
}

void
cab_window_end_company (CabWindow       *self,
                        CabCompanyShell *shell,
                        const char      *message,
                        gboolean         forget)
{
  g_autofree char *key = shell_key (shell);
  g_autofree char *login = g_strdup (cab_session_get_login (cab_company_shell_get_session (shell)));
  CabSession *session = cab_company_shell_get_session (shell);
  gboolean was_current = shell == self->current;
  gboolean was_pending = shell == self->pending;

  if (forget)
    {
      g_autoptr(GError) error = NULL;

      if (!cab_company_list_remove (self->company_list, cab_session_get_server_id (session),
                                    login, &error))
        g_debug ("Company not removed from the list: %s", error->message);
    }

  g_signal_handlers_disconnect_by_data (cab_session_get_api (session), self);
  g_signal_handlers_disconnect_by_data (session, self);
  cab_company_overview_remove (self->overview, session);
  cab_company_shell_stop (shell);
  g_hash_table_remove (self->remembered, key);
  g_hash_table_remove (self->needs_sign_in, key);
  if (was_current)
    {
      self->current = NULL;
      g_clear_pointer (&self->company, g_free);
      g_object_notify (G_OBJECT (self), "company");
    }
  if (was_pending)
    self->pending = NULL;
  g_ptr_array_remove (self->shells, shell);
  gtk_stack_remove (self->shell_stack, GTK_WIDGET (shell));
  cab_window_update_companies (self);

  if (!was_current && !was_pending)
    return;

  if (message == NULL && self->shells->len > 0)
    {
      cab_window_switch_to (self, g_ptr_array_index (self->shells, 0));
      return;
    }

  cab_sign_in_page_reset (self->sign_in_page);
  cab_sign_in_page_set_login (self->sign_in_page, login);
  cab_window_show_auth (self, "sign-in");
  cab_sign_in_page_show_message (self->sign_in_page, message);
}

/* --- opening a company ------------------------------------------------------------------ */

static void
on_shell_ready (CabWindow       *self,
                CabCompanyShell *shell)
{
  cab_company_overview_add (self->overview, cab_company_shell_get_session (shell));
  cab_window_update_companies (self);
  if (shell == self->pending)
    {
      self->pending = NULL;
      cab_window_switch_to (self, shell);
    }
}

static void
on_shell_failed (CabWindow       *self,
                 const char      *message,
                 CabCompanyShell *shell)
{
  cab_window_end_company (self, shell, message, FALSE);
}

static void
on_shell_back_online (CabWindow       *self,
                      CabCompanyShell *shell)
{
  cab_window_on_shell_back_online (self, shell);
}

static void
on_shell_me (CabWindow  *self,
             GParamSpec *pspec,
             CabSession *session)
{
  const CabMe *me = cab_session_get_me (session);
  g_autoptr(GError) error = NULL;

  /* the saved list carries the partner's name, for an offline start */
  if (me != NULL && !cab_company_list_put (self->company_list, cab_session_get_server_id (session),
                                           cab_api_client_get_base_url (cab_session_get_api (session)),
                                           cab_session_get_login (session), me->partner.name,
                                           &error))
    g_debug ("Company not saved: %s", error->message);
  cab_window_update_companies (self);
}

static void
on_api_unauthorized (CabWindow    *self,
                     CabApiClient *api)
{
  for (guint i = 0; i < self->shells->len; i++)
    {
      CabCompanyShell *shell = g_ptr_array_index (self->shells, i);

      if (cab_session_get_api (cab_company_shell_get_session (shell)) == api)
        {
          cab_window_end_company (self, shell, _("The session has ended. Please log in again."),
                                  FALSE);
          return;
        }
    }
}

CabCompanyShell *
cab_window_open_company (CabWindow    *self,
              CabApiClient *api,
              const char   *server_id,
              const char   *login,
              gboolean      offline)
{
  g_autoptr(CabSession) session = NULL;
  g_autofree char *key = cab_window_company_key (server_id, login);
  CabCompanyShell *existing = cab_window_find_shell (self, key);
  CabCompanyShell *shell;

  /* signing in again to a company shown replaces it */
  if (existing != NULL)
    cab_window_end_company (self, existing, NULL, FALSE);

  session = cab_session_new (api, login);
  cab_session_set_server_id (session, server_id);
  if (offline)
    cab_session_set_offline (session, TRUE);

  shell = cab_company_shell_new (session, self->settings, self->first_page);
  g_clear_pointer (&self->first_page, g_free);
  cab_company_shell_set_switcher_menu (shell, G_MENU_MODEL (self->switcher_menu));
  g_signal_connect_object (shell, "ready", G_CALLBACK (on_shell_ready), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (shell, "failed", G_CALLBACK (on_shell_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (shell, "back-online", G_CALLBACK (on_shell_back_online), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::me", G_CALLBACK (on_shell_me), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (api, "unauthorized", G_CALLBACK (on_api_unauthorized), self,
                           G_CONNECT_SWAPPED);

  /* hidden until it is the one shown (cab_window_switch_to()) */
  gtk_widget_set_visible (GTK_WIDGET (shell), FALSE);
  gtk_stack_add_named (self->shell_stack, GTK_WIDGET (shell), key);
  g_ptr_array_add (self->shells, shell);
  g_hash_table_remove (self->needs_sign_in, key);

  return shell;
}

/* --- saved companies -------------------------------------------------------------------- */

#ifdef HAVE_OFFLINE
static CabMe *
load_saved_me (const CabCompanyEntry *entry)
{
  g_autoptr(CabOfflineStore) store = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  CabMe *me;

  if (!(store = cab_offline_store_new (NULL, entry->server_id, entry->login, &error))
      || !(node = cab_offline_store_get_json (store, CAB_OFFLINE_ME, NULL, NULL, NULL, NULL,
                                              &error))
      || !(me = cab_me_from_json (node, &error)))
    {
      g_debug ("No saved data of a company: %s", error->message);
      return NULL;
    }

  return me;
}
#endif

typedef struct
{
  CabWindow    *window;
  CabApiClient *api;
  char         *server_id;
  char         *login;
  char         *password;
} SavedSignIn;

static void
saved_sign_in_free (SavedSignIn *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->api);
  g_free (data->server_id);
  g_free (data->login);
  cab_credentials_free_password (data->password);
  g_free (data);
}

static void
on_saved_signed_in (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SavedSignIn *data = user_data;
  CabWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = cab_window_company_key (data->server_id, data->login);
  gboolean must_change = FALSE;
  CabCompanyShell *shell;

  if (!cab_api_client_sign_in_finish (data->api, result, &must_change, &error) || must_change
      || self->shells == NULL || cab_window_find_shell (self, key) != NULL)
    {
      /* not this time: the user adds it again, or it opens offline next start */
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("A saved company did not sign in: %s", error->message);
      saved_sign_in_free (data);
      return;
    }

  g_hash_table_add (self->remembered, g_steal_pointer (&key));
  shell = cab_window_open_company (self, data->api, data->server_id, data->login, FALSE);
  cab_company_shell_start (shell, NULL);
  saved_sign_in_free (data);
}

static void
on_saved_lookup (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SavedSignIn *data = user_data;

  data->password = cab_credentials_lookup_finish (CAB_CREDENTIALS (object), result, NULL);
  if (data->password == NULL || data->window->shells == NULL)
    {
      saved_sign_in_free (data);
      return;
    }

  cab_api_client_sign_in_async (data->api, data->login, data->password,
                                data->window->cancellable, on_saved_signed_in, data);
}

/* The saved companies not shown yet. Online (@offline FALSE): those with a remembered
 * password sign in by themselves, in the background. Offline: every one is opened from its
 * saved data, and comes online by itself when its server answers (its reconnector), with
 * its remembered password if any; @show_one shows one if no company is shown. The last login
 * of the window's server is left to try_auto_sign_in() or the offline start. */
void
cab_window_open_saved_companies (CabWindow *self,
                                 gboolean   offline,
                                 gboolean   show_one)
{
  g_autofree char *last_login = g_settings_get_string (self->settings, "last-login");

  for (guint i = 0; i < cab_company_list_get_n (self->company_list); i++)
    {
      const CabCompanyEntry *entry = cab_company_list_get (self->company_list, i);
      g_autofree char *key = cab_window_company_key (entry->server_id, entry->login);
      g_autoptr(CabApiClient) api = NULL;

      if (cab_window_find_shell (self, key) != NULL
          || (!show_one && g_strcmp0 (entry->server_id, self->server_id) == 0
              && g_strcmp0 (entry->login, last_login) == 0)
          || (api = cab_api_client_new (entry->server_url, NULL)) == NULL)
        continue;

      if (!offline)
        {
          SavedSignIn *data = g_new0 (SavedSignIn, 1);

          data->window = g_object_ref (self);
          data->api = g_steal_pointer (&api);
          data->server_id = g_strdup (entry->server_id);
          data->login = g_strdup (entry->login);
          cab_credentials_lookup_async (self->credentials, entry->server_id, entry->login,
                                        self->cancellable, on_saved_lookup, data);
          continue;
        }

#ifdef HAVE_OFFLINE
      {
        g_autoptr(CabMe) me = load_saved_me (entry);
        CabCompanyShell *shell;

        if (me == NULL)
          continue;
        shell = cab_window_open_company (self, api, entry->server_id, entry->login, TRUE);
        if (show_one && self->current == NULL && self->pending == NULL)
          self->pending = shell;
        cab_company_shell_start (shell, me);
      }
#endif
    }
}

/* --- back online ------------------------------------------------------------------------ */

typedef struct
{
  CabWindow       *window;
  CabCompanyShell *shell;
  char            *password;
} BackOnline;

static void
back_online_free (BackOnline *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->shell);
  cab_credentials_free_password (data->password);
  g_free (data);
}

static gboolean
still_shown (BackOnline *data)
{
  return data->window->shells != NULL
         && g_ptr_array_find (data->window->shells, data->shell, NULL);
}

/* Nothing to sign in with: the company is the user's to sign in to, now if it is shown. */
static void
back_online_needs_user (BackOnline *data)
{
  CabWindow *self = data->window;
  g_autofree char *key = shell_key (data->shell);

  if (data->shell == self->current
      && g_strcmp0 (cab_window_get_view (self), "main") == 0)
    cab_window_end_company (self, data->shell,
                            _("The server can be reached again. Log in to see fresh data."),
                            FALSE);
  else
    g_hash_table_add (self->needs_sign_in, g_steal_pointer (&key));
}

static void
on_back_online_signed_in (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  BackOnline *data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean must_change = FALSE;

  if (!cab_api_client_sign_in_finish (CAB_API_CLIENT (object), result, &must_change, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && still_shown (data))
        back_online_needs_user (data);
      back_online_free (data);
      return;
    }

  if (still_shown (data))
    {
      if (must_change)
        back_online_needs_user (data);
      else
        /* the token is there now: the pages fetch fresh data */
        cab_session_refresh (cab_company_shell_get_session (data->shell));
    }
  back_online_free (data);
}

static void
on_back_online_lookup (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  BackOnline *data = user_data;
  CabSession *session;

  data->password = cab_credentials_lookup_finish (CAB_CREDENTIALS (object), result, NULL);
  if (!still_shown (data))
    {
      back_online_free (data);
      return;
    }

  session = cab_company_shell_get_session (data->shell);
  if (data->password == NULL)
    {
      back_online_needs_user (data);
      back_online_free (data);
      return;
    }

  {
    g_autofree char *key = shell_key (data->shell);

    g_hash_table_add (data->window->remembered, g_steal_pointer (&key));
  }
  cab_api_client_sign_in_async (cab_session_get_api (session), cab_session_get_login (session),
                                data->password, data->window->cancellable,
                                on_back_online_signed_in, data);
}

void
cab_window_on_shell_back_online (CabWindow       *self,
                                 CabCompanyShell *shell)
{
  CabSession *session = cab_company_shell_get_session (shell);
  BackOnline *data = g_new0 (BackOnline, 1);

  data->window = g_object_ref (self);
  data->shell = g_object_ref (shell);
  cab_credentials_lookup_async (self->credentials, cab_session_get_server_id (session),
                                cab_session_get_login (session), self->cancellable,
                                on_back_online_lookup, data);
}

/* --- the overview and app.show-company-page --------------------------------------------- */

gboolean
cab_window_show_company_page (CabWindow  *self,
                              const char *server_id,
                              const char *login,
                              const char *page)
{
  g_autofree char *key = NULL;
  CabCompanyShell *shell;

  g_return_val_if_fail (CAB_IS_WINDOW (self), FALSE);

  key = cab_window_company_key (server_id, login);
  shell = cab_window_find_shell (self, key);
  if (shell == NULL || !cab_company_shell_get_ready (shell))
    return FALSE;

  cab_window_switch_to (self, shell);
  /* switching may have ended it (it needs the user's sign-in) */
  if (self->current != shell)
    return FALSE;
  if (page != NULL && *page != '\0')
    cab_company_shell_select_page (shell, page);

  return TRUE;
}

guint
cab_window_get_n_companies (CabWindow *self)
{
  g_return_val_if_fail (CAB_IS_WINDOW (self), 0);

  return self->shells->len;
}

static void
show_companies_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);

  if (self->shells->len == 0)
    return;
  cab_company_overview_refresh (self->overview);
  gtk_stack_set_visible_child_name (self->main_stack, "companies");
}

static void
show_current_company_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);

  if (self->current != NULL)
    cab_window_switch_to (self, self->current);
}

/* --- Add Company ------------------------------------------------------------------------ */

static void
add_company_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);

  if (self->api == NULL)
    return;

  /* the companies shown stay signed in; the sign-in page gets its own client */
  cab_sign_in_page_reset (self->sign_in_page);
  cab_sign_in_page_set_login (self->sign_in_page, "");
  cab_window_show_auth (self, "sign-in");
  cab_sign_in_page_show_message (self->sign_in_page, NULL);
}

static void
cancel_add_company_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);

  if (self->pending != NULL)
    cab_window_end_company (self, self->pending, NULL, FALSE);
  if (self->current != NULL)
    cab_window_switch_to (self, self->current);
  else if (self->shells->len > 0)
    cab_window_switch_to (self, g_ptr_array_index (self->shells, 0));
}

/* --- Log Out and Remove Company --------------------------------------------------------- */

static void
on_sign_out (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* the token is dropped locally whatever the server says */
  if (!cab_api_client_sign_out_finish (CAB_API_CLIENT (object), result, &error))
    g_debug ("Sign-out not confirmed: %s", error->message);
}

static void
delete_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      /* symbolic links are removed, never followed */
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        delete_tree (child);
      else
        g_file_delete (child, NULL, NULL);
    }
  if (!g_file_delete (file, NULL, &error) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_debug ("Saved data not deleted: %s", error->message);
}

static void
delete_tree_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  delete_tree (task_data);
  g_task_return_boolean (task, TRUE);
}

/* Signs @shell's company out of the server and the window, and forgets it; @wipe: its keyring
 * password and its saved data (the offline store, the documents, the outbox) too. */
static void
remove_company (CabWindow       *self,
                CabCompanyShell *shell,
                gboolean         forget_password,
                gboolean         delete_data)
{
  g_autoptr(CabCompanyShell) keep = g_object_ref (shell);
  g_autoptr(CabSession) session = g_object_ref (cab_company_shell_get_session (shell));
  const char *login = cab_session_get_login (session);
  const char *server_id = cab_session_get_server_id (session);
  g_autofree char *dir = NULL;

  if (cab_api_client_get_token (cab_session_get_api (session)) != NULL)
    cab_api_client_sign_out_async (cab_session_get_api (session), NULL, on_sign_out, NULL);
  if (forget_password && server_id != NULL)
    cab_credentials_clear_async (self->credentials, server_id, login, NULL,
                                 cab_window_on_password_cleared, NULL);
  if (delete_data)
    dir = cab_session_services_dup_user_dir (session, login);

  /* the services stop first, so that nothing writes into the folder while it goes */
  cab_window_end_company (self, shell, NULL, TRUE);

  if (dir != NULL)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      g_task_set_source_tag (task, remove_company);
      g_task_set_task_data (task, g_file_new_for_path (dir), g_object_unref);
      g_task_run_in_thread (task, delete_tree_thread);
    }
}

static void
on_log_out_response (AdwMessageDialog *dialog,
                     const char       *response,
                     CabWindow        *self)
{
  if (self->current == NULL)
    return;
  if (g_strcmp0 (response, "log-out") == 0)
    remove_company (self, self->current, FALSE, FALSE);
  else if (g_strcmp0 (response, "forget") == 0)
    remove_company (self, self->current, TRUE, FALSE);
}

static void
log_out_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);
  g_autofree char *key = NULL;
  AdwMessageDialog *dialog;

  if (self->current == NULL)
    return;

  key = shell_key (self->current);
  if (!g_hash_table_contains (self->remembered, key))
    {
      remove_company (self, self->current, FALSE, FALSE);
      return;
    }

  /* only with a remembered password is there a question to ask */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Log Out?"),
                                                       _("The password of this login is remembered in the keyring. Forget it too, or keep it to log in by itself next time?")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "forget", _("Log Out and _Forget Password"),
                                    "log-out", _("_Log Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "forget", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "log-out");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_log_out_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  CabWindow       *window;
  CabCompanyShell *shell;
  GtkCheckButton  *wipe;
} RemoveQuestion;

static void
remove_question_free (RemoveQuestion *question)
{
  g_clear_object (&question->window);
  g_clear_object (&question->shell);
  g_clear_object (&question->wipe);
  g_free (question);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RemoveQuestion   *question)
{
  gboolean wipe = gtk_check_button_get_active (question->wipe);

  if (g_strcmp0 (response, "remove") == 0 && question->window->shells != NULL
      && g_ptr_array_find (question->window->shells, question->shell, NULL))
    remove_company (question->window, question->shell, wipe, wipe);
}

static void
remove_company_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  RemoveQuestion *question;
  AdwMessageDialog *dialog;
  GtkWidget *wipe;

  if (self->current == NULL)
    return;

  name = describe_company (self->current);
  /* Translators: the question of Remove Company; the company as in the switcher */
  body = g_strdup_printf (_("%s is logged out and no longer listed here."), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Remove Company?"),
                                                       body));
  wipe = gtk_check_button_new_with_mnemonic (_("_Forget its password and delete its saved data"));
  gtk_widget_set_halign (wipe, GTK_ALIGN_CENTER);
  adw_message_dialog_set_extra_child (dialog, wipe);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  question = g_new0 (RemoveQuestion, 1);
  question->window = g_object_ref (self);
  question->shell = g_object_ref (self->current);
  question->wipe = GTK_CHECK_BUTTON (g_object_ref (wipe));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_remove_response), question,
                         (GClosureNotify) (void (*) (void)) remove_question_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cab_window_install_company_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "cab.add-company", NULL, add_company_action);
  gtk_widget_class_install_action (widget_class, "cab.cancel-add-company", NULL,
                                   cancel_add_company_action);
  gtk_widget_class_install_action (widget_class, "cab.remove-company", NULL,
                                   remove_company_action);
  gtk_widget_class_install_action (widget_class, "cab.log-out", NULL, log_out_action);
  gtk_widget_class_install_action (widget_class, "cab.show-companies", NULL,
                                   show_companies_action);
  gtk_widget_class_install_action (widget_class, "cab.show-current-company", NULL,
                                   show_current_company_action);
}
