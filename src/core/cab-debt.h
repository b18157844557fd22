/* cab-debt.h: the current debt and the recommended payment (manual 4.2, block 1).
 *
 * A document counts from the day after it is due (advance bills, invoices), or from its own
 * date (corrections, payments). From the day the invoice for month M counts, the advance bills
 * of M stop counting: the invoice replaces them. The recommended payment counts every document
 * from the day it is dated instead, and is never below zero.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-ledger.h"

G_BEGIN_DECLS

typedef enum
{
  CAB_DEBT_BASIS_DUE,     /* documents count from the day after their due date */
  CAB_DEBT_BASIS_ISSUED,  /* documents count from their own date */
} CabDebtBasis;

/* The first day on which entry @position of @ledger counts, on @basis. */
void         cab_debt_counts_from        (CabLedger     *ledger,
                                          guint          position,
                                          CabDebtBasis   basis,
                                          GDate         *out_first_day);

/* Whether entry @position counts in the sum on @on (replacement by invoices included). */
gboolean     cab_debt_entry_counts       (CabLedger     *ledger,
                                          guint          position,
                                          const GDate   *on,
                                          CabDebtBasis   basis);

/* Opening balance + counted charges - payments, on @on: positive = debt, negative = overpaid. */
CabMoney     cab_debt_on                 (CabLedger     *ledger,
                                          const GDate   *on);

/* The same on CAB_DEBT_BASIS_ISSUED, clamped at zero. */
CabMoney     cab_debt_recommended_payment (CabLedger    *ledger,
                                          const GDate   *on);

/* The first day of the month before @on's month. Every entry dated before it counts on @on on
 * both bases, and an advance bill dated before it is replaced on @on, on both bases, exactly
 * when an invoice is dated in its month. So the debt and the recommended payment on @on are
 * those of a ledger of the entries from that day on, opened with the account's opening
 * balance plus the charges - payments before it, advance bills only in months without an
 * invoice: what a store can sum without sending the older entries (see cab-debt.c). */
void         cab_debt_settled_before     (const GDate   *on,
                                          GDate         *out_day);

G_END_DECLS
