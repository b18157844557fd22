/* cab-date.h: calendar days of the supplier, as GDate. No time zones inside the rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "2016-06-28" → 28.06.2016. Rejects 2016-02-30, 2016-2-3, trailing text. */
gboolean     cab_date_parse_iso          (const char   *text,
                                          GDate        *out_date,
                                          GError      **error);

/* "28.06.2016" (what Russian users type). Rejects 31.02.2016, 1.6.2016, trailing text. */
gboolean     cab_date_parse_display      (const char   *text,
                                          GDate        *out_date,
                                          GError      **error);

char        *cab_date_to_iso             (const GDate  *date);
/* The same text as cab_date_to_iso(), appended to @out (written without printf: a statement
 * writes hundreds). */
void         cab_date_append_iso         (GString      *out,
                                          const GDate  *date);
char        *cab_date_to_display         (const GDate  *date);

/* Helpers for the rules. */
void         cab_date_set_ymd            (GDate        *date,
                                          guint         year,
                                          guint         month,
                                          guint         day);
/* Day @day of @month/@year, clamped to the month's last day (day 31 of June is 30.06). */
void         cab_date_set_clamped        (GDate        *date,
                                          guint         year,
                                          guint         month,
                                          guint         day);
void         cab_date_last_of_month      (GDate        *date,
                                          guint         year,
                                          guint         month);
/* Today in Europe/Moscow (the supplier's time zone). Not used by the rules themselves. */
void         cab_date_today_supplier     (GDate        *out_date);

/* The first day of the quarter holding @date, and the first day after it. */
void         cab_date_quarter_bounds     (const GDate  *date,
                                          GDate        *out_from,
                                          GDate        *out_to);

G_END_DECLS
