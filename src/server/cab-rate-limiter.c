/* cab-rate-limiter.c: failed sign-ins per login and per client address in a sliding window.
 *
 * Kept in memory: a restart forgets the failures, which only helps someone who can restart
 * the server anyway.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-rate-limiter.h"

struct _CabRateLimiter
{
  GObject     parent_instance;
  GHashTable *logins;     /* login -> GArray of gint64 failure times, oldest first */
  GHashTable *addresses;  /* address -> the same */
};

G_DEFINE_FINAL_TYPE (CabRateLimiter, cab_rate_limiter, G_TYPE_OBJECT)

static void
cab_rate_limiter_finalize (GObject *object)
{
  CabRateLimiter *self = CAB_RATE_LIMITER (object);

  g_clear_pointer (&self->logins, g_hash_table_unref);
  g_clear_pointer (&self->addresses, g_hash_table_unref);
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
  self->logins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_array_unref);
  self->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_array_unref);
}

CabRateLimiter *
cab_rate_limiter_new (void)
{
  return g_object_new (CAB_TYPE_RATE_LIMITER, NULL);
}

/* Drops failures that left the window; removes the key when none is left. */
static GArray *
pruned (GHashTable *table,
        const char *key,
        gint64      now)
{
  GArray *times = g_hash_table_lookup (table, key);
  guint keep_from = 0;

  if (times == NULL)
    return NULL;
  while (keep_from < times->len
         && g_array_index (times, gint64, keep_from) <= now - CAB_RATE_LIMIT_WINDOW)
    keep_from++;
  if (keep_from > 0)
    g_array_remove_range (times, 0, keep_from);
  if (times->len == 0)
    {
      g_hash_table_remove (table, key);
      return NULL;
    }
  return times;
}

static gint64
retry_after (GArray *times,
             guint   limit,
             gint64  now)
{
  if (times == NULL || times->len < limit)
    return 0;
  /* Allowed again once only limit - 1 failures are left in the window. */
  return MAX (1, g_array_index (times, gint64, times->len - limit) + CAB_RATE_LIMIT_WINDOW - now);
}

gboolean
cab_rate_limiter_check (CabRateLimiter *self,
                        const char     *login,
                        const char     *address,
                        gint64          now,
                        gint64         *out_retry_after)
{
  gint64 wait = 0;

  if (login != NULL)
    wait = MAX (wait, retry_after (pruned (self->logins, login, now),
                                   CAB_RATE_LIMIT_PER_LOGIN, now));
  if (address != NULL)
    wait = MAX (wait, retry_after (pruned (self->addresses, address, now),
                                   CAB_RATE_LIMIT_PER_ADDRESS, now));
  if (out_retry_after)
    *out_retry_after = wait;
  return wait == 0;
}

static void
add (GHashTable *table,
     const char *key,
     gint64      now)
{
  GArray *times = pruned (table, key, now);

  if (times == NULL)
    {
      times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (table, g_strdup (key), times);
    }
  g_array_append_val (times, now);
}

void
cab_rate_limiter_add_failure (CabRateLimiter *self,
                              const char     *login,
                              const char     *address,
                              gint64          now)
{
  if (login != NULL)
    add (self->logins, login, now);
  if (address != NULL)
    add (self->addresses, address, now);
}

void
cab_rate_limiter_forget_login (CabRateLimiter *self,
                               const char     *login)
{
  g_hash_table_remove (self->logins, login);
}
