/* cab-server.h: the HTTP/JSON API server: routing, authentication, body limits, errors.
 * The framework: it includes no route; cab_server_new() is given a table of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "cab-connection-guard.h"
#include "cab-document-renderer.h"
#include "cab-mailer.h"
#include "cab-rate-limiter.h"
#include "cab-request.h"
#include "cab-store.h"

G_BEGIN_DECLS

#define CAB_JSON_BODY_LIMIT      ((gsize) 1024 * 1024)
/* Room for the text part and the multipart framing around a full-size file. */
#define CAB_MULTIPART_OVERHEAD   ((gsize) 64 * 1024)
#define CAB_DEFAULT_TOKEN_TTL    (12 * 60 * 60)
#define CAB_DEFAULT_SESSION_MAX_AGE (30 * 24 * 60 * 60)
/* Seconds a client waits before retrying a 503 unavailable (the database is down). */
#define CAB_UNAVAILABLE_RETRY_AFTER "5"

typedef enum
{
  CAB_ROUTE_PUBLIC              = 0,
  CAB_ROUTE_AUTH                = 1 << 0,  /* needs a valid bearer token */
  CAB_ROUTE_PASSWORD_CHANGE_OK  = 1 << 1,  /* allowed while the password must be changed */
  CAB_ROUTE_JSON_BODY           = 1 << 2,  /* the body is a JSON object (parsed for the handler) */
  CAB_ROUTE_MULTIPART_BODY      = 1 << 3,  /* multipart/form-data up to the feedback limit */
  /* CAB_ROUTE_AUTH whose handler sends its work to a worker thread, where it checks the token
   * first (cab_server_authenticate()): one trip to a worker for both. */
  CAB_ROUTE_AUTH_ON_WORKER      = 1 << 4,
} CabRouteFlags;

typedef void (*CabRouteHandler) (CabRequest *req);

/* One line of a route table: @pattern is a path whose "{}" segments are parameters
 * (CabRequest.params), e.g. "/api/v1/accounts/{}/balance". */
typedef struct
{
  const char      *method;
  const char      *pattern;
  CabRouteFlags    flags;
  CabRouteHandler  handler;
} CabRoute;

#define CAB_TYPE_SERVER (cab_server_get_type ())
G_DECLARE_FINAL_TYPE (CabServer, cab_server, CAB, SERVER, GObject)

/* @mailer may be NULL (mail goes through the store's queue, cab-mail-queue.h). @routes ends
 * with a line whose method is NULL; the API's is cab_routes (cab-routes.h). */
CabServer      *cab_server_new               (CabStore         *store,
                                              CabMailer        *mailer,
                                              gint64            token_ttl,
                                              const CabRoute   *routes);
/* Before cab_server_listen(): timeouts and caps of connections (see cab-connection-guard.h). */
void            cab_server_set_connection_limits (CabServer    *self,
                                              const CabConnectionLimits *limits);
/* TLS ends at a reverse proxy on this host: the client address of a request from a loopback
 * peer is the last X-Forwarded-For entry. */
void            cab_server_set_behind_proxy  (CabServer        *self,
                                              gboolean          behind_proxy);
/* Listens on @host:@port (0: any free port) and returns the base URI
 * ("http://127.0.0.1:41234/"). With @certificate, https. */
char           *cab_server_listen            (CabServer        *self,
                                              const char       *host,
                                              guint             port,
                                              GTlsCertificate  *certificate,
                                              GError          **error);
/* Answers new requests with 503, waits for the ones in flight and for the work given to
 * workers (cab_server_run_in_worker()), then closes the listeners and calls @done. */
void            cab_server_shutdown          (CabServer        *self,
                                              GSourceFunc       done,
                                              gpointer          user_data);

void            cab_server_add_route         (CabServer        *self,
                                              const char       *method,
                                              const char       *pattern,
                                              CabRouteFlags     flags,
                                              CabRouteHandler   handler);

/* Bearer tokens are checked and the reads (balances, statements) done on worker threads,
 * each with a store of its own from @factory (called on a worker thread). Without a factory
 * all of it runs on the main thread. */
typedef CabStore *(*CabStoreFactory) (gpointer user_data, GError **error);
void            cab_server_set_reader_factory (CabServer       *self,
                                              CabStoreFactory   factory,
                                              gpointer          user_data);
/* At most @max_readers reader stores (database connections) at once (0: no bound); a worker
 * that finds them all busy waits up to 10 s, then gets CAB_ERROR_UNAVAILABLE. */
void            cab_server_set_max_readers   (CabServer        *self,
                                              guint             max_readers);
/* A store for the calling worker thread, or NULL without a factory. Give it back. */
CabStore       *cab_server_acquire_reader    (CabServer        *self,
                                              GError          **error);
void            cab_server_release_reader    (CabServer        *self,
                                              CabStore         *reader);
gboolean        cab_server_has_readers       (CabServer        *self);
/* Runs @func on one of the server's worker threads, as g_task_run_in_thread() would on
 * GLib's shared pool: as many threads as cores (a read on SQLite keeps a core busy, more
 * threads only take turns on it), or as many as the reader bound when there is one (each
 * waits on the database's round trips). @func returns the task's result. Unlike
 * g_task_run_in_thread(), the worker never drops the task's last reference: the task and
 * its data are freed on the context that made it, so the data may hold a request. Until
 * then the work holds @self, and cab_server_shutdown() waits for it. */
void            cab_server_run_in_worker     (CabServer        *self,
                                              GTask            *task,
                                              GTaskThreadFunc   func);

/* On a worker thread, for a CAB_ROUTE_AUTH_ON_WORKER route: checks @req's bearer token with
 * @store (touching its session) and sets @req->user, then the temporary password's rule.
 * TRUE at once when @req->user is already set. Otherwise FALSE with an error that
 * cab_server_reply_auth_error() answers on the main thread. */
gboolean        cab_server_authenticate      (CabServer        *self,
                                              CabRequest       *req,
                                              CabStore         *store,
                                              GError          **error);
void            cab_server_reply_auth_error  (CabRequest       *req,
                                              const GError     *error);

CabStore       *cab_server_get_store         (CabServer        *self);
CabMailer      *cab_server_get_mailer        (CabServer        *self);
CabRateLimiter *cab_server_get_rate_limiter  (CabServer        *self);
CabDocumentRenderer *cab_server_get_renderer (CabServer        *self);
gint64          cab_server_get_token_ttl     (CabServer        *self);
/* Seconds a session lives from its sign-in, however active (default 30 days). */
void            cab_server_set_session_max_age (CabServer      *self,
                                              gint64            seconds);
/* Unix seconds, plus the CAB_SERVER_CLOCK_OFFSET test hook. */
gint64          cab_server_now               (CabServer        *self);
/* The supplier's date (Europe/Moscow) at cab_server_now(). */
void            cab_server_today             (CabServer        *self,
                                              GDate            *out_date);

G_END_DECLS
