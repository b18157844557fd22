/* smtp-relay.h: a real SMTP relay for the server's mail (tests/server/smtp-sink.py, Debian's
 * python3-aiosmtpd). Its port is a socket the test binds and keeps: before the sink runs,
 * connections to it are refused, and no other process can take the port meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "server-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  GSocket     *socket;     /* bound to 127.0.0.1:port; listening once a sink ran */
  guint16      port;
  char        *dir;        /* what the sink received */
  GSubprocess *sink;
} Relay;

/* A bound socket on 127.0.0.1 and an empty folder; no sink runs yet. */
Relay     *relay_new       (void);
/* Starts the sink on the relay's socket with @options (NULL-terminated); it dies with the
 * test. */
void       relay_start     (Relay              *relay,
                            const char * const *options);
void       relay_free      (Relay              *relay);
/* smtp://127.0.0.1:PORT */
char      *relay_url       (Relay              *relay);
/* The messages the relay accepted, by name. */
GPtrArray *relay_messages  (Relay              *relay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Relay, relay_free)

G_END_DECLS
