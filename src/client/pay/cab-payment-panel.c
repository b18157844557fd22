/* cab-payment-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "cab-core.h"
#include "cab-due-dates.h"
#include "cab-icalendar.h"
#include "cab-payment-order.h"
#include "cab-payment-qr.h"
#include "cab-supplier-cache.h"
#include "pay/cab-pay-order.h"
#include "pay/cab-payer-requisites.h"
#include "pay/cab-payment-panel.h"
#include "pay/cab-qr-texture.h"

/* Pixels per module of the texture kept for tests and copying; the screen draws vectors. */
#define QR_TEXTURE_SCALE 6
/* The code is drawn at whole pixels per module (2 to 4), its side at most this many pixels:
 * it fits a 360 px window beside the page's margins, and a phone reads it off the screen. */
#define QR_MAX_SIDE 300
/* How far ahead the due dates are listed: this month and the next two. */
#define DUE_MONTHS_AHEAD 2

struct _CabPaymentPanel
{
  AdwBin            parent_instance;

  CabAccountState  *state;
  CabSupplierCache *supplier_cache;
  CabSupplier      *supplier;
  GCancellable     *cancellable;
  GtkNativeDialog  *dialog;

  char             *payload;
  GdkTexture       *texture;
  char             *purpose;
  CabMoney          amount;
  GArray           *due_dates;    /* of CabDueDate */
  guint             order_number; /* of the last payment order written */

  /* Template */
  GtkWidget        *qr_area;
  GtkLabel         *qr_note_label;
  GtkLabel         *payee_label;
  GtkLabel         *purpose_label;
  GtkWidget        *order_button;
  GtkWidget        *payer_box;
  GtkLabel         *payer_label;
  GtkListBox       *due_list;
  GtkWidget        *calendar_button;
  GtkLabel         *status_label;
};

G_DEFINE_FINAL_TYPE (CabPaymentPanel, cab_payment_panel, ADW_TYPE_BIN)

static void
set_status (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static CabSession *
session_of (CabPaymentPanel *self)
{
  return self->state != NULL ? cab_account_state_get_session (self->state) : NULL;
}

static void
session_today (CabPaymentPanel *self,
               GDate           *today)
{
  CabSession *session = session_of (self);

  if (session != NULL)
    cab_session_get_today (session, today);
  else
    cab_date_today_supplier (today);
}

/* --- The QR code --- */

/* Whole pixels per module: the code stays crisp at any size the layout gives it. */
static void
draw_qr (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  CabPaymentPanel *self = user_data;

  cab_qr_draw_fitted (cr, self->payload, width, height);
}

static void
clear_qr (CabPaymentPanel *self)
{
  g_clear_pointer (&self->payload, g_free);
  g_clear_pointer (&self->purpose, g_free);
  g_clear_object (&self->texture);
  self->amount = 0;
}

static void
show_qr_note (CabPaymentPanel *self,
              const char      *note)
{
  gtk_widget_set_visible (self->qr_area, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->purpose_label), FALSE);
  set_status (self->qr_note_label, note);
}

static void
update_qr (CabPaymentPanel *self)
{
  const CabBalance *balance = self->state != NULL ? cab_account_state_get_balance (self->state) : NULL;
  CabSession *session = session_of (self);
  const CabContract *contract = session != NULL ? cab_session_get_contract (session) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *day = NULL;
  g_autofree char *description = NULL;
  g_autofree char *note = NULL;
  g_autofree char *payee = NULL;
  g_autofree char *purpose_text = NULL;
  guint side;

  clear_qr (self);
  gtk_widget_set_sensitive (self->order_button, FALSE);

  if (self->supplier != NULL)
    {
      /* Translators: the payee's name, INN, bank account, bank and BIC */
      payee = g_strdup_printf (_("Payee: %s, INN %s, account %s in %s, BIC %s"),
                               self->supplier->name, self->supplier->inn,
                               self->supplier->bank_account,
                               self->supplier->bank_name != NULL ? self->supplier->bank_name : "",
                               self->supplier->bic);
      set_status (self->payee_label, payee);
    }
  else
    set_status (self->payee_label, NULL);

  if (balance == NULL || contract == NULL)
    {
      show_qr_note (self, self->state != NULL && cab_account_state_get_loading (self->state)
                          ? _("Loading…") : _("No payment to make: the debt is not known."));
      return;
    }

  day = cab_date_to_display (&balance->on);
  if (balance->recommended_payment <= 0)
    {
      /* Translators: %s is a date, DD.MM.YYYY */
      note = g_strdup_printf (_("No QR code: nothing is to be paid as of %s (the recommended payment is zero)."),
                              day);
      show_qr_note (self, note);
      return;
    }
  if (self->supplier == NULL)
    {
      show_qr_note (self, _("No QR code: the supplier's bank requisites could not be fetched and were not saved."));
      return;
    }

  self->purpose = cab_pay_purpose (contract, NULL, balance->recommended_payment, &balance->on,
                                   &error);
  if (self->purpose != NULL)
    self->payload = cab_payment_qr_payload (self->supplier, balance->recommended_payment,
                                            self->purpose, contract->inn, contract->account,
                                            &error);
  if (self->payload != NULL)
    self->texture = cab_qr_texture_new (self->payload, QR_TEXTURE_SCALE, &error);
  if (self->texture == NULL)
    {
      clear_qr (self);
      /* Translators: %s says why */
      note = g_strdup_printf (_("No QR code: %s"), error->message);
      show_qr_note (self, note);
      return;
    }

  self->amount = balance->recommended_payment;
  sum = cab_money_format (self->amount, CAB_MONEY_STYLE_LOCALE);
  /* Translators: an amount of roubles and a date, DD.MM.YYYY */
  note = g_strdup_printf (_("Scan with a banking app to pay the recommended payment of %s as of %s."),
                          sum, day);
  set_status (self->qr_note_label, note);
  /* Translators: the payment purpose as written in the payment order */
  purpose_text = g_strdup_printf (_("Purpose: %s"), self->purpose);
  set_status (self->purpose_label, purpose_text);
  /* Translators: an amount of roubles and the account number */
  description = g_strdup_printf (_("Payment QR code for %s to the supplier, account %s"), sum,
                                 contract->account);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->qr_area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  side = cab_qr_screen_side (self->payload, QR_MAX_SIDE);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->qr_area), side);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->qr_area), side);
  gtk_widget_set_visible (self->qr_area, TRUE);
  gtk_widget_queue_draw (self->qr_area);
  gtk_widget_set_sensitive (self->order_button, TRUE);
}

/* --- The payer --- */

/* The payer's requisites, or NULL with the sentence saying what is missing shown. */
static CabPayerRequisites *
load_payer (CabPaymentPanel *self)
{
  CabSession *session = session_of (self);
  g_autoptr(CabPayerRequisites) payer = NULL;
  g_autoptr(GError) error = NULL;

  if (session == NULL || cab_session_get_login (session) == NULL)
    return NULL;
  payer = cab_payer_requisites_load (NULL, cab_session_get_login (session), &error);
  if (payer == NULL || !cab_payer_requisites_is_complete (payer))
    {
      gtk_label_set_text (self->payer_label,
                          _("A payment order needs your company's bank account and BIC: enter them once in Preferences."));
      gtk_widget_set_visible (self->payer_box, TRUE);
      return NULL;
    }
  gtk_widget_set_visible (self->payer_box, FALSE);
  return g_steal_pointer (&payer);
}

gboolean
cab_payment_panel_write_payment_order (CabPaymentPanel  *self,
                                       GFile            *file,
                                       GError          **error)
{
  CabSession *session = session_of (self);
  g_autoptr(CabPayerRequisites) payer = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CAB_IS_PAYMENT_PANEL (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->payload == NULL || session == NULL)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY,
                           _("There is no payment to make."));
      return FALSE;
    }
  if (!cab_pay_write_order (session, self->supplier, self->amount, self->purpose, NULL, file,
                            &self->order_number, &local_error))
    {
      /* shows the way to Preferences when that is what is missing */
      if (g_error_matches (local_error, CAB_ERROR, CAB_ERROR_MISSING_FIELD))
        payer = load_payer (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* --- The due dates --- */

static char *
due_summary (const CabDueDate *due)
{
  g_autoptr(GDateTime) month = g_date_time_new_local (due->year, due->month, 1, 0, 0, 0);
  /* Translators: a month and year, as in "June 2016" (strftime) */
  g_autofree char *period = g_date_time_format (month, _("%OB %Y"));

  switch (due->kind)
    {
    case CAB_DUE_ADVANCE_BILL_1:
      /* Translators: %s is a month and year */
      return g_strdup_printf (_("Advance bill 1 for %s"), period);
    case CAB_DUE_ADVANCE_BILL_2:
      /* Translators: %s is a month and year */
      return g_strdup_printf (_("Advance bill 2 for %s"), period);
    case CAB_DUE_SETTLEMENT:
    default:
      /* Translators: %s is a month and year */
      return g_strdup_printf (_("Final settlement for %s"), period);
    }
}

static char *
due_amount (const CabDueDate *due)
{
  g_autofree char *sum = NULL;

  if (!due->amount_known)
    return g_strdup (_("Amount not known yet: the document is not issued."));
  sum = cab_money_format (due->amount, CAB_MONEY_STYLE_LOCALE);
  /* Translators: an amount of roubles */
  return g_strdup_printf (_("Amount: %s"), sum);
}

static void
update_due_dates (CabPaymentPanel *self)
{
  CabLedger *ledger = self->state != NULL ? cab_account_state_get_ledger (self->state) : NULL;
  GtkWidget *child;
  GDate from, to;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->due_list))) != NULL)
    gtk_list_box_remove (self->due_list, child);
  g_clear_pointer (&self->due_dates, g_array_unref);

  if (ledger != NULL)
    {
      session_today (self, &from);
      g_date_clear (&to, 1);
      g_date_set_dmy (&to, 1, g_date_get_month (&from), g_date_get_year (&from));
      g_date_add_months (&to, DUE_MONTHS_AHEAD + 1);
      self->due_dates = cab_due_dates_compute (ledger, &from, &to);
    }

  for (guint i = 0; self->due_dates != NULL && i < self->due_dates->len; i++)
    {
      const CabDueDate *due = &g_array_index (self->due_dates, CabDueDate, i);
      g_autofree char *day = cab_date_to_display (&due->due);
      g_autofree char *summary = due_summary (due);
      g_autofree char *title = NULL;
      g_autofree char *amount = due_amount (due);
      GtkWidget *row = adw_action_row_new ();

      /* Translators: a date (DD.MM.YYYY) and what is due then */
      title = g_strdup_printf (_("%s: %s"), day, summary);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), amount);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (self->due_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->due_list),
                          self->due_dates != NULL && self->due_dates->len > 0);
  gtk_widget_set_sensitive (self->calendar_button,
                            self->due_dates != NULL && self->due_dates->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "payment.save-calendar",
                                 self->due_dates != NULL && self->due_dates->len > 0);
}

gboolean
cab_payment_panel_write_calendar (CabPaymentPanel  *self,
                                  GFile            *file,
                                  GError          **error)
{
  const char *account = self->state != NULL ? cab_account_state_get_account (self->state) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) events = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CAB_IS_PAYMENT_PANEL (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->due_dates == NULL || self->due_dates->len == 0 || account == NULL)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_DATE, _("There are no due dates to add."));
      return FALSE;
    }

  events = g_array_new (FALSE, TRUE, sizeof (CabCalendarEvent));
  for (guint i = 0; i < self->due_dates->len; i++)
    {
      const CabDueDate *due = &g_array_index (self->due_dates, CabDueDate, i);
      char *uid = cab_due_date_uid (due, account);
      char *summary = due_summary (due);
      g_autofree char *amount = due_amount (due);
      /* Translators: what is due, the account number, and the amount sentence */
      char *description = g_strdup_printf (_("%s, account %s. %s"), summary, account, amount);
      /* Translators: the calendar event's title; %s is what is due */
      char *title = g_strdup_printf (_("Pay: %s"), summary);
      CabCalendarEvent event = { uid, &due->due, title, description, 1 };

      g_ptr_array_add (strings, uid);
      g_ptr_array_add (strings, summary);
      g_ptr_array_add (strings, description);
      g_ptr_array_add (strings, title);
      g_array_append_val (events, event);
    }

  text = cab_icalendar_write ((CabCalendarEvent *) (void *) events->data, events->len, now, error);
  if (text == NULL)
    return FALSE;
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

/* --- Saving through the file chooser --- */

typedef gboolean (*WriteFunc) (CabPaymentPanel *self, GFile *file, GError **error);

static void
on_dialog_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  CabPaymentPanel *self = user_data;
  WriteFunc write = g_object_get_data (G_OBJECT (dialog), "cab-write");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *text = NULL;

      if (write (self, file, &error))
        {
          if (write == cab_payment_panel_write_payment_order)
            /* Translators: the payment order's number and a file name */
            text = g_strdup_printf (_("Payment order No. %u is saved to %s."), self->order_number,
                                    name);
          else
            /* Translators: %s is a file name */
            text = g_strdup_printf (_("Saved to %s."), name);
        }
      else
        /* Translators: a file name and why it could not be written */
        text = g_strdup_printf (_("Could not save %s: %s"), name, error->message);
      set_status (self->status_label, text);
    }

  gtk_native_dialog_destroy (dialog);
  if (self->dialog == dialog)
    g_clear_object (&self->dialog);
}

static void
save_with_chooser (CabPaymentPanel *self,
                   const char      *title,
                   const char      *file_name,
                   WriteFunc        write)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  if (self->dialog != NULL)
    gtk_native_dialog_destroy (self->dialog);
  g_clear_object (&self->dialog);

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "cab-write", write);
  g_signal_connect (chooser, "response", G_CALLBACK (on_dialog_response), self);
  self->dialog = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->dialog);
}

static void
on_order_clicked (CabPaymentPanel *self)
{
  const char *account = cab_account_state_get_account (self->state);
  g_autoptr(CabPayerRequisites) payer = load_payer (self);
  g_autofree char *name = NULL;

  if (payer == NULL)
    return;
  name = g_strdup_printf ("payment-order-%s.txt", account != NULL ? account : "");
  save_with_chooser (self, _("Save Payment Order"), name, cab_payment_panel_write_payment_order);
}

static char *
calendar_file_name (CabPaymentPanel *self)
{
  const char *account = cab_account_state_get_account (self->state);

  return g_strdup_printf ("due-dates-%s.ics", account != NULL ? account : "");
}

static void
save_calendar (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CabPaymentPanel *self = CAB_PAYMENT_PANEL (widget);
  g_autofree char *name = calendar_file_name (self);

  save_with_chooser (self, _("Save Due Dates"), name, cab_payment_panel_write_calendar);
}

static void
on_calendar_shown (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CabPaymentPanel) self = user_data;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    {
      set_status (self->status_label, _("The due dates are handed to the calendar application."));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;

  /* No calendar application (or it refused): the file is still the user's to keep. */
  set_status (self->status_label,
              _("No calendar application opened the due dates: save them as a file and import it."));
  save_calendar (GTK_WIDGET (self), NULL, NULL);
}

/* Writes the due dates under the user's cache folder and hands the file to the desktop's
 * calendar application (GNOME Calendar imports it; in the sandbox through the portal). */
static void
on_calendar_clicked (CabPaymentPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = calendar_file_name (self);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "tek-cabinet", "due-dates", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
  if (error != NULL || !cab_payment_panel_write_calendar (self, file, &error))
    {
      /* Translators: why the calendar file could not be written */
      g_autofree char *text = g_strdup_printf (_("Could not write the due dates: %s"), error->message);

      set_status (self->status_label, text);
      return;
    }

  uri = g_file_get_uri (file);
  gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME,
                     NULL, on_calendar_shown, g_object_ref (self));
}

/* --- Following the model --- */

static void
update (CabPaymentPanel *self)
{
  update_qr (self);
  update_due_dates (self);
}

static void
on_supplier (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CabPaymentPanel *self = user_data;
  g_autoptr(GError) error = NULL;
  CabSupplier *supplier;

  supplier = cab_supplier_cache_fetch_finish (CAB_SUPPLIER_CACHE (object), result, NULL, &error);
  if (supplier == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("No supplier requisites: %s", error->message);
      update_qr (self);
      return;
    }
  g_clear_pointer (&self->supplier, cab_supplier_free);
  self->supplier = supplier;
  update_qr (self);
}

static void
fetch_supplier (CabPaymentPanel *self)
{
  CabSession *session = session_of (self);
  CabApiClient *api = session != NULL ? cab_session_get_api (session) : NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (api == NULL)
    return;

  /* The saved copy at once; the server's answer replaces it. */
  if (self->supplier == NULL)
    self->supplier = cab_supplier_cache_load (self->supplier_cache,
                                              cab_api_client_get_base_url (api), NULL);
  self->cancellable = g_cancellable_new ();
  cab_supplier_cache_fetch_async (self->supplier_cache, api, self->cancellable, on_supplier, self);
}

void
cab_payment_panel_set_state (CabPaymentPanel *self,
                             CabAccountState *state)
{
  static const char * const signals[] = {
    "notify::balance-state", "notify::payment-breakdown", "notify::loading", "notify::account",
  };

  g_return_if_fail (CAB_IS_PAYMENT_PANEL (self));
  g_return_if_fail (state == NULL || CAB_IS_ACCOUNT_STATE (state));

  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);
  if (state != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
        g_signal_connect_object (state, signals[i], G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      fetch_supplier (self);
    }
  update (self);
}

const char *
cab_payment_panel_get_qr_payload (CabPaymentPanel *self)
{
  g_return_val_if_fail (CAB_IS_PAYMENT_PANEL (self), NULL);
  return self->payload;
}

GdkTexture *
cab_payment_panel_get_qr_texture (CabPaymentPanel *self)
{
  g_return_val_if_fail (CAB_IS_PAYMENT_PANEL (self), NULL);
  return self->texture;
}

const char *
cab_payment_panel_get_qr_note (CabPaymentPanel *self)
{
  g_return_val_if_fail (CAB_IS_PAYMENT_PANEL (self), NULL);
  return gtk_label_get_text (self->qr_note_label);
}

GArray *
cab_payment_panel_get_due_dates (CabPaymentPanel *self)
{
  g_return_val_if_fail (CAB_IS_PAYMENT_PANEL (self), NULL);
  return self->due_dates;
}

const char *
cab_payment_panel_get_qr_purpose (CabPaymentPanel *self)
{
  g_return_val_if_fail (CAB_IS_PAYMENT_PANEL (self), NULL);
  return self->purpose;
}

CabMoney
cab_payment_panel_get_qr_amount (CabPaymentPanel *self)
{
  g_return_val_if_fail (CAB_IS_PAYMENT_PANEL (self), 0);
  return self->amount;
}

const CabSupplier *
cab_payment_panel_get_supplier (CabPaymentPanel *self)
{
  g_return_val_if_fail (CAB_IS_PAYMENT_PANEL (self), NULL);
  return self->supplier;
}

guint
cab_payment_panel_get_order_number (CabPaymentPanel *self)
{
  g_return_val_if_fail (CAB_IS_PAYMENT_PANEL (self), 0);
  return self->order_number;
}

gboolean
cab_payment_panel_get_has_payee (CabPaymentPanel *self)
{
  g_return_val_if_fail (CAB_IS_PAYMENT_PANEL (self), FALSE);
  return self->supplier != NULL;
}

static void
cab_payment_panel_dispose (GObject *object)
{
  CabPaymentPanel *self = (CabPaymentPanel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  /* A chooser still open answers nobody. */
  if (self->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->dialog, self);
      gtk_native_dialog_destroy (self->dialog);
    }
  g_clear_object (&self->dialog);

  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_PAYMENT_PANEL);

  G_OBJECT_CLASS (cab_payment_panel_parent_class)->dispose (object);
}

static void
cab_payment_panel_finalize (GObject *object)
{
  CabPaymentPanel *self = (CabPaymentPanel *)object;

  clear_qr (self);
  g_clear_pointer (&self->due_dates, g_array_unref);
  g_clear_pointer (&self->supplier, cab_supplier_free);
  g_clear_object (&self->supplier_cache);

  G_OBJECT_CLASS (cab_payment_panel_parent_class)->finalize (object);
}

static void
cab_payment_panel_class_init (CabPaymentPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_payment_panel_dispose;
  object_class->finalize = cab_payment_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-payment-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CabPaymentPanel, qr_area);
  gtk_widget_class_bind_template_child (widget_class, CabPaymentPanel, qr_note_label);
  gtk_widget_class_bind_template_child (widget_class, CabPaymentPanel, payee_label);
  gtk_widget_class_bind_template_child (widget_class, CabPaymentPanel, purpose_label);
  gtk_widget_class_bind_template_child (widget_class, CabPaymentPanel, order_button);
  gtk_widget_class_bind_template_child (widget_class, CabPaymentPanel, payer_box);
  gtk_widget_class_bind_template_child (widget_class, CabPaymentPanel, payer_label);
  gtk_widget_class_bind_template_child (widget_class, CabPaymentPanel, due_list);
  gtk_widget_class_bind_template_child (widget_class, CabPaymentPanel, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, CabPaymentPanel, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_order_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_clicked);

  gtk_widget_class_install_action (widget_class, "payment.save-calendar", NULL, save_calendar);
}

static void
cab_payment_panel_init (CabPaymentPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->supplier_cache = cab_supplier_cache_new (NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->qr_area), draw_qr, self, NULL);
  update (self);
}

GtkWidget *
cab_payment_panel_new (void)
{
  return g_object_new (CAB_TYPE_PAYMENT_PANEL, NULL);
}
