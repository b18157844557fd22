/* cab-api-client-supplier.c: GET /supplier, the supplier's requisites and support address.
 * Public: the recovery page shows them to someone who cannot sign in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "cab-api-client-private.h"

static void
decode_supplier (CabApiClient  *self,
                 GTask         *task,
                 CabApiRequest *request,
                 JsonNode      *node,
                 GBytes        *body)
{
  /* every value is validated by the core, so nothing odd reaches a label or a payment */
  cab_api_return_decoded (self, task, node != NULL ? cab_supplier_from_json (node, NULL) : NULL,
                          (GDestroyNotify) cab_supplier_free);
}

void
cab_api_client_get_supplier_async (CabApiClient        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CAB_IS_API_CLIENT (self));

  cab_api_request_send (self, cab_api_request_new (self, "GET", "supplier", NULL, FALSE, decode_supplier,
                                   cab_api_client_get_supplier_async,
                                   cancellable, callback, user_data));
}

CabSupplier *
cab_api_client_get_supplier_finish (CabApiClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
