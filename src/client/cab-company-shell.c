/* cab-company-shell.c: one company's signed-in shell, an AdwLeaflet of the pages that exist in
 * this build over the company's own CabSession.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-company-shell.h"
#include "cab-contract-card.h"
#include "cab-error-text.h"
#include "cab-page-registry.h"
#include "cab-session-services.h"

#ifdef HAVE_OFFLINE
#include "offline/cab-document-opener.h"
#include "offline/cab-session-store.h"
#endif

struct _CabCompanyShell
{
  AdwBin         parent_instance;

  CabSession    *session;
  GSettings     *settings;
  GCancellable  *cancellable;
  GStrv          contract_accounts;   /* parallel to contract_model */
  gboolean       updating_contracts;
  gboolean       ready;
  char          *first_page;
  GPtrArray     *page_names;          /* sidebar order; row i shows page_names[i] */

  /* template */
  AdwLeaflet    *leaflet;
  GtkMenuButton *company_button;
  GMenu         *primary_menu;
  GtkLabel      *company_label;
  GtkListBox    *sidebar;
  GtkBox        *content_box;
  GtkDropDown   *contract_dropdown;
  GtkStringList *contract_model;
  GtkRevealer   *offline_revealer;
  GtkLabel      *offline_label;
  GtkLabel      *strip_login_label;
  GtkLabel      *strip_contract_label;
  GtkLabel      *strip_name_label;
  GtkLabel      *strip_address_label;
  GtkStack      *content_stack;
};

G_DEFINE_FINAL_TYPE (CabCompanyShell, cab_company_shell, ADW_TYPE_BIN)

enum { SIGNAL_READY, SIGNAL_FAILED, SIGNAL_BACK_ONLINE, N_SIGNALS };
static guint signals[N_SIGNALS];

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
  /* After the manual's sections and the downloads, so their Alt+1…5 stay what they were. */
  { "consumption", N_("Consumption"), "power-profile-balanced-symbolic" },
};

/* --- pages ------------------------------------------------------------------------------ */

const char *
cab_company_shell_get_page (CabCompanyShell *self)
{
  g_return_val_if_fail (CAB_IS_COMPANY_SHELL (self), NULL);

  if (!self->ready)
    return NULL;

  return gtk_stack_get_visible_child_name (self->content_stack);
}

GtkWidget *
cab_company_shell_get_page_widget (CabCompanyShell *self,
                                   const char      *name)
{
  g_return_val_if_fail (CAB_IS_COMPANY_SHELL (self), NULL);

  return gtk_stack_get_child_by_name (self->content_stack, name);
}

gboolean
cab_company_shell_select_page (CabCompanyShell *self,
                               const char      *name)
{
  g_return_val_if_fail (CAB_IS_COMPANY_SHELL (self), FALSE);

  for (guint i = 0; i < self->page_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->page_names, i), name) == 0)
      return cab_company_shell_select_page_at (self, (int) i);

  return FALSE;
}

gboolean
cab_company_shell_select_page_at (CabCompanyShell *self,
                                  int              index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CAB_IS_COMPANY_SHELL (self), FALSE);

  if (index < 0 || (guint) index >= self->page_names->len)
    return FALSE;

  gtk_stack_set_visible_child_name (self->content_stack,
                                    g_ptr_array_index (self->page_names, index));
  row = gtk_list_box_get_row_at_index (self->sidebar, index);
  if (row != NULL && gtk_list_box_get_selected_row (self->sidebar) != row)
    gtk_list_box_select_row (self->sidebar, row);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_box));

  return TRUE;
}

void
cab_company_shell_show_sidebar (CabCompanyShell *self)
{
  g_return_if_fail (CAB_IS_COMPANY_SHELL (self));

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
cab_company_shell_set_offline_message (CabCompanyShell *self,
                                       const char      *message)
{
  g_return_if_fail (CAB_IS_COMPANY_SHELL (self));

  gtk_label_set_text (self->offline_label,
                      message != NULL ? message : _("Offline: the server cannot be reached"));
}

void
cab_company_shell_set_switcher_menu (CabCompanyShell *self,
                                     GMenuModel      *menu)
{
  g_return_if_fail (CAB_IS_COMPANY_SHELL (self));

  gtk_menu_button_set_menu_model (self->company_button, menu);
  /* the same in the main menu: when folded, the sidebar's switcher is a step away */
  if (menu != NULL)
    g_menu_prepend_submenu (self->primary_menu, _("_Companies"), menu);
}

CabSession *
cab_company_shell_get_session (CabCompanyShell *self)
{
  g_return_val_if_fail (CAB_IS_COMPANY_SHELL (self), NULL);

  return self->session;
}

gboolean
cab_company_shell_get_ready (CabCompanyShell *self)
{
  g_return_val_if_fail (CAB_IS_COMPANY_SHELL (self), FALSE);

  return self->ready;
}

const char *
cab_company_shell_get_name (CabCompanyShell *self)
{
  const CabMe *me;

  g_return_val_if_fail (CAB_IS_COMPANY_SHELL (self), NULL);

  me = self->session != NULL ? cab_session_get_me (self->session) : NULL;
  if (me != NULL && me->partner.name != NULL && *me->partner.name != '\0')
    return me->partner.name;

  return self->session != NULL ? cab_session_get_login (self->session) : "";
}

/* --- the switcher, the top strip and the contract selector ------------------------------ */

static void
update_company_button (CabCompanyShell *self)
{
  const char *name = cab_company_shell_get_name (self);
  g_autofree char *label = NULL;

  gtk_label_set_text (self->company_label, name);
  /* Translators: the company switcher, read out with the company it shows */
  label = g_strdup_printf (_("Switch Company: %s"), name);
  /* the button inside is what takes the focus and the press (GTK 4.8 leaves it nameless) */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->company_button));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
}

static void
update_strip (CabCompanyShell *self)
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
choose_account (CabCompanyShell *self,
                const CabMe     *me)
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
update_contracts (CabCompanyShell *self)
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
  update_company_button (self);
}

/* The selector's button is what has the focus: it says which contract it shows (GTK 4.8
 * leaves it nameless, read out as "GtkToggleButton"). */
static void
name_contract_button (CabCompanyShell *self)
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
on_contract_selected (CabCompanyShell *self)
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
on_offline_changed (CabCompanyShell *self)
{
  gboolean offline = self->session != NULL && cab_session_get_offline (self->session);

  if (offline)
    {
#ifdef HAVE_OFFLINE
      g_autofree char *message = cab_session_store_dup_offline_message (self->session);

      cab_company_shell_set_offline_message (self, message);
#else
      cab_company_shell_set_offline_message (self, NULL);
#endif
    }
  gtk_revealer_set_reveal_child (self->offline_revealer, offline);

  /* a session opened offline has no token: the window signs in for real now */
  if (!offline && self->session != NULL
      && cab_api_client_get_token (cab_session_get_api (self->session)) == NULL)
    g_signal_emit (self, signals[SIGNAL_BACK_ONLINE], 0);
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
on_open_document (CabCompanyShell      *self,
                  const CabDocumentRef *ref,
                  CabSession           *session)
{
#ifdef HAVE_OFFLINE
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  cab_document_opener_open_async (session, root != NULL ? GTK_WIDGET (root) : GTK_WIDGET (self),
                                  ref, NULL, NULL, NULL, self->cancellable,
                                  on_document_opened, NULL);
#endif
}

/* --- building the pages ----------------------------------------------------------------- */

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

static int
compare_pages (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const char * const *names = user_data;

  return page_rank (names[*(const guint *) a]) - page_rank (names[*(const guint *) b]);
}

static void
build_pages (CabCompanyShell *self)
{
  g_autofree GType *types = NULL;
  const char * const *names;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *first = self->first_page != NULL ? self->first_page : "client-info";
  guint n = 0;

  if (self->ready)
    return;

  types = cab_page_registry_get_types (&n);
  names = cab_page_registry_get_names (NULL);

  for (guint i = 0; i < n; i++)
    g_array_append_val (order, i);
  /* stable, so pages of the same rank keep the registry's order */
  g_array_sort_with_data (order, compare_pages, (gpointer) names);

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

  self->ready = TRUE;
  if (!cab_company_shell_select_page (self, first))
    cab_company_shell_select_page (self, "client-info");
  g_clear_pointer (&self->first_page, g_free);
  g_signal_emit (self, signals[SIGNAL_READY], 0);
}

static void
clear_pages (CabCompanyShell *self)
{
  GtkWidget *child;

  /* gtk_list_box_remove_all() is GTK 4.12 */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar))) != NULL)
    gtk_list_box_remove (self->sidebar, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_stack))) != NULL)
    gtk_stack_remove (self->content_stack, child);
  g_ptr_array_set_size (self->page_names, 0);
  self->ready = FALSE;
}

/* --- the session ------------------------------------------------------------------------ */

static void
on_session_me (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CabCompanyShell) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CabMe) me = NULL;

  me = cab_api_client_get_me_finish (CAB_API_CLIENT (object), result, &error);
  if (me == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->session == NULL)
        return;
      if (!self->ready)
        {
          g_autofree char *text = cab_error_text (error);

          g_signal_emit (self, signals[SIGNAL_FAILED], 0, text);
        }
      return;
    }

  if (self->session == NULL)
    return;

  cab_session_set_me (self->session, me);
  build_pages (self);
}

static void
on_session_today (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CabCompanyShell) self = user_data;
  g_autoptr(GError) error = NULL;
  GDate today;

  if (!cab_api_client_get_today_finish (CAB_API_CLIENT (object), result, &today, &error))
    return;
  if (self->session != NULL)
    cab_session_set_today (self->session, &today);
}

static void
on_session_refresh (CabCompanyShell *self)
{
  CabApiClient *api;

  if (self->session == NULL)
    return;

  api = cab_session_get_api (self->session);
  cab_api_client_get_today_async (api, self->cancellable, on_session_today,
                                  g_object_ref (self));
  /* opened offline: only ask whether the server is back */
  if (cab_api_client_get_token (api) != NULL)
    cab_api_client_get_me_async (api, self->cancellable, on_session_me, g_object_ref (self));
}

void
cab_company_shell_start (CabCompanyShell *self,
                         const CabMe     *me)
{
  g_return_if_fail (CAB_IS_COMPANY_SHELL (self));
  g_return_if_fail (self->session != NULL);

  if (me != NULL)
    cab_session_set_me (self->session, me);
  cab_session_services_start (self->session, g_application_get_default ());
  update_company_button (self);

  if (cab_session_get_offline (self->session))
    {
      build_pages (self);
      on_offline_changed (self);
      return;
    }

  on_session_refresh (self);
}

void
cab_company_shell_stop (CabCompanyShell *self)
{
  g_return_if_fail (CAB_IS_COMPANY_SHELL (self));

  g_cancellable_cancel (self->cancellable);
  clear_pages (self);
  if (self->session != NULL)
    cab_session_clear_services (self->session);
  gtk_revealer_set_reveal_child (self->offline_revealer, FALSE);
}

/* --- template callbacks ----------------------------------------------------------------- */

static void
on_sidebar_row_activated (CabCompanyShell *self,
                          GtkListBoxRow   *row)
{
  cab_company_shell_select_page_at (self, gtk_list_box_row_get_index (row));
}

/* --- GObject ---------------------------------------------------------------------------- */

CabCompanyShell *
cab_company_shell_new (CabSession *session,
                       GSettings  *settings,
                       const char *first_page)
{
  CabCompanyShell *self;

  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CAB_TYPE_COMPANY_SHELL, NULL);
  self->session = g_object_ref (session);
  self->settings = g_object_ref (settings);
  self->first_page = g_strdup (first_page);

  g_signal_connect_object (session, "notify::me", G_CALLBACK (update_contracts),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::account", G_CALLBACK (update_strip),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::offline", G_CALLBACK (on_offline_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "refresh", G_CALLBACK (on_session_refresh),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "open-document", G_CALLBACK (on_open_document),
                           self, G_CONNECT_SWAPPED);
  update_company_button (self);
  update_strip (self);

  return self;
}

static void
cab_company_shell_dispose (GObject *object)
{
  CabCompanyShell *self = (CabCompanyShell *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->contract_accounts, g_strfreev);
  g_clear_pointer (&self->first_page, g_free);
  g_clear_pointer (&self->page_names, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_COMPANY_SHELL);

  G_OBJECT_CLASS (cab_company_shell_parent_class)->dispose (object);
}

static void
cab_company_shell_class_init (CabCompanyShellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_company_shell_dispose;

  /* The pages are built: the shell can be shown. */
  signals[SIGNAL_READY] =
    g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The first GET /me failed (the words to show): the company could not be opened. */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A session opened offline (no token) sees the server again: time to sign in for real. */
  signals[SIGNAL_BACK_ONLINE] =
    g_signal_new ("back-online", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-company-shell.ui");
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, company_button);
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, company_label);
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, content_box);
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, contract_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, contract_model);
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, offline_label);
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, strip_login_label);
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, strip_contract_label);
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, strip_name_label);
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, strip_address_label);
  gtk_widget_class_bind_template_child (widget_class, CabCompanyShell, content_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_contract_selected);
}

static void
cab_company_shell_init (CabCompanyShell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_contract_button (self);

  self->cancellable = g_cancellable_new ();
  self->page_names = g_ptr_array_new_with_free_func (g_free);
}
