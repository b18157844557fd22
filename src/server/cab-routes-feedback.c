/* cab-routes-feedback.c: messages to the supplier (manual 4.4), with an optional file.
 *
 * CabServer has already refused a body over the limit without keeping it; here the multipart
 * body (at most the file limit plus framing) is parsed and each part checked
 * (cab-feedback-form.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-feedback-form.h"
#include "cab-routes.h"

void
cab_route_post_feedback (CabRequest *req)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (req->msg);
  g_autoptr(CabFeedbackForm) form = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  gboolean existed = FALSE;
  gint64 id;

  form = cab_feedback_form_parse (request_headers, req->body, &field, &error);
  if (form == NULL)
    {
      cab_request_reply_gerror (req, error, field);
      return;
    }

  id = cab_store_add_feedback (cab_server_get_store (req->server), req->user->id,
                               form->client_id, form->text, form->file_name, form->file,
                               cab_server_now (req->server), &existed, &error);
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

void
cab_route_get_feedback (CabRequest *req)
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
