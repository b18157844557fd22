/* cab-api-client-documents.c: GET /documents/{id}: a document's PDF, checked against its ETag.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "cab-api-client-private.h"

static char *
unquote_etag (const char *etag)
{
  g_autofree char *copy = NULL;

  if (etag == NULL)
    return NULL;
  if (g_str_has_prefix (etag, "W/"))
    etag += 2;
  copy = g_strstrip (g_strdup (etag));
  if (copy[0] == '"' && strlen (copy) >= 2 && copy[strlen (copy) - 1] == '"')
    return g_strndup (copy + 1, strlen (copy) - 2);

  return g_steal_pointer (&copy);
}

static void
decode_document (CabApiClient  *self,
                 GTask         *task,
                 CabApiRequest *request,
                 JsonNode      *node,
                 GBytes        *body)
{
  g_autofree char *etag = NULL;
  g_autofree char *digest = NULL;

  if (request->not_modified)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (body == NULL)
    {
      cab_api_return_malformed (self, task);
      return;
    }

  etag = unquote_etag (soup_message_headers_get_one (soup_message_get_response_headers (request->message),
                                                     "ETag"));
  if (etag != NULL)
    {
      digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
      if (g_ascii_strcasecmp (digest, etag) != 0)
        {
          cab_api_return_malformed (self, task);
          return;
        }
    }

  g_task_return_pointer (task, g_bytes_ref (body), (GDestroyNotify) g_bytes_unref);
}

void
cab_api_client_download_document_async (CabApiClient        *self,
                                        const char          *id,
                                        const char          *etag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GTask *task;
  CabApiRequest *request;

  g_return_if_fail (CAB_IS_API_CLIENT (self));
  g_return_if_fail (id != NULL);

  escaped = g_uri_escape_string (id, NULL, FALSE);
  path = g_strconcat ("documents/", escaped, NULL);
  task = cab_api_request_new (self, "GET", path, NULL, TRUE, decode_document,
                      cab_api_client_download_document_async, cancellable, callback, user_data);
  if (task != NULL)
    {
      request = g_task_get_task_data (task);
      request->raw = TRUE;
      soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                    "Accept", "application/pdf, application/json");
      if (etag != NULL && *etag != '\0')
        {
          g_autofree char *quoted = g_strdup_printf ("\"%s\"", etag);

          request->etag = g_strdup (etag);
          soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                        "If-None-Match", quoted);
        }
    }
  cab_api_request_send (self, task);
}

GBytes *
cab_api_client_download_document_finish (CabApiClient  *self,
                                         GAsyncResult  *result,
                                         gboolean      *out_not_modified,
                                         GError       **error)
{
  CabApiRequest *request;
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  request = g_task_get_task_data (G_TASK (result));
  bytes = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (out_not_modified != NULL)
    *out_not_modified = request != NULL && request->not_modified;

  return bytes;
}
