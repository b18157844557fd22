/* cab-json.h: strict reading of API resources. Every failure names the field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cab-money.h"

G_BEGIN_DECLS

#define CAB_JSON_MAX_DEPTH 32

/* Parses @data (not NUL-terminated, @length bytes) into a node. Fails with
 * CAB_ERROR_MALFORMED_JSON on invalid UTF-8, invalid JSON, nesting deeper than
 * CAB_JSON_MAX_DEPTH, or a top level that is not an object; with CAB_ERROR_INVALID_VALUE
 * naming the member (“Field “x” contains a control character”) on a "\u0000" in a string. */
JsonNode    *cab_json_parse_object       (const char   *data,
                                          gsize         length,
                                          GError      **error);

char        *cab_json_to_string          (JsonNode     *node);

/* Fail with CAB_ERROR_MISSING_FIELD or CAB_ERROR_WRONG_TYPE naming @field; a malformed value
 * keeps the code of its parser (CAB_ERROR_INVALID_MONEY, _MONEY_OVERFLOW, _INVALID_DATE) with
 * the message prefixed by “Field “x”: ”. Resource decoders add CAB_ERROR_UNKNOWN_ENUM and
 * CAB_ERROR_INVALID_VALUE the same way. A server answers all of these as invalid_field.
 * The "nullable" variants accept JSON null and then store NULL / FALSE in has_value.
 * The string getters refuse control characters other than tab and line breaks
 * (cab_validate_text()) with CAB_ERROR_INVALID_VALUE. */
JsonObject  *cab_json_object             (JsonNode     *node,
                                          const char   *what,
                                          GError      **error);
const char  *cab_json_get_string         (JsonObject   *object,
                                          const char   *field,
                                          GError      **error);
gboolean     cab_json_get_nullable_string (JsonObject  *object,
                                          const char   *field,
                                          const char  **out_value,
                                          GError      **error);
gboolean     cab_json_get_int            (JsonObject   *object,
                                          const char   *field,
                                          gint64       *out_value,
                                          GError      **error);
gboolean     cab_json_get_bool           (JsonObject   *object,
                                          const char   *field,
                                          gboolean     *out_value,
                                          GError      **error);
gboolean     cab_json_get_money          (JsonObject   *object,
                                          const char   *field,
                                          CabMoney     *out_value,
                                          GError      **error);
gboolean     cab_json_get_nullable_money (JsonObject   *object,
                                          const char   *field,
                                          CabMoney     *out_value,
                                          gboolean     *out_has_value,
                                          GError      **error);
gboolean     cab_json_get_date           (JsonObject   *object,
                                          const char   *field,
                                          GDate        *out_value,
                                          GError      **error);
JsonArray   *cab_json_get_array          (JsonObject   *object,
                                          const char   *field,
                                          GError      **error);
JsonObject  *cab_json_get_object         (JsonObject   *object,
                                          const char   *field,
                                          GError      **error);

/* The field that a decoding error of this library names (the innermost “Field “x””), for the
 * "field" member of an API error answer; NULL when the error names none. */
char        *cab_json_dup_error_field    (const GError *error);

/* Writing */
void         cab_json_builder_add_money  (JsonBuilder  *builder,
                                          const char   *field,
                                          CabMoney      value);
void         cab_json_builder_add_date   (JsonBuilder  *builder,
                                          const char   *field,
                                          const GDate  *value);
void         cab_json_builder_add_nullable_string (JsonBuilder *builder,
                                          const char   *field,
                                          const char   *value);

/* Writing without a tree: @value as a JSON string literal (quotes included), escaped byte for
 * byte as json-glib's generator escapes it, so that a resource written directly is the same
 * text as its tree through cab_json_to_string(). NULL is written as null. */
void         cab_json_append_string      (GString      *out,
                                          const char   *value);

G_END_DECLS
