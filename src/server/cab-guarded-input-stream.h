/* cab-guarded-input-stream.h: a connection's input as libsoup reads it, with the end of an idle
 * keep-alive connection held back and reported instead.
 *
 * libsoup 3.2 leaks a keep-alive connection whose client closes it between two requests: the
 * end of stream read for the next request is never turned into a disconnection, so the socket
 * stays in CLOSE-WAIT and the connection object stays in the server for good. While the stream
 * is marked idle (between requests), an end of stream or a read error is not passed on: the
 * read "would block" forever and @closed_func is called, so that the owner can take the
 * connection back from libsoup (soup_server_message_steal_connection(), which needs libsoup to
 * still be waiting for the next request) and close it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CAB_TYPE_GUARDED_INPUT_STREAM (cab_guarded_input_stream_get_type ())
G_DECLARE_FINAL_TYPE (CabGuardedInputStream, cab_guarded_input_stream, CAB, GUARDED_INPUT_STREAM,
                      GInputStream)

typedef void (*CabGuardedClosedFunc) (gpointer user_data);

/* Reads @base's input stream. Closing it closes @socket first (so that closing a TLS stream
 * never waits on a peer that does not read), then @base. */
CabGuardedInputStream *cab_guarded_input_stream_new        (GIOStream             *base,
                                                            GSocket               *socket);
void                   cab_guarded_input_stream_set_idle   (CabGuardedInputStream *self,
                                                            gboolean               idle);
/* Called at most once, from inside a read: do not close anything from there. NULL to stop. */
void                   cab_guarded_input_stream_set_closed_func (CabGuardedInputStream *self,
                                                            CabGuardedClosedFunc   func,
                                                            gpointer               user_data);

G_END_DECLS
