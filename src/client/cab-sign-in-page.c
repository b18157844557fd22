/* cab-sign-in-page.c: the sign-in form (manual 3.1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-error-text.h"
#include "cab-demo-server.h"
#include "cab-sign-in-page.h"

struct _CabSignInPage
{
  AdwBin          parent_instance;

  CabApiClient   *api;
  GCancellable   *cancellable;
  gboolean        keyring_told;

  GtkLabel       *demo_label;
  GtkLabel       *keyring_label;
  GtkEntry       *login_entry;
  GtkPasswordEntry *password_entry;
  GtkCheckButton *remember_check;
  GtkLabel       *message_label;
  GtkButton      *log_in_button;
  GtkButton      *create_account_button;
  GtkButton      *forgot_password_button;
  GtkSpinner     *spinner;
  GtkExpander    *server_expander;
  GtkEntry       *server_entry;
  GtkLabel       *server_message_label;
};

G_DEFINE_FINAL_TYPE (CabSignInPage, cab_sign_in_page, ADW_TYPE_BIN)

enum {
  SIGNAL_SIGNED_IN,
  SIGNAL_CREATE_ACCOUNT,
  SIGNAL_FORGOT_PASSWORD,
  SIGNAL_SERVER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CabSignInPage *self;
  char          *login;
  char          *password;
  gboolean       remember;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_clear_object (&sign_in->self);
  g_free (sign_in->login);
  if (sign_in->password != NULL)
    memset (sign_in->password, 0, strlen (sign_in->password));
  g_free (sign_in->password);
  g_free (sign_in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignIn, sign_in_free)

static void
set_busy (CabSignInPage *self,
          gboolean       busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->login_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->log_in_button),
                            !busy
                            && *gtk_editable_get_text (GTK_EDITABLE (self->login_entry)) != '\0'
                            && *gtk_editable_get_text (GTK_EDITABLE (self->password_entry)) != '\0');
}

void
cab_sign_in_page_show_message (CabSignInPage *self,
                               const char    *message)
{
  g_return_if_fail (CAB_IS_SIGN_IN_PAGE (self));

  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
on_sign_in (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SignIn) sign_in = user_data;
  CabSignInPage *self = sign_in->self;
  g_autoptr(GError) error = NULL;
  gboolean must_change = FALSE;

  if (!cab_api_client_sign_in_finish (CAB_API_CLIENT (object), result, &must_change, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_autofree char *text = NULL;

      set_busy (self, FALSE);
      text = cab_error_text (error);
      cab_sign_in_page_show_message (self, text);
      if (g_error_matches (error, CAB_ERROR, CAB_ERROR_INVALID_CREDENTIALS))
        {
          gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
          gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
        }
      return;
    }

  set_busy (self, FALSE);
  cab_sign_in_page_show_message (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0,
                 sign_in->login, sign_in->password, sign_in->remember, must_change);
}

void
cab_sign_in_page_sign_in_with (CabSignInPage *self,
                               const char    *login,
                               const char    *password,
                               gboolean       remember)
{
  SignIn *sign_in;

  g_return_if_fail (CAB_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (login != NULL && password != NULL);

  if (self->api == NULL)
    {
      cab_sign_in_page_show_message (self, _("Set the server address first (under “Server”)."));
      gtk_expander_set_expanded (self->server_expander, TRUE);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->login_entry)), login) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->login_entry), login);

  sign_in = g_new0 (SignIn, 1);
  sign_in->self = g_object_ref (self);
  sign_in->login = g_strdup (login);
  sign_in->password = g_strdup (password);
  sign_in->remember = remember;

  set_busy (self, TRUE);
  cab_sign_in_page_show_message (self, NULL);
  cab_api_client_sign_in_async (self->api, login, password, self->cancellable,
                                on_sign_in, sign_in);
}

static void
log_in (CabSignInPage *self)
{
  g_autofree char *login = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->login_entry))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));

  if (*login == '\0')
    {
      cab_sign_in_page_show_message (self, _("Enter the login (by default the account number)."));
      gtk_widget_grab_focus (GTK_WIDGET (self->login_entry));
      return;
    }
  if (*password == '\0')
    {
      cab_sign_in_page_show_message (self, _("Enter the password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return;
    }

  cab_sign_in_page_sign_in_with (self, login, password,
                                 gtk_check_button_get_active (self->remember_check)
                                 && gtk_widget_get_sensitive (GTK_WIDGET (self->remember_check)));
}

static void
on_log_in_clicked (CabSignInPage *self)
{
  log_in (self);
}

static void
on_entry_activate (CabSignInPage *self)
{
  log_in (self);
}

/* Enter signs in from every field of the form; on «Remember me» it would only toggle the
 * check (its activation keys), which Space still does. */
static gboolean
on_remember_key_pressed (CabSignInPage         *self,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  /* as from the entries, which are insensitive while a sign-in runs */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->spinner)))
    log_in (self);

  return GDK_EVENT_STOP;
}

static void
on_entry_changed (CabSignInPage *self)
{
  set_busy (self, gtk_widget_get_visible (GTK_WIDGET (self->spinner)));
}

static void
on_create_account_clicked (CabSignInPage *self)
{
  g_signal_emit (self, signals[SIGNAL_CREATE_ACCOUNT], 0);
}

static void
on_forgot_password_clicked (CabSignInPage *self)
{
  g_signal_emit (self, signals[SIGNAL_FORGOT_PASSWORD], 0);
}

static void
on_server_apply (CabSignInPage *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_entry))));
  g_autoptr(CabApiClient) api = NULL;
  g_autoptr(GError) error = NULL;

  api = cab_api_client_new (url, &error);
  if (api == NULL)
    {
      g_autofree char *text = cab_error_text_for_server (error, url);

      gtk_label_set_text (self->server_message_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->server_message_label), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->server_message_label), FALSE);
  g_signal_emit (self, signals[SIGNAL_SERVER_CHANGED], 0, url);
}

void
cab_sign_in_page_set_api (CabSignInPage *self,
                          CabApiClient  *api)
{
  g_return_if_fail (CAB_IS_SIGN_IN_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  set_busy (self, FALSE);
  g_set_object (&self->api, api);
}

CabApiClient *
cab_sign_in_page_get_api (CabSignInPage *self)
{
  g_return_val_if_fail (CAB_IS_SIGN_IN_PAGE (self), NULL);

  return self->api;
}

void
cab_sign_in_page_set_demo (CabSignInPage *self,
                           gboolean       demo)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CAB_IS_SIGN_IN_PAGE (self));

  /* Translators: shown on the sign-in page with --demo; %s are the login and the password */
  text = g_strdup_printf (_("Demo server: log in as %s with the password %s."),
                          CAB_DEMO_LOGIN, CAB_DEMO_PASSWORD);
  gtk_label_set_text (self->demo_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_label), demo);
  gtk_widget_set_visible (GTK_WIDGET (self->server_expander), !demo);
}

void
cab_sign_in_page_set_login (CabSignInPage *self,
                            const char    *login)
{
  g_return_if_fail (CAB_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->login_entry), login != NULL ? login : "");
}

const char *
cab_sign_in_page_get_login (CabSignInPage *self)
{
  g_return_val_if_fail (CAB_IS_SIGN_IN_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->login_entry));
}

void
cab_sign_in_page_set_server_url (CabSignInPage *self,
                                 const char    *url)
{
  g_return_if_fail (CAB_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->server_entry), url != NULL ? url : "");
}

void
cab_sign_in_page_set_keyring_available (CabSignInPage *self,
                                        gboolean       available)
{
  g_return_if_fail (CAB_IS_SIGN_IN_PAGE (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->remember_check), available);
  if (!available)
    gtk_check_button_set_active (self->remember_check, FALSE);

  /* said once per run, not at every sign-in */
  if (!available && !self->keyring_told)
    {
      self->keyring_told = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self->keyring_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->keyring_label), FALSE);
}

void
cab_sign_in_page_reset (CabSignInPage *self)
{
  g_return_if_fail (CAB_IS_SIGN_IN_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  cab_sign_in_page_show_message (self, NULL);
  set_busy (self, FALSE);
}

static gboolean
cab_sign_in_page_grab_focus (GtkWidget *widget)
{
  CabSignInPage *self = CAB_SIGN_IN_PAGE (widget);

  if (*gtk_editable_get_text (GTK_EDITABLE (self->login_entry)) == '\0')
    return gtk_widget_grab_focus (GTK_WIDGET (self->login_entry));

  return gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

static void
cab_sign_in_page_dispose (GObject *object)
{
  CabSignInPage *self = (CabSignInPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->api);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_SIGN_IN_PAGE);

  G_OBJECT_CLASS (cab_sign_in_page_parent_class)->dispose (object);
}

static void
cab_sign_in_page_class_init (CabSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_sign_in_page_dispose;
  widget_class->grab_focus = cab_sign_in_page_grab_focus;

  /* login, password (kept in memory only, for the keyring), remember, must_change_password */
  signals[SIGNAL_SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_BOOLEAN);
  signals[SIGNAL_CREATE_ACCOUNT] =
    g_signal_new ("create-account", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FORGOT_PASSWORD] =
    g_signal_new ("forgot-password", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SERVER_CHANGED] =
    g_signal_new ("server-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CabSignInPage, demo_label);
  gtk_widget_class_bind_template_child (widget_class, CabSignInPage, keyring_label);
  gtk_widget_class_bind_template_child (widget_class, CabSignInPage, login_entry);
  gtk_widget_class_bind_template_child (widget_class, CabSignInPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, CabSignInPage, remember_check);
  gtk_widget_class_bind_template_child (widget_class, CabSignInPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CabSignInPage, log_in_button);
  gtk_widget_class_bind_template_child (widget_class, CabSignInPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CabSignInPage, create_account_button);
  gtk_widget_class_bind_template_child (widget_class, CabSignInPage, forgot_password_button);
  gtk_widget_class_bind_template_child (widget_class, CabSignInPage, server_expander);
  gtk_widget_class_bind_template_child (widget_class, CabSignInPage, server_entry);
  gtk_widget_class_bind_template_child (widget_class, CabSignInPage, server_message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_log_in_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_create_account_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_forgot_password_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_server_apply);
}

static void
cab_sign_in_page_init (CabSignInPage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* before the check button's own key bindings, which toggle it */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_remember_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->remember_check), keys);
}
