/* server-test-pg.h: a PostgreSQL 15 cluster of the test's own, in a temporary folder.
 *
 * initdb and postgres run as an ordinary user (PostgreSQL refuses root: as root, they run as
 * nobody), listen only on a unix socket in the folder, and die with the test. While a cluster
 * runs, $CAB_TEST_PG holds its libpq connection string without a database name, and
 * server_start_full() gives each new server folder a database of its own in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PgCluster PgCluster;

/* initdb, then starts the server; sets $CAB_TEST_PG. */
PgCluster   *pg_cluster_new          (void);
/* Stops the server (fast shutdown), keeping the data: a database that goes down. */
void         pg_cluster_stop_server  (PgCluster   *cluster);
/* Starts it again on the same data and waits until it accepts connections. */
void         pg_cluster_start_server (PgCluster   *cluster);
/* Stops the server, removes the folder and unsets $CAB_TEST_PG. */
void         pg_cluster_free         (PgCluster   *cluster);
/* "host=DIR user=cab" */
const char  *pg_cluster_conninfo     (PgCluster   *cluster);
/* A connection string to database @name, created (empty) if it does not exist yet. */
char        *pg_cluster_database     (const char  *conninfo,
                                      const char  *name);
/* Watches the database of @conninfo until a session of it waits for a lock, iterating the
 * default main context meanwhile, or until *@ended is set there (the one expected to wait
 * ended instead). The waiting lock's type, or NULL when *@ended came first. */
char        *pg_wait_for_lock_waiter (const char  *conninfo,
                                      char * const *ended);

G_END_DECLS
