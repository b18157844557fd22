/* cab-api-client-feedback.c: POST and GET /feedback: a message with an optional file, with upload progress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "cab-api-client-private.h"

static void
decode_feedback_id (CabApiClient  *self,
                    GTask         *task,
                    CabApiRequest *request,
                    JsonNode      *node,
                    GBytes        *body)
{
  JsonObject *object;
  gint64 id;
  gint64 *result;

  if (node == NULL
      || (object = cab_json_object (node, "feedback", NULL)) == NULL
      || !cab_json_get_int (object, "id", &id, NULL))
    {
      cab_api_return_malformed (self, task);
      return;
    }

  result = g_new (gint64, 1);
  *result = id;
  g_task_return_pointer (task, result, g_free);
}

static gboolean
report_progress_idle (gpointer user_data)
{
  GTask *task = user_data;
  CabApiRequest *request = g_task_get_task_data (task);

  if (request->progress != NULL)
    request->progress (request->sent, request->total, request->progress_data);

  return G_SOURCE_REMOVE;
}

static void
on_wrote_body_data (SoupMessage *message,
                    guint        chunk_size,
                    gpointer     user_data)
{
  GTask *task = user_data;
  CabApiRequest *request = g_task_get_task_data (task);

  request->sent = MIN (request->sent + chunk_size, request->total);
  /* already on the main context (libsoup emits where the request runs) */
  report_progress_idle (task);
}

static void
feedback_send (CabApiClient *self,
               GTask        *task,
               GBytes       *file_contents)
{
  CabApiRequest *request = g_task_get_task_data (task);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = cab_api_client_build_url (self, "feedback");
  SoupMessageHeaders *headers;
  GBytes *multipart_body = NULL;

  soup_multipart_append_form_string (multipart, "text", request->text);
  if (request->client_id != NULL)
    soup_multipart_append_form_string (multipart, "client_id", request->client_id);
  if (file_contents != NULL)
    {
      g_autofree char *content_type = g_content_type_guess (request->file_name,
                                                            g_bytes_get_data (file_contents, NULL),
                                                            MIN (g_bytes_get_size (file_contents), 4096),
                                                            NULL);
      g_autofree char *mime = g_content_type_get_mime_type (content_type);

      soup_multipart_append_form_file (multipart, "file", request->file_name,
                                       mime != NULL ? mime : "application/octet-stream",
                                       file_contents);
    }

  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  soup_multipart_to_message (multipart, headers, &multipart_body);

  g_clear_object (&request->message);
  request->message = soup_message_new ("POST", url);
  /* the Content-Type with its boundary */
  soup_message_set_request_body_from_bytes (request->message,
                                            soup_message_headers_get_one (headers, "Content-Type"),
                                            multipart_body);
  soup_message_headers_unref (headers);
  request->total = (goffset) g_bytes_get_size (multipart_body);
  request->upload = multipart_body;

  soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                "Accept", "application/json");
  cab_api_client_authorize (self, request->message);
  if (request->progress != NULL)
    request->progress_id = g_signal_connect (request->message, "wrote-body-data",
                                             G_CALLBACK (on_wrote_body_data), task);

  cab_api_request_send (self, task);
}

static void
on_feedback_file_loaded (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CabApiClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  char *data = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &data, &length, NULL, &error))
    {
      /* the file's own error (or the cancellation) */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  contents = g_bytes_new_take (data, length);
  if ((gint64) length > CAB_FEEDBACK_MAX_FILE_SIZE)
    {
      g_task_return_error (task, cab_error_new_from_api (CAB_ERROR_TOO_LARGE, "file", 0,
                                            "The file grew over the limit"));
      return;
    }

  feedback_send (self, g_steal_pointer (&task), contents);
}

static void
on_feedback_file_info (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CabApiRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  goffset size;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      /* the file's own error (or the cancellation) */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  size = g_file_info_get_size (info);
  if (size > CAB_FEEDBACK_MAX_FILE_SIZE)
    {
      /* refused before anything is uploaded */
      g_task_return_error (task, cab_error_new_from_api (CAB_ERROR_TOO_LARGE, "file", 0,
                                            "The file is over the limit"));
      return;
    }

  if (g_file_info_get_display_name (info) != NULL)
    {
      g_free (request->file_name);
      request->file_name = g_strdup (g_file_info_get_display_name (info));
    }

  g_file_load_contents_async (request->file, g_task_get_cancellable (task),
                              on_feedback_file_loaded, g_object_ref (task));
}

void
cab_api_client_send_feedback_async (CabApiClient        *self,
                                    const char          *text,
                                    GFile               *file,
                                    const char          *client_id,
                                    CabApiProgressFunc   progress,
                                    gpointer             progress_data,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CabApiRequest *request;

  g_return_if_fail (CAB_IS_API_CLIENT (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_api_client_send_feedback_async);
  request = g_new0 (CabApiRequest, 1);
  request->decode = decode_feedback_id;
  request->authenticated = TRUE;
  request->text = g_strdup (text);
  request->client_id = g_strdup (client_id);
  request->progress = progress;
  request->progress_data = progress_data;
  g_task_set_task_data (task, request, (GDestroyNotify) cab_api_request_free);

  if (file == NULL)
    {
      feedback_send (self, g_steal_pointer (&task), NULL);
      return;
    }

  request->file = g_object_ref (file);
  request->file_name = g_file_get_basename (file);
  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, cancellable,
                           on_feedback_file_info, g_steal_pointer (&task));
}

gint64
cab_api_client_send_feedback_finish (CabApiClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  id = g_task_propagate_pointer (G_TASK (result), error);

  return id != NULL ? *id : -1;
}

static void
decode_feedback_list (CabApiClient  *self,
                      GTask         *task,
                      CabApiRequest *request,
                      JsonNode      *node,
                      GBytes        *body)
{
  cab_api_return_decoded (self, task,
                          node != NULL ? cab_feedback_messages_from_json (node, NULL) : NULL,
                          (GDestroyNotify) g_ptr_array_unref);
}

void
cab_api_client_list_feedback_async (CabApiClient        *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CAB_IS_API_CLIENT (self));

  cab_api_request_send (self, cab_api_request_new (self, "GET", "feedback", NULL, TRUE, decode_feedback_list,
                                   cab_api_client_list_feedback_async,
                                   cancellable, callback, user_data));
}

GPtrArray *
cab_api_client_list_feedback_finish (CabApiClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
