/* test-server-strict.c: tek-cabinet-server refuses what is not clean input, and labels its
 * answers for caches and clients (issue 11): control characters in JSON strings, query values
 * and form fields; Content-Type; Cache-Control, WWW-Authenticate and Server headers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "server-test-util.h"

#define BALANCE "/api/v1/accounts/1234567890/balance"

static const char *
header (Response   *r,
        const char *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (r->msg), name);
}

static Response *
post_text (Server     *s,
           const char *path,
           const char *content_type,
           const char *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  const char *headers[] = { "Content-Type", content_type, NULL };

  /* A NULL content type leaves the header given here as it is, even when malformed. */
  return request_full (s, "POST", path, NULL, NULL, bytes, content_type ? headers : NULL);
}

static void
test_json_control_characters (void)
{
  Server *s = server_start ();
  g_autoptr(Response) nul = request (s, "POST", "/api/v1/session", NULL,
                                     "{\"login\": \"1234567890\\u0000x\", "
                                     "\"password\": \"" DEMO_PASSWORD "\"}");
  g_autoptr(Response) nul_key = request (s, "POST", "/api/v1/session", NULL,
                                         "{\"login\\u0000x\": \"1234567890\", \"login\": \"y\", "
                                         "\"password\": \"" DEMO_PASSWORD "\"}");
  g_autoptr(Response) nul_password = request (s, "POST", "/api/v1/session", NULL,
                                              "{\"login\": \"1234567890\", "
                                              "\"password\": \"" DEMO_PASSWORD "\\u0000\"}");
  g_autoptr(Response) bell = request (s, "POST", "/api/v1/session", NULL,
                                      "{\"login\": \"1234567890\\u0007\", "
                                      "\"password\": \"" DEMO_PASSWORD "\"}");
  g_autoptr(Response) c1 = request (s, "POST", "/api/v1/session", NULL,
                                    "{\"login\": \"1234567890\\u0085\", "
                                    "\"password\": \"" DEMO_PASSWORD "\"}");
  g_autoptr(Response) fine = request (s, "POST", "/api/v1/session", NULL,
                                      "{\"login\": \"1234567890\", "
                                      "\"password\": \"" DEMO_PASSWORD "\"}");

  assert_error (nul, 422, "invalid_field", "login");
  g_assert_null (json_object_get_member (object_of (nul), "token"));
  assert_error (nul_key, 422, "invalid_field", NULL);
  assert_error (nul_password, 422, "invalid_field", "password");
  assert_error (bell, 422, "invalid_field", "login");
  assert_error (c1, 422, "invalid_field", "login");
  g_assert_cmpuint (fine->status, ==, 200);
  g_assert_nonnull (str (fine, "token"));

  server_stop (s);
}

static void
test_query_control_characters (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) nul = request (s, "GET", BALANCE "?on=2016-06-28%00", token, NULL);
  g_autoptr(Response) nul_tail = request (s, "GET", BALANCE "?on=2016-06-28%00junk", token, NULL);
  g_autoptr(Response) newline = request (s, "GET", BALANCE "?on=2016-06-28%0A", token, NULL);
  g_autoptr(Response) del = request (s, "GET", BALANCE "?on=2016-06-28%7F", token, NULL);
  g_autoptr(Response) bad_utf8 = request (s, "GET", BALANCE "?on=2016-06-28%FF", token, NULL);
  g_autoptr(Response) nul_name = request (s, "GET", BALANCE "?o%00n=2016-06-28", token, NULL);
  g_autoptr(Response) fine = request (s, "GET", BALANCE "?on=2016-06-28", token, NULL);

  assert_error (nul, 422, "invalid_field", "on");
  assert_error (nul_tail, 422, "invalid_field", "on");
  assert_error (newline, 422, "invalid_field", "on");
  assert_error (del, 422, "invalid_field", "on");
  assert_error (bad_utf8, 422, "invalid_field", "on");
  assert_error (nul_name, 422, "invalid_field", "query");
  g_assert_cmpuint (fine->status, ==, 200);

  server_stop (s);
}

static Response *
post_form (Server     *s,
           const char *token,
           const char *text,
           const char *client_id)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GBytes) body = NULL;

  soup_multipart_append_form_string (multipart, "text", text);
  if (client_id != NULL)
    soup_multipart_append_form_string (multipart, "client_id", client_id);
  soup_multipart_to_message (multipart, headers, &body);
  return request_full (s, "POST", "/api/v1/feedback", token,
                       soup_message_headers_get_one (headers, "Content-Type"), body, NULL);
}

static void
test_form_control_characters (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) lines = post_form (s, token, "Первая строка\r\n\tвторая строка", NULL);
  g_autoptr(Response) escape = post_form (s, token, "Текст \x1b[31m", NULL);
  g_autoptr(Response) id_line = post_form (s, token, "Текст", "id\nwith-line");
  g_autoptr(Response) list = NULL;
  JsonArray *messages;

  g_assert_cmpuint (lines->status, ==, 201);
  assert_error (escape, 422, "invalid_field", "text");
  assert_error (id_line, 422, "invalid_field", "client_id");

  /* The multi-line text is kept as sent, and the list of messages reads back. */
  list = request (s, "GET", "/api/v1/feedback", token, NULL);
  g_assert_cmpuint (list->status, ==, 200);
  messages = json_object_get_array_member (object_of (list), "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0),
                                                  "text"), ==,
                   "Первая строка\r\n\tвторая строка");

  server_stop (s);
}

/* A body whose part headers libsoup 3.2 searched past the end of the body (found by
 * tests/fuzz/fuzz-feedback-form; the ASan build of the server crashed on it). */
static void
test_form_read_past_end (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  static const char body[] = "--b\r\nContent-Disposition: form-data; name=\"text\xee\r\n\b\nx\r\n--b--\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new (body, sizeof body - 1);
  g_autoptr(Response) r = request_full (s, "POST", "/api/v1/feedback", token,
                                        "multipart/form-data; boundary=b", bytes, NULL);
  g_autoptr(Response) after = request (s, "GET", "/api/v1/feedback", token, NULL);

  assert_error (r, 422, "invalid_field", NULL);
  g_assert_cmpuint (after->status, ==, 200);

  server_stop (s);
}

static void
test_content_type (void)
{
  Server *s = server_start ();
  const char *body = "{\"login\": \"" DEMO_LOGIN "\", \"password\": \"" DEMO_PASSWORD "\"}";
  const char *refused[] = {
    "garbage", "application json", "application/json/x", "text/plain", "application/jsonx",
    "application/json; charset=iso-8859-1", "multipart/form-data; boundary=x",
  };
  const char *accepted[] = {
    "application/json", "Application/JSON", "application/json; charset=utf-8",
    "application/json;charset=UTF-8",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(Response) r = NULL;
      const char *headers[] = { "Content-Type", refused[i], NULL };
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      g_test_message ("Content-Type: %s", refused[i]);
      r = request_full (s, "POST", "/api/v1/session", NULL, NULL, bytes, headers);
      assert_error (r, 415, "unsupported_media_type", NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(Response) r = post_text (s, "/api/v1/session", accepted[i], body);

      g_test_message ("Content-Type: %s", accepted[i]);
      g_assert_cmpuint (r->status, ==, 200);
    }
  /* No Content-Type at all is still taken as JSON (docs/api.md). */
  {
    g_autoptr(Response) r = post_text (s, "/api/v1/session", NULL, body);

    g_assert_cmpuint (r->status, ==, 200);
  }

  server_stop (s);
}

static void
test_headers (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autofree char *zero_token = g_strnfill (64, '0');
  g_autoptr(Response) balance = request (s, "GET", BALANCE "?on=2016-06-28", token, NULL);
  g_autoptr(Response) me = request (s, "GET", "/api/v1/me", token, NULL);
  g_autoptr(Response) session = request (s, "POST", "/api/v1/session", NULL,
                                         "{\"login\": \"" DEMO_LOGIN "\", "
                                         "\"password\": \"" DEMO_PASSWORD "\"}");
  g_autoptr(Response) no_token = request (s, "GET", "/api/v1/me", NULL, NULL);
  g_autoptr(Response) bad_token = request (s, "GET", "/api/v1/me", zero_token, NULL);
  g_autoptr(Response) wrong_password = request (s, "POST", "/api/v1/session", NULL,
                                                "{\"login\": \"" DEMO_LOGIN "\", "
                                                "\"password\": \"wrong-password\"}");
  g_autoptr(Response) health = request (s, "GET", "/api/v1/health", NULL, NULL);

  g_assert_cmpuint (balance->status, ==, 200);
  g_assert_cmpstr (header (balance, "Cache-Control"), ==, "no-store");
  g_assert_cmpuint (me->status, ==, 200);
  g_assert_cmpstr (header (me, "Cache-Control"), ==, "no-store");
  g_assert_null (header (me, "WWW-Authenticate"));
  /* The answer that carries a token must not be cached either (RFC 6749, 5.1). */
  g_assert_cmpuint (session->status, ==, 200);
  g_assert_cmpstr (header (session, "Cache-Control"), ==, "no-store");

  /* RFC 6750, 3: no credentials, no error code; a bad token, invalid_token. */
  assert_error (no_token, 401, "unauthorized", NULL);
  g_assert_cmpstr (header (no_token, "WWW-Authenticate"), ==, "Bearer realm=\"tek-cabinet\"");
  assert_error (bad_token, 401, "unauthorized", NULL);
  g_assert_cmpstr (header (bad_token, "WWW-Authenticate"), ==,
                   "Bearer realm=\"tek-cabinet\", error=\"invalid_token\"");
  assert_error (wrong_password, 401, "invalid_credentials", NULL);
  g_assert_true (g_str_has_prefix (header (wrong_password, "WWW-Authenticate"), "Bearer"));

  g_assert_cmpstr (header (health, "Server"), ==, "tek-cabinet-server");
  g_assert_cmpstr (header (balance, "Server"), ==, "tek-cabinet-server");

  server_stop (s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!server_test_init (argc, argv))
    return 1;

  g_test_add_func ("/server-strict/json-control-characters", test_json_control_characters);
  g_test_add_func ("/server-strict/query-control-characters", test_query_control_characters);
  g_test_add_func ("/server-strict/form-control-characters", test_form_control_characters);
  g_test_add_func ("/server-strict/form-read-past-end", test_form_read_past_end);
  g_test_add_func ("/server-strict/content-type", test_content_type);
  g_test_add_func ("/server-strict/headers", test_headers);

  return g_test_run ();
}
