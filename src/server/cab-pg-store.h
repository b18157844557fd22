/* cab-pg-store.h: CabStore on PostgreSQL (libpq), for several server instances on one
 * database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-store.h"

G_BEGIN_DECLS

#define CAB_TYPE_PG_STORE (cab_pg_store_get_type ())
G_DECLARE_FINAL_TYPE (CabPgStore, cab_pg_store, CAB, PG_STORE, GObject)

/* Whether @spec names a PostgreSQL database: a postgresql:// or postgres:// URI, or a libpq
 * key=value string. */
gboolean      cab_pg_store_is_spec   (const char  *spec);
/* Connects to @conninfo and migrates the schema. CAB_ERROR_UNAVAILABLE when the database
 * cannot be reached; CAB_ERROR_INTERNAL when its schema is newer than this server. */
CabPgStore   *cab_pg_store_new       (const char  *conninfo,
                                      GError     **error);
/* Connects without migrating: for the reader connections of a server whose main store has
 * migrated already. */
CabPgStore   *cab_pg_store_new_reader (const char *conninfo,
                                      GError     **error);

/* For the benchmark generator, as cab_sqlite_store_set_unrendered_pdf(). */
gboolean      cab_pg_store_set_unrendered_pdf (CabPgStore  *self,
                                      const char  *sha256,
                                      gsize        size,
                                      GError     **error);
/* For the benchmark generator: @rows in COPY's text format (each ending in a newline) by
 * @copy_sql ("COPY table (columns) FROM STDIN"), in one round trip, in the current
 * transaction. Rows given their own ids need cab_pg_store_continue_ids() after them. */
gboolean      cab_pg_store_copy_rows (CabPgStore    *self,
                                      const char    *copy_sql,
                                      const GString *rows,
                                      GError       **error);
/* Each table's identity (entries, documents, pdf_blobs) continues after its largest id. */
gboolean      cab_pg_store_continue_ids (CabPgStore *self,
                                      GError       **error);
/* The schema version this build migrates to: the SQLite store's too (a migration is appended
 * to both). */
guint         cab_pg_store_schema_version (void);

G_END_DECLS
