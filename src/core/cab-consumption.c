/* cab-consumption.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-consumption.h"

/* What the documents of one month add up to. */
typedef struct
{
  CabVolume volume;
  CabMoney  amount;
  guint     n_documents;
  guint     n_with_volume;
  gboolean  overflow;       /* a hostile ledger: a sum past gint64 or CAB_VOLUME_MAX; the month
                             * shows no data */
} Accum;

struct _CabConsumption
{
  GObject     parent_instance;

  GHashTable *months;       /* month index (year × 12 + month − 1) → Accum */
  guint       last_index;   /* the latest month with a volume, when has_volumes */
  gboolean    has_volumes;
};

G_DEFINE_FINAL_TYPE (CabConsumption, cab_consumption, G_TYPE_OBJECT)

static guint
month_index (const GDate *day)
{
  return (guint) g_date_get_year (day) * 12 + (guint) g_date_get_month (day) - 1;
}

static void
month_from_index (guint  index,
                  GDate *out_first_day)
{
  g_date_clear (out_first_day, 1);
  g_date_set_dmy (out_first_day, 1, (GDateMonth) (index % 12 + 1), (GDateYear) (index / 12));
}

static void
cab_consumption_finalize (GObject *object)
{
  CabConsumption *self = (CabConsumption *)object;

  g_clear_pointer (&self->months, g_hash_table_unref);

  G_OBJECT_CLASS (cab_consumption_parent_class)->finalize (object);
}

static void
cab_consumption_class_init (CabConsumptionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cab_consumption_finalize;
}

static void
cab_consumption_init (CabConsumption *self)
{
  self->months = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

static void
add_entry (CabConsumption *self,
           const CabEntry *entry)
{
  GDate month;
  guint index;
  Accum *accum;

  cab_entry_get_supply_month (entry, &month);
  index = month_index (&month);
  accum = g_hash_table_lookup (self->months, GUINT_TO_POINTER (index));
  if (accum == NULL)
    {
      accum = g_new0 (Accum, 1);
      g_hash_table_insert (self->months, GUINT_TO_POINTER (index), accum);
    }

  accum->n_documents++;
  if (!cab_money_add_checked (accum->amount, entry->amount, &accum->amount))
    accum->overflow = TRUE;
  if (entry->has_volume)
    {
      accum->n_with_volume++;
      /* volumes are gint64 like money: the same checked sum */
      if (!cab_money_add_checked (accum->volume, entry->volume, &accum->volume) ||
          accum->volume > CAB_VOLUME_MAX || accum->volume < -CAB_VOLUME_MAX)
        accum->overflow = TRUE;
    }
}

CabConsumption *
cab_consumption_new (CabLedger *ledger)
{
  CabConsumption *self;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (CAB_IS_LEDGER (ledger), NULL);

  self = g_object_new (CAB_TYPE_CONSUMPTION, NULL);

  for (guint i = 0; i < cab_ledger_get_n_entries (ledger); i++)
    {
      const CabEntry *entry = cab_ledger_get_entry (ledger, i);

      if (entry->kind == CAB_ENTRY_INVOICE || entry->kind == CAB_ENTRY_CORRECTION)
        add_entry (self, entry);
    }

  g_hash_table_iter_init (&iter, self->months);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Accum *accum = value;
      guint index = GPOINTER_TO_UINT (key);

      if (accum->overflow || accum->n_with_volume == 0)
        continue;
      if (!self->has_volumes || index > self->last_index)
        self->last_index = index;
      self->has_volumes = TRUE;
    }

  return self;
}

gboolean
cab_consumption_has_volumes (CabConsumption *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION (self), FALSE);

  return self->has_volumes;
}

gboolean
cab_consumption_get_last_month (CabConsumption *self,
                                GDate          *out_first_day)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION (self), FALSE);
  g_return_val_if_fail (out_first_day != NULL, FALSE);

  if (!self->has_volumes)
    return FALSE;

  month_from_index (self->last_index, out_first_day);
  return TRUE;
}

gboolean
cab_consumption_price_per_kwh (CabMoney   amount,
                               CabVolume  wh,
                               CabMoney  *out_price)
{
  guint64 numerator, denominator, quotient;
  gboolean negative;

  g_return_val_if_fail (out_price != NULL, FALSE);

  /* kopecks per kWh = amount × 1000 / Wh; rounded half away from zero as
   * (2 |n| + |d|) / (2 |d|), which needs 2 |amount| × 1000 and 2 |wh| within 64 bits. */
  if (wh == 0 || wh == G_MININT64 || amount == G_MININT64)
    return FALSE;

  negative = (amount < 0) != (wh < 0);
  numerator = amount < 0 ? (guint64) -amount : (guint64) amount;
  denominator = wh < 0 ? (guint64) -wh : (guint64) wh;
  if (numerator > G_MAXUINT64 / 2000 || denominator > G_MAXUINT64 / 4)
    return FALSE;

  quotient = (2 * numerator * 1000 + denominator) / (2 * denominator);
  if (quotient > (guint64) G_MAXINT64)
    return FALSE;

  *out_price = negative ? -(CabMoney) quotient : (CabMoney) quotient;
  if (quotient == 0)
    *out_price = 0;
  return TRUE;
}

static void
fill_month (CabConsumption      *self,
            guint                index,
            CabConsumptionMonth *out)
{
  const Accum *accum = g_hash_table_lookup (self->months, GUINT_TO_POINTER (index));

  memset (out, 0, sizeof *out);
  month_from_index (index, &out->month);

  if (accum == NULL || accum->overflow)
    return;

  out->has_amount = TRUE;
  out->amount = accum->amount;
  out->has_volume = accum->n_with_volume > 0;
  out->volume = accum->volume;
  /* A price over part of the month's documents would be wrong, not rough. */
  if (accum->n_with_volume == accum->n_documents)
    out->has_price = cab_consumption_price_per_kwh (accum->amount, accum->volume, &out->price);
}

void
cab_consumption_get_month (CabConsumption      *self,
                           const GDate         *day,
                           CabConsumptionMonth *out_month)
{
  g_return_if_fail (CAB_IS_CONSUMPTION (self));
  g_return_if_fail (day != NULL && g_date_valid (day));
  g_return_if_fail (out_month != NULL);

  fill_month (self, month_index (day), out_month);
}

GArray *
cab_consumption_get_range (CabConsumption  *self,
                           const GDate     *last_day,
                           guint            n_months,
                           GArray         **out_previous)
{
  GArray *months;
  guint last;

  g_return_val_if_fail (CAB_IS_CONSUMPTION (self), NULL);
  g_return_val_if_fail (last_day != NULL && g_date_valid (last_day), NULL);
  g_return_val_if_fail (n_months >= CAB_CONSUMPTION_MONTHS_MIN &&
                        n_months <= CAB_CONSUMPTION_MONTHS_MAX, NULL);

  last = month_index (last_day);
  /* Ledger months are after 1900 (cab_month_parse()): this only keeps the index arithmetic
   * from wrapping on an absurd day. */
  g_return_val_if_fail (last >= 12 + n_months, NULL);

  months = g_array_sized_new (FALSE, TRUE, sizeof (CabConsumptionMonth), n_months);
  g_array_set_size (months, n_months);
  if (out_previous != NULL)
    {
      *out_previous = g_array_sized_new (FALSE, TRUE, sizeof (CabConsumptionMonth), n_months);
      g_array_set_size (*out_previous, n_months);
    }

  for (guint i = 0; i < n_months; i++)
    {
      guint index = last - (n_months - 1) + i;

      fill_month (self, index, &g_array_index (months, CabConsumptionMonth, i));
      if (out_previous != NULL)
        fill_month (self, index - 12, &g_array_index (*out_previous, CabConsumptionMonth, i));
    }

  return months;
}

char *
cab_consumption_format_kwh (CabVolume     wh,
                            CabMoneyStyle style)
{
  g_autofree char *whole = NULL;
  guint64 magnitude;
  guint fraction;
  gsize len;

  g_return_val_if_fail (wh >= -CAB_VOLUME_MAX && wh <= CAB_VOLUME_MAX, NULL);

  magnitude = wh < 0 ? (guint64) -wh : (guint64) wh;
  fraction = (guint) (magnitude % 1000);

  /* Money's grouping and decimal sign in @style, without its kopecks: "98 112,00" → "98 112". */
  whole = cab_money_format ((CabMoney) (magnitude / 1000) * 100, style);
  len = strlen (whole);
  g_assert (len > 3);
  if (fraction == 0)
    {
      whole[len - 3] = '\0';
      return g_strdup_printf ("%s%s", wh < 0 ? "-" : "", whole);
    }

  whole[len - 2] = '\0';  /* keeps the decimal sign */
  /* "59 149,5", not "59 149,500": a column of mostly whole volumes reads better without
   * zeros that carry nothing. */
  {
    char digits[4];
    int n = 3;

    g_snprintf (digits, sizeof digits, "%03u", fraction);
    while (n > 1 && digits[n - 1] == '0')
      digits[--n] = '\0';
    return g_strdup_printf ("%s%s%s", wh < 0 ? "-" : "", whole, digits);
  }
}
