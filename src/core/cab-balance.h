/* cab-balance.h: the "balance" resource: debt and recommended payment on a day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cab-ledger.h"

G_BEGIN_DECLS

typedef struct
{
  char     *account;
  GDate     on;
  CabMoney  debt;                 /* positive: debt; negative: overpayment */
  CabMoney  recommended_payment;  /* never negative */
} CabBalance;

#define CAB_TYPE_BALANCE (cab_balance_get_type ())
GType        cab_balance_get_type        (void) G_GNUC_CONST;
/* Computes both figures from @ledger with the debt rules. */
CabBalance  *cab_balance_compute         (CabLedger         *ledger,
                                          const char        *account,
                                          const GDate       *on);
CabBalance  *cab_balance_copy            (const CabBalance  *self);
void         cab_balance_free            (CabBalance        *self);

JsonNode    *cab_balance_to_json         (const CabBalance  *self);
CabBalance  *cab_balance_from_json       (JsonNode          *node,
                                          GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabBalance, cab_balance_free)

G_END_DECLS
