/* cab-routes-supplier.c: GET /api/v1/supplier, the supplier's requisites (public: the
 * recovery page shows the support address to someone who cannot sign in).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-routes.h"

void
cab_route_get_supplier (CabRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabSupplier) requisites = cab_store_get_supplier (cab_server_get_store (req->server),
                                                              &error);
  g_autoptr(JsonNode) root = NULL;

  if (requisites == NULL)
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }
  root = cab_supplier_to_json (requisites);
  cab_request_reply_json (req, SOUP_STATUS_OK, root);
}
