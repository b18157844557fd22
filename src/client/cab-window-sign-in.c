/* cab-window-sign-in.c: the window's sign-in flow: the keyring, the server probe and an
 * offline start, the sign-in, register, forgot- and change-password pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-change-password-page.h"
#include "cab-credentials.h"
#include "cab-forgot-password-page.h"
#include "cab-page-registry.h"
#include "cab-register-page.h"
#include "cab-sign-in-page.h"
#include "cab-error-text.h"
#include "cab-window.h"
#include "cab-window-private.h"

#ifdef HAVE_OFFLINE
#include "offline/cab-session-store.h"
#endif

/* --- the keyring ------------------------------------------------------------------------ */

void
cab_window_on_keyring_available (CabWindow *self)
{
  cab_sign_in_page_set_keyring_available (self->sign_in_page,
                                          cab_credentials_get_available (self->credentials));
}

typedef struct
{
  CabWindow *window;
  char      *key;
} Stored;

static void
on_password_stored (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Stored *stored = user_data;
  g_autoptr(GError) error = NULL;

  /* Log Out asks about the keyring only for a company whose password is there */
  if (cab_credentials_store_finish (CAB_CREDENTIALS (object), result, &error))
    {
      if (stored->window->remembered != NULL)
        g_hash_table_add (stored->window->remembered, g_steal_pointer (&stored->key));
    }
  else
    g_debug ("Password not stored: %s", error->message);
  g_object_unref (stored->window);
  g_free (stored->key);
  g_free (stored);
}

void
cab_window_on_password_cleared (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cab_credentials_clear_finish (CAB_CREDENTIALS (object), result, &error))
    g_debug ("Password not cleared: %s", error->message);
}

static void
remember_password (CabWindow  *self,
                   const char *login,
                   const char *password,
                   gboolean    remember)
{
  if (!cab_credentials_get_available (self->credentials) || self->server_id == NULL)
    return;

  if (remember)
    {
      Stored *stored = g_new0 (Stored, 1);

      stored->window = g_object_ref (self);
      stored->key = cab_window_company_key (self->server_id, login);
      cab_credentials_store_async (self->credentials, self->server_id, login, password, NULL,
                                   on_password_stored, stored);
    }
  else
    {
      g_autofree char *key = cab_window_company_key (self->server_id, login);

      /* "Remember me" off: nothing of this login stays in the keyring */
      g_hash_table_remove (self->remembered, key);
      cab_credentials_clear_async (self->credentials, self->server_id, login, NULL,
                                   cab_window_on_password_cleared, NULL);
    }
}

static void
on_auto_lookup (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CabWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(CabPassword) password = NULL;
  g_autofree char *login = NULL;

  password = cab_credentials_lookup_finish (CAB_CREDENTIALS (object), result, &error);
  cab_window_on_keyring_available (self);

  if (error != NULL || self->api == NULL || self->pending != NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Keyring lookup failed: %s", error->message);
      return;
    }

  login = g_settings_get_string (self->settings, "last-login");
  if (password != NULL && *login != '\0'
      && g_strcmp0 (cab_window_get_view (self), "sign-in") == 0)
    {
      g_hash_table_add (self->remembered, cab_window_company_key (self->server_id, login));
      cab_sign_in_page_sign_in_with (self->sign_in_page, login, password, TRUE);
    }
}

static void
try_auto_sign_in (CabWindow *self)
{
  g_autofree char *login = g_settings_get_string (self->settings, "last-login");

  cab_sign_in_page_set_login (self->sign_in_page, login);
  if (self->server_id == NULL)
    return;

  /* Looked up even without a last login, so that a missing keyring is told up front. */
  cab_credentials_lookup_async (self->credentials, self->server_id, login, NULL,
                                on_auto_lookup, g_object_ref (self));
}

/* --- server ----------------------------------------------------------------------------- */

/* The client of the next sign-in; a company's session keeps the one it signed in on. */
void
cab_window_set_api (CabWindow    *self,
                    CabApiClient *api)
{
  g_set_object (&self->api, api);
  cab_sign_in_page_set_api (self->sign_in_page, api);
  cab_register_page_set_api (self->register_page, api);
  cab_forgot_password_page_set_api (self->forgot_password_page, api);
}

static void
on_probe (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CabWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cab_api_client_get_today_finish (CAB_API_CLIENT (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || CAB_API_CLIENT (object) != self->api)
        return;

#ifdef HAVE_OFFLINE
      /* an offline start, not while adding a company */
      if (cab_error_is_unreachable (error) && self->shells->len == 0)
        {
          g_autofree char *login = NULL;
          g_autoptr(CabMe) me = NULL;
          g_autoptr(GError) store_error = NULL;

          if (cab_session_store_load_last_user (self->server_id, &login, &me, NULL, &store_error))
            {
              cab_window_start_offline_session (self, login, me);
              cab_window_open_saved_companies (self, TRUE, FALSE);
              return;
            }
          g_debug ("No saved data for an offline start: %s", store_error->message);
          /* the other saved companies, for Cancel on the sign-in page */
          cab_window_open_saved_companies (self, TRUE, FALSE);
        }
#endif

      cab_window_show_auth (self, "sign-in");
      {
        g_autofree char *text = cab_error_text (error);

        cab_sign_in_page_show_message (self->sign_in_page, text);
      }
      try_auto_sign_in (self);
      return;
    }

  if (CAB_API_CLIENT (object) != self->api)
    return;

  cab_window_show_auth (self, "sign-in");
  cab_sign_in_page_show_message (self->sign_in_page, NULL);
  try_auto_sign_in (self);
  if (self->shells->len == 0)
    cab_window_open_saved_companies (self, FALSE, FALSE);
}

static void
use_server (CabWindow  *self,
            const char *url,
            const char *server_id,
            gboolean    demo)
{
  g_autoptr(CabApiClient) api = NULL;
  g_autoptr(GError) error = NULL;

  self->demo = demo;
  cab_sign_in_page_set_demo (self->sign_in_page, demo);
  cab_sign_in_page_set_server_url (self->sign_in_page, url);

  api = url != NULL ? cab_api_client_new (url, &error) : NULL;
  cab_window_set_api (self, api);
  g_clear_pointer (&self->server_id, g_free);

  if (api == NULL)
    {
      g_autofree char *text = error != NULL ? cab_error_text_for_server (error, url) : NULL;

      cab_window_show_auth (self, "sign-in");
      cab_sign_in_page_show_message (self->sign_in_page,
                                     text != NULL ? text
                                                  : _("Set the server address under “Server”."));
      return;
    }

  if (server_id != NULL)
    self->server_id = g_strdup (server_id);
  else
    {
      /* the session computes the same host[:port] name */
      g_autoptr(CabSession) probe = cab_session_new (api, NULL);

      self->server_id = g_strdup (cab_session_get_server_id (probe));
    }

  /* Is the server there? If not, the last user's saved data may be shown offline. */
  g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);
  self->probe_cancellable = g_cancellable_new ();
  cab_window_show_starting (self, NULL);
  cab_api_client_get_today_async (api, self->probe_cancellable, on_probe, g_object_ref (self));
}

void
cab_window_set_server (CabWindow  *self,
                       const char *url,
                       const char *server_id,
                       gboolean    demo)
{
  g_return_if_fail (CAB_IS_WINDOW (self));

  /* another server for the whole window: every company signs out of the window */
  while (self->shells->len > 0)
    cab_window_end_company (self, g_ptr_array_index (self->shells, self->shells->len - 1),
                            NULL, FALSE);
  use_server (self, url, server_id, demo);
}

void
on_server_changed (CabWindow  *self,
                   const char *url)
{
  g_settings_set_string (self->settings, "server-url", url);
  /* adding a company on another server: the companies shown stay */
  use_server (self, url, NULL, FALSE);
}

/* --- the sign-in flow ------------------------------------------------------------------- */

void
on_signed_in (CabWindow  *self,
              const char *login,
              const char *password,
              gboolean    remember,
              gboolean    must_change)
{
  g_settings_set_string (self->settings, "last-login", login);

  if (must_change)
    {
      /* the temporary password is not worth keeping; the new one is, if asked */
      self->remember_pending = remember;
      cab_change_password_page_start (self->change_password_page, self->api, password);
      cab_window_show_auth (self, "change-password");
      return;
    }

  remember_password (self, login, password, remember);
  cab_window_start_session (self, login, NULL);
}

void
on_password_changed (CabWindow  *self,
                     CabMe      *me,
                     const char *password)
{
  if (self->remember_pending)
    remember_password (self, me->login, password, TRUE);
  self->remember_pending = FALSE;
  g_settings_set_string (self->settings, "last-login", me->login);
  cab_window_start_session (self, me->login, me);
}

void
on_registered (CabWindow  *self,
               const char *login,
               const char *password)
{
  g_settings_set_string (self->settings, "last-login", login);
  cab_sign_in_page_set_login (self->sign_in_page, login);
  /* the manual: registration leads to the profile to finish the settings */
  g_free (self->first_page);
  self->first_page = g_strdup (cab_page_registry_lookup ("profile") != G_TYPE_INVALID
                               ? "profile" : "client-info");
  cab_window_start_session (self, login, NULL);
}

void
on_create_account (CabWindow *self)
{
  cab_register_page_reset (self->register_page);
  cab_window_show_auth (self, "register");
}

void
on_forgot_password (CabWindow *self)
{
  cab_forgot_password_page_reset (self->forgot_password_page,
                                  cab_sign_in_page_get_login (self->sign_in_page));
  cab_window_show_auth (self, "forgot-password");
}

void
cab_window_auth_back_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CabWindow *self = CAB_WINDOW (widget);
  const char *view = cab_window_get_view (self);

  /* Escape too: only from the pages reached from the sign-in page */
  if (g_strcmp0 (view, "register") == 0 || g_strcmp0 (view, "forgot-password") == 0)
    cab_window_show_auth (self, "sign-in");
  /* and from adding a company, as its Cancel */
  else if (g_strcmp0 (view, "sign-in") == 0 && self->shells->len > 0)
    gtk_widget_activate_action (widget, "cab.cancel-add-company", NULL);
}
