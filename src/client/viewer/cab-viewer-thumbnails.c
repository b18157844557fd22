/* cab-viewer-thumbnails.c: the document viewer's thumbnails sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cab-document-viewer-internal.h"
#include "cab-document-viewer-private.h"

/* Thumbnails are this wide (logical pixels); a few dozen stay cached. */
#define THUMBNAIL_WIDTH 120.0
#define THUMBNAIL_CACHE_ENTRIES 48
#define THUMBNAIL_CACHE_BYTES (24u * 1024u * 1024u)

/* Thumbnails */

static void
thumbnail_set_texture (GtkPicture *picture,
                       GdkTexture *texture)
{
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

static void
on_thumbnail_ready (CabDocumentViewer *self,
                    guint              page,
                    CabPageRenderer   *renderer)
{
  GtkPicture *picture = g_hash_table_lookup (self->bound_thumbnails, GUINT_TO_POINTER (page));

  if (picture != NULL)
    thumbnail_set_texture (picture,
                           cab_page_cache_lookup (self->thumbnail_cache, page,
                                                  self->thumbnail_scale, 0));
}

void
cab_viewer_thumbnails_set_document (CabDocumentViewer *self,
                                    CabPdfDocument    *document)
{
  g_autoptr(GtkStringList) pages = NULL;
  g_autoptr(GtkSingleSelection) selection = NULL;
  GtkSelectionModel *current;

  if (self->thumbnail_renderer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->thumbnail_renderer, self);
      cab_page_renderer_cancel_all (self->thumbnail_renderer);
    }
  g_clear_object (&self->thumbnail_renderer);
  g_clear_object (&self->thumbnail_cache);
  g_hash_table_remove_all (self->bound_thumbnails);

  pages = gtk_string_list_new (NULL);
  if (document != NULL && cab_pdf_document_get_n_pages (document) > 1)
    {
      guint n = cab_pdf_document_get_n_pages (document);
      double max_w = 1;

      for (guint i = 0; i < n; i++)
        {
          char number[16];
          double w, h;

          g_snprintf (number, sizeof number, "%u", i + 1);
          gtk_string_list_append (pages, number);
          cab_pdf_document_get_page_size (document, i, &w, &h);
          max_w = MAX (max_w, w);
        }

      self->thumbnail_scale = THUMBNAIL_WIDTH * gtk_widget_get_scale_factor (GTK_WIDGET (self)) / max_w;
      self->thumbnail_scale = cab_page_cache_scale_key (self->thumbnail_scale) / CAB_PAGE_CACHE_SCALE_UNIT;
      self->thumbnail_cache = cab_page_cache_new (THUMBNAIL_CACHE_ENTRIES, THUMBNAIL_CACHE_BYTES);
      self->thumbnail_renderer = cab_page_renderer_new (document, self->thumbnail_cache);
      g_signal_connect_object (self->thumbnail_renderer, "page-ready",
                               G_CALLBACK (on_thumbnail_ready), self, G_CONNECT_SWAPPED);
    }

  /* No thumbnails instead of none (every load starts by clearing them, and a one-page document
   * has none): a new model would queue a resize, and a frame, for nothing. */
  current = gtk_list_view_get_model (self->thumbnails_list);
  if (g_list_model_get_n_items (G_LIST_MODEL (pages)) == 0 && current != NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (current)) == 0)
    return;

  selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&pages)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_list_view_set_model (self->thumbnails_list, GTK_SELECTION_MODEL (selection));
}

/* The list binds far more rows than it shows, so only rows on screen are rendered; the rest
 * are dropped from the queue. Runs after layout, when rows have their positions. */
static gboolean
update_thumbnails_idle (gpointer user_data)
{
  CabDocumentViewer *self = user_data;
  int list_height = gtk_widget_get_height (GTK_WIDGET (self->thumbnails_list));
  GHashTableIter iter;
  gpointer key, value;

  self->thumbnails_idle_id = 0;

  if (self->thumbnail_renderer == NULL || !gtk_revealer_get_reveal_child (self->sidebar_revealer))
    return G_SOURCE_REMOVE;

  g_hash_table_iter_init (&iter, self->bound_thumbnails);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint page = GPOINTER_TO_UINT (key);
      graphene_rect_t bounds;
      gboolean visible;

      visible = gtk_widget_compute_bounds (value, GTK_WIDGET (self->thumbnails_list), &bounds) &&
                bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < list_height &&
                bounds.size.height > 0;

      if (visible)
        cab_page_renderer_request (self->thumbnail_renderer, page, self->thumbnail_scale, 0);
      else
        cab_page_renderer_cancel (self->thumbnail_renderer, page);
    }

  return G_SOURCE_REMOVE;
}

void
cab_viewer_queue_update_thumbnails (CabDocumentViewer *self)
{
  if (self->thumbnails_idle_id == 0)
    self->thumbnails_idle_id = g_idle_add (update_thumbnails_idle, self);
}

void
on_thumbnail_setup (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    CabDocumentViewer        *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  builder = gtk_builder_new_from_resource ("/ru/tek_energo/Cabinet/cab-document-viewer-thumbnail.ui");
  gtk_list_item_set_child (item, GTK_WIDGET (gtk_builder_get_object (builder, "thumbnail")));
}

static GtkPicture *
thumbnail_picture (GtkListItem *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  return GTK_PICTURE (gtk_widget_get_first_child (box));
}

void
on_thumbnail_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   CabDocumentViewer        *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkPicture *picture = thumbnail_picture (item);
  GtkWidget *label = gtk_widget_get_last_child (box);
  guint page = gtk_list_item_get_position (item);
  g_autofree char *number = NULL;
  g_autofree char *accessible = NULL;
  GdkTexture *texture = NULL;

  number = g_strdup_printf ("%u", page + 1);
  gtk_label_set_text (GTK_LABEL (label), number);
  /* Translators: accessible name of a thumbnail, e.g. "Page 3" */
  accessible = g_strdup_printf (_("Page %u"), page + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  if (self->thumbnail_renderer == NULL)
    return;

  g_hash_table_insert (self->bound_thumbnails, GUINT_TO_POINTER (page), picture);
  texture = cab_page_cache_lookup (self->thumbnail_cache, page, self->thumbnail_scale, 0);
  thumbnail_set_texture (picture, texture);
  cab_viewer_queue_update_thumbnails (self);
}

void
on_thumbnail_unbind (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     CabDocumentViewer        *self)
{
  guint page = gtk_list_item_get_position (item);
  GtkPicture *picture = thumbnail_picture (item);

  thumbnail_set_texture (picture, NULL);
  if (g_hash_table_lookup (self->bound_thumbnails, GUINT_TO_POINTER (page)) == picture)
    g_hash_table_remove (self->bound_thumbnails, GUINT_TO_POINTER (page));
  if (self->thumbnail_renderer != NULL)
    cab_page_renderer_cancel (self->thumbnail_renderer, page);
}

void
on_thumbnail_activate (CabDocumentViewer *self,
                       guint              position,
                       GtkListView       *list)
{
  cab_page_view_set_current_page (self->page_view, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->page_view));
}

void
cab_viewer_sync_thumbnail_selection (CabDocumentViewer *self)
{
  GtkSelectionModel *model = gtk_list_view_get_model (self->thumbnails_list);
  guint page = cab_page_view_get_current_page (self->page_view);

  if (model == NULL || page >= g_list_model_get_n_items (G_LIST_MODEL (model)))
    return;

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (model), page);
  if (gtk_revealer_get_reveal_child (self->sidebar_revealer))
    gtk_widget_activate_action (GTK_WIDGET (self->thumbnails_list), "list.scroll-to-item",
                                "u", page);
}

