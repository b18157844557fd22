/* cab-server.c: the HTTP/JSON API server: routing, authentication, body limits, errors.
 *
 * Request bodies are never accumulated by libsoup: each chunk is counted as it arrives and kept
 * only while the total stays within the route's limit (1 MiB for JSON, the feedback file limit
 * plus framing for multipart). A declared Content-Length over the limit is refused as soon as
 * the headers are read; the connection is closed after the answer.
 *
 * The server knows no resource: its routes come as a table (cab_server_new()); the API's is in
 * cab-routes.c. CabRequest and the answers are in cab-request.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-password.h"
#include "cab-server-private.h"

typedef struct
{
  char            *method;
  char           **segments;   /* "{}" marks a parameter */
  CabRouteFlags    flags;
  CabRouteHandler  handler;
} Route;

typedef struct
{
  GByteArray *data;
  gsize       limit;
  gboolean    too_large;
  gboolean    counted;         /* in CabServer.in_flight */
} BodyState;

struct _CabServer
{
  GObject              parent_instance;
  SoupServer          *soup;
  CabConnectionGuard  *guard;
  CabConnectionLimits  connection_limits;
  gboolean             behind_proxy;
  CabStore            *store;
  CabMailer           *mailer;
  CabRateLimiter      *limiter;
  CabDocumentRenderer *renderer;
  GPtrArray           *routes;
  GTimeZone           *supplier_tz;
  gint64               token_ttl;
  gint64               session_max_age;
  gint64               clock_offset;
  guint                in_flight;
  guint                worker_tasks;    /* given to workers, not yet released (main thread) */
  gboolean             shutting_down;
  GSourceFunc          shutdown_done;
  gpointer             shutdown_data;
  CabStoreFactory      reader_factory;
  gpointer             reader_factory_data;
  GAsyncQueue         *readers;        /* idle CabStore of worker threads */
  guint                max_readers;    /* 0: as many as there are worker threads */
  gint                 n_readers;      /* opened so far (atomic) */
  GThreadPool         *workers;        /* cab_server_run_in_worker(); made on first use */
};

/* How long a worker waits for a reader connection when all are busy. */
#define READER_WAIT_USEC (10 * G_USEC_PER_SEC)

G_DEFINE_FINAL_TYPE (CabServer, cab_server, G_TYPE_OBJECT)

static void
route_free (Route *route)
{
  g_free (route->method);
  g_strfreev (route->segments);
  g_free (route);
}

static void
body_state_free (BodyState *state)
{
  if (state->data != NULL)
    g_byte_array_unref (state->data);
  g_free (state);
}

static void
cab_server_dispose (GObject *object)
{
  CabServer *self = CAB_SERVER (object);

  if (self->soup != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->soup, self);
      soup_server_disconnect (self->soup);
    }
  g_clear_object (&self->guard);
  if (self->renderer != NULL)
    cab_document_renderer_stop_background (self->renderer);
  g_clear_object (&self->soup);
  g_clear_object (&self->renderer);
  g_clear_object (&self->limiter);
  g_clear_object (&self->mailer);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cab_server_parent_class)->dispose (object);
}

static void
cab_server_finalize (GObject *object)
{
  CabServer *self = CAB_SERVER (object);

  /* No work is left (each piece holds the server until the main context releases it):
   * this ends the idle threads. */
  if (self->workers != NULL)
    g_thread_pool_free (g_steal_pointer (&self->workers), FALSE, TRUE);
  g_clear_pointer (&self->routes, g_ptr_array_unref);
  g_clear_pointer (&self->readers, g_async_queue_unref);
  g_clear_pointer (&self->supplier_tz, g_time_zone_unref);
  G_OBJECT_CLASS (cab_server_parent_class)->finalize (object);
}

static void
cab_server_class_init (CabServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cab_server_dispose;
  object_class->finalize = cab_server_finalize;
}

static void
cab_server_init (CabServer *self)
{
  const char *offset = g_getenv ("CAB_SERVER_CLOCK_OFFSET");

  self->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) route_free);
  self->readers = g_async_queue_new_full (g_object_unref);
  self->supplier_tz = g_time_zone_new_identifier ("Europe/Moscow");
  if (self->supplier_tz == NULL)
    self->supplier_tz = g_time_zone_new_offset (3 * 60 * 60);
  if (offset != NULL)
    self->clock_offset = g_ascii_strtoll (offset, NULL, 10);
}

/* ---- server ---- */

CabServer *
cab_server_new (CabStore       *store,
                CabMailer      *mailer,
                gint64          token_ttl,
                const CabRoute *routes)
{
  CabServer *self = g_object_new (CAB_TYPE_SERVER, NULL);

  self->store = g_object_ref (store);
  self->mailer = mailer ? g_object_ref (mailer) : NULL;
  self->limiter = cab_rate_limiter_new_for_store (store);
  self->renderer = cab_document_renderer_new (store);
  self->token_ttl = token_ttl > 0 ? token_ttl : CAB_DEFAULT_TOKEN_TTL;
  self->session_max_age = CAB_DEFAULT_SESSION_MAX_AGE;
  /* No version: it would tell an attacker which weaknesses to try. */
  self->soup = soup_server_new ("server-header", "tek-cabinet-server", NULL);
  self->connection_limits = (CabConnectionLimits) {
    CAB_DEFAULT_REQUEST_TIMEOUT, CAB_DEFAULT_IDLE_TIMEOUT,
    CAB_DEFAULT_MAX_CONNECTIONS, CAB_DEFAULT_MAX_CONNECTIONS_PER_PEER,
  };

  for (const CabRoute *route = routes; route->method != NULL; route++)
    cab_server_add_route (self, route->method, route->pattern, route->flags, route->handler);
  return self;
}

void
cab_server_set_connection_limits (CabServer                 *self,
                                  const CabConnectionLimits *limits)
{
  self->connection_limits = *limits;
}

void
cab_server_set_behind_proxy (CabServer *self,
                             gboolean   behind_proxy)
{
  self->behind_proxy = behind_proxy;
}

gboolean
cab_server_get_behind_proxy (CabServer *self)
{
  return self->behind_proxy;
}

CabConnectionGuard *
cab_server_get_connection_guard (CabServer *self)
{
  return self->guard;
}

void
cab_server_set_reader_factory (CabServer       *self,
                               CabStoreFactory  factory,
                               gpointer         user_data)
{
  self->reader_factory = factory;
  self->reader_factory_data = user_data;
}

gboolean
cab_server_has_readers (CabServer *self)
{
  return self->reader_factory != NULL;
}

CabStore *
cab_server_acquire_reader (CabServer  *self,
                           GError    **error)
{
  CabStore *reader = g_async_queue_try_pop (self->readers);

  if (reader != NULL || self->reader_factory == NULL)
    return reader;
  if (self->max_readers == 0)
    return self->reader_factory (self->reader_factory_data, error);

  /* One more connection while under the bound, else wait for one to come back. */
  if (g_atomic_int_add (&self->n_readers, 1) < (gint) self->max_readers)
    {
      reader = self->reader_factory (self->reader_factory_data, error);
      if (reader == NULL)
        g_atomic_int_add (&self->n_readers, -1);
      return reader;
    }
  g_atomic_int_add (&self->n_readers, -1);
  reader = g_async_queue_timeout_pop (self->readers, READER_WAIT_USEC);
  if (reader == NULL)
    g_set_error_literal (error, CAB_ERROR, CAB_ERROR_UNAVAILABLE,
                         "All database connections are busy");
  return reader;
}

void
cab_server_set_max_readers (CabServer *self,
                            guint      max_readers)
{
  self->max_readers = max_readers;
}

void
cab_server_release_reader (CabServer *self,
                           CabStore  *reader)
{
  /* What one request read ahead is not another's. */
  cab_store_forget_expected (reader);
  g_async_queue_push (self->readers, reader);
}

typedef struct
{
  CabServer       *server;
  GTask           *task;
  GTaskThreadFunc  func;
} Work;

static void maybe_finish_shutdown (CabServer *self);

/* On the context that made the task: its data may hold a request, whose libsoup objects
 * are the main loop's. */
static void
work_release (Work *work)
{
  CabServer *self = work->server;

  g_object_unref (work->task);
  self->worker_tasks--;
  maybe_finish_shutdown (self);
  g_object_unref (self);
  g_free (work);
}

static gboolean
work_released (gpointer data)
{
  return G_SOURCE_REMOVE;
}

static void
work_run (gpointer data,
          gpointer user_data)
{
  Work *work = data;
  GSource *release;

  work->func (work->task, g_task_get_source_object (work->task),
              g_task_get_task_data (work->task), g_task_get_cancellable (work->task));

  /* The worker's reference goes back to the context that made the task: if it were the
   * last, the task's data would be freed here while the main loop uses it. Default
   * priority: a busy loop must not starve the release. The source's destroy releases, so
   * the task goes even if the source is destroyed before it runs. */
  release = g_idle_source_new ();
  g_source_set_priority (release, G_PRIORITY_DEFAULT);
  g_source_set_callback (release, work_released, work, (GDestroyNotify) work_release);
  g_source_attach (release, g_task_get_context (work->task));
  g_source_unref (release);
}

void
cab_server_run_in_worker (CabServer       *self,
                          GTask           *task,
                          GTaskThreadFunc  func)
{
  Work *work;

  g_return_if_fail (CAB_IS_SERVER (self));
  g_return_if_fail (G_IS_TASK (task));

  if (self->workers == NULL)
    {
      gint n = self->max_readers > 0 ? (gint) self->max_readers
                                     : (gint) MAX (g_get_num_processors (), 2);

      /* Not exclusive: the threads are made as the work comes; it cannot fail then. */
      self->workers = g_thread_pool_new (work_run, NULL, n, FALSE, NULL);
    }
  work = g_new0 (Work, 1);
  work->server = g_object_ref (self);
  work->task = g_object_ref (task);
  work->func = func;
  /* Counted until released, so that a shutdown waits for it (cab_server_shutdown()). */
  self->worker_tasks++;
  g_thread_pool_push (self->workers, work, NULL);
}

CabStore *
cab_server_get_store (CabServer *self)
{
  return self->store;
}

CabMailer *
cab_server_get_mailer (CabServer *self)
{
  return self->mailer;
}

CabRateLimiter *
cab_server_get_rate_limiter (CabServer *self)
{
  return self->limiter;
}

CabDocumentRenderer *
cab_server_get_renderer (CabServer *self)
{
  return self->renderer;
}

gint64
cab_server_get_token_ttl (CabServer *self)
{
  return self->token_ttl;
}

void
cab_server_set_session_max_age (CabServer *self,
                                gint64     seconds)
{
  self->session_max_age = seconds > 0 ? seconds : CAB_DEFAULT_SESSION_MAX_AGE;
}

gint64
cab_server_now (CabServer *self)
{
  return g_get_real_time () / G_USEC_PER_SEC + self->clock_offset;
}

void
cab_server_today (CabServer *self,
                  GDate     *out_date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (cab_server_now (self));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->supplier_tz);

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
}

void
cab_server_add_route (CabServer       *self,
                      const char      *method,
                      const char      *pattern,
                      CabRouteFlags    flags,
                      CabRouteHandler  handler)
{
  Route *route = g_new0 (Route, 1);

  route->method = g_strdup (method);
  route->segments = g_strsplit (pattern, "/", -1);
  route->flags = flags;
  route->handler = handler;
  g_ptr_array_add (self->routes, route);
}

static gboolean
route_matches_path (Route       *route,
                    char       **segments,
                    char       **out_params)
{
  guint n_params = 0;
  guint i;

  for (i = 0; route->segments[i] != NULL && segments[i] != NULL; i++)
    {
      if (strcmp (route->segments[i], "{}") == 0)
        {
          if (segments[i][0] == '\0')
            return FALSE;
          if (out_params != NULL && n_params < 2)
            out_params[n_params] = segments[i];
          n_params++;
        }
      else if (strcmp (route->segments[i], segments[i]) != 0)
        return FALSE;
    }
  return route->segments[i] == NULL && segments[i] == NULL;
}

/* A Content-Type that is present but malformed (libsoup then reports none) does not match,
 * nor does a charset other than UTF-8. */
static gboolean
content_type_is (SoupServerMessage *msg,
                 const char        *wanted,
                 gboolean           missing_ok)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GHashTable) params = NULL;
  const char *type = soup_message_headers_get_content_type (headers, &params);
  const char *charset;

  if (soup_message_headers_get_one (headers, "Content-Type") == NULL)
    return missing_ok;
  if (type == NULL || g_ascii_strcasecmp (type, wanted) != 0)
    return FALSE;
  charset = params != NULL ? g_hash_table_lookup (params, "charset") : NULL;
  return charset == NULL || g_ascii_strcasecmp (charset, "utf-8") == 0;
}

/* Every parameter of the raw query, percent-decoded, must be text without control characters:
 * libsoup's decoded table would cut a value short at "%00". Sets the offending name. */
static gboolean
query_is_clean (SoupServerMessage  *msg,
                char              **out_name)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = uri != NULL ? g_uri_get_query (uri) : NULL;
  g_auto(GStrv) pairs = NULL;

  if (query == NULL)
    return TRUE;
  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *equals = strchr (pairs[i], '=');
      g_autoptr(GBytes) name = NULL;
      g_autoptr(GBytes) value = NULL;
      gsize name_size, value_size;
      const char *name_data, *value_data;

      if (equals != NULL)
        *equals = '\0';
      name = g_uri_unescape_bytes (pairs[i], -1, NULL, NULL);
      value = g_uri_unescape_bytes (equals != NULL ? equals + 1 : "", -1, NULL, NULL);
      name_data = name != NULL ? g_bytes_get_data (name, &name_size) : NULL;
      value_data = value != NULL ? g_bytes_get_data (value, &value_size) : NULL;
      if (name_data == NULL || !cab_validate_text (name_data, name_size, FALSE, NULL))
        {
          *out_name = g_strdup ("query");
          return FALSE;
        }
      if (value_data == NULL || !cab_validate_text (value_data, value_size, FALSE, NULL))
        {
          *out_name = g_strndup (name_data, name_size);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- authentication ---- */

#define UNAUTHORIZED_MESSAGE "Missing, unknown or expired token"

static gboolean
has_bearer_header (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (
                         soup_server_message_get_request_headers (msg), "Authorization");

  return header != NULL && g_ascii_strncasecmp (header, "Bearer ", 7) == 0;
}

/* The SHA-256 of the request's bearer token, or NULL without one of the right form. */
static char *
bearer_token_hash (SoupServerMessage *msg)
{
  const char *token;

  if (!has_bearer_header (msg))
    return NULL;
  token = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                        "Authorization") + 7;
  while (*token == ' ')
    token++;
  if (strlen (token) != 64)
    return NULL;
  for (const char *p = token; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return NULL;
  return cab_token_hash (token);
}

gboolean
cab_server_authenticate (CabServer   *self,
                         CabRequest  *req,
                         CabStore    *store,
                         GError     **error)
{
  GError *local_error = NULL;
  gint64 now = cab_server_now (self);

  if (req->user != NULL)
    return TRUE;
  /* However active, a session ends session_max_age after it began. */
  if (!cab_store_touch_session (store, req->token_hash, now, now - self->token_ttl,
                                now - self->session_max_age, &req->user, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error_literal (error, CAB_ERROR, CAB_ERROR_UNAUTHORIZED, UNAUTHORIZED_MESSAGE);
      return FALSE;
    }
  if (req->user->must_change_password && !req->password_change_ok)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_PASSWORD_CHANGE_REQUIRED,
                           "Change the temporary password first");
      return FALSE;
    }
  return TRUE;
}

void
cab_server_reply_auth_error (CabRequest   *req,
                             const GError *error)
{
  /* A bearer token was given, so the answer to a bad one says so (RFC 6750, 3.1); without
   * one, set_error_response() names the scheme alone. */
  if (g_error_matches (error, CAB_ERROR, CAB_ERROR_UNAUTHORIZED)
      && has_bearer_header (req->msg))
    soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                  "WWW-Authenticate",
                                  "Bearer realm=\"tek-cabinet\", error=\"invalid_token\"");
  cab_request_reply_gerror (req, error, NULL);
}

static void dispatch_checked (CabServer *self, CabRequest *req, Route *route);
static void authenticate_on_worker (CabServer *self, CabRequest *req, Route *route);

static void
dispatch (CabServer  *self,
          CabRequest *req)
{
  const char *method = soup_server_message_get_method (req->msg);
  const char *path = cab_request_message_path (req->msg);
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  g_autoptr(GString) allow = NULL;
  Route *route = NULL;
  char *params[2] = { NULL, NULL };
  g_autofree char *bad_parameter = NULL;

  /* API answers hold account data or tokens: no cache may keep them. */
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Cache-Control", "no-store");

  for (guint i = 0; i < self->routes->len; i++)
    {
      Route *candidate = g_ptr_array_index (self->routes, i);

      if (!route_matches_path (candidate, segments, params))
        continue;
      if (strcmp (candidate->method, method) == 0)
        {
          route = candidate;
          break;
        }
      if (allow == NULL)
        allow = g_string_new (candidate->method);
      else if (strstr (allow->str, candidate->method) == NULL)
        g_string_append_printf (allow, ", %s", candidate->method);
    }

  if (route == NULL)
    {
      if (allow != NULL)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                        "Allow", allow->str);
          cab_request_reply_error (req, CAB_ERROR_METHOD_NOT_ALLOWED, NULL,
                                   "Method not allowed");
        }
      else
        cab_request_reply_not_found (req);
      return;
    }
  req->params[0] = g_strdup (params[0]);
  req->params[1] = g_strdup (params[1]);

  if (!(route->flags & CAB_ROUTE_AUTH))
    {
      dispatch_checked (self, req, route);
      return;
    }
  req->password_change_ok = (route->flags & CAB_ROUTE_PASSWORD_CHANGE_OK) != 0;
  req->token_hash = bearer_token_hash (req->msg);
  if (req->token_hash == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (CAB_ERROR, CAB_ERROR_UNAUTHORIZED,
                                                     UNAUTHORIZED_MESSAGE);

      cab_server_reply_auth_error (req, error);
      return;
    }
  if (self->reader_factory == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!cab_server_authenticate (self, req, self->store, &error))
        cab_server_reply_auth_error (req, error);
      else
        dispatch_checked (self, req, route);
      return;
    }
  /* The main thread, which every request shares, never waits on the store for a token: a
   * route that goes to a worker anyway checks it there, unless something must be answered
   * after the token's check and before its handler (a body, a bad query); any other route
   * checks it on a worker and comes back. */
  if ((route->flags & CAB_ROUTE_AUTH_ON_WORKER)
      && !(route->flags & (CAB_ROUTE_JSON_BODY | CAB_ROUTE_MULTIPART_BODY))
      && query_is_clean (req->msg, &bad_parameter))
    route->handler (req);
  else
    authenticate_on_worker (self, req, route);
}

typedef struct
{
  CabRequest *req;
  Route      *route;
} AuthWork;

static void
auth_work_free (AuthWork *work)
{
  cab_request_unref (work->req);
  g_free (work);
}

static void
authenticate_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  AuthWork *work = task_data;
  CabServer *self = work->req->server;
  GError *error = NULL;
  CabStore *reader = cab_server_acquire_reader (self, &error);

  if (reader != NULL)
    {
      cab_server_authenticate (self, work->req, reader, &error);
      cab_server_release_reader (self, reader);
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
authenticated (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AuthWork *work = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    cab_server_reply_auth_error (work->req, error);
  else
    dispatch_checked (work->req->server, work->req, work->route);
}

static void
authenticate_on_worker (CabServer  *self,
                        CabRequest *req,
                        Route      *route)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, authenticated, NULL);
  AuthWork *work = g_new0 (AuthWork, 1);

  work->req = cab_request_ref (req);
  work->route = route;
  g_task_set_source_tag (task, authenticate_on_worker);
  g_task_set_task_data (task, work, (GDestroyNotify) auth_work_free);
  cab_request_pause (req);
  cab_server_run_in_worker (self, task, authenticate_thread);
}

/* What follows the token's check: the route's checks of the request, then its handler. */
static void
dispatch_checked (CabServer  *self,
                  CabRequest *req,
                  Route      *route)
{
  g_autofree char *bad_parameter = NULL;

  if (!query_is_clean (req->msg, &bad_parameter))
    {
      cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, bad_parameter,
                               "A query parameter is not text without control characters");
      return;
    }

  if (route->flags & CAB_ROUTE_JSON_BODY)
    {
      g_autoptr(GError) error = NULL;
      gsize size;
      gconstpointer data = g_bytes_get_data (req->body, &size);

      if (!content_type_is (req->msg, "application/json", TRUE))
        {
          cab_request_reply_error (req, CAB_ERROR_UNSUPPORTED_MEDIA_TYPE, NULL,
                                   "The body must be application/json");
          return;
        }
      req->json = cab_json_parse_object (data ? data : "", size, &error);
      if (req->json == NULL)
        {
          g_autofree char *field = cab_json_dup_error_field (error);

          /* malformed_json, or invalid_field naming a member with a "\u0000" */
          cab_request_reply_gerror (req, error, field);
          return;
        }
    }
  else if (route->flags & CAB_ROUTE_MULTIPART_BODY)
    {
      if (!content_type_is (req->msg, "multipart/form-data", FALSE))
        {
          cab_request_reply_error (req, CAB_ERROR_UNSUPPORTED_MEDIA_TYPE, NULL,
                                   "The body must be multipart/form-data");
          return;
        }
    }

  route->handler (req);
}

static void
soup_handler (SoupServer        *soup,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  CabServer *self = user_data;
  BodyState *state = g_object_get_data (G_OBJECT (msg), "cab-body");
  g_autoptr(CabRequest) req = NULL;
  GBytes *body;

  if (state != NULL && state->data != NULL)
    body = g_byte_array_free_to_bytes (g_steal_pointer (&state->data));
  else
    body = g_bytes_new (NULL, 0);
  req = cab_request_new (self, msg, query, body);

  dispatch (self, req);
}

static void
maybe_finish_shutdown (CabServer *self)
{
  if (!self->shutting_down || self->in_flight > 0 || self->worker_tasks > 0
      || self->shutdown_done == NULL)
    return;
  if (self->guard != NULL)
    cab_connection_guard_stop (self->guard);
  soup_server_disconnect (self->soup);
  g_idle_add (self->shutdown_done, self->shutdown_data);
  self->shutdown_done = NULL;
}

static void
msg_finished (SoupServerMessage *msg,
              CabServer         *self)
{
  BodyState *state = g_object_get_data (G_OBJECT (msg), "cab-body");

  if (state != NULL && state->counted)
    {
      state->counted = FALSE;
      self->in_flight--;
      maybe_finish_shutdown (self);
    }
}

static void
refuse_too_large (SoupServerMessage *msg,
                  BodyState         *state)
{
  state->too_large = TRUE;
  g_clear_pointer (&state->data, g_byte_array_unref);
  cab_request_set_error_response (msg, CAB_ERROR_TOO_LARGE, NULL, "The request body is too large");
  /* The rest of the body is not wanted; do not keep the connection for another request. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
}

static void
msg_got_chunk (SoupServerMessage *msg,
               GBytes            *chunk,
               CabServer         *self)
{
  BodyState *state = g_object_get_data (G_OBJECT (msg), "cab-body");
  gsize size;
  gconstpointer data = g_bytes_get_data (chunk, &size);

  if (state == NULL || state->too_large || soup_server_message_get_status (msg) != 0)
    return;
  if (state->data == NULL)
    state->data = g_byte_array_new ();
  if (state->data->len + size > state->limit)
    {
      refuse_too_large (msg, state);
      return;
    }
  g_byte_array_append (state->data, data, size);
}

/* The route that will answer decides: multipart bodies may carry a feedback file, anything
 * else is JSON (or nothing). */
static gsize
body_limit (CabServer  *self,
            const char *method,
            const char *path)
{
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);

  for (guint i = 0; i < self->routes->len; i++)
    {
      Route *route = g_ptr_array_index (self->routes, i);

      if (g_strcmp0 (route->method, method) != 0 || !route_matches_path (route, segments, NULL))
        continue;
      if (route->flags & CAB_ROUTE_MULTIPART_BODY)
        return CAB_FEEDBACK_MAX_FILE_SIZE + CAB_MULTIPART_OVERHEAD;
      break;
    }
  return CAB_JSON_BODY_LIMIT;
}

static void
msg_got_headers (SoupServerMessage *msg,
                 CabServer         *self)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *path = cab_request_message_path (msg);
  const char *method = soup_server_message_get_method (msg);
  BodyState *state = g_new0 (BodyState, 1);

  state->counted = TRUE;
  self->in_flight++;
  g_object_set_data_full (G_OBJECT (msg), "cab-body", state, (GDestroyNotify) body_state_free);
  g_signal_connect_object (msg, "finished", G_CALLBACK (msg_finished), self, 0);

  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (msg_got_chunk), self, 0);

  state->limit = body_limit (self, method, path);

  if (self->shutting_down)
    {
      g_autoptr(JsonNode) body = NULL;

      body = cab_request_error_body (CAB_ERROR_INTERNAL, NULL, "The server is shutting down", 0);
      cab_request_set_json_response (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, body);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && (guint64) soup_message_headers_get_content_length (headers) > state->limit)
    refuse_too_large (msg, state);
}

static void
request_started (SoupServer        *soup,
                 SoupServerMessage *msg,
                 CabServer         *self)
{
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (msg_got_headers), self, 0);
}

char *
cab_server_listen (CabServer        *self,
                   const char       *host,
                   guint             port,
                   GTlsCertificate  *certificate,
                   GError          **error)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *bound_host = NULL;

  if (g_strcmp0 (host, "localhost") == 0)
    address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else
    address = g_inet_address_new_from_string (host);
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address", host);
      return NULL;
    }
  socket_address = g_inet_socket_address_new (address, port);

  if (self->guard == NULL)
    {
      self->guard = cab_connection_guard_new (self->soup, &self->connection_limits);
      soup_server_add_handler (self->soup, NULL, soup_handler, self, NULL);
      g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started), self);
    }
  /* The guard accepts, does TLS and keeps the deadlines; libsoup gets each connection. */
  bound = cab_connection_guard_listen (self->guard, socket_address, certificate, error);
  if (bound == NULL)
    return NULL;
  bound_host = g_inet_address_to_string (g_inet_socket_address_get_address (
                                           G_INET_SOCKET_ADDRESS (bound)));
  uri = g_uri_build (G_URI_FLAGS_NONE, certificate ? "https" : "http", NULL, bound_host,
                     g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)), "/",
                     NULL, NULL);
  return g_uri_to_string (uri);
}

void
cab_server_shutdown (CabServer   *self,
                     GSourceFunc  done,
                     gpointer     user_data)
{
  self->shutting_down = TRUE;
  self->shutdown_done = done;
  self->shutdown_data = user_data;
  cab_document_renderer_stop_background (self->renderer);
  maybe_finish_shutdown (self);
}
