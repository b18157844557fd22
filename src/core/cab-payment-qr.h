/* cab-payment-qr.h: the payment QR payload of GOST R 56042-2014 ("ST00012", UTF-8) and the
 * payment purpose ("назначение платежа") as Russian payment orders write it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-money.h"
#include "cab-supplier.h"

G_BEGIN_DECLS

/* The standard's service block: format "ST", version "0001", character set "2" (UTF-8). */
#define CAB_PAYMENT_QR_HEADER "ST00012"

/* The standard's limits, in characters. */
#define CAB_PAYMENT_QR_MAX_NAME       160
#define CAB_PAYMENT_QR_MAX_BANK_NAME   45
#define CAB_PAYMENT_QR_MAX_PURPOSE    210
#define CAB_PAYMENT_QR_MAX_SUM_DIGITS  18

/* "ST00012|Name=…|PersonalAcc=…|BankName=…|BIC=…|CorrespAcc=…|Sum=…|Purpose=…|PayeeINN=…|
 * KPP=…|PayerINN=…|PersAcc=…", to pay @sum kopecks to @payee. @purpose, @payer_inn and
 * @account (the payer's account number at the supplier, "PersAcc") may be NULL: their keys are
 * left out, as is KPP when the supplier has none.
 *
 * Refused with CAB_ERROR_INVALID_MONEY: @sum of zero or less (nothing to pay), or of more than
 * 18 digits. CAB_ERROR_INVALID_VALUE: a mandatory requisite of @payee unset, an account that
 * does not match the BIC, an INN/KPP/account number that fails the core checks, a Name or
 * Purpose longer than the standard allows. The bank's name is cut to 45 characters (the BIC
 * names the bank anyway); '|' and control characters in text are replaced (see the .c). */
char        *cab_payment_qr_payload      (const CabSupplier  *payee,
                                          CabMoney            sum,
                                          const char         *purpose,
                                          const char         *payer_inn,
                                          const char         *account,
                                          GError            **error);

/* Reads a payload back: key → value (both UTF-8 strings owned by the table). Checks the
 * "ST00012|" service block, "Key=Value" pairs, no duplicate or empty key, and the five mandatory
 * keys. CAB_ERROR_INVALID_VALUE otherwise. */
GHashTable  *cab_payment_qr_parse        (const char         *payload,
                                          GError            **error);

/* The VAT rate in per cent that Russia charged on @date: 20 until 2003, 18 from 2004, 20 from
 * 2019, 22 from 2026 (Federal Law No. 425-FZ of 28.11.2025). */
guint        cab_payment_vat_percent     (const GDate        *date);

typedef struct
{
  const char  *contract_number;   /* "12-3456" */
  const GDate *contract_date;
  const char  *account;           /* "1234567890" */
  const char  *bill_number;       /* NULL or "" when the bill has none */
  const GDate *bill_date;         /* NULL for a payment not for one bill (the recommended one) */
  CabMoney     amount;            /* the sum paid, VAT included */
  guint        vat_percent;       /* the bill's rate; 0 for "Без НДС" */
} CabPaymentPurpose;

/* "Оплата по счету № 7 от 01.06.2016 за электроэнергию по договору № 12-3456 от 01.12.2015,
 * л/с 1234567890. В т.ч. НДС (18%) 37254-36" — rubles and kopecks parted by a dash as payment
 * orders write sums, VAT = amount × rate / (100 + rate) rounded half up to the kopeck.
 * CAB_ERROR_INVALID_VALUE when a field is missing or not valid UTF-8, or the text would pass
 * the 210 characters a payment order and the QR payload allow. */
char        *cab_payment_purpose_build   (const CabPaymentPurpose *purpose,
                                          GError                 **error);

/* "244223-01": how payment orders write a sum. */
char        *cab_payment_format_sum      (CabMoney            amount);

G_END_DECLS
