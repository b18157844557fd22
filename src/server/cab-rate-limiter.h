/* cab-rate-limiter.h: failed sign-ins per login and per client address in a sliding window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CAB_RATE_LIMIT_WINDOW       (15 * 60)
#define CAB_RATE_LIMIT_PER_LOGIN    5
#define CAB_RATE_LIMIT_PER_ADDRESS  20

#define CAB_TYPE_RATE_LIMITER (cab_rate_limiter_get_type ())
G_DECLARE_FINAL_TYPE (CabRateLimiter, cab_rate_limiter, CAB, RATE_LIMITER, GObject)

CabRateLimiter *cab_rate_limiter_new          (void);
/* FALSE when @login or @address has too many failures in the window at @now; then
 * *@out_retry_after is the number of seconds until the oldest counted one leaves it. */
gboolean        cab_rate_limiter_check        (CabRateLimiter  *self,
                                               const char      *login,
                                               const char      *address,
                                               gint64           now,
                                               gint64          *out_retry_after);
void            cab_rate_limiter_add_failure  (CabRateLimiter  *self,
                                               const char      *login,
                                               const char      *address,
                                               gint64           now);
/* A successful sign-in forgets the login's failures (not the address's). */
void            cab_rate_limiter_forget_login (CabRateLimiter  *self,
                                               const char      *login);

G_END_DECLS
