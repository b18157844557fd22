/* fuzz-terms.c: CabTerms from the API's JSON (cab_terms_from_json), and back.
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
  g_autoptr(JsonNode) encoded = NULL;
  g_autoptr(JsonNode) reparsed = NULL;
  g_autofree char *text = NULL;
  CabTerms terms, again;

  if (node == NULL || !cab_terms_from_json (node, &terms, NULL))
    return 0;

  FUZZ_ASSERT (cab_terms_validate (&terms, NULL));
  encoded = cab_terms_to_json (&terms);
  text = cab_json_to_string (encoded);
  reparsed = cab_json_parse_object (text, strlen (text), NULL);
  FUZZ_ASSERT (reparsed != NULL);
  FUZZ_ASSERT (cab_terms_from_json (reparsed, &again, NULL));
  FUZZ_ASSERT (memcmp (&terms, &again, sizeof terms) == 0);
  return 0;
}
