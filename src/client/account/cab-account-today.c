/* cab-account-today.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-account-today.h"

typedef struct
{
  CabLedger  *ledger;
  CabBalance *balance;
  GError     *ledger_error;
  guint       n_pending;
} Today;

static void
today_free (Today *today)
{
  g_clear_object (&today->ledger);
  g_clear_pointer (&today->balance, cab_balance_free);
  g_clear_error (&today->ledger_error);
  g_free (today);
}

static void
today_answered (GTask *task)
{
  Today *today = g_task_get_task_data (task);

  if (--today->n_pending > 0)
    return;
  if (g_task_return_error_if_cancelled (task))
    return;
  if (today->ledger == NULL)
    g_task_return_error (task, g_steal_pointer (&today->ledger_error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_today_ledger (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Today *today = g_task_get_task_data (task);

  today->ledger = cab_api_client_get_ledger_finish (CAB_API_CLIENT (object), result,
                                                    &today->ledger_error);
  today_answered (task);
}

static void
on_today_balance (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Today *today = g_task_get_task_data (task);

  /* Without a balance the caller keeps what it knew. */
  today->balance = cab_api_client_get_balance_finish (CAB_API_CLIENT (object), result, NULL);
  today_answered (task);
}

void
cab_account_today_fetch_async (CabSession          *session,
                               const char          *account,
                               const GDate         *on,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CabApiClient *api;
  GTask *task;
  Today *today;

  g_return_if_fail (CAB_IS_SESSION (session));
  g_return_if_fail (account != NULL);

  api = cab_session_get_api (session);
  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_account_today_fetch_async);
  today = g_new0 (Today, 1);
  today->n_pending = 2;
  g_task_set_task_data (task, today, (GDestroyNotify)today_free);

  cab_api_client_get_ledger_async (api, account, cancellable, on_today_ledger,
                                   g_object_ref (task));
  cab_api_client_get_balance_async (api, account, on, cancellable, on_today_balance, task);
}

gboolean
cab_account_today_fetch_finish (GAsyncResult  *result,
                                CabLedger    **out_ledger,
                                CabBalance   **out_balance,
                                GError       **error)
{
  Today *today;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  today = g_task_get_task_data (G_TASK (result));
  if (out_ledger != NULL)
    *out_ledger = g_steal_pointer (&today->ledger);
  if (out_balance != NULL)
    *out_balance = g_steal_pointer (&today->balance);

  return TRUE;
}
