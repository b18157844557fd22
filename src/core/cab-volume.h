/* cab-volume.h: energy delivered, as watt-hours in a signed 64-bit integer, never a float.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Watt-hours: kWh × 1000, the precision a volume act prints (three fraction digits of kWh).
 * Signed: a correction may take volume back. */
typedef gint64 CabVolume;

/* The largest volume (in either sign) a wire value may carry: 999 999 999 999.999 kWh, far
 * above any contract and far below gint64, so sums over centuries of months cannot overflow. */
#define CAB_VOLUME_MAX G_GINT64_CONSTANT (999999999999999)

/* Parses the wire form: optional '-', 1 to 12 digits, '.', exactly three digits
 * ("48213.125"). Anything else fails with CAB_ERROR_INVALID_VALUE naming @text. */
gboolean     cab_volume_parse            (const char  *text,
                                          CabVolume   *out_wh,
                                          GError     **error);

/* "48213.125"; "0.000"; "-12.500". */
char        *cab_volume_to_wire          (CabVolume    wh);

/* A month on the wire: "YYYY-MM" (year 1900..9999). @out_first_day is its first day. Fails
 * with CAB_ERROR_INVALID_DATE naming @text. */
gboolean     cab_month_parse             (const char  *text,
                                          GDate       *out_first_day,
                                          GError     **error);

/* "2016-05" for any day of May 2016. */
char        *cab_month_to_wire           (const GDate *day);

G_END_DECLS
