/* fake-api-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fake-api-client.h"

struct _CabApiClient
{
  GObject    parent_instance;

  GArray    *answers;    /* of Answer */
  GPtrArray *sent_ids;
  char      *last_text;
  GBytes    *last_file;
  char      *last_file_name;
};

typedef struct
{
  gint64   id;
  CabError code;
} Answer;

G_DEFINE_FINAL_TYPE (CabApiClient, cab_api_client, G_TYPE_OBJECT)

static void
cab_api_client_finalize (GObject *object)
{
  CabApiClient *self = (CabApiClient *)object;

  g_clear_pointer (&self->answers, g_array_unref);
  g_clear_pointer (&self->sent_ids, g_ptr_array_unref);
  g_clear_pointer (&self->last_text, g_free);
  g_clear_pointer (&self->last_file, g_bytes_unref);
  g_clear_pointer (&self->last_file_name, g_free);

  G_OBJECT_CLASS (cab_api_client_parent_class)->finalize (object);
}

static void
cab_api_client_class_init (CabApiClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cab_api_client_finalize;
}

static void
cab_api_client_init (CabApiClient *self)
{
  self->answers = g_array_new (FALSE, FALSE, sizeof (Answer));
  self->sent_ids = g_ptr_array_new_with_free_func (g_free);
}

CabApiClient *
fake_api_client_new (void)
{
  return g_object_new (CAB_TYPE_API_CLIENT, NULL);
}

void
fake_api_client_push_answer (CabApiClient *self,
                             gint64        id,
                             CabError      code)
{
  Answer answer = { id, code };

  g_array_append_val (self->answers, answer);
}

GPtrArray *
fake_api_client_get_sent_ids (CabApiClient *self)
{
  return self->sent_ids;
}

const char *
fake_api_client_get_last_text (CabApiClient *self)
{
  return self->last_text;
}

GBytes *
fake_api_client_get_last_file (CabApiClient *self)
{
  return self->last_file;
}

char *
fake_api_client_dup_last_file_name (CabApiClient *self)
{
  return g_strdup (self->last_file_name);
}

static gboolean
answer_cb (gpointer user_data)
{
  GTask *task = user_data;
  CabApiClient *self = g_task_get_source_object (task);
  Answer answer = { 0, CAB_ERROR_NETWORK };

  if (self->answers->len > 0)
    {
      answer = g_array_index (self->answers, Answer, 0);
      g_array_remove_index (self->answers, 0);
    }

  if (answer.id > 0)
    g_task_return_int (task, answer.id);
  else
    g_task_return_new_error (task, CAB_ERROR, answer.code, "scripted failure %d", answer.code);

  return G_SOURCE_REMOVE;
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
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_ptr_array_add (self->sent_ids, g_strdup (client_id));
  g_free (self->last_text);
  self->last_text = g_strdup (text);
  g_clear_pointer (&self->last_file, g_bytes_unref);
  g_clear_pointer (&self->last_file_name, g_free);
  if (file != NULL)
    {
      self->last_file = g_file_load_bytes (file, NULL, NULL, NULL);
      self->last_file_name = g_file_get_basename (file);
    }

  /* Answer from the main loop, as a real request would. */
  g_idle_add_full (G_PRIORITY_DEFAULT, answer_cb, task, g_object_unref);
}

gint64
cab_api_client_send_feedback_finish (CabApiClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}
