/* cab-payment-order.h: one payment order ("платежное поручение") in the exchange format of
 * 1C:Enterprise and bank clients (1CClientBankExchange, ВерсияФормата=1.03): windows-1251,
 * CRLF line ends, "Key=Value" lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cab-money.h"
#include "cab-supplier.h"

G_BEGIN_DECLS

/* One side of the payment. Strings are borrowed. */
typedef struct
{
  const char *name;                    /* required */
  const char *inn;                     /* required, passes cab_validate_inn() */
  const char *kpp;                     /* NULL or "" when none */
  const char *account;                 /* required: 20 digits, control key matching @bic */
  const char *bank_name;               /* NULL or "" when unknown */
  const char *bic;                     /* required: 9 digits */
  const char *correspondent_account;   /* NULL or "" when unknown; else checked against @bic */
} CabPaymentParty;

typedef struct
{
  const char      *number;     /* the payer's own order number: 1 to 6 digits */
  const GDate     *date;
  CabMoney         amount;     /* kopecks, > 0 */
  CabPaymentParty  payer;
  CabPaymentParty  payee;
  const char      *purpose;    /* required, at most 210 characters (cab_payment_purpose_build()) */
} CabPaymentOrder;

/* Borrows @supplier's strings into @party (valid while @supplier lives). */
void         cab_payment_party_from_supplier (CabPaymentParty    *party,
                                              const CabSupplier  *supplier);

/* The whole file, windows-1251 bytes with CRLF line ends: the header section, one
 * "СекцияДокумент=Платежное поручение" and "КонецФайла". @created is the time written in
 * ДатаСоздания/ВремяСоздания (local time as given). CAB_ERROR_INVALID_MONEY for an amount of
 * zero or less; CAB_ERROR_INVALID_VALUE naming the field for anything missing, malformed, or
 * not writable in windows-1251. Line breaks in text become spaces. */
GBytes      *cab_payment_order_write     (const CabPaymentOrder  *order,
                                          GDateTime              *created,
                                          GError                **error);

G_END_DECLS
