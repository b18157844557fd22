/* rate-limiter-scenarios.c: the rate limiter's scenarios, the same answers whether it counts
 * in memory (test-server-units.c) or in a store (test-store-limits.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rate-limiter-scenarios.h"

void
rate_limiter_scenario_login (CabRateLimiter *limiter)
{
  gint64 retry = -1;
  guint delay = 1;

  for (gint64 t = 0; t < 5; t++)
    {
      g_assert_true (cab_rate_limiter_reserve (limiter, "alice", "10.0.0.1", 1000 + t, &retry,
                                               &delay));
      g_assert_cmpint (retry, ==, 0);
      g_assert_cmpuint (delay, ==, 0);
    }
  /* Five failures at 1000..1004: the pair is blocked until the first leaves the window. */
  g_assert_false (cab_rate_limiter_reserve (limiter, "alice", "10.0.0.1", 1010, &retry, NULL));
  g_assert_cmpint (retry, ==, 890);
  g_assert_false (cab_rate_limiter_reserve (limiter, "alice", "10.0.0.1", 1899, &retry, NULL));
  g_assert_cmpint (retry, ==, 1);
  /* Another address is not locked out of the login (the attacker cannot lock the user out). */
  g_assert_true (cab_rate_limiter_reserve (limiter, "alice", "10.0.0.2", 1010, &retry, NULL));
  cab_rate_limiter_succeeded (limiter, "alice", "10.0.0.2", 1010);
  /* Other logins from the locked address are not affected (5 < 20). */
  g_assert_true (cab_rate_limiter_reserve (limiter, "bob", "10.0.0.1", 1010, NULL, NULL));
  g_assert_true (cab_rate_limiter_reserve (limiter, "alice", "10.0.0.1", 1900, &retry, NULL));
  g_assert_cmpint (retry, ==, 0);
  /* A success forgets the pair's failures. */
  cab_rate_limiter_succeeded (limiter, "alice", "10.0.0.1", 1900);
  for (guint i = 0; i < 5; i++)
    g_assert_true (cab_rate_limiter_reserve (limiter, "alice", "10.0.0.1", 1901, NULL, NULL));
  g_assert_false (cab_rate_limiter_reserve (limiter, "alice", "10.0.0.1", 1901, NULL, NULL));
}

void
rate_limiter_scenario_reservation (CabRateLimiter *limiter)
{
  guint allowed = 0;

  /* Fifty at once, none finished yet: only the limit gets through. */
  for (guint i = 0; i < 50; i++)
    if (cab_rate_limiter_reserve (limiter, "alice", "10.0.0.1", 3000, NULL, NULL))
      allowed++;
  g_assert_cmpuint (allowed, ==, CAB_RATE_LIMIT_PER_PAIR);
  /* A check that was not done (busy, client gone) gives its place back. */
  cab_rate_limiter_release (limiter, "alice", "10.0.0.1", 3000);
  g_assert_true (cab_rate_limiter_reserve (limiter, "alice", "10.0.0.1", 3001, NULL, NULL));
  g_assert_false (cab_rate_limiter_reserve (limiter, "alice", "10.0.0.1", 3001, NULL, NULL));
  /* Releasing a reservation that left the window already is harmless. */
  cab_rate_limiter_release (limiter, "nobody", "10.0.0.7", 10);

  /* A long login (kept by its digest) is limited the same. */
  {
    g_autofree char *long_login = g_strnfill (100000, 'x');

    for (guint i = 0; i < CAB_RATE_LIMIT_PER_PAIR; i++)
      g_assert_true (cab_rate_limiter_reserve (limiter, long_login, "10.0.0.5", 3000, NULL, NULL));
    g_assert_false (cab_rate_limiter_reserve (limiter, long_login, "10.0.0.5", 3000, NULL, NULL));
    cab_rate_limiter_succeeded (limiter, long_login, "10.0.0.5", 3000);
    g_assert_true (cab_rate_limiter_reserve (limiter, long_login, "10.0.0.5", 3000, NULL, NULL));
  }
}

void
rate_limiter_scenario_address (CabRateLimiter *limiter)
{
  gint64 retry = 0;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *login = g_strdup_printf ("user%u", i);

      g_assert_true (cab_rate_limiter_reserve (limiter, login, "10.0.0.9", 5000 + i, NULL, NULL));
    }
  g_assert_false (cab_rate_limiter_reserve (limiter, "fresh", "10.0.0.9", 5020, &retry, NULL));
  g_assert_cmpint (retry, ==, 880);
  g_assert_true (cab_rate_limiter_reserve (limiter, "fresh", "10.0.0.8", 5020, NULL, NULL));
}

/* Failures of one login from many addresses slow it down and, past the ceiling, leave each
 * failing address one attempt; an address that has not failed is never refused. */
void
rate_limiter_scenario_distributed (CabRateLimiter *limiter)
{
  guint delay = 0;
  gint64 retry = 0;
  guint n = 0;

  for (guint a = 0; n < CAB_RATE_LIMIT_LOGIN_CEILING; a++)
    {
      g_autofree char *address = g_strdup_printf ("10.1.0.%u", a);

      for (guint i = 0; i < 3 && n < CAB_RATE_LIMIT_LOGIN_CEILING; i++, n++)
        {
          g_assert_true (cab_rate_limiter_reserve (limiter, "alice", address, 7000, &retry,
                                                   &delay));
          if (n < CAB_RATE_LIMIT_LOGIN_SLOW)
            g_assert_cmpuint (delay, ==, 0);
          else
            g_assert_cmpuint (delay, ==, MIN ((n - CAB_RATE_LIMIT_LOGIN_SLOW + 1)
                                              * CAB_RATE_LIMIT_DELAY_STEP_MS,
                                              CAB_RATE_LIMIT_MAX_DELAY_MS));
        }
    }
  /* 10.1.0.0 failed 3 times (under the pair limit of 5) but the login is past its ceiling. */
  g_assert_false (cab_rate_limiter_reserve (limiter, "alice", "10.1.0.0", 7001, &retry, NULL));
  g_assert_cmpint (retry, ==, CAB_RATE_LIMIT_WINDOW - 1);
  /* A fresh address still gets in, slowed down. */
  g_assert_true (cab_rate_limiter_reserve (limiter, "alice", "10.2.0.1", 7001, &retry, &delay));
  g_assert_cmpuint (delay, ==, CAB_RATE_LIMIT_MAX_DELAY_MS);
  cab_rate_limiter_succeeded (limiter, "alice", "10.2.0.1", 7001);
  /* Once the failures leave the window, everything is as new. */
  g_assert_true (cab_rate_limiter_reserve (limiter, "alice", "10.1.0.0",
                                           7000 + CAB_RATE_LIMIT_WINDOW, &retry, &delay));
  g_assert_cmpuint (delay, ==, 0);
}

void
rate_limiter_scenario_take (CabRateLimiter *limiter,
                            guint           n_keys)
{
  gint64 retry = 0;

  for (guint i = 0; i < 3; i++)
    g_assert_true (cab_rate_limiter_take (limiter, "mail", "alice", 3, 3600, 100 + i, &retry));
  g_assert_false (cab_rate_limiter_take (limiter, "mail", "alice", 3, 3600, 200, &retry));
  g_assert_cmpint (retry, ==, 3500);
  /* A refusal is not counted: allowed again as soon as the first leaves the window. */
  g_assert_true (cab_rate_limiter_take (limiter, "mail", "alice", 3, 3600, 3700, &retry));
  /* Buckets and keys are separate. */
  g_assert_true (cab_rate_limiter_take (limiter, "mail", "bob", 3, 3600, 200, NULL));
  g_assert_true (cab_rate_limiter_take (limiter, "check", "alice", 3, 3600, 200, NULL));
  /* Many keys seen once are swept out without harm. */
  for (guint i = 0; i < n_keys; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);

      g_assert_true (cab_rate_limiter_take (limiter, "check", key, 1, 10, 10000 + i, NULL));
    }
  g_assert_true (cab_rate_limiter_take (limiter, "mail", "alice", 3, 3600, 3701, NULL));
}
