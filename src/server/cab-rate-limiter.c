/* cab-rate-limiter.c: failed password checks and per-address request counts in sliding windows.
 *
 * Kept in memory: a restart forgets the failures, which only helps someone who can restart
 * the server anyway. Everything runs on the main thread, so a reservation is atomic: the
 * check and the count happen in one call.
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

struct _CabRateLimiter
{
  GObject     parent_instance;
  GHashTable *buckets; /* name -> Bucket */
  guint       until_sweep;
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

/* Seconds until fewer than @limit events are left in the window (0: already). */
static gint64
retry_after (Bucket *bucket,
             GArray *times,
             guint   limit,
             gint64  now)
{
  if (times == NULL || times->len < limit)
    return 0;
  return MAX (1, g_array_index (times, gint64, times->len - limit) + bucket->window - now);
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

gboolean
cab_rate_limiter_reserve (CabRateLimiter *self,
                          const char     *login_text,
                          const char     *address,
                          gint64          now,
                          gint64         *out_retry_after,
                          guint          *out_delay_ms)
{
  Bucket *pairs = get_bucket (self, "password-pair", CAB_RATE_LIMIT_WINDOW);
  Bucket *addresses = get_bucket (self, "password-address", CAB_RATE_LIMIT_WINDOW);
  Bucket *logins = get_bucket (self, "password-login", CAB_RATE_LIMIT_WINDOW);
  g_autofree char *key = login_key (login_text);
  const char *login = key;
  g_autofree char *pair = pair_key (login, address);
  GArray *pair_times = pruned (pairs, pair, now);
  GArray *address_times = pruned (addresses, address, now);
  GArray *login_times = pruned (logins, login, now);
  gint64 wait;
  guint login_failures = count (login_times);

  wait = MAX (retry_after (pairs, pair_times, CAB_RATE_LIMIT_PER_PAIR, now),
              retry_after (addresses, address_times, CAB_RATE_LIMIT_PER_ADDRESS, now));
  if (wait == 0 && count (pair_times) > 0 && login_failures >= CAB_RATE_LIMIT_LOGIN_CEILING)
    {
      /* Allowed again when this address's failures for the login have left the window, or
       * the login's failures fell under the ceiling, whichever comes first. */
      gint64 pair_clear = g_array_index (pair_times, gint64, pair_times->len - 1)
                          + CAB_RATE_LIMIT_WINDOW - now;

      wait = MAX (1, MIN (pair_clear, retry_after (logins, login_times,
                                                   CAB_RATE_LIMIT_LOGIN_CEILING, now)));
    }

  if (out_retry_after)
    *out_retry_after = wait;
  if (out_delay_ms)
    *out_delay_ms = 0;
  if (wait > 0)
    return FALSE;

  if (out_delay_ms && login_failures >= CAB_RATE_LIMIT_LOGIN_SLOW)
    *out_delay_ms = MIN ((login_failures - CAB_RATE_LIMIT_LOGIN_SLOW + 1)
                         * (guint) CAB_RATE_LIMIT_DELAY_STEP_MS,
                         (guint) CAB_RATE_LIMIT_MAX_DELAY_MS);
  add (pairs, pair, now);
  add (addresses, address, now);
  add (logins, login, now);
  maybe_sweep (self, now);
  return TRUE;
}

void
cab_rate_limiter_release (CabRateLimiter *self,
                          const char     *login_text,
                          const char     *address,
                          gint64          reserved_at)
{
  g_autofree char *login = login_key (login_text);
  g_autofree char *pair = pair_key (login, address);

  remove_one (get_bucket (self, "password-pair", CAB_RATE_LIMIT_WINDOW), pair, reserved_at);
  remove_one (get_bucket (self, "password-address", CAB_RATE_LIMIT_WINDOW), address,
              reserved_at);
  remove_one (get_bucket (self, "password-login", CAB_RATE_LIMIT_WINDOW), login, reserved_at);
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
  g_hash_table_remove (get_bucket (self, "password-pair", CAB_RATE_LIMIT_WINDOW)->keys, pair);
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
  Bucket *bucket = get_bucket (self, bucket_name, window);
  gint64 wait = retry_after (bucket, pruned (bucket, key, now), limit, now);

  if (out_retry_after)
    *out_retry_after = wait;
  if (wait > 0)
    return FALSE;
  add (bucket, key, now);
  maybe_sweep (self, now);
  return TRUE;
}
