/* cab-page-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-page-cache.h"

typedef struct
{
  guint       page;
  gint        scale_key;
  guint       rotation;
  GdkTexture *texture;
  gsize       n_bytes;
  GList       link;     /* in CabPageCache.lru, head is the most recent */
} Entry;

struct _CabPageCache
{
  GObject     parent_instance;

  GHashTable *entries;  /* Entry* → Entry* (hashed on the key fields) */
  GQueue      lru;
  guint       max_entries;
  gsize       max_bytes;
  gsize       n_bytes;
  guint       peak_entries;
};

G_DEFINE_FINAL_TYPE (CabPageCache, cab_page_cache, G_TYPE_OBJECT)

static guint
entry_hash (gconstpointer data)
{
  const Entry *e = data;

  return (e->page * 2654435761u) ^ ((guint)e->scale_key * 40503u) ^ e->rotation;
}

static gboolean
entry_equal (gconstpointer a,
             gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;

  return ea->page == eb->page && ea->scale_key == eb->scale_key && ea->rotation == eb->rotation;
}

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_clear_object (&e->texture);
  g_free (e);
}

static void
remove_entry (CabPageCache *self,
              Entry        *e)
{
  g_queue_unlink (&self->lru, &e->link);
  self->n_bytes -= e->n_bytes;
  g_hash_table_remove (self->entries, e);
}

static void
cab_page_cache_finalize (GObject *object)
{
  CabPageCache *self = (CabPageCache *)object;

  cab_page_cache_clear (self);
  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (cab_page_cache_parent_class)->finalize (object);
}

static void
cab_page_cache_class_init (CabPageCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cab_page_cache_finalize;
}

static void
cab_page_cache_init (CabPageCache *self)
{
  self->entries = g_hash_table_new_full (entry_hash, entry_equal, NULL, entry_free);
  g_queue_init (&self->lru);
}

CabPageCache *
cab_page_cache_new (guint max_entries,
                    gsize max_bytes)
{
  CabPageCache *self;

  g_return_val_if_fail (max_entries > 0, NULL);

  self = g_object_new (CAB_TYPE_PAGE_CACHE, NULL);
  self->max_entries = max_entries;
  self->max_bytes = max_bytes;

  return self;
}

static Entry *
find (CabPageCache *self,
      guint         page,
      double        scale,
      guint         rotation)
{
  Entry key = { .page = page, .scale_key = cab_page_cache_scale_key (scale), .rotation = rotation };

  return g_hash_table_lookup (self->entries, &key);
}

GdkTexture *
cab_page_cache_lookup (CabPageCache *self,
                       guint         page,
                       double        scale,
                       guint         rotation)
{
  Entry *e;

  g_return_val_if_fail (CAB_IS_PAGE_CACHE (self), NULL);

  if ((e = find (self, page, scale, rotation)) == NULL)
    return NULL;

  g_queue_unlink (&self->lru, &e->link);
  g_queue_push_head_link (&self->lru, &e->link);

  return e->texture;
}

gboolean
cab_page_cache_contains (CabPageCache *self,
                         guint         page,
                         double        scale,
                         guint         rotation)
{
  g_return_val_if_fail (CAB_IS_PAGE_CACHE (self), FALSE);

  return find (self, page, scale, rotation) != NULL;
}

GdkTexture *
cab_page_cache_lookup_any (CabPageCache *self,
                           guint         page,
                           double        scale,
                           guint         rotation,
                           double       *out_scale)
{
  gint want = cab_page_cache_scale_key (scale);
  Entry *best = NULL;

  g_return_val_if_fail (CAB_IS_PAGE_CACHE (self), NULL);

  /* At most max_entries (a dozen) entries: a walk is cheaper than an index. */
  for (GList *l = self->lru.head; l != NULL; l = l->next)
    {
      Entry *e = l->data;

      if (e->page != page || e->rotation != rotation)
        continue;
      if (best == NULL || ABS (e->scale_key - want) < ABS (best->scale_key - want))
        best = e;
    }

  if (best == NULL)
    return NULL;

  if (out_scale != NULL)
    *out_scale = best->scale_key / CAB_PAGE_CACHE_SCALE_UNIT;

  return best->texture;
}

void
cab_page_cache_insert (CabPageCache *self,
                       guint         page,
                       double        scale,
                       guint         rotation,
                       GdkTexture   *texture)
{
  Entry *e;

  g_return_if_fail (CAB_IS_PAGE_CACHE (self));
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  if ((e = find (self, page, scale, rotation)) != NULL)
    remove_entry (self, e);

  e = g_new0 (Entry, 1);
  e->page = page;
  e->scale_key = cab_page_cache_scale_key (scale);
  e->rotation = rotation;
  e->texture = g_object_ref (texture);
  e->n_bytes = (gsize)gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4;
  e->link.data = e;

  g_hash_table_add (self->entries, e);
  g_queue_push_head_link (&self->lru, &e->link);
  self->n_bytes += e->n_bytes;

  while (self->lru.length > 1 &&
         (self->lru.length > self->max_entries || self->n_bytes > self->max_bytes))
    remove_entry (self, self->lru.tail->data);

  self->peak_entries = MAX (self->peak_entries, self->lru.length);
}

void
cab_page_cache_clear (CabPageCache *self)
{
  g_return_if_fail (CAB_IS_PAGE_CACHE (self));

  while (self->lru.tail != NULL)
    remove_entry (self, self->lru.tail->data);
}

guint
cab_page_cache_get_n_entries (CabPageCache *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_CACHE (self), 0);

  return self->lru.length;
}

gsize
cab_page_cache_get_n_bytes (CabPageCache *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_CACHE (self), 0);

  return self->n_bytes;
}

guint
cab_page_cache_get_max_entries (CabPageCache *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_CACHE (self), 0);

  return self->max_entries;
}

gsize
cab_page_cache_get_max_bytes (CabPageCache *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_CACHE (self), 0);

  return self->max_bytes;
}

guint
cab_page_cache_get_peak_entries (CabPageCache *self)
{
  g_return_val_if_fail (CAB_IS_PAGE_CACHE (self), 0);

  return self->peak_entries;
}
