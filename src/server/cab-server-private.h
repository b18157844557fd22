/* cab-server-private.h: what the framework's two files (cab-server.c, cab-request.c) share.
 * Routes do not include it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-server.h"

G_BEGIN_DECLS

/* cab-server.c */

/* NULL before cab_server_listen(). */
CabConnectionGuard *cab_server_get_connection_guard (CabServer         *self);
gboolean            cab_server_get_behind_proxy     (CabServer         *self);

/* cab-request.c */

/* A request for @msg on @server; takes @body. */
CabRequest         *cab_request_new                 (CabServer         *server,
                                                     SoupServerMessage *msg,
                                                     GHashTable        *query,
                                                     GBytes            *body);
const char         *cab_request_message_path        (SoupServerMessage *msg);
/* The API's error object: {"error": {"code", "message", "field"?, "retry_after"?}}. */
JsonNode           *cab_request_error_body          (CabError           code,
                                                     const char        *field,
                                                     const char        *message,
                                                     gint64             retry_after);
void                cab_request_set_json_response   (SoupServerMessage *msg,
                                                     guint              status,
                                                     JsonNode          *node);
/* The error's HTTP status and body, with WWW-Authenticate on a 401 and Retry-After on
 * CAB_ERROR_UNAVAILABLE. */
void                cab_request_set_error_response  (SoupServerMessage *msg,
                                                     CabError           code,
                                                     const char        *field,
                                                     const char        *message);

G_END_DECLS
