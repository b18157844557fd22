/* cab-change-password-page.c: the mandatory new password after a temporary-password sign-in.
 *
 * PATCH /me needs the email too, so the page reads GET /me (allowed in that state) first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-error-text.h"
#include "cab-change-password-page.h"

struct _CabChangePasswordPage
{
  AdwBin            parent_instance;

  CabApiClient     *api;
  GCancellable     *cancellable;
  char             *temporary_password;

  GtkPasswordEntry *new_entry;
  GtkPasswordEntry *repeat_entry;
  GtkLabel         *message_label;
  GtkButton        *save_button;
  GtkSpinner       *spinner;
};

G_DEFINE_FINAL_TYPE (CabChangePasswordPage, cab_change_password_page, ADW_TYPE_BIN)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
wipe_string (char **text)
{
  if (*text != NULL)
    memset (*text, 0, strlen (*text));
  g_clear_pointer (text, g_free);
}

static void
show_message (CabChangePasswordPage *self,
              const char            *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
set_busy (CabChangePasswordPage *self,
          gboolean               busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !busy);
}

static void
on_updated (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CabChangePasswordPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CabMe) me = NULL;
  g_autofree char *password = NULL;

  me = cab_api_client_update_profile_finish (CAB_API_CLIENT (object), result, &error);
  if (me == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      text = cab_error_text (error);
      show_message (self, text);
      return;
    }

  set_busy (self, FALSE);
  password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_entry)));
  wipe_string (&self->temporary_password);
  gtk_editable_set_text (GTK_EDITABLE (self->new_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_entry), "");
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, me, password);
  wipe_string (&password);
}

static void
on_me (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(CabChangePasswordPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CabMe) me = NULL;

  me = cab_api_client_get_me_finish (CAB_API_CLIENT (object), result, &error);
  if (me == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      text = cab_error_text (error);
      show_message (self, text);
      return;
    }

  cab_api_client_update_profile_async (self->api, self->temporary_password, NULL,
                                       gtk_editable_get_text (GTK_EDITABLE (self->new_entry)),
                                       me->email, NULL, FALSE, self->cancellable,
                                       on_updated, g_object_ref (self));
}

static void
on_save (CabChangePasswordPage *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->new_entry));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_entry));

  if (!cab_validate_password (password, NULL))
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The password needs at least %d character.",
                                      "The password needs at least %d characters.",
                                      CAB_PASSWORD_MIN_CHARS),
                         CAB_PASSWORD_MIN_CHARS);

      show_message (self, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->new_entry));
      return;
    }
  if (g_strcmp0 (password, repeat) != 0)
    {
      show_message (self, _("The passwords do not match."));
      gtk_widget_grab_focus (GTK_WIDGET (self->repeat_entry));
      return;
    }
  if (self->api == NULL || self->temporary_password == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE);
  show_message (self, NULL);
  cab_api_client_get_me_async (self->api, self->cancellable, on_me, g_object_ref (self));
}

void
cab_change_password_page_start (CabChangePasswordPage *self,
                                CabApiClient          *api,
                                const char            *temporary_password)
{
  g_return_if_fail (CAB_IS_CHANGE_PASSWORD_PAGE (self));

  cab_change_password_page_reset (self);
  g_set_object (&self->api, api);
  self->temporary_password = g_strdup (temporary_password);
}

void
cab_change_password_page_reset (CabChangePasswordPage *self)
{
  g_return_if_fail (CAB_IS_CHANGE_PASSWORD_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  wipe_string (&self->temporary_password);
  g_clear_object (&self->api);
  gtk_editable_set_text (GTK_EDITABLE (self->new_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_entry), "");
  show_message (self, NULL);
  set_busy (self, FALSE);
}

static gboolean
cab_change_password_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (CAB_CHANGE_PASSWORD_PAGE (widget)->new_entry));
}

static void
cab_change_password_page_dispose (GObject *object)
{
  CabChangePasswordPage *self = (CabChangePasswordPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  wipe_string (&self->temporary_password);
  g_clear_object (&self->api);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_CHANGE_PASSWORD_PAGE);

  G_OBJECT_CLASS (cab_change_password_page_parent_class)->dispose (object);
}

static void
cab_change_password_page_class_init (CabChangePasswordPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_change_password_page_dispose;
  widget_class->grab_focus = cab_change_password_page_grab_focus;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, CAB_TYPE_ME, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-change-password-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CabChangePasswordPage, new_entry);
  gtk_widget_class_bind_template_child (widget_class, CabChangePasswordPage, repeat_entry);
  gtk_widget_class_bind_template_child (widget_class, CabChangePasswordPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CabChangePasswordPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, CabChangePasswordPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_save);
}

static void
cab_change_password_page_init (CabChangePasswordPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
