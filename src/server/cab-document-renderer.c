/* cab-document-renderer.c: scanned-looking PDFs rendered on first need, off the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-document-renderer.h"
#include "cab-scan-renderer.h"

struct _CabDocumentRenderer
{
  GObject     parent_instance;
  CabStore   *store;
  GHashTable *in_flight;     /* document id (gint64 *) -> GPtrArray of Waiter */
  guint       background_source;
  gboolean    background_busy;
  gboolean    background_stopped;
};

G_DEFINE_FINAL_TYPE (CabDocumentRenderer, cab_document_renderer, G_TYPE_OBJECT)

typedef struct
{
  GTask  *task;     /* the cab_document_renderer_ensure_async() call */
  guint   pending;  /* documents it still waits for */
  GError *error;
} Waiter;

static void
waiter_unref_one (Waiter *waiter)
{
  if (--waiter->pending > 0)
    return;
  if (waiter->error != NULL)
    g_task_return_error (waiter->task, waiter->error);
  else
    g_task_return_boolean (waiter->task, TRUE);
  g_object_unref (waiter->task);
  g_free (waiter);
}

static void
cab_document_renderer_dispose (GObject *object)
{
  CabDocumentRenderer *self = CAB_DOCUMENT_RENDERER (object);

  g_clear_handle_id (&self->background_source, g_source_remove);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cab_document_renderer_parent_class)->dispose (object);
}

static void
cab_document_renderer_finalize (GObject *object)
{
  CabDocumentRenderer *self = CAB_DOCUMENT_RENDERER (object);

  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  G_OBJECT_CLASS (cab_document_renderer_parent_class)->finalize (object);
}

static void
cab_document_renderer_class_init (CabDocumentRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cab_document_renderer_dispose;
  object_class->finalize = cab_document_renderer_finalize;
}

static void
cab_document_renderer_init (CabDocumentRenderer *self)
{
  self->in_flight = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
}

CabDocumentRenderer *
cab_document_renderer_new (CabStore *store)
{
  CabDocumentRenderer *self = g_object_new (CAB_TYPE_DOCUMENT_RENDERER, NULL);

  self->store = g_object_ref (store);
  return self;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

GBytes *
cab_document_render_spec (const char  *spec_json,
                          GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (CabScanLine));
  JsonObject *object;
  JsonArray *array;
  CabScanSpec spec = { 0 };
  GDate date;

  root = json_from_string (spec_json, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INTERNAL, "Bad document spec");
      return NULL;
    }
  object = json_node_get_object (root);
  if (!cab_date_parse_iso (member_string (object, "date"), &date, error))
    return NULL;

  array = json_object_has_member (object, "lines")
          ? json_object_get_array_member (object, "lines") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonArray *pair = json_array_get_array_element (array, i);
      CabScanLine line;

      if (pair == NULL || json_array_get_length (pair) != 2)
        continue;
      line.label = json_array_get_string_element (pair, 0);
      line.value = json_array_get_string_element (pair, 1);
      g_array_append_val (lines, line);
    }

  spec.title = member_string (object, "title");
  spec.number = member_string (object, "number");
  spec.date = &date;
  spec.supplier = member_string (object, "supplier");
  spec.partner_name = member_string (object, "partner_name");
  spec.partner_address = member_string (object, "partner_address");
  spec.inn = member_string (object, "inn");
  spec.kpp = member_string (object, "kpp");
  spec.account = member_string (object, "account");
  spec.contract = member_string (object, "contract");
  spec.lines = (const CabScanLine *) (gconstpointer) lines->data;  /* GArray data is aligned */
  spec.n_lines = lines->len;
  spec.total = member_string (object, "total");
  spec.seed = (guint32) json_object_get_int_member_with_default (object, "seed", 1);
  spec.n_pages = (guint) json_object_get_int_member_with_default (object, "pages", 1);

  return cab_scan_render_pdf (&spec, error);
}

typedef struct
{
  gint64  id;
  char   *spec_json;
  GBytes *pdf;
  char   *sha256;
} Job;

static void
job_free (Job *job)
{
  g_free (job->spec_json);
  g_clear_pointer (&job->pdf, g_bytes_unref);
  g_free (job->sha256);
  g_free (job);
}

static void
render_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  job->pdf = cab_document_render_spec (job->spec_json, &error);
  if (job->pdf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, job->pdf);
  g_task_return_boolean (task, TRUE);
}

static void
render_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CabDocumentRenderer *self = CAB_DOCUMENT_RENDERER (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;
  gpointer key = NULL;
  gpointer value = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error) && self->store != NULL)
    cab_store_set_document_pdf (self->store, job->id, job->pdf, job->sha256, &error);
  if (error != NULL)
    g_warning ("Cannot render document %" G_GINT64_FORMAT ": %s", job->id, error->message);

  if (g_hash_table_steal_extended (self->in_flight, &job->id, &key, &value))
    {
      g_free (key);
      waiters = value;
    }
  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiters, i);

      if (error != NULL && waiter->error == NULL)
        waiter->error = g_error_copy (error);
      waiter_unref_one (waiter);
    }
}

static void
start_job (CabDocumentRenderer *self,
           gint64               id,
           const char          *spec_json,
           Waiter              *waiter)
{
  GPtrArray *waiters = g_hash_table_lookup (self->in_flight, &id);
  g_autoptr(GTask) task = NULL;
  Job *job;

  waiter->pending++;
  if (waiters != NULL)
    {
      g_ptr_array_add (waiters, waiter);
      return;
    }
  waiters = g_ptr_array_new ();
  g_ptr_array_add (waiters, waiter);
  g_hash_table_insert (self->in_flight, g_memdup2 (&id, sizeof id), waiters);

  job = g_new0 (Job, 1);
  job->id = id;
  job->spec_json = g_strdup (spec_json);
  /* The render is not cancelled with a request: another may wait for it, and the result
   * is kept anyway. */
  task = g_task_new (self, NULL, render_done, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, render_thread);
}

void
cab_document_renderer_ensure_async (CabDocumentRenderer *self,
                                    GPtrArray           *docs,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Waiter *waiter = g_new0 (Waiter, 1);

  waiter->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (waiter->task, cab_document_renderer_ensure_async);
  /* Holds one count until every job is started, so none finishing early completes it. */
  waiter->pending = 1;

  for (guint i = 0; i < docs->len; i++)
    {
      CabStoreDocument *doc = g_ptr_array_index (docs, i);

      if (doc->sha256 != NULL)
        continue;
      if (doc->spec_json == NULL)
        {
          if (waiter->error == NULL)
            waiter->error = g_error_new (CAB_ERROR, CAB_ERROR_INTERNAL,
                                         "Document %" G_GINT64_FORMAT " has nothing to render",
                                         doc->id);
          continue;
        }
      start_job (self, doc->id, doc->spec_json, waiter);
    }
  waiter_unref_one (waiter);
}

gboolean
cab_document_renderer_ensure_finish (CabDocumentRenderer  *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean background_step (gpointer user_data);

static void
background_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CabDocumentRenderer *self = CAB_DOCUMENT_RENDERER (source);
  g_autoptr(GError) error = NULL;

  self->background_busy = FALSE;
  if (!cab_document_renderer_ensure_finish (self, result, &error) || self->background_stopped)
    return;
  /* A short pause between documents leaves the CPU to requests. */
  self->background_source = g_timeout_add_full (G_PRIORITY_LOW, 20, background_step,
                                                self, NULL);
}

static gboolean
background_step (gpointer user_data)
{
  CabDocumentRenderer *self = user_data;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  self->background_source = 0;
  if (self->background_stopped || self->store == NULL)
    return G_SOURCE_REMOVE;
  docs = cab_store_list_unrendered (self->store, 1, &error);
  if (docs == NULL || docs->len == 0)
    return G_SOURCE_REMOVE;
  self->background_busy = TRUE;
  cab_document_renderer_ensure_async (self, docs, NULL, background_done, NULL);
  return G_SOURCE_REMOVE;
}

void
cab_document_renderer_start_background (CabDocumentRenderer *self,
                                        guint                delay_ms)
{
  self->background_stopped = FALSE;
  if (self->background_source == 0 && !self->background_busy)
    self->background_source = g_timeout_add_full (G_PRIORITY_LOW, delay_ms, background_step,
                                                  self, NULL);
}

void
cab_document_renderer_stop_background (CabDocumentRenderer *self)
{
  self->background_stopped = TRUE;
  g_clear_handle_id (&self->background_source, g_source_remove);
}

gboolean
cab_document_renderer_is_busy (CabDocumentRenderer *self)
{
  return g_hash_table_size (self->in_flight) > 0;
}
