/* test-server-framework.c: CabServer on its own, with a route table of this test's (none of
 * the API's): routing and parameters, 404 and 405, bearer authentication and the temporary
 * password, body parsing and the body limit that the route's flags choose, paused answers.
 *
 * The server runs in this process on 127.0.0.1:0; the test speaks HTTP to it with libsoup's
 * asynchronous calls on the same main context. Its store is a SQLite database in a temporary
 * folder with one partner and one user, whose session the test creates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cab-password.h"
#include "cab-server.h"
#include "cab-sqlite-store.h"

typedef struct
{
  char           *dir;
  CabSqliteStore *store;
  CabServer      *server;
  char           *base;          /* "http://127.0.0.1:PORT/" */
  SoupSession    *session;
  gint64          user_id;
  char           *token;
  gboolean        shut_down;     /* by the test itself */
} Fixture;

typedef struct
{
  gboolean     done;
  guint        status;
  SoupMessage *msg;
  GBytes      *body;
  JsonNode    *json;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_object (&reply->msg);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_free (reply);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

/* ---- the test's routes ---- */

static void
reply_text (CabRequest *req,
            const char *member,
            const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  cab_request_reply_json (req, SOUP_STATUS_OK, root);
}

static void
route_hello (CabRequest *req)
{
  reply_text (req, "hello", "world");
}

static void
route_post_hello (CabRequest *req)
{
  reply_text (req, "posted", "yes");
}

static void
route_item (CabRequest *req)
{
  g_autofree char *both = g_strconcat (req->params[0], "+", req->params[1], NULL);

  reply_text (req, "params", both);
}

static void
route_who (CabRequest *req)
{
  reply_text (req, "login", req->user->login);
}

static void
route_echo (CabRequest *req)
{
  reply_text (req, "name", json_object_get_string_member (cab_request_get_object (req), "name"));
}

static void
route_size (CabRequest *req)
{
  g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (req->body));

  reply_text (req, "size", size);
}

static gboolean
answer_later (gpointer user_data)
{
  g_autoptr(CabRequest) req = user_data;

  reply_text (req, "later", "yes");
  return G_SOURCE_REMOVE;
}

static void
route_later (CabRequest *req)
{
  cab_request_pause (req);
  g_idle_add (answer_later, cab_request_ref (req));
}

static const CabRoute test_routes[] = {
  { "GET",  "/t/hello",         CAB_ROUTE_PUBLIC,                               route_hello },
  { "POST", "/t/hello",         CAB_ROUTE_PUBLIC,                               route_post_hello },
  { "GET",  "/t/items/{}/x/{}", CAB_ROUTE_PUBLIC,                               route_item },
  { "GET",  "/t/who",           CAB_ROUTE_AUTH,                                 route_who },
  { "GET",  "/t/who-anyway",    CAB_ROUTE_AUTH | CAB_ROUTE_PASSWORD_CHANGE_OK,  route_who },
  { "POST", "/t/echo",          CAB_ROUTE_JSON_BODY,                            route_echo },
  { "POST", "/t/json-size",     CAB_ROUTE_JSON_BODY,                            route_size },
  { "POST", "/t/upload",        CAB_ROUTE_MULTIPART_BODY,                       route_size },
  { "GET",  "/t/later",         CAB_ROUTE_PUBLIC,                               route_later },
  { NULL, NULL, 0, NULL }
};

/* ---- fixture ---- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  CabPartner partner = { (char *) "7700001234", (char *) "P", (char *) "A", (char *) "C" };
  CabStore *store;
  gint64 partner_id;

  f->dir = g_dir_make_tmp ("test-server-framework-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "cabinet.db", NULL);
  f->store = cab_sqlite_store_new (path, &error);
  g_assert_no_error (error);
  store = CAB_STORE (f->store);

  partner_id = cab_store_add_partner (store, &partner, &error);
  g_assert_no_error (error);
  f->user_id = cab_store_create_user (store, partner_id, "tester", "t@example.org", NULL,
                                      "not-a-hash", &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->user_id, >, 0);
  f->token = cab_token_generate ();
  hash = cab_token_hash (f->token);
  cab_store_create_session (store, hash, f->user_id, g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);

  f->server = cab_server_new (store, NULL, 0, test_routes);
  f->base = cab_server_listen (f->server, "127.0.0.1", 0, NULL, &error);
  g_assert_no_error (error);
  f->session = soup_session_new_with_options ("timeout", 60, NULL);
}

static gboolean
shut_down (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gboolean done = FALSE;

  g_clear_object (&f->session);
  if (!f->shut_down)
    {
      cab_server_shutdown (f->server, shut_down, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
  g_clear_object (&f->server);
  cab_sqlite_store_close (f->store);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->base);
  g_free (f->token);
}

/* ---- HTTP ---- */

static void
sent (GObject      *source,
      GAsyncResult *result,
      gpointer      user_data)
{
  Reply *reply = user_data;
  g_autoptr(GError) error = NULL;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  reply->done = TRUE;
}

static Reply *
fetch (Fixture    *f,
       const char *method,
       const char *path,
       const char *token,
       const char *content_type,
       GBytes     *body)
{
  g_autofree char *uri = g_strconcat (f->base, path + 1, NULL);
  Reply *reply = g_new0 (Reply, 1);
  SoupMessageHeaders *headers;
  gsize size;
  gconstpointer data;

  reply->msg = soup_message_new (method, uri);
  g_assert_nonnull (reply->msg);
  headers = soup_message_get_request_headers (reply->msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (body != NULL)
    soup_message_set_request_body_from_bytes (reply->msg, content_type, body);

  soup_session_send_and_read_async (f->session, reply->msg, G_PRIORITY_DEFAULT, NULL, sent,
                                    reply);
  while (!reply->done)
    g_main_context_iteration (NULL, TRUE);

  reply->status = soup_message_get_status (reply->msg);
  data = g_bytes_get_data (reply->body, &size);
  if (size > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      json_parser_load_from_data (parser, data, (gssize) size, &error);
      g_assert_no_error (error);
      reply->json = json_node_ref (json_parser_get_root (parser));
    }
  return reply;
}

static Reply *
get (Fixture    *f,
     const char *path,
     const char *token)
{
  return fetch (f, "GET", path, token, NULL, NULL);
}

static const char *
member (Reply      *reply,
        const char *name)
{
  g_assert_nonnull (reply->json);
  return json_object_get_string_member (json_node_get_object (reply->json), name);
}

static void
assert_ok (Reply      *reply,
           const char *name,
           const char *value)
{
  g_assert_cmpuint (reply->status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (member (reply, name), ==, value);
}

static void
assert_error (Reply      *reply,
              guint       status,
              const char *code)
{
  JsonObject *error;

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_nonnull (reply->json);
  error = json_object_get_object_member (json_node_get_object (reply->json), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
}

static const char *
response_header (Reply      *reply,
                 const char *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (reply->msg), name);
}

/* ---- tests ---- */

static void
test_routing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Reply) hello = get (f, "/t/hello", NULL);
  g_autoptr(Reply) posted = fetch (f, "POST", "/t/hello", NULL, NULL, NULL);
  g_autoptr(Reply) item = get (f, "/t/items/a1/x/b2", NULL);
  g_autoptr(Reply) empty_param = get (f, "/t/items//x/b2", NULL);
  g_autoptr(Reply) too_long = get (f, "/t/items/a1/x/b2/c3", NULL);
  g_autoptr(Reply) unknown = get (f, "/api/v1/health", NULL);
  g_autoptr(Reply) wrong_method = fetch (f, "DELETE", "/t/hello", NULL, NULL, NULL);
  g_autoptr(Reply) later = get (f, "/t/later", NULL);

  assert_ok (hello, "hello", "world");
  /* No cache may keep an API answer. */
  g_assert_cmpstr (response_header (hello, "Cache-Control"), ==, "no-store");
  assert_ok (posted, "posted", "yes");
  assert_ok (item, "params", "a1+b2");
  assert_error (empty_param, 404, "not_found");
  assert_error (too_long, 404, "not_found");
  /* The framework has no route of the API's: only the table it was given. */
  assert_error (unknown, 404, "not_found");
  assert_error (wrong_method, 405, "method_not_allowed");
  g_assert_cmpstr (response_header (wrong_method, "Allow"), ==, "GET, POST");
  assert_ok (later, "later", "yes");
}

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *unknown_token = cab_token_generate ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Reply) none = get (f, "/t/who", NULL);
  g_autoptr(Reply) malformed = get (f, "/t/who", "not-a-token");
  g_autoptr(Reply) unknown = get (f, "/t/who", unknown_token);
  g_autoptr(Reply) good = get (f, "/t/who", f->token);
  g_autoptr(Reply) must_change = NULL;
  g_autoptr(Reply) anyway = NULL;

  assert_error (none, 401, "unauthorized");
  g_assert_cmpstr (response_header (none, "WWW-Authenticate"), ==, "Bearer realm=\"tek-cabinet\"");
  assert_error (malformed, 401, "unauthorized");
  assert_error (unknown, 401, "unauthorized");
  g_assert_cmpstr (response_header (unknown, "WWW-Authenticate"), ==,
                   "Bearer realm=\"tek-cabinet\", error=\"invalid_token\"");
  assert_ok (good, "login", "tester");

  /* A temporary password: only the routes that allow it answer. */
  cab_store_set_temp_password (CAB_STORE (f->store), f->user_id, "temp-hash",
                               g_get_real_time () / G_USEC_PER_SEC + 3600, &error);
  g_assert_no_error (error);
  cab_store_promote_temp_password (CAB_STORE (f->store), f->user_id, &error);
  g_assert_no_error (error);
  must_change = get (f, "/t/who", f->token);
  anyway = get (f, "/t/who-anyway", f->token);
  assert_error (must_change, 403, "password_change_required");
  assert_ok (anyway, "login", "tester");
}

static GBytes *
filled (gsize size)
{
  char *data = g_malloc (size);

  memset (data, 'x', size);
  return g_bytes_new_take (data, size);
}

static void
test_bodies (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) good = g_bytes_new_static ("{\"name\": \"Ann\"}", 15);
  g_autoptr(GBytes) broken = g_bytes_new_static ("{\"name\": ", 9);
  g_autoptr(GBytes) big = filled (2 * 1024 * 1024);
  g_autoptr(Reply) echo = fetch (f, "POST", "/t/echo", NULL, "application/json", good);
  g_autoptr(Reply) wrong_type = fetch (f, "POST", "/t/echo", NULL, "text/plain", good);
  g_autoptr(Reply) malformed = fetch (f, "POST", "/t/echo", NULL, "application/json", broken);
  g_autoptr(Reply) json_too_big = fetch (f, "POST", "/t/json-size", NULL, "application/json",
                                         big);
  g_autoptr(Reply) upload_not_multipart = fetch (f, "POST", "/t/upload", NULL,
                                                 "application/json", good);
  g_autoptr(Reply) upload = fetch (f, "POST", "/t/upload", NULL,
                                   "multipart/form-data; boundary=xyz", big);

  assert_ok (echo, "name", "Ann");
  assert_error (wrong_type, 415, "unsupported_media_type");
  assert_error (malformed, 400, "malformed_json");
  /* The route's flags choose the limit: 1 MiB for JSON, the feedback file's for multipart. */
  assert_error (json_too_big, 413, "too_large");
  assert_error (upload_not_multipart, 415, "unsupported_media_type");
  assert_ok (upload, "size", "2097152");
}

/* ---- work on the server's threads ---- */

/* What the worker's task saw; the lock guards all of it. */
typedef struct
{
  GMutex    lock;
  GCond     cond;
  gboolean  main_let_go;     /* the main context has dropped its references to the task */
  gboolean  data_freed;
  GThread  *freed_in;
} WorkProbe;

static void
probe_data_free (gpointer data)
{
  WorkProbe *probe = data;

  g_mutex_lock (&probe->lock);
  probe->freed_in = g_thread_self ();
  probe->data_freed = TRUE;
  g_mutex_unlock (&probe->lock);
  /* Freed on the worker (the bug), nothing else would wake the test's loop. */
  g_main_context_wakeup (NULL);
}

static void
probe_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WorkProbe *probe = task_data;

  g_task_return_boolean (task, TRUE);
  /* Stay until the main context has answered and let go of the task: then only the
   * worker's own reference is left, the case where a request was freed on the worker. */
  g_mutex_lock (&probe->lock);
  while (!probe->main_let_go)
    g_cond_wait (&probe->cond, &probe->lock);
  g_mutex_unlock (&probe->lock);
}

static gboolean
let_worker_go (gpointer data)
{
  WorkProbe *probe = data;

  g_mutex_lock (&probe->lock);
  probe->main_let_go = TRUE;
  g_cond_signal (&probe->cond);
  g_mutex_unlock (&probe->lock);
  return G_SOURCE_REMOVE;
}

static void
probe_answered (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_task_propagate_boolean (G_TASK (result), &error));
  g_assert_no_error (error);
  /* A later iteration: by then the task's completion has dropped its reference. */
  g_idle_add (let_worker_go, user_data);
}

/* A task's data holds a request, whose libsoup objects belong to the main context: freeing
 * it on a worker raced the main loop (a heap corruption seen once in CI). */
static void
test_work_freed_on_main_context (Fixture       *f,
                                 gconstpointer  data)
{
  WorkProbe probe = { 0 };
  g_autoptr(GTask) task = g_task_new (NULL, NULL, probe_answered, &probe);
  gboolean freed = FALSE;

  g_mutex_init (&probe.lock);
  g_cond_init (&probe.cond);
  g_task_set_task_data (task, &probe, probe_data_free);
  cab_server_run_in_worker (f->server, task, probe_thread);
  g_clear_object (&task);

  while (!freed)
    {
      g_main_context_iteration (NULL, TRUE);
      g_mutex_lock (&probe.lock);
      freed = probe.data_freed;
      g_mutex_unlock (&probe.lock);
    }
  g_assert_true (probe.freed_in == g_thread_self ());
  g_mutex_clear (&probe.lock);
  g_cond_clear (&probe.cond);
}

typedef struct
{
  WorkProbe *probe;
  gboolean   done;
  gboolean   work_freed_before;
} ShutdownWatch;

static gboolean
shutdown_done (gpointer data)
{
  ShutdownWatch *watch = data;

  g_mutex_lock (&watch->probe->lock);
  watch->work_freed_before = watch->probe->data_freed;
  g_mutex_unlock (&watch->probe->lock);
  watch->done = TRUE;
  return G_SOURCE_REMOVE;
}

/* A shutdown waits for the work given to workers, not only for the HTTP messages: the
 * server's owner frees it next. Without that wait, done would come first: the worker is
 * let go only after the task's answer, in the same iteration as done at the earliest. */
static void
test_shutdown_waits_for_work (Fixture       *f,
                              gconstpointer  data)
{
  WorkProbe probe = { 0 };
  ShutdownWatch watch = { &probe, FALSE, FALSE };
  g_autoptr(GTask) task = g_task_new (NULL, NULL, probe_answered, &probe);

  g_mutex_init (&probe.lock);
  g_cond_init (&probe.cond);
  g_task_set_task_data (task, &probe, probe_data_free);
  cab_server_run_in_worker (f->server, task, probe_thread);
  g_clear_object (&task);

  cab_server_shutdown (f->server, shutdown_done, &watch);
  f->shut_down = TRUE;
  while (!watch.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (watch.work_freed_before);
  g_assert_true (probe.freed_in == g_thread_self ());
  g_mutex_clear (&probe.lock);
  g_cond_clear (&probe.cond);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/server-framework/routing", Fixture, NULL, fixture_set_up, test_routing,
              fixture_tear_down);
  g_test_add ("/server-framework/auth", Fixture, NULL, fixture_set_up, test_auth,
              fixture_tear_down);
  g_test_add ("/server-framework/bodies", Fixture, NULL, fixture_set_up, test_bodies,
              fixture_tear_down);
  g_test_add ("/server-framework/work-freed-on-main-context", Fixture, NULL, fixture_set_up,
              test_work_freed_on_main_context, fixture_tear_down);
  g_test_add ("/server-framework/shutdown-waits-for-work", Fixture, NULL, fixture_set_up,
              test_shutdown_waits_for_work, fixture_tear_down);
  return g_test_run ();
}
