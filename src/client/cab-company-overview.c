/* cab-company-overview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-company-overview.h"
#include "cab-due-dates.h"

#ifdef HAVE_OFFLINE
#include "offline/cab-offline-store.h"
#endif

/* Far enough ahead to always hold the next due date (they are at most a month apart). */
#define NEXT_DUE_HORIZON_DAYS 70

struct _CabCompanyFigures
{
  GObject                 parent_instance;

  CabSession             *session;
  GCancellable           *cancellable;
  CabCompanyFiguresState  state;
  gboolean                saved;
  guint                   n_accounts;
  guint                   n_missing;
  guint                   n_pending;
  CabMoney                debt;
  CabMoney                recommended;
  gboolean                have_next;
  GDate                   next_due;
  CabMoney                next_amount;
  gboolean                next_known;
};

G_DEFINE_FINAL_TYPE (CabCompanyFigures, cab_company_figures, G_TYPE_OBJECT)

enum { FIGURES_PROP_0, FIGURES_PROP_STATE, FIGURES_N_PROPS };
static GParamSpec *figures_properties[FIGURES_N_PROPS];

struct _CabCompanyOverview
{
  GObject     parent_instance;

  GListStore *figures;
};

G_DEFINE_FINAL_TYPE (CabCompanyOverview, cab_company_overview, G_TYPE_OBJECT)

/* --- one company's figures -------------------------------------------------------------- */

typedef struct
{
  CabCompanyFigures *figures;
  GCancellable      *cancellable;   /* of the computation it belongs to */
  char              *account;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->figures);
  g_clear_object (&fetch->cancellable);
  g_free (fetch->account);
  g_free (fetch);
}

static void
account_done (Fetch *fetch)
{
  CabCompanyFigures *self = fetch->figures;

  if (--self->n_pending > 0)
    return;

  if (self->n_missing >= self->n_accounts)
    self->state = CAB_COMPANY_FIGURES_NONE;
  else if (self->n_missing > 0)
    self->state = CAB_COMPANY_FIGURES_PARTIAL;
  else
    self->state = CAB_COMPANY_FIGURES_READY;
  g_object_notify_by_pspec (G_OBJECT (self), figures_properties[FIGURES_PROP_STATE]);
}

static void
add_ledger (CabCompanyFigures *self,
            CabLedger         *ledger,
            gboolean           saved)
{
  g_autoptr(GArray) dues = NULL;
  GDate today, horizon;

  cab_session_get_today (self->session, &today);
  horizon = today;
  g_date_add_days (&horizon, NEXT_DUE_HORIZON_DAYS);

  self->debt += cab_debt_on (ledger, &today);
  self->recommended += cab_debt_recommended_payment (ledger, &today);
  self->saved |= saved;

  dues = cab_due_dates_compute (ledger, &today, &horizon);
  if (dues == NULL || dues->len == 0)
    return;

  {
    const CabDueDate *next = &g_array_index (dues, CabDueDate, 0);
    int order = self->have_next ? g_date_compare (&next->due, &self->next_due) : -1;

    /* the company's next due date is its contracts' earliest; the same day adds up */
    if (order < 0)
      {
        self->have_next = TRUE;
        self->next_due = next->due;
        self->next_amount = 0;
        self->next_known = TRUE;
      }
    if (order <= 0)
      for (guint i = 0; i < dues->len; i++)
        {
          const CabDueDate *due = &g_array_index (dues, CabDueDate, i);

          if (g_date_compare (&due->due, &self->next_due) != 0)
            break;
          self->next_amount += due->amount;
          self->next_known &= due->amount_known;
        }
  }
}

#ifdef HAVE_OFFLINE
static void
on_saved_ledger (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;

  node = cab_offline_store_get_json_finish (CAB_OFFLINE_STORE (object), result, NULL, &error);
  if (g_cancellable_is_cancelled (fetch->cancellable))
    {
      fetch_free (fetch);
      return;
    }
  if (node != NULL)
    ledger = cab_ledger_from_json (node, NULL, &error);
  if (ledger != NULL)
    add_ledger (fetch->figures, ledger, TRUE);
  else
    fetch->figures->n_missing++;
  account_done (fetch);
  fetch_free (fetch);
}

static void
on_ledger_kept (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cab_offline_store_put_json_finish (CAB_OFFLINE_STORE (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("A ledger was not saved for the overview: %s", error->message);
}
#endif

/* Offline, without a token, or the server failed: what was saved of this contract. */
static void
read_saved (Fetch *fetch)
{
#ifdef HAVE_OFFLINE
  CabOfflineStore *store = cab_session_get_offline_store (fetch->figures->session);

  if (store != NULL)
    {
      cab_offline_store_get_json_async (store, CAB_OFFLINE_LEDGER, fetch->account, NULL, NULL,
                                        fetch->cancellable, on_saved_ledger, fetch);
      return;
    }
#endif
  fetch->figures->n_missing++;
  account_done (fetch);
  fetch_free (fetch);
}

static void
on_ledger (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;

  ledger = cab_api_client_get_ledger_finish (CAB_API_CLIENT (object), result, &error);
  if (g_cancellable_is_cancelled (fetch->cancellable))
    {
      fetch_free (fetch);
      return;
    }
  if (ledger == NULL)
    {
      g_debug ("Ledger for the overview not fetched: %s", error->message);
      read_saved (fetch);
      return;
    }

#ifdef HAVE_OFFLINE
  {
    CabOfflineStore *store = cab_session_get_offline_store (fetch->figures->session);
    g_autoptr(JsonNode) node = cab_ledger_to_json (ledger, fetch->account);

    /* kept like Account State keeps it, so the overview works offline next time */
    if (store != NULL)
      cab_offline_store_put_json_async (store, CAB_OFFLINE_LEDGER, fetch->account, NULL, NULL,
                                        node, NULL, on_ledger_kept, NULL);
  }
#endif
  add_ledger (fetch->figures, ledger, FALSE);
  account_done (fetch);
  fetch_free (fetch);
}

static void
compute (CabCompanyFigures *self)
{
  const CabMe *me = cab_session_get_me (self->session);
  CabApiClient *api = cab_session_get_api (self->session);
  gboolean online = !cab_session_get_offline (self->session)
                    && cab_api_client_get_token (api) != NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_accounts = self->n_missing = self->n_pending = 0;
  self->debt = self->recommended = 0;
  self->have_next = self->saved = FALSE;

  for (guint i = 0; me != NULL && me->visible_accounts != NULL && me->visible_accounts[i] != NULL; i++)
    self->n_accounts++;
  if (self->n_accounts == 0)
    {
      self->state = CAB_COMPANY_FIGURES_NONE;
      g_object_notify_by_pspec (G_OBJECT (self), figures_properties[FIGURES_PROP_STATE]);
      return;
    }

  self->state = CAB_COMPANY_FIGURES_LOADING;
  self->n_pending = self->n_accounts;
  g_object_notify_by_pspec (G_OBJECT (self), figures_properties[FIGURES_PROP_STATE]);

  for (guint i = 0; i < self->n_accounts; i++)
    {
      Fetch *fetch = g_new0 (Fetch, 1);

      fetch->figures = g_object_ref (self);
      fetch->cancellable = g_object_ref (self->cancellable);
      fetch->account = g_strdup (me->visible_accounts[i]);
      if (online)
        cab_api_client_get_ledger_async (api, fetch->account, fetch->cancellable, on_ledger,
                                         fetch);
      else
        read_saved (fetch);
    }
}

CabSession *
cab_company_figures_get_session (CabCompanyFigures *self)
{
  g_return_val_if_fail (CAB_IS_COMPANY_FIGURES (self), NULL);
  return self->session;
}

CabCompanyFiguresState
cab_company_figures_get_state (CabCompanyFigures *self)
{
  g_return_val_if_fail (CAB_IS_COMPANY_FIGURES (self), CAB_COMPANY_FIGURES_NONE);
  return self->state;
}

gboolean
cab_company_figures_get_saved (CabCompanyFigures *self)
{
  g_return_val_if_fail (CAB_IS_COMPANY_FIGURES (self), FALSE);
  return self->saved;
}

guint
cab_company_figures_get_n_accounts (CabCompanyFigures *self)
{
  g_return_val_if_fail (CAB_IS_COMPANY_FIGURES (self), 0);
  return self->n_accounts;
}

guint
cab_company_figures_get_n_missing (CabCompanyFigures *self)
{
  g_return_val_if_fail (CAB_IS_COMPANY_FIGURES (self), 0);
  return self->n_missing;
}

CabMoney
cab_company_figures_get_debt (CabCompanyFigures *self)
{
  g_return_val_if_fail (CAB_IS_COMPANY_FIGURES (self), 0);
  return self->debt;
}

CabMoney
cab_company_figures_get_recommended (CabCompanyFigures *self)
{
  g_return_val_if_fail (CAB_IS_COMPANY_FIGURES (self), 0);
  return self->recommended;
}

gboolean
cab_company_figures_get_next_due (CabCompanyFigures *self,
                                  GDate             *out_due,
                                  CabMoney          *out_amount,
                                  gboolean          *out_amount_known)
{
  g_return_val_if_fail (CAB_IS_COMPANY_FIGURES (self), FALSE);

  if (!self->have_next || self->state == CAB_COMPANY_FIGURES_LOADING)
    return FALSE;
  if (out_due != NULL)
    *out_due = self->next_due;
  if (out_amount != NULL)
    *out_amount = self->next_amount;
  if (out_amount_known != NULL)
    *out_amount_known = self->next_known;

  return TRUE;
}

static void
cab_company_figures_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CabCompanyFigures *self = CAB_COMPANY_FIGURES (object);

  switch (prop_id)
    {
    case FIGURES_PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_company_figures_dispose (GObject *object)
{
  CabCompanyFigures *self = (CabCompanyFigures *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cab_company_figures_parent_class)->dispose (object);
}

static void
cab_company_figures_class_init (CabCompanyFiguresClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cab_company_figures_dispose;
  object_class->get_property = cab_company_figures_get_property;

  /* a CabCompanyFiguresState; notifies whenever the figures change */
  figures_properties[FIGURES_PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, CAB_COMPANY_FIGURES_LOADING,
                      CAB_COMPANY_FIGURES_NONE, CAB_COMPANY_FIGURES_LOADING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, FIGURES_N_PROPS, figures_properties);
}

static void
cab_company_figures_init (CabCompanyFigures *self)
{
  self->state = CAB_COMPANY_FIGURES_LOADING;
}

/* --- the overview ----------------------------------------------------------------------- */

CabCompanyOverview *
cab_company_overview_new (void)
{
  return g_object_new (CAB_TYPE_COMPANY_OVERVIEW, NULL);
}

GListModel *
cab_company_overview_get_model (CabCompanyOverview *self)
{
  g_return_val_if_fail (CAB_IS_COMPANY_OVERVIEW (self), NULL);

  return G_LIST_MODEL (self->figures);
}

static CabCompanyFigures *
find (CabCompanyOverview *self,
      CabSession         *session,
      guint              *out_position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->figures)); i++)
    {
      g_autoptr(CabCompanyFigures) figures = g_list_model_get_item (G_LIST_MODEL (self->figures), i);

      if (figures->session == session)
        {
          if (out_position != NULL)
            *out_position = i;
          return figures;   /* the store keeps it alive */
        }
    }

  return NULL;
}

void
cab_company_overview_add (CabCompanyOverview *self,
                          CabSession         *session)
{
  CabCompanyFigures *figures;

  g_return_if_fail (CAB_IS_COMPANY_OVERVIEW (self));
  g_return_if_fail (CAB_IS_SESSION (session));

  figures = find (self, session, NULL);
  if (figures == NULL)
    {
      g_autoptr(CabCompanyFigures) added = g_object_new (CAB_TYPE_COMPANY_FIGURES, NULL);

      added->session = g_object_ref (session);
      g_list_store_append (self->figures, added);
      figures = added;
    }
  compute (figures);
}

void
cab_company_overview_remove (CabCompanyOverview *self,
                             CabSession         *session)
{
  CabCompanyFigures *figures;
  guint position;

  g_return_if_fail (CAB_IS_COMPANY_OVERVIEW (self));

  figures = find (self, session, &position);
  if (figures == NULL)
    return;
  g_cancellable_cancel (figures->cancellable);
  g_list_store_remove (self->figures, position);
}

void
cab_company_overview_refresh (CabCompanyOverview *self)
{
  g_return_if_fail (CAB_IS_COMPANY_OVERVIEW (self));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->figures)); i++)
    {
      g_autoptr(CabCompanyFigures) figures = g_list_model_get_item (G_LIST_MODEL (self->figures), i);

      compute (figures);
    }
}

static void
cab_company_overview_dispose (GObject *object)
{
  CabCompanyOverview *self = (CabCompanyOverview *)object;

  if (self->figures != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->figures)); i++)
      {
        g_autoptr(CabCompanyFigures) figures = g_list_model_get_item (G_LIST_MODEL (self->figures), i);

        g_cancellable_cancel (figures->cancellable);
      }
  g_clear_object (&self->figures);

  G_OBJECT_CLASS (cab_company_overview_parent_class)->dispose (object);
}

static void
cab_company_overview_class_init (CabCompanyOverviewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cab_company_overview_dispose;
}

static void
cab_company_overview_init (CabCompanyOverview *self)
{
  self->figures = g_list_store_new (CAB_TYPE_COMPANY_FIGURES);
}
