/* cab-bill-payment-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-payment-qr.h"
#include "pay/cab-bill-payment-popover.h"
#include "pay/cab-pay-order.h"
#include "pay/cab-payer-requisites.h"
#include "pay/cab-qr-texture.h"

/* Pixels per module of the texture kept for tests. */
#define QR_TEXTURE_SCALE 6
/* Whole pixels per module (2 to 4), the side at most this: the popover fits a 360 px window. */
#define QR_MAX_SIDE 240

struct _CabBillPaymentPopover
{
  GtkPopover        parent_instance;

  CabSession       *session;
  CabBill           bill;          /* its strings owned; documents not kept */
  CabSupplier      *supplier;
  GtkNativeDialog  *dialog;

  char             *payload;
  char             *purpose;
  GdkTexture       *texture;

  /* Template */
  GtkLabel         *title_label;
  GtkWidget        *qr_area;
  GtkLabel         *note_label;
  GtkLabel         *purpose_label;
  GtkWidget        *order_button;
  GtkWidget        *payer_box;
  GtkLabel         *status_label;
};

G_DEFINE_FINAL_TYPE (CabBillPaymentPopover, cab_bill_payment_popover, GTK_TYPE_POPOVER)

enum { SIGNAL_STATUS, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static gboolean
has_number (const CabBill *bill)
{
  return bill->number != NULL && *bill->number != '\0';
}

char *
cab_bill_payment_describe (const CabBill *bill)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (bill != NULL, NULL);

  if (has_number (bill))
    /* Translators: %s is a bill's number, "А-0501" */
    return g_strdup_printf (_("Pay bill %s"), bill->number);
  day = cab_date_to_display (&bill->date);
  /* Translators: %s is a date, DD.MM.YYYY */
  return g_strdup_printf (_("Pay the advance bill of %s"), day);
}

static void
draw_qr (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  CabBillPaymentPopover *self = user_data;

  cab_qr_draw_fitted (cr, self->payload, width, height);
}

static void
show_note (CabBillPaymentPopover *self,
           const char            *note)
{
  gtk_widget_set_visible (self->qr_area, FALSE);
  set_label (self->purpose_label, NULL);
  set_label (self->note_label, note);
  gtk_widget_set_sensitive (self->order_button, FALSE);
}

static void
update (CabBillPaymentPopover *self)
{
  const CabContract *contract = self->session != NULL ? cab_session_get_contract (self->session) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = cab_money_format (self->bill.amount, CAB_MONEY_STYLE_LOCALE);
  g_autofree char *day = cab_date_to_display (&self->bill.date);
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  g_autofree char *purpose_text = NULL;
  g_autofree char *description = NULL;
  guint side;

  g_clear_pointer (&self->payload, g_free);
  g_clear_pointer (&self->purpose, g_free);
  g_clear_object (&self->texture);

  if (has_number (&self->bill))
    /* Translators: a bill's number, its date (DD.MM.YYYY) and its amount in roubles */
    title = g_strdup_printf (_("Advance bill %s of %s: %s"), self->bill.number, day, sum);
  else
    /* Translators: a bill's date (DD.MM.YYYY) and its amount in roubles */
    title = g_strdup_printf (_("Advance bill of %s: %s"), day, sum);
  gtk_label_set_text (self->title_label, title);

  if (self->bill.amount <= 0)
    {
      /* Translators: %s is an amount of roubles */
      note = g_strdup_printf (_("No QR code: this bill asks for %s, there is nothing to pay by it."), sum);
      show_note (self, note);
      return;
    }
  if (contract == NULL)
    {
      show_note (self, _("No QR code: the contract of this bill is not known."));
      return;
    }
  if (self->supplier == NULL)
    {
      show_note (self, _("No QR code: the supplier's bank requisites could not be fetched and were not saved."));
      return;
    }

  self->purpose = cab_pay_purpose (contract, &self->bill, self->bill.amount, NULL, &error);
  if (self->purpose != NULL)
    self->payload = cab_payment_qr_payload (self->supplier, self->bill.amount, self->purpose,
                                            contract->inn, contract->account, &error);
  if (self->payload != NULL)
    self->texture = cab_qr_texture_new (self->payload, QR_TEXTURE_SCALE, &error);
  if (self->texture == NULL)
    {
      g_clear_pointer (&self->payload, g_free);
      g_clear_pointer (&self->purpose, g_free);
      /* Translators: %s says why */
      note = g_strdup_printf (_("No QR code: %s"), error->message);
      show_note (self, note);
      return;
    }

  /* Translators: an amount of roubles */
  note = g_strdup_printf (_("Scan with a banking app to pay %s by this bill."), sum);
  set_label (self->note_label, note);
  /* Translators: the payment purpose as written in the payment order */
  purpose_text = g_strdup_printf (_("Purpose: %s"), self->purpose);
  set_label (self->purpose_label, purpose_text);
  /* Translators: an amount of roubles and the bill's number or date */
  description = g_strdup_printf (_("Payment QR code for %s by bill %s"), sum,
                                 has_number (&self->bill) ? self->bill.number : day);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->qr_area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  side = cab_qr_screen_side (self->payload, QR_MAX_SIDE);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->qr_area), side);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->qr_area), side);
  gtk_widget_set_visible (self->qr_area, TRUE);
  gtk_widget_queue_draw (self->qr_area);
  gtk_widget_set_sensitive (self->order_button, TRUE);
}

void
cab_bill_payment_popover_set_supplier (CabBillPaymentPopover *self,
                                       const CabSupplier     *supplier)
{
  g_return_if_fail (CAB_IS_BILL_PAYMENT_POPOVER (self));

  if (supplier == self->supplier)
    return;
  g_clear_pointer (&self->supplier, cab_supplier_free);
  if (supplier != NULL)
    self->supplier = cab_supplier_copy (supplier);
  update (self);
}

gboolean
cab_bill_payment_popover_write_payment_order (CabBillPaymentPopover  *self,
                                              const char             *payer_dir,
                                              GFile                  *file,
                                              guint                  *out_number,
                                              GError                **error)
{
  g_return_val_if_fail (CAB_IS_BILL_PAYMENT_POPOVER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->payload == NULL)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY,
                           _("There is no payment to make."));
      return FALSE;
    }
  return cab_pay_write_order (self->session, self->supplier, self->bill.amount, self->purpose,
                              payer_dir, file, out_number, error);
}

/* --- Saving through the file chooser --- */

static void
on_dialog_response (GtkNativeDialog       *dialog,
                    int                    response,
                    CabBillPaymentPopover *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *text = NULL;
      guint number = 0;

      if (cab_bill_payment_popover_write_payment_order (self, NULL, file, &number, &error))
        /* Translators: the payment order's number and a file name */
        text = g_strdup_printf (_("Payment order No. %u is saved to %s."), number, name);
      else if (g_error_matches (error, CAB_ERROR, CAB_ERROR_MISSING_FIELD))
        text = g_strdup (_("A payment order needs your company's bank account and BIC: enter them once in Preferences."));
      else
        /* Translators: a file name and why it could not be written */
        text = g_strdup_printf (_("Could not save %s: %s"), name, error->message);
      set_label (self->status_label, text);
      g_signal_emit (self, signals[SIGNAL_STATUS], 0, text);
    }

  gtk_native_dialog_destroy (dialog);
  if (self->dialog == dialog)
    g_clear_object (&self->dialog);
}

static void
on_order_clicked (CabBillPaymentPopover *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(CabPayerRequisites) payer = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  const CabContract *contract;
  const char *login = cab_session_get_login (self->session);

  /* Without the payer's bank details there is nothing to save yet: say where to enter them. */
  if (login != NULL)
    payer = cab_payer_requisites_load (NULL, login, NULL);
  gtk_widget_set_visible (self->payer_box, payer == NULL || !cab_payer_requisites_is_complete (payer));
  if (gtk_widget_get_visible (self->payer_box))
    return;

  if (self->dialog != NULL)
    gtk_native_dialog_destroy (self->dialog);
  g_clear_object (&self->dialog);

  contract = cab_session_get_contract (self->session);
  name = g_strdup_printf ("payment-order-%s-%s.txt", contract != NULL ? contract->account : "",
                          has_number (&self->bill) ? self->bill.number : "");
  chooser = gtk_file_chooser_native_new (_("Save Payment Order"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_dialog_response), self);
  self->dialog = GTK_NATIVE_DIALOG (chooser);
  /* The chooser takes the focus; the outcome comes back as "status". */
  gtk_popover_popdown (GTK_POPOVER (self));
  gtk_native_dialog_show (self->dialog);
}

/* --- For tests --- */

const char *
cab_bill_payment_popover_get_qr_payload (CabBillPaymentPopover *self)
{
  g_return_val_if_fail (CAB_IS_BILL_PAYMENT_POPOVER (self), NULL);
  return self->payload;
}

GdkTexture *
cab_bill_payment_popover_get_qr_texture (CabBillPaymentPopover *self)
{
  g_return_val_if_fail (CAB_IS_BILL_PAYMENT_POPOVER (self), NULL);
  return self->texture;
}

const char *
cab_bill_payment_popover_get_note (CabBillPaymentPopover *self)
{
  g_return_val_if_fail (CAB_IS_BILL_PAYMENT_POPOVER (self), NULL);
  return gtk_label_get_text (self->note_label);
}

const char *
cab_bill_payment_popover_get_purpose (CabBillPaymentPopover *self)
{
  g_return_val_if_fail (CAB_IS_BILL_PAYMENT_POPOVER (self), NULL);
  return self->purpose;
}

const char *
cab_bill_payment_popover_get_status (CabBillPaymentPopover *self)
{
  g_return_val_if_fail (CAB_IS_BILL_PAYMENT_POPOVER (self), NULL);
  return gtk_label_get_text (self->status_label);
}

/* --- The object --- */

GtkWidget *
cab_bill_payment_popover_new (CabSession    *session,
                              const CabBill *bill)
{
  CabBillPaymentPopover *self;

  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);
  g_return_val_if_fail (bill != NULL, NULL);

  self = g_object_new (CAB_TYPE_BILL_PAYMENT_POPOVER, NULL);
  self->session = g_object_ref (session);
  self->bill.date = bill->date;
  self->bill.kind = bill->kind;
  self->bill.number = g_strdup (bill->number);
  self->bill.amount = bill->amount;
  self->bill.entry_id = bill->entry_id;
  update (self);

  return GTK_WIDGET (self);
}

static void
cab_bill_payment_popover_dispose (GObject *object)
{
  CabBillPaymentPopover *self = (CabBillPaymentPopover *)object;

  /* A chooser still open answers nobody. */
  if (self->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->dialog, self);
      gtk_native_dialog_destroy (self->dialog);
    }
  g_clear_object (&self->dialog);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_BILL_PAYMENT_POPOVER);

  G_OBJECT_CLASS (cab_bill_payment_popover_parent_class)->dispose (object);
}

static void
cab_bill_payment_popover_finalize (GObject *object)
{
  CabBillPaymentPopover *self = (CabBillPaymentPopover *)object;

  g_free (self->bill.number);
  g_clear_pointer (&self->supplier, cab_supplier_free);
  g_free (self->payload);
  g_free (self->purpose);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (cab_bill_payment_popover_parent_class)->finalize (object);
}

static void
cab_bill_payment_popover_class_init (CabBillPaymentPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_bill_payment_popover_dispose;
  object_class->finalize = cab_bill_payment_popover_finalize;

  signals[SIGNAL_STATUS] = g_signal_new ("status", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-bill-payment-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, CabBillPaymentPopover, title_label);
  gtk_widget_class_bind_template_child (widget_class, CabBillPaymentPopover, qr_area);
  gtk_widget_class_bind_template_child (widget_class, CabBillPaymentPopover, note_label);
  gtk_widget_class_bind_template_child (widget_class, CabBillPaymentPopover, purpose_label);
  gtk_widget_class_bind_template_child (widget_class, CabBillPaymentPopover, order_button);
  gtk_widget_class_bind_template_child (widget_class, CabBillPaymentPopover, payer_box);
  gtk_widget_class_bind_template_child (widget_class, CabBillPaymentPopover, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_order_clicked);
}

static void
cab_bill_payment_popover_init (CabBillPaymentPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->qr_area), draw_qr, self, NULL);
}
