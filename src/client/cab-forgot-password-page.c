/* cab-forgot-password-page.c: password recovery (manual 3.2).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-error-text.h"
#include "cab-forgot-password-page.h"

struct _CabForgotPasswordPage
{
  AdwBin        parent_instance;

  CabApiClient *api;
  GCancellable *cancellable;

  GtkEntry     *login_entry;
  GtkEntry     *email_entry;
  GtkLabel     *message_label;
  GtkButton    *send_button;
  GtkSpinner   *spinner;
};

G_DEFINE_FINAL_TYPE (CabForgotPasswordPage, cab_forgot_password_page, ADW_TYPE_BIN)

static void
show_message (CabForgotPasswordPage *self,
              const char            *message,
              gboolean               is_error)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "success");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "success");
    }
}

static void
set_busy (CabForgotPasswordPage *self,
          gboolean               busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button), !busy);
}

static void
on_reset (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CabForgotPasswordPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cab_api_client_reset_password_finish (CAB_API_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_autofree char *text = cab_error_text (error);

      set_busy (self, FALSE);
      show_message (self, text, TRUE);
      return;
    }

  set_busy (self, FALSE);
  /* the same answer whether or not the data matched: nobody learns who is registered */
  show_message (self, _("If the data matched, a new password was sent to your email."), FALSE);
}

static void
on_send (CabForgotPasswordPage *self)
{
  g_autofree char *login = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->login_entry))));
  g_autofree char *email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_entry))));

  if (*login == '\0')
    {
      show_message (self, _("Enter the login (by default the account number)."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->login_entry));
      return;
    }
  if (!cab_validate_email (email, NULL))
    {
      show_message (self, _("Enter a valid email address, like name@example.org."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->email_entry));
      return;
    }
  if (self->api == NULL)
    {
      show_message (self, _("Set the server address first (under “Server” on the sign-in page)."), TRUE);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE);
  show_message (self, NULL, FALSE);
  cab_api_client_reset_password_async (self->api, login, email, self->cancellable,
                                       on_reset, g_object_ref (self));
}

void
cab_forgot_password_page_set_api (CabForgotPasswordPage *self,
                                  CabApiClient          *api)
{
  g_return_if_fail (CAB_IS_FORGOT_PASSWORD_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->api, api);
}

void
cab_forgot_password_page_reset (CabForgotPasswordPage *self,
                                const char            *login)
{
  g_return_if_fail (CAB_IS_FORGOT_PASSWORD_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  gtk_editable_set_text (GTK_EDITABLE (self->login_entry), login != NULL ? login : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_entry), "");
  show_message (self, NULL, FALSE);
  set_busy (self, FALSE);
}

static gboolean
cab_forgot_password_page_grab_focus (GtkWidget *widget)
{
  CabForgotPasswordPage *self = CAB_FORGOT_PASSWORD_PAGE (widget);

  if (*gtk_editable_get_text (GTK_EDITABLE (self->login_entry)) == '\0')
    return gtk_widget_grab_focus (GTK_WIDGET (self->login_entry));

  return gtk_widget_grab_focus (GTK_WIDGET (self->email_entry));
}

static void
cab_forgot_password_page_dispose (GObject *object)
{
  CabForgotPasswordPage *self = (CabForgotPasswordPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->api);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_FORGOT_PASSWORD_PAGE);

  G_OBJECT_CLASS (cab_forgot_password_page_parent_class)->dispose (object);
}

static void
cab_forgot_password_page_class_init (CabForgotPasswordPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_forgot_password_page_dispose;
  widget_class->grab_focus = cab_forgot_password_page_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-forgot-password-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CabForgotPasswordPage, login_entry);
  gtk_widget_class_bind_template_child (widget_class, CabForgotPasswordPage, email_entry);
  gtk_widget_class_bind_template_child (widget_class, CabForgotPasswordPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CabForgotPasswordPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, CabForgotPasswordPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_send);
}

static void
cab_forgot_password_page_init (CabForgotPasswordPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
