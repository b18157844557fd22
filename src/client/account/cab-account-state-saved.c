/* cab-account-state-saved.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-account-state-saved.h"
#include "offline/cab-offline-store.h"

void
cab_account_state_saved_free (CabAccountStateSaved *data)
{
  g_free (data->account);
  g_clear_object (&data->ledger);
  g_clear_object (&data->statement);
  g_clear_pointer (&data->statement_saved_at, g_date_time_unref);
  g_clear_pointer (&data->bills, cab_bill_list_free);
  g_clear_pointer (&data->bills_saved_at, g_date_time_unref);
  g_clear_pointer (&data->balance, cab_balance_free);
  g_clear_pointer (&data->balance_saved_at, g_date_time_unref);
  g_free (data);
}

static JsonNode *
read_saved (CabOfflineStore       *store,
            CabOfflineKind         kind,
            CabAccountStateSaved  *data,
            GDateTime            **out_saved_at)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  node = cab_offline_store_get_json (store, kind, data->account, &data->from, &data->to,
                                     out_saved_at, &error);
  if (node == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_debug ("Saved data unreadable: %s", error->message);

  return node;
}

void
cab_account_state_saved_load_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  CabOfflineStore *store = source_object;
  CabAccountStateSaved *data = task_data;
  g_autoptr(JsonNode) ledger = NULL;
  g_autoptr(JsonNode) statement = NULL;
  g_autoptr(JsonNode) bills = NULL;
  g_autoptr(JsonNode) balance = NULL;

  /* A damaged file counts as not saved: each piece falls back on its own. */
  if ((ledger = read_saved (store, CAB_OFFLINE_LEDGER, data, NULL)) != NULL)
    data->ledger = cab_ledger_from_json (ledger, NULL, NULL);
  if ((statement = read_saved (store, CAB_OFFLINE_STATEMENT, data, &data->statement_saved_at)) != NULL)
    data->statement = cab_statement_from_json (statement, NULL);
  if ((bills = read_saved (store, CAB_OFFLINE_BILLS, data, &data->bills_saved_at)) != NULL)
    data->bills = cab_bill_list_from_json (bills, NULL);
  if ((balance = read_saved (store, CAB_OFFLINE_BALANCE, data, &data->balance_saved_at)) != NULL)
    data->balance = cab_balance_from_json (balance, NULL);

  g_task_return_boolean (task, TRUE);
}
