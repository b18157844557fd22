/* test-server-limits.c: the real server's limits under attack: parallel password guesses,
 * the hashing queue, per-address limits, reset mails, and the end of sessions.
 *
 * Requests from a second client address come from 127.0.0.2 (all of 127/8 is loopback).
 * Parallel requests go out at once, 8 connections at a time (the server's listen backlog is
 * 10 today: more at once get connections reset), all with one deadline. Eight at once are
 * enough to see a limit that is read before the check and counted after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "server-test-util.h"

#define WRONG_SIGN_IN "{\"login\": \"1234567890\", \"password\": \"wrong-pass\"}"
#define RIGHT_SIGN_IN "{\"login\": \"1234567890\", \"password\": \"demo-password\"}"

/* A session whose connections start from @local (NULL: any), many at once. */
static SoupSession *
session_from (const char *local)
{
  g_autoptr(GInetAddress) address = local ? g_inet_address_new_from_string (local) : NULL;
  g_autoptr(GSocketAddress) socket_address = address ? g_inet_socket_address_new (address, 0)
                                                     : NULL;

  return soup_session_new_with_options ("timeout", 60, "max-conns", 8,
                                        "max-conns-per-host", 8,
                                        "local-address", socket_address, NULL);
}

/* The same request as request(), from another session (another client address). */
static Response *
request_from (Server     *s,
              SoupSession *session,
              const char *method,
              const char *path,
              const char *token,
              const char *json)
{
  SoupSession *own = s->session;
  Response *r;

  s->session = session;
  r = request (s, method, path, token, json);
  s->session = own;
  return r;
}

typedef struct
{
  guint     pending;
  gboolean  timed_out;
  GPtrArray *responses;  /* Response, in the order sent */
} Parallel;

static void
parallel_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Response *r = user_data;
  Parallel *parallel = g_object_get_data (G_OBJECT (r->msg), "parallel");
  g_autoptr(GError) error = NULL;

  r->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  r->status = soup_message_get_status (r->msg);
  if (g_strcmp0 (soup_message_headers_get_content_type (soup_message_get_response_headers (r->msg),
                                                        NULL), "application/json") == 0)
    {
      gsize size;
      const char *data = g_bytes_get_data (r->body, &size);
      g_autofree char *text = g_strndup (data ? data : "", size);

      r->json = json_from_string (text, &error);
      g_assert_no_error (error);
    }
  parallel->pending--;
}

static gboolean
parallel_deadline (gpointer user_data)
{
  ((Parallel *) user_data)->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Sends @n requests at once (the @i-th body from @make_json, or @json) and waits for all
 * the answers (two minutes at most). */
static GPtrArray *
parallel_requests (Server      *s,
                   SoupSession *session,
                   guint        n,
                   const char  *method,
                   const char  *path,
                   const char  *token,
                   const char  *json,
                   char      *(*make_json) (guint i))
{
  g_autofree char *url = g_strconcat (s->base, path, NULL);
  Parallel parallel = { n, FALSE, g_ptr_array_new_with_free_func ((GDestroyNotify) response_free) };
  guint deadline = g_timeout_add_seconds (120, parallel_deadline, &parallel);

  for (guint i = 0; i < n; i++)
    {
      Response *r = g_new0 (Response, 1);
      g_autofree char *text = make_json ? make_json (i) : g_strdup (json);
      g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

      r->msg = soup_message_new (method, url);
      if (token != NULL)
        {
          g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

          soup_message_headers_replace (soup_message_get_request_headers (r->msg),
                                        "Authorization", auth);
        }
      soup_message_set_request_body_from_bytes (r->msg, "application/json", body);
      g_object_set_data (G_OBJECT (r->msg), "parallel", &parallel);
      g_ptr_array_add (parallel.responses, r);
      soup_session_send_and_read_async (session, r->msg, G_PRIORITY_DEFAULT, NULL,
                                        parallel_done, r);
    }
  while (parallel.pending > 0 && !parallel.timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (parallel.timed_out);
  g_source_remove (deadline);
  return parallel.responses;
}

static gint64
retry_after_of (Response *r)
{
  const char *header = soup_message_headers_get_one (soup_message_get_response_headers (r->msg),
                                                     "Retry-After");

  g_assert_nonnull (header);
  g_assert_cmpint (g_ascii_strtoll (header, NULL, 10), >, 0);
  return g_ascii_strtoll (header, NULL, 10);
}

static void
assert_rate_limited (Response *r)
{
  JsonObject *error;

  assert_error (r, 429, "rate_limited", NULL);
  error = json_object_get_object_member (object_of (r), "error");
  g_assert_cmpint (json_object_get_int_member (error, "retry_after"), ==, retry_after_of (r));
}

/* Counts the answers with @status (and checks that every 429 is well formed). */
static guint
count_status (GPtrArray *responses,
              guint      status)
{
  guint n = 0;

  for (guint i = 0; i < responses->len; i++)
    {
      Response *r = g_ptr_array_index (responses, i);

      if (r->status == 429)
        assert_rate_limited (r);
      if (r->status == status)
        n++;
    }
  return n;
}

/* ---- password checks ---- */

static void
test_parallel_wrong_passwords (void)
{
  Server *s = server_start ();
  g_autoptr(SoupSession) session = session_from (NULL);
  g_autoptr(SoupSession) elsewhere = session_from ("127.0.0.2");
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(Response) locked = NULL;
  g_autoptr(Response) fresh = NULL;
  g_autoptr(Response) other_login = NULL;

  answers = parallel_requests (s, session, 50, "POST", "/api/v1/session", NULL, WRONG_SIGN_IN,
                               NULL);
  /* Each 401 is one password check: no more than the limit, whatever the timing. */
  g_assert_cmpuint (count_status (answers, 401), ==, 5);
  g_assert_cmpuint (count_status (answers, 429), ==, 45);

  /* This address is locked out of the login, even with the right password... */
  locked = request (s, "POST", "/api/v1/session", NULL, RIGHT_SIGN_IN);
  assert_rate_limited (locked);
  /* ...but the real user, elsewhere, is not. */
  fresh = request_from (s, elsewhere, "POST", "/api/v1/session", NULL, RIGHT_SIGN_IN);
  g_assert_cmpuint (fresh->status, ==, 200);
  /* Nor are other logins from this address (5 failures of 20). */
  other_login = request (s, "POST", "/api/v1/session", NULL,
                         "{\"login\": \"3456789012\", \"password\": \"other-password\"}");
  g_assert_cmpuint (other_login->status, ==, 200);
  server_stop (s);
}

static char *
unknown_login_json (guint i)
{
  return g_strdup_printf ("{\"login\": \"nobody-%u\", \"password\": \"wrong-pass\"}", i);
}

/* Failures across logins lock the address. */
static void
test_address_lock (void)
{
  Server *s = server_start ();
  g_autoptr(SoupSession) session = session_from (NULL);
  g_autoptr(SoupSession) elsewhere = session_from ("127.0.0.2");
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(Response) locked = NULL;
  g_autoptr(Response) fresh = NULL;

  answers = parallel_requests (s, session, 40, "POST", "/api/v1/session", NULL, NULL,
                               unknown_login_json);
  g_assert_cmpuint (count_status (answers, 401), ==, 20);
  g_assert_cmpuint (count_status (answers, 429), ==, 20);
  locked = request (s, "POST", "/api/v1/session", NULL, RIGHT_SIGN_IN);
  assert_rate_limited (locked);
  fresh = request_from (s, elsewhere, "POST", "/api/v1/session", NULL, RIGHT_SIGN_IN);
  g_assert_cmpuint (fresh->status, ==, 200);
  server_stop (s);
}

static void
test_current_password_guessing (void)
{
  Server *s = server_start ();
  g_autoptr(SoupSession) session = session_from (NULL);
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(Response) sign_in_after = NULL;
  g_autoptr(Response) right_after = NULL;

  answers = parallel_requests (s, session, 30, "PATCH", "/api/v1/me", token,
                               "{\"current_password\": \"guess\", \"email\": \"demo@example.org\"}",
                               NULL);
  g_assert_cmpuint (count_status (answers, 403), ==, 5);
  g_assert_cmpuint (count_status (answers, 429), ==, 25);
  for (guint i = 0; i < answers->len; i++)
    {
      Response *r = g_ptr_array_index (answers, i);

      if (r->status == 403)
        assert_error (r, 403, "wrong_password", "current_password");
    }
  /* They count like failed sign-ins of the login from this address. */
  right_after = request (s, "PATCH", "/api/v1/me", token,
                         "{\"current_password\": \"demo-password\", \"email\": \"demo@example.org\"}");
  assert_rate_limited (right_after);
  sign_in_after = request (s, "POST", "/api/v1/session", NULL, RIGHT_SIGN_IN);
  assert_rate_limited (sign_in_after);
  server_stop (s);
}

/* One hashing worker and no queue: parallel checks past it are refused with 503 at once,
 * and do not count as failures. */
static void
test_hash_queue_full (void)
{
  const char *env[] = { "CAB_SERVER_HASH_WORKERS", "1", "CAB_SERVER_HASH_QUEUE", "0", NULL };
  Server *s = server_start_full (NULL, NULL, env);
  g_autoptr(SoupSession) session = session_from (NULL);
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(Response) right = NULL;
  guint busy = 0;

  answers = parallel_requests (s, session, 15, "POST", "/api/v1/session", NULL, NULL,
                               unknown_login_json);
  for (guint i = 0; i < answers->len; i++)
    {
      Response *r = g_ptr_array_index (answers, i);
      JsonObject *error;

      if (r->status == 401)
        continue;
      assert_error (r, 503, "server_busy", NULL);
      error = json_object_get_object_member (object_of (r), "error");
      g_assert_cmpint (json_object_get_int_member (error, "retry_after"), ==, retry_after_of (r));
      busy++;
    }
  /* The first is being hashed while the others arrive (a hash takes tens of ms). */
  g_assert_cmpuint (busy, >, 0);
  g_assert_cmpuint (count_status (answers, 401), ==, 15 - busy);

  /* The server is fine afterwards. */
  right = request (s, "POST", "/api/v1/session", NULL, RIGHT_SIGN_IN);
  g_assert_cmpuint (right->status, ==, 200);
  server_stop (s);
}

typedef struct
{
  GCancellable *cancellable;
  guint         pending;
  guint         answered;
} Abandon;

static void
abandon_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Abandon *abandon = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              &error);

  if (body != NULL)
    {
      abandon->answered++;
      /* The first answer: the others are queued behind the one worker. Leave. */
      g_cancellable_cancel (abandon->cancellable);
    }
  else
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  abandon->pending--;
}

/* Requests whose clients have gone are not hashed, and so do not count as failures: 8
 * sign-ins queue behind one worker, the client leaves after the first answer, and the
 * address can still fail 20 - 2 more times (the first, and one that may have been on the
 * worker when the client left). */
static void
test_abandoned_not_hashed (void)
{
  const char *env[] = { "CAB_SERVER_HASH_WORKERS", "1", NULL };
  Server *s = server_start_full (NULL, NULL, env);
  g_autoptr(SoupSession) session = session_from (NULL);
  g_autofree char *url = g_strconcat (s->base, "/api/v1/session", NULL);
  Abandon abandon = { g_cancellable_new (), 8, 0 };
  guint failures = 0;

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      g_autofree char *json = unknown_login_json (100 + i);
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, abandon.cancellable,
                                        abandon_done, &abandon);
    }
  while (abandon.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (abandon.answered, >=, 1);

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *json = unknown_login_json (200 + i);
      g_autoptr(Response) r = request (s, "POST", "/api/v1/session", NULL, json);

      if (r->status == 429)
        break;
      assert_error (r, 401, "invalid_credentials", NULL);
      failures++;
    }
  g_assert_cmpuint (failures, >=, 20 - 2 - (abandon.answered - 1));
  g_object_unref (abandon.cancellable);
  server_stop (s);
}

/* ---- per-address limits ---- */

static void
test_registration_check_limit (void)
{
  Server *s = server_start ();
  g_autoptr(SoupSession) elsewhere = session_from ("127.0.0.2");
  g_autoptr(Response) limited = NULL;
  g_autoptr(Response) limited_registration = NULL;
  g_autoptr(Response) other_address = NULL;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"dp_code\": \"\", \"account\": \"%010u\"}",
                                               1000000000 + i);
      g_autoptr(Response) r = request (s, "POST", "/api/v1/registration/check", NULL, json);

      g_assert_cmpuint (r->status, !=, 429);
    }
  limited = request (s, "POST", "/api/v1/registration/check", NULL,
                     "{\"dp_code\": \"\", \"account\": \"1234567890\"}");
  assert_rate_limited (limited);
  g_assert_cmpint (retry_after_of (limited), <=, 600);
  other_address = request_from (s, elsewhere, "POST", "/api/v1/registration/check", NULL,
                                "{\"dp_code\": \"\", \"account\": \"1234567890\"}");
  g_assert_cmpuint (other_address->status, !=, 429);

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(Response) r = request (s, "POST", "/api/v1/registration", NULL,
                                       "{\"dp_code\": \"x\", \"account\": \"x\","
                                       " \"email\": \"x\", \"password\": \"x\"}");

      g_assert_cmpuint (r->status, ==, 422);
    }
  limited_registration = request (s, "POST", "/api/v1/registration", NULL,
                                  "{\"dp_code\": \"x\", \"account\": \"x\","
                                  " \"email\": \"x\", \"password\": \"x\"}");
  assert_rate_limited (limited_registration);
  server_stop (s);
}

static guint
mails_to (Server     *s,
          const char *address)
{
  GSList *files = list_mail (s);
  guint n = 0;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *text = NULL;
      g_autofree char *to = g_strdup_printf ("\r\nTo: <%s>\r\n", address);

      g_assert_true (g_file_get_contents (l->data, &text, NULL, NULL));
      if (strstr (text, to) != NULL)
        n++;
    }
  g_slist_free_full (files, g_free);
  return n;
}

/* One hashing worker, so the work is done in order: once the last request's mail is there,
 * every earlier one's would be too. */
static void
test_reset_mails_capped (void)
{
  const char *env[] = { "CAB_SERVER_HASH_WORKERS", "1", NULL };
  Server *s = server_start_full (NULL, NULL, env);
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) unknown = NULL;
  g_autoptr(Response) other = NULL;
  g_autoptr(Response) limited = NULL;
  g_autofree char *last = NULL;

  first = request (s, "POST", "/api/v1/password-reset", NULL,
                   "{\"login\": \"1234567890\", \"email\": \"demo@example.org\"}");
  g_assert_cmpuint (first->status, ==, 202);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(Response) again = request (s, "POST", "/api/v1/password-reset", NULL,
                                           "{\"login\": \"1234567890\", \"email\": \"demo@example.org\"}");

      /* Throttled or not: the same answer. */
      g_assert_cmpuint (again->status, ==, 202);
      g_assert_true (bytes_equal (again, first));
    }
  unknown = request (s, "POST", "/api/v1/password-reset", NULL,
                     "{\"login\": \"0000000000\", \"email\": \"demo@example.org\"}");
  g_assert_true (bytes_equal (unknown, first));
  other = request (s, "POST", "/api/v1/password-reset", NULL,
                   "{\"login\": \"3456789012\", \"email\": \"other@example.org\"}");
  g_assert_true (bytes_equal (other, first));

  last = wait_for_mail (s, 4);
  g_assert_nonnull (strstr (last, "3456789012"));
  g_assert_cmpuint (mails_to (s, "demo@example.org"), ==, 3);
  g_assert_cmpuint (mails_to (s, "other@example.org"), ==, 1);

  /* 8 requests from this address so far; the 11th in the hour is refused. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(Response) r = request (s, "POST", "/api/v1/password-reset", NULL,
                                       "{\"login\": \"0000000000\", \"email\": \"x@example.org\"}");

      g_assert_true (bytes_equal (r, first));
    }
  limited = request (s, "POST", "/api/v1/password-reset", NULL,
                     "{\"login\": \"0000000000\", \"email\": \"x@example.org\"}");
  assert_rate_limited (limited);
  g_assert_cmpint (retry_after_of (limited), <=, 3600);
  server_stop (s);
}

/* ---- the end of sessions ---- */

static void
test_password_change_ends_other_sessions (void)
{
  Server *s = server_start ();
  g_autofree char *current = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autofree char *other = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autofree char *neighbour = sign_in (s, OTHER_LOGIN, OTHER_PASSWORD);
  g_autoptr(Response) profile_only = NULL;
  g_autoptr(Response) other_still = NULL;
  g_autoptr(Response) change = NULL;
  g_autoptr(Response) current_after = NULL;
  g_autoptr(Response) other_after = NULL;
  g_autoptr(Response) neighbour_after = NULL;

  /* A change without a new password ends nothing. */
  profile_only = request (s, "PATCH", "/api/v1/me", current,
                          "{\"current_password\": \"demo-password\", \"email\": \"demo@example.org\"}");
  g_assert_cmpuint (profile_only->status, ==, 200);
  other_still = request (s, "GET", "/api/v1/me", other, NULL);
  g_assert_cmpuint (other_still->status, ==, 200);

  change = request (s, "PATCH", "/api/v1/me", current,
                    "{\"current_password\": \"demo-password\", \"new_password\": \"brand-new-pass\","
                    " \"email\": \"demo@example.org\"}");
  g_assert_cmpuint (change->status, ==, 200);
  current_after = request (s, "GET", "/api/v1/me", current, NULL);
  g_assert_cmpuint (current_after->status, ==, 200);
  other_after = request (s, "GET", "/api/v1/me", other, NULL);
  assert_error (other_after, 401, "unauthorized", NULL);
  /* Other users' sessions are untouched. */
  neighbour_after = request (s, "GET", "/api/v1/me", neighbour, NULL);
  g_assert_cmpuint (neighbour_after->status, ==, 200);
  server_stop (s);
}

/* Signing in with the mailed temporary password completes the reset. */
static void
test_reset_ends_other_sessions (void)
{
  Server *s = server_start ();
  g_autofree char *old = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) reset = NULL;
  g_autoptr(Response) old_before = NULL;
  g_autoptr(Response) old_after = NULL;
  g_autoptr(Response) temp_me = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *json = NULL;
  g_autoptr(Response) temp_in = NULL;
  const char *temp_token;

  reset = request (s, "POST", "/api/v1/password-reset", NULL,
                   "{\"login\": \"1234567890\", \"email\": \"demo@example.org\"}");
  g_assert_cmpuint (reset->status, ==, 202);
  mail = wait_for_mail (s, 1);
  temp = temporary_password (mail);
  /* Only asking for a reset ends nothing. */
  old_before = request (s, "GET", "/api/v1/me", old, NULL);
  g_assert_cmpuint (old_before->status, ==, 200);

  json = g_strdup_printf ("{\"login\": \"1234567890\", \"password\": \"%s\"}", temp);
  temp_in = request (s, "POST", "/api/v1/session", NULL, json);
  g_assert_cmpuint (temp_in->status, ==, 200);
  temp_token = str (temp_in, "token");
  old_after = request (s, "GET", "/api/v1/me", old, NULL);
  assert_error (old_after, 401, "unauthorized", NULL);
  temp_me = request (s, "GET", "/api/v1/me", temp_token, NULL);
  g_assert_cmpuint (temp_me->status, ==, 200);
  server_stop (s);
}

/* The session outlives its maximum age on the server's clock (moved by the test hook),
 * however recently it was used; the idle lifetime is far off. */
static void
test_session_max_age (void)
{
  const char *args[] = { "--session-max-age", "30", "--token-ttl", "86400", NULL };
  const char *within[] = { "CAB_SERVER_CLOCK_OFFSET", "20", NULL };
  const char *past[] = { "CAB_SERVER_CLOCK_OFFSET", "40", NULL };
  Server *s = server_start_full (NULL, args, NULL);
  g_autofree char *dir = g_strdup (s->dir);
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) fresh = request (s, "GET", "/api/v1/me", token, NULL);
  g_autoptr(Response) later = NULL;
  g_autoptr(Response) too_old = NULL;
  g_autoptr(Response) new_session = NULL;
  g_autofree char *again = NULL;

  g_assert_cmpuint (fresh->status, ==, 200);
  server_stop_keep (s);

  s = server_start_full (dir, args, within);
  later = request (s, "GET", "/api/v1/me", token, NULL);
  g_assert_cmpuint (later->status, ==, 200);
  server_stop_keep (s);

  s = server_start_full (dir, args, past);
  too_old = request (s, "GET", "/api/v1/me", token, NULL);
  assert_error (too_old, 401, "unauthorized", NULL);
  /* A new sign-in starts a new lifetime. */
  again = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  new_session = request (s, "GET", "/api/v1/me", again, NULL);
  g_assert_cmpuint (new_session->status, ==, 200);
  server_stop (s);
}

/* The account routes check the token on a worker thread: an unknown or ended session is
 * answered there exactly as on /me (a bad query or another partner's account changes
 * nothing), their use slides the idle lifetime and an ended session is removed. The
 * server's clock is moved by the test hook; the lifetime is 100 s of idleness. */
static void
test_session_on_worker_routes (void)
{
  static const char * const paths[] = {
    "/api/v1/accounts/1234567890/balance",
    "/api/v1/accounts/1234567890/statement?from=2016-01-01&to=2016-07-01",
    "/api/v1/accounts/1234567890/statement?from=bad",
    "/api/v1/accounts/1234567890/bills?from=2016-01-01&to=2016-07-01",
    "/api/v1/accounts/1234567890/ledger",
    "/api/v1/accounts/1234567890/balance?on=2016-06-28%00",
    "/api/v1/accounts/3456789012/balance",
    "/api/v1/me",
  };
  const char *args[] = { "--token-ttl", "100", NULL };
  const char *at_60[] = { "CAB_SERVER_CLOCK_OFFSET", "60", NULL };
  const char *at_130[] = { "CAB_SERVER_CLOCK_OFFSET", "130", NULL };
  const char *at_300[] = { "CAB_SERVER_CLOCK_OFFSET", "300", NULL };
  const char * const *later[] = { NULL, at_300, at_130 };
  Server *s = server_start_full (NULL, args, NULL);
  g_autofree char *dir = g_strdup (s->dir);
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autofree char *unknown = g_strnfill (64, '0');
  g_autoptr(Response) no_token = request (s, "GET", paths[0], NULL, NULL);
  g_autoptr(Response) balance = NULL;
  g_autoptr(Response) neighbour = NULL;
  g_autoptr(Response) missing = NULL;
  g_autoptr(Response) bad_from = NULL;
  g_autoptr(Response) bad_on = NULL;
  g_autoptr(Response) statement = NULL;

  assert_error (no_token, 401, "unauthorized", NULL);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (no_token->msg),
                                                 "WWW-Authenticate"),
                   ==, "Bearer realm=\"tek-cabinet\"");
  server_stop_keep (s);

  /* At 60 s the account routes answer, and refresh the session's last use... */
  s = server_start_full (dir, args, at_60);
  balance = request (s, "GET", paths[0], token, NULL);
  g_assert_cmpuint (balance->status, ==, 200);
  neighbour = request (s, "GET", paths[6], token, NULL);
  missing = request (s, "GET", "/api/v1/accounts/9999999999/balance", token, NULL);
  assert_error (neighbour, 404, "not_found", NULL);
  g_assert_true (bytes_equal (neighbour, missing));
  bad_from = request (s, "GET", paths[2], token, NULL);
  assert_error (bad_from, 422, "invalid_field", "from");
  bad_on = request (s, "GET", paths[5], token, NULL);
  assert_error (bad_on, 422, "invalid_field", "on");
  server_stop_keep (s);

  /* ... so at 130 s, 130 s after the sign-in, it still lives. */
  s = server_start_full (dir, args, at_130);
  statement = request (s, "GET", paths[1], token, NULL);
  g_assert_cmpuint (statement->status, ==, 200);
  server_stop_keep (s);

  /* An unknown token now; at 300 s (170 s idle) the session has ended on every route, and
   * at 130 s again it is gone: the first 401 removed it. */
  for (guint round = 0; round < G_N_ELEMENTS (later); round++)
    {
      const char *used = round == 0 ? unknown : token;
      g_autoptr(Response) first = NULL;

      /* The balance first: the ended session is found (and removed) on its worker. */
      s = server_start_full (dir, args, later[round]);
      first = request (s, "GET", paths[0], used, NULL);
      assert_error (first, 401, "unauthorized", NULL);
      for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
        {
          g_autoptr(Response) r = request (s, "GET", paths[i], used, NULL);

          assert_error (r, 401, "unauthorized", NULL);
          g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (r->msg),
                                                         "WWW-Authenticate"),
                           ==, "Bearer realm=\"tek-cabinet\", error=\"invalid_token\"");
          g_assert_true (bytes_equal (r, first));
        }
      if (round + 1 < G_N_ELEMENTS (later))
        server_stop_keep (s);
    }
  server_stop (s);
}

static void
test_session_max_age_flag (void)
{
  const char *argv[] = { server_test_binary (), "--session-max-age", "0", NULL };
  g_autoptr(GSubprocess) process = spawn (argv, NULL, G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!server_test_init (argc, argv))
    return 2;

  g_test_add_func ("/server-limits/parallel-wrong-passwords", test_parallel_wrong_passwords);
  g_test_add_func ("/server-limits/address-lock", test_address_lock);
  g_test_add_func ("/server-limits/current-password-guessing", test_current_password_guessing);
  g_test_add_func ("/server-limits/hash-queue-full", test_hash_queue_full);
  g_test_add_func ("/server-limits/abandoned-not-hashed", test_abandoned_not_hashed);
  g_test_add_func ("/server-limits/registration-check", test_registration_check_limit);
  g_test_add_func ("/server-limits/reset-mails-capped", test_reset_mails_capped);
  g_test_add_func ("/server-limits/password-change-ends-sessions",
                   test_password_change_ends_other_sessions);
  g_test_add_func ("/server-limits/reset-ends-sessions", test_reset_ends_other_sessions);
  g_test_add_func ("/server-limits/session-max-age", test_session_max_age);
  g_test_add_func ("/server-limits/session-max-age-flag", test_session_max_age_flag);
  g_test_add_func ("/server-limits/session-on-worker-routes", test_session_on_worker_routes);
  return g_test_run ();
}
