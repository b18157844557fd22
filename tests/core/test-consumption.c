/* test-consumption.c: kWh, money and price per month from hand-built ledgers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"
#include "../account/fig8.h"

static CabLedger *
new_ledger (void)
{
  GDate opening;

  g_date_clear (&opening, 1);
  g_date_set_dmy (&opening, 1, 1, 2015);
  return cab_ledger_new (&opening, 0, NULL);
}

/* An entry dated @d.@m.@y; @period_m/@period_y 0 for none; @kwh_wh G_MININT64 for no volume. */
static void
add (CabLedger    *ledger,
     CabEntryKind  kind,
     guint         d,
     guint         m,
     guint         y,
     CabMoney      amount,
     gint64        wh,
     guint         period_m,
     guint         period_y)
{
  CabEntry entry = { 0, };

  entry.kind = kind;
  g_date_clear (&entry.date, 1);
  g_date_set_dmy (&entry.date, d, m, y);
  entry.amount = amount;
  g_date_clear (&entry.period, 1);
  if (period_m != 0)
    g_date_set_dmy (&entry.period, 1, period_m, period_y);
  if (wh != G_MININT64)
    {
      entry.has_volume = TRUE;
      entry.volume = wh;
    }
  cab_ledger_add_entry (ledger, &entry);
}

static void
month_of (CabConsumption      *consumption,
          guint                m,
          guint                y,
          CabConsumptionMonth *out)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, m, y);
  cab_consumption_get_month (consumption, &day, out);
  g_assert_cmpuint (g_date_get_day (&out->month), ==, 1);
  g_assert_cmpuint (g_date_get_month (&out->month), ==, m);
  g_assert_cmpuint (g_date_get_year (&out->month), ==, y);
}

static void
test_price_rounding (void)
{
  CabMoney price = -1;

  /* 482 844,86 ₽ for 98 112 kWh: 4,92124… ₽ → 492 kopecks */
  g_assert_true (cab_consumption_price_per_kwh (48284486, 98112000, &price));
  g_assert_cmpint (price, ==, 492);
  /* exactly half a kopeck: away from zero in both signs */
  g_assert_true (cab_consumption_price_per_kwh (5, 2000, &price));   /* 2,5 → 3 */
  g_assert_cmpint (price, ==, 3);
  g_assert_true (cab_consumption_price_per_kwh (-5, 2000, &price));
  g_assert_cmpint (price, ==, -3);
  g_assert_true (cab_consumption_price_per_kwh (5, -2000, &price));
  g_assert_cmpint (price, ==, -3);
  g_assert_true (cab_consumption_price_per_kwh (-5, -2000, &price));
  g_assert_cmpint (price, ==, 3);
  /* just under half: down */
  g_assert_true (cab_consumption_price_per_kwh (2499, 1000000, &price));  /* 2,499 */
  g_assert_cmpint (price, ==, 2);
  /* fractions of a kWh count: 1 ₽ for 0,5 kWh is 2 ₽/kWh */
  g_assert_true (cab_consumption_price_per_kwh (100, 500, &price));
  g_assert_cmpint (price, ==, 200);
  /* no price for no energy, nor past 64 bits */
  price = 7;
  g_assert_false (cab_consumption_price_per_kwh (100, 0, &price));
  g_assert_false (cab_consumption_price_per_kwh (G_MAXINT64, 1, &price));
  g_assert_false (cab_consumption_price_per_kwh (G_MININT64, 1000, &price));
  g_assert_false (cab_consumption_price_per_kwh (1, G_MININT64, &price));
  g_assert_cmpint (price, ==, 7);
}

static void
test_format_kwh (void)
{
  static const struct { CabVolume wh; const char *ru; const char *en; } cases[] = {
    { 0, "0", "0" },
    { 98112000, "98\xc2\xa0" "112", "98,112" },
    { -41250500, "-41\xc2\xa0" "250,5", "-41,250.5" },
    { 12340, "12,34", "12.34" },
    { 1, "0,001", "0.001" },
    { -999, "-0,999", "-0.999" },
    { 1234567890123, "1\xc2\xa0" "234\xc2\xa0" "567\xc2\xa0" "890,123", "1,234,567,890.123" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ru = cab_consumption_format_kwh (cases[i].wh, CAB_MONEY_STYLE_RUSSIAN);
      g_autofree char *en = cab_consumption_format_kwh (cases[i].wh, CAB_MONEY_STYLE_ENGLISH);

      g_assert_cmpstr (ru, ==, cases[i].ru);
      g_assert_cmpstr (en, ==, cases[i].en);
    }
}

/* A correction dated in June for April counts in April, not June; one without a period
 * counts in the month it is dated. */
static void
test_correction_attribution (void)
{
  g_autoptr(CabLedger) ledger = new_ledger ();
  g_autoptr(CabConsumption) consumption = NULL;
  CabConsumptionMonth month;

  add (ledger, CAB_ENTRY_INVOICE, 30, 4, 2016, 50000000, 100000000, 0, 0);
  add (ledger, CAB_ENTRY_INVOICE, 31, 5, 2016, 40000000, 80000000, 0, 0);
  add (ledger, CAB_ENTRY_INVOICE, 30, 6, 2016, 30000000, 60000000, 0, 0);
  /* dated 20 June, corrects April */
  add (ledger, CAB_ENTRY_CORRECTION, 20, 6, 2016, 10000000, 20000000, 4, 2016);
  /* dated 24 May, no period: May */
  add (ledger, CAB_ENTRY_CORRECTION, 24, 5, 2016, 1000000, 2000000, 0, 0);
  /* bills and payments never count */
  add (ledger, CAB_ENTRY_ADVANCE_BILL_1, 1, 6, 2016, 99999999, G_MININT64, 0, 0);
  add (ledger, CAB_ENTRY_PAYMENT, 25, 6, 2016, 77777777, G_MININT64, 0, 0);

  consumption = cab_consumption_new (ledger);
  g_assert_true (cab_consumption_has_volumes (consumption));

  month_of (consumption, 4, 2016, &month);
  g_assert_true (month.has_volume);
  g_assert_cmpint (month.volume, ==, 120000000);
  g_assert_true (month.has_amount);
  g_assert_cmpint (month.amount, ==, 60000000);
  g_assert_true (month.has_price);
  g_assert_cmpint (month.price, ==, 500);  /* 600 000 ₽ / 120 000 kWh = 5 ₽ */

  month_of (consumption, 5, 2016, &month);
  g_assert_cmpint (month.volume, ==, 82000000);
  g_assert_cmpint (month.amount, ==, 41000000);

  month_of (consumption, 6, 2016, &month);
  g_assert_cmpint (month.volume, ==, 60000000);
  g_assert_cmpint (month.amount, ==, 30000000);
  g_assert_cmpint (month.price, ==, 500);
}

static void
test_negative_correction (void)
{
  g_autoptr(CabLedger) ledger = new_ledger ();
  g_autoptr(CabConsumption) consumption = NULL;
  CabConsumptionMonth month;

  /* The manual's correction: −198 685,01 ₽, −41 250,5 kWh, for April */
  add (ledger, CAB_ENTRY_INVOICE, 30, 4, 2016, 48284486, 98112000, 0, 0);
  add (ledger, CAB_ENTRY_CORRECTION, 24, 5, 2016, -19868501, -41250500, 4, 2016);
  /* a month that only takes back: negative kWh, positive price */
  add (ledger, CAB_ENTRY_CORRECTION, 10, 7, 2016, -1000000, -2000000, 3, 2016);
  /* a correction that cancels its month to exactly 0 kWh: no price */
  add (ledger, CAB_ENTRY_INVOICE, 31, 1, 2016, 1000000, 2000000, 0, 0);
  add (ledger, CAB_ENTRY_CORRECTION, 10, 2, 2016, -900000, -2000000, 1, 2016);

  consumption = cab_consumption_new (ledger);

  month_of (consumption, 4, 2016, &month);
  g_assert_cmpint (month.volume, ==, 98112000 - 41250500);  /* 56 861,5 kWh */
  g_assert_cmpint (month.amount, ==, 48284486 - 19868501);  /* 284 159,85 ₽ */
  g_assert_true (month.has_price);
  g_assert_cmpint (month.price, ==, 500);  /* 4,99744… ₽ */

  month_of (consumption, 3, 2016, &month);
  g_assert_true (month.has_volume);
  g_assert_cmpint (month.volume, ==, -2000000);
  g_assert_cmpint (month.amount, ==, -1000000);
  g_assert_true (month.has_price);
  g_assert_cmpint (month.price, ==, 500);

  month_of (consumption, 1, 2016, &month);
  g_assert_true (month.has_volume);
  g_assert_cmpint (month.volume, ==, 0);
  g_assert_cmpint (month.amount, ==, 100000);
  g_assert_false (month.has_price);

  month_of (consumption, 2, 2016, &month);
  g_assert_false (month.has_volume);
  g_assert_false (month.has_amount);
}

/* A month without volumes is "no data", never zero kWh; an invoice without a volume beside
 * one with makes the month's kWh partial, so it has no price. */
static void
test_gaps (void)
{
  g_autoptr(CabLedger) ledger = new_ledger ();
  g_autoptr(CabConsumption) consumption = NULL;
  g_autoptr(GArray) range = NULL;
  GDate last;
  CabConsumptionMonth month;

  add (ledger, CAB_ENTRY_INVOICE, 31, 1, 2016, 1000000, 2000000, 0, 0);
  /* February: nothing; March: an invoice without a volume */
  add (ledger, CAB_ENTRY_INVOICE, 31, 3, 2016, 1000000, G_MININT64, 0, 0);
  /* April: one with, one without */
  add (ledger, CAB_ENTRY_INVOICE, 30, 4, 2016, 1000000, 2000000, 0, 0);
  add (ledger, CAB_ENTRY_CORRECTION, 30, 4, 2016, 500000, G_MININT64, 0, 0);

  consumption = cab_consumption_new (ledger);
  g_assert_true (cab_consumption_get_last_month (consumption, &last));
  g_assert_cmpuint (g_date_get_month (&last), ==, 4);
  g_assert_cmpuint (g_date_get_year (&last), ==, 2016);

  range = cab_consumption_get_range (consumption, &last, 4, NULL);
  g_assert_cmpuint (range->len, ==, 4);
  month = g_array_index (range, CabConsumptionMonth, 0);
  g_assert_cmpuint (g_date_get_month (&month.month), ==, 1);
  g_assert_true (month.has_volume && month.has_price);
  g_assert_cmpint (month.price, ==, 500);
  month = g_array_index (range, CabConsumptionMonth, 1);
  g_assert_false (month.has_volume || month.has_amount || month.has_price);
  month = g_array_index (range, CabConsumptionMonth, 2);
  g_assert_false (month.has_volume);
  g_assert_true (month.has_amount);
  g_assert_false (month.has_price);
  month = g_array_index (range, CabConsumptionMonth, 3);
  g_assert_true (month.has_volume);
  g_assert_cmpint (month.volume, ==, 2000000);
  g_assert_cmpint (month.amount, ==, 1500000);
  g_assert_false (month.has_price);
}

/* The range crosses years; the previous year's months stand beside each, the first months
 * of the range reaching back two calendar years. */
static void
test_year_boundaries (void)
{
  g_autoptr(CabLedger) ledger = new_ledger ();
  g_autoptr(CabConsumption) consumption = NULL;
  g_autoptr(GArray) range = NULL;
  g_autoptr(GArray) previous = NULL;
  GDate last;

  /* one invoice a month from January 2015 to February 2017: kWh = 1000 × month number,
   * plus 100 000 × (year − 2014) */
  for (guint y = 2015; y <= 2017; y++)
    for (guint m = 1; m <= 12 && (y < 2017 || m <= 2); m++)
      {
        GDate end;

        g_date_clear (&end, 1);
        g_date_set_dmy (&end, 1, m, y);
        g_date_add_days (&end, g_date_get_days_in_month (m, y) - 1);
        add (ledger, CAB_ENTRY_INVOICE, g_date_get_day (&end), m, y, 500000,
             ((gint64) (y - 2014) * 100000 + m * 1000) * 1000, 0, 0);
      }
  /* December 2016 corrected in January 2017 */
  add (ledger, CAB_ENTRY_CORRECTION, 15, 1, 2017, 100000, 7000, 12, 2016);

  consumption = cab_consumption_new (ledger);
  g_date_clear (&last, 1);
  g_date_set_dmy (&last, 28, 2, 2017);
  range = cab_consumption_get_range (consumption, &last, 12, &previous);
  g_assert_cmpuint (range->len, ==, 12);
  g_assert_cmpuint (previous->len, ==, 12);

  for (guint i = 0; i < 12; i++)
    {
      const CabConsumptionMonth *now = &g_array_index (range, CabConsumptionMonth, i);
      const CabConsumptionMonth *before = &g_array_index (previous, CabConsumptionMonth, i);
      guint m = (i + 2) % 12 + 1;   /* March 2016 … February 2017 */
      guint y = i < 10 ? 2016 : 2017;
      gint64 expected = ((gint64) (y - 2014) * 100000 + m * 1000) * 1000;

      g_assert_cmpuint (g_date_get_month (&now->month), ==, m);
      g_assert_cmpuint (g_date_get_year (&now->month), ==, y);
      g_assert_cmpuint (g_date_get_month (&before->month), ==, m);
      g_assert_cmpuint (g_date_get_year (&before->month), ==, y - 1);
      if (m == 12 && y == 2016)
        expected += 7000;
      g_assert_cmpint (now->volume, ==, expected);
      g_assert_cmpint (before->volume, ==, expected - 100000000 - (m == 12 && y == 2016 ? 7000 : 0));
      g_assert_true (before->has_volume);
    }

  /* 36 months back from February 2017 start in March 2014: before the ledger, no data */
  g_clear_pointer (&range, g_array_unref);
  g_clear_pointer (&previous, g_array_unref);
  range = cab_consumption_get_range (consumption, &last, 36, &previous);
  g_assert_cmpuint (range->len, ==, 36);
  g_assert_cmpuint (g_date_get_month (&g_array_index (range, CabConsumptionMonth, 0).month), ==, 3);
  g_assert_cmpuint (g_date_get_year (&g_array_index (range, CabConsumptionMonth, 0).month), ==, 2014);
  g_assert_false (g_array_index (range, CabConsumptionMonth, 0).has_volume);
  g_assert_false (g_array_index (range, CabConsumptionMonth, 9).has_volume);   /* Dec 2014 */
  g_assert_true (g_array_index (range, CabConsumptionMonth, 10).has_volume);   /* Jan 2015 */
  g_assert_true (g_array_index (previous, CabConsumptionMonth, 35).has_volume);
  g_assert_false (g_array_index (previous, CabConsumptionMonth, 21).has_volume); /* Dec 2014 */
  g_assert_true (g_array_index (previous, CabConsumptionMonth, 22).has_volume);  /* Jan 2015 */
}

/* The manual's Fig. 8 ledger carries no volumes: every month is "no data", though its
 * invoice and correction have amounts. */
static void
test_fig8_no_volumes (void)
{
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(CabConsumption) consumption = cab_consumption_new (ledger);
  g_autoptr(GArray) range = NULL;
  g_autoptr(GArray) previous = NULL;
  GDate last, untouched;
  CabConsumptionMonth may;

  g_assert_false (cab_consumption_has_volumes (consumption));
  g_date_clear (&untouched, 1);
  last = untouched;
  g_assert_false (cab_consumption_get_last_month (consumption, &last));
  g_assert_false (g_date_valid (&last));

  g_date_set_dmy (&last, 28, 6, 2016);
  range = cab_consumption_get_range (consumption, &last, 12, &previous);
  for (guint i = 0; i < range->len; i++)
    {
      g_assert_false (g_array_index (range, CabConsumptionMonth, i).has_volume);
      g_assert_false (g_array_index (range, CabConsumptionMonth, i).has_price);
      g_assert_false (g_array_index (previous, CabConsumptionMonth, i).has_volume);
    }

  /* May 2016: the invoice 482 844,86 and the correction −198 685,01 */
  may = g_array_index (range, CabConsumptionMonth, 10);
  g_assert_cmpuint (g_date_get_month (&may.month), ==, 5);
  g_assert_true (may.has_amount);
  g_assert_cmpint (may.amount, ==, 48284486 - 19868501);
}

/* A hostile ledger whose month sums leave 64 bits: that month has no data, no crash. */
static void
test_overflow (void)
{
  g_autoptr(CabLedger) ledger = new_ledger ();
  g_autoptr(CabConsumption) consumption = NULL;
  CabConsumptionMonth month;

  for (guint i = 0; i < 10000; i++)
    add (ledger, CAB_ENTRY_INVOICE, 31, 1, 2016, 1, CAB_VOLUME_MAX, 0, 0);
  add (ledger, CAB_ENTRY_INVOICE, 29, 2, 2016, 100, 1000, 0, 0);

  consumption = cab_consumption_new (ledger);
  month_of (consumption, 1, 2016, &month);
  g_assert_false (month.has_volume || month.has_amount || month.has_price);
  month_of (consumption, 2, 2016, &month);
  g_assert_true (month.has_price);
  g_assert_cmpint (month.price, ==, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/consumption/price-rounding", test_price_rounding);
  g_test_add_func ("/consumption/format-kwh", test_format_kwh);
  g_test_add_func ("/consumption/correction-attribution", test_correction_attribution);
  g_test_add_func ("/consumption/negative-correction", test_negative_correction);
  g_test_add_func ("/consumption/gaps", test_gaps);
  g_test_add_func ("/consumption/year-boundaries", test_year_boundaries);
  g_test_add_func ("/consumption/fig8-no-volumes", test_fig8_no_volumes);
  g_test_add_func ("/consumption/overflow", test_overflow);

  return g_test_run ();
}
