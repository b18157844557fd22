/* cab-session-store.h: the offline store of a session's user, shared by every page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-session.h"
#include "cab-offline-store.h"

G_BEGIN_DECLS

/* Opens the store of @session's login on its server and sets it on the session with the
 * reconnector, whose first wait is @reconnect_first_ms (0: 5 s) (cab_session_services_start()
 * does, at sign-in). While the session is online, it also records this user as the last one
 * signed in, for a start without the server. */
gboolean         cab_session_store_open  (CabSession   *session,
                                          guint         reconnect_first_ms,
                                          GError      **error);
/* After a login change (the files already moved to the new login's folder): opens the store
 * of @session's new login in place of the old one, and records the new login as the last
 * user. The reconnector stays. */
gboolean         cab_session_store_reopen (CabSession  *session,
                                           GError     **error);
/* The session's store (transfer none); NULL with @error when it could not be opened. */
CabOfflineStore *cab_session_store_get   (CabSession   *session,
                                          GError      **error);

/* "Offline: showing data saved on DD.MM.YYYY at HH:MM" for the window's info bar, from the
 * store of @session (its newest save); a generic text if there is no store. */
char            *cab_session_store_dup_offline_message (CabSession  *session);

/* For a start without the server at @server_id: the login of the last user who signed in
 * there and their saved GET /me (and when it was saved, nullable). Reads small files
 * synchronously. FALSE with G_IO_ERROR_NOT_FOUND when there is no such user or nothing of
 * theirs was saved. */
gboolean         cab_session_store_load_last_user (const char   *server_id,
                                                   char        **out_login,
                                                   CabMe       **out_me,
                                                   GDateTime   **out_saved_at,
                                                   GError      **error);

G_END_DECLS
