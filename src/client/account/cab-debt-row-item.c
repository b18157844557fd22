/* cab-debt-row-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-debt-row-item.h"
#include "cab-debt-words.h"

struct _CabDebtRowItem
{
  GObject      parent_instance;

  CabDebtItem *item;
  char        *title;
  char        *amount;
  char        *reason;
  char        *sentence;
};

G_DEFINE_FINAL_TYPE (CabDebtRowItem, cab_debt_row_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_AMOUNT,
  PROP_REASON,
  PROP_SENTENCE,
  PROP_COUNTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cab_debt_row_item_finalize (GObject *object)
{
  CabDebtRowItem *self = (CabDebtRowItem *) object;

  g_clear_pointer (&self->item, cab_debt_item_free);
  g_free (self->title);
  g_free (self->amount);
  g_free (self->reason);
  g_free (self->sentence);

  G_OBJECT_CLASS (cab_debt_row_item_parent_class)->finalize (object);
}

static void
cab_debt_row_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CabDebtRowItem *self = CAB_DEBT_ROW_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_AMOUNT:
      g_value_set_string (value, self->amount);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_SENTENCE:
      g_value_set_string (value, self->sentence);
      break;
    case PROP_COUNTS:
      g_value_set_boolean (value, cab_debt_row_item_get_counts (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_debt_row_item_class_init (CabDebtRowItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cab_debt_row_item_finalize;
  object_class->get_property = cab_debt_row_item_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", ro);
  properties[PROP_AMOUNT] = g_param_spec_string ("amount", NULL, NULL, "", ro);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, "", ro);
  properties[PROP_SENTENCE] = g_param_spec_string ("sentence", NULL, NULL, "", ro);
  properties[PROP_COUNTS] = g_param_spec_boolean ("counts", NULL, NULL, TRUE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cab_debt_row_item_init (CabDebtRowItem *self)
{
}

CabDebtRowItem *
cab_debt_row_item_new (const CabDebtItem *item,
                       CabDebtBasis       basis,
                       CabMoneyStyle      style)
{
  CabDebtRowItem *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (CAB_TYPE_DEBT_ROW_ITEM, NULL);
  self->item = cab_debt_item_copy (item);
  self->title = cab_debt_words_item_title (item, basis);
  self->amount = cab_debt_words_item_amount (item, style);
  self->reason = cab_debt_words_item_reason (item, basis, style);
  self->sentence = cab_debt_words_item_sentence (item, basis, style);

  return self;
}

const CabDebtItem *
cab_debt_row_item_get_item (CabDebtRowItem *self)
{
  g_return_val_if_fail (CAB_IS_DEBT_ROW_ITEM (self), NULL);
  return self->item;
}

const char *
cab_debt_row_item_get_title (CabDebtRowItem *self)
{
  g_return_val_if_fail (CAB_IS_DEBT_ROW_ITEM (self), NULL);
  return self->title;
}

const char *
cab_debt_row_item_get_amount (CabDebtRowItem *self)
{
  g_return_val_if_fail (CAB_IS_DEBT_ROW_ITEM (self), NULL);
  return self->amount;
}

const char *
cab_debt_row_item_get_reason (CabDebtRowItem *self)
{
  g_return_val_if_fail (CAB_IS_DEBT_ROW_ITEM (self), NULL);
  return self->reason;
}

const char *
cab_debt_row_item_get_sentence (CabDebtRowItem *self)
{
  g_return_val_if_fail (CAB_IS_DEBT_ROW_ITEM (self), NULL);
  return self->sentence;
}

gboolean
cab_debt_row_item_get_counts (CabDebtRowItem *self)
{
  g_return_val_if_fail (CAB_IS_DEBT_ROW_ITEM (self), FALSE);
  return self->item->counts;
}

GListModel *
cab_debt_row_model_new (const CabDebtBreakdown *breakdown,
                        CabMoneyStyle           style)
{
  GListStore *store;

  g_return_val_if_fail (breakdown != NULL, NULL);

  store = g_list_store_new (CAB_TYPE_DEBT_ROW_ITEM);
  for (guint i = 0; i < cab_debt_breakdown_get_n_items (breakdown); i++)
    {
      g_autoptr(CabDebtRowItem) row = cab_debt_row_item_new (cab_debt_breakdown_get_item (breakdown, i),
                                                             breakdown->basis, style);

      g_list_store_append (store, row);
    }

  return G_LIST_MODEL (store);
}

GListModel *
cab_debt_row_model_explain (CabLedger          *ledger,
                            const CabBalance   *balance,
                            CabDebtBasis        basis,
                            const GDate        *start_by,
                            CabStatement       *statement,
                            const CabBillList  *bills)
{
  g_autoptr(CabDebtBreakdown) breakdown = NULL;
  CabMoney figure;

  if (ledger == NULL || balance == NULL)
    return NULL;

  breakdown = cab_debt_breakdown_compute (ledger, &balance->on, basis, start_by);
  figure = basis == CAB_DEBT_BASIS_DUE ? balance->debt : balance->recommended_payment;
  if (cab_debt_breakdown_get_total (breakdown) != figure)
    return NULL;

  cab_debt_breakdown_take_numbers (breakdown, statement, bills);

  return cab_debt_row_model_new (breakdown, CAB_MONEY_STYLE_LOCALE);
}
