/* cab-document-viewer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "cab-document-viewer.h"
#include "cab-document-viewer-internal.h"
#include "cab-document-viewer-private.h"
#include "cab-page-view.h"

enum {
  PROP_0,
  PROP_STATE,
  PROP_N_PAGES,
  PROP_CURRENT_PAGE,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CabDocumentViewer, cab_document_viewer, ADW_TYPE_WINDOW)

static void
update_actions (CabDocumentViewer *self)
{
  gboolean has_doc = self->state == CAB_DOCUMENT_VIEWER_STATE_DOCUMENT && self->document != NULL;
  guint n = has_doc ? cab_pdf_document_get_n_pages (self->document) : 0;
  guint page = cab_page_view_get_current_page (self->page_view);
  double zoom = cab_page_view_get_zoom (self->page_view);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous-page", has_doc && page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.first-page", has_doc && page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next-page", has_doc && page + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.last-page", has_doc && page + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-in",
                                 has_doc && zoom < CAB_DOCUMENT_VIEWER_ZOOM_MAX - 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-out",
                                 has_doc && zoom > CAB_DOCUMENT_VIEWER_ZOOM_MIN + 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-reset", has_doc);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-set", has_doc);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-fit-width", has_doc);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-fit-page", has_doc);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.rotate", has_doc);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.print", has_doc);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.save-as", has_doc);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.open-with", has_doc);
}

static void
update_page_label (CabDocumentViewer *self)
{
  guint n = self->document != NULL ? cab_pdf_document_get_n_pages (self->document) : 0;
  g_autofree char *page = NULL;
  g_autofree char *of = NULL;

  page = g_strdup_printf ("%u", cab_page_view_get_current_page (self->page_view) + 1);
  /* Translators: after the page number entry, e.g. "of 12" */
  of = g_strdup_printf (_("of %u"), n);

  gtk_editable_set_text (GTK_EDITABLE (self->page_entry), n > 0 ? page : "");
  gtk_label_set_text (self->n_pages_label, n > 0 ? of : "");
}

static void
update_zoom_label (CabDocumentViewer *self)
{
  g_autofree char *label = NULL;

  /* Translators: a zoom level, e.g. "125 %" */
  label = g_strdup_printf (_("%d %%"), (int)round (cab_page_view_get_zoom (self->page_view) * 100));
  /* GtkMenuButton makes a new label each time: the header bar would be laid out again, in a
   * frame of its own, for the same text. */
  if (g_strcmp0 (gtk_menu_button_get_label (self->zoom_button), label) != 0)
    gtk_menu_button_set_label (self->zoom_button, label);
}

static void
set_title (CabDocumentViewer *self,
           const char        *title)
{
  g_free (self->title);
  self->title = g_strdup (title != NULL && *title != '\0' ? title : _("Document"));
  adw_window_title_set_title (self->window_title, self->title);
  gtk_window_set_title (GTK_WINDOW (self), self->title);
}

static void
show_spinner (CabDocumentViewer *self)
{
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
}

static gboolean
spinner_timeout (gpointer user_data)
{
  CabDocumentViewer *self = user_data;

  self->spinner_timeout_id = 0;
  show_spinner (self);

  return G_SOURCE_REMOVE;
}

/* LOADING shows a blank page at first and the spinner only if it lasts: most documents parse
 * in milliseconds, and an animation meanwhile would take the CPU the first page needs. */
static void
set_state (CabDocumentViewer      *self,
           CabDocumentViewerState  state)
{
  gboolean has_doc = state == CAB_DOCUMENT_VIEWER_STATE_DOCUMENT;
  guint n = self->document != NULL ? cab_pdf_document_get_n_pages (self->document) : 0;
  static const char * const pages[] = { "empty", "loading", "document", "error" };

  self->state = state;
  if (state == CAB_DOCUMENT_VIEWER_STATE_LOADING)
    {
      if (!gtk_spinner_get_spinning (self->loading_spinner))
        {
          const char *child = gtk_stack_get_visible_child_name (self->stack);

          /* A fresh window, or one that showed the spinner while the caller downloaded, stays
           * as it is: no frame to draw before the document's. */
          if (g_strcmp0 (child, "empty") != 0 && g_strcmp0 (child, "loading") != 0)
            gtk_stack_set_visible_child_name (self->stack, "blank");
          if (self->spinner_timeout_id == 0)
            self->spinner_timeout_id = g_timeout_add (300, spinner_timeout, self);
        }
    }
  else
    {
      g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
      gtk_spinner_set_spinning (self->loading_spinner, FALSE);
      gtk_stack_set_visible_child_name (self->stack, pages[state]);
    }
  /* One page: nothing to go to. */
  gtk_widget_set_visible (self->navigation_box, has_doc && n > 1);
  gtk_widget_set_visible (self->document_actions_box, has_doc);
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnails_button), has_doc && n > 1);
  if (!(has_doc && n > 1))
    gtk_toggle_button_set_active (self->thumbnails_button, FALSE);

  update_actions (self);
  update_page_label (self);
  update_zoom_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Drops the document and any load in flight. */
static void
stop_reveal_wait (CabDocumentViewer *self)
{
  g_clear_handle_id (&self->reveal_timeout_id, g_source_remove);
  if (self->reveal_renderer != NULL)
    g_clear_signal_handler (&self->reveal_page_ready_id, self->reveal_renderer);
  g_clear_object (&self->reveal_renderer);
}

static void
reset (CabDocumentViewer *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  stop_reveal_wait (self);

  cab_viewer_thumbnails_set_document (self, NULL);
  cab_page_view_set_document (self->page_view, NULL);
  g_clear_object (&self->document);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->suggested_file_name, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
}

static void
show_error (CabDocumentViewer *self,
            const char        *message)
{
  g_autofree char *copy = g_strdup (message);

  reset (self);
  self->error_message = g_steal_pointer (&copy);
  adw_status_page_set_description (self->error_page, self->error_message);
  set_state (self, CAB_DOCUMENT_VIEWER_STATE_ERROR);
}

/* Loading */

/* How long a first page may take before its placeholder shows instead. */
#define REVEAL_TIMEOUT_MS 250

static void
reveal_document (CabDocumentViewer *self)
{
  stop_reveal_wait (self);
  set_state (self, CAB_DOCUMENT_VIEWER_STATE_DOCUMENT);
  gtk_widget_grab_focus (GTK_WIDGET (self->page_view));
}

static gboolean
reveal_timeout (gpointer user_data)
{
  CabDocumentViewer *self = user_data;

  self->reveal_timeout_id = 0;
  reveal_document (self);

  return G_SOURCE_REMOVE;
}

/* Parsing and the first page in one worker: the page renders while the main thread draws the
 * frame that stops the spinner, which costs a software GL renderer tens of milliseconds. */
typedef struct
{
  GBytes         *bytes;
  CabPageViewFit  fit;
  gboolean        has_fit;
  CabPdfDocument *document;
  GdkTexture     *first_page;
  double          scale;
} DocumentLoad;

static void
document_load_free (DocumentLoad *load)
{
  g_bytes_unref (load->bytes);
  g_clear_object (&load->document);
  g_clear_object (&load->first_page);
  g_free (load);
}

static void
document_load_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  DocumentLoad *load = task_data;
  GError *error = NULL;

  if ((load->document = cab_pdf_document_load (load->bytes, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (load->has_fit)
    {
      load->scale = cab_page_view_fit_render_scale (&load->fit, load->document);
      /* Failing here is not failing to load: the renderer tries again and tells. */
      load->first_page = cab_pdf_document_render_page (load->document, 0, load->scale,
                                                       load->fit.rotation, cancellable, NULL);
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_document_loaded (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CabDocumentViewer) self = user_data;
  g_autoptr(CabPdfDocument) document = NULL;
  g_autoptr(GdkTexture) first_page = NULL;
  g_autoptr(GError) error = NULL;
  DocumentLoad *load = g_task_get_task_data (G_TASK (result));
  double first_page_scale = 0;
  guint first_page_rotation = 0;

  /* Cancelled, the worker may still be running: @load is its until it returns. */
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      document = g_steal_pointer (&load->document);
      first_page = g_steal_pointer (&load->first_page);
      first_page_scale = load->scale;
      first_page_rotation = load->fit.rotation;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);

  if (document == NULL)
    {
      show_error (self, error->message);
      return;
    }

  self->document = g_steal_pointer (&document);
  cab_page_view_set_document (self->page_view, self->document);
  cab_viewer_thumbnails_set_document (self, self->document);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  /* Unused if the view was resized or rotated meanwhile: its cache key differs. */
  if (first_page != NULL && cab_page_view_get_rotation (self->page_view) == first_page_rotation)
    cab_page_renderer_adopt (cab_page_view_get_renderer (self->page_view), 0, first_page_scale,
                             first_page_rotation, first_page);

  /* The sidebar is hidden while loading, so the pages will get the whole width of the stack:
   * the first pages start rendering now, and the window switches to them when the first one is
   * ready (or after a moment), so that it draws once instead of drawing blank pages while the
   * renderer needs the CPU. */
  cab_page_view_prepare (self->page_view,
                         gtk_widget_get_width (GTK_WIDGET (self->stack)),
                         gtk_widget_get_height (GTK_WIDGET (self->stack)));
  if (cab_page_view_get_visible_range (self->page_view, NULL, NULL) &&
      cab_page_renderer_get_n_pending (cab_page_view_get_renderer (self->page_view)) > 0)
    {
      self->reveal_renderer = g_object_ref (cab_page_view_get_renderer (self->page_view));
      self->reveal_page_ready_id = g_signal_connect_swapped (self->reveal_renderer, "page-ready",
                                                             G_CALLBACK (reveal_document), self);
      self->reveal_timeout_id = g_timeout_add (REVEAL_TIMEOUT_MS, reveal_timeout, self);
      return;
    }

  reveal_document (self);
}

static char *
sanitize_file_name (const char *name)
{
  g_autofree char *base = NULL;
  GString *out;

  if (name == NULL || *name == '\0')
    name = _("Document");

  base = g_path_get_basename (name);
  out = g_string_new (NULL);
  for (const char *p = base; *p != '\0'; p++)
    g_string_append_c (out, (*p == '/' || *p == '\\' || (guchar)*p < 0x20) ? '_' : *p);
  if (out->len == 0 || g_str_equal (out->str, ".") || g_str_equal (out->str, ".."))
    g_string_assign (out, "document");
  if (!g_str_has_suffix (out->str, ".pdf") && !g_str_has_suffix (out->str, ".PDF"))
    g_string_append (out, ".pdf");

  return g_string_free (out, FALSE);
}

void
cab_document_viewer_load_bytes (CabDocumentViewer *self,
                                GBytes            *pdf,
                                const char        *title,
                                const char        *suggested_file_name)
{
  g_return_if_fail (CAB_IS_DOCUMENT_VIEWER (self));
  g_return_if_fail (pdf != NULL);

  reset (self);
  set_title (self, title);
  /* The bytes are here: the spinner of show_loading() stops (its frames would compete with the
   * first page for the CPU) and comes back only if this takes long. */
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  self->bytes = g_bytes_ref (pdf);
  self->suggested_file_name = sanitize_file_name (suggested_file_name != NULL ? suggested_file_name
                                                                              : self->title);
  adw_status_page_set_title (self->loading_page, _("Loading the Document…"));
  set_state (self, CAB_DOCUMENT_VIEWER_STATE_LOADING);

  self->load_cancellable = g_cancellable_new ();
  {
    g_autoptr(GTask) task = g_task_new (NULL, self->load_cancellable, on_document_loaded,
                                        g_object_ref (self));
    DocumentLoad *load = g_new0 (DocumentLoad, 1);

    load->bytes = g_bytes_ref (pdf);
    /* The sidebar is hidden while loading: the pages will get the stack's whole width. */
    load->has_fit = cab_page_view_get_fit (self->page_view,
                                           gtk_widget_get_width (GTK_WIDGET (self->stack)),
                                           gtk_widget_get_height (GTK_WIDGET (self->stack)),
                                           &load->fit);
    g_task_set_source_tag (task, cab_document_viewer_load_bytes);
    g_task_set_task_data (task, load, (GDestroyNotify)document_load_free);
    g_task_set_return_on_cancel (task, TRUE);
    g_task_run_in_thread (task, document_load_thread);
  }
}

typedef struct
{
  char *title;
  char *basename;
} FileLoad;

static void
file_load_free (FileLoad *load)
{
  g_free (load->title);
  g_free (load->basename);
  g_free (load);
}

static void
on_file_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CabDocumentViewer *self = g_task_get_source_object (task);
  FileLoad *load = g_task_get_task_data (task);
  g_autofree char *message = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);

  if (!g_task_return_error_if_cancelled (task))
    {
      if (bytes == NULL)
        {
          /* Translators: %s is the system's reason, e.g. "No such file or directory" */
          message = g_strdup_printf (_("The file cannot be read: %s"), error->message);
          show_error (self, message);
        }
      else
        cab_document_viewer_load_bytes (self, bytes, load->title, load->basename);
      g_task_return_boolean (task, TRUE);
    }

  g_object_unref (task);
}

void
cab_document_viewer_load_file (CabDocumentViewer *self,
                               GFile             *file,
                               const char        *title)
{
  FileLoad *load;
  GTask *task;

  g_return_if_fail (CAB_IS_DOCUMENT_VIEWER (self));
  g_return_if_fail (G_IS_FILE (file));

  load = g_new0 (FileLoad, 1);
  load->basename = g_file_get_basename (file);
  load->title = g_strdup (title != NULL ? title : load->basename);

  reset (self);
  set_title (self, load->title);
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  set_state (self, CAB_DOCUMENT_VIEWER_STATE_LOADING);

  self->load_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->load_cancellable, NULL, NULL);
  g_task_set_source_tag (task, cab_document_viewer_load_file);
  g_task_set_task_data (task, load, (GDestroyNotify)file_load_free);
  g_file_load_bytes_async (file, self->load_cancellable, on_file_read, task);
}

void
cab_document_viewer_show_error (CabDocumentViewer *self,
                                const char        *message)
{
  g_return_if_fail (CAB_IS_DOCUMENT_VIEWER (self));
  g_return_if_fail (message != NULL);

  show_error (self, message);
}

void
cab_document_viewer_show_loading (CabDocumentViewer *self,
                                  const char        *title)
{
  g_return_if_fail (CAB_IS_DOCUMENT_VIEWER (self));

  reset (self);
  set_title (self, title);
  adw_status_page_set_title (self->loading_page, _("Loading the Document…"));
  /* The caller is downloading: that takes a while, so the spinner shows at once. */
  show_spinner (self);
  set_state (self, CAB_DOCUMENT_VIEWER_STATE_LOADING);
}

/* Navigation and zoom */

static void
go_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  CabDocumentViewer *self = CAB_DOCUMENT_VIEWER (widget);
  guint n, page;

  if (self->document == NULL)
    return;

  n = cab_pdf_document_get_n_pages (self->document);
  page = cab_page_view_get_current_page (self->page_view);

  if (g_str_equal (action_name, "viewer.next-page"))
    page = MIN (page + 1, n - 1);
  else if (g_str_equal (action_name, "viewer.previous-page"))
    page = page > 0 ? page - 1 : 0;
  else if (g_str_equal (action_name, "viewer.first-page"))
    page = 0;
  else
    page = n - 1;

  cab_page_view_set_current_page (self->page_view, page);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CabDocumentViewer *self = CAB_DOCUMENT_VIEWER (widget);

  if (self->document == NULL)
    return;

  if (g_str_equal (action_name, "viewer.zoom-in"))
    cab_page_view_zoom_in (self->page_view);
  else if (g_str_equal (action_name, "viewer.zoom-out"))
    cab_page_view_zoom_out (self->page_view);
  else if (g_str_equal (action_name, "viewer.zoom-reset"))
    cab_page_view_set_zoom (self->page_view, 1.0);
  else if (g_str_equal (action_name, "viewer.zoom-set"))
    cab_page_view_set_zoom (self->page_view, g_variant_get_double (parameter));
  else if (g_str_equal (action_name, "viewer.zoom-fit-width"))
    cab_page_view_set_zoom_mode (self->page_view, CAB_ZOOM_MODE_FIT_WIDTH);
  else if (g_str_equal (action_name, "viewer.zoom-fit-page"))
    cab_page_view_set_zoom_mode (self->page_view, CAB_ZOOM_MODE_FIT_PAGE);
}

static void
rotate_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CabDocumentViewer *self = CAB_DOCUMENT_VIEWER (widget);

  if (self->document == NULL)
    return;

  cab_page_view_set_rotation (self->page_view,
                              (cab_page_view_get_rotation (self->page_view) + 90) % 360);
}

static void
on_page_entry_activate (CabDocumentViewer *self,
                        GtkEntry          *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  guint64 page = 0;
  guint n = self->document != NULL ? cab_pdf_document_get_n_pages (self->document) : 0;

  if (n > 0 && g_ascii_string_to_unsigned (text, 10, 1, n, &page, NULL))
    {
      cab_page_view_set_current_page (self->page_view, (guint)page - 1);
      gtk_widget_grab_focus (GTK_WIDGET (self->page_view));
    }
  else
    gtk_widget_error_bell (GTK_WIDGET (entry));

  /* Shows the page actually gone to, or puts back the current one after a typo. */
  update_page_label (self);
}

/* The page view changes zoom and page while it is being allocated (fit width, scrolling);
 * the header bar's labels follow after the layout pass, never during it. */
static gboolean
update_header_idle (gpointer user_data)
{
  CabDocumentViewer *self = user_data;

  self->header_idle_id = 0;
  update_page_label (self);
  update_zoom_label (self);
  update_actions (self);
  cab_viewer_sync_thumbnail_selection (self);

  return G_SOURCE_REMOVE;
}

static void
queue_update_header (CabDocumentViewer *self)
{
  if (self->header_idle_id == 0)
    self->header_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_header_idle, self, NULL);
}

static void
on_current_page_changed (CabDocumentViewer *self)
{
  queue_update_header (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PAGE]);
}

static void
on_zoom_changed (CabDocumentViewer *self)
{
  queue_update_header (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
on_sidebar_revealed (CabDocumentViewer *self)
{
  cab_viewer_sync_thumbnail_selection (self);
  cab_viewer_queue_update_thumbnails (self);
}

/* The frame of a window the window manager does not decorate */

/* Adwaita draws the frame of a window without a compositor (.solid-csd: X11 without a
 * compositing manager, as under Xvnc, xrdp or Xvfb) as three inset box shadows, and GTK's GL
 * renderer shades each of them over the whole window, every frame: on a software GL (llvmpipe)
 * they were two thirds of a frame, ~8 ms of both cores each at 900 x 1000. The same pixels,
 * from the outer edge in: 1 px of currentColor at @alpha over the header bar's colour, 3 px of
 * that colour, 1 px of currentColor at @alpha over the window's background; as an outline, a
 * border and two background layers, which it draws as thin rectangles and three fills. The
 * header bar (margin-top: -1px in .solid-csd) still covers the inner line at the top. */
static const char frame_css[] =
  "window.solid-csd.document-viewer {"
  "  box-shadow: none;"
  "  padding: 1px;"
  "  border: 4px solid @headerbar_bg_color;"
  "  outline: 1px solid alpha(currentColor, %s);"
  "  outline-offset: -1px;"
  "  background-image: image(@window_bg_color), image(alpha(currentColor, %s));"
  "  background-clip: content-box, padding-box;"
  "}"
  "window.solid-csd.document-viewer:backdrop { border-color: @headerbar_backdrop_color; }"
  /* A scrolled window's scrollbars shrink to overlay indicators in a 200 ms transition when
   * first mapped: for the loading page's, which never shows them, that was a layout every
   * frame while the first page renders, and the frame that shows it waited for the next
   * 60 Hz tick. */
  "window.document-viewer statuspage scrollbar > range > trough,"
  "window.document-viewer statuspage scrollbar > range > trough > slider { transition: none; }";

/* Adwaita's alpha of the frame's lines: 0.15, or 0.5 in high contrast. */
static void
update_frame_css (AdwStyleManager *manager,
                  GParamSpec      *pspec,
                  GtkCssProvider  *provider)
{
  const char *alpha = adw_style_manager_get_high_contrast (manager) ? "0.5" : "0.15";
  g_autofree char *css = g_strdup_printf (frame_css, alpha, alpha);

  gtk_css_provider_load_from_data (provider, css, -1);
}

/* Once per display, for every viewer window on it. */
static void
install_frame_css (CabDocumentViewer *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  AdwStyleManager *manager;
  GtkCssProvider *provider;

  if (g_object_get_data (G_OBJECT (display), "cab-document-viewer-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  g_object_set_data_full (G_OBJECT (display), "cab-document-viewer-css", provider,
                          g_object_unref);
  manager = adw_style_manager_get_for_display (display);
  update_frame_css (manager, NULL, provider);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (update_frame_css),
                           provider, 0);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* GObject */

static void
cab_document_viewer_dispose (GObject *object)
{
  CabDocumentViewer *self = (CabDocumentViewer *)object;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->thumbnails_idle_id, g_source_remove);
  g_clear_handle_id (&self->header_idle_id, g_source_remove);
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  stop_reveal_wait (self);
  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
  g_clear_object (&self->save_chooser);
  if (self->thumbnail_renderer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->thumbnail_renderer, self);
      cab_page_renderer_cancel_all (self->thumbnail_renderer);
    }
  g_clear_object (&self->thumbnail_renderer);
  g_clear_object (&self->thumbnail_cache);

  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_DOCUMENT_VIEWER);

  G_OBJECT_CLASS (cab_document_viewer_parent_class)->dispose (object);
}

static void
cab_document_viewer_finalize (GObject *object)
{
  CabDocumentViewer *self = (CabDocumentViewer *)object;

  g_clear_object (&self->document);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->suggested_file_name, g_free);
  g_clear_pointer (&self->bound_thumbnails, g_hash_table_unref);

  G_OBJECT_CLASS (cab_document_viewer_parent_class)->finalize (object);
}

static void
cab_document_viewer_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CabDocumentViewer *self = CAB_DOCUMENT_VIEWER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, cab_document_viewer_get_n_pages (self));
      break;
    case PROP_CURRENT_PAGE:
      g_value_set_uint (value, cab_document_viewer_get_current_page (self));
      break;
    case PROP_ZOOM:
      g_value_set_double (value, cab_document_viewer_get_zoom (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_binding (GtkWidgetClass  *widget_class,
             guint            key,
             GdkModifierType  mods,
             const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, key, mods, action, NULL);
}

static void
cab_document_viewer_class_init (CabDocumentViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_document_viewer_dispose;
  object_class->finalize = cab_document_viewer_finalize;
  object_class->get_property = cab_document_viewer_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      CAB_DOCUMENT_VIEWER_STATE_EMPTY, CAB_DOCUMENT_VIEWER_STATE_ERROR,
                      CAB_DOCUMENT_VIEWER_STATE_EMPTY,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_PAGE] =
    g_param_spec_uint ("current-page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         CAB_DOCUMENT_VIEWER_ZOOM_MIN, CAB_DOCUMENT_VIEWER_ZOOM_MAX, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CAB_TYPE_PAGE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/cab-document-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, window_title);
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, thumbnails_button);
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, navigation_box);
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, document_actions_box);
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, page_entry);
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, n_pages_label);
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, stack);
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, loading_page);
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, error_page);
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, sidebar_revealer);
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, thumbnails_list);
  gtk_widget_class_bind_template_child (widget_class, CabDocumentViewer, page_view);
  gtk_widget_class_bind_template_callback (widget_class, on_page_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_thumbnail_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_thumbnail_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_thumbnail_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_thumbnail_activate);

  gtk_widget_class_install_action (widget_class, "viewer.next-page", NULL, go_action);
  gtk_widget_class_install_action (widget_class, "viewer.previous-page", NULL, go_action);
  gtk_widget_class_install_action (widget_class, "viewer.first-page", NULL, go_action);
  gtk_widget_class_install_action (widget_class, "viewer.last-page", NULL, go_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-set", "d", zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit-width", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit-page", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.rotate", NULL, rotate_action);
  gtk_widget_class_install_action (widget_class, "viewer.print", NULL, cab_viewer_print_action);
  gtk_widget_class_install_action (widget_class, "viewer.save-as", NULL, cab_viewer_save_as_action);
  gtk_widget_class_install_action (widget_class, "viewer.open-with", NULL, cab_viewer_open_with_action);

  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "viewer.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "viewer.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "viewer.zoom-in");
  add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "viewer.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "viewer.zoom-out");
  add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "viewer.zoom-reset");
  add_binding (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "viewer.zoom-reset");
  add_binding (widget_class, GDK_KEY_Page_Down, 0, "viewer.next-page");
  add_binding (widget_class, GDK_KEY_Page_Up, 0, "viewer.previous-page");
  add_binding (widget_class, GDK_KEY_Home, 0, "viewer.first-page");
  add_binding (widget_class, GDK_KEY_End, 0, "viewer.last-page");
  add_binding (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "viewer.rotate");
  add_binding (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "viewer.print");
  add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "viewer.save-as");
  add_binding (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "viewer.save-as");
  add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "viewer.save-as");
  add_binding (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close");
  add_binding (widget_class, GDK_KEY_Escape, 0, "window.close");
}

static void
cab_document_viewer_init (CabDocumentViewer *self)
{
  self->bound_thumbnails = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "document-viewer");
  install_frame_css (self);

  g_signal_connect_object (self->page_view, "notify::current-page",
                           G_CALLBACK (on_current_page_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_view, "notify::zoom",
                           G_CALLBACK (on_zoom_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_revealer, "notify::child-revealed",
                           G_CALLBACK (on_sidebar_revealed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->thumbnails_list)),
                           "value-changed", G_CALLBACK (cab_viewer_queue_update_thumbnails), self,
                           G_CONNECT_SWAPPED);

  set_title (self, NULL);
  set_state (self, CAB_DOCUMENT_VIEWER_STATE_EMPTY);
}

CabDocumentViewer *
cab_document_viewer_new (GtkApplication *app)
{
  return g_object_new (CAB_TYPE_DOCUMENT_VIEWER,
                       "application", app,
                       NULL);
}

CabDocumentViewerState
cab_document_viewer_get_state (CabDocumentViewer *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), CAB_DOCUMENT_VIEWER_STATE_EMPTY);

  return self->state;
}

const char *
cab_document_viewer_get_error_message (CabDocumentViewer *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), NULL);

  return self->state == CAB_DOCUMENT_VIEWER_STATE_ERROR ? self->error_message : NULL;
}

guint
cab_document_viewer_get_n_pages (CabDocumentViewer *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), 0);

  return self->document != NULL ? cab_pdf_document_get_n_pages (self->document) : 0;
}

guint
cab_document_viewer_get_current_page (CabDocumentViewer *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), 0);

  return cab_page_view_get_current_page (self->page_view);
}

void
cab_document_viewer_set_current_page (CabDocumentViewer *self,
                                      guint              page)
{
  g_return_if_fail (CAB_IS_DOCUMENT_VIEWER (self));

  cab_page_view_set_current_page (self->page_view, page);
}

double
cab_document_viewer_get_zoom (CabDocumentViewer *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), 1.0);

  return cab_page_view_get_zoom (self->page_view);
}

void
cab_document_viewer_set_zoom (CabDocumentViewer *self,
                              double             zoom)
{
  g_return_if_fail (CAB_IS_DOCUMENT_VIEWER (self));

  cab_page_view_set_zoom (self->page_view, zoom);
}

CabZoomMode
cab_document_viewer_get_zoom_mode (CabDocumentViewer *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), CAB_ZOOM_MODE_FREE);

  return cab_page_view_get_zoom_mode (self->page_view);
}

void
cab_document_viewer_set_zoom_mode (CabDocumentViewer *self,
                                   CabZoomMode        mode)
{
  g_return_if_fail (CAB_IS_DOCUMENT_VIEWER (self));

  cab_page_view_set_zoom_mode (self->page_view, mode);
}

guint
cab_document_viewer_get_rotation (CabDocumentViewer *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), 0);

  return cab_page_view_get_rotation (self->page_view);
}

CabPageView *
cab_document_viewer_get_page_view (CabDocumentViewer *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), NULL);

  return self->page_view;
}

const char *
cab_document_viewer_get_page_entry_text (CabDocumentViewer *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->page_entry));
}

GtkEntry *
cab_document_viewer_get_page_entry (CabDocumentViewer *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), NULL);

  return self->page_entry;
}

const char *
cab_document_viewer_get_zoom_label (CabDocumentViewer *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), NULL);

  return gtk_menu_button_get_label (self->zoom_button);
}

CabPageCache *
cab_document_viewer_get_thumbnail_cache (CabDocumentViewer *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), NULL);

  return self->thumbnail_cache;
}

GtkListView *
cab_document_viewer_get_thumbnails_list (CabDocumentViewer *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), NULL);

  return self->thumbnails_list;
}

gboolean
cab_document_viewer_get_thumbnails_visible (CabDocumentViewer *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->thumbnails_button)) &&
         gtk_toggle_button_get_active (self->thumbnails_button);
}

void
cab_document_viewer_set_thumbnails_visible (CabDocumentViewer *self,
                                            gboolean           visible)
{
  g_return_if_fail (CAB_IS_DOCUMENT_VIEWER (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->thumbnails_button)))
    gtk_toggle_button_set_active (self->thumbnails_button, visible);
}
