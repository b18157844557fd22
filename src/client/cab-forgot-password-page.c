/* cab-forgot-password-page.c: password recovery (manual 3.2).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-error-text.h"
#include "cab-forgot-password-page.h"
#include "cab-supplier-cache.h"

struct _CabForgotPasswordPage
{
  AdwBin        parent_instance;

  CabApiClient *api;
  GCancellable *cancellable;
  GCancellable *supplier_cancellable;
  CabSupplierCache *supplier_cache;

  GtkLabel     *support_label;
  GtkLinkButton *support_link;
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

/* The manual's advice (3.2) for a lost mailbox, with the supplier's support address. The
 * address is also a link button of its own: a link inside a label would make the whole label
 * a Tab stop. */
static void
show_support (CabForgotPasswordPage *self,
              const CabSupplier     *supplier)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (supplier == NULL || (supplier->support_email == NULL && supplier->phone == NULL))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->support_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->support_link), FALSE);
      return;
    }

  if (supplier->support_email != NULL)
    {
      g_autofree char *uri = g_strconcat ("mailto:", supplier->support_email, NULL);

      /* the format is the translation; the address is plain text */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_string_append_printf (text, _("Attention! If you do not remember the email address you gave or cannot reach that mailbox for any reason, send a letter to %s. Give your full name, the name of the company, the business partner code and the text of your request."),
                              supplier->support_email);
#pragma GCC diagnostic pop
      gtk_link_button_set_uri (self->support_link, uri);
      gtk_button_set_label (GTK_BUTTON (self->support_link), supplier->support_email);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->support_link), supplier->support_email != NULL);
  if (supplier->phone != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Support phone: %s"), supplier->phone);
    }

  gtk_label_set_text (self->support_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->support_label), TRUE);
}

static void
on_supplier (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CabForgotPasswordPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CabSupplier) supplier = NULL;

  supplier = cab_supplier_cache_fetch_finish (CAB_SUPPLIER_CACHE (object), result, NULL, &error);
  if (supplier == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* neither the server nor a saved copy: the rest of the page still works */
      g_debug ("No supplier support address: %s", error->message);
    }
  show_support (self, supplier);
}

/* Asked before anyone signs in: whoever lands here may never get further. */
static void
fetch_supplier (CabForgotPasswordPage *self)
{
  g_cancellable_cancel (self->supplier_cancellable);
  g_clear_object (&self->supplier_cancellable);
  if (self->api == NULL)
    {
      show_support (self, NULL);
      return;
    }

  self->supplier_cancellable = g_cancellable_new ();
  cab_supplier_cache_fetch_async (self->supplier_cache, self->api, self->supplier_cancellable,
                                  on_supplier, g_object_ref (self));
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
  fetch_supplier (self);
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
  /* the address may have changed, or the server come back, since the app started */
  fetch_supplier (self);
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
  g_cancellable_cancel (self->supplier_cancellable);
  g_clear_object (&self->supplier_cancellable);
  g_clear_object (&self->supplier_cache);
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
  gtk_widget_class_bind_template_child (widget_class, CabForgotPasswordPage, support_label);
  gtk_widget_class_bind_template_child (widget_class, CabForgotPasswordPage, support_link);
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
  self->supplier_cache = cab_supplier_cache_new (NULL);
}
