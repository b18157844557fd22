/* cab-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-date.h"
#include "cab-error.h"
#include "cab-json.h"

/* json-glib's parser recurses once per level, so the depth is checked on the raw text before
 * it sees a byte: a 1 MiB body of '[' must not reach it. Strings are skipped so that
 * brackets inside them do not count. */
static gboolean
check_depth (const char *data,
             gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '{':
        case '[':
          if (++depth > CAB_JSON_MAX_DEPTH)
            return FALSE;
          break;

        case '}':
        case ']':
          if (depth > 0)
            depth--;
          break;

        default:
          break;
        }
    }

  return TRUE;
}

JsonNode *
cab_json_parse_object (const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > G_MAXSSIZE || !g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_MALFORMED_JSON,
                           "The JSON document is not valid UTF-8");
      return NULL;
    }

  if (!check_depth (data, length))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_MALFORMED_JSON,
                   "The JSON document is nested deeper than %d levels", CAB_JSON_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_MALFORMED_JSON,
                   "The document is not valid JSON: %s", local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_MALFORMED_JSON,
                           "The JSON document is empty");
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_MALFORMED_JSON,
                           "The top level of the JSON document is not an object");
      return NULL;
    }

  return json_node_ref (root);
}

char *
cab_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  generator = json_generator_new ();
  json_generator_set_root (generator, node);

  return json_generator_to_data (generator, NULL);
}

JsonObject *
cab_json_object (JsonNode    *node,
                 const char  *what,
                 GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_WRONG_TYPE,
                   "“%s” is not a JSON object", what != NULL ? what : "document");
      return NULL;
    }

  return json_node_get_object (node);
}

/* The member @field of @object, which must be present (NULL and MISSING_FIELD otherwise). */
static JsonNode *
get_member (JsonObject  *object,
            const char  *field,
            GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  node = json_object_get_member (object, field);
  if (node == NULL)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_MISSING_FIELD,
                   "Field “%s” is missing", field);
      return NULL;
    }

  return node;
}

static void
set_wrong_type (GError     **error,
                const char  *field,
                const char  *expected)
{
  g_set_error (error, CAB_ERROR, CAB_ERROR_WRONG_TYPE,
               "Field “%s” is not %s", field, expected);
}

static gboolean
holds_value_of (JsonNode *node,
                GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

const char *
cab_json_get_string (JsonObject  *object,
                     const char  *field,
                     GError     **error)
{
  JsonNode *node = get_member (object, field, error);

  if (node == NULL)
    return NULL;

  if (!holds_value_of (node, G_TYPE_STRING))
    {
      set_wrong_type (error, field, "a string");
      return NULL;
    }

  return json_node_get_string (node);
}

gboolean
cab_json_get_nullable_string (JsonObject  *object,
                              const char  *field,
                              const char **out_value,
                              GError     **error)
{
  JsonNode *node = get_member (object, field, error);

  if (node == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (out_value != NULL)
        *out_value = NULL;
      return TRUE;
    }

  if (!holds_value_of (node, G_TYPE_STRING))
    {
      set_wrong_type (error, field, "a string or null");
      return FALSE;
    }

  if (out_value != NULL)
    *out_value = json_node_get_string (node);

  return TRUE;
}

gboolean
cab_json_get_int (JsonObject  *object,
                  const char  *field,
                  gint64      *out_value,
                  GError     **error)
{
  JsonNode *node = get_member (object, field, error);

  if (node == NULL)
    return FALSE;

  if (!holds_value_of (node, G_TYPE_INT64))
    {
      set_wrong_type (error, field, "an integer");
      return FALSE;
    }

  if (out_value != NULL)
    *out_value = json_node_get_int (node);

  return TRUE;
}

gboolean
cab_json_get_bool (JsonObject  *object,
                   const char  *field,
                   gboolean    *out_value,
                   GError     **error)
{
  JsonNode *node = get_member (object, field, error);

  if (node == NULL)
    return FALSE;

  if (!holds_value_of (node, G_TYPE_BOOLEAN))
    {
      set_wrong_type (error, field, "true or false");
      return FALSE;
    }

  if (out_value != NULL)
    *out_value = json_node_get_boolean (node);

  return TRUE;
}

gboolean
cab_json_get_money (JsonObject  *object,
                    const char  *field,
                    CabMoney    *out_value,
                    GError     **error)
{
  JsonNode *node = get_member (object, field, error);

  if (node == NULL)
    return FALSE;

  if (!holds_value_of (node, G_TYPE_STRING))
    {
      set_wrong_type (error, field, "an amount of money as a string");
      return FALSE;
    }

  if (!cab_money_parse (json_node_get_string (node), out_value, error))
    {
      g_prefix_error (error, "Field “%s”: ", field);
      return FALSE;
    }

  return TRUE;
}

gboolean
cab_json_get_nullable_money (JsonObject  *object,
                             const char  *field,
                             CabMoney    *out_value,
                             gboolean    *out_has_value,
                             GError     **error)
{
  JsonNode *node = get_member (object, field, error);

  if (node == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (out_value != NULL)
        *out_value = 0;
      if (out_has_value != NULL)
        *out_has_value = FALSE;
      return TRUE;
    }

  if (!holds_value_of (node, G_TYPE_STRING))
    {
      set_wrong_type (error, field, "an amount of money as a string, or null");
      return FALSE;
    }

  if (!cab_money_parse (json_node_get_string (node), out_value, error))
    {
      g_prefix_error (error, "Field “%s”: ", field);
      return FALSE;
    }

  if (out_has_value != NULL)
    *out_has_value = TRUE;

  return TRUE;
}

gboolean
cab_json_get_date (JsonObject  *object,
                   const char  *field,
                   GDate       *out_value,
                   GError     **error)
{
  JsonNode *node = get_member (object, field, error);

  if (node == NULL)
    return FALSE;

  if (!holds_value_of (node, G_TYPE_STRING))
    {
      set_wrong_type (error, field, "a date as a string");
      return FALSE;
    }

  if (!cab_date_parse_iso (json_node_get_string (node), out_value, error))
    {
      g_prefix_error (error, "Field “%s”: ", field);
      return FALSE;
    }

  return TRUE;
}

JsonArray *
cab_json_get_array (JsonObject  *object,
                    const char  *field,
                    GError     **error)
{
  JsonNode *node = get_member (object, field, error);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_wrong_type (error, field, "an array");
      return NULL;
    }

  return json_node_get_array (node);
}

JsonObject *
cab_json_get_object (JsonObject  *object,
                     const char  *field,
                     GError     **error)
{
  JsonNode *node = get_member (object, field, error);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_wrong_type (error, field, "an object");
      return NULL;
    }

  return json_node_get_object (node);
}

void
cab_json_builder_add_money (JsonBuilder *builder,
                            const char  *field,
                            CabMoney     value)
{
  g_autofree char *wire = cab_money_to_wire (value);

  json_builder_set_member_name (builder, field);
  json_builder_add_string_value (builder, wire);
}

void
cab_json_builder_add_date (JsonBuilder *builder,
                           const char  *field,
                           const GDate *value)
{
  json_builder_set_member_name (builder, field);

  if (value != NULL && g_date_valid (value))
    {
      g_autofree char *iso = cab_date_to_iso (value);

      json_builder_add_string_value (builder, iso);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
}

void
cab_json_builder_add_nullable_string (JsonBuilder *builder,
                                      const char  *field,
                                      const char  *value)
{
  json_builder_set_member_name (builder, field);

  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
