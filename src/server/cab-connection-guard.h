/* cab-connection-guard.h: the server's listening socket and every connection's deadlines.
 *
 * The guard accepts connections itself (listen backlog CAB_LISTEN_BACKLOG), refuses those over
 * the caps, does the TLS handshake, and hands each connection to libsoup with
 * soup_server_accept_iostream(). It then follows each connection's requests and closes it:
 * - when a request's head and body are not read within the request timeout (from the first
 *   byte; for a new connection, from the accept, TLS handshake included), or its answer is
 *   not taken by the client within the request timeout;
 * - when it has been idle between two requests for the idle timeout;
 * - when the client closed it between two requests (libsoup 3.2 leaks those, see
 *   cab-guarded-input-stream.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define CAB_LISTEN_BACKLOG                    512
#define CAB_DEFAULT_REQUEST_TIMEOUT           30
#define CAB_DEFAULT_IDLE_TIMEOUT              60
#define CAB_DEFAULT_MAX_CONNECTIONS           4096
#define CAB_DEFAULT_MAX_CONNECTIONS_PER_PEER  256
/* GnuTLS priorities (G_TLS_GNUTLS_PRIORITY): TLS 1.2 and 1.3 only; in TLS 1.2 only
 * (EC)DHE key exchange, so a stolen key does not open recorded sessions. */
#define CAB_TLS_PRIORITY \
  "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA:+DHE-RSA:%SERVER_PRECEDENCE"

typedef struct
{
  guint request_timeout;       /* seconds */
  guint idle_timeout;          /* seconds */
  guint max_connections;       /* open at once, in all */
  guint max_per_peer;          /* open at once from one non-loopback address */
} CabConnectionLimits;

#define CAB_TYPE_CONNECTION_GUARD (cab_connection_guard_get_type ())
G_DECLARE_FINAL_TYPE (CabConnectionGuard, cab_connection_guard, CAB, CONNECTION_GUARD, GObject)

CabConnectionGuard *cab_connection_guard_new    (SoupServer                *soup,
                                                 const CabConnectionLimits *limits);
/* Binds and listens on @address; with @certificate, connections speak TLS. Returns the bound
 * address (the port filled in). */
GSocketAddress     *cab_connection_guard_listen (CabConnectionGuard        *self,
                                                 GSocketAddress            *address,
                                                 GTlsCertificate           *certificate,
                                                 GError                   **error);
/* Stops accepting; the open connections are libsoup's to close (soup_server_disconnect()). */
void                cab_connection_guard_stop   (CabConnectionGuard        *self);
guint               cab_connection_guard_get_n_connections (CabConnectionGuard *self);
/* The socket of the connection @msg came on (not a new reference), or NULL when the guard
 * does not follow it (any more). libsoup knows no socket of a connection handed to it. */
GSocket            *cab_connection_guard_get_socket (CabConnectionGuard        *self,
                                                     SoupServerMessage         *msg);

G_END_DECLS
