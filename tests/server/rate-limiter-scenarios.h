/* rate-limiter-scenarios.h: the rate limiter's scenarios, run on a fresh limiter (in memory
 * or counting in a store): each asserts the same answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-rate-limiter.h"

G_BEGIN_DECLS

void rate_limiter_scenario_login       (CabRateLimiter *limiter);
void rate_limiter_scenario_reservation (CabRateLimiter *limiter);
void rate_limiter_scenario_address     (CabRateLimiter *limiter);
void rate_limiter_scenario_distributed (CabRateLimiter *limiter);
/* @n_keys: how many keys seen once are swept out on the way. */
void rate_limiter_scenario_take        (CabRateLimiter *limiter,
                                        guint           n_keys);

G_END_DECLS
