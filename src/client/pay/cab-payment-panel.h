/* cab-payment-panel.h: paying and planning on Account State (issue 16): the payment QR code of
 * the recommended payment with its payee and purpose, "Payment order…" (the 1C exchange file)
 * and the coming due dates with "Add to calendar…". It only binds the account state and calls
 * the core (cab-payment-qr.h, cab-payment-order.h, cab-due-dates.h, cab-icalendar.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "account/cab-account-state.h"

G_BEGIN_DECLS

#define CAB_TYPE_PAYMENT_PANEL (cab_payment_panel_get_type ())
G_DECLARE_FINAL_TYPE (CabPaymentPanel, cab_payment_panel, CAB, PAYMENT_PANEL, AdwBin)

GtkWidget   *cab_payment_panel_new                   (void);
/* Follows @state (NULL: shows nothing); the session is @state's. */
void         cab_payment_panel_set_state             (CabPaymentPanel  *self,
                                                      CabAccountState  *state);

/* What is shown, for tests: the QR code's text and texture (NULL when none is shown), the
 * sentence shown instead, and the due dates listed (CabDueDate). */
const char  *cab_payment_panel_get_qr_payload        (CabPaymentPanel  *self);
GdkTexture  *cab_payment_panel_get_qr_texture        (CabPaymentPanel  *self);
const char  *cab_payment_panel_get_qr_note           (CabPaymentPanel  *self);
GArray      *cab_payment_panel_get_due_dates         (CabPaymentPanel  *self);
/* The QR code's purpose text and amount (NULL and 0 when no code is shown). */
const char  *cab_payment_panel_get_qr_purpose        (CabPaymentPanel  *self);
CabMoney     cab_payment_panel_get_qr_amount         (CabPaymentPanel  *self);
/* The supplier's requisites, fetched or saved; NULL when neither (the bills' popovers and the
 * PDF act pay the same payee). */
const CabSupplier *cab_payment_panel_get_supplier    (CabPaymentPanel  *self);
/* The number of the last payment order written, 0 before the first. */
guint        cab_payment_panel_get_order_number      (CabPaymentPanel  *self);
/* TRUE once the supplier's requisites are known (from the server or the saved copy). */
gboolean     cab_payment_panel_get_has_payee         (CabPaymentPanel  *self);

/* What "Payment order…" and "Add to calendar…" write once the user chose @file (the order
 * numbered from the company's counter, cab_pay_write_order()). */
gboolean     cab_payment_panel_write_payment_order   (CabPaymentPanel  *self,
                                                      GFile            *file,
                                                      GError          **error);
gboolean     cab_payment_panel_write_calendar        (CabPaymentPanel  *self,
                                                      GFile            *file,
                                                      GError          **error);

G_END_DECLS
