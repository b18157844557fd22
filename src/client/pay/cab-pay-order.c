/* cab-pay-order.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-payment-order.h"
#include "cab-payment-qr.h"
#include "pay/cab-pay-order.h"
#include "pay/cab-payer-requisites.h"

char *
cab_pay_purpose (const CabContract  *contract,
                 const CabBill      *bill,
                 CabMoney            amount,
                 const GDate        *on,
                 GError            **error)
{
  CabPaymentPurpose purpose = { 0 };

  g_return_val_if_fail (contract != NULL, NULL);
  g_return_val_if_fail (bill != NULL || on != NULL, NULL);

  purpose.contract_number = contract->contract_number;
  purpose.contract_date = &contract->contract_date;
  purpose.account = contract->account;
  purpose.amount = amount;
  if (bill != NULL)
    {
      purpose.bill_number = bill->number;
      purpose.bill_date = &bill->date;
      /* the bill's VAT is that of the day it was issued */
      purpose.vat_percent = cab_payment_vat_percent (&bill->date);
    }
  else
    purpose.vat_percent = cab_payment_vat_percent (on);

  return cab_payment_purpose_build (&purpose, error);
}

gboolean
cab_pay_write_order (CabSession         *session,
                     const CabSupplier  *payee,
                     CabMoney            amount,
                     const char         *purpose,
                     const char         *payer_dir,
                     GFile              *file,
                     guint              *out_number,
                     GError            **error)
{
  const CabMe *me;
  const CabContract *contract;
  g_autoptr(CabPayerRequisites) payer = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *number_text = NULL;
  CabPaymentOrder order = { 0 };
  guint number;
  GDate today;

  g_return_val_if_fail (CAB_IS_SESSION (session), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  me = cab_session_get_me (session);
  contract = cab_session_get_contract (session);
  if (me == NULL || contract == NULL || payee == NULL || purpose == NULL || amount <= 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY,
                           _("There is no payment to make."));
      return FALSE;
    }
  payer = cab_payer_requisites_load (payer_dir, cab_session_get_login (session), &local_error);
  if (payer == NULL || !cab_payer_requisites_is_complete (payer))
    {
      if (local_error != NULL)
        g_debug ("Payer's bank details unreadable: %s", local_error->message);
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_MISSING_FIELD,
                           _("Your company's bank account and BIC are not set in Preferences."));
      return FALSE;
    }

  cab_session_get_today (session, &today);
  order.date = &today;
  order.amount = amount;
  order.payer.name = me->partner.name;
  order.payer.inn = contract->inn;
  order.payer.kpp = contract->kpp;
  order.payer.account = cab_payer_requisites_get_bank_account (payer);
  order.payer.bank_name = cab_payer_requisites_get_bank_name (payer);
  order.payer.bic = cab_payer_requisites_get_bic (payer);
  cab_payment_party_from_supplier (&order.payee, payee);
  order.purpose = purpose;

  /* The number is taken only for a file that is written: a refused order gives it back. */
  if ((number = cab_payer_requisites_claim_number (payer, error)) == 0)
    return FALSE;
  number_text = g_strdup_printf ("%u", number);
  order.number = number_text;

  bytes = cab_payment_order_write (&order, now, error);
  if (bytes == NULL
      || !g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL,
                                   error))
    {
      g_autoptr(GError) release_error = NULL;

      if (!cab_payer_requisites_release_number (payer, number, &release_error))
        g_debug ("Payment order number %u not given back: %s", number, release_error->message);
      return FALSE;
    }

  if (out_number != NULL)
    *out_number = number;
  return TRUE;
}
