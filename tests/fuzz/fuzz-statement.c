/* fuzz-statement.c: CabStatement from the API's JSON (cab_statement_from_json), and back; for
 * every statement decoded, the text written directly (cab_statement_append_json(), as the
 * server sends it) must be the tree's through the generator, byte for byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-util.h"

static CabStatement *
decode_checking_direct_text (JsonNode  *node,
                             GError   **error)
{
  CabStatement *statement = cab_statement_from_json (node, error);

  if (statement != NULL)
    {
      g_autoptr(JsonNode) tree = cab_statement_to_json (statement);
      g_autofree char *expected = cab_json_to_string (tree);
      g_autoptr(GString) direct = g_string_new (NULL);

      cab_statement_append_json (statement, direct);
      FUZZ_ASSERT (g_str_equal (direct->str, expected));
    }
  return statement;
}

FUZZ_DECODER (CabStatement, decode_checking_direct_text, cab_statement_to_json, g_object_unref)
