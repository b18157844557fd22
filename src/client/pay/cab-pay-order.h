/* cab-pay-order.h: what paying one amount takes, shared by the payment panel (the recommended
 * payment) and each advance bill's popover: the purpose text, and the payment order file with
 * the payer from Client Info and Preferences, the payee from the supplier's requisites and the
 * number from the company's counter (cab-payer-requisites.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-core.h"
#include "cab-session.h"
#include "cab-supplier.h"

G_BEGIN_DECLS

/* The purpose of paying @amount under @contract: for @bill (its number, date and VAT rate),
 * or with @bill NULL the recommended payment on @on (the rate of that day). */
char        *cab_pay_purpose             (const CabContract  *contract,
                                          const CabBill      *bill,
                                          CabMoney            amount,
                                          const GDate        *on,
                                          GError            **error);

/* Writes the payment order of @amount with @purpose to @payee into @file, dated
 * @session's today, the payer being @session's company with its bank details kept for its
 * login in @payer_dir (NULL: the default). The order takes the next number of the company's
 * counter, given back when the file cannot be written; @out_number (nullable) gets it.
 * CAB_ERROR_MISSING_FIELD without the payer's bank account and BIC, CAB_ERROR_INVALID_MONEY
 * without a payment (no contract, no payee, nothing to pay). */
gboolean     cab_pay_write_order         (CabSession         *session,
                                          const CabSupplier  *payee,
                                          CabMoney            amount,
                                          const char         *purpose,
                                          const char         *payer_dir,
                                          GFile              *file,
                                          guint              *out_number,
                                          GError            **error);

G_END_DECLS
