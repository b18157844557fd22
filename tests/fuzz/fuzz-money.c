/* fuzz-money.c: the money parsers (wire form and what people type), and back.
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
  CabMoney value, again;

  if (cab_money_parse (text, &value, NULL))
    {
      g_autofree char *wire = cab_money_to_wire (value);

      FUZZ_ASSERT (cab_money_parse (wire, &again, NULL));
      FUZZ_ASSERT (again == value);
    }

  if (cab_money_parse_display (text, &value, NULL))
    {
      g_autofree char *wire = cab_money_to_wire (value);
      g_autofree char *russian = cab_money_format (value, CAB_MONEY_STYLE_RUSSIAN);
      g_autofree char *english = cab_money_format (value, CAB_MONEY_STYLE_ENGLISH);

      FUZZ_ASSERT (cab_money_parse (wire, &again, NULL) && again == value);
      FUZZ_ASSERT (cab_money_parse_display (russian, &again, NULL) && again == value);
      FUZZ_ASSERT (english != NULL && english[0] != '\0');
    }
  return 0;
}
