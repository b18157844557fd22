/* cab-demo-server.h: the bundled tek-cabinet-server --demo, started for `tek-cabinet --demo`.
 *
 * The child dies with us (PR_SET_PDEATHSIG) even if we crash, and gets SIGTERM when stopped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CAB_DEMO_LOGIN    "1234567890"
#define CAB_DEMO_PASSWORD "demo-password"

#define CAB_TYPE_DEMO_SERVER (cab_demo_server_get_type ())
G_DECLARE_FINAL_TYPE (CabDemoServer, cab_demo_server, CAB, DEMO_SERVER, GObject)

CabDemoServer *cab_demo_server_new            (void);

/* The server binary: $TEK_CABINET_SERVER, else ../server/tek-cabinet-server beside this
 * executable (the build tree), else LIBEXECDIR/tek-cabinet-server, else one on PATH. */
char          *cab_demo_server_find_binary    (void);

/* Starts the server and reads its "Listening on URL" line; returns the URL. */
void           cab_demo_server_start_async    (CabDemoServer        *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
char          *cab_demo_server_start_finish   (CabDemoServer        *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* Sends SIGTERM (no-op when not running). */
void           cab_demo_server_stop           (CabDemoServer        *self);

G_END_DECLS
