/* cab-routes.h: the API's routes, one file per resource; CabServer registers them all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-server.h"

G_BEGIN_DECLS

void         cab_routes_add_service       (CabServer *server);   /* cab-routes-service.c */
void         cab_routes_add_registration  (CabServer *server);   /* cab-routes-registration.c */
void         cab_routes_add_session       (CabServer *server);   /* cab-routes-session.c */
void         cab_routes_add_me            (CabServer *server);   /* cab-routes-me.c */
void         cab_routes_add_accounts      (CabServer *server);   /* cab-routes-accounts.c */
void         cab_routes_add_documents     (CabServer *server);   /* cab-routes-documents.c */
void         cab_routes_add_feedback      (CabServer *server);   /* cab-routes-feedback.c */
void         cab_routes_add_supplier      (CabServer *server);   /* cab-routes-supplier.c */

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
