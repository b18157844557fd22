/* cab-sqlite-store-limits.c: the rate limiter's counts (cab-rate-limiter.c) on SQLite.
 *
 * One row per (bucket, key) with the times of its events as a JSON array. Taking one is a
 * single upsert whose WHERE counts the events still in the window: the check and the count
 * are one statement, as on PostgreSQL (cab-pg-store-limits.c), where several instances
 * share the table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-sqlite-store-private.h"

#define prep cab_sqlite_store_prepare
#define set_error cab_sqlite_store_set_error
#define step_done cab_sqlite_store_step_done
#define bind_text cab_sqlite_bind_text

G_STATIC_ASSERT (CAB_STORE_LIMIT_KEPT == 256);

static gboolean
store_limit_take (CabStore    *store,
                  const char  *bucket,
                  const char  *key,
                  guint        limit,
                  gint64       window,
                  gint64       now,
                  guint       *out_before,
                  GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self,
    "INSERT INTO rate_limits (bucket, key, times, expires)"
    " VALUES (?1, ?2, json_array (?5), ?5 + ?4)"
    " ON CONFLICT (bucket, key) DO UPDATE"
    " SET times = (SELECT json_group_array (value) FROM"
    "   (SELECT value FROM (SELECT value FROM json_each (rate_limits.times)"
    "                       WHERE value > ?5 - ?4 ORDER BY value DESC LIMIT 255)"
    "    UNION ALL SELECT ?5)),"
    "   expires = max (rate_limits.expires, ?5 + ?4)"
    " WHERE (SELECT count(*) FROM json_each (rate_limits.times) WHERE value > ?5 - ?4) < ?3"
    " RETURNING json_array_length (times) - 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, bucket);
  bind_text (stmt, 2, key);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, window);
  sqlite3_bind_int64 (stmt, 5, now);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (out_before)
        *out_before = (guint) sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return set_error (self, error);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_error (self, error);
  return FALSE;
}

static GArray *
store_limit_times (CabStore    *store,
                   const char  *bucket,
                   const char  *key,
                   gint64       window,
                   gint64       now,
                   GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT j.value FROM rate_limits r, json_each (r.times) j"
                                   " WHERE r.bucket = ? AND r.key = ? AND j.value > ?", error);
  g_autoptr(GArray) times = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, bucket);
  bind_text (stmt, 2, key);
  sqlite3_bind_int64 (stmt, 3, now - window);
  times = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 t = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (times, t);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_error (self, error), NULL;
  return g_steal_pointer (&times);
}

static gboolean
store_limit_forget (CabStore    *store,
                    const char  *bucket,
                    const char  *key,
                    gint64       at,
                    GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt;

  if (at < 0)
    stmt = prep (self, "DELETE FROM rate_limits WHERE bucket = ?1 AND key = ?2", error);
  else
    stmt = prep (self,
      "UPDATE rate_limits SET times = json_remove (times, (SELECT '$[' || j.key || ']'"
      "   FROM json_each (rate_limits.times) j WHERE j.value = ?3 LIMIT 1))"
      " WHERE bucket = ?1 AND key = ?2"
      " AND EXISTS (SELECT 1 FROM json_each (rate_limits.times) WHERE value = ?3)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, bucket);
  bind_text (stmt, 2, key);
  if (at >= 0)
    sqlite3_bind_int64 (stmt, 3, at);
  return step_done (self, stmt, error);
}

static gboolean
store_limit_sweep (CabStore  *store,
                   gint64     now,
                   GError   **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "DELETE FROM rate_limits WHERE expires <= ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  return step_done (self, stmt, error);
}

void
cab_sqlite_store_limits_iface_init (CabStoreInterface *iface)
{
  iface->limit_take = store_limit_take;
  iface->limit_times = store_limit_times;
  iface->limit_forget = store_limit_forget;
  iface->limit_sweep = store_limit_sweep;
}
