/* fuzz-date.c: the date parsers (ISO 8601 on the wire, dd.mm.yyyy as people type), and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  GDate date, again;

  g_date_clear (&date, 1);
  g_date_clear (&again, 1);

  if (cab_date_parse_iso (text, &date, NULL))
    {
      g_autofree char *iso = cab_date_to_iso (&date);

      FUZZ_ASSERT (g_date_valid (&date));
      FUZZ_ASSERT (cab_date_parse_iso (iso, &again, NULL));
      FUZZ_ASSERT (g_date_compare (&date, &again) == 0);
    }

  if (cab_date_parse_display (text, &date, NULL))
    {
      g_autofree char *display = cab_date_to_display (&date);

      FUZZ_ASSERT (g_date_valid (&date));
      FUZZ_ASSERT (cab_date_parse_display (display, &again, NULL));
      FUZZ_ASSERT (g_date_compare (&date, &again) == 0);
    }
  return 0;
}
