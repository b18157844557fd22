/* cab-money.h: money as kopecks in a signed 64-bit integer, never a float.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Kopecks. 1 rouble = 100. */
typedef gint64 CabMoney;

typedef enum
{
  CAB_MONEY_STYLE_LOCALE,   /* follow LC_NUMERIC of the current locale */
  CAB_MONEY_STYLE_RUSSIAN,  /* -74 644,26 (U+00A0 no-break space groups, comma decimal) */
  CAB_MONEY_STYLE_ENGLISH,  /* -74,644.26 */
} CabMoneyStyle;

/* Parses the wire form: optional '-', one or more digits, '.', exactly two digits.
 * Anything else (exponents, spaces, commas, one or three fraction digits, overflow past
 * gint64) fails with CAB_ERROR_INVALID_MONEY or CAB_ERROR_MONEY_OVERFLOW, naming @text. */
gboolean     cab_money_parse             (const char     *text,
                                          CabMoney       *out_kopecks,
                                          GError        **error);

/* "-74644.26"; "0.00". */
char        *cab_money_to_wire           (CabMoney        kopecks);
/* The same text as cab_money_to_wire(), appended to @out. */
void         cab_money_append_wire       (GString        *out,
                                          CabMoney        kopecks);

/* Grouped for display: "-74 644,26" (Russian) or "-74,644.26" (English). */
char        *cab_money_format            (CabMoney        kopecks,
                                          CabMoneyStyle   style);

/* Parses what a person types ("1 234,56", "1234.5", "1234"); used by export and forms. */
gboolean     cab_money_parse_display     (const char     *text,
                                          CabMoney       *out_kopecks,
                                          GError        **error);

/* Saturation-free checked addition: FALSE on overflow. */
gboolean     cab_money_add_checked       (CabMoney        a,
                                          CabMoney        b,
                                          CabMoney       *out_sum);

/* Parses an amount from a billing system's export: an optional '+' or '-', digits grouped
 * by threes with optional spaces, U+00A0 or U+202F between the groups, then optionally ','
 * or '.' and one or two digits ("608 822,79", "-198685.01", "+12"). Surrounding ASCII
 * spaces are ignored. CAB_ERROR_INVALID_MONEY or CAB_ERROR_MONEY_OVERFLOW otherwise. */
gboolean     cab_money_parse_export      (const char     *text,
                                          CabMoney       *out_kopecks,
                                          GError        **error);

/* The VAT held in @gross at @percent (VAT included): gross × percent / (100 + percent),
 * rounded half away from zero to the kopeck (482 844,86 at 18 % → 73 654,30). */
CabMoney     cab_money_vat_included      (CabMoney        gross,
                                          guint           percent);

G_END_DECLS
