/* cab-page-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-page-renderer.h"

typedef struct
{
  guint         page;
  double        scale;
  guint         rotation;
  GCancellable *cancellable;
} Request;

struct _CabPageRenderer
{
  GObject         parent_instance;

  CabPdfDocument *document;
  CabPageCache   *cache;
  GQueue          queue;     /* Request*, waiting */
  Request        *running;   /* the one in the worker thread, or NULL */
  guint           n_rendered;
  guint           n_cancelled;
};

enum {
  PAGE_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CabPageRenderer, cab_page_renderer, G_TYPE_OBJECT)

static void start_next (CabPageRenderer *self);

static void
request_free (Request *request)
{
  g_clear_object (&request->cancellable);
  g_free (request);
}

static gboolean
request_matches (const Request *request,
                 guint          page,
                 double         scale,
                 guint          rotation)
{
  return request->page == page && request->rotation == rotation &&
         cab_page_cache_scale_key (request->scale) == cab_page_cache_scale_key (scale);
}

static void
cab_page_renderer_dispose (GObject *object)
{
  CabPageRenderer *self = (CabPageRenderer *)object;

  cab_page_renderer_cancel_all (self);

  G_OBJECT_CLASS (cab_page_renderer_parent_class)->dispose (object);
}

static void
cab_page_renderer_finalize (GObject *object)
{
  CabPageRenderer *self = (CabPageRenderer *)object;

  g_queue_clear_full (&self->queue, (GDestroyNotify)request_free);
  g_clear_object (&self->document);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (cab_page_renderer_parent_class)->finalize (object);
}

static void
cab_page_renderer_class_init (CabPageRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cab_page_renderer_dispose;
  object_class->finalize = cab_page_renderer_finalize;

  /**
   * CabPageRenderer::page-ready:
   * @page: the page now in the cache
   */
  signals[PAGE_READY] =
    g_signal_new ("page-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
cab_page_renderer_init (CabPageRenderer *self)
{
  g_queue_init (&self->queue);
}

CabPageRenderer *
cab_page_renderer_new (CabPdfDocument *document,
                       CabPageCache   *cache)
{
  CabPageRenderer *self;

  g_return_val_if_fail (CAB_IS_PDF_DOCUMENT (document), NULL);
  g_return_val_if_fail (CAB_IS_PAGE_CACHE (cache), NULL);

  self = g_object_new (CAB_TYPE_PAGE_RENDERER, NULL);
  self->document = g_object_ref (document);
  self->cache = g_object_ref (cache);

  return self;
}

CabPdfDocument *
cab_page_renderer_get_document (CabPageRenderer *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_RENDERER (self), NULL);

  return self->document;
}

CabPageCache *
cab_page_renderer_get_cache (CabPageRenderer *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_RENDERER (self), NULL);

  return self->cache;
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CabPdfDocument *document = source_object;
  Request *request = task_data;
  GdkTexture *texture;
  GError *error = NULL;

  texture = cab_pdf_document_render_page (document, request->page, request->scale,
                                          request->rotation, cancellable, &error);
  if (texture != NULL)
    g_task_return_pointer (task, texture, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
render_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CabPageRenderer) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  Request *request = g_task_get_task_data (G_TASK (result));

  texture = g_task_propagate_pointer (G_TASK (result), &error);

  g_assert (self->running == request);
  self->running = NULL;

  if (texture != NULL)
    {
      self->n_rendered++;
      cab_page_cache_insert (self->cache, request->page, request->scale, request->rotation,
                             texture);
      g_signal_emit (self, signals[PAGE_READY], 0, request->page);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot render page %u: %s", request->page + 1, error->message);

  start_next (self);
}

static void
start_next (CabPageRenderer *self)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  if (self->running != NULL || self->queue.length == 0)
    return;

  request = g_queue_pop_head (&self->queue);
  self->running = request;

  /* The task owns the request; the callback holds the renderer so it can start the next. */
  task = g_task_new (self->document, request->cancellable, render_done, g_object_ref (self));
  g_task_set_source_tag (task, start_next);
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);
  g_task_run_in_thread (task, render_thread);
}

void
cab_page_renderer_request (CabPageRenderer *self,
                           guint            page,
                           double           scale,
                           guint            rotation)
{
  Request *request;

  g_return_if_fail (CAB_IS_PAGE_RENDERER (self));
  g_return_if_fail (page < cab_pdf_document_get_n_pages (self->document));

  if (cab_page_cache_contains (self->cache, page, scale, rotation))
    return;
  if (self->running != NULL &&
      !g_cancellable_is_cancelled (self->running->cancellable) &&
      request_matches (self->running, page, scale, rotation))
    return;
  for (GList *l = self->queue.head; l != NULL; l = l->next)
    if (request_matches (l->data, page, scale, rotation))
      return;

  request = g_new0 (Request, 1);
  request->page = page;
  request->scale = scale;
  request->rotation = rotation;
  request->cancellable = g_cancellable_new ();
  g_queue_push_tail (&self->queue, request);

  start_next (self);
}

void
cab_page_renderer_adopt (CabPageRenderer *self,
                         guint            page,
                         double           scale,
                         guint            rotation,
                         GdkTexture      *texture)
{
  g_return_if_fail (CAB_IS_PAGE_RENDERER (self));
  g_return_if_fail (page < cab_pdf_document_get_n_pages (self->document));
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  self->n_rendered++;
  cab_page_cache_insert (self->cache, page, scale, rotation, texture);
  g_signal_emit (self, signals[PAGE_READY], 0, page);
}

static gboolean
wanted (const Request *request,
        guint          first,
        guint          last,
        double         scale,
        guint          rotation)
{
  return request->page >= first && request->page <= last && request->rotation == rotation &&
         cab_page_cache_scale_key (request->scale) == cab_page_cache_scale_key (scale);
}

void
cab_page_renderer_retain (CabPageRenderer *self,
                          guint            first,
                          guint            last,
                          double           scale,
                          guint            rotation)
{
  GList *l;

  g_return_if_fail (CAB_IS_PAGE_RENDERER (self));

  l = self->queue.head;
  while (l != NULL)
    {
      GList *next = l->next;

      if (!wanted (l->data, first, last, scale, rotation))
        {
          request_free (l->data);
          g_queue_delete_link (&self->queue, l);
          self->n_cancelled++;
        }
      l = next;
    }

  if (self->running != NULL &&
      !g_cancellable_is_cancelled (self->running->cancellable) &&
      !wanted (self->running, first, last, scale, rotation))
    {
      g_cancellable_cancel (self->running->cancellable);
      self->n_cancelled++;
    }
}

void
cab_page_renderer_cancel (CabPageRenderer *self,
                          guint            page)
{
  GList *l;

  g_return_if_fail (CAB_IS_PAGE_RENDERER (self));

  l = self->queue.head;
  while (l != NULL)
    {
      GList *next = l->next;
      Request *request = l->data;

      if (request->page == page)
        {
          request_free (request);
          g_queue_delete_link (&self->queue, l);
          self->n_cancelled++;
        }
      l = next;
    }
}

void
cab_page_renderer_cancel_all (CabPageRenderer *self)
{
  g_return_if_fail (CAB_IS_PAGE_RENDERER (self));

  self->n_cancelled += self->queue.length;
  g_queue_clear_full (&self->queue, (GDestroyNotify)request_free);

  if (self->running != NULL && !g_cancellable_is_cancelled (self->running->cancellable))
    {
      g_cancellable_cancel (self->running->cancellable);
      self->n_cancelled++;
    }
}

guint
cab_page_renderer_get_n_pending (CabPageRenderer *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_RENDERER (self), 0);

  return self->queue.length + (self->running != NULL ? 1 : 0);
}

guint
cab_page_renderer_get_n_rendered (CabPageRenderer *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_RENDERER (self), 0);

  return self->n_rendered;
}

guint
cab_page_renderer_get_n_cancelled (CabPageRenderer *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_RENDERER (self), 0);

  return self->n_cancelled;
}
