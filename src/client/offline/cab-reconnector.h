/* cab-reconnector.h: while a session is offline, asks the server now and then whether it is
 * back (GET /health), so that the app returns online by itself.
 *
 * A successful answer makes the API client emit "reachable", which the session follows; its
 * pages then refresh on notify::offline. The waits grow from the first interval, doubling up
 * to a minute.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-session.h"

G_BEGIN_DECLS

#define CAB_TYPE_RECONNECTOR (cab_reconnector_get_type ())
G_DECLARE_FINAL_TYPE (CabReconnector, cab_reconnector, CAB, RECONNECTOR, GObject)

/* Watches @session (weakly) with a first wait of @first_interval_ms. */
CabReconnector  *cab_reconnector_new           (CabSession     *session,
                                                guint           first_interval_ms);
/* How many probes were sent so far. */
guint            cab_reconnector_get_n_probes  (CabReconnector *self);

G_END_DECLS
