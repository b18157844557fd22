/* cab-period.h: the "from" - "to" period of the Account State page (manual 4.2).
 *
 * "to" is the first day after the period, as in the manual (01.10.2015 - 01.01.2016 is the
 * 4th quarter of 2015). A period must not be empty or reversed and spans at most 20 years.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAB_PERIOD_MAX_YEARS 20

typedef enum
{
  CAB_PERIOD_FIELD_NONE,
  CAB_PERIOD_FIELD_FROM,
  CAB_PERIOD_FIELD_TO,
} CabPeriodField;

/* Parses the two dates as typed (DD.MM.YYYY, surrounding spaces ignored) and checks the
 * period. On failure @error explains it in words fit for the user (CAB_ERROR_INVALID_DATE or
 * CAB_ERROR_INVALID_PERIOD) and @out_field (nullable) names the entry to blame. */
gboolean     cab_period_parse            (const char      *from_text,
                                          const char      *to_text,
                                          GDate           *out_from,
                                          GDate           *out_to,
                                          CabPeriodField  *out_field,
                                          GError         **error);

/* from < to, and to no later than from plus CAB_PERIOD_MAX_YEARS years. */
gboolean     cab_period_check            (const GDate     *from,
                                          const GDate     *to,
                                          CabPeriodField  *out_field,
                                          GError         **error);

/* The quarter holding @today: its first day and the first day after it. */
void         cab_period_default          (const GDate     *today,
                                          GDate           *out_from,
                                          GDate           *out_to);

G_END_DECLS
