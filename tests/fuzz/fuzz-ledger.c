/* fuzz-ledger.c: CabLedger from the API's JSON (cab_ledger_from_json), and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = cab_json_parse_object ((const char *) data, size, NULL);
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(CabLedger) again = NULL;
  g_autoptr(JsonNode) encoded = NULL;
  g_autoptr(JsonNode) reparsed = NULL;
  g_autoptr(JsonNode) encoded_again = NULL;
  g_autofree char *account = NULL;
  g_autofree char *account_again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  if (node == NULL || (ledger = cab_ledger_from_json (node, &account, NULL)) == NULL)
    return 0;

  encoded = cab_ledger_to_json (ledger, account);
  text = cab_json_to_string (encoded);
  reparsed = cab_json_parse_object (text, strlen (text), NULL);
  FUZZ_ASSERT (reparsed != NULL);
  again = cab_ledger_from_json (reparsed, &account_again, NULL);
  FUZZ_ASSERT (again != NULL);
  FUZZ_ASSERT (g_strcmp0 (account, account_again) == 0);
  encoded_again = cab_ledger_to_json (again, account_again);
  text_again = cab_json_to_string (encoded_again);
  FUZZ_ASSERT (g_str_equal (text, text_again));
  return 0;
}
