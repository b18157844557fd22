/* cab-due-dates.h: the days a contract's payments fall due (Decree No. 442, item 82, or the
 * contract's own CabTerms), with the amounts the ledger already knows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-ledger.h"

G_BEGIN_DECLS

typedef enum
{
  CAB_DUE_ADVANCE_BILL_1,  /* advance bill 1 of the month: due bill1_due_day (10th) */
  CAB_DUE_ADVANCE_BILL_2,  /* advance bill 2: due bill2_due_day (25th) */
  CAB_DUE_SETTLEMENT,      /* the month's invoice: due invoice_due_day (18th) of the next month */
} CabDueKind;

typedef struct
{
  CabDueKind kind;
  GDate      due;            /* pay by this day */
  guint      year;           /* the supply month it is for */
  guint      month;          /* 1..12 */
  gboolean   amount_known;   /* the document is in the ledger already */
  CabMoney   amount;         /* its amount (VAT included); 0 when not known */
  GDate      document_date;  /* its date; the day it is due to be issued when not known */
} CabDueDate;

/* Every due date from @from (inclusive) to @to (exclusive), in date order, from the terms of
 * @ledger (the contract's own days). A document of the right kind dated in the right month
 * gives the amount; a later one of the same kind and month (a re-issued bill) wins. */
GArray      *cab_due_dates_compute       (CabLedger          *ledger,
                                          const GDate        *from,
                                          const GDate        *to);

/* A UID that stays the same for the same due date of the same account on every export, so a
 * calendar that imports the file twice updates its events instead of doubling them:
 * "1234567890-2016-06-advance-1@ru.tek_energo.Cabinet". */
char        *cab_due_date_uid            (const CabDueDate   *due_date,
                                          const char         *account);

G_END_DECLS
