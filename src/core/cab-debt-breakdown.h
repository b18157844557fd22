/* cab-debt-breakdown.h: what the debt (or the recommended payment) on a day is made of, item by
 * item, so that the sum can be checked by hand (manual 4.2, block 1).
 *
 * The items are: the balance the sum starts from (START), every document and payment of the
 * ledger from that balance's day up to the day asked (ENTRY), counted or not, each with the
 * rule that decides it, and the result (TOTAL). The counted amounts of START and the ENTRY
 * items add up to TOTAL's, which is exactly cab_debt_on() (CAB_DEBT_BASIS_DUE) or, before the
 * clamp at zero, cab_debt_recommended_payment() (CAB_DEBT_BASIS_ISSUED).
 *
 * The start is the act's balance on the first day of a month (opening balance plus every
 * invoice, correction and payment before it, as cab_statement_compute() puts it), chosen so
 * that everything before it is settled: each invoice, correction and payment before it counts
 * in full and each advance bill before it has been replaced by its month's invoice. So a long
 * history folds into one balance the act confirms, and what is still open is listed. No text
 * here: the client puts the items into words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cab-bill-list.h"
#include "cab-debt.h"
#include "cab-statement.h"

G_BEGIN_DECLS

typedef enum
{
  CAB_DEBT_ITEM_START,  /* the balance the sum starts from, on ->date */
  CAB_DEBT_ITEM_ENTRY,  /* one document or payment of the ledger (->kind) */
  CAB_DEBT_ITEM_TOTAL,  /* the result on the day asked (->date) */
} CabDebtItemType;

typedef enum
{
  /* START */
  CAB_DEBT_RULE_OPENING_BALANCE,     /* the account's opening balance, on its opening date */
  CAB_DEBT_RULE_ACT_BALANCE,         /* the act's balance on ->date: everything before is settled */
  /* ENTRY, counted */
  CAB_DEBT_RULE_PAYMENT,             /* a payment: subtracted from its date */
  CAB_DEBT_RULE_CORRECTION,          /* a correction: counts from its date */
  CAB_DEBT_RULE_INVOICE,             /* counts since ->counts_from; replaces its month's advance bills */
  CAB_DEBT_RULE_BILL_NO_INVOICE,     /* advance bill counting since ->counts_from: no invoice for
                                      * its month has been issued, so nothing replaces it */
  CAB_DEBT_RULE_BILL_UNTIL_INVOICE,  /* advance bill counting since ->counts_from, until the
                                      * invoice for its month counts, on ->replaced_from */
  /* ENTRY, not counted */
  CAB_DEBT_RULE_NOT_YET,             /* counts only from ->counts_from (the day after ->due) */
  CAB_DEBT_RULE_REPLACED,            /* advance bill replaced by its month's invoice since
                                      * ->replaced_from */
  /* TOTAL */
  CAB_DEBT_RULE_SUM,                 /* the sum of the items */
  CAB_DEBT_RULE_NOT_BELOW_ZERO,      /* recommended payment: the sum (->counted) is below zero,
                                      * the payment (->amount) is 0 */
} CabDebtRule;

typedef struct
{
  CabDebtItemType  type;
  CabDebtRule      rule;
  CabEntryKind     kind;           /* ENTRY only */
  GDate            date;           /* START: the balance's day; ENTRY: the document's; TOTAL: the day asked */
  GDate            due;            /* ENTRY advance bill or invoice: its due date; else invalid */
  GDate            counts_from;    /* ENTRY: the first day it counts on the breakdown's basis */
  GDate            replaced_from;  /* ENTRY advance bill whose month has an invoice: the day that
                                    * invoice counts (and replaces it); else invalid */
  CabMoney         amount;         /* START: the balance; ENTRY: the document's amount as printed
                                    * (a payment positive); TOTAL: the figure shown */
  CabMoney         counted;        /* what it adds to the sum: START its balance, ENTRY +amount
                                    * (-amount for a payment) or 0 when it does not count,
                                    * TOTAL the sum of all the others */
  gboolean         counts;         /* ENTRY: whether it counts on the day (START, TOTAL: TRUE) */
  char            *number;         /* the document's number when known, else NULL */
  gint64           entry_id;       /* ENTRY: CabEntry.id */
} CabDebtItem;

#define CAB_TYPE_DEBT_ITEM (cab_debt_item_get_type ())
GType              cab_debt_item_get_type          (void) G_GNUC_CONST;
CabDebtItem       *cab_debt_item_copy              (const CabDebtItem       *item);
void               cab_debt_item_free              (CabDebtItem             *item);

typedef struct
{
  GDate         on;
  CabDebtBasis  basis;   /* DUE: the debt; ISSUED: the recommended payment */
  GPtrArray    *items;   /* of CabDebtItem: START, the ENTRY items in date order, TOTAL */
} CabDebtBreakdown;

#define CAB_TYPE_DEBT_BREAKDOWN (cab_debt_breakdown_get_type ())
GType              cab_debt_breakdown_get_type     (void) G_GNUC_CONST;

/* The breakdown of the debt (CAB_DEBT_BASIS_DUE) or of the recommended payment
 * (CAB_DEBT_BASIS_ISSUED) on @on. @start_by (nullable) asks the start to be no later than that
 * day (e.g. the "from" of the act shown, so that the start is the act's opening balance); it is
 * never before the ledger's opening date. Numbers are NULL: see take_numbers(). */
CabDebtBreakdown  *cab_debt_breakdown_compute      (CabLedger               *ledger,
                                                    const GDate             *on,
                                                    CabDebtBasis             basis,
                                                    const GDate             *start_by);
CabDebtBreakdown  *cab_debt_breakdown_copy         (const CabDebtBreakdown  *self);
void               cab_debt_breakdown_free         (CabDebtBreakdown        *self);

guint              cab_debt_breakdown_get_n_items  (const CabDebtBreakdown  *self);
const CabDebtItem *cab_debt_breakdown_get_item     (const CabDebtBreakdown  *self,
                                                    guint                    position);
/* The TOTAL item's figure: cab_debt_on() or cab_debt_recommended_payment(). */
CabMoney           cab_debt_breakdown_get_total    (const CabDebtBreakdown  *self);

/* Gives the ENTRY items without a number the number of the same document (kind, date and
 * amount) among the rows of @statement and the bills of @bills (both nullable), each used once.
 * The ledger does not carry numbers; the act and the bill list do. */
void               cab_debt_breakdown_take_numbers (CabDebtBreakdown        *self,
                                                    CabStatement            *statement,
                                                    const CabBillList       *bills);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabDebtItem, cab_debt_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabDebtBreakdown, cab_debt_breakdown_free)

G_END_DECLS
