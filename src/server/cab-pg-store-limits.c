/* cab-pg-store-limits.c: the rate limiter's counts (cab-rate-limiter.c) on PostgreSQL, shared
 * by every instance on the database.
 *
 * One row per (bucket, key) with the times of its events in an array. Taking one is a single
 * INSERT ... ON CONFLICT DO UPDATE ... WHERE (events in the window) < limit RETURNING: the
 * row is locked while its events are counted, so two instances taking the last one at once
 * cannot both pass (never read-then-write). The table is UNLOGGED: counts are worth no WAL
 * (a crash forgets them, which only helps someone who can crash the database).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-pg-store-private.h"

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
  CabPgParams p = { 0 };
  g_autoptr(PGresult) res = NULL;

  cab_pg_param_text (&p, bucket);
  cab_pg_param_text (&p, key);
  cab_pg_param_int (&p, limit);
  cab_pg_param_int (&p, window);
  cab_pg_param_int (&p, now);
  res = cab_pg_run (CONN (store),
    "INSERT INTO rate_limits AS r (bucket, key, times, expires)"
    " VALUES ($1::text, $2::text, ARRAY[$5::bigint], $5::bigint + $4::bigint)"
    " ON CONFLICT (bucket, key) DO UPDATE"
    " SET times = ARRAY(SELECT t FROM unnest (r.times) t WHERE t > $5::bigint - $4::bigint"
    "                   ORDER BY t DESC LIMIT 255) || $5::bigint,"
    "     expires = GREATEST (r.expires, $5::bigint + $4::bigint)"
    " WHERE (SELECT count(*) FROM unnest (r.times) t WHERE t > $5::bigint - $4::bigint)"
    "       < $3::bigint"
    " RETURNING cardinality (times) - 1", &p, error);
  if (res == NULL || PQntuples (res) == 0)
    return FALSE;
  if (out_before)
    *out_before = (guint) cab_pg_get_int (res, 0, 0);
  return TRUE;
}

static GArray *
store_limit_times (CabStore    *store,
                   const char  *bucket,
                   const char  *key,
                   gint64       window,
                   gint64       now,
                   GError     **error)
{
  CabPgParams p = { 0 };
  g_autoptr(PGresult) res = NULL;
  GArray *times;

  cab_pg_param_text (&p, bucket);
  cab_pg_param_text (&p, key);
  cab_pg_param_int (&p, now - window);
  res = cab_pg_run (CONN (store), "SELECT t FROM rate_limits r, unnest (r.times) t"
                                  " WHERE r.bucket = $1 AND r.key = $2 AND t > $3", &p, error);
  if (res == NULL)
    return NULL;
  times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), PQntuples (res));
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 t = cab_pg_get_int (res, i, 0);

      g_array_append_val (times, t);
    }
  return times;
}

static gboolean
store_limit_forget (CabStore    *store,
                    const char  *bucket,
                    const char  *key,
                    gint64       at,
                    GError     **error)
{
  CabPgParams p = { 0 };

  cab_pg_param_text (&p, bucket);
  cab_pg_param_text (&p, key);
  if (at < 0)
    return cab_pg_run_done (CONN (store), "DELETE FROM rate_limits WHERE bucket = $1"
                                          " AND key = $2", &p, error);
  cab_pg_param_int (&p, at);
  return cab_pg_run_done (CONN (store),
    "UPDATE rate_limits SET times = times[:array_position (times, $3::bigint) - 1]"
    "                               || times[array_position (times, $3::bigint) + 1:]"
    " WHERE bucket = $1 AND key = $2 AND array_position (times, $3::bigint) IS NOT NULL",
    &p, error);
}

static gboolean
store_limit_sweep (CabStore  *store,
                   gint64     now,
                   GError   **error)
{
  CabPgParams p = { 0 };

  cab_pg_param_int (&p, now);
  return cab_pg_run_done (CONN (store), "DELETE FROM rate_limits WHERE expires <= $1", &p,
                          error);
}

void
cab_pg_store_limits_iface_init (CabStoreInterface *iface)
{
  iface->limit_take = store_limit_take;
  iface->limit_times = store_limit_times;
  iface->limit_forget = store_limit_forget;
  iface->limit_sweep = store_limit_sweep;
}
