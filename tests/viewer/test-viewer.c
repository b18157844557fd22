/* test-viewer.c: the document viewer under a real display (Xvfb), with generated PDFs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>
#include <sys/stat.h>

#include "cab-document-viewer.h"
#include "cab-document-viewer-private.h"
#include "cab-page-view.h"
#include "viewer-test-pdf.h"

static char *tmp_dir;

/* Runs the main loop until @expr holds; fails after 30 s (slow ASan runs included). */
#define WAIT_UNTIL(expr)                                                      \
  G_STMT_START {                                                              \
    gint64 wait_end_ = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;         \
    while (!(expr))                                                           \
      {                                                                       \
        if (g_get_monotonic_time () > wait_end_)                              \
          g_error ("Timed out waiting for %s", #expr);                        \
        if (!g_main_context_iteration (NULL, FALSE))                          \
          g_usleep (1000);                                                    \
      }                                                                       \
  } G_STMT_END

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* Lets idles (the header bar's labels) and a frame run. */
static void
settle (void)
{
  spin (30);
}

/* The header bar's labels follow on an idle after the layout pass; on a loaded machine that
 * can take longer than one settle(). */
static void
assert_text_soon (const char        *(*get_text) (CabDocumentViewer *),
                  CabDocumentViewer  *viewer,
                  const char         *expected)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_strcmp0 (get_text (viewer), expected) != 0 && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);

  g_assert_cmpstr (get_text (viewer), ==, expected);
}

static CabDocumentViewer *
new_viewer (void)
{
  CabDocumentViewer *viewer = cab_document_viewer_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (viewer), 800, 700);
  gtk_window_present (GTK_WINDOW (viewer));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (viewer)));

  return viewer;
}

/* Destroys the window and checks that it is really gone (no reference left behind). */
static void
destroy_viewer (CabDocumentViewer *viewer)
{
  GObject *weak = G_OBJECT (viewer);

  g_object_add_weak_pointer (weak, (gpointer *)&weak);
  gtk_window_destroy (GTK_WINDOW (viewer));
  /* Renders still running hold the document until they finish. */
  WAIT_UNTIL (weak == NULL);
  spin (50);
}

static gboolean
rendered (CabDocumentViewer *viewer)
{
  CabPageView *view = cab_document_viewer_get_page_view (viewer);
  CabPageRenderer *renderer = cab_page_view_get_renderer (view);
  guint first, last;

  return renderer != NULL && cab_page_view_get_visible_range (view, &first, &last) &&
         cab_page_renderer_get_n_pending (renderer) == 0 &&
         cab_page_cache_contains (cab_page_view_get_cache (view), first,
                                  cab_page_view_get_render_scale (view),
                                  cab_page_view_get_rotation (view));
}

/* After a layout pass, until the pages in view are rendered at the current zoom. */
static void
wait_rendered (CabDocumentViewer *viewer)
{
  settle ();
  WAIT_UNTIL (rendered (viewer));
}

static CabDocumentViewer *
open_bytes (GBytes *pdf)
{
  CabDocumentViewer *viewer = new_viewer ();

  cab_document_viewer_load_bytes (viewer, pdf, "Счет-фактура СФ-0531/12", "SF-0531-12.pdf");
  g_assert_cmpint (cab_document_viewer_get_state (viewer), ==, CAB_DOCUMENT_VIEWER_STATE_LOADING);
  WAIT_UNTIL (cab_document_viewer_get_state (viewer) != CAB_DOCUMENT_VIEWER_STATE_LOADING);

  return viewer;
}

static GdkTexture *
cached (CabDocumentViewer *viewer,
        guint              page)
{
  CabPageView *view = cab_document_viewer_get_page_view (viewer);

  if (!cab_page_cache_contains (cab_page_view_get_cache (view), page,
                                cab_page_view_get_render_scale (view),
                                cab_page_view_get_rotation (view)))
    return NULL;

  return cab_page_cache_lookup (cab_page_view_get_cache (view), page,
                                cab_page_view_get_render_scale (view),
                                cab_page_view_get_rotation (view));
}

static void
activate (CabDocumentViewer *viewer,
          const char        *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), action, NULL));
}

/* The cache */

static GdkTexture *
blank_texture (int width,
               int height)
{
  g_autoptr(GBytes) pixels = g_bytes_new_take (g_malloc0 ((gsize)width * height * 4),
                                               (gsize)width * height * 4);

  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, pixels, width * 4);
}

static void
test_cache_lru (void)
{
  g_autoptr(CabPageCache) cache = cab_page_cache_new (3, 1000 * 1000);
  g_autoptr(GdkTexture) t = blank_texture (10, 10);
  double found_scale = 0;

  for (guint i = 0; i < 3; i++)
    cab_page_cache_insert (cache, i, 1.0, 0, t);
  g_assert_cmpuint (cab_page_cache_get_n_entries (cache), ==, 3);
  g_assert_cmpuint (cab_page_cache_get_n_bytes (cache), ==, 3 * 400);

  /* Page 0 used last: inserting page 3 evicts page 1, the least recently used. */
  g_assert_true (cab_page_cache_lookup (cache, 0, 1.0, 0) == t);
  cab_page_cache_insert (cache, 3, 1.0, 0, t);
  g_assert_cmpuint (cab_page_cache_get_n_entries (cache), ==, 3);
  g_assert_true (cab_page_cache_contains (cache, 0, 1.0, 0));
  g_assert_false (cab_page_cache_contains (cache, 1, 1.0, 0));
  g_assert_true (cab_page_cache_contains (cache, 2, 1.0, 0));
  g_assert_true (cab_page_cache_contains (cache, 3, 1.0, 0));

  /* Keys differ by scale (beyond float noise) and rotation. */
  g_assert_null (cab_page_cache_lookup (cache, 0, 1.5, 0));
  g_assert_null (cab_page_cache_lookup (cache, 0, 1.0, 90));
  g_assert_nonnull (cab_page_cache_lookup (cache, 0, 1.000001, 0));
  g_assert_true (cab_page_cache_lookup_any (cache, 0, 2.0, 0, &found_scale) == t);
  g_assert_cmpfloat (found_scale, ==, 1.0);
  g_assert_null (cab_page_cache_lookup_any (cache, 0, 2.0, 180, NULL));

  /* Replacing a key does not grow the cache. */
  cab_page_cache_insert (cache, 3, 1.0, 0, t);
  g_assert_cmpuint (cab_page_cache_get_n_entries (cache), ==, 3);
  g_assert_cmpuint (cab_page_cache_get_peak_entries (cache), ==, 3);

  cab_page_cache_clear (cache);
  g_assert_cmpuint (cab_page_cache_get_n_entries (cache), ==, 0);
  g_assert_cmpuint (cab_page_cache_get_n_bytes (cache), ==, 0);
}

static void
test_cache_byte_budget (void)
{
  /* Room for two 10x10 textures (400 bytes each), not three. */
  g_autoptr(CabPageCache) cache = cab_page_cache_new (10, 900);
  g_autoptr(GdkTexture) small = blank_texture (10, 10);
  g_autoptr(GdkTexture) big = blank_texture (40, 40);

  cab_page_cache_insert (cache, 0, 1.0, 0, small);
  cab_page_cache_insert (cache, 1, 1.0, 0, small);
  cab_page_cache_insert (cache, 2, 1.0, 0, small);
  g_assert_cmpuint (cab_page_cache_get_n_entries (cache), ==, 2);
  g_assert_cmpuint (cab_page_cache_get_n_bytes (cache), ==, 800);
  g_assert_false (cab_page_cache_contains (cache, 0, 1.0, 0));

  /* One texture over the budget on its own is still kept: the page on screen needs it. */
  cab_page_cache_insert (cache, 3, 1.0, 0, big);
  g_assert_cmpuint (cab_page_cache_get_n_entries (cache), ==, 1);
  g_assert_true (cab_page_cache_contains (cache, 3, 1.0, 0));
}

/* The document, without a window */

static void
test_document_render (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (2, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabPdfDocument) doc = cab_pdf_document_load (pdf, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) rotated = NULL;
  double w, h;
  g_autofree guchar *pixels = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (cab_pdf_document_get_n_pages (doc), ==, 2);
  cab_pdf_document_get_page_size (doc, 1, &w, &h);
  g_assert_cmpfloat (w, ==, 595);
  g_assert_cmpfloat (h, ==, 842);

  texture = cab_pdf_document_render_page (doc, 0, 0.5, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 298);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 421);
  /* The corner is white paper; the title's first letter is black ink. */
  pixels = g_malloc (298 * 421 * 4);
  gdk_texture_download (texture, pixels, 298 * 4);
  g_assert_cmpuint (pixels[0], ==, 255);
  g_assert_cmpuint (pixels[3], ==, 255);
  /* "Page 1" in 48 pt bold at (72, 120) pt: the stem of the "P" is ink. */
  g_assert_cmpuint (pixels[(55 * 298 + 40) * 4], <, 64);

  rotated = cab_pdf_document_render_page (doc, 0, 0.5, 90, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (rotated), ==, 421);
  g_assert_cmpint (gdk_texture_get_height (rotated), ==, 298);

  /* 400 % of a 2 m poster on a HiDPI screen: rendered within 32 Mpx instead of gigabytes. */
  {
    g_autoptr(GdkTexture) huge = cab_pdf_document_render_page (doc, 0, 40.0, 0, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_height (huge), <=, 16384);
    g_assert_cmpfloat ((double)gdk_texture_get_width (huge) * gdk_texture_get_height (huge), <=,
                       32.0 * 1024 * 1024 + 16384);
    g_assert_cmpint (gdk_texture_get_width (huge), >, 4000);
  }

  g_cancellable_cancel (cancellable);
  g_assert_null (cab_pdf_document_render_page (doc, 1, 1.0, 0, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The first page is rendered while the document loads, at the scale the view will ask for:
 * the prediction must be exactly what the view computes once it has the document. */
static void
test_first_page_scale (void)
{
  static const CabZoomMode modes[] = { CAB_ZOOM_MODE_FIT_WIDTH, CAB_ZOOM_MODE_FIT_PAGE,
                                       CAB_ZOOM_MODE_FREE };
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (2, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabPdfDocument) doc = cab_pdf_document_load (pdf, &error);

  g_assert_no_error (error);
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (guint rotation = 0; rotation < 360; rotation += 90)
      {
        CabPageView *view = CAB_PAGE_VIEW (g_object_ref_sink (cab_page_view_new ()));
        CabPageViewFit fit;
        double predicted;

        if (modes[m] == CAB_ZOOM_MODE_FREE)
          cab_page_view_set_zoom (view, 1.37);
        else
          cab_page_view_set_zoom_mode (view, modes[m]);
        cab_page_view_set_rotation (view, rotation);
        g_assert_false (cab_page_view_get_fit (view, 0, 600, &fit));
        g_assert_true (cab_page_view_get_fit (view, 777, 555, &fit));
        predicted = cab_page_view_fit_render_scale (&fit, doc);

        cab_page_view_set_document (view, doc);
        cab_page_view_prepare (view, 777, 555);
        g_assert_cmpfloat (cab_page_view_get_render_scale (view), ==, predicted);
        /* The view asked for the first page at that scale. */
        g_assert_cmpuint (cab_page_renderer_get_n_pending (cab_page_view_get_renderer (view)), >, 0);
        g_object_unref (view);
      }
}

/* Opening a document */

static void
test_one_page (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (1, 0);
  CabDocumentViewer *viewer = open_bytes (pdf);
  CabPageView *view = cab_document_viewer_get_page_view (viewer);
  GdkTexture *texture;
  double scale;

  g_assert_cmpint (cab_document_viewer_get_state (viewer), ==, CAB_DOCUMENT_VIEWER_STATE_DOCUMENT);
  g_assert_null (cab_document_viewer_get_error_message (viewer));
  g_assert_cmpuint (cab_document_viewer_get_n_pages (viewer), ==, 1);
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (viewer)), ==, "Счет-фактура СФ-0531/12");
  assert_text_soon (cab_document_viewer_get_page_entry_text, viewer, "1");
  g_assert_cmpint (cab_document_viewer_get_zoom_mode (viewer), ==, CAB_ZOOM_MODE_FIT_WIDTH);

  wait_rendered (viewer);
  settle ();
  scale = cab_page_view_get_render_scale (view);
  texture = cached (viewer, 0);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, (int)(595 * scale + 0.5));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, (int)(842 * scale + 0.5));
  g_assert_cmpuint (cab_page_renderer_get_n_rendered (cab_page_view_get_renderer (view)), ==, 1);

  /* Fit width in an 800 px window: the page is as wide as the view less its margins. */
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), >, 0.9);
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), <, 1.0);

  /* One page: no page buttons to press, no thumbnails. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next-page", NULL) &&
                  cab_document_viewer_get_current_page (viewer) != 0);
  cab_document_viewer_set_thumbnails_visible (viewer, TRUE);
  g_assert_false (cab_document_viewer_get_thumbnails_visible (viewer));
  g_assert_null (cab_document_viewer_get_thumbnail_cache (viewer));

  destroy_viewer (viewer);
}

static void
check_error (GBytes     *pdf,
             const char *message)
{
  CabDocumentViewer *viewer = open_bytes (pdf);

  g_assert_cmpint (cab_document_viewer_get_state (viewer), ==, CAB_DOCUMENT_VIEWER_STATE_ERROR);
  g_assert_cmpstr (cab_document_viewer_get_error_message (viewer), ==, message);
  g_assert_cmpuint (cab_document_viewer_get_n_pages (viewer), ==, 0);
  g_assert_null (cab_page_view_get_document (cab_document_viewer_get_page_view (viewer)));
  /* The error page is on screen, not the pages. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (cab_document_viewer_get_page_view (viewer))));

  destroy_viewer (viewer);
}

static void
test_error_empty (void)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  check_error (empty, "The file is empty");
}

static void
test_error_truncated (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (1, 0);
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (pdf, 0, g_bytes_get_size (pdf) / 2);

  check_error (half, "The file is damaged or is not a PDF");
}

static void
test_error_corrupted (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (1, 0);
  gsize len = 0;
  guchar *data = g_bytes_unref_to_data (g_bytes_ref (pdf), &len);
  g_autoptr(GBytes) garbled = NULL;

  /* Keep the header, overwrite everything after it. */
  for (gsize i = 16; i < len; i++)
    data[i] = (guchar)(i * 31 + 7);
  garbled = g_bytes_new_take (data, len);

  check_error (garbled, "The file is damaged or is not a PDF");
}

static void
test_error_not_pdf (void)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("<html><body>502 Bad Gateway</body></html>\n", 43);

  check_error (text, "The file is damaged or is not a PDF");
}

static void
test_error_encrypted (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (1, 0);
  g_autofree char *in = g_build_filename (tmp_dir, "plain.pdf", NULL);
  g_autofree char *out = g_build_filename (tmp_dir, "encrypted.pdf", NULL);
  g_autofree char *encrypted = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *argv[] = { "qpdf", "--encrypt", "user", "owner", "256", "--", in, out, NULL };
  int status = 0;
  gsize len = 0;

  g_assert_true (g_file_set_contents (in, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                      NULL));
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (out, &encrypted, &len, NULL));
  bytes = g_bytes_new (encrypted, len);

  check_error (bytes, "This document is protected by a password");
}

static void
test_show_error_and_loading (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (2, 0);
  CabDocumentViewer *viewer = open_bytes (pdf);

  g_assert_cmpint (cab_document_viewer_get_state (viewer), ==, CAB_DOCUMENT_VIEWER_STATE_DOCUMENT);

  cab_document_viewer_show_loading (viewer, "Акт сверки");
  g_assert_cmpint (cab_document_viewer_get_state (viewer), ==, CAB_DOCUMENT_VIEWER_STATE_LOADING);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (viewer)), ==, "Акт сверки");
  g_assert_cmpuint (cab_document_viewer_get_n_pages (viewer), ==, 0);

  cab_document_viewer_show_error (viewer, "The server cannot be reached");
  g_assert_cmpint (cab_document_viewer_get_state (viewer), ==, CAB_DOCUMENT_VIEWER_STATE_ERROR);
  g_assert_cmpstr (cab_document_viewer_get_error_message (viewer), ==,
                   "The server cannot be reached");

  /* A document after an error shows again. */
  cab_document_viewer_load_bytes (viewer, pdf, "Счет", NULL);
  WAIT_UNTIL (cab_document_viewer_get_state (viewer) == CAB_DOCUMENT_VIEWER_STATE_DOCUMENT);
  g_assert_null (cab_document_viewer_get_error_message (viewer));
  g_assert_cmpuint (cab_document_viewer_get_n_pages (viewer), ==, 2);

  destroy_viewer (viewer);
}

static void
test_load_replaces_pending_load (void)
{
  g_autoptr(GBytes) three = viewer_test_make_pdf (3, 0);
  g_autoptr(GBytes) five = viewer_test_make_pdf (5, 0);
  CabDocumentViewer *viewer = new_viewer ();

  /* The first load is cancelled: its answer, whenever it comes, must not win. */
  cab_document_viewer_load_bytes (viewer, three, "Three", NULL);
  cab_document_viewer_load_bytes (viewer, five, "Five", NULL);
  WAIT_UNTIL (cab_document_viewer_get_state (viewer) == CAB_DOCUMENT_VIEWER_STATE_DOCUMENT);
  spin (200);
  g_assert_cmpuint (cab_document_viewer_get_n_pages (viewer), ==, 5);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (viewer)), ==, "Five");

  destroy_viewer (viewer);
}

static void
test_load_file (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (2, 0);
  g_autofree char *path = g_build_filename (tmp_dir, "act-2016.pdf", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  CabDocumentViewer *viewer = new_viewer ();

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                      NULL));
  cab_document_viewer_load_file (viewer, file, NULL);
  WAIT_UNTIL (cab_document_viewer_get_state (viewer) == CAB_DOCUMENT_VIEWER_STATE_DOCUMENT);
  g_assert_cmpuint (cab_document_viewer_get_n_pages (viewer), ==, 2);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (viewer)), ==, "act-2016.pdf");

  cab_document_viewer_load_file (viewer, missing_file, "Missing");
  WAIT_UNTIL (cab_document_viewer_get_state (viewer) == CAB_DOCUMENT_VIEWER_STATE_ERROR);
  g_assert_true (g_str_has_prefix (cab_document_viewer_get_error_message (viewer),
                                   "The file cannot be read: "));

  destroy_viewer (viewer);
}

/* Navigation, zoom, rotation */

static void
test_navigation (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (100, 30);
  CabDocumentViewer *viewer = open_bytes (pdf);
  CabPageView *view = cab_document_viewer_get_page_view (viewer);
  GtkAdjustment *vadj;
  double top_of_30;
  GtkEntry *entry;
  guint first, last;

  g_assert_cmpuint (cab_document_viewer_get_n_pages (viewer), ==, 100);
  wait_rendered (viewer);

  /* At the top: page 1 and its neighbour are rendered, nothing further down. */
  g_assert_true (cab_page_view_get_visible_range (view, &first, &last));
  g_assert_cmpuint (first, ==, 0);
  g_assert_nonnull (cached (viewer, 0));
  g_assert_nonnull (cached (viewer, last + 1));
  g_assert_null (cached (viewer, 50));
  g_assert_cmpuint (cab_page_renderer_get_n_rendered (cab_page_view_get_renderer (view)), <=, last + 2);

  cab_document_viewer_set_current_page (viewer, 49);
  wait_rendered (viewer);
  settle ();
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 49);
  assert_text_soon (cab_document_viewer_get_page_entry_text, viewer, "50");
  g_assert_true (cab_page_view_get_visible_range (view, &first, &last));
  g_assert_cmpuint (first, ==, 49);
  g_assert_nonnull (cached (viewer, 48));
  g_assert_nonnull (cached (viewer, 49));
  g_assert_nonnull (cached (viewer, 50));

  activate (viewer, "viewer.next-page");
  settle ();
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 50);
  assert_text_soon (cab_document_viewer_get_page_entry_text, viewer, "51");
  activate (viewer, "viewer.previous-page");
  activate (viewer, "viewer.previous-page");
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 48);

  activate (viewer, "viewer.last-page");
  wait_rendered (viewer);
  settle ();
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 99);
  assert_text_soon (cab_document_viewer_get_page_entry_text, viewer, "100");
  g_assert_nonnull (cached (viewer, 99));
  /* Already at the end: Next Page stays there. */
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next-page", NULL);
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 99);

  activate (viewer, "viewer.first-page");
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 0);

  /* Scrolling by hand: the page in the middle of the view becomes the current one. */
  vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  cab_document_viewer_set_current_page (viewer, 30);
  top_of_30 = gtk_adjustment_get_value (vadj);
  cab_document_viewer_set_current_page (viewer, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, 0);
  gtk_adjustment_set_value (vadj, top_of_30 + 10);
  wait_rendered (viewer);
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 30);
  assert_text_soon (cab_document_viewer_get_page_entry_text, viewer, "31");
  g_assert_nonnull (cached (viewer, 30));
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj));
  wait_rendered (viewer);
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 99);
  gtk_adjustment_set_value (vadj, 0);
  wait_rendered (viewer);
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 0);

  /* The page entry: a number goes there; anything else puts the current page back. */
  entry = cab_document_viewer_get_page_entry (viewer);
  gtk_editable_set_text (GTK_EDITABLE (entry), " 7 ");
  g_signal_emit_by_name (entry, "activate");
  settle ();
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 6);
  assert_text_soon (cab_document_viewer_get_page_entry_text, viewer, "7");
  gtk_editable_set_text (GTK_EDITABLE (entry), "101");
  g_signal_emit_by_name (entry, "activate");
  settle ();
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 6);
  assert_text_soon (cab_document_viewer_get_page_entry_text, viewer, "7");
  gtk_editable_set_text (GTK_EDITABLE (entry), "abc");
  g_signal_emit_by_name (entry, "activate");
  settle ();
  assert_text_soon (cab_document_viewer_get_page_entry_text, viewer, "7");

  destroy_viewer (viewer);
}

static void
test_zoom (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (3, 0);
  CabDocumentViewer *viewer = open_bytes (pdf);
  CabPageView *view = cab_document_viewer_get_page_view (viewer);
  GdkTexture *texture;
  double fit_width_zoom;
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (viewer));

  wait_rendered (viewer);
  settle ();
  fit_width_zoom = cab_document_viewer_get_zoom (viewer);

  /* 100 %: a point is 96/72 px, so an A4 page is 793 x 1123 px. */
  activate (viewer, "viewer.zoom-reset");
  wait_rendered (viewer);
  settle ();
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), ==, 1.0);
  g_assert_cmpint (cab_document_viewer_get_zoom_mode (viewer), ==, CAB_ZOOM_MODE_FREE);
  assert_text_soon (cab_document_viewer_get_zoom_label, viewer, "100 %");
  texture = cached (viewer, 0);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 793 * scale_factor);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1123 * scale_factor);

  /* Zoom In renders the page again, bigger; the old texture is not what is asked for. */
  activate (viewer, "viewer.zoom-in");
  wait_rendered (viewer);
  settle ();
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), ==, 1.1);
  assert_text_soon (cab_document_viewer_get_zoom_label, viewer, "110 %");
  texture = cached (viewer, 0);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, (int)(595 * 1.1 * 96 / 72 * scale_factor + 0.5));

  activate (viewer, "viewer.zoom-out");
  activate (viewer, "viewer.zoom-out");
  wait_rendered (viewer);
  settle ();
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), ==, 0.9);
  assert_text_soon (cab_document_viewer_get_zoom_label, viewer, "90 %");

  /* The bounds: 50 % and 400 %. */
  cab_document_viewer_set_zoom (viewer, 0.2);
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), ==, 0.5);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-out", NULL);
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), ==, 0.5);
  cab_document_viewer_set_zoom (viewer, 9.0);
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), ==, 4.0);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL);
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), ==, 4.0);
  wait_rendered (viewer);
  texture = cached (viewer, 0);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, (int)(595 * 4.0 * 96 / 72 * scale_factor + 0.5));
  /* At 400 % the cache still holds few pages: the byte budget. */
  g_assert_cmpuint (cab_page_cache_get_n_bytes (cab_page_view_get_cache (view)), <=,
                    cab_page_cache_get_max_bytes (cab_page_view_get_cache (view)));

  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-set", "d", 1.5);
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), ==, 1.5);

  /* Fit page: the whole page fits in the view's height; fit width comes back as it was. */
  activate (viewer, "viewer.zoom-fit-page");
  wait_rendered (viewer);
  settle ();
  g_assert_cmpint (cab_document_viewer_get_zoom_mode (viewer), ==, CAB_ZOOM_MODE_FIT_PAGE);
  g_assert_cmpfloat (842 * 96.0 / 72.0 * cab_document_viewer_get_zoom (viewer), <=,
                     gtk_widget_get_height (GTK_WIDGET (view)));
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), <, fit_width_zoom);
  activate (viewer, "viewer.zoom-fit-width");
  wait_rendered (viewer);
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), ==, fit_width_zoom);

  /* Ctrl+scroll: a notch is a step; a touchpad's fractions add up. */
  g_assert_cmpint (cab_document_viewer_get_zoom_mode (viewer), ==, CAB_ZOOM_MODE_FIT_WIDTH);
  cab_document_viewer_set_zoom (viewer, 2.0);
  cab_page_view_scroll_zoom (view, 1.0);
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), ==, 1.75);
  cab_page_view_scroll_zoom (view, -0.4);
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), ==, 1.75);
  cab_page_view_scroll_zoom (view, -0.7);
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), ==, 2.0);
  /* Three notches, three steps: 250, 300 and 350 %. */
  cab_page_view_scroll_zoom (view, -3.0);
  g_assert_cmpfloat (cab_document_viewer_get_zoom (viewer), ==, 3.5);
  wait_rendered (viewer);
  g_assert_cmpint (gdk_texture_get_width (cached (viewer, 0)), ==,
                   (int)(595 * 3.5 * 96 / 72 * scale_factor + 0.5));

  destroy_viewer (viewer);
}

static void
test_zoom_keeps_page (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (20, 0);
  CabDocumentViewer *viewer = open_bytes (pdf);
  GtkAdjustment *hadj;
  guint first, last;

  wait_rendered (viewer);
  cab_document_viewer_set_current_page (viewer, 9);
  wait_rendered (viewer);

  /* Zooming keeps page 10 in view instead of jumping to wherever the old offset now is, and
   * the middle of the page in the middle of the view. */
  cab_document_viewer_set_zoom (viewer, 2.0);
  wait_rendered (viewer);
  settle ();
  hadj = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (cab_document_viewer_get_page_view (viewer)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadj), >, gtk_adjustment_get_page_size (hadj));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (hadj) + gtk_adjustment_get_page_size (hadj) / 2,
                                  gtk_adjustment_get_upper (hadj) / 2, 2.0);
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 9);
  g_assert_true (cab_page_view_get_visible_range (cab_document_viewer_get_page_view (viewer),
                                                  &first, &last));
  g_assert_cmpuint (first, <=, 9);
  g_assert_cmpuint (last, >=, 9);
  g_assert_nonnull (cached (viewer, 9));

  cab_document_viewer_set_zoom (viewer, 0.5);
  wait_rendered (viewer);
  settle ();
  g_assert_true (cab_page_view_get_visible_range (cab_document_viewer_get_page_view (viewer),
                                                  &first, &last));
  g_assert_cmpuint (first, <=, 9);
  g_assert_cmpuint (last, >=, 9);

  destroy_viewer (viewer);
}

static void
test_rotate (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (2, 0);
  CabDocumentViewer *viewer = open_bytes (pdf);
  GdkTexture *texture;

  wait_rendered (viewer);
  cab_document_viewer_set_zoom (viewer, 1.0);
  wait_rendered (viewer);
  g_assert_cmpuint (cab_document_viewer_get_rotation (viewer), ==, 0);

  activate (viewer, "viewer.rotate");
  wait_rendered (viewer);
  g_assert_cmpuint (cab_document_viewer_get_rotation (viewer), ==, 90);
  texture = cached (viewer, 0);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), >, gdk_texture_get_height (texture));

  activate (viewer, "viewer.rotate");
  activate (viewer, "viewer.rotate");
  activate (viewer, "viewer.rotate");
  wait_rendered (viewer);
  g_assert_cmpuint (cab_document_viewer_get_rotation (viewer), ==, 0);
  texture = cached (viewer, 0);
  g_assert_cmpint (gdk_texture_get_width (texture), <, gdk_texture_get_height (texture));

  destroy_viewer (viewer);
}

/* Paging through a 100-page scan: the cache never holds more than its bound, and the pages
 * skipped over quickly are cancelled rather than rendered. */
static void
test_cache_bound_paging (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (100, 40);
  CabDocumentViewer *viewer = open_bytes (pdf);
  CabPageView *view = cab_document_viewer_get_page_view (viewer);
  CabPageCache *cache;
  CabPageRenderer *renderer;
  guint max_entries;

  wait_rendered (viewer);
  cache = cab_page_view_get_cache (view);
  renderer = cab_page_view_get_renderer (view);
  max_entries = cab_page_cache_get_max_entries (cache);
  g_assert_cmpuint (max_entries, ==, 12);

  for (guint i = 1; i < 100; i++)
    {
      activate (viewer, "viewer.next-page");
      g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, i);
      wait_rendered (viewer);
      g_assert_nonnull (cached (viewer, i));
      g_assert_cmpuint (cab_page_cache_get_n_entries (cache), <=, max_entries);
      g_assert_cmpuint (cab_page_cache_get_n_bytes (cache), <=, cab_page_cache_get_max_bytes (cache));
    }
  g_assert_cmpuint (cab_page_cache_get_peak_entries (cache), ==, max_entries);
  /* Every page was shown once, plus at most a neighbour or two. */
  g_assert_cmpuint (cab_page_renderer_get_n_rendered (renderer), >=, 100);
  g_assert_cmpuint (cab_page_renderer_get_n_rendered (renderer), <=, 102);

  /* Jumping from the end to the start without waiting: the requests in between are dropped. */
  for (guint i = 0; i < 30; i++)
    cab_document_viewer_set_current_page (viewer, 99 - i * 3);
  cab_document_viewer_set_current_page (viewer, 0);
  wait_rendered (viewer);
  g_assert_cmpuint (cab_page_renderer_get_n_cancelled (renderer), >, 0);
  g_assert_nonnull (cached (viewer, 0));
  g_assert_cmpuint (cab_page_cache_get_n_entries (cache), <=, max_entries);

  destroy_viewer (viewer);
}

static void
test_thumbnails (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (100, 20);
  CabDocumentViewer *viewer = open_bytes (pdf);
  CabPageCache *thumbnails;

  wait_rendered (viewer);
  g_assert_false (cab_document_viewer_get_thumbnails_visible (viewer));
  thumbnails = cab_document_viewer_get_thumbnail_cache (viewer);
  g_assert_nonnull (thumbnails);
  /* Hidden sidebar, nothing rendered for it. */
  g_assert_cmpuint (cab_page_cache_get_n_entries (thumbnails), ==, 0);

  cab_document_viewer_set_thumbnails_visible (viewer, TRUE);
  g_assert_true (cab_document_viewer_get_thumbnails_visible (viewer));
  WAIT_UNTIL (cab_page_cache_get_n_entries (thumbnails) >= 3);
  spin (500);
  /* Lazily: the rows on screen (about four in 700 px), not the hundred pages. */
  g_assert_cmpuint (cab_page_cache_get_n_entries (thumbnails), >=, 3);
  g_assert_cmpuint (cab_page_cache_get_n_entries (thumbnails), <=, 6);

  destroy_viewer (viewer);
}

/* The window's keyboard shortcuts, as installed: Ctrl+plus zooms in, Page Down goes on... */
static const char *
shortcut_action (GtkWidget  *widget,
                 const char *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      g_autoptr(GtkShortcutTrigger) wanted = NULL;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      wanted = gtk_shortcut_trigger_parse_string (accel);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted) &&
              GTK_IS_NAMED_ACTION (action))
            return gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
        }
    }

  return NULL;
}

static void
test_shortcuts (void)
{
  CabDocumentViewer *viewer = new_viewer ();
  GtkWidget *window = GTK_WIDGET (viewer);
  GtkWidget *view = GTK_WIDGET (cab_document_viewer_get_page_view (viewer));

  g_assert_cmpstr (shortcut_action (window, "<Control>plus"), ==, "viewer.zoom-in");
  g_assert_cmpstr (shortcut_action (window, "<Control>equal"), ==, "viewer.zoom-in");
  g_assert_cmpstr (shortcut_action (window, "<Control>KP_Add"), ==, "viewer.zoom-in");
  g_assert_cmpstr (shortcut_action (window, "<Control>minus"), ==, "viewer.zoom-out");
  g_assert_cmpstr (shortcut_action (window, "<Control>0"), ==, "viewer.zoom-reset");
  g_assert_cmpstr (shortcut_action (window, "Page_Down"), ==, "viewer.next-page");
  g_assert_cmpstr (shortcut_action (window, "Page_Up"), ==, "viewer.previous-page");
  g_assert_cmpstr (shortcut_action (window, "Home"), ==, "viewer.first-page");
  g_assert_cmpstr (shortcut_action (window, "End"), ==, "viewer.last-page");
  g_assert_cmpstr (shortcut_action (window, "<Control>p"), ==, "viewer.print");
  g_assert_cmpstr (shortcut_action (window, "<Control>s"), ==, "viewer.save-as");
  g_assert_cmpstr (shortcut_action (window, "<Control>w"), ==, "window.close");
  /* The page view keeps Page Up/Down and Home/End from the scrolled window around it. */
  g_assert_cmpstr (shortcut_action (view, "Page_Down"), ==, "page-view.go");
  g_assert_cmpstr (shortcut_action (view, "End"), ==, "page-view.go");

  destroy_viewer (viewer);
}

static void
test_page_view_keys (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (5, 0);
  CabDocumentViewer *viewer = open_bytes (pdf);
  GtkWidget *view = GTK_WIDGET (cab_document_viewer_get_page_view (viewer));

  wait_rendered (viewer);
  /* What the page view's own Page Down / End / Page Up / Home bindings do. */
  g_assert_true (gtk_widget_activate_action (view, "page-view.go", "i", 1));
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 1);
  g_assert_true (gtk_widget_activate_action (view, "page-view.go", "i", G_MAXINT32));
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 4);
  g_assert_true (gtk_widget_activate_action (view, "page-view.go", "i", 1));
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 4);
  g_assert_true (gtk_widget_activate_action (view, "page-view.go", "i", -1));
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 3);
  g_assert_true (gtk_widget_activate_action (view, "page-view.go", "i", G_MININT32));
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 0);

  destroy_viewer (viewer);
}

static void
test_thumbnail_click (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (12, 0);
  CabDocumentViewer *viewer = open_bytes (pdf);
  GtkListView *list;

  wait_rendered (viewer);
  cab_document_viewer_set_thumbnails_visible (viewer, TRUE);
  settle ();
  list = cab_document_viewer_get_thumbnails_list (viewer);
  g_signal_emit_by_name (list, "activate", 7);
  wait_rendered (viewer);
  g_assert_cmpuint (cab_document_viewer_get_current_page (viewer), ==, 7);
  assert_text_soon (cab_document_viewer_get_page_entry_text, viewer, "8");
  /* The sidebar follows the page. */
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (list))), ==, 7);
  activate (viewer, "viewer.next-page");
  /* The selection follows on an idle; a loaded machine may need more than one settle(). */
  WAIT_UNTIL (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (list))) == 8);

  destroy_viewer (viewer);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  if (!cab_document_viewer_save_to_file_finish (CAB_DOCUMENT_VIEWER (object), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "ok");
}

static void
test_save_and_open_with (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (2, 0);
  CabDocumentViewer *viewer = new_viewer ();
  g_autofree char *path = g_build_filename (tmp_dir, "saved.pdf", NULL);
  g_autofree char *bad_path = g_build_filename (tmp_dir, "no-such-dir", "saved.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *copy_name = NULL;
  GError *result = NULL;
  GStatBuf st;
  gsize len = 0;

  cab_document_viewer_load_bytes (viewer, pdf, "Счет-фактура СФ-0531/12", "СФ-0531/12");
  WAIT_UNTIL (cab_document_viewer_get_state (viewer) == CAB_DOCUMENT_VIEWER_STATE_DOCUMENT);

  cab_document_viewer_save_to_file_async (viewer, file, NULL, on_saved, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_error (result, G_IO_ERROR, G_IO_ERROR_EXISTS); /* the "ok" marker */
  g_clear_error (&result);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));

  cab_document_viewer_save_to_file_async (viewer, bad_file, NULL, on_saved, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_error (result, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&result);

  /* Open With hands over a private copy under the cache dir, named after the document, with
   * the slash of "СФ-0531/12" made harmless. */
  copy = cab_document_viewer_write_temp_copy (viewer, &error);
  g_assert_no_error (error);
  copy_path = g_file_get_path (copy);
  copy_name = g_file_get_basename (copy);
  g_assert_cmpstr (copy_name, ==, "12.pdf");
  g_assert_true (g_str_has_prefix (copy_path, tmp_dir));
  g_assert_cmpint (g_stat (copy_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (copy_path, &contents, &len, NULL));
  g_assert_cmpuint (len, ==, g_bytes_get_size (pdf));

  destroy_viewer (viewer);
}

static void
test_print_export (void)
{
  g_autoptr(GBytes) pdf = viewer_test_make_pdf (3, 30);
  CabDocumentViewer *viewer = open_bytes (pdf);
  g_autofree char *path = g_build_filename (tmp_dir, "printed.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *printed;
  PopplerPage *page;
  double w, h;

  g_assert_true (cab_document_viewer_export_pdf (viewer, path, &error));
  g_assert_no_error (error);

  printed = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (printed), ==, 3);
  page = poppler_document_get_page (printed, 0);
  poppler_page_get_size (page, &w, &h);
  /* On the default paper (A4 or Letter), portrait. */
  g_assert_cmpfloat (h, >, w);
  g_object_unref (page);
  g_object_unref (printed);

  destroy_viewer (viewer);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("test-viewer-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CACHE_HOME", tmp_dir, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/viewer/cache/lru", test_cache_lru);
  g_test_add_func ("/viewer/cache/byte-budget", test_cache_byte_budget);
  g_test_add_func ("/viewer/document/render", test_document_render);
  g_test_add_func ("/viewer/open/one-page", test_one_page);
  g_test_add_func ("/viewer/open/first-page-scale", test_first_page_scale);
  g_test_add_func ("/viewer/open/empty", test_error_empty);
  g_test_add_func ("/viewer/open/truncated", test_error_truncated);
  g_test_add_func ("/viewer/open/corrupted", test_error_corrupted);
  g_test_add_func ("/viewer/open/not-pdf", test_error_not_pdf);
  g_test_add_func ("/viewer/open/encrypted", test_error_encrypted);
  g_test_add_func ("/viewer/open/show-error-and-loading", test_show_error_and_loading);
  g_test_add_func ("/viewer/open/replaces-pending-load", test_load_replaces_pending_load);
  g_test_add_func ("/viewer/open/file", test_load_file);
  g_test_add_func ("/viewer/view/navigation", test_navigation);
  g_test_add_func ("/viewer/view/zoom", test_zoom);
  g_test_add_func ("/viewer/view/zoom-keeps-page", test_zoom_keeps_page);
  g_test_add_func ("/viewer/view/rotate", test_rotate);
  g_test_add_func ("/viewer/view/cache-bound-paging", test_cache_bound_paging);
  g_test_add_func ("/viewer/view/thumbnails", test_thumbnails);
  g_test_add_func ("/viewer/view/shortcuts", test_shortcuts);
  g_test_add_func ("/viewer/view/page-view-keys", test_page_view_keys);
  g_test_add_func ("/viewer/view/thumbnail-click", test_thumbnail_click);
  g_test_add_func ("/viewer/save-and-open-with", test_save_and_open_with);
  g_test_add_func ("/viewer/print-export", test_print_export);

  status = g_test_run ();

  g_clear_pointer (&tmp_dir, g_free);
  return status;
}
