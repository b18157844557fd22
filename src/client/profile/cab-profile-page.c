/* cab-profile-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cab-profile-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cab-core.h"
#include "cab-credentials.h"
#include "cab-error-text.h"
#include "cab-profile-page.h"

struct _CabProfilePage
{
  AdwBin           parent_instance;

  CabSession      *session;
  GCancellable    *cancellable;
  CabMe           *baseline;           /* the user as the server last told us */
  guint            n_busy;
  gboolean         filled;

  /* The change in flight, to update the keyring when it succeeds. */
  char            *sent_old_login;
  char            *sent_login;
  char            *sent_password;

  AdwToastOverlay *toast_overlay;
  GtkLabel        *general_error_label;
  GtkEntry        *login_entry;
  GtkLabel        *login_error;
  GtkPasswordEntry *current_password_entry;
  GtkLabel        *current_password_error;
  GtkPasswordEntry *new_password_entry;
  GtkLabel        *new_password_error;
  GtkPasswordEntry *repeat_password_entry;
  GtkLabel        *repeat_password_error;
  GtkEntry        *email_entry;
  GtkLabel        *email_error;
  GtkEntry        *phone_entry;
  GtkLabel        *phone_error;
  GtkButton       *update_button;
  GtkSpinner      *update_spinner;
  GtkSwitch       *subscription_switch;
  GtkLabel        *subscription_status;
};

G_DEFINE_FINAL_TYPE (CabProfilePage, cab_profile_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wipe_string (char **str)
{
  if (*str != NULL)
    {
      memset (*str, 0, strlen (*str));
      g_clear_pointer (str, g_free);
    }
}

static void
set_busy (CabProfilePage *self,
          gboolean        busy)
{
  gboolean was_busy = self->n_busy > 0;

  if (busy)
    self->n_busy++;
  else if (self->n_busy > 0)
    self->n_busy--;

  if (was_busy != (self->n_busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_updating (CabProfilePage *self,
              gboolean        updating)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.update", !updating);
  gtk_widget_set_visible (GTK_WIDGET (self->update_spinner), updating);
  gtk_spinner_set_spinning (self->update_spinner, updating);
  set_busy (self, updating);
}

static void
show_field_error (GtkWidget  *entry,
                  GtkLabel   *label,
                  const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);

  if (message != NULL)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
clear_errors (CabProfilePage *self)
{
  show_field_error (GTK_WIDGET (self->login_entry), self->login_error, NULL);
  show_field_error (GTK_WIDGET (self->current_password_entry), self->current_password_error, NULL);
  show_field_error (GTK_WIDGET (self->new_password_entry), self->new_password_error, NULL);
  show_field_error (GTK_WIDGET (self->repeat_password_entry), self->repeat_password_error, NULL);
  show_field_error (GTK_WIDGET (self->email_entry), self->email_error, NULL);
  show_field_error (GTK_WIDGET (self->phone_entry), self->phone_error, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->general_error_label), FALSE);
}

static void
show_general_error (CabProfilePage *self,
                    const char     *message)
{
  gtk_label_set_text (self->general_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->general_error_label), TRUE);
}

static void
toast (CabProfilePage *self,
       const char     *title)
{
  AdwToast *t = adw_toast_new (title);

  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static const char *
editable_text (gpointer widget)
{
  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

static void
set_subscription_state (CabProfilePage *self,
                        gboolean        subscribed)
{
  /* Blocked: this is the server's state arriving, not the user asking for a change. */
  g_signal_handlers_block_matched (self->subscription_switch, G_SIGNAL_MATCH_DATA,
                                   0, 0, NULL, NULL, self);
  gtk_switch_set_active (self->subscription_switch, subscribed);
  gtk_switch_set_state (self->subscription_switch, subscribed);
  g_signal_handlers_unblock_matched (self->subscription_switch, G_SIGNAL_MATCH_DATA,
                                     0, 0, NULL, NULL, self);
}

/* Shows the server's user in the form (never the passwords). */
static void
fill_from (CabProfilePage *self,
           const CabMe    *me)
{
  g_clear_pointer (&self->baseline, cab_me_free);
  if (me == NULL)
    return;

  self->baseline = cab_me_copy (me);
  gtk_editable_set_text (GTK_EDITABLE (self->login_entry), me->login);
  gtk_editable_set_text (GTK_EDITABLE (self->email_entry), me->email != NULL ? me->email : "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_entry), me->phone != NULL ? me->phone : "");
  set_subscription_state (self, me->subscribed);
  self->filled = TRUE;
}

static void
on_session_me_changed (CabProfilePage *self,
                       GParamSpec     *pspec,
                       CabSession     *session)
{
  const CabMe *me = cab_session_get_me (session);

  /* Someone may be typing: only a form never filled, or one waiting for nothing, follows. */
  if (me == NULL)
    return;

  if (!self->filled || self->n_busy == 0)
    {
      gboolean dirty = FALSE;

      if (self->filled && self->baseline != NULL)
        dirty = g_strcmp0 (editable_text (self->login_entry), self->baseline->login) != 0 ||
                g_strcmp0 (editable_text (self->email_entry), self->baseline->email) != 0 ||
                g_strcmp0 (editable_text (self->phone_entry),
                           self->baseline->phone != NULL ? self->baseline->phone : "") != 0;
      if (!dirty)
        fill_from (self, me);
      else
        {
          g_clear_pointer (&self->baseline, cab_me_free);
          self->baseline = cab_me_copy (me);
          set_subscription_state (self, me->subscribed);
        }
    }
}

static void
on_field_changed (CabProfilePage *self,
                  GtkEditable    *editable)
{
  /* A corrected field loses its error. */
  if ((gpointer) editable == self->login_entry)
    show_field_error (GTK_WIDGET (editable), self->login_error, NULL);
  else if ((gpointer) editable == self->current_password_entry)
    show_field_error (GTK_WIDGET (editable), self->current_password_error, NULL);
  else if ((gpointer) editable == self->new_password_entry)
    show_field_error (GTK_WIDGET (editable), self->new_password_error, NULL);
  else if ((gpointer) editable == self->repeat_password_entry)
    show_field_error (GTK_WIDGET (editable), self->repeat_password_error, NULL);
  else if ((gpointer) editable == self->email_entry)
    show_field_error (GTK_WIDGET (editable), self->email_error, NULL);
  else if ((gpointer) editable == self->phone_entry)
    show_field_error (GTK_WIDGET (editable), self->phone_error, NULL);
}

static void
on_entry_activate (CabProfilePage *self,
                   GtkWidget      *entry)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "profile.update", NULL);
}

static const char *
message_for_field (const char *field)
{
  if (g_strcmp0 (field, "email") == 0)
    return _("This is not a valid email address");
  if (g_strcmp0 (field, "phone") == 0)
    return _("This is not a valid phone number; use +7 and ten digits");
  if (g_strcmp0 (field, "login") == 0)
    return _("A login has 3 to 64 Latin letters, digits, “.”, “_”, “-” or “@”");
  if (g_strcmp0 (field, "new_password") == 0)
    return _("The new password needs at least 8 characters");
  if (g_strcmp0 (field, "current_password") == 0)
    return _("Enter your current password");

  return NULL;
}

static gboolean
show_error_for_field (CabProfilePage *self,
                      const char     *field,
                      const char     *message)
{
  if (message == NULL)
    message = message_for_field (field);

  if (g_strcmp0 (field, "login") == 0)
    show_field_error (GTK_WIDGET (self->login_entry), self->login_error, message);
  else if (g_strcmp0 (field, "current_password") == 0)
    show_field_error (GTK_WIDGET (self->current_password_entry), self->current_password_error,
                      message);
  else if (g_strcmp0 (field, "new_password") == 0)
    show_field_error (GTK_WIDGET (self->new_password_entry), self->new_password_error, message);
  else if (g_strcmp0 (field, "email") == 0)
    show_field_error (GTK_WIDGET (self->email_entry), self->email_error, message);
  else if (g_strcmp0 (field, "phone") == 0)
    show_field_error (GTK_WIDGET (self->phone_entry), self->phone_error, message);
  else
    return FALSE;

  return TRUE;
}

static void
store_password_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CabProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cab_credentials_store_finish (CAB_CREDENTIALS (object), result, &error))
    {
      /* Without a keyring the shell has said so already; nothing was remembered anyway. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        return;
      g_message ("Could not update the keyring: %s", error->message);
      toast (self, _("The keyring could not be updated; sign in by hand next time"));
    }
}

static void
clear_password_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cab_credentials_clear_finish (CAB_CREDENTIALS (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not remove the old keyring entry: %s", error->message);
}

/* The pair sent with a login or password change, kept until the keyring says whether the
 * old login's password was remembered. */
typedef struct
{
  CabProfilePage *page;
  char           *server;
  char           *old_login;
  char           *login;
  char           *password;
} KeyringUpdate;

static void
keyring_update_free (KeyringUpdate *update)
{
  g_clear_object (&update->page);
  g_free (update->server);
  g_free (update->old_login);
  g_free (update->login);
  wipe_string (&update->password);
  g_free (update);
}

static void
remembered_lookup_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  KeyringUpdate *update = user_data;
  CabCredentials *credentials = CAB_CREDENTIALS (object);
  g_autoptr(GError) error = NULL;
  g_auto(CabPassword) remembered = NULL;

  remembered = cab_credentials_lookup_finish (credentials, result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Keyring lookup failed: %s", error->message);

  /* Only a password the person asked to remember is ever stored: without «Remember me»
   * the keyring holds nothing of this login, and storing now would even ask to create a
   * keyring. */
  if (remembered != NULL)
    {
      cab_credentials_store_async (credentials, update->server, update->login,
                                   update->password, NULL, store_password_cb,
                                   g_object_ref (update->page));
      if (g_strcmp0 (update->old_login, update->login) != 0)
        cab_credentials_clear_async (credentials, update->server, update->old_login,
                                     NULL, clear_password_cb, NULL);
    }

  keyring_update_free (update);
}

/* After a login or password change a remembered password must follow, or the next start
 * could not sign in by itself. */
static void
update_keyring (CabProfilePage *self)
{
  CabCredentials *credentials = cab_credentials_get_default ();
  const char *server = cab_session_get_server_id (self->session);
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  if (credentials == NULL || server == NULL || self->sent_login == NULL ||
      self->sent_password == NULL)
    return;

  if (cab_credentials_get_available (credentials))
    {
      KeyringUpdate *update = g_new0 (KeyringUpdate, 1);

      update->page = g_object_ref (self);
      update->server = g_strdup (server);
      update->old_login = g_strdup (self->sent_old_login != NULL ? self->sent_old_login
                                                                 : self->sent_login);
      update->login = g_strdup (self->sent_login);
      update->password = g_strdup (self->sent_password);
      cab_credentials_lookup_async (credentials, server, update->old_login, NULL,
                                    remembered_lookup_cb, update);
    }

  /* The app signs in again as "last-login"; follow a login change. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) &&
      g_settings_schema_has_key (schema, "last-login") &&
      g_strcmp0 (self->sent_old_login, self->sent_login) != 0)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *last = g_settings_get_string (settings, "last-login");

      if (g_strcmp0 (last, self->sent_old_login) == 0)
        g_settings_set_string (settings, "last-login", self->sent_login);
    }
}

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CabProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CabMe) me = NULL;

  me = cab_api_client_update_profile_finish (CAB_API_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto out;

  set_updating (self, FALSE);

  if (me == NULL)
    {
      const char *field = cab_error_get_field (error);

      /* Nothing typed is cleared: the person corrects one field and tries again. */
      if (g_error_matches (error, CAB_ERROR, CAB_ERROR_WRONG_PASSWORD))
        {
          show_field_error (GTK_WIDGET (self->current_password_entry),
                            self->current_password_error,
                            _("The current password is wrong"));
          gtk_widget_grab_focus (GTK_WIDGET (self->current_password_entry));
        }
      else if (g_error_matches (error, CAB_ERROR, CAB_ERROR_LOGIN_TAKEN))
        {
          show_field_error (GTK_WIDGET (self->login_entry), self->login_error,
                            _("This login belongs to another user"));
          gtk_widget_grab_focus (GTK_WIDGET (self->login_entry));
        }
      else if (!g_error_matches (error, CAB_ERROR, CAB_ERROR_INVALID_FIELD) ||
               !show_error_for_field (self, field, NULL))
        {
          g_autofree char *words = cab_error_text (error);
          g_autofree char *message = g_strdup_printf (_("Could not update the profile: %s"),
                                                      words);
          show_general_error (self, message);
        }
      goto out;
    }

  update_keyring (self);
  /* A new login: the session's services move its files and restart the notifier there. */
  cab_session_set_me (self->session, me);
  fill_from (self, me);
  gtk_editable_set_text (GTK_EDITABLE (self->current_password_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_password_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_password_entry), "");
  clear_errors (self);
  toast (self, _("Profile updated"));

out:
  g_clear_pointer (&self->sent_old_login, g_free);
  g_clear_pointer (&self->sent_login, g_free);
  wipe_string (&self->sent_password);
}

static void
update_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CabProfilePage *self = CAB_PROFILE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *login = g_strstrip (g_strdup (editable_text (self->login_entry)));
  g_autofree char *email = g_strstrip (g_strdup (editable_text (self->email_entry)));
  g_autofree char *phone_text = g_strstrip (g_strdup (editable_text (self->phone_entry)));
  g_autofree char *phone = NULL;
  const char *current = editable_text (self->current_password_entry);
  const char *new_password = editable_text (self->new_password_entry);
  const char *repeat = editable_text (self->repeat_password_entry);
  const char *old_login = self->baseline != NULL ? self->baseline->login :
                          cab_session_get_login (self->session);
  const char *old_phone = self->baseline != NULL ? self->baseline->phone : NULL;
  gboolean login_changed;
  gboolean phone_changed;
  gboolean clear_phone = FALSE;
  gboolean valid = TRUE;
  GtkWidget *first_invalid = NULL;

  clear_errors (self);

#define INVALID(entry, label, message) \
  G_STMT_START { \
    show_field_error (GTK_WIDGET (entry), label, message); \
    if (first_invalid == NULL) \
      first_invalid = GTK_WIDGET (entry); \
    valid = FALSE; \
  } G_STMT_END

  login_changed = g_strcmp0 (login, old_login) != 0;
  if (login_changed && !cab_validate_login (login, NULL))
    INVALID (self->login_entry, self->login_error, message_for_field ("login"));

  if (*current == '\0')
    INVALID (self->current_password_entry, self->current_password_error,
             _("Enter your current password to save any change"));

  if (*new_password != '\0' && !cab_validate_password (new_password, NULL))
    INVALID (self->new_password_entry, self->new_password_error,
             message_for_field ("new_password"));
  else if (*new_password == '\0' && *repeat != '\0')
    INVALID (self->new_password_entry, self->new_password_error,
             _("Enter the new password here too"));
  else if (g_strcmp0 (new_password, repeat) != 0)
    INVALID (self->repeat_password_entry, self->repeat_password_error,
             _("The passwords do not match"));

  if (*email == '\0')
    INVALID (self->email_entry, self->email_error, _("The email address is required"));
  else if (!cab_validate_email (email, NULL))
    INVALID (self->email_entry, self->email_error, message_for_field ("email"));

  if (*phone_text != '\0')
    {
      if (!(phone = cab_validate_phone (phone_text, &error)))
        INVALID (self->phone_entry, self->phone_error, message_for_field ("phone"));
      g_clear_error (&error);
    }

#undef INVALID

  if (!valid)
    {
      gtk_widget_grab_focus (first_invalid);
      return;
    }

  phone_changed = g_strcmp0 (phone, old_phone) != 0;
  if (phone_changed && phone == NULL)
    clear_phone = TRUE;

  if (!login_changed && *new_password == '\0' && !phone_changed &&
      self->baseline != NULL && g_strcmp0 (email, self->baseline->email) == 0)
    {
      toast (self, _("Nothing has changed"));
      return;
    }

  g_clear_pointer (&self->sent_old_login, g_free);
  g_clear_pointer (&self->sent_login, g_free);
  wipe_string (&self->sent_password);
  if (login_changed || *new_password != '\0')
    {
      self->sent_old_login = g_strdup (old_login);
      self->sent_login = g_strdup (login);
      self->sent_password = g_strdup (*new_password != '\0' ? new_password : current);
    }

  set_updating (self, TRUE);
  cab_api_client_update_profile_async (cab_session_get_api (self->session),
                                       current,
                                       login_changed ? login : NULL,
                                       *new_password != '\0' ? new_password : NULL,
                                       email,
                                       phone_changed ? phone : NULL,
                                       clear_phone,
                                       self->cancellable,
                                       update_cb,
                                       g_object_ref (self));
}

static void
show_subscription_status (CabProfilePage *self,
                          const char     *message,
                          gboolean        is_error)
{
  gtk_label_set_text (self->subscription_status, message);
  gtk_widget_set_visible (GTK_WIDGET (self->subscription_status), TRUE);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->subscription_status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->subscription_status), "error");
}

static void
subscription_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CabProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean subscribed = FALSE;

  if (!cab_api_client_set_subscription_finish (CAB_API_CLIENT (object), result,
                                               &subscribed, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_busy (self, FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->subscription_switch), TRUE);
      /* The switch goes back to what the server still holds. */
      set_subscription_state (self, gtk_switch_get_state (self->subscription_switch));
      {
        g_autofree char *words = cab_error_text (error);
        g_autofree char *message = g_strdup_printf (_("The subscription was not changed: %s"),
                                                    words);
        show_subscription_status (self, message, TRUE);
      }
      return;
    }

  set_busy (self, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->subscription_switch), TRUE);
  set_subscription_state (self, subscribed);

  if (self->baseline != NULL)
    self->baseline->subscribed = subscribed;
  if (cab_session_get_me (self->session) != NULL)
    {
      g_autoptr(CabMe) me = cab_me_copy (cab_session_get_me (self->session));

      me->subscribed = subscribed;
      cab_session_set_me (self->session, me);
    }

  if (subscribed)
    {
      show_subscription_status (self, _("Subscribed: the information will be sent to your email address"), FALSE);
      toast (self, _("Subscription saved"));
    }
  else
    {
      show_subscription_status (self, _("Unsubscribed: no more information will be sent by email"), FALSE);
      toast (self, _("Subscription cancelled"));
    }
}

static gboolean
on_subscription_state_set (CabProfilePage *self,
                           gboolean        state,
                           GtkSwitch      *sw)
{
  /* The switch shows the request; its state follows only the server's answer. */
  gtk_widget_set_sensitive (GTK_WIDGET (sw), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->subscription_status), FALSE);
  set_busy (self, TRUE);
  cab_api_client_set_subscription_async (cab_session_get_api (self->session), state,
                                         self->cancellable, subscription_cb,
                                         g_object_ref (self));
  return TRUE;
}

static void
cab_profile_page_constructed (GObject *object)
{
  CabProfilePage *self = (CabProfilePage *)object;

  G_OBJECT_CLASS (cab_profile_page_parent_class)->constructed (object);

  g_return_if_fail (self->session != NULL);

  g_signal_connect_object (self->session, "notify::me",
                           G_CALLBACK (on_session_me_changed), self, G_CONNECT_SWAPPED);

  if (cab_session_get_me (self->session) != NULL)
    fill_from (self, cab_session_get_me (self->session));
  else
    gtk_editable_set_text (GTK_EDITABLE (self->login_entry),
                           cab_session_get_login (self->session) != NULL ?
                           cab_session_get_login (self->session) : "");
}

static void
cab_profile_page_dispose (GObject *object)
{
  CabProfilePage *self = (CabProfilePage *)object;

  g_cancellable_cancel (self->cancellable);
  /* AdwBin owns the template's toplevel child; it unparents it itself. */
  adw_bin_set_child (ADW_BIN (self), NULL);

  G_OBJECT_CLASS (cab_profile_page_parent_class)->dispose (object);
}

static void
cab_profile_page_finalize (GObject *object)
{
  CabProfilePage *self = (CabProfilePage *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->baseline, cab_me_free);
  g_clear_pointer (&self->sent_old_login, g_free);
  g_clear_pointer (&self->sent_login, g_free);
  wipe_string (&self->sent_password);

  G_OBJECT_CLASS (cab_profile_page_parent_class)->finalize (object);
}

static void
cab_profile_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CabProfilePage *self = CAB_PROFILE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->n_busy > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_profile_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CabProfilePage *self = CAB_PROFILE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_profile_page_class_init (CabProfilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cab_profile_page_constructed;
  object_class->dispose = cab_profile_page_dispose;
  object_class->finalize = cab_profile_page_finalize;
  object_class->get_property = cab_profile_page_get_property;
  object_class->set_property = cab_profile_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CAB_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/cab-profile-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, general_error_label);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, login_entry);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, login_error);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, current_password_entry);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, current_password_error);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, new_password_entry);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, new_password_error);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, repeat_password_entry);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, repeat_password_error);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, email_entry);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, email_error);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, phone_error);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, update_button);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, update_spinner);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, subscription_switch);
  gtk_widget_class_bind_template_child (widget_class, CabProfilePage, subscription_status);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_subscription_state_set);

  gtk_widget_class_install_action (widget_class, "profile.update", NULL, update_action);
}

static void
cab_profile_page_init (CabProfilePage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cab_profile_page_new (CabSession *session)
{
  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);

  return g_object_new (CAB_TYPE_PROFILE_PAGE, "session", session, NULL);
}

CabSession *
cab_profile_page_get_session (CabProfilePage *self)
{
  g_return_val_if_fail (CAB_IS_PROFILE_PAGE (self), NULL);
  return self->session;
}

gboolean
cab_profile_page_get_busy (CabProfilePage *self)
{
  g_return_val_if_fail (CAB_IS_PROFILE_PAGE (self), FALSE);
  return self->n_busy > 0;
}
