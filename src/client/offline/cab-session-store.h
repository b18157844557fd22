/* cab-session-store.h: the offline store of a session's user, shared by every page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-session.h"
#include "cab-offline-store.h"

G_BEGIN_DECLS

/* The store of @session's login on its server (transfer none), opened on first use and kept
 * on the session. While the session is online, opening it also records this user as the last
 * one signed in, for a start without the server. NULL with @error if it cannot be opened. */
CabOfflineStore *cab_session_store_get   (CabSession   *session,
                                          GError      **error);

G_END_DECLS
