/* cab-api-client-accounts.c: an account's state: balance, statement, bills, ledger.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "cab-api-client-private.h"

static char *
account_path (const char  *account,
              const char  *what,
              const GDate *from,
              const GDate *to,
              const GDate *on)
{
  g_autofree char *escaped = g_uri_escape_string (account != NULL ? account : "", NULL, FALSE);
  GString *path = g_string_new ("accounts/");

  g_string_append (path, escaped);
  g_string_append_c (path, '/');
  g_string_append (path, what);
  if (on != NULL && g_date_valid (on))
    {
      g_autofree char *text = cab_date_to_iso (on);

      g_string_append_printf (path, "?on=%s", text);
    }
  if (from != NULL && to != NULL)
    {
      g_autofree char *from_text = cab_date_to_iso (from);
      g_autofree char *to_text = cab_date_to_iso (to);

      g_string_append_printf (path, "?from=%s&to=%s", from_text, to_text);
    }

  return g_string_free (path, FALSE);
}

static void
decode_balance (CabApiClient  *self,
                GTask         *task,
                CabApiRequest *request,
                JsonNode      *node,
                GBytes        *body)
{
  cab_api_return_decoded (self, task, node != NULL ? cab_balance_from_json (node, NULL) : NULL,
                          (GDestroyNotify) cab_balance_free);
}

void
cab_api_client_get_balance_async (CabApiClient        *self,
                                  const char          *account,
                                  const GDate         *on,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  path = account_path (account, "balance", NULL, NULL, on);
  cab_api_request_send (self, cab_api_request_new (self, "GET", path, NULL, TRUE, decode_balance,
                                   cab_api_client_get_balance_async,
                                   cancellable, callback, user_data));
}

CabBalance *
cab_api_client_get_balance_finish (CabApiClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
decode_statement (CabApiClient  *self,
                  GTask         *task,
                  CabApiRequest *request,
                  JsonNode      *node,
                  GBytes        *body)
{
  cab_api_return_decoded (self, task, node != NULL ? cab_statement_from_json (node, NULL) : NULL,
                          g_object_unref);
}

void
cab_api_client_get_statement_async (CabApiClient        *self,
                                    const char          *account,
                                    const GDate         *from,
                                    const GDate         *to,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CAB_IS_API_CLIENT (self));
  g_return_if_fail (from != NULL && to != NULL);

  path = account_path (account, "statement", from, to, NULL);
  cab_api_request_send (self, cab_api_request_new (self, "GET", path, NULL, TRUE, decode_statement,
                                   cab_api_client_get_statement_async,
                                   cancellable, callback, user_data));
}

CabStatement *
cab_api_client_get_statement_finish (CabApiClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
decode_bills (CabApiClient  *self,
              GTask         *task,
              CabApiRequest *request,
              JsonNode      *node,
              GBytes        *body)
{
  cab_api_return_decoded (self, task, node != NULL ? cab_bill_list_from_json (node, NULL) : NULL,
                          (GDestroyNotify) cab_bill_list_free);
}

void
cab_api_client_get_bills_async (CabApiClient        *self,
                                const char          *account,
                                const GDate         *from,
                                const GDate         *to,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CAB_IS_API_CLIENT (self));
  g_return_if_fail (from != NULL && to != NULL);

  path = account_path (account, "bills", from, to, NULL);
  cab_api_request_send (self, cab_api_request_new (self, "GET", path, NULL, TRUE, decode_bills,
                                   cab_api_client_get_bills_async,
                                   cancellable, callback, user_data));
}

CabBillList *
cab_api_client_get_bills_finish (CabApiClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
decode_ledger (CabApiClient  *self,
               GTask         *task,
               CabApiRequest *request,
               JsonNode      *node,
               GBytes        *body)
{
  g_autofree char *account = NULL;

  cab_api_return_decoded (self, task,
                          node != NULL ? cab_ledger_from_json (node, &account, NULL) : NULL,
                          g_object_unref);
}

void
cab_api_client_get_ledger_async (CabApiClient        *self,
                                 const char          *account,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  path = account_path (account, "ledger", NULL, NULL, NULL);
  cab_api_request_send (self, cab_api_request_new (self, "GET", path, NULL, TRUE, decode_ledger,
                                   cab_api_client_get_ledger_async,
                                   cancellable, callback, user_data));
}

CabLedger *
cab_api_client_get_ledger_finish (CabApiClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
