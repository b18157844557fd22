/* demo-server.h: the real tek-cabinet-server --demo that the client tests talk to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Starts `@binary --demo --db @db --listen @listen [--mail-dir @mail_dir]` and returns once
 * it listens, its URL ("http://127.0.0.1:PORT/") in @out_url. It ends with the test, even
 * one that aborts, and renders no documents in the background: that starts ten seconds in
 * and would take the cores from the requests a test waits for, or not, as fast as the
 * machine happens to be. */
GSubprocess *demo_server_spawn (const char  *binary,
                                const char  *db,
                                const char  *listen,
                                const char  *mail_dir,
                                char       **out_url);
/* SIGTERM, then waits for it to end. */
void         demo_server_stop  (GSubprocess *server);

G_END_DECLS
