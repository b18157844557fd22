/* fuzz-request-json.c: a JSON request body as the server reads it: the strict parse, then the
 * fields its routes take, with every getter, and the field an error answer would name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-util.h"

static const char * const fields[] = {
  "login", "password", "current_password", "new_password", "email", "phone", "account",
  "dp_code", "subscribed", "accounts", "text", "on", "from", "to",
};

static void
check_error (GError *error)
{
  g_autofree char *field = cab_json_dup_error_field (error);

  FUZZ_ASSERT (error != NULL && error->domain == CAB_ERROR && error->message != NULL);
  FUZZ_ASSERT (field == NULL || field[0] != '\0');
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = cab_json_parse_object ((const char *) data, size, &error);
  JsonObject *object;

  if (node == NULL)
    {
      check_error (error);
      return 0;
    }
  object = json_node_get_object (node);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GError) string_error = NULL;
      g_autoptr(GError) other_error = NULL;
      const char *text, *nullable;
      gint64 number;
      gboolean flag, has_value;
      CabMoney money;
      GDate date;

      text = cab_json_get_string (object, fields[i], &string_error);
      if (text != NULL)
        {
          /* What a getter hands out is text without control characters but line breaks. */
          FUZZ_ASSERT (cab_validate_text (text, strlen (text), TRUE, NULL));
          g_free (cab_validate_phone (text, NULL));
          cab_validate_login (text, NULL);
          cab_validate_email (text, NULL);
          cab_validate_account (text, NULL);
        }
      else
        check_error (string_error);

      if (cab_json_get_nullable_string (object, fields[i], &nullable, &other_error))
        FUZZ_ASSERT (nullable == NULL || g_utf8_validate (nullable, -1, NULL));
      g_clear_error (&other_error);
      cab_json_get_int (object, fields[i], &number, NULL);
      cab_json_get_bool (object, fields[i], &flag, NULL);
      cab_json_get_money (object, fields[i], &money, NULL);
      cab_json_get_nullable_money (object, fields[i], &money, &has_value, NULL);
      g_date_clear (&date, 1);
      if (!cab_json_get_date (object, fields[i], &date, &other_error))
        check_error (other_error);
      cab_json_get_array (object, fields[i], NULL);
      cab_json_get_object (object, fields[i], NULL);
    }
  return 0;
}
