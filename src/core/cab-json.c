/* cab-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-date.h"
#include "cab-error.h"
#include "cab-json.h"
#include "cab-validate.h"

/* A strict RFC 8259 check of the raw text before json-glib sees it. json-glib's scanner is
 * lenient (it takes 'single quotes', for one) and recurses once per level, so a 1 MiB body of
 * '[' must not reach it: the depth is checked here, before any recursion could go deep. */
typedef enum
{
  SYNTAX_OK,
  SYNTAX_INVALID,
  SYNTAX_TOO_DEEP,
  SYNTAX_NUL,
} SyntaxResult;

/* A member name as raw JSON text (between its quotes), to name a field in an error. */
typedef struct
{
  const char *start;
  gsize       length;
} RawName;

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  RawName     nul_field;   /* where SYNTAX_NUL was found */
} Scanner;

static SyntaxResult scan_value (Scanner       *scanner,
                                guint          depth,
                                const RawName *field);

static int
peek (Scanner *scanner)
{
  return scanner->pos < scanner->length ? (guchar) scanner->data[scanner->pos] : -1;
}

static void
skip_space (Scanner *scanner)
{
  while (peek (scanner) == ' ' || peek (scanner) == '\t' ||
         peek (scanner) == '\n' || peek (scanner) == '\r')
    scanner->pos++;
}

static gboolean
expect (Scanner *scanner,
        int      c)
{
  if (peek (scanner) != c)
    return FALSE;
  scanner->pos++;
  return TRUE;
}

static gboolean
scan_literal (Scanner    *scanner,
              const char *literal)
{
  gsize length = strlen (literal);

  if (scanner->length - scanner->pos < length ||
      memcmp (scanner->data + scanner->pos, literal, length) != 0)
    return FALSE;

  scanner->pos += length;
  return TRUE;
}

/* Four hex digits after "\u"; -1 when malformed. */
static int
scan_hex4 (Scanner *scanner)
{
  int value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int c = peek (scanner);

      if (c < 0 || !g_ascii_isxdigit (c))
        return -1;
      value = value * 16 + g_ascii_xdigit_value ((char) c);
      scanner->pos++;
    }

  return value;
}

/* A string; "\u0000" is valid JSON but gives SYNTAX_NUL: json-glib keeps strings as C
 * strings and would silently cut the value short at the NUL. */
static SyntaxResult
scan_string (Scanner *scanner)
{
  gboolean has_nul = FALSE;

  if (!expect (scanner, '"'))
    return SYNTAX_INVALID;

  for (;;)
    {
      int c = peek (scanner);

      if (c < 0x20)  /* end of data, or a raw control character */
        return SYNTAX_INVALID;

      scanner->pos++;

      if (c == '"')
        return has_nul ? SYNTAX_NUL : SYNTAX_OK;

      if (c != '\\')
        continue;

      c = peek (scanner);
      scanner->pos++;

      if (c == 'u')
        {
          int unit = scan_hex4 (scanner);

          if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF))
            return SYNTAX_INVALID;
          if (unit == 0)
            has_nul = TRUE;

          /* A high surrogate must be followed by a low one. */
          if (unit >= 0xD800 && unit <= 0xDBFF)
            {
              int low;

              if (!expect (scanner, '\\') || !expect (scanner, 'u'))
                return SYNTAX_INVALID;
              low = scan_hex4 (scanner);
              if (low < 0xDC00 || low > 0xDFFF)
                return SYNTAX_INVALID;
            }
        }
      else if (c < 0 || strchr ("\"\\/bfnrt", c) == NULL)
        {
          return SYNTAX_INVALID;
        }
    }
}

static gboolean
scan_digits (Scanner *scanner)
{
  gsize start = scanner->pos;

  while (peek (scanner) >= '0' && peek (scanner) <= '9')
    scanner->pos++;

  return scanner->pos > start;
}

static gboolean
scan_number (Scanner *scanner)
{
  expect (scanner, '-');

  if (expect (scanner, '0'))
    {
      if (peek (scanner) >= '0' && peek (scanner) <= '9')
        return FALSE;
    }
  else if (!scan_digits (scanner))
    {
      return FALSE;
    }

  if (expect (scanner, '.') && !scan_digits (scanner))
    return FALSE;

  if (expect (scanner, 'e') || expect (scanner, 'E'))
    {
      if (!expect (scanner, '+'))
        expect (scanner, '-');
      if (!scan_digits (scanner))
        return FALSE;
    }

  return TRUE;
}

/* @field names the member holding the container (NULL at the top level). */
static SyntaxResult
scan_container (Scanner       *scanner,
                guint          depth,
                gboolean       is_object,
                const RawName *field)
{
  int close = is_object ? '}' : ']';

  if (depth > CAB_JSON_MAX_DEPTH)
    return SYNTAX_TOO_DEEP;

  scanner->pos++;
  skip_space (scanner);
  if (expect (scanner, close))
    return SYNTAX_OK;

  for (;;)
    {
      SyntaxResult result;
      RawName name;

      if (is_object)
        {
          name.start = scanner->data + scanner->pos + 1;
          result = scan_string (scanner);
          name.length = (gsize) (scanner->data + scanner->pos - 1 - name.start);
          if (result == SYNTAX_NUL)
            scanner->nul_field = name;
          if (result != SYNTAX_OK)
            return result;
          skip_space (scanner);
          if (!expect (scanner, ':'))
            return SYNTAX_INVALID;
          field = &name;
        }

      result = scan_value (scanner, depth, field);
      if (result != SYNTAX_OK)
        return result;

      skip_space (scanner);
      if (expect (scanner, close))
        return SYNTAX_OK;
      if (!expect (scanner, ','))
        return SYNTAX_INVALID;
      skip_space (scanner);
    }
}

/* @depth is the depth of the container holding the value; @field the member it is (or is in). */
static SyntaxResult
scan_value (Scanner       *scanner,
            guint          depth,
            const RawName *field)
{
  SyntaxResult result;
  gboolean ok;

  skip_space (scanner);

  switch (peek (scanner))
    {
    case '{':
      return scan_container (scanner, depth + 1, TRUE, field);
    case '[':
      return scan_container (scanner, depth + 1, FALSE, field);
    case '"':
      result = scan_string (scanner);
      if (result == SYNTAX_NUL && field != NULL)
        scanner->nul_field = *field;
      return result;
    case 't':
      ok = scan_literal (scanner, "true");
      break;
    case 'f':
      ok = scan_literal (scanner, "false");
      break;
    case 'n':
      ok = scan_literal (scanner, "null");
      break;
    default:
      ok = scan_number (scanner);
      break;
    }

  return ok ? SYNTAX_OK : SYNTAX_INVALID;
}

static gboolean
check_syntax (const char  *data,
              gsize        length,
              GError     **error)
{
  Scanner scanner = { data, length, 0, { NULL, 0 } };
  SyntaxResult result;

  result = scan_value (&scanner, 0, NULL);
  if (result == SYNTAX_OK)
    {
      skip_space (&scanner);
      if (scanner.pos != length)
        result = SYNTAX_INVALID;
    }

  switch (result)
    {
    case SYNTAX_OK:
      return TRUE;

    case SYNTAX_TOO_DEEP:
      g_set_error (error, CAB_ERROR, CAB_ERROR_MALFORMED_JSON,
                   "The JSON document is nested deeper than %d levels", CAB_JSON_MAX_DEPTH);
      return FALSE;

    case SYNTAX_NUL:
      {
        g_autofree char *name = g_strndup (scanner.nul_field.start, scanner.nul_field.length);

        g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                     "Field “%s” contains a control character", name);
        return FALSE;
      }

    case SYNTAX_INVALID:
    default:
      if (scanner.pos >= length)
        g_set_error_literal (error, CAB_ERROR, CAB_ERROR_MALFORMED_JSON,
                             "The document is not valid JSON: it ends too early");
      else
        g_set_error (error, CAB_ERROR, CAB_ERROR_MALFORMED_JSON,
                     "The document is not valid JSON at byte %" G_GSIZE_FORMAT, scanner.pos);
      return FALSE;
    }
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

  if (!check_syntax (data, length, error))
    return NULL;

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

/* Strings may hold tab and line breaks (multi-line text such as an address or a message), never
 * another control character; a single-line field's own format check refuses line breaks. */
static gboolean
check_text (JsonNode    *node,
            const char  *field,
            GError     **error)
{
  const char *text = json_node_get_string (node);

  if (!cab_validate_text (text, strlen (text), TRUE, error))
    {
      g_prefix_error (error, "Field “%s”: ", field);
      return FALSE;
    }
  return TRUE;
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

  if (!check_text (node, field, error))
    return NULL;

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

  if (!check_text (node, field, error))
    return FALSE;

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

char *
cab_json_dup_error_field (const GError *error)
{
  static const char prefix[] = "Field “";
  static const char suffix[] = "”";
  const char *start = NULL;
  const char *end;

  if (error == NULL || error->domain != CAB_ERROR || error->message == NULL)
    return NULL;

  for (const char *p = strstr (error->message, prefix); p != NULL; p = strstr (p + 1, prefix))
    start = p + strlen (prefix);

  if (start == NULL || (end = strstr (start, suffix)) == NULL || end == start)
    return NULL;

  return g_strndup (start, (gsize) (end - start));
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

void
cab_json_append_string (GString    *out,
                        const char *value)
{
  static const char hex[] = "0123456789abcdef";
  const char *run;

  g_return_if_fail (out != NULL);

  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  run = value;
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape = NULL;
      char unicode[7];

      /* json-glib 1.6 (json_strescape()) escapes '"', '\\', 0x01..0x1e and 0x7f, and leaves
       * 0x1f and every byte from 0x80 (UTF-8) as it is: the same here, so that the text is
       * the same as the generator's. Most bytes need nothing: one test for them. */
      if (G_LIKELY (c >= 0x1f && c != '"' && c != '\\' && c != 0x7f))
        continue;
      if (c == '"')
        escape = "\\\"";
      else if (c == '\\')
        escape = "\\\\";
      else if (c == '\b')
        escape = "\\b";
      else if (c == '\f')
        escape = "\\f";
      else if (c == '\n')
        escape = "\\n";
      else if (c == '\r')
        escape = "\\r";
      else if (c == '\t')
        escape = "\\t";
      else if (c < 0x1f || c == 0x7f)
        {
          unicode[0] = '\\';
          unicode[1] = 'u';
          unicode[2] = '0';
          unicode[3] = '0';
          unicode[4] = hex[c >> 4];
          unicode[5] = hex[c & 0xf];
          unicode[6] = '\0';
          escape = unicode;
        }
      if (escape != NULL)
        {
          g_string_append_len (out, run, p - run);
          g_string_append (out, escape);
          run = p + 1;
        }
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}
