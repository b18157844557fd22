/* client-test-util.h: the real tek-cabinet-server on port 0 for the client tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  char        *dir;       /* temporary: db and mail/ */
  char        *mail_dir;
  char        *url;       /* "http://127.0.0.1:PORT/" */
} TestServer;

/* Starts `tek-cabinet-server --demo --db TMP --mail-dir TMP/mail --listen 127.0.0.1:0` (the
 * binary from $TEK_CABINET_SERVER) and waits for its "Listening on" line. */
TestServer *test_server_start          (void);
void        test_server_stop           (TestServer  *server);
/* The temporary password from the newest .eml in the mail dir, or NULL. */
char       *test_server_read_temporary_password (TestServer *server);

/* Iterates the default main context until *@flag is TRUE (fails the test after 20 s). */
void        test_wait_for              (gboolean    *flag);
/* Iterates until @predicate (@data) holds (fails after 20 s). */
void        test_wait_until            (gboolean   (*predicate) (gpointer data),
                                        gpointer     data);

/* Removes @path and everything under it. */
void        test_remove_tree           (const char  *path);

/* An address where nothing listens ("http://127.0.0.1:PORT/"). */
char       *test_dead_url              (void);

G_END_DECLS
