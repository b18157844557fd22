/* cab-window.c: the signed-in shell, an AdwLeaflet of the pages that exist in this build;
 * the sign-in flow before it is in cab-window-sign-in.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-account-list-dialog.h"
#include "cab-change-password-page.h"
#include "cab-client-info-page.h"
#include "cab-contract-card.h"
#include "cab-credentials.h"
#include "cab-forgot-password-page.h"
#include "cab-page-registry.h"
#include "cab-register-page.h"
#include "cab-session-services.h"
#include "cab-sign-in-page.h"
#include "cab-error-text.h"
#include "cab-window.h"
#include "cab-window-private.h"

#ifdef HAVE_OFFLINE
#include "offline/cab-document-opener.h"
#include "offline/cab-session-store.h"
#endif

G_DEFINE_FINAL_TYPE (CabWindow, cab_window, ADW_TYPE_APPLICATION_WINDOW)

/* The sidebar's fixed order; a page not built is simply absent. */
static const struct
{
  const char *name;
  const char *title;
  const char *icon;
} known_pages[] = {
  { "client-info", N_("Client Info"), "avatar-default-symbolic" },
  { "account-state", N_("Account State"), "x-office-spreadsheet-symbolic" },
  { "profile", N_("Profile"), "system-users-symbolic" },
  { "feedback", N_("Feedback"), "mail-send-symbolic" },
  { "downloads", N_("Downloaded Documents"), "folder-download-symbolic" },
};

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

  adw_window_title_set_title (self->auth_title, title);
  gtk_widget_set_visible (GTK_WIDGET (self->auth_back_button), back);
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
  g_return_val_if_fail (CAB_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") == 0)
    return "main";

  return gtk_stack_get_visible_child_name (self->auth_stack);
}

const char *
cab_window_get_page (CabWindow *self)
{
  g_return_val_if_fail (CAB_IS_WINDOW (self), NULL);

  if (self->session == NULL)
    return NULL;

  return gtk_stack_get_visible_child_name (self->content_stack);
}

GtkWidget *
cab_window_get_page_widget (CabWindow  *self,
                            const char *name)
{
  g_return_val_if_fail (CAB_IS_WINDOW (self), NULL);

  return gtk_stack_get_child_by_name (self->content_stack, name);
}

gboolean
cab_window_select_page (CabWindow  *self,
                        const char *name)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CAB_IS_WINDOW (self), FALSE);

  for (guint i = 0; self->page_names != NULL && i < self->page_names->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->page_names, i), name) != 0)
        continue;

      gtk_stack_set_visible_child_name (self->content_stack, name);
      row = gtk_list_box_get_row_at_index (self->sidebar, (int) i);
      if (row != NULL && gtk_list_box_get_selected_row (self->sidebar) != row)
        gtk_list_box_select_row (self->sidebar, row);
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_box));
      return TRUE;
    }

  return FALSE;
}

void
cab_window_set_offline_message (CabWindow  *self,
                                const char *message)
{
  g_return_if_fail (CAB_IS_WINDOW (self));

  gtk_label_set_text (self->offline_label,
                      message != NULL ? message : _("Offline: the server cannot be reached"));
}

CabSession *
cab_window_get_session (CabWindow *self)
{
  g_return_val_if_fail (CAB_IS_WINDOW (self), NULL);

  return self->session;
}

/* --- the top strip and the contract selector -------------------------------------------- */

static void
update_strip (CabWindow *self)
{
  const CabMe *me = self->session != NULL ? cab_session_get_me (self->session) : NULL;
  const CabContract *contract = self->session != NULL ? cab_session_get_contract (self->session) : NULL;
  g_autofree char *login = NULL;
  g_autofree char *contract_text = NULL;
  const char *name = "";
  const char *address = "";

  if (self->session != NULL)
    /* Translators: the top strip under the header bar */
    login = g_strdup_printf (_("Login: %s"), cab_session_get_login (self->session));

  if (contract != NULL)
    {
      g_autofree char *date = g_date_valid (&contract->contract_date)
                              ? cab_date_to_display (&contract->contract_date) : g_strdup ("");

      /* Translators: the top strip; account number, contract number, contract date */
      contract_text = g_strdup_printf (_("Account %s, contract No. %s of %s"),
                                       contract->account, contract->contract_number, date);
    }

  if (me != NULL)
    {
      /* the consumer is the branch where the contract names one, else the company */
      name = contract != NULL && contract->branch_name != NULL ? contract->branch_name
                                                               : me->partner.name;
      address = contract != NULL && contract->branch_address != NULL ? contract->branch_address
                                                                     : me->partner.address;
    }

  gtk_label_set_text (self->strip_login_label, login != NULL ? login : "");
  gtk_label_set_text (self->strip_contract_label, contract_text != NULL ? contract_text : "");
  gtk_label_set_text (self->strip_name_label, name != NULL ? name : "");
  gtk_label_set_text (self->strip_address_label, address != NULL ? address : "");
}

/* The account to select: the current one, the one used last, the login's own, the first. */
static const char *
choose_account (CabWindow   *self,
                const CabMe *me)
{
  const char *current = cab_session_get_account (self->session);
  g_autofree char *last = g_settings_get_string (self->settings, "last-account");

  if (current != NULL && cab_me_is_visible (me, current))
    return current;
  if (*last != '\0' && cab_me_is_visible (me, last))
    {
      for (guint i = 0; me->visible_accounts[i] != NULL; i++)
        if (g_strcmp0 (me->visible_accounts[i], last) == 0)
          return me->visible_accounts[i];
    }
  if (cab_me_is_visible (me, me->login))
    return me->login;
  if (cab_me_is_visible (me, cab_session_get_login (self->session)))
    return cab_session_get_login (self->session);

  return me->visible_accounts[0];
}

static void
update_contracts (CabWindow *self)
{
  const CabMe *me = self->session != NULL ? cab_session_get_me (self->session) : NULL;
  g_autoptr(GStrvBuilder) accounts = g_strv_builder_new ();
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *account = NULL;
  guint n_items;
  guint selected = GTK_INVALID_LIST_POSITION;

  self->updating_contracts = TRUE;

  for (guint i = 0; me != NULL && me->contracts != NULL && i < me->contracts->len; i++)
    {
      const CabContract *contract = g_ptr_array_index (me->contracts, i);

      if (!cab_me_is_visible (me, contract->account))
        continue;
      g_strv_builder_add (accounts, contract->account);
      g_ptr_array_add (titles, cab_contract_describe (contract));
    }
  g_ptr_array_add (titles, NULL);

  g_clear_pointer (&self->contract_accounts, g_strfreev);
  self->contract_accounts = g_strv_builder_end (accounts);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->contract_model));
  gtk_string_list_splice (self->contract_model, 0, n_items,
                          (const char * const *) titles->pdata);

  if (me != NULL && me->visible_accounts != NULL && me->visible_accounts[0] != NULL)
    {
      account = g_strdup (choose_account (self, me));
      for (guint i = 0; self->contract_accounts[i] != NULL; i++)
        if (g_strcmp0 (self->contract_accounts[i], account) == 0)
          selected = i;
    }

  gtk_drop_down_set_selected (self->contract_dropdown, selected);
  self->updating_contracts = FALSE;

  if (account != NULL)
    cab_session_set_account (self->session, account);
  update_strip (self);
}

/* The selector's button is what has the focus: it says which contract it shows (GTK 4.8
 * leaves it nameless, read out as "GtkToggleButton"). */
static void
name_contract_button (CabWindow *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->contract_dropdown);
  g_autofree char *name = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->contract_dropdown));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_TOGGLE_BUTTON (child))
        continue;
      if (item != NULL)
        /* Translators: the contract selector, read out with the contract it shows */
        name = g_strdup_printf (_("Contract: %s"), gtk_string_object_get_string (item));
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name != NULL ? name : _("Contract"), -1);
    }
}

static void
on_contract_selected (CabWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->contract_dropdown);
  const char *account;

  name_contract_button (self);
  if (self->updating_contracts || self->session == NULL || self->contract_accounts == NULL
      || selected >= g_strv_length (self->contract_accounts))
    return;

  account = self->contract_accounts[selected];
  cab_session_set_account (self->session, account);
  g_settings_set_string (self->settings, "last-account", account);
}

static void
on_back_online_lookup (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CabWindow) self = user_data;
  g_auto(CabPassword) password = NULL;
  g_autofree char *login = NULL;

  password = cab_credentials_lookup_finish (CAB_CREDENTIALS (object), result, NULL);
  if (self->session == NULL || cab_api_client_get_token (self->api) != NULL)
    return;

  login = g_strdup (cab_session_get_login (self->session));
  if (password != NULL)
    {
      cab_sign_in_page_sign_in_with (self->sign_in_page, login, password, TRUE);
      return;
    }

  cab_window_end_session (self, _("The server can be reached again. Log in to see fresh data."));
}

static void
on_offline_changed (CabWindow *self)
{
  gboolean offline = self->session != NULL && cab_session_get_offline (self->session);

  if (offline)
    {
#ifdef HAVE_OFFLINE
      g_autofree char *message = cab_session_store_dup_offline_message (self->session);

      cab_window_set_offline_message (self, message);
#else
      cab_window_set_offline_message (self, NULL);
#endif
    }
  gtk_revealer_set_reveal_child (self->offline_revealer, offline);

  /* a session opened offline has no token: sign in for real now the server is back */
  if (!offline && self->session != NULL && cab_api_client_get_token (self->api) == NULL
      && self->server_id != NULL)
    cab_credentials_lookup_async (self->credentials, self->server_id,
                                  cab_session_get_login (self->session), NULL,
                                  on_back_online_lookup, g_object_ref (self));
}

/* --- documents -------------------------------------------------------------------------- */

#ifdef HAVE_OFFLINE
static void
on_document_opened (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The viewer shows what went wrong; without it, there is nowhere else to say it. */
  if (!cab_document_opener_open_finish (result, NULL, &error))
    g_debug ("A document could not be opened: %s", error->message);
}
#endif

/* Any page may ask the session; documents open the one way, CabDocuments. */
static void
on_open_document (CabWindow            *self,
                  const CabDocumentRef *ref,
                  CabSession           *session)
{
#ifdef HAVE_OFFLINE
  cab_document_opener_open_async (session, GTK_WIDGET (self), ref, NULL, NULL, NULL,
                                  self->session_cancellable, on_document_opened, NULL);
#endif
}

/* --- the session ------------------------------------------------------------------------ */

static const char *
page_title (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_pages); i++)
    if (g_strcmp0 (known_pages[i].name, name) == 0)
      return _(known_pages[i].title);

  return name;
}

static const char *
page_icon (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_pages); i++)
    if (g_strcmp0 (known_pages[i].name, name) == 0)
      return known_pages[i].icon;

  return "applications-system-symbolic";
}

static int
page_rank (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_pages); i++)
    if (g_strcmp0 (known_pages[i].name, name) == 0)
      return (int) i;

  return G_N_ELEMENTS (known_pages);
}

static GtkWidget *
sidebar_row_new (const char *name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new_from_icon_name (page_icon (name));
  GtkWidget *label = gtk_label_new (page_title (name));

  /* one row per page that exists in this build: data, not layout */
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, page_title (name), -1);
  gtk_widget_set_tooltip_text (row, page_title (name));

  return row;
}

static void
build_pages (CabWindow *self)
{
  g_autofree GType *types = NULL;
  const char * const *names;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = 0;

  types = cab_page_registry_get_types (&n);
  names = cab_page_registry_get_names (NULL);

  for (guint i = 0; i < n; i++)
    g_array_append_val (order, i);
  /* insertion sort by the fixed order; a handful of pages */
  for (guint i = 1; i < order->len; i++)
    for (guint j = i; j > 0; j--)
      {
        guint *a = &g_array_index (order, guint, j - 1);
        guint *b = &g_array_index (order, guint, j);

        if (page_rank (names[*a]) <= page_rank (names[*b]))
          break;
        {
          guint tmp = *a;

          *a = *b;
          *b = tmp;
        }
      }

  g_ptr_array_set_size (self->page_names, 0);
  for (guint k = 0; k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);
      GtkWidget *page;

      if (gtk_stack_get_child_by_name (self->content_stack, names[i]) != NULL)
        continue;

      page = g_object_new (types[i], "session", self->session, NULL);
      gtk_stack_add_titled (self->content_stack, page, names[i], page_title (names[i]));
      gtk_list_box_append (self->sidebar, sidebar_row_new (names[i]));
      g_ptr_array_add (self->page_names, g_strdup (names[i]));
    }
}

static void
clear_pages (CabWindow *self)
{
  GtkWidget *child;

  /* gtk_list_box_remove_all() is GTK 4.12 */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar))) != NULL)
    gtk_list_box_remove (self->sidebar, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_stack))) != NULL)
    gtk_stack_remove (self->content_stack, child);
  g_ptr_array_set_size (self->page_names, 0);
}

static void
on_session_me (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CabWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CabMe) me = NULL;

  me = cab_api_client_get_me_finish (CAB_API_CLIENT (object), result, &error);
  if (me == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->session == NULL)
        return;
      if (g_strcmp0 (cab_window_get_view (self), "main") != 0)
        {
          g_autofree char *text = cab_error_text (error);

          cab_window_end_session (self, text);
        }
      return;
    }

  if (self->session == NULL)
    return;

  cab_session_set_me (self->session, me);
  if (g_strcmp0 (cab_window_get_view (self), "main") != 0)
    {
      const char *first = self->first_page != NULL ? self->first_page : "client-info";

      build_pages (self);
      gtk_stack_set_visible_child_name (self->main_stack, "main");
      if (!cab_window_select_page (self, first))
        cab_window_select_page (self, "client-info");
      g_clear_pointer (&self->first_page, g_free);
    }
}

static void
on_session_today (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CabWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GDate today;

  if (!cab_api_client_get_today_finish (CAB_API_CLIENT (object), result, &today, &error))
    return;
  if (self->session != NULL)
    cab_session_set_today (self->session, &today);
}

static void
on_session_refresh (CabWindow *self)
{
  if (self->session == NULL)
    return;

  if (cab_api_client_get_token (self->api) == NULL)
    {
      /* opened offline: only ask whether the server is back */
      cab_api_client_get_today_async (self->api, self->session_cancellable,
                                      on_session_today, g_object_ref (self));
      return;
    }

  cab_api_client_get_today_async (self->api, self->session_cancellable,
                                  on_session_today, g_object_ref (self));
  cab_api_client_get_me_async (self->api, self->session_cancellable,
                               on_session_me, g_object_ref (self));
}

void
cab_window_start_session (CabWindow   *self,
                          const char  *login,
                          const CabMe *me)
{
  if (self->session != NULL)
    cab_window_end_session (self, NULL);

  self->session = cab_session_new (self->api, login);
  cab_session_set_server_id (self->session, self->server_id);
  self->session_cancellable = g_cancellable_new ();

  g_signal_connect_object (self->session, "notify::me", G_CALLBACK (update_contracts),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::account", G_CALLBACK (update_strip),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::offline", G_CALLBACK (on_offline_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "refresh", G_CALLBACK (on_session_refresh),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "open-document", G_CALLBACK (on_open_document),
                           self, G_CONNECT_SWAPPED);

  if (me != NULL)
    cab_session_set_me (self->session, me);
  cab_session_services_start (self->session, g_application_get_default ());

  cab_window_show_starting (self, _("Loading…"));
  cab_api_client_get_today_async (self->api, self->session_cancellable,
                                  on_session_today, g_object_ref (self));
  cab_api_client_get_me_async (self->api, self->session_cancellable,
                               on_session_me, g_object_ref (self));
}

void
cab_window_start_offline_session (CabWindow   *self,
                                  const char  *login,
                                  const CabMe *me)
{
  if (self->session != NULL)
    cab_window_end_session (self, NULL);

  self->session = cab_session_new (self->api, login);
  cab_session_set_server_id (self->session, self->server_id);
  cab_session_set_offline (self->session, TRUE);
  self->session_cancellable = g_cancellable_new ();

  g_signal_connect_object (self->session, "notify::me", G_CALLBACK (update_contracts),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::account", G_CALLBACK (update_strip),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::offline", G_CALLBACK (on_offline_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "refresh", G_CALLBACK (on_session_refresh),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "open-document", G_CALLBACK (on_open_document),
                           self, G_CONNECT_SWAPPED);

  cab_session_services_start (self->session, g_application_get_default ());
  cab_session_set_me (self->session, me);
  build_pages (self);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  cab_window_select_page (self, "client-info");
  on_offline_changed (self);
}

void
cab_window_end_session (CabWindow  *self,
                        const char *message)
{
  g_autofree char *login = NULL;

  if (self->session != NULL)
    login = g_strdup (cab_session_get_login (self->session));

  g_cancellable_cancel (self->session_cancellable);
  g_clear_object (&self->session_cancellable);
  clear_pages (self);
  if (self->session != NULL)
    cab_session_clear_services (self->session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->contract_accounts, g_strfreev);
  gtk_string_list_splice (self->contract_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->contract_model)), NULL);
  gtk_revealer_set_reveal_child (self->offline_revealer, FALSE);
  update_strip (self);

  cab_sign_in_page_reset (self->sign_in_page);
  if (login != NULL)
    cab_sign_in_page_set_login (self->sign_in_page, login);
  cab_window_show_auth (self, "sign-in");
  cab_sign_in_page_show_message (self->sign_in_page, message);
}

/* --- actions ---------------------------------------------------------------------------- */

static void
on_sidebar_row_activated (CabWindow     *self,
                          GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->page_names->len)
    cab_window_select_page (self, g_ptr_array_index (self->page_names, index));
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);
  int index = g_variant_get_int32 (parameter) - 1;

  if (self->session == NULL || index < 0 || (guint) index >= self->page_names->len)
    return;

  cab_window_select_page (self, g_ptr_array_index (self->page_names, index));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);

  if (self->session != NULL)
    cab_session_refresh (self->session);
}

static void
edit_accounts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);
  CabAccountListDialog *dialog;

  if (self->session == NULL || cab_session_get_me (self->session) == NULL)
    return;

  dialog = cab_account_list_dialog_new (GTK_WINDOW (self), self->session);
  gtk_window_present (GTK_WINDOW (dialog));
}

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
log_out (CabWindow *self,
         gboolean   forget)
{
  g_autofree char *login = NULL;

  if (self->session == NULL)
    return;

  login = g_strdup (cab_session_get_login (self->session));
  cab_api_client_sign_out_async (self->api, NULL, on_sign_out, NULL);
  if (forget && self->server_id != NULL)
    {
      self->password_stored = FALSE;
      cab_credentials_clear_async (self->credentials, self->server_id, login, NULL,
                                   cab_window_on_password_cleared, NULL);
    }
  cab_window_end_session (self, NULL);
}

static void
on_log_out_response (AdwMessageDialog *dialog,
                     const char       *response,
                     CabWindow        *self)
{
  if (g_strcmp0 (response, "log-out") == 0)
    log_out (self, FALSE);
  else if (g_strcmp0 (response, "forget") == 0)
    log_out (self, TRUE);
}

static void
log_out_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);
  AdwMessageDialog *dialog;

  if (self->session == NULL)
    return;

  if (!self->password_stored)
    {
      log_out (self, FALSE);
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

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  retry_action (widget, action_name, parameter);
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
cab_window_dispose (GObject *object)
{
  CabWindow *self = (CabWindow *)object;

  g_cancellable_cancel (self->session_cancellable);
  g_clear_object (&self->session_cancellable);
  g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);
  g_clear_object (&self->session);
  if (self->api != NULL)
    g_clear_signal_handler (&self->unauthorized_id, self->api);
  g_clear_object (&self->api);
  if (self->credentials != NULL)
    g_signal_handlers_disconnect_by_data (self->credentials, self);
  g_clear_object (&self->credentials);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->contract_accounts, g_strfreev);
  g_clear_pointer (&self->server_id, g_free);
  g_clear_pointer (&self->first_page, g_free);
  g_clear_pointer (&self->page_names, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_WINDOW);

  G_OBJECT_CLASS (cab_window_parent_class)->dispose (object);
}

static void
cab_window_class_init (CabWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_window_dispose;

  g_type_ensure (CAB_TYPE_SIGN_IN_PAGE);
  g_type_ensure (CAB_TYPE_REGISTER_PAGE);
  g_type_ensure (CAB_TYPE_FORGOT_PASSWORD_PAGE);
  g_type_ensure (CAB_TYPE_CHANGE_PASSWORD_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CabWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, auth_stack);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, auth_back_button);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, auth_title);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, starting_label);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, register_page);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, forgot_password_page);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, change_password_page);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, contract_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, contract_model);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, strip_login_label);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, strip_contract_label);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, strip_name_label);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, strip_address_label);
  gtk_widget_class_bind_template_child (widget_class, CabWindow, content_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_signed_in);
  gtk_widget_class_bind_template_callback (widget_class, on_create_account);
  gtk_widget_class_bind_template_callback (widget_class, on_forgot_password);
  gtk_widget_class_bind_template_callback (widget_class, on_server_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_registered);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_contract_selected);

  gtk_widget_class_install_action (widget_class, "cab.auth-back", NULL,
                                   cab_window_auth_back_action);
  gtk_widget_class_install_action (widget_class, "cab.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "cab.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "cab.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "cab.edit-accounts", NULL, edit_accounts_action);
  gtk_widget_class_install_action (widget_class, "cab.log-out", NULL, log_out_action);
  gtk_widget_class_install_action (widget_class, "cab.page", "i", page_action);

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
}

static void
cab_window_init (CabWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_contract_button (self);

  self->page_names = g_ptr_array_new_with_free_func (g_free);
  self->credentials = g_object_ref (cab_credentials_get_default ());
  g_signal_connect_object (self->credentials, "notify::available",
                           G_CALLBACK (cab_window_on_keyring_available), self, G_CONNECT_SWAPPED);
}
