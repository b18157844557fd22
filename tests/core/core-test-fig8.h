/* core-test-fig8.h: the manual's Fig. 8 ledger (account 1234567890, from ../account/fig8.h) and
 * the small helpers the core tests build ledgers with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-core.h"
#include "../account/fig8.h"

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
