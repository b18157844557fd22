/* cab-application.c: start-up, options, the demo server and the app-wide actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "cab-api-client.h"
#include "cab-error-text.h"
#include "cab-application.h"
#include "cab-demo-server.h"
#include "cab-preferences-window.h"
#include "cab-supplier-cache.h"
#include "cab-window.h"

struct _CabApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *server_url;     /* --server */
  gboolean        demo;           /* --demo */
  CabDemoServer  *demo_server;
  char           *demo_url;
  GCancellable   *cancellable;
  guint           sigterm_id;
  guint           sigint_id;
};

G_DEFINE_FINAL_TYPE (CabApplication, cab_application, ADW_TYPE_APPLICATION)

CabApplication *
cab_application_new (void)
{
  return g_object_new (CAB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/ru/tek_energo/Cabinet",
                       NULL);
}

GSettings *
cab_application_get_settings (CabApplication *self)
{
  g_return_val_if_fail (CAB_IS_APPLICATION (self), NULL);

  return self->settings;
}

static int
cab_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  CabApplication *self = CAB_APPLICATION (app);
  const char *server = NULL;

  if (g_variant_dict_lookup (options, "server", "&s", &server))
    {
      g_autoptr(CabApiClient) api = NULL;
      g_autoptr(GError) error = NULL;

      api = cab_api_client_new (server, &error);
      if (api == NULL)
        {
          g_autofree char *text = cab_error_text_for_server (error, server);

          g_printerr ("%s\n", text);
          return EXIT_FAILURE;
        }
      g_free (self->server_url);
      self->server_url = g_strdup (server);
    }

  if (g_variant_dict_contains (options, "demo"))
    self->demo = TRUE;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("tek-cabinet %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return G_APPLICATION_CLASS (cab_application_parent_class)->handle_local_options (app, options);
}

static void
on_demo_started (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CabApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GtkWindow *window;

  url = cab_demo_server_start_finish (CAB_DEMO_SERVER (object), result, &error);
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (url == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Demo server: %s", error->message);
      if (window != NULL)
        cab_window_show_error (CAB_WINDOW (window), error->message);
      return;
    }

  self->demo_url = g_steal_pointer (&url);
  if (window != NULL)
    cab_window_set_server (CAB_WINDOW (window), self->demo_url, "demo", TRUE);
}

static void
cab_application_activate (GApplication *app)
{
  CabApplication *self = CAB_APPLICATION (app);
  GtkWindow *window;
  g_autofree char *url = NULL;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (cab_window_new (GTK_APPLICATION (app), self->settings));
  gtk_window_present (window);

  if (self->demo)
    {
      if (self->demo_url != NULL)
        cab_window_set_server (CAB_WINDOW (window), self->demo_url, "demo", TRUE);
      else if (self->demo_server == NULL)
        {
          self->demo_server = cab_demo_server_new ();
          cab_window_show_starting (CAB_WINDOW (window), _("Starting the demo server…"));
          cab_demo_server_start_async (self->demo_server, self->cancellable,
                                       on_demo_started, g_object_ref (self));
        }
      return;
    }

  url = self->server_url != NULL ? g_strdup (self->server_url)
                                 : g_settings_get_string (self->settings, "server-url");
  cab_window_set_server (CAB_WINDOW (window), *url != '\0' ? url : NULL, NULL, FALSE);
}

static gboolean
on_unix_signal (gpointer user_data)
{
  /* quit cleanly, so that shutdown stops the demo server */
  g_application_quit (G_APPLICATION (user_data));

  return G_SOURCE_CONTINUE;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* The server the app talks to: the demo's, --server, or the saved one. */
static char *
current_server_url (CabApplication *self)
{
  if (self->demo)
    return g_strdup (self->demo_url);
  if (self->server_url != NULL)
    return g_strdup (self->server_url);
  return g_settings_get_string (self->settings, "server-url");
}

/* The supplier's support address as About links, from the copy saved for this server (the
 * recovery page fetches it before sign-in), so that it shows offline too. */
static void
add_support_links (CabApplication *self,
                   AdwAboutWindow *about)
{
  g_autofree char *url = current_server_url (self);
  g_autoptr(CabApiClient) api = NULL;
  g_autoptr(CabSupplierCache) cache = NULL;
  g_autoptr(CabSupplier) supplier = NULL;
  g_autoptr(GError) error = NULL;

  /* the API client's form of the address is the one the copy is saved under */
  if (url == NULL || (api = cab_api_client_new (url, NULL)) == NULL)
    return;
  cache = cab_supplier_cache_new (NULL);
  supplier = cab_supplier_cache_load (cache, cab_api_client_get_base_url (api), &error);
  if (supplier == NULL)
    {
      if (error != NULL)
        g_debug ("No supplier support address for About: %s", error->message);
      return;
    }

  if (supplier->support_email != NULL)
    {
      g_autofree char *mailto = g_strconcat ("mailto:", supplier->support_email, NULL);
      g_autofree char *title = g_strdup_printf (_("Support Email: %s"), supplier->support_email);

      adw_about_window_set_support_url (about, mailto);
      adw_about_window_add_link (about, title, mailto);
    }
  if (supplier->phone != NULL)
    {
      g_autofree char *tel = g_strconcat ("tel:", supplier->phone, NULL);
      g_autofree char *title = g_strdup_printf (_("Support Phone: %s"), supplier->phone);

      adw_about_window_add_link (about, title, tel);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CabApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "TEK Cabinet contributors", NULL };
  AdwAboutWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "application-name", _("TEK Cabinet"),
                        "application-icon", APP_ID,
                        "developer-name", _("TEK Cabinet contributors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("The client cabinet of TEK-Energo for legal entities: contracts, debt, reconciliation acts, invoices and feedback."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  add_support_links (self, about);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CabApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *url = current_server_url (self);
  CabPreferencesWindow *preferences;

  preferences = cab_preferences_window_new (window, self->settings, url);
  if (CAB_IS_WINDOW (window) && cab_window_get_session (CAB_WINDOW (window)) != NULL)
    cab_preferences_window_set_login (preferences,
                                      cab_session_get_login (cab_window_get_session (CAB_WINDOW (window))),
                                      NULL);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The default action of the notifications: bring the window up on the page they are about. */
static void
show_page_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CabApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!CAB_IS_WINDOW (window))
    {
      g_application_activate (G_APPLICATION (self));
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
    }

  if (CAB_IS_WINDOW (window))
    {
      cab_window_select_page (CAB_WINDOW (window), g_variant_get_string (parameter, NULL));
      gtk_window_present (window);
    }
}

/* The notifications of a company: bring the window up on that company and page. The target
 * is (server id as the offline folder names it, login, page name). */
static void
show_company_page_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  CabApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *server_id = NULL;
  const char *login = NULL;
  const char *page = NULL;

  g_variant_get (parameter, "(&s&s&s)", &server_id, &login, &page);
  if (!CAB_IS_WINDOW (window))
    {
      g_application_activate (G_APPLICATION (self));
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
    }

  if (CAB_IS_WINDOW (window))
    {
      /* a company no longer open: the window as it is */
      if (!cab_window_show_company_page (CAB_WINDOW (window), server_id, login, page))
        g_debug ("No company %s on %s in the window", login, server_id);
      gtk_window_present (window);
    }
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
  { "show-page", show_page_action, "s", NULL, NULL, { 0 } },
  { "show-company-page", show_company_page_action, "(sss)", NULL, NULL, { 0 } },
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "preferences", preferences_action, NULL, NULL, NULL, { 0 } },
};

static void
cab_application_startup (GApplication *app)
{
  CabApplication *self = CAB_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (cab_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);

  self->sigterm_id = g_unix_signal_add (SIGTERM, on_unix_signal, app);
  self->sigint_id = g_unix_signal_add (SIGINT, on_unix_signal, app);
}

static void
cab_application_shutdown (GApplication *app)
{
  CabApplication *self = CAB_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->demo_server != NULL)
    cab_demo_server_stop (self->demo_server);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);

  G_APPLICATION_CLASS (cab_application_parent_class)->shutdown (app);
}

static void
cab_application_finalize (GObject *object)
{
  CabApplication *self = (CabApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->demo_server);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->demo_url, g_free);

  G_OBJECT_CLASS (cab_application_parent_class)->finalize (object);
}

static void
cab_application_class_init (CabApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cab_application_finalize;
  app_class->handle_local_options = cab_application_handle_local_options;
  app_class->activate = cab_application_activate;
  app_class->startup = cab_application_startup;
  app_class->shutdown = cab_application_shutdown;
}

static void
cab_application_init (CabApplication *self)
{
  static const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Use the cabinet server at URL (https:// only, except this computer)"), N_("URL") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start the bundled demo server and use it"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  self->cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}
