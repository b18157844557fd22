/* cab-routes-service.c: GET /api/v1/health.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-mail-queue.h"
#include "cab-routes.h"

void
cab_route_get_health (CabRequest *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GDate today;

  cab_server_today (req->server, &today);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  cab_json_builder_add_date (builder, "today", &today);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  cab_request_reply_json (req, SOUP_STATUS_OK, root);
}

const char *
cab_routes_require_string (CabRequest *req,
                           const char *field)
{
  g_autoptr(GError) error = NULL;
  const char *value = cab_json_get_string (cab_request_get_object (req), field, &error);

  if (value == NULL)
    cab_request_reply_gerror (req, error, field);
  return value;
}

gboolean
cab_routes_mail (CabServer   *server,
                 const char  *to,
                 const char  *subject,
                 const char  *body,
                 GError     **error)
{
  return cab_mail_queue_add (cab_server_get_store (server), to, subject, body,
                             cab_server_now (server), error);
}
