/* cab-account-state-page-export.c: the act exported as CSV or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cab-account-state-page-internal.h"
#include "cab-statement-export.h"

/* --- Export --- */

/* The act's payment (issue 16): the payment panel's QR code of the recommended payment, the
 * one the page shows, or the sentence why there is none. @note_out keeps the sentence. */
static void
act_payment (CabAccountStatePage *self,
             CabStatementPayment *payment,
             char               **note_out)
{
  const CabBalance *balance = self->state != NULL ? cab_account_state_get_balance (self->state) : NULL;
  const CabSupplier *supplier = cab_payment_panel_get_supplier (self->payment_panel);

  memset (payment, 0, sizeof *payment);
  *note_out = NULL;
  if (balance == NULL)
    {
      *note_out = g_strdup (_("No QR code: the recommended payment is not known."));
      payment->note = *note_out;
      return;
    }

  payment->on = &balance->on;
  payment->amount = balance->recommended_payment;
  payment->payload = cab_payment_panel_get_qr_payload (self->payment_panel);
  if (payment->payload != NULL && cab_payment_panel_get_qr_amount (self->payment_panel) == balance->recommended_payment)
    {
      payment->purpose = cab_payment_panel_get_qr_purpose (self->payment_panel);
      payment->payee = supplier != NULL ? supplier->name : NULL;
      return;
    }

  payment->payload = NULL;
  if (balance->recommended_payment <= 0)
    {
      g_autofree char *day = cab_date_to_display (&balance->on);

      /* Translators: %s is a date, DD.MM.YYYY */
      *note_out = g_strdup_printf (_("No QR code: nothing is to be paid as of %s (the recommended payment is zero)."),
                                   day);
    }
  else
    /* the panel's sentence: no supplier's requisites, or what the core refused */
    *note_out = g_strdup (cab_payment_panel_get_qr_note (self->payment_panel));
  payment->note = *note_out;
}

static void
on_export_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CabAccountStatePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("The act cannot be saved: %s"), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (object));

      text = g_strdup_printf (_("The act is saved as “%s”."), name);
    }

  cab_account_state_page_set_status (self->action_status_label, text);
}

void
cab_account_state_page_export (CabAccountStatePage *self,
                               GFile               *file,
                               gboolean             pdf)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CabStatement *statement;

  g_return_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  cab_account_state_page_set_status (self->action_status_label, NULL);
  if ((statement = cab_account_state_page_statement (self)) == NULL)
    return;

  if (pdf)
    {
      const CabMe *me = self->session != NULL ? cab_session_get_me (self->session) : NULL;
      g_autofree char *note = NULL;
      CabStatementPayment payment;

      act_payment (self, &payment, &note);
      bytes = cab_statement_export_pdf_with_payment (statement, me, &payment,
                                                     CAB_MONEY_STYLE_LOCALE, &error);
    }
  else
    {
      char *csv = cab_statement_export_csv (statement);

      bytes = g_bytes_new_take (csv, strlen (csv));
    }

  if (bytes == NULL)
    {
      cab_account_state_page_set_status (self->action_status_label, error->message);
      return;
    }

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       self->lifetime, on_export_written, g_object_ref (self));
}

static void
on_export_response (GtkNativeDialog     *dialog,
                    int                  response,
                    CabAccountStatePage *self)
{
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "cab-export-pdf"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    cab_account_state_page_export (self, file, pdf);

  if (self->export_dialog == dialog)
    g_clear_object (&self->export_dialog);
}

static void
export_act (CabAccountStatePage *self,
            gboolean             pdf)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  CabStatement *statement;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  if ((statement = cab_account_state_page_statement (self)) == NULL)
    return;

  if (self->export_dialog != NULL)
    gtk_native_dialog_destroy (self->export_dialog);
  g_clear_object (&self->export_dialog);

  native = gtk_file_chooser_native_new (pdf ? _("Export the Act as PDF") : _("Export the Act as CSV"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  self->export_dialog = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_set_modal (self->export_dialog, TRUE);

  from = cab_date_to_iso (cab_statement_get_from (statement));
  to = cab_date_to_iso (cab_statement_get_to (statement));
  /* Translators: a file name: "reconciliation-act-<account>-<from>-<to>.<ext>" */
  name = g_strdup_printf (_("reconciliation-act-%s-%s-%s.%s"),
                          cab_account_state_page_account (self) != NULL ? cab_account_state_page_account (self) : "", from, to,
                          pdf ? "pdf" : "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("CSV tables"));
  gtk_file_filter_add_mime_type (filter, pdf ? "application/pdf" : "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  g_object_set_data (G_OBJECT (native), "cab-export-pdf", GINT_TO_POINTER (pdf));
  g_signal_connect_object (native, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (self->export_dialog);
}

void
cab_account_state_page_export_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  export_act (CAB_ACCOUNT_STATE_PAGE (widget), g_str_equal (action_name, "account-state.export-pdf"));
}

