/* cab-sqlite-store.h: CabStore on SQLite (WAL, foreign keys, versioned schema).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-store.h"

G_BEGIN_DECLS

#define CAB_TYPE_SQLITE_STORE (cab_sqlite_store_get_type ())
G_DECLARE_FINAL_TYPE (CabSqliteStore, cab_sqlite_store, CAB, SQLITE_STORE, GObject)

/* Opens (creating if needed) and migrates the database at @path. */
CabSqliteStore *cab_sqlite_store_new     (const char      *path,
                                          GError         **error);
/* For bulk loading (the benchmark generator): no fsync, large cache. */
void            cab_sqlite_store_set_bulk_mode (CabSqliteStore *self,
                                          gboolean         bulk);
/* For the benchmark generator: every document without a PDF gets the stored one named
 * @sha256 (which must have been stored with cab_store_set_document_pdf()). */
gboolean        cab_sqlite_store_set_unrendered_pdf (CabSqliteStore *self,
                                          const char      *sha256,
                                          gsize            size,
                                          GError         **error);
/* For tek-cabinet-admin import: a bounded page cache (the transaction spills to the WAL,
 * memory does not grow with the import). */
void            cab_sqlite_store_set_import_mode (CabSqliteStore *self);
/* A consistent copy of the whole database into @path (created or replaced), with SQLite's
 * online backup: the server may keep writing meanwhile. */
gboolean        cab_sqlite_store_backup  (CabSqliteStore  *self,
                                          const char      *path,
                                          GError         **error);
/* The schema version this build migrates to (the PostgreSQL store's too). */
guint           cab_sqlite_store_schema_version (void);
/* Closes the database (also done on finalize). */
void            cab_sqlite_store_close   (CabSqliteStore  *self);

G_END_DECLS
