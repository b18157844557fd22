/* cab-routes-service.c: GET /api/v1/health.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-routes.h"

static void
health (CabRequest *req)
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

void
cab_routes_mail (CabServer  *server,
                 const char *to,
                 const char *subject,
                 const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cab_mailer_send (cab_server_get_mailer (server), to, subject, body,
                                           &error);

  if (path == NULL)
    g_warning ("Cannot write mail: %s", error->message);
}

void
cab_routes_add_service (CabServer *server)
{
  cab_server_add_route (server, "GET", "/api/v1/health", CAB_ROUTE_PUBLIC, health);
}
