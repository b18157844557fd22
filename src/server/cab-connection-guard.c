/* cab-connection-guard.c: the server's listening socket and every connection's deadlines.
 *
 * Each connection is in one state, and each state but HANDLING has a deadline:
 *   HANDSHAKE  TLS handshake (ours)                         request timeout
 *   READING    libsoup reads a request's head and body       request timeout
 *   HANDLING   a handler works on the request                none (the handler's business)
 *   WRITING    libsoup writes the answer                     request timeout
 *   IDLE       kept alive, waiting for the next request      idle timeout
 *   CLOSING    shut down, waiting for libsoup to notice      request timeout, then forced
 * A READING or WRITING connection past its deadline is shut down (both ways): libsoup's own
 * read or write then fails and it drops the connection as for any broken one. An IDLE one is
 * taken back from libsoup (soup_server_message_steal_connection) and closed: libsoup does not
 * drop a connection that ends between two requests (see cab-guarded-input-stream.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gnetworking.h>
#include <sys/socket.h>

#include "cab-connection-guard.h"
#include "cab-guarded-input-stream.h"

#define SWEEP_INTERVAL_MS     250
#define ACCEPT_BATCH          64
#define ACCEPT_RETRY_MS       100
#define REFUSAL_LOG_INTERVAL  (60 * G_USEC_PER_SEC)

typedef enum
{
  STATE_HANDSHAKE,
  STATE_READING,
  STATE_HANDLING,
  STATE_WRITING,
  STATE_IDLE,
  STATE_CLOSING,
} ConnectionState;

typedef struct
{
  CabConnectionGuard    *guard;          /* not owned */
  GSocket               *socket;
  GSocketAddress        *remote;         /* the key in guard->connections */
  char                  *peer;           /* the key in guard->per_peer */
  GIOStream             *base;           /* the socket connection, or TLS over it */
  CabGuardedInputStream *input;
  GIOStream             *stream;         /* what libsoup reads and writes */
  SoupServerMessage     *msg;            /* the connection's latest request */
  GCancellable          *handshake_cancellable;
  ConnectionState        state;
  gint64                 deadline;       /* monotonic µs; 0: none */
  guint                  take_back_id;
  gboolean               handshaking;    /* the handshake callback frees a dropped one */
  gboolean               dropped;
} Connection;

struct _CabConnectionGuard
{
  GObject              parent_instance;
  SoupServer          *soup;
  CabConnectionLimits  limits;
  GTlsCertificate     *certificate;
  GSocket             *listener;
  GSource             *accept_source;
  guint                accept_retry_id;
  guint                sweep_id;
  GHashTable          *connections;      /* GSocketAddress* (remote) → Connection* */
  GHashTable          *per_peer;         /* address text → count */
  GSocket             *placeholder_peer;
  gint64               last_refusal_log;
  guint64              refused;
};

G_DEFINE_FINAL_TYPE (CabConnectionGuard, cab_connection_guard, G_TYPE_OBJECT)

static void
connection_free (Connection *c)
{
  if (c->take_back_id != 0)
    g_source_remove (c->take_back_id);
  if (c->msg != NULL)
    g_signal_handlers_disconnect_by_data (c->msg, c);
  if (c->input != NULL)
    cab_guarded_input_stream_set_closed_func (c->input, NULL, NULL);
  if (c->socket != NULL && !g_socket_is_closed (c->socket))
    g_socket_close (c->socket, NULL);
  g_clear_object (&c->msg);
  g_clear_object (&c->stream);
  g_clear_object (&c->input);
  g_clear_object (&c->base);
  g_clear_object (&c->handshake_cancellable);
  g_clear_object (&c->remote);
  g_clear_object (&c->socket);
  g_free (c->peer);
  g_free (c);
}

/* Forgets @c (its socket closed) and frees it, unless a handshake callback still has it. */
static void
connection_drop (Connection *c)
{
  CabConnectionGuard *self = c->guard;
  guint count;

  if (c->dropped)
    return;
  c->dropped = TRUE;
  g_hash_table_remove (self->connections, c->remote);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_peer, c->peer));
  if (count <= 1)
    g_hash_table_remove (self->per_peer, c->peer);
  else
    g_hash_table_insert (self->per_peer, g_strdup (c->peer), GUINT_TO_POINTER (count - 1));
  if (c->handshaking)
    {
      g_cancellable_cancel (c->handshake_cancellable);
      if (!g_socket_is_closed (c->socket))
        g_socket_close (c->socket, NULL);
      return;
    }
  connection_free (c);
}

static void
connection_set_state (Connection      *c,
                      ConnectionState  state)
{
  const CabConnectionLimits *limits = &c->guard->limits;
  gint64 now = g_get_monotonic_time ();

  c->state = state;
  switch (state)
    {
    case STATE_HANDSHAKE:
    case STATE_READING:
    case STATE_WRITING:
    case STATE_CLOSING:
      c->deadline = now + (gint64) limits->request_timeout * G_USEC_PER_SEC;
      break;
    case STATE_IDLE:
      c->deadline = now + (gint64) limits->idle_timeout * G_USEC_PER_SEC;
      break;
    case STATE_HANDLING:
    default:
      c->deadline = 0;
      break;
    }
  if (c->input != NULL)
    cab_guarded_input_stream_set_idle (c->input, state == STATE_IDLE);
}

/* Takes an idle connection back from libsoup and closes it; @c is freed on the way. */
static void
connection_take_back (Connection *c)
{
  g_autoptr(SoupServerMessage) msg = g_object_ref (c->msg);
  g_autoptr(GIOStream) ours = g_object_ref (c->stream);
  g_autoptr(GIOStream) stolen = NULL;

  g_return_if_fail (c->state == STATE_IDLE);
  /* libsoup announces the end ("disconnected"), which drops @c. */
  stolen = soup_server_message_steal_connection (msg);
  if (stolen != NULL)
    g_io_stream_close (stolen, NULL, NULL);
  g_io_stream_close (ours, NULL, NULL);
}

static gboolean
take_back_now (gpointer user_data)
{
  Connection *c = user_data;

  c->take_back_id = 0;
  if (c->state == STATE_IDLE)
    connection_take_back (c);
  return G_SOURCE_REMOVE;
}

/* From inside libsoup's read: the client ended an idle connection. */
static void
idle_connection_ended (gpointer user_data)
{
  Connection *c = user_data;

  if (c->take_back_id == 0)
    c->take_back_id = g_idle_add_full (G_PRIORITY_HIGH, take_back_now, c, NULL);
}

static void
msg_got_body (SoupServerMessage *msg,
              Connection        *c)
{
  connection_set_state (c, STATE_HANDLING);
}

static void
msg_wrote_headers (SoupServerMessage *msg,
                   Connection        *c)
{
  connection_set_state (c, STATE_WRITING);
}

static void
msg_finished (SoupServerMessage *msg,
              Connection        *c)
{
  /* If libsoup does not keep the connection, "disconnected" follows at once. */
  connection_set_state (c, STATE_IDLE);
}

static void
msg_disconnected (SoupServerMessage *msg,
                  Connection        *c)
{
  connection_drop (c);
}

static void
request_started (SoupServer         *soup,
                 SoupServerMessage  *msg,
                 CabConnectionGuard *self)
{
  Connection *c = g_hash_table_lookup (self->connections,
                                       soup_server_message_get_remote_address (msg));

  if (c == NULL || c->dropped)
    return;
  if (c->msg != NULL)
    {
      g_signal_handlers_disconnect_by_data (c->msg, c);
      g_clear_object (&c->msg);
    }
  c->msg = g_object_ref (msg);
  g_signal_connect (msg, "got-body", G_CALLBACK (msg_got_body), c);
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (msg_wrote_headers), c);
  g_signal_connect (msg, "finished", G_CALLBACK (msg_finished), c);
  g_signal_connect (msg, "disconnected", G_CALLBACK (msg_disconnected), c);
  connection_set_state (c, STATE_READING);
}

static void
connection_hand_over (Connection *c)
{
  CabConnectionGuard *self = c->guard;
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (c->socket, NULL);
  g_autoptr(GError) error = NULL;

  if (local == NULL)
    {
      connection_drop (c);
      return;
    }
  c->input = cab_guarded_input_stream_new (c->base, c->socket);
  cab_guarded_input_stream_set_closed_func (c->input, idle_connection_ended, c);
  c->stream = g_simple_io_stream_new (G_INPUT_STREAM (c->input),
                                      g_io_stream_get_output_stream (c->base));
  connection_set_state (c, STATE_READING);
  /* "request-started" for the first request comes from inside; @c may be gone after. */
  if (!soup_server_accept_iostream (self->soup, c->stream, local, c->remote, &error))
    {
      g_warning ("Cannot serve a connection: %s", error->message);
      connection_drop (c);
    }
}

static void
handshake_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Connection *c = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error);

  c->handshaking = FALSE;
  if (c->dropped)
    {
      connection_free (c);
      return;
    }
  if (!ok)
    {
      /* Scanners and old clients: not worth a line each. */
      g_debug ("TLS handshake with %s failed: %s", c->peer, error->message);
      connection_drop (c);
      return;
    }
  connection_hand_over (c);
}

static void
log_refusal (CabConnectionGuard *self,
             const char         *peer)
{
  gint64 now = g_get_monotonic_time ();

  self->refused++;
  if (self->last_refusal_log != 0 && now - self->last_refusal_log < REFUSAL_LOG_INTERVAL)
    return;
  self->last_refusal_log = now;
  g_message ("Connection limit reached (%u in all, %u per address); refused %" G_GUINT64_FORMAT
             " connections so far, the latest from %s", self->limits.max_connections,
             self->limits.max_per_peer, self->refused, peer);
}

static void
connection_accepted (CabConnectionGuard *self,
                     GSocket            *socket)
{
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autofree char *peer = NULL;
  GInetAddress *address;
  Connection *c;
  guint count;

  if (remote == NULL || !G_IS_INET_SOCKET_ADDRESS (remote))
    {
      g_socket_close (socket, NULL);
      return;
    }
  address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote));
  peer = g_inet_address_to_string (address);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_peer, peer));
  if (g_hash_table_size (self->connections) >= self->limits.max_connections
      || (!g_inet_address_get_is_loopback (address) && count >= self->limits.max_per_peer))
    {
      log_refusal (self, peer);
      g_socket_close (socket, NULL);
      return;
    }

  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  c = g_new0 (Connection, 1);
  c->guard = self;
  c->socket = g_object_ref (socket);
  c->remote = g_steal_pointer (&remote);
  c->peer = g_strdup (peer);
  c->base = G_IO_STREAM (g_socket_connection_factory_create_connection (socket));
  g_hash_table_insert (self->connections, c->remote, c);
  g_hash_table_insert (self->per_peer, g_steal_pointer (&peer), GUINT_TO_POINTER (count + 1));

  if (self->certificate != NULL)
    {
      g_autoptr(GError) error = NULL;
      GIOStream *tls = g_tls_server_connection_new (c->base, self->certificate, &error);

      if (tls == NULL)
        {
          g_warning ("Cannot start TLS: %s", error->message);
          connection_drop (c);
          return;
        }
      g_object_set (tls, "require-close-notify", FALSE, NULL);
      g_object_unref (c->base);
      c->base = tls;
      c->handshake_cancellable = g_cancellable_new ();
      c->handshaking = TRUE;
      connection_set_state (c, STATE_HANDSHAKE);
      g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT,
                                        c->handshake_cancellable, handshake_done, c);
      return;
    }
  connection_hand_over (c);
}

static gboolean accept_ready (GSocket *socket, GIOCondition condition, gpointer user_data);

static void
watch_listener (CabConnectionGuard *self)
{
  self->accept_source = g_socket_create_source (self->listener, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (accept_ready), self, NULL);
  g_source_attach (self->accept_source, NULL);
}

static gboolean
resume_accepting (gpointer user_data)
{
  CabConnectionGuard *self = user_data;

  self->accept_retry_id = 0;
  if (self->listener != NULL)
    watch_listener (self);
  return G_SOURCE_REMOVE;
}

static gboolean
accept_ready (GSocket      *socket,
              GIOCondition  condition,
              gpointer      user_data)
{
  CabConnectionGuard *self = user_data;

  for (guint i = 0; i < ACCEPT_BATCH; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) client = g_socket_accept (self->listener, NULL, &error);

      if (client != NULL)
        {
          connection_accepted (self, client);
          continue;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        break;
      /* Out of descriptors, most likely: the waiting connection would wake us at once again;
       * pause instead of spinning. */
      g_warning ("Cannot accept a connection: %s", error->message);
      g_clear_pointer (&self->accept_source, g_source_unref);
      self->accept_retry_id = g_timeout_add (ACCEPT_RETRY_MS, resume_accepting, self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
sweep (gpointer user_data)
{
  CabConnectionGuard *self = user_data;
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GPtrArray) expired = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Connection *c = value;

      if (c->deadline != 0 && now >= c->deadline)
        g_ptr_array_add (expired, c);
    }
  /* Acting may drop connections, so not while iterating. None is freed before its turn:
   * only the one acted on can go. */
  for (guint i = 0; i < expired->len; i++)
    {
      Connection *c = g_ptr_array_index (expired, i);

      switch (c->state)
        {
        case STATE_HANDSHAKE:
          connection_drop (c);
          break;
        case STATE_READING:
        case STATE_WRITING:
          g_socket_shutdown (c->socket, TRUE, TRUE, NULL);
          connection_set_state (c, STATE_CLOSING);
          break;
        case STATE_IDLE:
          connection_take_back (c);
          break;
        case STATE_CLOSING:
          /* libsoup has not noticed the shutdown: closing makes its next read fail. */
          g_socket_close (c->socket, NULL);
          c->deadline = 0;
          break;
        case STATE_HANDLING:
        default:
          break;
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
cab_connection_guard_dispose (GObject *object)
{
  CabConnectionGuard *self = CAB_CONNECTION_GUARD (object);
  g_autoptr(GList) connections = NULL;

  cab_connection_guard_stop (self);
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  if (self->connections != NULL)
    {
      connections = g_hash_table_get_values (self->connections);
      for (GList *l = connections; l != NULL; l = l->next)
        connection_drop (l->data);
    }
  if (self->placeholder_peer != NULL)
    g_socket_close (self->placeholder_peer, NULL);
  g_clear_object (&self->placeholder_peer);
  g_clear_object (&self->certificate);
  g_clear_object (&self->soup);
  G_OBJECT_CLASS (cab_connection_guard_parent_class)->dispose (object);
}

static void
cab_connection_guard_finalize (GObject *object)
{
  CabConnectionGuard *self = CAB_CONNECTION_GUARD (object);

  g_clear_pointer (&self->connections, g_hash_table_unref);
  g_clear_pointer (&self->per_peer, g_hash_table_unref);
  G_OBJECT_CLASS (cab_connection_guard_parent_class)->finalize (object);
}

static void
cab_connection_guard_class_init (CabConnectionGuardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cab_connection_guard_dispose;
  object_class->finalize = cab_connection_guard_finalize;
}

static void
cab_connection_guard_init (CabConnectionGuard *self)
{
  self->connections = g_hash_table_new (NULL, NULL);
  self->per_peer = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

CabConnectionGuard *
cab_connection_guard_new (SoupServer                *soup,
                          const CabConnectionLimits *limits)
{
  CabConnectionGuard *self = g_object_new (CAB_TYPE_CONNECTION_GUARD, NULL);

  self->soup = g_object_ref (soup);
  self->limits = *limits;
  if (self->limits.request_timeout == 0)
    self->limits.request_timeout = CAB_DEFAULT_REQUEST_TIMEOUT;
  if (self->limits.idle_timeout == 0)
    self->limits.idle_timeout = CAB_DEFAULT_IDLE_TIMEOUT;
  if (self->limits.max_connections == 0)
    self->limits.max_connections = CAB_DEFAULT_MAX_CONNECTIONS;
  if (self->limits.max_per_peer == 0)
    self->limits.max_per_peer = CAB_DEFAULT_MAX_CONNECTIONS_PER_PEER;
  g_signal_connect_object (soup, "request-started", G_CALLBACK (request_started), self, 0);
  return self;
}

/* libsoup keeps a connection alive only while the server has a listener of its own. It gets
 * one end of a socket pair that never becomes readable: a listener that never accepts. */
static gboolean
add_placeholder_listener (CabConnectionGuard  *self,
                          GError             **error)
{
  int fds[2];
  g_autoptr(GSocket) end = NULL;

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "socketpair: %s", g_strerror (saved_errno));
      return FALSE;
    }
  end = g_socket_new_from_fd (fds[0], error);
  self->placeholder_peer = g_socket_new_from_fd (fds[1], NULL);
  if (end == NULL || self->placeholder_peer == NULL)
    return FALSE;
  return soup_server_listen_socket (self->soup, end, 0, error);
}

GSocketAddress *
cab_connection_guard_listen (CabConnectionGuard  *self,
                             GSocketAddress      *address,
                             GTlsCertificate     *certificate,
                             GError             **error)
{
  g_autoptr(GSocket) listener = NULL;
  GSocketAddress *bound;
  GSocketFamily family = g_socket_address_get_family (address);

  g_return_val_if_fail (self->listener == NULL, NULL);

  listener = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, error);
  if (listener == NULL)
    return NULL;
  if (family == G_SOCKET_FAMILY_IPV6)
    g_socket_set_option (listener, IPPROTO_IPV6, IPV6_V6ONLY, TRUE, NULL);
  g_socket_set_listen_backlog (listener, CAB_LISTEN_BACKLOG);
  g_socket_set_blocking (listener, FALSE);
  if (!g_socket_bind (listener, address, TRUE, error) || !g_socket_listen (listener, error))
    return NULL;
  bound = g_socket_get_local_address (listener, error);
  if (bound == NULL)
    return NULL;
  if (self->placeholder_peer == NULL && !add_placeholder_listener (self, error))
    {
      g_object_unref (bound);
      return NULL;
    }

  g_set_object (&self->certificate, certificate);
  self->listener = g_steal_pointer (&listener);
  watch_listener (self);
  if (self->sweep_id == 0)
    self->sweep_id = g_timeout_add (SWEEP_INTERVAL_MS, sweep, self);
  return bound;
}

void
cab_connection_guard_stop (CabConnectionGuard *self)
{
  if (self->accept_source != NULL)
    {
      g_source_destroy (self->accept_source);
      g_clear_pointer (&self->accept_source, g_source_unref);
    }
  g_clear_handle_id (&self->accept_retry_id, g_source_remove);
  if (self->listener != NULL)
    g_socket_close (self->listener, NULL);
  g_clear_object (&self->listener);
}

guint
cab_connection_guard_get_n_connections (CabConnectionGuard *self)
{
  return g_hash_table_size (self->connections);
}

GSocket *
cab_connection_guard_get_socket (CabConnectionGuard *self,
                                 SoupServerMessage  *msg)
{
  Connection *c = g_hash_table_lookup (self->connections,
                                       soup_server_message_get_remote_address (msg));

  return c != NULL && !c->dropped && c->msg == msg ? c->socket : NULL;
}
