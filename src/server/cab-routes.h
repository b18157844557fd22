/* cab-routes.h: the API's routes, one file per resource; cab_routes (cab-routes.c) is the one
 * table that lists them, which main.c gives to cab_server_new().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-server.h"

G_BEGIN_DECLS

/* Every route of docs/api.md, ending with a NULL method. */
extern const CabRoute cab_routes[];

/* The handlers, by resource. */
void         cab_route_get_health             (CabRequest *req);   /* cab-routes-service.c */
void         cab_route_post_registration_check (CabRequest *req);  /* cab-routes-registration.c */
void         cab_route_post_registration      (CabRequest *req);
void         cab_route_post_session           (CabRequest *req);   /* cab-routes-session.c */
void         cab_route_delete_session         (CabRequest *req);
void         cab_route_post_password_reset    (CabRequest *req);
void         cab_route_get_me                 (CabRequest *req);   /* cab-routes-me.c */
void         cab_route_patch_me               (CabRequest *req);
void         cab_route_put_visible_accounts   (CabRequest *req);
void         cab_route_put_subscription       (CabRequest *req);
void         cab_route_get_balance            (CabRequest *req);   /* cab-routes-accounts.c */
void         cab_route_get_statement          (CabRequest *req);
void         cab_route_get_bills              (CabRequest *req);
void         cab_route_get_ledger             (CabRequest *req);
void         cab_route_get_document           (CabRequest *req);   /* cab-routes-documents.c */
void         cab_route_post_feedback          (CabRequest *req);   /* cab-routes-feedback.c */
void         cab_route_get_feedback           (CabRequest *req);
void         cab_route_get_supplier           (CabRequest *req);   /* cab-routes-supplier.c */

/* Shared by the route files. */

/* Answers 422 invalid_field (or the error's own code) and returns NULL when @field is missing
 * or not a string. */
const char  *cab_routes_require_string    (CabRequest  *req,
                                           const char  *field);
/* The GET /me body of the request's user. */
JsonNode    *cab_routes_me_json           (CabRequest  *req,
                                           GError     **error);
/* Queues @subject/@body for @to in the server's store: call it inside the transaction that
 * causes the mail (cab-mail-queue.h). */
gboolean     cab_routes_mail              (CabServer   *server,
                                           const char  *to,
                                           const char  *subject,
                                           const char  *body,
                                           GError     **error);

G_END_DECLS
