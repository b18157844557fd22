/* cab-routes-feedback.c: messages to the supplier (manual 4.4), with an optional file.
 *
 * CabServer has already refused a body over the limit without keeping it; here the multipart
 * body (at most the file limit plus framing) is parsed and each part checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-routes.h"

#define CLIENT_ID_MAX_CHARS 64

static void
post_feedback (CabRequest *req)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (req->msg);
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(GBytes) text_bytes = NULL;
  g_autoptr(GBytes) client_id_bytes = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autofree char *text = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *file_name = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gboolean existed = FALSE;
  gint64 id;
  glong n_chars;

  multipart = soup_multipart_new_from_message (request_headers, req->body);
  if (multipart == NULL)
    {
      cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, NULL,
                               "The multipart body cannot be read");
      return;
    }

  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers = NULL;
      GBytes *body = NULL;
      g_autoptr(GHashTable) params = NULL;
      const char *name;

      if (!soup_multipart_get_part (multipart, i, &headers, &body)
          || !soup_message_headers_get_content_disposition (headers, NULL, &params))
        continue;
      name = g_hash_table_lookup (params, "name");
      if (g_strcmp0 (name, "text") == 0 && text_bytes == NULL)
        text_bytes = g_bytes_ref (body);
      else if (g_strcmp0 (name, "client_id") == 0 && client_id_bytes == NULL)
        client_id_bytes = g_bytes_ref (body);
      else if (g_strcmp0 (name, "file") == 0 && file == NULL)
        {
          const char *filename = g_hash_table_lookup (params, "filename");

          file = g_bytes_ref (body);
          file_name = filename ? g_path_get_basename (filename) : NULL;
        }
    }

  if (file != NULL && (gint64) g_bytes_get_size (file) > CAB_FEEDBACK_MAX_FILE_SIZE)
    {
      cab_request_reply_error (req, CAB_ERROR_TOO_LARGE, "file",
                               "The file is larger than 10 MiB");
      return;
    }
  if (text_bytes == NULL)
    {
      cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, "text", "The text is missing");
      return;
    }
  text = g_strndup (g_bytes_get_data (text_bytes, NULL), g_bytes_get_size (text_bytes));
  if (strlen (text) != g_bytes_get_size (text_bytes) || !g_utf8_validate (text, -1, NULL))
    {
      cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, "text",
                               "The text is not UTF-8");
      return;
    }
  n_chars = g_utf8_strlen (text, -1);
  if (n_chars < 1 || n_chars > CAB_FEEDBACK_MAX_TEXT_CHARS)
    {
      cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, "text",
                               "The text must have 1 to 4000 characters");
      return;
    }
  if (client_id_bytes != NULL)
    {
      client_id = g_strndup (g_bytes_get_data (client_id_bytes, NULL),
                             g_bytes_get_size (client_id_bytes));
      if (strlen (client_id) != g_bytes_get_size (client_id_bytes)
          || !g_utf8_validate (client_id, -1, NULL)
          || g_utf8_strlen (client_id, -1) > CLIENT_ID_MAX_CHARS || *client_id == '\0')
        {
          cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, "client_id",
                                   "client_id must have 1 to 64 characters");
          return;
        }
    }
  if (file != NULL && (file_name == NULL || *file_name == '\0'
                       || !g_utf8_validate (file_name, -1, NULL)))
    {
      cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, "file",
                               "The file needs a file name");
      return;
    }

  id = cab_store_add_feedback (cab_server_get_store (req->server), req->user->id, client_id,
                               text, file_name, file, cab_server_now (req->server), &existed,
                               &error);
  if (id == 0)
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  cab_request_reply_json (req, existed ? SOUP_STATUS_OK : SOUP_STATUS_CREATED, root);
}

static void
list_feedback (CabRequest *req)
{
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  messages = cab_store_list_feedback (cab_server_get_store (req->server), req->user->id, &error);
  if (messages == NULL)
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }
  root = cab_feedback_messages_to_json (messages);
  cab_request_reply_json (req, SOUP_STATUS_OK, root);
}

void
cab_routes_add_feedback (CabServer *server)
{
  cab_server_add_route (server, "POST", "/api/v1/feedback",
                        CAB_ROUTE_AUTH | CAB_ROUTE_MULTIPART_BODY, post_feedback);
  cab_server_add_route (server, "GET", "/api/v1/feedback", CAB_ROUTE_AUTH, list_feedback);
}
