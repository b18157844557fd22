/* cab-routes.c: the one table of the API's routes (docs/api.md). A new route is one line here
 * and its handler in the cab-routes-<resource>.c of its resource.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-routes.h"

#define PUBLIC       CAB_ROUTE_PUBLIC
#define AUTH         CAB_ROUTE_AUTH
/* Signed in, even while the temporary password must still be changed. */
#define AUTH_TEMP_OK (CAB_ROUTE_AUTH | CAB_ROUTE_PASSWORD_CHANGE_OK)
/* Signed in, the token checked on the worker thread that does the route's work. */
#define AUTH_WORKER  (CAB_ROUTE_AUTH | CAB_ROUTE_AUTH_ON_WORKER)
#define JSON         CAB_ROUTE_JSON_BODY
#define MULTIPART    CAB_ROUTE_MULTIPART_BODY

const CabRoute cab_routes[] = {
  { "GET",    "/api/v1/health",                PUBLIC,              cab_route_get_health },

  { "POST",   "/api/v1/registration/check",    JSON,
    cab_route_post_registration_check },
  { "POST",   "/api/v1/registration",          JSON,                cab_route_post_registration },

  { "POST",   "/api/v1/session",               JSON,                cab_route_post_session },
  { "DELETE", "/api/v1/session",               AUTH_TEMP_OK,        cab_route_delete_session },
  { "POST",   "/api/v1/password-reset",        JSON,
    cab_route_post_password_reset },

  { "GET",    "/api/v1/me",                    AUTH_TEMP_OK,        cab_route_get_me },
  { "PATCH",  "/api/v1/me",                    AUTH_TEMP_OK | JSON, cab_route_patch_me },
  { "PUT",    "/api/v1/me/visible-accounts",   AUTH | JSON,         cab_route_put_visible_accounts },
  { "PUT",    "/api/v1/me/subscription",       AUTH | JSON,         cab_route_put_subscription },

  { "GET",    "/api/v1/accounts/{}/balance",   AUTH_WORKER,         cab_route_get_balance },
  { "GET",    "/api/v1/accounts/{}/statement", AUTH_WORKER,         cab_route_get_statement },
  { "GET",    "/api/v1/accounts/{}/bills",     AUTH_WORKER,         cab_route_get_bills },
  { "GET",    "/api/v1/accounts/{}/ledger",    AUTH_WORKER,         cab_route_get_ledger },

  { "GET",    "/api/v1/documents/{}",          AUTH,                cab_route_get_document },

  { "POST",   "/api/v1/feedback",              AUTH | MULTIPART,    cab_route_post_feedback },
  { "GET",    "/api/v1/feedback",              AUTH,                cab_route_get_feedback },

  { "GET",    "/api/v1/supplier",              PUBLIC,              cab_route_get_supplier },

  { NULL, NULL, 0, NULL }
};
