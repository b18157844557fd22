/* test-strict-text.c: control characters in JSON strings are refused, naming the field, and
 * never cut a string short (issue 11); tab and line breaks stay allowed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"

/* The error of parsing @json and reading its string member "login"; NULL when both work. */
static GError *
read_login (const char *json)
{
  GError *error = NULL;
  g_autoptr(JsonNode) node = cab_json_parse_object (json, strlen (json), &error);

  if (node != NULL)
    cab_json_get_string (json_node_get_object (node), "login", &error);
  return error;
}

static void
assert_refused (const char *json,
                const char *field)
{
  g_autoptr(GError) error = read_login (json);
  g_autofree char *named = NULL;

  g_test_message ("%s", json);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  named = cab_json_dup_error_field (error);
  g_assert_cmpstr (named, ==, field);
}

static void
test_nul (void)
{
  assert_refused ("{\"login\": \"1234567890\\u0000x\"}", "login");
  assert_refused ("{\"login\": \"\\u0000\"}", "login");
  /* In a member the route does not read, nested, in an array, or in a member name. */
  assert_refused ("{\"login\": \"1\", \"other\": \"a\\u0000\"}", "other");
  assert_refused ("{\"login\": \"1\", \"a\": {\"b\": [\"x\", \"\\u0000\"]}}", "b");
  assert_refused ("{\"log\\u0000in\": \"1\"}", "log\\u0000in");
}

static void
test_other_controls (void)
{
  const char *controls[] = { "\\u0001", "\\u0007", "\\u001b", "\\u001f", "\\u007f", "\\u0080",
                             "\\u0085", "\\u009f", "\\b", "\\f" };

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"login\": \"a%sb\"}", controls[i]);

      assert_refused (json, "login");
    }
}

static void
test_allowed (void)
{
  const char *texts[] = { "a\\tb", "a\\nb", "a\\r\\nb", "Привет", "\\u00a0", "\\u2028", "" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"login\": \"%s\"}", texts[i]);
      g_autoptr(GError) error = read_login (json);

      g_test_message ("%s", json);
      g_assert_no_error (error);
    }
}

static void
test_validate_text (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cab_validate_text ("a\tb\r\nc", 6, TRUE, NULL));
  g_assert_false (cab_validate_text ("a\tb", 3, FALSE, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  /* A NUL inside the length is a control character, not an end. */
  g_assert_false (cab_validate_text ("ab\0c", 4, TRUE, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (cab_validate_text ("\xff", 1, TRUE, NULL));
  g_assert_false (cab_validate_text ("\xc2\x85", 2, TRUE, NULL));  /* U+0085 NEL */
  g_assert_true (cab_validate_text ("", 0, FALSE, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/strict-text/nul", test_nul);
  g_test_add_func ("/strict-text/other-controls", test_other_controls);
  g_test_add_func ("/strict-text/allowed", test_allowed);
  g_test_add_func ("/strict-text/validate-text", test_validate_text);

  return g_test_run ();
}
