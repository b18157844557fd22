/* cab-csv-writer.c: CSV for spreadsheets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cab-csv-writer.h"

static const CabCsvDialect english_dialect = { ',', '.', FALSE };
static const CabCsvDialect russian_dialect = { ';', ',', TRUE };

const CabCsvDialect *
cab_csv_dialect_for_style (CabMoneyStyle style)
{
  const struct lconv *lc;

  if (style != CAB_MONEY_STYLE_LOCALE)
    return style == CAB_MONEY_STYLE_RUSSIAN ? &russian_dialect : &english_dialect;

  lc = localeconv ();
  return lc != NULL && lc->decimal_point != NULL && lc->decimal_point[0] == ','
         ? &russian_dialect : &english_dialect;
}

void
cab_csv_write_start (GString             *out,
                     const CabCsvDialect *dialect)
{
  if (dialect->bom)
    g_string_append (out, "\xef\xbb\xbf");
}

void
cab_csv_write_field (GString             *out,
                     const CabCsvDialect *dialect,
                     const char          *text)
{
  const char specials[] = { dialect->separator, '"', '\r', '\n', '\0' };

  if (strpbrk (text, specials) == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
cab_csv_write_number (GString             *out,
                      const CabCsvDialect *dialect,
                      const char          *wire)
{
  const char *point = strchr (wire, '.');

  if (point == NULL)
    {
      g_string_append (out, wire);
      return;
    }
  g_string_append_len (out, wire, point - wire);
  g_string_append_c (out, dialect->decimal);
  g_string_append (out, point + 1);
}
