/* cab-request.c: one request on its way through a route's handler: its reference count and
 * pause state, the query, the client's address, and every kind of answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <string.h>
#include <sys/socket.h>

#include "cab-server-private.h"

/* Request with the refcount and the pause state, behind the public struct. */
typedef struct
{
  CabRequest   public;
  gatomicrefcount ref;
  GHashTable  *query;
  gboolean     paused;
  gboolean     finished;
  gulong       finished_id;
  char        *client_address;
  GSource     *hangup;       /* while paused: watches for the client leaving */
} RequestPrivate;

const char *
cab_request_message_path (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);

  return uri ? g_uri_get_path (uri) : "";
}

/* ---- errors ---- */

JsonNode *
cab_request_error_body (CabError    code,
                        const char *field,
                        const char *message,
                        gint64      retry_after)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *api_code = cab_error_to_api_code (code);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, api_code ? api_code : "internal_error");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field);
    }
  if (retry_after > 0)
    {
      json_builder_set_member_name (builder, "retry_after");
      json_builder_add_int_value (builder, retry_after);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
cab_request_set_json_response (SoupServerMessage *msg,
                               guint              status,
                               JsonNode          *node)
{
  char *text = cab_json_to_string (node);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    text, strlen (text));
}

void
cab_request_set_error_response (SoupServerMessage *msg,
                                CabError           code,
                                const char        *field,
                                const char        *message)
{
  g_autoptr(JsonNode) body = cab_request_error_body (code, field, message, 0);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint status = cab_error_http_status (code);

  /* RFC 7235: a 401 names its scheme; authenticate() may have added RFC 6750's error=. */
  if (status == SOUP_STATUS_UNAUTHORIZED
      && soup_message_headers_get_one (headers, "WWW-Authenticate") == NULL)
    soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer realm=\"tek-cabinet\"");
  /* The database is down or unreachable: worth trying again soon, on this or another
   * instance. */
  if (code == CAB_ERROR_UNAVAILABLE)
    soup_message_headers_replace (headers, "Retry-After", CAB_UNAVAILABLE_RETRY_AFTER);
  cab_request_set_json_response (msg, status, body);
}

/* ---- requests ---- */

CabRequest *
cab_request_ref (CabRequest *req)
{
  g_atomic_ref_count_inc (&((RequestPrivate *) req)->ref);
  return req;
}

void
cab_request_unref (CabRequest *req)
{
  RequestPrivate *priv = (RequestPrivate *) req;

  if (!g_atomic_ref_count_dec (&priv->ref))
    return;
  /* Its libsoup objects are the main loop's: released on another thread, they race it
   * (cab_server_run_in_worker() hands its work back for that). */
  g_warn_if_fail (g_main_context_is_owner (g_main_context_default ()));
  if (priv->finished_id != 0)
    g_signal_handler_disconnect (req->msg, priv->finished_id);
  if (priv->hangup != NULL)
    {
      g_source_destroy (priv->hangup);
      g_clear_pointer (&priv->hangup, g_source_unref);
    }
  g_clear_pointer (&priv->query, g_hash_table_unref);
  g_clear_pointer (&priv->client_address, g_free);
  g_clear_pointer (&req->params[0], g_free);
  g_clear_pointer (&req->params[1], g_free);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_pointer (&req->json, json_node_unref);
  g_clear_pointer (&req->user, cab_store_user_free);
  g_clear_pointer (&req->token_hash, g_free);
  g_clear_object (&req->cancellable);
  g_clear_object (&req->msg);
  g_clear_object (&req->server);
  g_free (priv);
}

static void
request_msg_finished (SoupServerMessage *msg,
                      RequestPrivate    *priv)
{
  priv->finished = TRUE;
  g_cancellable_cancel (priv->public.cancellable);
}

CabRequest *
cab_request_new (CabServer         *server,
                 SoupServerMessage *msg,
                 GHashTable        *query,
                 GBytes            *body)
{
  RequestPrivate *priv = g_new0 (RequestPrivate, 1);
  CabRequest *req = &priv->public;

  g_atomic_ref_count_init (&priv->ref);
  priv->query = query ? g_hash_table_ref (query) : NULL;
  req->server = g_object_ref (server);
  req->msg = g_object_ref (msg);
  req->cancellable = g_cancellable_new ();
  priv->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (request_msg_finished), priv);
  req->body = body;
  return req;
}

/* libsoup does not read a paused message's connection, so it does not see the client
 * leave: an end of stream on the socket (peeked, nothing consumed) cancels the request's
 * work (a queued password hash is then skipped). Anything else stops the watch. The file
 * descriptor is watched, not the GSocket, whose sources would change its timeout state. */
static gboolean
client_hangup (int           fd,
               GIOCondition  condition,
               gpointer      user_data)
{
  RequestPrivate *priv = user_data;
  char byte;

  if ((condition & (G_IO_HUP | G_IO_ERR))
      || recv (fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0)
    g_cancellable_cancel (priv->public.cancellable);
  g_clear_pointer (&priv->hangup, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
watch_hangup (RequestPrivate *priv)
{
  CabConnectionGuard *guard = cab_server_get_connection_guard (priv->public.server);
  GSocket *socket = guard != NULL
                    ? cab_connection_guard_get_socket (guard, priv->public.msg) : NULL;

  if (socket == NULL || priv->hangup != NULL)
    return;
  priv->hangup = g_unix_fd_source_new (g_socket_get_fd (socket), G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (priv->hangup, G_SOURCE_FUNC (client_hangup), priv, NULL);
  g_source_attach (priv->hangup, NULL);
}

void
cab_request_pause (CabRequest *req)
{
  RequestPrivate *priv = (RequestPrivate *) req;

  if (priv->paused)
    return;
  priv->paused = TRUE;
  soup_server_message_pause (req->msg);
  watch_hangup (priv);
}

static void
request_resume (CabRequest *req)
{
  RequestPrivate *priv = (RequestPrivate *) req;

  if (!priv->paused)
    return;
  priv->paused = FALSE;
  if (priv->hangup != NULL)
    {
      g_source_destroy (priv->hangup);
      g_clear_pointer (&priv->hangup, g_source_unref);
    }
  if (!priv->finished)
    soup_server_message_unpause (req->msg);
}

const char *
cab_request_get_query (CabRequest *req,
                       const char *name)
{
  RequestPrivate *priv = (RequestPrivate *) req;

  return priv->query ? g_hash_table_lookup (priv->query, name) : NULL;
}

JsonObject *
cab_request_get_object (CabRequest *req)
{
  return req->json ? json_node_get_object (req->json) : NULL;
}

/* Behind a reverse proxy on this host, the client is the last X-Forwarded-For entry: the one
 * the proxy added (the earlier ones are whatever the client sent). Only a loopback peer is
 * believed; anyone else is the client. */
static char *
client_address_of (CabServer         *server,
                   SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  GInetAddress *peer;
  const char *forwarded;
  const char *last;
  g_autofree char *entry = NULL;
  g_autoptr(GInetAddress) client = NULL;

  if (remote == NULL || !G_IS_INET_SOCKET_ADDRESS (remote))
    return g_strdup ("unknown");
  peer = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote));
  forwarded = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                             "X-Forwarded-For");
  if (!cab_server_get_behind_proxy (server) || !g_inet_address_get_is_loopback (peer)
      || forwarded == NULL)
    return g_inet_address_to_string (peer);
  last = strrchr (forwarded, ',');
  entry = g_strstrip (g_strdup (last != NULL ? last + 1 : forwarded));
  client = g_inet_address_new_from_string (entry);
  /* Not an address: not from our proxy, which always writes one. */
  return client != NULL ? g_inet_address_to_string (client) : g_inet_address_to_string (peer);
}

const char *
cab_request_get_client_address (CabRequest *req)
{
  RequestPrivate *priv = (RequestPrivate *) req;

  if (priv->client_address == NULL)
    priv->client_address = client_address_of (req->server, req->msg);
  return priv->client_address;
}

void
cab_request_reply_json (CabRequest *req,
                        guint       status,
                        JsonNode   *node)
{
  cab_request_set_json_response (req->msg, status, node);
  request_resume (req);
}

void
cab_request_reply_json_text (CabRequest *req,
                             guint       status,
                             char       *text)
{
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, "application/json", SOUP_MEMORY_TAKE,
                                    text, strlen (text));
  request_resume (req);
}

void
cab_request_reply_empty (CabRequest *req,
                         guint       status)
{
  soup_server_message_set_status (req->msg, status, NULL);
  request_resume (req);
}

void
cab_request_reply_bytes (CabRequest *req,
                         guint       status,
                         const char *content_type,
                         GBytes     *bytes)
{
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  soup_server_message_set_status (req->msg, status, NULL);
  /* SOUP_MEMORY_COPY: a PDF is a few hundred KiB; a copy keeps ownership simple. */
  soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_COPY, data, size);
  request_resume (req);
}

void
cab_request_reply_error (CabRequest *req,
                         CabError    code,
                         const char *field,
                         const char *message)
{
  cab_request_set_error_response (req->msg, code, field, message);
  request_resume (req);
}

void
cab_request_reply_rate_limited (CabRequest *req,
                                gint64      retry_after)
{
  g_autoptr(JsonNode) body = cab_request_error_body (CAB_ERROR_RATE_LIMITED, NULL,
                                         "Too many attempts; try again later",
                                         retry_after);
  g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, retry_after);

  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Retry-After", seconds);
  cab_request_reply_json (req, cab_error_http_status (CAB_ERROR_RATE_LIMITED), body);
}

void
cab_request_reply_busy (CabRequest *req,
                        gint64      retry_after)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, retry_after);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, "server_busy");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, "The server is busy; try again later");
  json_builder_set_member_name (builder, "retry_after");
  json_builder_add_int_value (builder, retry_after);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Retry-After", seconds);
  cab_request_reply_json (req, SOUP_STATUS_SERVICE_UNAVAILABLE, body);
}

void
cab_request_reply_not_found (CabRequest *req)
{
  cab_request_reply_error (req, CAB_ERROR_NOT_FOUND, NULL, "Not found");
}

void
cab_request_reply_gerror (CabRequest   *req,
                          const GError *error,
                          const char   *field)
{
  if (error->domain == CAB_ERROR)
    {
      CabError code = error->code;

      if (cab_error_to_api_code (code) != NULL && code != CAB_ERROR_INTERNAL)
        {
          cab_request_reply_error (req, code, field, error->message);
          return;
        }
      switch (code)
        {
        case CAB_ERROR_INVALID_MONEY:
        case CAB_ERROR_MONEY_OVERFLOW:
        case CAB_ERROR_INVALID_DATE:
        case CAB_ERROR_INVALID_PERIOD:
        case CAB_ERROR_INVALID_ACCOUNT:
        case CAB_ERROR_INVALID_DP_CODE:
        case CAB_ERROR_INVALID_EMAIL:
        case CAB_ERROR_INVALID_PHONE:
        case CAB_ERROR_PASSWORD_TOO_SHORT:
        case CAB_ERROR_INVALID_INN:
        case CAB_ERROR_INN_CHECKSUM:
        case CAB_ERROR_INVALID_KPP:
        case CAB_ERROR_INVALID_LOGIN:
        case CAB_ERROR_MISSING_FIELD:
        case CAB_ERROR_WRONG_TYPE:
        case CAB_ERROR_UNKNOWN_ENUM:
        case CAB_ERROR_INVALID_VALUE:
          cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, field, error->message);
          return;
        case CAB_ERROR_MALFORMED_JSON:
          cab_request_reply_error (req, CAB_ERROR_MALFORMED_JSON, NULL, error->message);
          return;
        case CAB_ERROR_FAILED:
        case CAB_ERROR_NETWORK:
        case CAB_ERROR_TIMEOUT:
        case CAB_ERROR_SERVER:
        case CAB_ERROR_MALFORMED_RESPONSE:
        case CAB_ERROR_INSECURE_SERVER:
        case CAB_ERROR_UNAUTHORIZED:
        case CAB_ERROR_INVALID_CREDENTIALS:
        case CAB_ERROR_PASSWORD_CHANGE_REQUIRED:
        case CAB_ERROR_WRONG_PASSWORD:
        case CAB_ERROR_NOT_FOUND:
        case CAB_ERROR_METHOD_NOT_ALLOWED:
        case CAB_ERROR_LOGIN_TAKEN:
        case CAB_ERROR_TOO_LARGE:
        case CAB_ERROR_UNSUPPORTED_MEDIA_TYPE:
        case CAB_ERROR_INVALID_FIELD:
        case CAB_ERROR_DP_CODE_NOT_FOUND:
        case CAB_ERROR_ACCOUNT_NOT_FOUND:
        case CAB_ERROR_ACCOUNT_DP_MISMATCH:
        case CAB_ERROR_ALREADY_REGISTERED:
        case CAB_ERROR_NO_VISIBLE_ACCOUNT:
        case CAB_ERROR_RATE_LIMITED:
        case CAB_ERROR_INTERNAL:
        case CAB_ERROR_UNAVAILABLE:
        default:
          break;
        }
    }
  g_warning ("Internal error on %s %s: %s", soup_server_message_get_method (req->msg),
             cab_request_message_path (req->msg), error->message);
  cab_request_reply_error (req, CAB_ERROR_INTERNAL, NULL, "Internal error");
}

