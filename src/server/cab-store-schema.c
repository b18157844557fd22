/* cab-store-schema.c: which schema version a store has, without migrating it (for
 * tek-cabinet-admin migrate, which says what it did).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "cab-sqlite-store.h"
#include "cab-store.h"
#ifdef HAVE_POSTGRESQL
#include "cab-pg-conn.h"
#endif

guint
cab_store_schema_version (void)
{
  return cab_sqlite_store_schema_version ();
}

static gboolean
peek_sqlite (const char  *path,
             guint       *out_version,
             GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No database at “%s”", path);
      return FALSE;
    }
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out_version = (guint) MAX (0, sqlite3_column_int64 (stmt, 0));
      ok = TRUE;
    }
  else
    g_set_error (error, CAB_ERROR, CAB_ERROR_INTERNAL, "Cannot read “%s”: %s", path,
                 db ? sqlite3_errmsg (db) : "out of memory");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

#ifdef HAVE_POSTGRESQL
static gboolean
peek_postgresql (const char  *conninfo,
                 guint       *out_version,
                 GError     **error)
{
  g_autoptr(CabPgConn) conn = cab_pg_conn_new (conninfo, error);
  g_autoptr(GError) local_error = NULL;
  gint64 version = 0;

  if (conn == NULL)
    return FALSE;
  if (cab_pg_run_int (conn, "SELECT (to_regclass ('schema_version') IS NOT NULL)::int", NULL,
                      &local_error) != 0)
    version = cab_pg_run_int (conn, "SELECT version FROM schema_version", NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *out_version = (guint) MAX (0, version);
  return TRUE;
}
#endif

gboolean
cab_store_peek_schema_version (const char  *spec,
                               guint       *out_version,
                               GError     **error)
{
  if (cab_store_spec_is_postgresql (spec))
    {
#ifdef HAVE_POSTGRESQL
      return peek_postgresql (spec, out_version, error);
#else
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                           "this build has no PostgreSQL support (meson -Dpostgresql=enabled)");
      return FALSE;
#endif
    }
  return peek_sqlite (spec, out_version, error);
}
