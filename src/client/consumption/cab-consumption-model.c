/* cab-consumption-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-consumption-model.h"
#include "cab-consumption-month-item.h"

struct _CabConsumptionModel
{
  GObject              parent_instance;

  CabAccountState     *account_state;
  gulong               ledger_id;
  gulong               loading_id;
  gulong               started_id;

  CabLedger           *ledger;       /* the one the months were computed from */
  CabConsumption      *consumption;
  char                *account;
  CabConsumptionState  state;
  guint                n_months;
  GListStore          *months;
};

G_DEFINE_FINAL_TYPE (CabConsumptionModel, cab_consumption_model, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CabConsumptionState, cab_consumption_state,
  G_DEFINE_ENUM_VALUE (CAB_CONSUMPTION_EMPTY, "empty"),
  G_DEFINE_ENUM_VALUE (CAB_CONSUMPTION_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (CAB_CONSUMPTION_UNAVAILABLE, "unavailable"),
  G_DEFINE_ENUM_VALUE (CAB_CONSUMPTION_NO_VOLUMES, "no-volumes"),
  G_DEFINE_ENUM_VALUE (CAB_CONSUMPTION_READY, "ready"))

enum {
  PROP_0,
  PROP_ACCOUNT_STATE,
  PROP_STATE,
  PROP_N_MONTHS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fill_months (CabConsumptionModel *self)
{
  g_autoptr(GArray) months = NULL;
  g_autoptr(GArray) previous = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GDate last;

  if (self->state == CAB_CONSUMPTION_READY &&
      cab_consumption_get_last_month (self->consumption, &last))
    {
      months = cab_consumption_get_range (self->consumption, &last, self->n_months, &previous);
      for (guint i = 0; i < months->len; i++)
        g_ptr_array_add (items,
                         cab_consumption_month_item_new (&g_array_index (months, CabConsumptionMonth, i),
                                                         &g_array_index (previous, CabConsumptionMonth, i)));
    }

  /* one items-changed for the whole table */
  g_list_store_splice (self->months, 0, g_list_model_get_n_items (G_LIST_MODEL (self->months)),
                       items->pdata, items->len);
}

static void
update (CabConsumptionModel *self)
{
  CabLedger *ledger = cab_account_state_get_ledger (self->account_state);
  const char *account = cab_account_state_get_account (self->account_state);
  CabConsumptionState state;
  gboolean ledger_changed = ledger != self->ledger;

  if (ledger_changed)
    {
      g_set_object (&self->ledger, ledger);
      g_clear_object (&self->consumption);
      if (ledger != NULL)
        self->consumption = cab_consumption_new (ledger);
    }

  if (account == NULL)
    state = CAB_CONSUMPTION_EMPTY;
  else if (self->consumption != NULL)
    state = cab_consumption_has_volumes (self->consumption) ? CAB_CONSUMPTION_READY
                                                            : CAB_CONSUMPTION_NO_VOLUMES;
  else if (cab_account_state_get_loading (self->account_state))
    state = CAB_CONSUMPTION_LOADING;
  else
    state = CAB_CONSUMPTION_UNAVAILABLE;

  /* "loading" and the blocks notify often: the table keeps its rows (and scroll) unless the
   * ledger or what is shown changed. */
  if (!ledger_changed && state == self->state && g_strcmp0 (account, self->account) == 0)
    return;

  g_free (self->account);
  self->account = g_strdup (account);

  /* The items first: a page switching to its table on "state" finds them there. */
  self->state = state;
  fill_months (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
unbind_account_state (CabConsumptionModel *self)
{
  if (self->account_state != NULL)
    {
      g_clear_signal_handler (&self->ledger_id, self->account_state);
      g_clear_signal_handler (&self->loading_id, self->account_state);
      g_clear_signal_handler (&self->started_id, self->account_state);
    }
  g_clear_object (&self->account_state);
}

static void
bind_account_state (CabConsumptionModel *self,
                    CabAccountState     *account_state)
{
  self->account_state = g_object_ref (account_state);

  /* The ledger is notified with "payment-breakdown" (cab-account-state.h); "loading" ends a
   * fetch that brought none; "started" is a new contract or a refresh. */
  self->ledger_id = g_signal_connect_swapped (self->account_state, "notify::payment-breakdown",
                                              G_CALLBACK (update), self);
  self->loading_id = g_signal_connect_swapped (self->account_state, "notify::loading",
                                               G_CALLBACK (update), self);
  self->started_id = g_signal_connect_swapped (self->account_state, "started",
                                               G_CALLBACK (update), self);
}

static void
cab_consumption_model_constructed (GObject *object)
{
  CabConsumptionModel *self = (CabConsumptionModel *)object;
  g_autoptr(CabAccountState) account_state = g_steal_pointer (&self->account_state);

  G_OBJECT_CLASS (cab_consumption_model_parent_class)->constructed (object);

  g_assert (CAB_IS_ACCOUNT_STATE (account_state));

  bind_account_state (self, account_state);
  update (self);
}

static void
cab_consumption_model_dispose (GObject *object)
{
  CabConsumptionModel *self = (CabConsumptionModel *)object;

  unbind_account_state (self);

  G_OBJECT_CLASS (cab_consumption_model_parent_class)->dispose (object);
}

static void
cab_consumption_model_finalize (GObject *object)
{
  CabConsumptionModel *self = (CabConsumptionModel *)object;

  g_clear_object (&self->ledger);
  g_clear_object (&self->consumption);
  g_clear_object (&self->months);
  g_free (self->account);

  G_OBJECT_CLASS (cab_consumption_model_parent_class)->finalize (object);
}

static void
cab_consumption_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CabConsumptionModel *self = CAB_CONSUMPTION_MODEL (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_STATE:
      g_value_set_object (value, self->account_state);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_N_MONTHS:
      g_value_set_uint (value, self->n_months);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_consumption_model_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CabConsumptionModel *self = CAB_CONSUMPTION_MODEL (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_STATE:
      if (self->account_state == NULL)
        self->account_state = g_value_dup_object (value);  /* construction */
      else
        cab_consumption_model_set_account_state (self, g_value_get_object (value));
      break;
    case PROP_N_MONTHS:
      cab_consumption_model_set_n_months (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_consumption_model_class_init (CabConsumptionModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cab_consumption_model_constructed;
  object_class->dispose = cab_consumption_model_dispose;
  object_class->finalize = cab_consumption_model_finalize;
  object_class->get_property = cab_consumption_model_get_property;
  object_class->set_property = cab_consumption_model_set_property;

  properties[PROP_ACCOUNT_STATE] =
    g_param_spec_object ("account-state", NULL, NULL, CAB_TYPE_ACCOUNT_STATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CAB_TYPE_CONSUMPTION_STATE, CAB_CONSUMPTION_EMPTY,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MONTHS] =
    g_param_spec_uint ("n-months", NULL, NULL, 12, 36, 12,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cab_consumption_model_init (CabConsumptionModel *self)
{
  self->n_months = 12;
  self->months = g_list_store_new (CAB_TYPE_CONSUMPTION_MONTH_ITEM);
}

CabConsumptionModel *
cab_consumption_model_new (CabAccountState *account_state)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (account_state), NULL);

  return g_object_new (CAB_TYPE_CONSUMPTION_MODEL, "account-state", account_state, NULL);
}

CabAccountState *
cab_consumption_model_get_account_state (CabConsumptionModel *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_MODEL (self), NULL);

  return self->account_state;
}

CabConsumptionState
cab_consumption_model_get_state (CabConsumptionModel *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_MODEL (self), CAB_CONSUMPTION_EMPTY);

  return self->state;
}

guint
cab_consumption_model_get_n_months (CabConsumptionModel *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_MODEL (self), 12);

  return self->n_months;
}

void
cab_consumption_model_set_n_months (CabConsumptionModel *self,
                                    guint                n_months)
{
  g_return_if_fail (CAB_IS_CONSUMPTION_MODEL (self));
  g_return_if_fail (n_months == 12 || n_months == 24 || n_months == 36);

  if (self->n_months == n_months)
    return;

  self->n_months = n_months;
  fill_months (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MONTHS]);
}

GListModel *
cab_consumption_model_get_months (CabConsumptionModel *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_MODEL (self), NULL);

  return G_LIST_MODEL (self->months);
}

gboolean
cab_consumption_model_get_last_month (CabConsumptionModel *self,
                                      GDate               *out_first_day)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_MODEL (self), FALSE);

  if (self->state != CAB_CONSUMPTION_READY)
    return FALSE;
  return cab_consumption_get_last_month (self->consumption, out_first_day);
}

const char *
cab_consumption_model_get_account (CabConsumptionModel *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_MODEL (self), NULL);

  return self->account;
}

/* Shows another contract's model (the session keeps one per contract): the months follow at
 * once from what that model already holds. */
void
cab_consumption_model_set_account_state (CabConsumptionModel *self,
                                         CabAccountState     *account_state)
{
  g_return_if_fail (CAB_IS_CONSUMPTION_MODEL (self));
  g_return_if_fail (CAB_IS_ACCOUNT_STATE (account_state));

  if (account_state == self->account_state)
    return;

  unbind_account_state (self);
  bind_account_state (self, account_state);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_STATE]);
}
