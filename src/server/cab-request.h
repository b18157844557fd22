/* cab-request.h: one request on its way through a route's handler: the parsed request, the
 * JSON answer, the error answer. Part of the server's framework (with cab-server.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cab-store.h"

G_BEGIN_DECLS

typedef struct _CabServer CabServer;

/* One request on its way through a handler. Handlers that answer later (worker threads)
 * call cab_request_pause() and keep a reference; every reply unpauses. */
typedef struct
{
  CabServer          *server;
  SoupServerMessage  *msg;
  char               *params[2];   /* the {} parts of the route's pattern */
  GBytes             *body;        /* never NULL */
  JsonNode           *json;        /* CAB_ROUTE_JSON_BODY: the parsed object */
  CabStoreUser       *user;        /* CAB_ROUTE_AUTH: the signed-in user */
  char               *token_hash;  /* CAB_ROUTE_AUTH */
  gboolean            password_change_ok; /* CAB_ROUTE_PASSWORD_CHANGE_OK */
  GCancellable       *cancellable; /* cancelled if the client goes away */
} CabRequest;

CabRequest     *cab_request_ref              (CabRequest       *req);
void            cab_request_unref            (CabRequest       *req);
void            cab_request_pause            (CabRequest       *req);
const char     *cab_request_get_query        (CabRequest       *req,
                                              const char       *name);
JsonObject     *cab_request_get_object       (CabRequest       *req);
/* The client's IP address: the TCP peer, or behind a proxy (cab_server_set_behind_proxy())
 * the last X-Forwarded-For entry of a loopback peer. */
const char     *cab_request_get_client_address (CabRequest     *req);

void            cab_request_reply_json       (CabRequest       *req,
                                              guint             status,
                                              JsonNode         *node);
/* The same with the JSON already serialised (takes @text). */
void            cab_request_reply_json_text  (CabRequest       *req,
                                              guint             status,
                                              char             *text);
void            cab_request_reply_empty      (CabRequest       *req,
                                              guint             status);
void            cab_request_reply_bytes      (CabRequest       *req,
                                              guint             status,
                                              const char       *content_type,
                                              GBytes           *bytes);
void            cab_request_reply_error      (CabRequest       *req,
                                              CabError          code,
                                              const char       *field,
                                              const char       *message);
/* CAB_ERROR codes with an API code are answered as such; parsing and validation errors
 * as 422 invalid_field naming @field; anything else as 500 internal_error (logged). */
void            cab_request_reply_gerror     (CabRequest       *req,
                                              const GError     *error,
                                              const char       *field);
/* 429 rate_limited with Retry-After and "retry_after". */
void            cab_request_reply_rate_limited (CabRequest     *req,
                                              gint64            retry_after);
/* 503 server_busy with Retry-After and "retry_after": too much work queued. */
void            cab_request_reply_busy       (CabRequest       *req,
                                              gint64            retry_after);
/* The one 404 answer: unknown, and other partners' resources, look the same. */
void            cab_request_reply_not_found  (CabRequest       *req);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabRequest, cab_request_unref)

G_END_DECLS
