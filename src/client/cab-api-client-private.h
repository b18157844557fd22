/* cab-api-client-private.h: the request core of CabApiClient (cab-api-client.c), shared by
 * the per-resource files cab-api-client-*.c. Not for the pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "cab-api-client.h"

G_BEGIN_DECLS

typedef struct _CabApiRequest CabApiRequest;

/* Called with a 2xx (or 304) answer. @node is the parsed JSON object, or NULL for an empty
 * or non-JSON (raw) body. Returns the task's result through g_task_return_*. */
typedef void (*CabApiDecodeFunc) (CabApiClient  *self,
                                  GTask         *task,
                                  CabApiRequest *request,
                                  JsonNode      *node,
                                  GBytes        *body);

/* One request in flight: the GTask's task data. */
struct _CabApiRequest
{
  SoupMessage *message;
  CabApiDecodeFunc decode;
  gboolean     raw;            /* the body is not JSON (documents) */
  gboolean     authenticated;
  char        *etag;
  gboolean     not_modified;
  gulong       progress_id;
  CabApiProgressFunc progress;
  gpointer     progress_data;
  goffset      sent;
  goffset      total;
  GBytes      *upload;         /* multipart body while it goes out */
  GFile       *file;
  char        *file_name;
  char        *text;
  char        *client_id;
};

void       cab_api_request_free      (CabApiRequest       *request);
/* The full URL of @path under the API prefix. */
char      *cab_api_client_build_url  (CabApiClient        *self,
                                      const char          *path);
/* Adds the bearer token, if any, to @message. */
void       cab_api_client_authorize  (CabApiClient        *self,
                                      SoupMessage         *message);
/* A task for @method @path with an optional JSON body, or NULL when the URL cannot be
 * requested (the error is already returned through @callback). */
GTask     *cab_api_request_new       (CabApiClient        *self,
                                      const char          *method,
                                      const char          *path,
                                      JsonNode            *json_body,
                                      gboolean             authenticated,
                                      CabApiDecodeFunc     decode,
                                      gpointer             source_tag,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* Sends the task's message (takes @task; NULL does nothing). */
void       cab_api_request_send      (CabApiClient        *self,
                                      GTask               *task);
/* Returns @error on @task (taking it), telling "unreachable" first when it is one. */
void       cab_api_return_error      (CabApiClient        *self,
                                      GTask               *task,
                                      GError              *error);
void       cab_api_return_malformed  (CabApiClient        *self,
                                      GTask               *task);
/* Returns @value on @task, or the "malformed" error when it is NULL (the answer did not read
 * as what was expected). */
void       cab_api_return_decoded    (CabApiClient        *self,
                                      GTask               *task,
                                      gpointer             value,
                                      GDestroyNotify       value_free);
/* A yes/no answer as the task's int: TRUE + 1, so that FALSE still reads as a value and not
 * as "no result". */
void       cab_api_return_flag       (GTask               *task,
                                      gboolean             flag);
/* The answer of cab_api_return_flag() into @out_flag (may be NULL); FALSE with @error when
 * the request failed. */
gboolean   cab_api_propagate_flag    (GTask               *task,
                                      gboolean            *out_flag,
                                      GError             **error);
/* A JSON object of string members: field, value, ..., NULL (a NULL value is ""). */
JsonNode  *cab_api_build_object      (const char          *first_field,
                                      ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
