/* cab-document-viewer-internal.h: the viewer's state, shared by the files of its concerns
 * (cab-viewer-thumbnails.c, cab-viewer-export.c, cab-viewer-print.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-document-viewer.h"
#include "cab-page-cache.h"
#include "cab-page-renderer.h"
#include "cab-page-view.h"
#include "cab-pdf-document.h"

G_BEGIN_DECLS

struct _CabDocumentViewer
{
  AdwWindow               parent_instance;

  /* Template widgets */
  AdwToastOverlay        *toast_overlay;
  AdwWindowTitle         *window_title;
  GtkToggleButton        *thumbnails_button;
  GtkWidget              *navigation_box;
  GtkWidget              *document_actions_box;
  GtkEntry               *page_entry;
  GtkLabel               *n_pages_label;
  GtkMenuButton          *zoom_button;
  GtkStack               *stack;
  AdwStatusPage          *loading_page;
  GtkSpinner             *loading_spinner;
  AdwStatusPage          *error_page;
  GtkRevealer            *sidebar_revealer;
  GtkListView            *thumbnails_list;
  CabPageView            *page_view;

  CabDocumentViewerState  state;
  char                   *error_message;
  char                   *title;
  char                   *suggested_file_name;
  GBytes                 *bytes;
  CabPdfDocument         *document;
  GCancellable           *load_cancellable;

  CabPageCache           *thumbnail_cache;
  CabPageRenderer        *thumbnail_renderer;
  GHashTable             *bound_thumbnails;  /* page → GtkPicture (borrowed) */
  double                  thumbnail_scale;
  guint                   thumbnails_idle_id;
  guint                   header_idle_id;
  guint                   spinner_timeout_id;
  /* Between parsing and the first page rendered (see on_document_loaded()). */
  guint                   reveal_timeout_id;
  gulong                  reveal_page_ready_id;
  CabPageRenderer        *reveal_renderer;

  GtkFileChooserNative   *save_chooser;
};

/* cab-viewer-thumbnails.c */
void cab_viewer_thumbnails_set_document      (CabDocumentViewer        *self,
                                              CabPdfDocument           *document);
void cab_viewer_queue_update_thumbnails      (CabDocumentViewer        *self);
void cab_viewer_sync_thumbnail_selection     (CabDocumentViewer        *self);
/* Template callbacks of the thumbnails list. */
void on_thumbnail_setup                      (GtkSignalListItemFactory *factory,
                                              GtkListItem              *item,
                                              CabDocumentViewer        *self);
void on_thumbnail_bind                       (GtkSignalListItemFactory *factory,
                                              GtkListItem              *item,
                                              CabDocumentViewer        *self);
void on_thumbnail_unbind                     (GtkSignalListItemFactory *factory,
                                              GtkListItem              *item,
                                              CabDocumentViewer        *self);
void on_thumbnail_activate                   (CabDocumentViewer        *self,
                                              guint                     position,
                                              GtkListView              *list);

/* cab-viewer-export.c: Save As and Open With; the toast Print shows too. */
void cab_viewer_toast                        (CabDocumentViewer        *self,
                                              const char               *message);
void cab_viewer_save_as_action               (GtkWidget                *widget,
                                              const char               *action_name,
                                              GVariant                 *parameter);
void cab_viewer_open_with_action             (GtkWidget                *widget,
                                              const char               *action_name,
                                              GVariant                 *parameter);

/* cab-viewer-print.c */
void cab_viewer_print_action                 (GtkWidget                *widget,
                                              const char               *action_name,
                                              GVariant                 *parameter);

G_END_DECLS
