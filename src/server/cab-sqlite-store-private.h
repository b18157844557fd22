/* cab-sqlite-store-private.h: what cab-sqlite-store-admin.c shares with cab-sqlite-store.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "cab-sqlite-store.h"

G_BEGIN_DECLS

sqlite3      *cab_sqlite_store_get_handle       (CabSqliteStore     *self);
/* The cached statement for @sql (a string literal: cached by its address), reset. */
sqlite3_stmt *cab_sqlite_store_prepare          (CabSqliteStore     *self,
                                                 const char         *sql,
                                                 GError            **error);
void          cab_sqlite_store_admin_iface_init (CabStoreInterface  *iface);

G_END_DECLS
