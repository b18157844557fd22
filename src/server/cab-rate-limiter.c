/* cab-rate-limiter.c: failed password checks and per-address request counts in sliding windows.
 *
 * The server counts in its store (cab_rate_limiter_new_for_store), so that every instance on
 * one database counts against one limit: each count is one statement that checks and adds
 * (cab_store_limit_take), and a reservation's three counts are one transaction. Without a
 * store (the unit tests) the counts are kept in memory, with the same rules: a reservation is
 * then atomic because everything runs on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-rate-limiter.h"

/* Every that many counts, keys whose events all left their window are dropped, so that
 * keys seen once (an attacker's many logins or addresses) do not pile up. */
#define SWEEP_EVERY 4096

typedef struct
{
  GHashTable *keys;    /* key -> GArray of gint64 event times, oldest first */
  gint64      window;
} Bucket;

/* The store's expired keys are dropped at most this often (seconds of the server's clock). */
#define STORE_SWEEP_INTERVAL 60

struct _CabRateLimiter
{
  GObject     parent_instance;
  GHashTable *buckets; /* name -> Bucket (without a store) */
  guint       until_sweep;
  CabStore   *store;   /* where the counts are, or NULL: in memory */
  gint64      next_store_sweep;
};

G_DEFINE_FINAL_TYPE (CabRateLimiter, cab_rate_limiter, G_TYPE_OBJECT)

static void
bucket_free (Bucket *bucket)
{
  g_hash_table_unref (bucket->keys);
  g_free (bucket);
}

static void
cab_rate_limiter_finalize (GObject *object)
{
  CabRateLimiter *self = CAB_RATE_LIMITER (object);

  g_clear_pointer (&self->buckets, g_hash_table_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cab_rate_limiter_parent_class)->finalize (object);
}

static void
cab_rate_limiter_class_init (CabRateLimiterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cab_rate_limiter_finalize;
}

static void
cab_rate_limiter_init (CabRateLimiter *self)
{
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) bucket_free);
  self->until_sweep = SWEEP_EVERY;
}

CabRateLimiter *
cab_rate_limiter_new (void)
{
  return g_object_new (CAB_TYPE_RATE_LIMITER, NULL);
}

CabRateLimiter *
cab_rate_limiter_new_for_store (CabStore *store)
{
  CabRateLimiter *self = g_object_new (CAB_TYPE_RATE_LIMITER, NULL);

  self->store = g_object_ref (store);
  return self;
}

static Bucket *
get_bucket (CabRateLimiter *self,
            const char     *name,
            gint64          window)
{
  Bucket *bucket = g_hash_table_lookup (self->buckets, name);

  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_array_unref);
      g_hash_table_insert (self->buckets, g_strdup (name), bucket);
    }
  bucket->window = window;
  return bucket;
}

/* Drops events that left the window; removes the key when none is left. */
static GArray *
pruned (Bucket     *bucket,
        const char *key,
        gint64      now)
{
  GArray *times = g_hash_table_lookup (bucket->keys, key);
  guint keep_from = 0;

  if (times == NULL)
    return NULL;
  while (keep_from < times->len
         && g_array_index (times, gint64, keep_from) <= now - bucket->window)
    keep_from++;
  if (keep_from > 0)
    g_array_remove_range (times, 0, keep_from);
  if (times->len == 0)
    {
      g_hash_table_remove (bucket->keys, key);
      return NULL;
    }
  return times;
}

static guint
count (GArray *times)
{
  return times ? times->len : 0;
}

/* Seconds until fewer than @limit of @times (oldest first) are left in the window (0:
 * already). */
static gint64
retry_after (GArray *times,
             guint   limit,
             gint64  window,
             gint64  now)
{
  if (times == NULL || times->len < limit)
    return 0;
  return MAX (1, g_array_index (times, gint64, times->len - limit) + window - now);
}

static gboolean
expired (gpointer key,
         gpointer value,
         gpointer user_data)
{
  GArray *times = value;
  Bucket *bucket = ((gpointer *) user_data)[0];
  gint64 now = *(gint64 *) ((gpointer *) user_data)[1];

  return times->len == 0 || g_array_index (times, gint64, times->len - 1) <= now - bucket->window;
}

static void
maybe_sweep (CabRateLimiter *self,
             gint64          now)
{
  GHashTableIter iter;
  gpointer value;

  if (--self->until_sweep > 0)
    return;
  self->until_sweep = SWEEP_EVERY;
  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      gpointer data[2] = { value, &now };

      g_hash_table_foreach_remove (((Bucket *) value)->keys, expired, data);
    }
}

static void
add (Bucket     *bucket,
     const char *key,
     gint64      now)
{
  GArray *times = pruned (bucket, key, now);

  if (times == NULL)
    {
      times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (bucket->keys, g_strdup (key), times);
    }
  g_array_append_val (times, now);
}

/* Removes one event at @at (the newest such), if it is still there. */
static void
remove_one (Bucket     *bucket,
            const char *key,
            gint64      at)
{
  GArray *times = g_hash_table_lookup (bucket->keys, key);

  if (times == NULL)
    return;
  for (guint i = times->len; i > 0; i--)
    if (g_array_index (times, gint64, i - 1) == at)
      {
        g_array_remove_index (times, i - 1);
        break;
      }
  if (times->len == 0)
    g_hash_table_remove (bucket->keys, key);
}

/* A login as sent (up to the 1 MiB body limit) is kept by its digest when long, so that
 * failures cost little memory whatever the attacker sends. */
#define LONG_LOGIN 64

static char *
login_key (const char *login)
{
  if (strlen (login) <= LONG_LOGIN)
    return g_strdup (login);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, login, -1);
}

/* The login's length first, so no login and address can spell another pair's key. */
static char *
pair_key (const char *login,
          const char *address)
{
  return g_strdup_printf ("%zu:%s %s", strlen (login), login, address);
}

/* ---- the counts, in the store or in memory ---- */

/* Adds an event at @now when fewer than @limit are in the window; FALSE (no error) if not. */
static gboolean
counter_take (CabRateLimiter  *self,
              const char      *bucket_name,
              const char      *key,
              guint            limit,
              gint64           window,
              gint64           now,
              guint           *out_before,
              GError         **error)
{
  Bucket *bucket;
  GArray *times;

  if (self->store != NULL)
    return cab_store_limit_take (self->store, bucket_name, key, limit, window, now, out_before,
                                 error);
  bucket = get_bucket (self, bucket_name, window);
  times = pruned (bucket, key, now);
  if (count (times) >= limit)
    return FALSE;
  if (out_before)
    *out_before = count (times);
  add (bucket, key, now);
  return TRUE;
}

static gint
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The events in the window, oldest first (a new array). */
static GArray *
counter_times (CabRateLimiter  *self,
               const char      *bucket_name,
               const char      *key,
               gint64           window,
               gint64           now,
               GError         **error)
{
  GArray *times;

  if (self->store != NULL)
    {
      times = cab_store_limit_times (self->store, bucket_name, key, window, now, error);
      if (times != NULL)
        g_array_sort (times, compare_times);
      return times;
    }
  times = g_array_new (FALSE, FALSE, sizeof (gint64));
  {
    GArray *kept = pruned (get_bucket (self, bucket_name, window), key, now);

    if (kept != NULL)
      g_array_append_vals (times, kept->data, kept->len);
  }
  return times;
}

/* Removes one event at @at, or with @at < 0 all of the key's. */
static void
counter_forget (CabRateLimiter *self,
                const char     *bucket_name,
                const char     *key,
                gint64          at)
{
  g_autoptr(GError) error = NULL;
  Bucket *bucket;

  if (self->store != NULL)
    {
      /* Not forgetting costs the client one attempt of its limit; it is no reason to fail
       * the request. */
      if (!cab_store_limit_forget (self->store, bucket_name, key, at, &error))
        g_message ("Cannot update the rate limits: %s", error->message);
      return;
    }
  bucket = get_bucket (self, bucket_name, CAB_RATE_LIMIT_WINDOW);
  if (at < 0)
    g_hash_table_remove (bucket->keys, key);
  else
    remove_one (bucket, key, at);
}

static void
counter_sweep (CabRateLimiter *self,
               gint64          now)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    {
      maybe_sweep (self, now);
      return;
    }
  if (now < self->next_store_sweep)
    return;
  self->next_store_sweep = now + STORE_SWEEP_INTERVAL;
  if (!cab_store_limit_sweep (self->store, now, &error))
    g_message ("Cannot drop expired rate limits: %s", error->message);
}

static gboolean
counter_begin (CabRateLimiter  *self,
               GError         **error)
{
  return self->store == NULL || cab_store_begin (self->store, error);
}

static gboolean
counter_commit (CabRateLimiter  *self,
                GError         **error)
{
  return self->store == NULL || cab_store_commit (self->store, error);
}

/* Without a store, undoes what the failed reservation took (its events are all at @now). */
static void
counter_rollback (CabRateLimiter *self,
                  const char     *pair,
                  gboolean        pair_taken,
                  const char     *address,
                  gboolean        address_taken,
                  gint64          now)
{
  if (self->store != NULL)
    {
      cab_store_rollback (self->store);
      return;
    }
  if (pair_taken)
    remove_one (get_bucket (self, "password-pair", CAB_RATE_LIMIT_WINDOW), pair, now);
  if (address_taken)
    remove_one (get_bucket (self, "password-address", CAB_RATE_LIMIT_WINDOW), address, now);
}

/* How long a refused reservation waits: the rules of cab-rate-limiter.h on the counts as they
 * are now. */
static gboolean
refused_wait (CabRateLimiter  *self,
              const char      *login,
              const char      *pair,
              const char      *address,
              gint64           now,
              gint64          *out_wait,
              GError         **error)
{
  g_autoptr(GArray) pair_times = NULL;
  g_autoptr(GArray) address_times = NULL;
  g_autoptr(GArray) login_times = NULL;
  gint64 wait;

  pair_times = counter_times (self, "password-pair", pair, CAB_RATE_LIMIT_WINDOW, now, error);
  if (pair_times == NULL)
    return FALSE;
  address_times = counter_times (self, "password-address", address, CAB_RATE_LIMIT_WINDOW, now,
                                 error);
  if (address_times == NULL)
    return FALSE;
  login_times = counter_times (self, "password-login", login, CAB_RATE_LIMIT_WINDOW, now,
                               error);
  if (login_times == NULL)
    return FALSE;

  wait = MAX (retry_after (pair_times, CAB_RATE_LIMIT_PER_PAIR, CAB_RATE_LIMIT_WINDOW, now),
              retry_after (address_times, CAB_RATE_LIMIT_PER_ADDRESS, CAB_RATE_LIMIT_WINDOW,
                           now));
  if (wait == 0 && pair_times->len > 0 && login_times->len >= CAB_RATE_LIMIT_LOGIN_CEILING)
    {
      /* Allowed again when this address's failures for the login have left the window, or
       * the login's failures fell under the ceiling, whichever comes first. */
      gint64 pair_clear = g_array_index (pair_times, gint64, pair_times->len - 1)
                          + CAB_RATE_LIMIT_WINDOW - now;

      wait = MIN (pair_clear, retry_after (login_times, CAB_RATE_LIMIT_LOGIN_CEILING,
                                           CAB_RATE_LIMIT_WINDOW, now));
    }
  /* Another instance may have freed a place since: the client simply tries again. */
  *out_wait = MAX (1, wait);
  return TRUE;
}

gboolean
cab_rate_limiter_reserve_checked (CabRateLimiter  *self,
                                  const char      *login_text,
                                  const char      *address,
                                  gint64           now,
                                  gint64          *out_retry_after,
                                  guint           *out_delay_ms,
                                  GError         **error)
{
  g_autofree char *login = login_key (login_text);
  g_autofree char *pair = pair_key (login, address);
  g_autoptr(GError) local_error = NULL;
  gboolean pair_taken = FALSE, address_taken = FALSE, login_taken = FALSE;
  guint pair_before = 0, login_before = 0;

  if (out_retry_after)
    *out_retry_after = 0;
  if (out_delay_ms)
    *out_delay_ms = 0;

  /* In this order in every instance: a reservation locks its rows in the same order as any
   * other, so two never wait for each other. */
  if (!counter_begin (self, error))
    return FALSE;
  pair_taken = counter_take (self, "password-pair", pair, CAB_RATE_LIMIT_PER_PAIR,
                             CAB_RATE_LIMIT_WINDOW, now, &pair_before, &local_error);
  if (pair_taken)
    address_taken = counter_take (self, "password-address", address,
                                  CAB_RATE_LIMIT_PER_ADDRESS, CAB_RATE_LIMIT_WINDOW, now, NULL,
                                  &local_error);
  /* Past the ceiling, only an address that already failed for the login is refused. */
  if (address_taken)
    login_taken = counter_take (self, "password-login", login,
                                pair_before > 0 ? CAB_RATE_LIMIT_LOGIN_CEILING
                                                : CAB_STORE_LIMIT_NONE,
                                CAB_RATE_LIMIT_WINDOW, now, &login_before, &local_error);
  if (local_error != NULL)
    {
      counter_rollback (self, pair, pair_taken, address, address_taken, now);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!login_taken)
    {
      gint64 wait = 1;

      counter_rollback (self, pair, pair_taken, address, address_taken, now);
      if (!refused_wait (self, login, pair, address, now, &wait, error))
        return FALSE;
      if (out_retry_after)
        *out_retry_after = wait;
      return FALSE;
    }
  if (!counter_commit (self, error))
    {
      counter_rollback (self, pair, pair_taken, address, address_taken, now);
      return FALSE;
    }

  if (out_delay_ms && login_before >= CAB_RATE_LIMIT_LOGIN_SLOW)
    *out_delay_ms = MIN ((login_before - CAB_RATE_LIMIT_LOGIN_SLOW + 1)
                         * (guint) CAB_RATE_LIMIT_DELAY_STEP_MS,
                         (guint) CAB_RATE_LIMIT_MAX_DELAY_MS);
  counter_sweep (self, now);
  return TRUE;
}

gboolean
cab_rate_limiter_reserve (CabRateLimiter *self,
                          const char     *login,
                          const char     *address,
                          gint64          now,
                          gint64         *out_retry_after,
                          guint          *out_delay_ms)
{
  g_autoptr(GError) error = NULL;

  if (cab_rate_limiter_reserve_checked (self, login, address, now, out_retry_after,
                                        out_delay_ms, &error))
    return TRUE;
  /* Counted nowhere is refused, not let through. */
  if (error != NULL && out_retry_after)
    *out_retry_after = 1;
  return FALSE;
}

void
cab_rate_limiter_release (CabRateLimiter *self,
                          const char     *login_text,
                          const char     *address,
                          gint64          reserved_at)
{
  g_autofree char *login = login_key (login_text);
  g_autofree char *pair = pair_key (login, address);

  counter_forget (self, "password-pair", pair, reserved_at);
  counter_forget (self, "password-address", address, reserved_at);
  counter_forget (self, "password-login", login, reserved_at);
}

void
cab_rate_limiter_succeeded (CabRateLimiter *self,
                            const char     *login,
                            const char     *address,
                            gint64          reserved_at)
{
  g_autofree char *key = login_key (login);
  g_autofree char *pair = pair_key (key, address);

  cab_rate_limiter_release (self, login, address, reserved_at);
  counter_forget (self, "password-pair", pair, -1);
}

gboolean
cab_rate_limiter_take_checked (CabRateLimiter  *self,
                               const char      *bucket_name,
                               const char      *key,
                               guint            limit,
                               gint64           window,
                               gint64           now,
                               gint64          *out_retry_after,
                               GError         **error)
{
  g_autoptr(GArray) times = NULL;
  g_autoptr(GError) local_error = NULL;

  if (out_retry_after)
    *out_retry_after = 0;
  if (!counter_take (self, bucket_name, key, limit, window, now, NULL, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      times = counter_times (self, bucket_name, key, window, now, error);
      if (times == NULL)
        return FALSE;
      if (out_retry_after)
        *out_retry_after = MAX (1, retry_after (times, limit, window, now));
      return FALSE;
    }
  counter_sweep (self, now);
  return TRUE;
}

gboolean
cab_rate_limiter_take (CabRateLimiter *self,
                       const char     *bucket_name,
                       const char     *key,
                       guint           limit,
                       gint64          window,
                       gint64          now,
                       gint64         *out_retry_after)
{
  g_autoptr(GError) error = NULL;

  if (cab_rate_limiter_take_checked (self, bucket_name, key, limit, window, now,
                                     out_retry_after, &error))
    return TRUE;
  if (error != NULL && out_retry_after)
    *out_retry_after = 1;
  return FALSE;
}
