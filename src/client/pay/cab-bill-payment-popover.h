/* cab-bill-payment-popover.h: paying one advance bill (issue 16), from its row in the bills of
 * Account State: the bill's payment QR code (the purpose naming the contract, the account, the
 * bill's number and date and its VAT) and "Payment Order…" for it. A bill of zero or less gets
 * no code and a sentence why. Everything comes from the session's saved data and the
 * supplier's requisites given, so it works offline too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cab-core.h"
#include "cab-session.h"

G_BEGIN_DECLS

#define CAB_TYPE_BILL_PAYMENT_POPOVER (cab_bill_payment_popover_get_type ())
G_DECLARE_FINAL_TYPE (CabBillPaymentPopover, cab_bill_payment_popover, CAB, BILL_PAYMENT_POPOVER, GtkPopover)

/* For @bill (copied) of @session's selected contract. */
GtkWidget   *cab_bill_payment_popover_new             (CabSession            *session,
                                                       const CabBill         *bill);
/* The payee (copied; NULL: not known, no code and a sentence why). Redraws when it changed. */
void         cab_bill_payment_popover_set_supplier    (CabBillPaymentPopover *self,
                                                       const CabSupplier     *supplier);

/* "Pay bill А-0501" (or "Pay the advance bill of 01.06.2016" without a number): the name of
 * the button that opens the popover, for people and screen readers. */
char        *cab_bill_payment_describe                (const CabBill         *bill);

/* What is shown, for tests: the code's text and texture (NULL when none), the sentence beside
 * it (what to do, or why there is no code), the purpose, and the last outcome of saving. */
const char  *cab_bill_payment_popover_get_qr_payload  (CabBillPaymentPopover *self);
GdkTexture  *cab_bill_payment_popover_get_qr_texture  (CabBillPaymentPopover *self);
const char  *cab_bill_payment_popover_get_note        (CabBillPaymentPopover *self);
const char  *cab_bill_payment_popover_get_purpose     (CabBillPaymentPopover *self);
const char  *cab_bill_payment_popover_get_status      (CabBillPaymentPopover *self);

/* Signal "status" (const char *text): the outcome of saving through the file chooser, which
 * closes the popover; it is shown inside too. */

/* What "Payment Order…" writes once the user chose @file (cab_pay_write_order(); the payer's
 * bank details from @payer_dir, NULL: the default); @out_number gets the order's number. */
gboolean     cab_bill_payment_popover_write_payment_order (CabBillPaymentPopover *self,
                                                           const char            *payer_dir,
                                                           GFile                 *file,
                                                           guint                 *out_number,
                                                           GError               **error);

G_END_DECLS
