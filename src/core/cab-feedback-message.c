/* cab-feedback-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-error.h"
#include "cab-feedback-message.h"
#include "cab-json.h"

G_DEFINE_BOXED_TYPE (CabFeedbackMessage, cab_feedback_message,
                     cab_feedback_message_copy, cab_feedback_message_free)

static const char * const status_names[] = {
  [CAB_FEEDBACK_RECEIVED] = "received",
  [CAB_FEEDBACK_IN_PROGRESS] = "in_progress",
  [CAB_FEEDBACK_ANSWERED] = "answered",
};

const char *
cab_feedback_status_to_string (CabFeedbackStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status];
}

gboolean
cab_feedback_status_from_string (const char         *text,
                                 CabFeedbackStatus  *out_status,
                                 GError            **error)
{
  g_autofree char *shown = NULL;

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_str_equal (text, status_names[i]))
        {
          if (out_status != NULL)
            *out_status = (CabFeedbackStatus) i;
          return TRUE;
        }
    }

  shown = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_set_error (error, CAB_ERROR, CAB_ERROR_UNKNOWN_ENUM,
               "“%s” is not a status of a feedback message", shown);
  return FALSE;
}

CabFeedbackMessage *
cab_feedback_message_new (void)
{
  CabFeedbackMessage *self = g_new0 (CabFeedbackMessage, 1);

  self->file_size = -1;
  self->status = CAB_FEEDBACK_RECEIVED;

  return self;
}

CabFeedbackMessage *
cab_feedback_message_copy (const CabFeedbackMessage *self)
{
  CabFeedbackMessage *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->created_at = self->created_at != NULL ? g_date_time_ref (self->created_at) : NULL;
  copy->text = g_strdup (self->text);
  copy->file_name = g_strdup (self->file_name);

  return copy;
}

void
cab_feedback_message_free (CabFeedbackMessage *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_free (self->text);
  g_free (self->file_name);
  g_free (self);
}

JsonNode *
cab_feedback_message_to_json (const CabFeedbackMessage *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *created_at = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  /* The year by hand: "%Y" does not pad years before 1000, which ISO 8601 (and so the decoder)
   * wants as four digits. */
  if (self->created_at != NULL)
    {
      g_autofree char *rest = g_date_time_format (self->created_at, "-%m-%dT%H:%M:%S%:z");

      created_at = g_strdup_printf ("%04d%s", g_date_time_get_year (self->created_at), rest);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  cab_json_builder_add_nullable_string (builder, "created_at", created_at);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, self->text != NULL ? self->text : "");
  cab_json_builder_add_nullable_string (builder, "file_name", self->file_name);
  json_builder_set_member_name (builder, "file_size");
  if (self->file_size >= 0)
    json_builder_add_int_value (builder, self->file_size);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, cab_feedback_status_to_string (self->status));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

CabFeedbackMessage *
cab_feedback_message_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(CabFeedbackMessage) self = cab_feedback_message_new ();
  JsonObject *object;
  JsonNode *file_size;
  const char *created_at;
  const char *text;
  const char *file_name;
  const char *status;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(object = cab_json_object (node, "message", error)) ||
      !cab_json_get_int (object, "id", &self->id, error) ||
      !(created_at = cab_json_get_string (object, "created_at", error)))
    return NULL;

  /* No default time zone: a timestamp without an offset is refused. */
  self->created_at = g_date_time_new_from_iso8601 (created_at, NULL);
  if (self->created_at == NULL)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_DATE,
                   "Field “created_at”: “%s” is not a timestamp with an offset", created_at);
      return NULL;
    }

  if (!(text = cab_json_get_string (object, "text", error)) ||
      !cab_json_get_nullable_string (object, "file_name", &file_name, error))
    return NULL;

  file_size = json_object_get_member (object, "file_size");
  if (file_size == NULL)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_MISSING_FIELD,
                           "Field “file_size” is missing");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_NULL (file_size))
    {
      if (!cab_json_get_int (object, "file_size", &self->file_size, error))
        return NULL;
      if (self->file_size < 0)
        {
          g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                               "Field “file_size” is negative");
          return NULL;
        }
    }

  if (!(status = cab_json_get_string (object, "status", error)))
    return NULL;

  if (!cab_feedback_status_from_string (status, &self->status, error))
    {
      g_prefix_error (error, "Field “status”: ");
      return NULL;
    }

  self->text = g_strdup (text);
  self->file_name = g_strdup (file_name);

  return g_steal_pointer (&self);
}

JsonNode *
cab_feedback_messages_to_json (GPtrArray *messages)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    json_builder_add_value (builder, cab_feedback_message_to_json (g_ptr_array_index (messages, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

GPtrArray *
cab_feedback_messages_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(GPtrArray) messages = NULL;
  JsonObject *object;
  JsonArray *array;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(object = cab_json_object (node, "feedback list", error)) ||
      !(array = cab_json_get_array (object, "messages", error)))
    return NULL;

  messages = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_feedback_message_free);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      CabFeedbackMessage *message;

      message = cab_feedback_message_from_json (json_array_get_element (array, i), error);
      if (message == NULL)
        {
          g_prefix_error (error, "“messages” item %u: ", i);
          return NULL;
        }

      g_ptr_array_add (messages, message);
    }

  return g_steal_pointer (&messages);
}
