/* core-test-fig8.h: the manual's Fig. 8 ledger (account 1234567890) and the small helpers the
 * core tests build ledgers with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-core.h"

static inline GDate
ymd (guint year,
     guint month,
     guint day)
{
  GDate date;

  cab_date_set_ymd (&date, year, month, day);
  return date;
}

static inline void
add (CabLedger    *ledger,
     CabEntryKind  kind,
     guint         year,
     guint         month,
     guint         day,
     CabMoney      amount,
     gint64        id)
{
  GDate date = ymd (year, month, day);

  cab_ledger_add (ledger, kind, &date, amount, id);
}

/* Opening balance 608 822,79 on 01.05.2016, the five advance bills, the correction, the May
 * invoice and the two payments, with ids 1 to 9 in date order; @terms may be NULL. */
static inline CabLedger *
fig8_ledger (const CabTerms *terms)
{
  GDate opening = ymd (2016, 5, 1);
  CabLedger *ledger = cab_ledger_new (&opening, 60882279, terms);

  add (ledger, CAB_ENTRY_ADVANCE_BILL_1, 2016, 5, 1, 17311879, 1);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_2, 2016, 5, 16, 40510324, 2);
  add (ledger, CAB_ENTRY_CORRECTION, 2016, 5, 24, -19868501, 3);
  add (ledger, CAB_ENTRY_PAYMENT, 2016, 5, 25, 97999044, 4);
  add (ledger, CAB_ENTRY_INVOICE, 2016, 5, 31, 48284486, 5);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_1, 2016, 6, 1, 24422301, 6);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_2, 2016, 6, 16, 19313974, 7);
  add (ledger, CAB_ENTRY_PAYMENT, 2016, 6, 20, 42499921, 8);
  add (ledger, CAB_ENTRY_ADVANCE_BILL_1, 2016, 7, 1, 16734526, 9);

  return ledger;
}
