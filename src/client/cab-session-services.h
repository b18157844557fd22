/* cab-session-services.h: builds the services of a signed-in user on their CabSession.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-session.h"

G_BEGIN_DECLS

/* Builds, once, every service of @session's user that this build has: the offline store and
 * the reconnector, the documents, the account states (one model per contract), the feedback
 * outbox (loaded, sending while online) and the notifier (@app may be NULL: notices are then
 * only signals). A login change moves the user's folder to the new login's here, and only
 * here, and replaces the offline store, the documents, the outbox and the notifier there.
 * cab_session_clear_services() drops them all. */
void   cab_session_services_start      (CabSession   *session,
                                        GApplication *app);

/* What a caller may choose about the services; zero-filled means the defaults. */
typedef struct
{
  /* The first wait before the reconnector asks an unreachable server again, in ms (it
   * doubles up to a minute); 0: 5 s. A test that plays "offline" while the server runs sets
   * it long, so the session does not come back online in the middle of a step. */
  guint reconnect_first_ms;
} CabSessionServicesOptions;

/* cab_session_services_start() with @options (NULL: the defaults). */
void   cab_session_services_start_full (CabSession                      *session,
                                        GApplication                    *app,
                                        const CabSessionServicesOptions *options);

/* $XDG_DATA_HOME/tek-cabinet/<server_id>/<login> (components escaped as the offline store
 * does): the folder of everything kept for @login on @session's server. */
char  *cab_session_services_dup_user_dir (CabSession *session,
                                          const char *login);

G_END_DECLS
