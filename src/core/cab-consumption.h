/* cab-consumption.h: the energy of a ledger month by month, with its money and average price.
 *
 * Counts invoices and corrections only, each in the month it bills
 * (cab_entry_get_supply_month()): a correction dated in June that corrects April counts in
 * April. A month "has data" when at least one of its documents carries a volume; a month
 * without data is not a month of zero kWh, and says so (has_volume FALSE).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-ledger.h"
#include "cab-money.h"
#include "cab-volume.h"

G_BEGIN_DECLS

typedef struct
{
  GDate      month;        /* its first day */
  /* TRUE when some invoice or correction of the month carries a volume. */
  gboolean   has_volume;
  CabVolume  volume;       /* Wh: the sum of the volumes given (0 without data); a month whose
                           * sums pass CAB_VOLUME_MAX or 64 bits has no data at all */
  /* TRUE when the month has invoices or corrections at all. */
  gboolean   has_amount;
  CabMoney   amount;       /* kopecks: the sum of the month's invoices and corrections */
  /* The average price, kopecks per kWh (amount / volume, rounded half away from zero): only
   * when every document of the month carries a volume and their sum is not 0. */
  gboolean   has_price;
  CabMoney   price;
} CabConsumptionMonth;

/* The periods the page offers. */
#define CAB_CONSUMPTION_MONTHS_MIN 1
#define CAB_CONSUMPTION_MONTHS_MAX 120

#define CAB_TYPE_CONSUMPTION (cab_consumption_get_type ())
G_DECLARE_FINAL_TYPE (CabConsumption, cab_consumption, CAB, CONSUMPTION, GObject)

/* Reads every invoice and correction of @ledger once; the ledger is not kept. */
CabConsumption *cab_consumption_new                 (CabLedger            *ledger);

/* TRUE when any document of the ledger carries a volume. */
gboolean        cab_consumption_has_volumes         (CabConsumption       *self);
/* The latest month with a volume; FALSE (and @out_first_day untouched) when there is none. */
gboolean        cab_consumption_get_last_month      (CabConsumption       *self,
                                                     GDate                *out_first_day);

/* The month containing @day (any day of it). A month with no documents comes back with
 * has_volume, has_amount and has_price FALSE. */
void            cab_consumption_get_month           (CabConsumption       *self,
                                                     const GDate          *day,
                                                     CabConsumptionMonth  *out_month);

/* The @n_months months (CAB_CONSUMPTION_MONTHS_MIN..MAX) ending with the month containing
 * @last_day, oldest first: a GArray of CabConsumptionMonth. With @out_previous (nullable),
 * the same months a year earlier, in the same order. */
GArray         *cab_consumption_get_range           (CabConsumption       *self,
                                                     const GDate          *last_day,
                                                     guint                 n_months,
                                                     GArray              **out_previous);

/* kopecks / kWh for @amount over @wh (Wh), rounded half away from zero; FALSE when @wh is 0
 * or the result would not fit. */
gboolean        cab_consumption_price_per_kwh       (CabMoney              amount,
                                                     CabVolume             wh,
                                                     CabMoney             *out_price);

/* kWh for people: grouped like money in @style ("98 112" / "98,112"), with the fraction
 * digits only when the volume has a fraction, without trailing zeros ("-41 250,5"). */
char           *cab_consumption_format_kwh          (CabVolume             wh,
                                                     CabMoneyStyle         style);

G_END_DECLS
