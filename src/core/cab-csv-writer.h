/* cab-csv-writer.h: CSV for spreadsheets, in the dialect they read with their defaults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cab-money.h"

G_BEGIN_DECLS

/* Where the decimal sign is a comma (Russian), Excel and LibreOffice Calc split fields at ';'
 * and read "1234,56" as a number, and only a byte order mark tells Excel the file is UTF-8. */
typedef struct
{
  char      separator;
  char      decimal;
  gboolean  bom;
} CabCsvDialect;

/* Russian: ';', ',' and a BOM; English: ',', '.'. CAB_MONEY_STYLE_LOCALE reads LC_NUMERIC's
 * decimal point, as cab_money_format() does. */
const CabCsvDialect *cab_csv_dialect_for_style   (CabMoneyStyle        style);

/* The file's start: the byte order mark where the dialect wants one. */
void                 cab_csv_write_start         (GString             *out,
                                                  const CabCsvDialect *dialect);
/* @text as one field (RFC 4180 quoting when it holds the separator, a quote or a line end). */
void                 cab_csv_write_field         (GString             *out,
                                                  const CabCsvDialect *dialect,
                                                  const char          *text);
/* A wire number ("482844.86", "98112.000") with the dialect's decimal sign, no grouping, so
 * that the spreadsheet reads it as a number. */
void                 cab_csv_write_number        (GString             *out,
                                                  const CabCsvDialect *dialect,
                                                  const char          *wire);

G_END_DECLS
