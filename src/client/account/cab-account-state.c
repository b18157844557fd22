/* cab-account-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-account-state.h"
#include "cab-account-state-saved.h"
#include "cab-debt-row-item.h"
#include "cab-period.h"
#include "cab-statement-model.h"
#include "offline/cab-session-store.h"

G_DEFINE_ENUM_TYPE (CabAccountBlockState, cab_account_block_state,
  G_DEFINE_ENUM_VALUE (CAB_ACCOUNT_BLOCK_EMPTY, "empty"),
  G_DEFINE_ENUM_VALUE (CAB_ACCOUNT_BLOCK_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (CAB_ACCOUNT_BLOCK_ONLINE, "online"),
  G_DEFINE_ENUM_VALUE (CAB_ACCOUNT_BLOCK_SAVED, "saved"),
  G_DEFINE_ENUM_VALUE (CAB_ACCOUNT_BLOCK_COMPUTED, "computed"),
  G_DEFINE_ENUM_VALUE (CAB_ACCOUNT_BLOCK_NOT_SAVED, "not-saved"),
  G_DEFINE_ENUM_VALUE (CAB_ACCOUNT_BLOCK_FAILED, "failed"))

#define N_BLOCKS 3

typedef struct
{
  CabAccountBlockState  state;
  GDateTime            *saved_at;
  GError               *error;
} Block;

struct _CabAccountState
{
  GObject        parent_instance;

  /* Strong while following the session's contract (a page's own model); weak for one contract
   * (the session's CabAccountStates owns it, and the session owns them). */
  CabSession    *session;
  gboolean       follow_session;
  gulong         account_id;
  gulong         offline_id;
  gulong         refresh_id;
  gulong         today_id;

  /* The requests of the shown account and period; replaced on each fetch. */
  GCancellable  *cancellable;
  guint          n_pending;
  gboolean       offline_rendered;
  gint64         fetched_at;         /* monotonic: when the last fetch from the server began */

  char          *account;
  GDate          from;
  GDate          to;
  GError        *store_error;

  Block          blocks[N_BLOCKS];
  CabBalance    *balance;
  gboolean       computed_offline;
  CabStatement  *statement;
  GListModel    *rows;
  CabBillList   *bills;
  GListModel    *bill_rows;
  CabLedger     *ledger;             /* fetched or saved: what the figures are made of */
  GListModel    *debt_breakdown;     /* of CabDebtRowItem, numbered from the act and bills */
  GListModel    *payment_breakdown;
};

G_DEFINE_FINAL_TYPE (CabAccountState, cab_account_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_FOLLOW_SESSION,
  PROP_ACCOUNT,
  PROP_LOADING,
  PROP_STORE_ERROR,
  PROP_BALANCE_STATE,
  PROP_STATEMENT_STATE,
  PROP_BILLS_STATE,
  PROP_DEBT_BREAKDOWN,
  PROP_PAYMENT_BREAKDOWN,
  PROP_STARTS_BEFORE_DATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const guint block_props[N_BLOCKS] = {
  [CAB_ACCOUNT_BLOCK_BALANCE] = PROP_BALANCE_STATE,
  [CAB_ACCOUNT_BLOCK_STATEMENT] = PROP_STATEMENT_STATE,
  [CAB_ACCOUNT_BLOCK_BILLS] = PROP_BILLS_STATE,
};

/* --- Blocks --- */

static void
set_block (CabAccountState      *self,
           CabAccountBlock       block,
           CabAccountBlockState  state,
           GDateTime            *saved_at,
           const GError         *error)
{
  Block *b = &self->blocks[block];

  b->state = state;
  g_clear_pointer (&b->saved_at, g_date_time_unref);
  g_clear_error (&b->error);
  if (saved_at != NULL)
    b->saved_at = g_date_time_ref (saved_at);
  if (error != NULL)
    b->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[block_props[block]]);
}

static void
update_breakdowns (CabAccountState *self)
{
  GListModel **models[] = { [CAB_DEBT_BASIS_DUE] = &self->debt_breakdown,
                            [CAB_DEBT_BASIS_ISSUED] = &self->payment_breakdown };

  for (guint basis = CAB_DEBT_BASIS_DUE; basis <= CAB_DEBT_BASIS_ISSUED; basis++)
    {
      g_clear_object (models[basis]);
      *models[basis] = cab_debt_row_model_explain (self->ledger, self->balance, basis, &self->from,
                                                   self->statement, self->bills);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEBT_BREAKDOWN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAYMENT_BREAKDOWN]);
}

static void
set_balance (CabAccountState      *self,
             CabAccountBlockState  state,
             const CabBalance     *balance,
             GDateTime            *saved_at,
             const GError         *error)
{
  g_clear_pointer (&self->balance, cab_balance_free);
  if (balance != NULL)
    self->balance = cab_balance_copy (balance);
  self->computed_offline = state == CAB_ACCOUNT_BLOCK_COMPUTED;
  update_breakdowns (self);
  set_block (self, CAB_ACCOUNT_BLOCK_BALANCE, state, saved_at, error);
}

static void
set_statement (CabAccountState      *self,
               CabAccountBlockState  state,
               CabStatement         *statement,
               GDateTime            *saved_at,
               const GError         *error)
{
  g_set_object (&self->statement, statement);
  g_clear_object (&self->rows);
  if (statement != NULL)
    self->rows = cab_statement_model_new (statement);
  update_breakdowns (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTS_BEFORE_DATA]);
  set_block (self, CAB_ACCOUNT_BLOCK_STATEMENT, state, saved_at, error);
}

static void
set_bills (CabAccountState      *self,
           CabAccountBlockState  state,
           const CabBillList    *bills,
           GDateTime            *saved_at,
           const GError         *error)
{
  g_clear_pointer (&self->bills, cab_bill_list_free);
  g_clear_object (&self->bill_rows);
  if (bills != NULL)
    {
      self->bills = cab_bill_list_copy (bills);
      self->bill_rows = cab_bill_model_new_with_style (bills, CAB_MONEY_STYLE_LOCALE);
    }
  update_breakdowns (self);
  set_block (self, CAB_ACCOUNT_BLOCK_BILLS, state, saved_at, error);
}

/* --- Requests and the store --- */

static void
begin_request (CabAccountState *self)
{
  if (self->n_pending++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
end_request (CabAccountState *self)
{
  g_return_if_fail (self->n_pending > 0);

  if (--self->n_pending == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_store_error (CabAccountState *self,
                 const GError    *error)
{
  g_clear_error (&self->store_error);
  if (error != NULL)
    self->store_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_ERROR]);
}

static CabOfflineStore *
get_store (CabAccountState *self)
{
  g_autoptr(GError) error = NULL;
  CabOfflineStore *store;

  if (self->session == NULL)
    return NULL;
  if (!(store = cab_session_store_get (self->session, &error)))
    set_store_error (self, error);

  return store;
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CabAccountState) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cab_offline_store_put_json_finish (CAB_OFFLINE_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_store_error (self, error);
}

static void
keep (CabAccountState *self,
      CabOfflineKind   kind,
      JsonNode        *node)
{
  CabOfflineStore *store = get_store (self);

  if (store == NULL || node == NULL)
    return;

  /* Not tied to the fetch's cancellable: what arrived is worth keeping anyway. */
  cab_offline_store_put_json_async (store, kind, self->account, &self->from, &self->to, node,
                                    NULL, on_saved, g_object_ref (self));
}

/* --- Offline: from the store --- */

static void
on_offline_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CabAccountState *self = user_data;
  CabAccountStateSaved *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GDate today;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
    }

  end_request (self);
  if (self->session == NULL)
    return;

  /* Block 1: today's figures from the saved ledger, by the same rules as the server. */
  g_set_object (&self->ledger, data->ledger);
  cab_session_get_today (self->session, &today);
  if (data->ledger != NULL)
    {
      g_autoptr(CabBalance) balance = cab_balance_compute (data->ledger, data->account, &today);

      set_balance (self, CAB_ACCOUNT_BLOCK_COMPUTED, balance, NULL, NULL);
    }
  else if (data->balance != NULL)
    set_balance (self, CAB_ACCOUNT_BLOCK_SAVED, data->balance, data->balance_saved_at, NULL);
  else
    set_balance (self, CAB_ACCOUNT_BLOCK_NOT_SAVED, NULL, NULL, NULL);

  /* Block 2: the saved act of this period, else computed from the ledger without papers. */
  if (data->statement != NULL)
    set_statement (self, CAB_ACCOUNT_BLOCK_SAVED, data->statement, data->statement_saved_at, NULL);
  else if (data->ledger != NULL)
    {
      g_autoptr(CabStatement) statement = cab_statement_compute (data->ledger, &data->from,
                                                                 &data->to, NULL);

      if (statement != NULL)
        cab_statement_set_account (statement, data->account);
      set_statement (self, CAB_ACCOUNT_BLOCK_COMPUTED, statement, NULL, NULL);
    }
  else
    set_statement (self, CAB_ACCOUNT_BLOCK_NOT_SAVED, NULL, NULL, NULL);

  /* Block 3 likewise. */
  if (data->bills != NULL)
    set_bills (self, CAB_ACCOUNT_BLOCK_SAVED, data->bills, data->bills_saved_at, NULL);
  else if (data->ledger != NULL)
    {
      g_autoptr(CabBillList) bills = cab_bill_list_compute (data->ledger, data->account,
                                                            &data->from, &data->to, NULL);

      set_bills (self, CAB_ACCOUNT_BLOCK_COMPUTED, bills, NULL, NULL);
    }
  else
    set_bills (self, CAB_ACCOUNT_BLOCK_NOT_SAVED, NULL, NULL, NULL);
}

static void
load_offline (CabAccountState *self)
{
  CabOfflineStore *store;
  g_autoptr(GTask) task = NULL;
  CabAccountStateSaved *data;

  if (self->offline_rendered || self->account == NULL)
    return;
  if (!(store = get_store (self)))
    return;

  self->offline_rendered = TRUE;

  data = g_new0 (CabAccountStateSaved, 1);
  data->account = g_strdup (self->account);
  data->from = self->from;
  data->to = self->to;

  begin_request (self);
  task = g_task_new (store, self->cancellable, on_offline_loaded, self);
  g_task_set_source_tag (task, load_offline);
  g_task_set_task_data (task, data, (GDestroyNotify)cab_account_state_saved_free);
  g_task_run_in_thread (task, cab_account_state_saved_load_thread);
}

/* --- Online: fetch, keep, fall back --- */

/* What each request brings: the block it fills (none for the ledger, only kept). */
typedef enum
{
  FETCH_BALANCE,
  FETCH_STATEMENT,
  FETCH_BILLS,
  FETCH_LEDGER,
} FetchKind;

typedef struct
{
  CabAccountState *self;
  FetchKind        kind;
} Fetch;

/* One answer of any kind: decoded, shown and kept, or the offline fallback. */
static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree Fetch *fetch = user_data;
  CabAccountState *self = fetch->self;
  CabApiClient *api = CAB_API_CLIENT (object);
  g_autoptr(CabBalance) balance = NULL;
  g_autoptr(CabStatement) statement = NULL;
  g_autoptr(CabBillList) bills = NULL;
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  CabOfflineKind offline_kind;

  switch (fetch->kind)
    {
    case FETCH_BALANCE:
      balance = cab_api_client_get_balance_finish (api, result, &error);
      node = balance != NULL ? cab_balance_to_json (balance) : NULL;
      offline_kind = CAB_OFFLINE_BALANCE;
      break;
    case FETCH_STATEMENT:
      statement = cab_api_client_get_statement_finish (api, result, &error);
      node = statement != NULL ? cab_statement_to_json (statement) : NULL;
      offline_kind = CAB_OFFLINE_STATEMENT;
      break;
    case FETCH_BILLS:
      bills = cab_api_client_get_bills_finish (api, result, &error);
      node = bills != NULL ? cab_bill_list_to_json (bills) : NULL;
      offline_kind = CAB_OFFLINE_BILLS;
      break;
    case FETCH_LEDGER:
    default:
      ledger = cab_api_client_get_ledger_finish (api, result, &error);
      node = ledger != NULL ? cab_ledger_to_json (ledger, self->account) : NULL;
      offline_kind = CAB_OFFLINE_LEDGER;
      break;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  end_request (self);
  if (self->session == NULL)
    return;

  if (error != NULL)
    {
      /* The ledger is only kept, for the offline debt: its failures show through the others. */
      if (fetch->kind == FETCH_LEDGER)
        return;
      if (cab_error_is_unreachable (error))
        load_offline (self);
      else if (fetch->kind == FETCH_BALANCE)
        set_balance (self, CAB_ACCOUNT_BLOCK_FAILED, NULL, NULL, error);
      else if (fetch->kind == FETCH_STATEMENT)
        set_statement (self, CAB_ACCOUNT_BLOCK_FAILED, NULL, NULL, error);
      else
        set_bills (self, CAB_ACCOUNT_BLOCK_FAILED, NULL, NULL, error);
      return;
    }

  if (fetch->kind != FETCH_LEDGER)
    {
      /* Already showing what was kept: the blocks stay consistent with each other. */
      if (self->offline_rendered)
        return;
      if (fetch->kind == FETCH_BALANCE)
        set_balance (self, CAB_ACCOUNT_BLOCK_ONLINE, balance, NULL, NULL);
      else if (fetch->kind == FETCH_STATEMENT)
        set_statement (self, CAB_ACCOUNT_BLOCK_ONLINE, statement, NULL, NULL);
      else
        set_bills (self, CAB_ACCOUNT_BLOCK_ONLINE, bills, NULL, NULL);
    }
  else if (!self->offline_rendered && g_set_object (&self->ledger, ledger))
    update_breakdowns (self);

  keep (self, offline_kind, node);
}

static void
request (CabAccountState *self,
         FetchKind        kind)
{
  CabApiClient *api = cab_session_get_api (self->session);
  Fetch *fetch = g_new0 (Fetch, 1);
  GDate today;

  fetch->self = self;
  fetch->kind = kind;
  begin_request (self);

  switch (kind)
    {
    case FETCH_BALANCE:
      /* The session's today (the server's, from GET /health): the same day the offline
       * figures are computed for. */
      cab_session_get_today (self->session, &today);
      cab_api_client_get_balance_async (api, self->account, &today, self->cancellable,
                                        on_fetched, fetch);
      break;
    case FETCH_STATEMENT:
      cab_api_client_get_statement_async (api, self->account, &self->from, &self->to,
                                          self->cancellable, on_fetched, fetch);
      break;
    case FETCH_BILLS:
      cab_api_client_get_bills_async (api, self->account, &self->from, &self->to,
                                      self->cancellable, on_fetched, fetch);
      break;
    case FETCH_LEDGER:
    default:
      cab_api_client_get_ledger_async (api, self->account, self->cancellable, on_fetched, fetch);
      break;
    }
}

static void
fetch_all (CabAccountState *self)
{
  const char *account;
  CabApiClient *api;
  gboolean online;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  self->offline_rendered = FALSE;
  self->fetched_at = 0;
  if (self->n_pending > 0)
    {
      self->n_pending = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }

  account = self->follow_session ? cab_session_get_account (self->session) : self->account;
  if (g_strcmp0 (account, self->account) != 0)
    {
      g_free (self->account);
      self->account = g_strdup (account);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
    }
  if (self->store_error != NULL)
    set_store_error (self, NULL);
  g_clear_object (&self->ledger);
  g_signal_emit (self, signals[SIGNAL_STARTED], 0);

  api = cab_session_get_api (self->session);
  /* A session opened offline has no token until the window signs in again: until then only
   * the saved data can be shown (a request would end the session with 401). */
  online = account != NULL && !cab_session_get_offline (self->session)
           && cab_api_client_get_token (api) != NULL;

  set_balance (self, CAB_ACCOUNT_BLOCK_EMPTY, NULL, NULL, NULL);
  set_statement (self, online ? CAB_ACCOUNT_BLOCK_LOADING : CAB_ACCOUNT_BLOCK_EMPTY,
                 NULL, NULL, NULL);
  set_bills (self, CAB_ACCOUNT_BLOCK_EMPTY, NULL, NULL, NULL);

  if (account == NULL)
    return;
  if (!online)
    {
      load_offline (self);
      return;
    }

  self->fetched_at = g_get_monotonic_time ();
  request (self, FETCH_BALANCE);
  request (self, FETCH_STATEMENT);
  request (self, FETCH_BILLS);
  request (self, FETCH_LEDGER);
}

/* --- Following the session --- */

static void
on_offline_changed (CabAccountState *self)
{
  /* Gone offline: show what was kept. Back online: refresh by itself. */
  if (cab_session_get_offline (self->session) && self->offline_rendered)
    return;
  fetch_all (self);
}

/* --- The object --- */

static void
cab_account_state_constructed (GObject *object)
{
  CabAccountState *self = (CabAccountState *)object;
  GDate today;

  G_OBJECT_CLASS (cab_account_state_parent_class)->constructed (object);

  g_assert (CAB_IS_SESSION (self->session));
  if (self->follow_session)
    g_object_ref (self->session);

  cab_session_get_today (self->session, &today);
  cab_period_default (&today, &self->from, &self->to);

  if (self->follow_session)
    self->account_id = g_signal_connect_swapped (self->session, "notify::account",
                                                 G_CALLBACK (fetch_all), self);
  else
    g_object_add_weak_pointer (G_OBJECT (self->session), (gpointer *)&self->session);
  self->offline_id = g_signal_connect_swapped (self->session, "notify::offline",
                                               G_CALLBACK (on_offline_changed), self);
  self->refresh_id = g_signal_connect_swapped (self->session, "refresh",
                                               G_CALLBACK (fetch_all), self);
  /* Block 1 is "on today": a model made before the server told the day (or kept past
   * midnight) fetches again. */
  self->today_id = g_signal_connect_swapped (self->session, "notify::today",
                                             G_CALLBACK (fetch_all), self);
  fetch_all (self);
}

static void
cab_account_state_dispose (GObject *object)
{
  CabAccountState *self = (CabAccountState *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* The cancelled requests never end: whoever waits for the fetch (the notifier) stops now. */
  if (self->n_pending > 0)
    {
      self->n_pending = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->account_id, self->session);
      g_clear_signal_handler (&self->offline_id, self->session);
      g_clear_signal_handler (&self->refresh_id, self->session);
      g_clear_signal_handler (&self->today_id, self->session);
      if (!self->follow_session)
        {
          g_object_remove_weak_pointer (G_OBJECT (self->session), (gpointer *)&self->session);
          self->session = NULL;
        }
    }

  G_OBJECT_CLASS (cab_account_state_parent_class)->dispose (object);
}

static void
cab_account_state_finalize (GObject *object)
{
  CabAccountState *self = (CabAccountState *)object;

  for (guint i = 0; i < N_BLOCKS; i++)
    {
      g_clear_pointer (&self->blocks[i].saved_at, g_date_time_unref);
      g_clear_error (&self->blocks[i].error);
    }
  if (self->follow_session)
    g_clear_object (&self->session);
  g_clear_pointer (&self->balance, cab_balance_free);
  g_clear_object (&self->statement);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->bills, cab_bill_list_free);
  g_clear_object (&self->bill_rows);
  g_clear_object (&self->ledger);
  g_clear_object (&self->debt_breakdown);
  g_clear_object (&self->payment_breakdown);
  g_clear_error (&self->store_error);
  g_free (self->account);

  G_OBJECT_CLASS (cab_account_state_parent_class)->finalize (object);
}

static void
cab_account_state_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CabAccountState *self = CAB_ACCOUNT_STATE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_FOLLOW_SESSION:
      g_value_set_boolean (value, self->follow_session);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->n_pending > 0);
      break;
    case PROP_STORE_ERROR:
      g_value_set_boxed (value, self->store_error);
      break;
    case PROP_BALANCE_STATE:
      g_value_set_enum (value, self->blocks[CAB_ACCOUNT_BLOCK_BALANCE].state);
      break;
    case PROP_STATEMENT_STATE:
      g_value_set_enum (value, self->blocks[CAB_ACCOUNT_BLOCK_STATEMENT].state);
      break;
    case PROP_BILLS_STATE:
      g_value_set_enum (value, self->blocks[CAB_ACCOUNT_BLOCK_BILLS].state);
      break;
    case PROP_DEBT_BREAKDOWN:
      g_value_set_object (value, self->debt_breakdown);
      break;
    case PROP_PAYMENT_BREAKDOWN:
      g_value_set_object (value, self->payment_breakdown);
      break;
    case PROP_STARTS_BEFORE_DATA:
      g_value_set_boolean (value, cab_account_state_get_starts_before_data (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_account_state_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CabAccountState *self = CAB_ACCOUNT_STATE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      /* Taken in constructed(), once "follow-session" is known. */
      self->session = g_value_get_object (value);
      break;
    case PROP_FOLLOW_SESSION:
      self->follow_session = g_value_get_boolean (value);
      break;
    case PROP_ACCOUNT:
      g_free (self->account);
      self->account = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_account_state_class_init (CabAccountStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = cab_account_state_constructed;
  object_class->dispose = cab_account_state_dispose;
  object_class->finalize = cab_account_state_finalize;
  object_class->get_property = cab_account_state_get_property;
  object_class->set_property = cab_account_state_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CAB_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* TRUE: shows the session's selected contract, whichever it is; FALSE: "account" only. */
  properties[PROP_FOLLOW_SESSION] =
    g_param_spec_boolean ("follow-session", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_STORE_ERROR] = g_param_spec_boxed ("store-error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_BALANCE_STATE] =
    g_param_spec_enum ("balance-state", NULL, NULL, CAB_TYPE_ACCOUNT_BLOCK_STATE,
                       CAB_ACCOUNT_BLOCK_EMPTY, ro);
  properties[PROP_STATEMENT_STATE] =
    g_param_spec_enum ("statement-state", NULL, NULL, CAB_TYPE_ACCOUNT_BLOCK_STATE,
                       CAB_ACCOUNT_BLOCK_EMPTY, ro);
  properties[PROP_BILLS_STATE] =
    g_param_spec_enum ("bills-state", NULL, NULL, CAB_TYPE_ACCOUNT_BLOCK_STATE,
                       CAB_ACCOUNT_BLOCK_EMPTY, ro);
  properties[PROP_DEBT_BREAKDOWN] =
    g_param_spec_object ("debt-breakdown", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_PAYMENT_BREAKDOWN] =
    g_param_spec_object ("payment-breakdown", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_STARTS_BEFORE_DATA] =
    g_param_spec_boolean ("starts-before-data", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A new fetch began (another contract, period, or a refresh): the blocks are emptied next. */
  signals[SIGNAL_STARTED] =
    g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
cab_account_state_init (CabAccountState *self)
{
  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
}

CabAccountState *
cab_account_state_new (CabSession *session)
{
  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);

  return g_object_new (CAB_TYPE_ACCOUNT_STATE, "session", session, NULL);
}

CabAccountState *
cab_account_state_new_for_account (CabSession *session,
                                   const char *account)
{
  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);

  return g_object_new (CAB_TYPE_ACCOUNT_STATE,
                       "session", session,
                       "follow-session", FALSE,
                       "account", account,
                       NULL);
}

gint64
cab_account_state_get_fetched_at (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), 0);
  return self->fetched_at;
}

CabSession *
cab_account_state_get_session (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), NULL);
  return self->session;
}

const char *
cab_account_state_get_account (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), NULL);
  return self->account;
}

void
cab_account_state_get_period (CabAccountState *self,
                              GDate           *from,
                              GDate           *to)
{
  g_return_if_fail (CAB_IS_ACCOUNT_STATE (self));

  if (from != NULL)
    *from = self->from;
  if (to != NULL)
    *to = self->to;
}

void
cab_account_state_set_period (CabAccountState *self,
                              const GDate     *from,
                              const GDate     *to)
{
  g_return_if_fail (CAB_IS_ACCOUNT_STATE (self));
  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (to != NULL && g_date_valid (to));

  self->from = *from;
  self->to = *to;
  fetch_all (self);
}

void
cab_account_state_reload (CabAccountState *self)
{
  g_return_if_fail (CAB_IS_ACCOUNT_STATE (self));
  fetch_all (self);
}

gboolean
cab_account_state_get_loading (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), FALSE);
  return self->n_pending > 0;
}

const GError *
cab_account_state_get_store_error (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), NULL);
  return self->store_error;
}

CabAccountBlockState
cab_account_state_get_block_state (CabAccountState *self,
                                   CabAccountBlock  block)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), CAB_ACCOUNT_BLOCK_EMPTY);
  g_return_val_if_fail (block < N_BLOCKS, CAB_ACCOUNT_BLOCK_EMPTY);
  return self->blocks[block].state;
}

GDateTime *
cab_account_state_get_saved_at (CabAccountState *self,
                                CabAccountBlock  block)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), NULL);
  g_return_val_if_fail (block < N_BLOCKS, NULL);
  return self->blocks[block].saved_at;
}

const GError *
cab_account_state_get_error (CabAccountState *self,
                             CabAccountBlock  block)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), NULL);
  g_return_val_if_fail (block < N_BLOCKS, NULL);
  return self->blocks[block].error;
}

const CabBalance *
cab_account_state_get_balance (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), NULL);
  return self->balance;
}

gboolean
cab_account_state_get_computed_offline (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), FALSE);
  return self->computed_offline;
}

CabStatement *
cab_account_state_get_statement (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), NULL);
  return self->statement;
}

GListModel *
cab_account_state_get_rows (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), NULL);
  return self->rows;
}

const CabBillList *
cab_account_state_get_bills (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), NULL);
  return self->bills;
}

GListModel *
cab_account_state_get_bill_rows (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), NULL);
  return self->bill_rows;
}

GListModel *
cab_account_state_get_debt_breakdown (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), NULL);
  return self->debt_breakdown;
}

GListModel *
cab_account_state_get_payment_breakdown (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), NULL);
  return self->payment_breakdown;
}

gboolean
cab_account_state_get_starts_before_data (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), FALSE);
  return self->statement != NULL &&
         cab_statement_get_coverage (self->statement) != CAB_STATEMENT_COVERAGE_FULL;
}

/* What the figures are made of (the payment panel's due dates); NULL until fetched or saved. */
CabLedger *
cab_account_state_get_ledger (CabAccountState *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE (self), NULL);

  return self->ledger;
}
