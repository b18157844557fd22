/* cab-page-cache.h: a bounded least-recently-used cache of rendered pages.
 *
 * Keys are (page, scale, rotation); the cache holds at most max_entries textures and about
 * max_bytes of pixels, so memory stays flat however many pages a person scrolls through.
 * Main thread only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CAB_TYPE_PAGE_CACHE (cab_page_cache_get_type ())
G_DECLARE_FINAL_TYPE (CabPageCache, cab_page_cache, CAB, PAGE_CACHE, GObject)

CabPageCache *cab_page_cache_new              (guint          max_entries,
                                               gsize          max_bytes);

/* The texture for exactly this key, marked as most recently used; or NULL. */
GdkTexture   *cab_page_cache_lookup           (CabPageCache  *self,
                                               guint          page,
                                               double         scale,
                                               guint          rotation);
/* Any texture of @page at @rotation (the one closest to @scale), without touching the order:
 * shown stretched while the exact one renders. */
GdkTexture   *cab_page_cache_lookup_any       (CabPageCache  *self,
                                               guint          page,
                                               double         scale,
                                               guint          rotation,
                                               double        *out_scale);
/* Adds or replaces; then evicts the least recently used entries beyond the bounds (never the
 * one just added). */
void          cab_page_cache_insert           (CabPageCache  *self,
                                               guint          page,
                                               double         scale,
                                               guint          rotation,
                                               GdkTexture    *texture);
void          cab_page_cache_clear            (CabPageCache  *self);

guint         cab_page_cache_get_n_entries    (CabPageCache  *self);
gsize         cab_page_cache_get_n_bytes      (CabPageCache  *self);
guint         cab_page_cache_get_max_entries  (CabPageCache  *self);
gsize         cab_page_cache_get_max_bytes    (CabPageCache  *self);
/* The highest entry count ever held (tests check the bound). */
guint         cab_page_cache_get_peak_entries (CabPageCache  *self);
/* Whether an entry for exactly this key is held, without touching the order. */
gboolean      cab_page_cache_contains         (CabPageCache  *self,
                                               guint          page,
                                               double         scale,
                                               guint          rotation);

/* Scales are compared in hundred-thousandths so that float noise never splits a key, yet an
 * A4 page at any zoom still renders to the pixel size it is shown at. */
#define CAB_PAGE_CACHE_SCALE_UNIT 100000.0

static inline gint
cab_page_cache_scale_key (double scale)
{
  return (gint)(scale * CAB_PAGE_CACHE_SCALE_UNIT + 0.5);
}

G_END_DECLS
