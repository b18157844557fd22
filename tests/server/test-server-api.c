/* test-server-api.c: tek-cabinet-server through HTTP, as the client sees it.
 *
 * Every test starts the real server binary with --demo on 127.0.0.1:0 with its own temporary
 * database and mail folder, reads the "Listening on" line, and stops it with SIGTERM at the
 * end (which must exit 0).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "server-test-pg.h"
#include "server-test-util.h"

/* ---- service, routing ---- */

static void
test_health_and_routing (void)
{
  Server *s = server_start ();
  g_autoptr(Response) health = request (s, "GET", "/api/v1/health", NULL, NULL);
  g_autoptr(Response) unknown = request (s, "GET", "/api/v1/nothing-here", NULL, NULL);
  g_autoptr(Response) root = request (s, "GET", "/", NULL, NULL);
  g_autoptr(Response) wrong = request (s, "DELETE", "/api/v1/health", NULL, NULL);
  g_autoptr(Response) wrong_me = request (s, "POST", "/api/v1/me", NULL, "{}");
  g_autoptr(Response) no_token = request (s, "GET", "/api/v1/me", NULL, NULL);
  g_autoptr(Response) bad_token = NULL;
  g_autoptr(Response) unknown_token = NULL;
  const char *bad_token_headers[] = { "Authorization", "Basic abc", NULL };
  g_autofree char *zero_token = g_strnfill (64, '0');

  g_assert_cmpuint (health->status, ==, 200);
  g_assert_cmpstr (str (health, "status"), ==, "ok");
  g_assert_cmpstr (str (health, "version"), ==, PACKAGE_VERSION);
  g_assert_cmpuint (strlen (str (health, "today")), ==, 10);

  assert_error (unknown, 404, "not_found", NULL);
  assert_error (root, 404, "not_found", NULL);
  assert_error (wrong, 405, "method_not_allowed", NULL);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (wrong->msg),
                                                 "Allow"), ==, "GET");
  assert_error (wrong_me, 405, "method_not_allowed", NULL);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (wrong_me->msg),
                                                 "Allow"), ==, "GET, PATCH");

  assert_error (no_token, 401, "unauthorized", NULL);
  bad_token = request_full (s, "GET", "/api/v1/me", NULL, NULL, NULL, bad_token_headers);
  assert_error (bad_token, 401, "unauthorized", NULL);
  unknown_token = request (s, "GET", "/api/v1/me", zero_token, NULL);
  assert_error (unknown_token, 401, "unauthorized", NULL);

  server_stop (s);
}

/* ---- the manual's Fig. 8 ---- */

static void
assert_row (JsonArray  *rows,
            guint       i,
            const char *date,
            const char *kind,
            const char *number,
            const char *debit,
            const char *credit,
            guint       n_documents)
{
  JsonObject *row = json_array_get_object_element (rows, i);

  g_assert_cmpstr (json_object_get_string_member (row, "date"), ==, date);
  g_assert_cmpstr (json_object_get_string_member (row, "kind"), ==, kind);
  g_assert_cmpstr (json_object_get_string_member (row, "number"), ==, number);
  g_assert_cmpstr (json_object_get_string_member_with_default (row, "debit", NULL), ==, debit);
  g_assert_cmpstr (json_object_get_string_member_with_default (row, "credit", NULL), ==, credit);
  g_assert_true (json_object_has_member (row, "debit"));
  g_assert_true (json_object_has_member (row, "credit"));
  g_assert_nonnull (json_object_get_string_member (row, "title"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "documents")), ==,
                    n_documents);
}

static void
test_fig8 (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) st = request (s, "GET", "/api/v1/accounts/1234567890/statement?" FIG8_QUERY,
                                    token, NULL);
  g_autoptr(Response) bal = request (s, "GET", "/api/v1/accounts/1234567890/balance?on=2016-06-28",
                                     token, NULL);
  g_autoptr(Response) today = request (s, "GET", "/api/v1/accounts/1234567890/balance", token, NULL);
  g_autoptr(Response) bills = request (s, "GET", "/api/v1/accounts/1234567890/bills?" FIG8_QUERY,
                                       token, NULL);
  g_autoptr(Response) ledger = request (s, "GET", "/api/v1/accounts/1234567890/ledger", token, NULL);
  static const struct { const char *date, *kind, *number, *amount; } expected_bills[] = {
    { "2016-05-01", "advance_bill_1", "А-0501", "173118.79" },
    { "2016-05-16", "advance_bill_2", "А-0516", "405103.24" },
    { "2016-06-01", "advance_bill_1", "А-0601", "244223.01" },
    { "2016-06-16", "advance_bill_2", "А-0616", "193139.74" },
    { "2016-07-01", "advance_bill_1", "А-0701", "167345.26" },
  };
  JsonArray *rows, *list;
  JsonObject *first_doc;

  g_assert_cmpuint (st->status, ==, 200);
  g_assert_cmpstr (str (st, "account"), ==, "1234567890");
  g_assert_cmpstr (str (st, "from"), ==, "2016-05-01");
  g_assert_cmpstr (str (st, "to"), ==, "2016-08-01");
  g_assert_cmpstr (str (st, "opening_balance"), ==, "608822.79");
  g_assert_cmpstr (str (st, "debit_total"), ==, "284159.85");
  g_assert_cmpstr (str (st, "credit_total"), ==, "1404989.65");
  g_assert_cmpstr (str (st, "closing_balance"), ==, "-512007.01");
  rows = json_object_get_array_member (object_of (st), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 4);
  assert_row (rows, 0, "2016-05-24", "correction", "К-0524/1", "-198685.01", NULL, 2);
  assert_row (rows, 1, "2016-05-25", "payment", "П-118", NULL, "979990.44", 0);
  assert_row (rows, 2, "2016-05-31", "invoice", "СФ-0531/12", "482844.86", NULL, 2);
  assert_row (rows, 3, "2016-06-20", "payment", "П-163", NULL, "424999.21", 0);
  first_doc = json_array_get_object_element (
    json_object_get_array_member (json_array_get_object_element (rows, 0), "documents"), 0);
  g_assert_cmpstr (json_object_get_string_member (first_doc, "kind"), ==, "correction_invoice");
  g_assert_cmpuint (strlen (json_object_get_string_member (first_doc, "sha256")), ==, 64);
  g_assert_cmpint (json_object_get_int_member (first_doc, "size"), >, 1000);

  g_assert_cmpuint (bal->status, ==, 200);
  g_assert_cmpstr (str (bal, "account"), ==, "1234567890");
  g_assert_cmpstr (str (bal, "on"), ==, "2016-06-28");
  g_assert_cmpstr (str (bal, "debt"), ==, "-74644.26");
  g_assert_cmpstr (str (bal, "recommended_payment"), ==, "0.00");
  /* Today: the closing balance plus the June and July advance bills, which no invoice for
   * their month ever replaced: -512007.01 + 244223.01 + 193139.74 + 167345.26. */
  g_assert_cmpuint (today->status, ==, 200);
  g_assert_cmpstr (str (today, "debt"), ==, "92701.00");
  g_assert_cmpstr (str (today, "recommended_payment"), ==, "92701.00");

  g_assert_cmpuint (bills->status, ==, 200);
  list = json_object_get_array_member (object_of (bills), "bills");
  g_assert_cmpuint (json_array_get_length (list), ==, G_N_ELEMENTS (expected_bills));
  for (guint i = 0; i < G_N_ELEMENTS (expected_bills); i++)
    {
      JsonObject *bill = json_array_get_object_element (list, i);
      JsonArray *docs = json_object_get_array_member (bill, "documents");

      g_assert_cmpstr (json_object_get_string_member (bill, "date"), ==, expected_bills[i].date);
      g_assert_cmpstr (json_object_get_string_member (bill, "kind"), ==, expected_bills[i].kind);
      g_assert_cmpstr (json_object_get_string_member (bill, "number"), ==, expected_bills[i].number);
      g_assert_cmpstr (json_object_get_string_member (bill, "amount"), ==, expected_bills[i].amount);
      g_assert_cmpuint (json_array_get_length (docs), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (docs, 0), "kind"),
                       ==, "advance_bill");
    }

  g_assert_cmpuint (ledger->status, ==, 200);
  g_assert_cmpstr (str (ledger, "opening_date"), ==, "2016-05-01");
  g_assert_cmpstr (str (ledger, "opening_balance"), ==, "608822.79");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (ledger),
                                                                         "entries")), ==, 9);
  server_stop (s);
}

static void
test_generated_account (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) st = request (s, "GET", "/api/v1/accounts/1234567891/statement"
                                    "?from=2024-01-01&to=2024-04-01", token, NULL);
  g_autoptr(Response) bills = request (s, "GET", "/api/v1/accounts/1234567891/bills"
                                       "?from=2024-01-01&to=2024-04-01", token, NULL);
  JsonArray *rows;
  guint invoices = 0;

  g_assert_cmpuint (st->status, ==, 200);
  g_assert_cmpstr (str (st, "opening_balance"), ==, "0.00");
  rows = json_object_get_array_member (object_of (st), "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_strcmp0 (json_object_get_string_member (row, "kind"), "invoice") == 0)
        {
          invoices++;
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "documents")),
                            ==, 2);
        }
    }
  g_assert_cmpuint (invoices, ==, 3);
  g_assert_cmpuint (bills->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (bills), "bills")),
                    ==, 6);
  server_stop (s);
}

/* ---- who may see what ---- */

static void
test_neighbour_invisible (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autofree char *other = sign_in (s, OTHER_LOGIN, OTHER_PASSWORD);
  static const char * const routes[] = {
    "balance", "balance?on=2025-06-01", "statement?from=2025-01-01&to=2025-07-01",
    "bills?from=2025-01-01&to=2025-07-01", "ledger", "statement?from=bad", "bills",
  };
  g_autoptr(Response) own = NULL;
  g_autoptr(Response) theirs = NULL;
  g_autoptr(Response) st = NULL;
  g_autoptr(Response) doc_theirs = NULL;
  g_autoptr(Response) doc_none = NULL;
  g_autoptr(Response) doc_junk = NULL;
  g_autofree char *doc_path = NULL;
  JsonArray *rows;
  const char *doc_id = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_autofree char *neighbour = g_strdup_printf ("/api/v1/accounts/3456789012/%s", routes[i]);
      g_autofree char *missing = g_strdup_printf ("/api/v1/accounts/9999999999/%s", routes[i]);
      g_autofree char *junk = g_strdup_printf ("/api/v1/accounts/abc/%s", routes[i]);
      g_autoptr(Response) a = request (s, "GET", neighbour, token, NULL);
      g_autoptr(Response) b = request (s, "GET", missing, token, NULL);
      g_autoptr(Response) c = request (s, "GET", junk, token, NULL);

      assert_error (a, 404, "not_found", NULL);
      g_assert_cmpuint (a->status, ==, b->status);
      g_assert_true (bytes_equal (a, b));
      g_assert_true (bytes_equal (a, c));
      g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (a->msg), NULL),
                       ==, soup_message_headers_get_content_type (soup_message_get_response_headers (b->msg), NULL));
    }

  /* The neighbour sees its own account, with documents. */
  own = request (s, "GET", "/api/v1/accounts/3456789012/balance?on=2025-06-01", other, NULL);
  g_assert_cmpuint (own->status, ==, 200);
  theirs = request (s, "GET", "/api/v1/accounts/1234567890/balance", other, NULL);
  assert_error (theirs, 404, "not_found", NULL);
  st = request (s, "GET", "/api/v1/accounts/3456789012/statement?from=2025-01-01&to=2025-03-01",
                other, NULL);
  g_assert_cmpuint (st->status, ==, 200);
  rows = json_object_get_array_member (object_of (st), "rows");
  for (guint i = 0; i < json_array_get_length (rows) && doc_id == NULL; i++)
    {
      JsonArray *docs = json_object_get_array_member (json_array_get_object_element (rows, i),
                                                      "documents");

      if (json_array_get_length (docs) > 0)
        doc_id = json_object_get_string_member (json_array_get_object_element (docs, 0), "id");
    }
  g_assert_nonnull (doc_id);

  doc_path = g_strdup_printf ("/api/v1/documents/%s", doc_id);
  doc_theirs = request (s, "GET", doc_path, token, NULL);
  doc_none = request (s, "GET", "/api/v1/documents/99999999", token, NULL);
  doc_junk = request (s, "GET", "/api/v1/documents/x1", token, NULL);
  assert_error (doc_theirs, 404, "not_found", NULL);
  g_assert_true (bytes_equal (doc_theirs, doc_none));
  g_assert_true (bytes_equal (doc_theirs, doc_junk));
  server_stop (s);
}

static void
test_document_download (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) st = request (s, "GET", "/api/v1/accounts/1234567890/statement?" FIG8_QUERY,
                                    token, NULL);
  g_autoptr(Response) pdf = NULL;
  g_autoptr(Response) again = NULL;
  g_autoptr(Response) cached = NULL;
  g_autofree char *path = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *sha = NULL;
  const char *if_none_match[] = { "If-None-Match", NULL, NULL };
  SoupMessageHeaders *headers;
  JsonObject *doc;
  gsize size;
  const char *data;

  g_assert_cmpuint (st->status, ==, 200);
  doc = json_array_get_object_element (
    json_object_get_array_member (json_array_get_object_element (
      json_object_get_array_member (object_of (st), "rows"), 2), "documents"), 0);
  g_assert_cmpstr (json_object_get_string_member (doc, "kind"), ==, "invoice");

  path = g_strdup_printf ("/api/v1/documents/%s", json_object_get_string_member (doc, "id"));
  pdf = request (s, "GET", path, token, NULL);
  g_assert_cmpuint (pdf->status, ==, 200);
  headers = soup_message_get_response_headers (pdf->msg);
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==, "application/pdf");
  data = g_bytes_get_data (pdf->body, &size);
  g_assert_cmpint ((gint64) size, ==, json_object_get_int_member (doc, "size"));
  g_assert_true (size > 4 && memcmp (data, "%PDF", 4) == 0);
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf->body);
  g_assert_cmpstr (sha, ==, json_object_get_string_member (doc, "sha256"));
  etag = g_strdup_printf ("\"%s\"", sha);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "ETag"), ==, etag);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (headers, "Content-Disposition"),
                                   "attachment; filename=\""));

  /* The same bytes every time. */
  again = request (s, "GET", path, token, NULL);
  g_assert_true (bytes_equal (pdf, again));

  if_none_match[1] = etag;
  cached = request_full (s, "GET", path, token, NULL, NULL, if_none_match);
  g_assert_cmpuint (cached->status, ==, 304);
  g_assert_cmpuint (g_bytes_get_size (cached->body), ==, 0);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (cached->msg),
                                                 "ETag"), ==, etag);
  server_stop (s);
}

static void
test_document_download_unlisted (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  /* Document 1 (the first advance bill) is downloaded before any listing rendered it. */
  g_autoptr(Response) pdf = request (s, "GET", "/api/v1/documents/1", token, NULL);
  g_autoptr(Response) bills = NULL;
  g_autofree char *sha = NULL;
  JsonObject *doc;

  g_assert_cmpuint (pdf->status, ==, 200);
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf->body);
  bills = request (s, "GET", "/api/v1/accounts/1234567890/bills?" FIG8_QUERY, token, NULL);
  doc = json_array_get_object_element (json_object_get_array_member (
          json_array_get_object_element (json_object_get_array_member (object_of (bills), "bills"),
                                         0), "documents"), 0);
  g_assert_cmpstr (json_object_get_string_member (doc, "id"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (doc, "sha256"), ==, sha);
  g_assert_cmpint (json_object_get_int_member (doc, "size"), ==, (gint64) g_bytes_get_size (pdf->body));
  server_stop (s);
}

/* ---- registration ---- */

static void
check_registration (Server     *s,
                    const char *dp_code,
                    const char *account,
                    guint       status,
                    const char *code,
                    const char *field)
{
  g_autofree char *json = g_strdup_printf ("{\"dp_code\": \"%s\", \"account\": \"%s\"}",
                                           dp_code, account);
  g_autoptr(Response) r = request (s, "POST", "/api/v1/registration/check", NULL, json);

  if (code == NULL)
    {
      g_assert_cmpuint (r->status, ==, status);
      g_assert_cmpuint (json_object_get_size (object_of (r)), ==, 0);
    }
  else
    assert_error (r, status, code, field);
}

static void
test_registration (void)
{
  Server *s = server_start ();
  g_autoptr(Response) missing = request (s, "POST", "/api/v1/registration/check", NULL,
                                         "{\"dp_code\": \"7700005678\"}");
  g_autoptr(Response) reg = NULL;
  g_autoptr(Response) again = NULL;
  g_autoptr(Response) me = NULL;
  g_autoptr(Response) bad_email = NULL;
  g_autoptr(Response) short_password = NULL;
  g_autoptr(Response) no_dp = NULL;
  g_autofree char *token = NULL;
  g_autofree char *mail = NULL;
  GSList *files;

  check_registration (s, "7700005678", "2345678901", 200, NULL, NULL);
  check_registration (s, "7700005678", "", 200, NULL, NULL);
  check_registration (s, "", "2345678901", 200, NULL, NULL);
  check_registration (s, "7700000000", "2345678901", 422, "dp_code_not_found", "dp_code");
  check_registration (s, "7700000000", "0000000000", 422, "dp_code_not_found", "dp_code");
  check_registration (s, "77000", "", 422, "dp_code_not_found", "dp_code");
  check_registration (s, "7700005678", "0000000000", 422, "account_not_found", "account");
  check_registration (s, "7700005678", "1234567890", 422, "account_dp_mismatch", "account");
  check_registration (s, "7700001234", "1234567891", 422, "already_registered", "dp_code");
  check_registration (s, "", "3456789012", 422, "already_registered", "dp_code");
  assert_error (missing, 422, "invalid_field", "account");

  bad_email = request (s, "POST", "/api/v1/registration", NULL,
                       "{\"dp_code\": \"7700005678\", \"account\": \"2345678901\","
                       " \"email\": \"not-an-email\", \"password\": \"s3cret-pass\"}");
  assert_error (bad_email, 422, "invalid_field", "email");
  short_password = request (s, "POST", "/api/v1/registration", NULL,
                            "{\"dp_code\": \"7700005678\", \"account\": \"2345678901\","
                            " \"email\": \"a@b.ru\", \"password\": \"short\"}");
  assert_error (short_password, 422, "invalid_field", "password");
  no_dp = request (s, "POST", "/api/v1/registration", NULL,
                   "{\"dp_code\": \"\", \"account\": \"2345678901\","
                   " \"email\": \"a@b.ru\", \"password\": \"s3cret-pass\"}");
  assert_error (no_dp, 422, "invalid_field", "dp_code");

  reg = request (s, "POST", "/api/v1/registration", NULL,
                 "{\"dp_code\": \"7700005678\", \"account\": \"2345678901\","
                 " \"email\": \"new@example.org\", \"password\": \"s3cret-pass\"}");
  g_assert_cmpuint (reg->status, ==, 201);
  g_assert_cmpstr (str (reg, "login"), ==, "2345678901");
  me = request (s, "GET", "/api/v1/me", str (reg, "token"), NULL);
  g_assert_cmpuint (me->status, ==, 200);
  g_assert_cmpstr (str (me, "email"), ==, "new@example.org");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object_of (me),
                                                                                 "partner"),
                                                  "dp_code"), ==, "7700005678");

  again = request (s, "POST", "/api/v1/registration", NULL,
                   "{\"dp_code\": \"7700005678\", \"account\": \"2345678901\","
                   " \"email\": \"x@example.org\", \"password\": \"s3cret-pass\"}");
  assert_error (again, 422, "already_registered", "dp_code");
  check_registration (s, "7700005678", "2345678901", 422, "already_registered", "dp_code");

  token = sign_in (s, "2345678901", "s3cret-pass");

  files = list_mail (s);
  g_assert_cmpuint (g_slist_length (files), ==, 1);
  g_assert_true (g_file_get_contents (files->data, &mail, NULL, NULL));
  g_assert_nonnull (strstr (mail, "To: <new@example.org>\r\n"));
  g_assert_nonnull (strstr (mail, "2345678901"));
  g_slist_free_full (files, g_free);
  server_stop (s);
}

typedef struct
{
  guint  pending;
  guint  statuses[2];
  GBytes *bodies[2];
} Race;

static void
race_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Race *race = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  GBytes *body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint i = race->pending == 2 ? 0 : 1;

  g_assert_no_error (error);
  race->statuses[i] = soup_message_get_status (msg);
  race->bodies[i] = body;
  race->pending--;
}

static void
test_registration_race (void)
{
  Server *s = server_start ();
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = g_strconcat (s->base, "/api/v1/registration", NULL);
  g_autoptr(SoupMessage) a = soup_message_new ("POST", url);
  g_autoptr(SoupMessage) b = soup_message_new ("POST", url);
  Race race = { 2, { 0, 0 }, { NULL, NULL } };
  guint created = 0, refused = 0;

  body = g_bytes_new_static ("{\"dp_code\": \"7700005678\", \"account\": \"2345678901\","
                             " \"email\": \"race@example.org\", \"password\": \"s3cret-pass\"}",
                             strlen ("{\"dp_code\": \"7700005678\", \"account\": \"2345678901\","
                                     " \"email\": \"race@example.org\", \"password\": \"s3cret-pass\"}"));
  soup_message_set_request_body_from_bytes (a, "application/json", body);
  soup_message_set_request_body_from_bytes (b, "application/json", body);
  soup_session_send_and_read_async (s->session, a, G_PRIORITY_DEFAULT, NULL, race_done, &race);
  soup_session_send_and_read_async (s->session, b, G_PRIORITY_DEFAULT, NULL, race_done, &race);
  while (race.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < 2; i++)
    {
      if (race.statuses[i] == 201)
        created++;
      else if (race.statuses[i] == 422
               && strstr (g_bytes_get_data (race.bodies[i], NULL), "\"already_registered\"") != NULL)
        refused++;
      g_bytes_unref (race.bodies[i]);
    }
  g_assert_cmpuint (created, ==, 1);
  g_assert_cmpuint (refused, ==, 1);
  server_stop (s);
}

/* ---- sessions ---- */

static void
test_sign_in_errors_and_rate_limit (void)
{
  Server *s = server_start ();
  g_autoptr(Response) unknown = request (s, "POST", "/api/v1/session", NULL,
                                         "{\"login\": \"0000000000\", \"password\": \"demo-password\"}");
  g_autoptr(Response) limited = NULL;
  g_autoptr(Response) other = NULL;
  JsonObject *error;
  const char *retry_after;

  assert_error (unknown, 401, "invalid_credentials", NULL);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(Response) wrong = request (s, "POST", "/api/v1/session", NULL,
                                           "{\"login\": \"1234567890\", \"password\": \"wrong-pass\"}");

      assert_error (wrong, 401, "invalid_credentials", NULL);
      /* The same answer for an unknown login and a wrong password. */
      g_assert_true (bytes_equal (wrong, unknown));
    }
  /* Even the right password is refused now. */
  limited = request (s, "POST", "/api/v1/session", NULL,
                     "{\"login\": \"1234567890\", \"password\": \"demo-password\"}");
  assert_error (limited, 429, "rate_limited", NULL);
  retry_after = soup_message_headers_get_one (soup_message_get_response_headers (limited->msg),
                                              "Retry-After");
  g_assert_nonnull (retry_after);
  g_assert_cmpint (g_ascii_strtoll (retry_after, NULL, 10), >, 0);
  g_assert_cmpint (g_ascii_strtoll (retry_after, NULL, 10), <=, 900);
  error = json_object_get_object_member (object_of (limited), "error");
  g_assert_cmpint (json_object_get_int_member (error, "retry_after"), ==,
                   g_ascii_strtoll (retry_after, NULL, 10));

  /* Another login from the same address still works (6 failures < 20). */
  g_free (sign_in (s, OTHER_LOGIN, OTHER_PASSWORD));

  /* 20 failures from one address block every login. */
  for (guint i = 0; i < 14; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"login\": \"nobody%u\", \"password\": \"x\"}", i);
      g_autoptr(Response) wrong = request (s, "POST", "/api/v1/session", NULL, json);

      assert_error (wrong, 401, "invalid_credentials", NULL);
    }
  other = request (s, "POST", "/api/v1/session", NULL,
                   "{\"login\": \"3456789012\", \"password\": \"other-password\"}");
  assert_error (other, 429, "rate_limited", NULL);
  server_stop (s);
}

static void
test_logout (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autofree char *second = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) me = request (s, "GET", "/api/v1/me", token, NULL);
  g_autoptr(Response) out = request (s, "DELETE", "/api/v1/session", token, NULL);
  g_autoptr(Response) after = request (s, "GET", "/api/v1/me", token, NULL);
  g_autoptr(Response) out_again = request (s, "DELETE", "/api/v1/session", token, NULL);
  g_autoptr(Response) other_session = request (s, "GET", "/api/v1/me", second, NULL);

  g_assert_cmpuint (me->status, ==, 200);
  g_assert_cmpuint (out->status, ==, 204);
  assert_error (after, 401, "unauthorized", NULL);
  assert_error (out_again, 401, "unauthorized", NULL);
  g_assert_cmpuint (other_session->status, ==, 200);
  server_stop (s);
}

static void
test_token_expiry (void)
{
  const char *args[] = { "--token-ttl", "4", NULL };
  Server *s = server_start_full (NULL, args, NULL);
  gint64 before = g_get_monotonic_time ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) fresh = request (s, "GET", "/api/v1/me", token, NULL);
  gint64 after = g_get_monotonic_time ();
  g_autoptr(Response) stale = NULL;

  /* The token was issued after @before and used before @after: within its 4 s (less a second
   * for whole-second clocks) it must work; a machine too loaded for that only skips this half. */
  if (after - before < 2 * G_USEC_PER_SEC)
    g_assert_cmpuint (fresh->status, ==, 200);
  else
    g_test_message ("sign-in and first use took %" G_GINT64_FORMAT " ms: not checking the fresh token",
                    (after - before) / 1000);
  /* Issued before @after: past 4 s (plus a second for rounding) it must be refused. */
  while (g_get_monotonic_time () < after + 5200 * G_TIME_SPAN_MILLISECOND)
    g_usleep (100 * G_TIME_SPAN_MILLISECOND);
  stale = request (s, "GET", "/api/v1/me", token, NULL);
  assert_error (stale, 401, "unauthorized", NULL);
  server_stop (s);
}

/* ---- password reset ---- */

static void
test_password_reset (void)
{
  Server *s = server_start ();
  g_autoptr(Response) miss = request (s, "POST", "/api/v1/password-reset", NULL,
                                      "{\"login\": \"1234567890\", \"email\": \"wrong@example.org\"}");
  g_autoptr(Response) unknown = request (s, "POST", "/api/v1/password-reset", NULL,
                                         "{\"login\": \"0000000000\", \"email\": \"demo@example.org\"}");
  g_autoptr(Response) hit = request (s, "POST", "/api/v1/password-reset", NULL,
                                     "{\"login\": \"1234567890\", \"email\": \"demo@example.org\"}");
  g_autoptr(Response) temp_in = NULL;
  g_autoptr(Response) me = NULL;
  g_autoptr(Response) balance = NULL;
  g_autoptr(Response) feedback = NULL;
  g_autoptr(Response) old_after = NULL;
  g_autoptr(Response) change = NULL;
  g_autoptr(Response) balance_after = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *json = NULL;
  g_autofree char *old_token = NULL;
  g_autofree char *new_token = NULL;
  const char *token;

  g_assert_cmpuint (hit->status, ==, 202);
  g_assert_cmpstr (str (hit, "status"), ==, "accepted");
  g_assert_true (bytes_equal (hit, miss));
  g_assert_true (bytes_equal (hit, unknown));

  mail = wait_for_mail (s, 1);
  assert_mail_headers (mail, "demo@example.org");
  temp = temporary_password (mail);
  g_assert_cmpuint (strlen (temp), ==, 16);

  /* The old password keeps working until the temporary one is used. */
  old_token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);

  json = g_strdup_printf ("{\"login\": \"1234567890\", \"password\": \"%s\"}", temp);
  temp_in = request (s, "POST", "/api/v1/session", NULL, json);
  g_assert_cmpuint (temp_in->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (object_of (temp_in), "must_change_password"));
  token = str (temp_in, "token");

  me = request (s, "GET", "/api/v1/me", token, NULL);
  g_assert_cmpuint (me->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (object_of (me), "must_change_password"));
  balance = request (s, "GET", "/api/v1/accounts/1234567890/balance", token, NULL);
  assert_error (balance, 403, "password_change_required", NULL);
  feedback = request (s, "GET", "/api/v1/feedback", token, NULL);
  assert_error (feedback, 403, "password_change_required", NULL);

  /* Used once, the temporary password replaced the old one. */
  old_after = request (s, "POST", "/api/v1/session", NULL,
                       "{\"login\": \"1234567890\", \"password\": \"demo-password\"}");
  assert_error (old_after, 401, "invalid_credentials", NULL);

  g_free (json);
  json = g_strdup_printf ("{\"current_password\": \"%s\", \"new_password\": \"brand-new-pass\","
                          " \"email\": \"demo@example.org\"}", temp);
  change = request (s, "PATCH", "/api/v1/me", token, json);
  g_assert_cmpuint (change->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (object_of (change), "must_change_password"));
  balance_after = request (s, "GET", "/api/v1/accounts/1234567890/balance", token, NULL);
  g_assert_cmpuint (balance_after->status, ==, 200);
  new_token = sign_in (s, DEMO_LOGIN, "brand-new-pass");

  /* Only the matching request sent mail. */
  g_free (wait_for_mail (s, 1));
  server_stop (s);
}

static void
test_temporary_password_expires (void)
{
  Server *s = server_start ();
  g_autoptr(Response) hit = request (s, "POST", "/api/v1/password-reset", NULL,
                                     "{\"login\": \"1234567890\", \"email\": \"DEMO@example.org\"}");
  const char *later[] = { "CAB_SERVER_CLOCK_OFFSET", "90000", NULL };
  g_autofree char *dir = g_strdup (s->dir);
  g_autofree char *mail = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *json = NULL;
  g_autofree char *token = NULL;
  g_autoptr(Response) expired = NULL;

  g_assert_cmpuint (hit->status, ==, 202);
  mail = wait_for_mail (s, 1);
  temp = temporary_password (mail);
  server_stop_keep (s);

  /* 25 hours later, on the same database. */
  s = server_start_full (dir, NULL, later);
  json = g_strdup_printf ("{\"login\": \"1234567890\", \"password\": \"%s\"}", temp);
  expired = request (s, "POST", "/api/v1/session", NULL, json);
  assert_error (expired, 401, "invalid_credentials", NULL);
  token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  server_stop (s);
}

/* ---- the profile ---- */

static void
test_profile (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) none = request (s, "PUT", "/api/v1/me/visible-accounts", token,
                                      "{\"accounts\": []}");
  g_autoptr(Response) foreign = request (s, "PUT", "/api/v1/me/visible-accounts", token,
                                         "{\"accounts\": [\"1234567890\", \"3456789012\"]}");
  g_autoptr(Response) not_list = request (s, "PUT", "/api/v1/me/visible-accounts", token,
                                          "{\"accounts\": \"1234567890\"}");
  g_autoptr(Response) one = request (s, "PUT", "/api/v1/me/visible-accounts", token,
                                     "{\"accounts\": [\"1234567891\"]}");
  g_autoptr(Response) sub = request (s, "PUT", "/api/v1/me/subscription", token,
                                     "{\"subscribed\": true}");
  g_autoptr(Response) sub_bad = request (s, "PUT", "/api/v1/me/subscription", token,
                                         "{\"subscribed\": \"yes\"}");
  g_autoptr(Response) wrong = request (s, "PATCH", "/api/v1/me", token,
                                       "{\"current_password\": \"nope-nope\", \"email\": \"demo@example.org\"}");
  g_autoptr(Response) bad_phone = request (s, "PATCH", "/api/v1/me", token,
                                           "{\"current_password\": \"demo-password\", \"email\": \"demo@example.org\", \"phone\": \"12\"}");
  g_autoptr(Response) bad_email = request (s, "PATCH", "/api/v1/me", token,
                                           "{\"current_password\": \"demo-password\", \"email\": \"demo\"}");
  g_autoptr(Response) no_email = request (s, "PATCH", "/api/v1/me", token,
                                          "{\"current_password\": \"demo-password\"}");
  g_autoptr(Response) short_pw = request (s, "PATCH", "/api/v1/me", token,
                                          "{\"current_password\": \"demo-password\", \"email\": \"demo@example.org\", \"new_password\": \"123\"}");
  g_autoptr(Response) bad_login = request (s, "PATCH", "/api/v1/me", token,
                                           "{\"current_password\": \"demo-password\", \"email\": \"demo@example.org\", \"login\": \"a b\"}");
  g_autoptr(Response) taken = request (s, "PATCH", "/api/v1/me", token,
                                       "{\"current_password\": \"demo-password\", \"email\": \"demo@example.org\", \"login\": \"3456789012\"}");
  g_autoptr(Response) phone = request (s, "PATCH", "/api/v1/me", token,
                                       "{\"current_password\": \"demo-password\", \"email\": \"d2@example.org\", \"phone\": \"8 (999) 765-43-21\"}");
  g_autoptr(Response) kept = request (s, "PATCH", "/api/v1/me", token,
                                      "{\"current_password\": \"demo-password\", \"email\": \"d2@example.org\"}");
  g_autoptr(Response) cleared = request (s, "PATCH", "/api/v1/me", token,
                                         "{\"current_password\": \"demo-password\", \"email\": \"d2@example.org\", \"phone\": null, \"login\": \"romashka\"}");
  g_autoptr(Response) old_login = NULL;
  g_autofree char *new_token = NULL;
  g_autofree char *mail = NULL;
  JsonArray *visible;

  assert_error (none, 422, "no_visible_account", NULL);
  assert_error (foreign, 422, "invalid_field", "accounts");
  assert_error (not_list, 422, "invalid_field", "accounts");
  g_assert_cmpuint (one->status, ==, 200);
  visible = json_object_get_array_member (object_of (one), "visible_accounts");
  g_assert_cmpuint (json_array_get_length (visible), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (visible, 0), ==, "1234567891");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (one),
                                                                         "contracts")), ==, 2);

  g_assert_cmpuint (sub->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (object_of (sub), "subscribed"));
  mail = wait_for_mail (s, 1);
  assert_mail_headers (mail, "demo@example.org");
  assert_error (sub_bad, 422, "invalid_field", "subscribed");

  assert_error (wrong, 403, "wrong_password", NULL);
  assert_error (bad_phone, 422, "invalid_field", "phone");
  assert_error (bad_email, 422, "invalid_field", "email");
  assert_error (no_email, 422, "invalid_field", "email");
  assert_error (short_pw, 422, "invalid_field", "new_password");
  assert_error (bad_login, 422, "invalid_field", "login");
  assert_error (taken, 409, "login_taken", "login");

  g_assert_cmpuint (phone->status, ==, 200);
  g_assert_cmpstr (str (phone, "phone"), ==, "+79997654321");
  g_assert_cmpstr (str (phone, "email"), ==, "d2@example.org");
  g_assert_true (json_object_get_boolean_member (object_of (phone), "subscribed"));
  g_assert_cmpuint (kept->status, ==, 200);
  g_assert_cmpstr (str (kept, "phone"), ==, "+79997654321");
  g_assert_cmpuint (cleared->status, ==, 200);
  g_assert_true (json_node_is_null (json_object_get_member (object_of (cleared), "phone")));
  g_assert_cmpstr (str (cleared, "login"), ==, "romashka");

  new_token = sign_in (s, "romashka", DEMO_PASSWORD);
  old_login = request (s, "POST", "/api/v1/session", NULL,
                       "{\"login\": \"1234567890\", \"password\": \"demo-password\"}");
  assert_error (old_login, 401, "invalid_credentials", NULL);
  server_stop (s);
}

/* ---- malformed input ---- */

static void
test_malformed_bodies (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  static const struct { const char *body; guint status; const char *code; const char *field; } cases[] = {
    { "{\"login\": \"1234567890\", \"password\": \"demo-", 400, "malformed_json", NULL },
    { "", 400, "malformed_json", NULL },
    { "[1, 2]", 400, "malformed_json", NULL },
    { "\"text\"", 400, "malformed_json", NULL },
    { "{\"login\": \"\xff\xfe\", \"password\": \"x\"}", 400, "malformed_json", NULL },
    { "{\"login\": 1234567890, \"password\": \"demo-password\"}", 422, "invalid_field", "login" },
    { "{\"login\": null, \"password\": \"demo-password\"}", 422, "invalid_field", "login" },
    { "{\"login\": \"1234567890\"}", 422, "invalid_field", "password" },
    { "{\"login\": \"1234567890\", \"password\": [\"demo-password\"]}", 422, "invalid_field", "password" },
  };
  static const struct { const char *query; const char *field; } bad_queries[] = {
    { "balance?on=2016-02-30", "on" },
    { "balance?on=28.06.2016", "on" },
    { "balance?on=", "on" },
    { "statement?from=2016-05-01", "to" },
    { "statement?to=2016-05-01", "from" },
    { "statement?from=2016-08-01&to=2016-05-01", "to" },
    { "statement?from=2016-05-01&to=2016-05-01", "to" },
    { "statement?from=1990-01-01&to=2016-05-01", "to" },
    { "bills?from=2016-13-01&to=2016-08-01", "from" },
  };
  g_autoptr(GString) deep = g_string_new ("{\"a\": ");
  g_autoptr(GBytes) huge_body = NULL;
  g_autoptr(Response) nested = NULL;
  g_autoptr(Response) huge = NULL;
  g_autoptr(Response) form = NULL;
  g_autoptr(Response) still = NULL;
  g_autoptr(GBytes) form_body = g_bytes_new_static ("login=1&password=2", 18);
  char *filler;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autoptr(Response) r = request_full (s, "POST", "/api/v1/session", NULL, "application/json",
                                            body, NULL);

      assert_error (r, cases[i].status, cases[i].code, cases[i].field);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_queries); i++)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/accounts/1234567890/%s", bad_queries[i].query);
      g_autoptr(Response) r = request (s, "GET", path, token, NULL);

      assert_error (r, 422, "invalid_field", bad_queries[i].field);
    }

  for (guint i = 0; i < 1000; i++)
    g_string_append (deep, "[");
  for (guint i = 0; i < 1000; i++)
    g_string_append (deep, "]");
  g_string_append (deep, "}");
  nested = request (s, "POST", "/api/v1/session", NULL, deep->str);
  assert_error (nested, 400, "malformed_json", NULL);

  /* Over 1 MiB: refused from the declared length. */
  filler = g_malloc (1024 * 1024 + 100);
  memset (filler, ' ', 1024 * 1024 + 100);
  memcpy (filler, "{\"login\": \"", 11);
  memcpy (filler + 1024 * 1024 + 90, "\", \"p\": 1}", 10);
  huge_body = g_bytes_new_take (filler, 1024 * 1024 + 100);
  huge = request_full (s, "POST", "/api/v1/session", NULL, "application/json", huge_body, NULL);
  assert_error (huge, 413, "too_large", NULL);

  form = request_full (s, "POST", "/api/v1/session", NULL, "application/x-www-form-urlencoded",
                       form_body, NULL);
  assert_error (form, 415, "unsupported_media_type", NULL);

  /* Nothing of the above broke the server or the account. */
  still = request (s, "GET", "/api/v1/accounts/1234567890/balance?on=2016-06-28", token, NULL);
  g_assert_cmpuint (still->status, ==, 200);
  g_assert_cmpstr (str (still, "debt"), ==, "-74644.26");
  server_stop (s);
}

/* A body over 1 MiB sent in chunks, without Content-Length, is refused as well. */
static void
test_chunked_too_large (void)
{
  Server *s = server_start ();
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *status_line = NULL;
  g_autofree char *chunk = g_strnfill (64 * 1024, 'x');
  g_autofree char *head = NULL;
  GOutputStream *out;
  const char *authority = s->base + strlen ("http://");

  conn = g_socket_client_connect_to_host (client, authority, 80, NULL, &error);
  g_assert_no_error (error);
  out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  head = g_strdup_printf ("POST /api/v1/session HTTP/1.1\r\nHost: %s\r\n"
                          "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                          authority);
  g_assert_true (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, &error));
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *size = g_strdup_printf ("%x\r\n", 64 * 1024);

      g_output_stream_write_all (out, size, strlen (size), NULL, NULL, NULL);
      g_output_stream_write_all (out, chunk, 64 * 1024, NULL, NULL, NULL);
      g_output_stream_write_all (out, "\r\n", 2, NULL, NULL, NULL);
    }
  g_output_stream_write_all (out, "0\r\n\r\n", 5, NULL, NULL, NULL);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (conn)));
  status_line = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (status_line, "HTTP/1.1 413 "));
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  server_stop (s);
}

/* ---- feedback ---- */

static Response *
post_feedback (Server     *s,
               const char *token,
               const char *text,
               gsize       file_size,
               const char *client_id)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *content_type = NULL;

  if (text != NULL)
    soup_multipart_append_form_string (multipart, "text", text);
  if (client_id != NULL)
    soup_multipart_append_form_string (multipart, "client_id", client_id);
  if (file_size > 0)
    {
      guint8 *data = g_malloc (file_size);
      g_autoptr(GBytes) file = NULL;

      memset (data, 'F', file_size);
      file = g_bytes_new_take (data, file_size);
      soup_multipart_append_form_file (multipart, "file", "scan.pdf", "application/pdf", file);
    }
  soup_multipart_to_message (multipart, headers, &body);
  content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  return request_full (s, "POST", "/api/v1/feedback", token, content_type, body, NULL);
}

static void
test_feedback (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) exact = post_feedback (s, token, "Счет за май не пришел", 10485760, NULL);
  g_autoptr(Response) over = post_feedback (s, token, "Слишком большой файл", 10485761, NULL);
  g_autoptr(Response) first = post_feedback (s, token, "Повтор", 0, "outbox-42");
  g_autoptr(Response) retry = post_feedback (s, token, "Повтор", 0, "outbox-42");
  g_autoptr(Response) no_text = post_feedback (s, token, NULL, 10, NULL);
  g_autoptr(Response) empty_text = post_feedback (s, token, "", 0, NULL);
  g_autoptr(Response) not_multipart = request (s, "POST", "/api/v1/feedback", token, "{\"text\": \"x\"}");
  g_autoptr(Response) no_auth = post_feedback (s, NULL, "x", 0, NULL);
  g_autoptr(Response) long_text = NULL;
  g_autoptr(Response) list = NULL;
  g_autofree char *text_4001 = g_strnfill (4001, 'a');
  JsonArray *messages;
  JsonObject *oldest, *newest;

  g_assert_cmpuint (exact->status, ==, 201);
  assert_error (over, 413, "too_large", NULL);
  g_assert_cmpuint (first->status, ==, 201);
  g_assert_cmpuint (retry->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (object_of (first), "id"), ==,
                   json_object_get_int_member (object_of (retry), "id"));
  assert_error (no_text, 422, "invalid_field", "text");
  assert_error (empty_text, 422, "invalid_field", "text");
  long_text = post_feedback (s, token, text_4001, 0, NULL);
  assert_error (long_text, 422, "invalid_field", "text");
  assert_error (not_multipart, 415, "unsupported_media_type", NULL);
  assert_error (no_auth, 401, "unauthorized", NULL);

  list = request (s, "GET", "/api/v1/feedback", token, NULL);
  g_assert_cmpuint (list->status, ==, 200);
  messages = json_object_get_array_member (object_of (list), "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  newest = json_array_get_object_element (messages, 0);
  oldest = json_array_get_object_element (messages, 1);
  g_assert_cmpstr (json_object_get_string_member (newest, "text"), ==, "Повтор");
  g_assert_cmpstr (json_object_get_string_member (oldest, "text"), ==, "Счет за май не пришел");
  g_assert_cmpstr (json_object_get_string_member (oldest, "file_name"), ==, "scan.pdf");
  g_assert_cmpint (json_object_get_int_member (oldest, "file_size"), ==, 10485760);
  g_assert_cmpstr (json_object_get_string_member (oldest, "status"), ==, "received");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (oldest, "created_at"), "+03:00"));
  server_stop (s);
}

/* A declared body over the limit is answered from the headers alone: with
 * "Expect: 100-continue" the client never sends the body. */
static void
test_feedback_refused_before_body (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *status_line = NULL;
  g_autofree char *head = NULL;
  const char *authority = s->base + strlen ("http://");

  conn = g_socket_client_connect_to_host (client, authority, 80, NULL, &error);
  g_assert_no_error (error);
  head = g_strdup_printf ("POST /api/v1/feedback HTTP/1.1\r\nHost: %s\r\n"
                          "Authorization: Bearer %s\r\n"
                          "Content-Type: multipart/form-data; boundary=xyz\r\n"
                          "Content-Length: 104857600\r\nExpect: 100-continue\r\n\r\n",
                          authority, token);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                                            head, strlen (head), NULL, NULL, &error));
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (conn)));
  status_line = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (status_line, "HTTP/1.1 413 "));
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  server_stop (s);
}

/* ---- the command line ---- */

static void
run_expecting (const char * const *args,
               int                 status,
               gboolean            one_line_error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, (char *) server_test_binary ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  process = spawn ((const char * const *) argv->pdata, NULL,
                   G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, status);
  if (one_line_error)
    {
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "tek-cabinet-server: "));
      g_assert_true (g_str_has_suffix (err, "\n"));
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
    }
}

static void
test_command_line (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-server-XXXXXX", NULL);
  g_autofree char *in_dir = g_build_filename (dir, "cabinet.db", NULL);
  const char *bogus[] = { "--bogus", NULL };
  const char *missing_value[] = { "--db", NULL };
  const char *bad_listen[] = { "--listen", "nowhere", NULL };
  const char *bad_port[] = { "--listen", "127.0.0.1:99999", NULL };
  const char *bad_ttl[] = { "--token-ttl", "zero", NULL };
  const char *lonely_cert[] = { "--tls-cert", "/nonexistent.pem", NULL };
  const char *no_db_dir[] = { "--db", "/nonexistent/folder/cabinet.db", "--listen", "127.0.0.1:0", NULL };
  const char *db_is_dir[] = { "--db", dir, "--listen", "127.0.0.1:0", NULL };
  const char *extra[] = { "--demo", "surplus", NULL };
  const char *version[] = { "--version", NULL };
  const char *help[] = { "--help", NULL };

  run_expecting (bogus, 2, TRUE);
  run_expecting (missing_value, 2, TRUE);
  run_expecting (bad_listen, 2, TRUE);
  run_expecting (bad_port, 2, TRUE);
  run_expecting (bad_ttl, 2, TRUE);
  run_expecting (lonely_cert, 2, TRUE);
  run_expecting (no_db_dir, 2, TRUE);
  run_expecting (db_is_dir, 2, TRUE);
  run_expecting (extra, 2, TRUE);
  run_expecting (version, 0, FALSE);
  run_expecting (help, 0, FALSE);
  g_assert_false (g_file_test (in_dir, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* Restarting on the same database keeps the data and does not seed twice. */
static void
test_restart_keeps_data (void)
{
  Server *s = server_start ();
  g_autofree char *dir = g_strdup (s->dir);
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) second = NULL;
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autofree char *token2 = NULL;

  first = post_feedback (s, token, "До перезапуска", 0, NULL);
  g_assert_cmpuint (first->status, ==, 201);
  server_stop_keep (s);

  s = server_start_full (dir, NULL, NULL);
  /* Sessions survive a restart. */
  second = request (s, "GET", "/api/v1/feedback", token, NULL);
  g_assert_cmpuint (second->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (second),
                                                                         "messages")), ==, 1);
  token2 = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  server_stop (s);
}

/* --demo without --db: a temporary database (and mail folder) that is gone after exit. */
static void
test_demo_temporary_database (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("test-server-tmp-XXXXXX", NULL);
  const char *argv[] = { server_test_binary (), "--demo", "--listen", "127.0.0.1:0", NULL };
  const char *env[] = { "TMPDIR", tmp, NULL };
  g_autoptr(GSubprocess) process = spawn (argv, env, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  guint n_entries = 0;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "Listening on http://127.0.0.1:"));
  dir = g_dir_open (tmp, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_entries++;
  g_assert_cmpuint (n_entries, ==, 1);
  g_clear_pointer (&dir, g_dir_close);

  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  dir = g_dir_open (tmp, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (tmp);
}

static void
flag_exited (GObject      *process,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_assert_true (g_subprocess_wait_finish (G_SUBPROCESS (process), result, NULL));
  *(gboolean *) user_data = TRUE;
}

/* SIGTERM again and again until the server is gone (a supervisor repeating itself, the
 * parent's death signal after its own): every one after the first must find the handler
 * still there, so the clean-up is never cut short and the temporary database goes. Whatever
 * the timing, a fixed server passes; one that drops its handlers before it has cleaned up
 * dies of a signal here on most runs. */
static void
test_demo_repeated_sigterm (void)
{
  for (guint round = 0; round < 5; round++)
    {
      g_autofree char *tmp = g_dir_make_tmp ("test-server-tmp-XXXXXX", NULL);
      const char *argv[] = { server_test_binary (), "--demo", "--listen", "127.0.0.1:0", NULL };
      const char *env[] = { "TMPDIR", tmp, "CAB_SERVER_NO_PRERENDER", "1", NULL };
      g_autoptr(GSubprocess) process = spawn (argv, env, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
      g_autoptr(GError) error = NULL;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      g_autoptr(GDir) dir = NULL;
      gboolean exited = FALSE;

      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (line, "Listening on http://127.0.0.1:"));
      g_subprocess_wait_async (process, NULL, flag_exited, &exited);
      while (!exited)
        {
          g_subprocess_send_signal (process, SIGTERM);
          g_usleep (200);
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
      if (g_subprocess_get_if_signaled (process))
        g_error ("the server died of signal %d", g_subprocess_get_term_sig (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
      dir = g_dir_open (tmp, 0, NULL);
      g_assert_null (g_dir_read_name (dir));
      g_clear_pointer (&dir, g_dir_close);
      g_rmdir (tmp);
    }
}

/* SIGTERM right after the Listening line still ends the server cleanly (status 0). */
static void
test_sigterm_at_once (void)
{
  for (guint i = 0; i < 3; i++)
    server_stop (server_start ());
}

int
main (int   argc,
      char *argv[])
{
  PgCluster *cluster = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!server_test_init (argc, argv))
    return 1;
  /* The same suite on PostgreSQL: a cluster of its own, each server a database in it. */
  if (argc > 2 && g_str_equal (argv[2], "--postgresql"))
    cluster = pg_cluster_new ();

  g_test_add_func ("/server/routing", test_health_and_routing);
  g_test_add_func ("/server/fig8", test_fig8);
  g_test_add_func ("/server/generated-account", test_generated_account);
  g_test_add_func ("/server/neighbour-invisible", test_neighbour_invisible);
  g_test_add_func ("/server/document-download", test_document_download);
  g_test_add_func ("/server/document-download-unlisted", test_document_download_unlisted);
  g_test_add_func ("/server/registration", test_registration);
  g_test_add_func ("/server/registration-race", test_registration_race);
  g_test_add_func ("/server/sign-in-rate-limit", test_sign_in_errors_and_rate_limit);
  g_test_add_func ("/server/logout", test_logout);
  g_test_add_func ("/server/token-expiry", test_token_expiry);
  g_test_add_func ("/server/password-reset", test_password_reset);
  g_test_add_func ("/server/temporary-password-expires", test_temporary_password_expires);
  g_test_add_func ("/server/profile", test_profile);
  g_test_add_func ("/server/malformed-bodies", test_malformed_bodies);
  g_test_add_func ("/server/chunked-too-large", test_chunked_too_large);
  g_test_add_func ("/server/feedback", test_feedback);
  g_test_add_func ("/server/feedback-refused-before-body", test_feedback_refused_before_body);
  g_test_add_func ("/server/command-line", test_command_line);
  g_test_add_func ("/server/restart-keeps-data", test_restart_keeps_data);
  g_test_add_func ("/server/sigterm-at-once", test_sigterm_at_once);
  g_test_add_func ("/server/demo-temporary-database", test_demo_temporary_database);
  g_test_add_func ("/server/demo-repeated-sigterm", test_demo_repeated_sigterm);

  status = g_test_run ();
  g_clear_pointer (&cluster, pg_cluster_free);
  return status;
}
