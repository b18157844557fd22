/* test-store-schema.c: the SQLite and PostgreSQL stores migrate to the same schema version.
 *
 * A migration appended to one store's list needs its twin in the other's; this fails until
 * it has one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cab-pg-store.h"
#include "cab-sqlite-store.h"

static void
test_same_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-store-schema-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(CabSqliteStore) store = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "schema.db", NULL);
  store = cab_sqlite_store_new (path, &error);
  g_assert_no_error (error);
  cab_sqlite_store_close (store);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, cab_pg_store_schema_version ());
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/schema-version", test_same_version);
  return g_test_run ();
}
