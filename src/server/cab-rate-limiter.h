/* cab-rate-limiter.h: failed password checks and per-address request counts in sliding windows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cab-store.h"

G_BEGIN_DECLS

/* Password checks (sign-in, and current_password on PATCH /me): a check is reserved before the
 * hash is computed, counting as a failure until it is known to have succeeded, so that parallel
 * attempts cannot all pass the limit before any failure is recorded. */
#define CAB_RATE_LIMIT_WINDOW         (15 * 60)
/* Failures for one login from one address. */
#define CAB_RATE_LIMIT_PER_PAIR       5
/* Failures from one address, whatever the login. */
#define CAB_RATE_LIMIT_PER_ADDRESS    20
/* Failures for one login from anywhere: past SLOW, every check of the login waits
 * DELAY_STEP_MS more (up to MAX_DELAY_MS); past CEILING, an address that already failed for
 * the login is refused. An address that has not failed is never refused for the login's sake,
 * so an attacker cannot lock the real user out. */
#define CAB_RATE_LIMIT_LOGIN_SLOW     10
#define CAB_RATE_LIMIT_DELAY_STEP_MS  250
#define CAB_RATE_LIMIT_MAX_DELAY_MS   5000
#define CAB_RATE_LIMIT_LOGIN_CEILING  50

#define CAB_TYPE_RATE_LIMITER (cab_rate_limiter_get_type ())
G_DECLARE_FINAL_TYPE (CabRateLimiter, cab_rate_limiter, CAB, RATE_LIMITER, GObject)

/* Counts in memory: one process's own limits (the unit tests). */
CabRateLimiter *cab_rate_limiter_new          (void);
/* Counts in @store: every instance on it adds to the same limits. */
CabRateLimiter *cab_rate_limiter_new_for_store (CabStore       *store);

/* Reserves a password check of @login from @address at @now, counted as a failure until
 * released. FALSE when it is refused; then *@out_retry_after is the number of seconds until it
 * would be allowed. When TRUE, *@out_delay_ms is how long to wait before checking. */
gboolean        cab_rate_limiter_reserve      (CabRateLimiter  *self,
                                               const char      *login,
                                               const char      *address,
                                               gint64           now,
                                               gint64          *out_retry_after,
                                               guint           *out_delay_ms);
/* The same, but FALSE with @error set when the counts cannot be reached (the store is
 * down: CAB_ERROR_UNAVAILABLE); nothing is reserved then. */
gboolean        cab_rate_limiter_reserve_checked (CabRateLimiter *self,
                                               const char      *login,
                                               const char      *address,
                                               gint64           now,
                                               gint64          *out_retry_after,
                                               guint           *out_delay_ms,
                                               GError         **error);
/* The reserved check (made at @reserved_at) was not done (the server was busy or the client
 * left): it no longer counts. */
void            cab_rate_limiter_release      (CabRateLimiter  *self,
                                               const char      *login,
                                               const char      *address,
                                               gint64           reserved_at);
/* The reserved check succeeded: it no longer counts, and the failures of this login from this
 * address are forgotten (not the address's failures for other logins, nor the login's from
 * other addresses). */
void            cab_rate_limiter_succeeded    (CabRateLimiter  *self,
                                               const char      *login,
                                               const char      *address,
                                               gint64           reserved_at);
/* Nothing to do for a failed check: its reservation stays as the failure. */

/* Counts one event of @bucket (a static name such as "registration") for @key at @now; FALSE
 * (and nothing counted) when @key already had @limit events in the last @window seconds, with
 * *@out_retry_after the seconds until one leaves it. */
gboolean        cab_rate_limiter_take         (CabRateLimiter  *self,
                                               const char      *bucket,
                                               const char      *key,
                                               guint            limit,
                                               gint64           window,
                                               gint64           now,
                                               gint64          *out_retry_after);

/* The same, but FALSE with @error set when the counts cannot be reached. */
gboolean        cab_rate_limiter_take_checked (CabRateLimiter  *self,
                                               const char      *bucket,
                                               const char      *key,
                                               guint            limit,
                                               gint64           window,
                                               gint64           now,
                                               gint64          *out_retry_after,
                                               GError         **error);

G_END_DECLS
