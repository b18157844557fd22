/* bench-viewer.c: how fast the viewer shows a scan, and how much memory paging costs.
 *
 * Usage (under a display; run.sh uses xvfb-run):
 *   bench-viewer make OUT.pdf PAGES DPI       a scan-like PDF made with cairo
 *   bench-viewer first-page FILE.pdf [RUNS]   "open" to first page on screen, vs pdftoppm
 *   bench-viewer paging FILE.pdf              peak RSS paging through vs RSS after page 1
 *   bench-viewer render FILE.pdf [RUNS]       page 1 at fit-width, the scan path on and off,
 *                                             wall and CPU time, vs pdftoppm (no display)
 *   bench-viewer show FILE.pdf SECONDS [thumbnails|loading]
 *                                             the viewer with FILE (or its spinner) for a
 *                                             while, to take a screenshot of (import -window root)
 *
 * BENCH_TRACE=1: first-page prints each frame (its update and layout, its paint, the process's
 * CPU meanwhile, llvmpipe's threads included); BENCH_NODES=DIR writes each frame's render nodes
 * (as the widget draws now, not the renderer's diff) to DIR/frame-NNN.node.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "cab-document-viewer.h"
#include "cab-document-viewer-private.h"
#include "cab-page-view.h"
#include "viewer-test-pdf.h"

#define WAIT_UNTIL(expr)                                                      \
  G_STMT_START {                                                              \
    gint64 wait_end_ = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;         \
    while (!(expr))                                                           \
      {                                                                       \
        if (g_get_monotonic_time () > wait_end_)                              \
          g_error ("Timed out waiting for %s", #expr);                        \
        g_main_context_iteration (NULL, TRUE);                                \
      }                                                                       \
  } G_STMT_END

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static long
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  if ((line = strstr (status, field)) == NULL)
    return -1;

  return strtol (line + strlen (field) + 1, NULL, 10);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/* Set when page @page is in the cache at the view's scale and a frame has been painted since. */
typedef struct
{
  CabDocumentViewer *viewer;
  guint              page;
  gboolean           ready;
  gboolean           painted;
  gint64             loaded_at;
  gint64             ready_at;
  gint64             painted_at;
} FrameWait;

/* Sums over the runs of where the time goes: parse, render, paint. */
static double total_load_ms, total_render_ms, total_paint_ms;
static double last_zoom;

static int n_paints;
/* Frames from "open" to the page on screen, summed over the runs: all of them, and those that
 * drew (a frame that only lays out, e.g. for a CSS transition between equal values, draws
 * nothing, but the frame clock then waits a frame interval before the next one). */
static int total_frames, total_drawn_frames;
static gboolean frame_drew;
static gint64 frame_started, frame_laid_out, frame_painted;
static double frame_cpu_started;

static double cpu_ms (int who);

static void
on_before_paint (GdkFrameClock *clock,
                 gpointer       data)
{
  frame_drew = FALSE;
  frame_started = frame_laid_out = frame_painted = g_get_monotonic_time ();
  frame_cpu_started = cpu_ms (RUSAGE_SELF);
}

/* Connected after GTK's own handlers: the end of the layout phase, and of the paint phase
 * (GDK's surface renders on "paint"; a frame without that phase draws nothing). */
static void
on_layout (GdkFrameClock *clock,
           gpointer       data)
{
  frame_laid_out = g_get_monotonic_time ();
}

static void
on_paint (GdkFrameClock *clock,
          gpointer       data)
{
  frame_painted = g_get_monotonic_time ();
  frame_drew = TRUE;
}

static void
on_after_paint (GdkFrameClock *clock,
                FrameWait     *wait)
{
  n_paints++;
  if (!wait->painted)
    {
      total_frames++;
      total_drawn_frames += frame_drew;
    }
  if (g_getenv ("BENCH_TRACE"))
    g_printerr ("paint %" G_GINT64_FORMAT " (frame %.1f ms: update and layout %.1f, paint %.1f%s; "
                "CPU %.1f ms)\n",
                g_get_monotonic_time () / 1000, (g_get_monotonic_time () - frame_started) / 1000.0,
                (frame_laid_out - frame_started) / 1000.0,
                (frame_painted - frame_laid_out) / 1000.0, frame_drew ? "" : ", drew nothing",
                cpu_ms (RUSAGE_SELF) - frame_cpu_started);
  if (g_getenv ("BENCH_NODES"))
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (wait->viewer));
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autofree char *name = g_strdup_printf ("%s/frame-%03d.node", g_getenv ("BENCH_NODES"), n_paints);

      gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (wait->viewer)),
                              gtk_widget_get_height (GTK_WIDGET (wait->viewer)));
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL)
        gsk_render_node_write_to_file (node, name, NULL);
    }
  if (wait->ready && !wait->painted)
    {
      wait->painted = TRUE;
      wait->painted_at = g_get_monotonic_time ();
    }
}

static void
on_page_ready (CabPageRenderer *renderer,
               guint            page,
               FrameWait       *wait)
{
  if (page == wait->page && !wait->ready)
    {
      wait->ready = TRUE;
      wait->ready_at = g_get_monotonic_time ();
    }
}

static gboolean
page_on_screen (FrameWait *wait)
{
  CabPageView *view = cab_document_viewer_get_page_view (wait->viewer);
  CabPageRenderer *renderer = cab_page_view_get_renderer (view);

  if (renderer != NULL && !g_object_get_data (G_OBJECT (renderer), "bench-connected"))
    {
      g_object_set_data (G_OBJECT (renderer), "bench-connected", GINT_TO_POINTER (1));
      g_signal_connect (renderer, "page-ready", G_CALLBACK (on_page_ready), wait);
    }
  /* Already rendered before we looked (a neighbour, or a page gone back to). */
  if (renderer != NULL && !wait->ready &&
      cab_page_cache_contains (cab_page_view_get_cache (view), wait->page,
                               cab_page_view_get_render_scale (view),
                               cab_page_view_get_rotation (view)))
    {
      wait->ready = TRUE;
      wait->ready_at = g_get_monotonic_time ();
      gtk_widget_queue_draw (GTK_WIDGET (view));
    }

  return wait->painted;
}

static void
on_first_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* A viewer window already on screen: "open" starts when the person asks for a document in a
 * window that is there (the app shows it with a spinner while the document downloads). */
static CabDocumentViewer *
new_viewer (void)
{
  CabDocumentViewer *viewer = cab_document_viewer_new (NULL);
  gboolean painted = FALSE;
  GdkFrameClock *clock;
  gulong id;

  gtk_window_set_default_size (GTK_WINDOW (viewer), 900, 1000);
  gtk_window_present (GTK_WINDOW (viewer));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (viewer)));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (viewer));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (viewer));
  WAIT_UNTIL (painted);
  g_signal_handler_disconnect (clock, id);

  return viewer;
}

/* As the app opens a document: the viewer shows its spinner while the PDF downloads, then
 * gets the file; the clock starts when the file is handed over. */
static double
viewer_first_page_ms (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CabDocumentViewer *viewer = new_viewer ();
  gboolean painted = FALSE;
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (viewer));
  gulong paint_id;

  paint_id = g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_first_paint), &painted);
  cab_document_viewer_show_loading (viewer, "Счет-фактура СФ-0531/12");
  WAIT_UNTIL (painted);
  g_signal_handler_disconnect (frame_clock, paint_id);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (viewer));
  FrameWait wait = { .viewer = viewer, .page = 0 };
  gulong id;
  gint64 start;

  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), NULL);
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout), NULL);
  g_signal_connect (clock, "paint", G_CALLBACK (on_paint), NULL);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &wait);

  start = g_get_monotonic_time ();
  if (g_getenv ("BENCH_TRACE"))
    g_printerr ("start %" G_GINT64_FORMAT "\n", start / 1000);
  cab_document_viewer_load_file (viewer, file, "Счет-фактура СФ-0531/12");
  WAIT_UNTIL (cab_document_viewer_get_n_pages (viewer) > 0 ||
              cab_document_viewer_get_state (viewer) == CAB_DOCUMENT_VIEWER_STATE_ERROR);
  wait.loaded_at = g_get_monotonic_time ();
  if (g_getenv ("BENCH_TRACE"))
    g_printerr ("loaded %" G_GINT64_FORMAT "\n", wait.loaded_at / 1000);
  WAIT_UNTIL (page_on_screen (&wait));
  total_load_ms += (wait.loaded_at - start) / 1000.0;
  total_render_ms += (wait.ready_at - wait.loaded_at) / 1000.0;
  total_paint_ms += (wait.painted_at - wait.ready_at) / 1000.0;

  g_signal_handler_disconnect (clock, id);
  last_zoom = cab_document_viewer_get_zoom (viewer);
  gtk_window_destroy (GTK_WINDOW (viewer));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  return (wait.painted_at - start) / 1000.0;
}

static double
pdftoppm_ms (const char *path,
             const char *out_prefix)
{
  const char *argv[] = { "pdftoppm", "-r", "96", "-f", "1", "-l", "1", path, out_prefix, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start = g_get_monotonic_time ();

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("pdftoppm: %s", error->message);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
first_page (const char *path,
            int         runs)
{
  g_autoptr(GArray) viewer = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) poppler = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("bench-viewer-XXXXXX", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *ppm = g_build_filename (dir, "page-1.ppm", NULL);
  double v, p;

  /* One of each first, so both read the file from the page cache. */
  viewer_first_page_ms (path);
  pdftoppm_ms (path, prefix);

  total_load_ms = total_render_ms = total_paint_ms = 0;
  total_frames = total_drawn_frames = 0;
  for (int i = 0; i < runs; i++)
    {
      v = viewer_first_page_ms (path);
      p = pdftoppm_ms (path, prefix);
      g_array_append_val (viewer, v);
      g_array_append_val (poppler, p);
    }
  /* The viewer renders the first page in the worker that parses: "read and parse" holds it. */
  g_print ("  viewer, mean of %d: read and parse (and the first page) %.1f ms, then render %.1f ms, "
           "to screen %.1f ms\n",
           runs, total_load_ms / runs, total_render_ms / runs, total_paint_ms / runs);
  g_print ("  frames from open to the page on screen, mean of %d: %.1f, of which %.1f drew "
           "(the last one shows the page)\n",
           runs, (double)total_frames / runs, (double)total_drawn_frames / runs);

  v = median (viewer);
  p = median (poppler);
  g_print ("first page on screen (fit width in a 900 px window: %.0f %%): viewer %.1f ms, "
           "pdftoppm -r 96 %.1f ms (medians of %d), ratio %.2fx (aim <= 1.5x)\n",
           last_zoom * 100, v, p, runs, v / p);

  g_unlink (ppm);
  g_rmdir (dir);
  return 0;
}

static double
cpu_ms (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* The renderer alone, as its worker thread runs it, at the scale the first-page run shows (fit
 * width in the 900 px window: 109 %): wall time and CPU time of the whole process (the box
 * filter's second thread included), which a loaded machine disturbs less than wall time. */
static int
render (const char *path,
        int         runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CabPdfDocument) doc = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-viewer-XXXXXX", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *ppm = g_build_filename (dir, "page-1.ppm", NULL);
  GArray *wall[3], *cpu[3];
  const char *names[3] = { "scan path", "poppler only", "pdftoppm -r 96" };
  const double scale = 1.09 * 96.0 / 72.0;
  char *contents;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);
  bytes = g_bytes_new_take (contents, len);
  if ((doc = cab_pdf_document_load (bytes, &error)) == NULL)
    g_error ("%s", error->message);

  for (int k = 0; k < 3; k++)
    {
      wall[k] = g_array_new (FALSE, FALSE, sizeof (double));
      cpu[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  for (int i = -1; i < runs; i++)
    for (int k = 0; k < 3; k++)
      {
        int who = k == 2 ? RUSAGE_CHILDREN : RUSAGE_SELF;
        double c0 = cpu_ms (who), w, c;
        gint64 t0 = g_get_monotonic_time ();

        if (k < 2)
          {
            g_autoptr(GdkTexture) texture = NULL;

            cab_pdf_document_set_scan_path (doc, k == 0);
            texture = cab_pdf_document_render_page (doc, 0, scale, 0, NULL, &error);
            if (texture == NULL)
              g_error ("%s", error->message);
          }
        else
          pdftoppm_ms (path, prefix);
        w = (g_get_monotonic_time () - t0) / 1000.0;
        c = cpu_ms (who) - c0;
        if (i >= 0)  /* the first round warms the caches */
          {
            g_array_append_val (wall[k], w);
            g_array_append_val (cpu[k], c);
          }
      }

  for (int k = 0; k < 3; k++)
    {
      g_print ("  %-15s wall %.1f ms, CPU %.1f ms (medians of %d)\n", names[k], median (wall[k]),
               median (cpu[k]), runs);
    }
  g_print ("render of page 1 at %.0f %%: scan path / pdftoppm %.2fx wall, %.2fx CPU; "
           "poppler only / pdftoppm %.2fx wall, %.2fx CPU\n", scale * 72 / 96 * 100,
           median (wall[0]) / median (wall[2]), median (cpu[0]) / median (cpu[2]),
           median (wall[1]) / median (wall[2]), median (cpu[1]) / median (cpu[2]));

  for (int k = 0; k < 3; k++)
    {
      g_array_unref (wall[k]);
      g_array_unref (cpu[k]);
    }
  g_unlink (ppm);
  g_rmdir (dir);
  return 0;
}

static int
paging (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CabDocumentViewer *viewer = new_viewer ();
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (viewer));
  FrameWait wait = { .viewer = viewer, .page = 0 };
  long rss_first, hwm_first, hwm, rss_end;
  guint n_pages;
  gint64 start;
  double ms;

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &wait);
  cab_document_viewer_load_file (viewer, file, NULL);
  WAIT_UNTIL (page_on_screen (&wait));
  n_pages = cab_document_viewer_get_n_pages (viewer);

  rss_first = status_kb ("VmRSS:");
  hwm_first = status_kb ("VmHWM:");
  /* Reset VmHWM so the peak below is the paging's own (Linux >= 4.0: "5" resets it). */
  {
    FILE *clear = fopen ("/proc/self/clear_refs", "w");

    if (clear == NULL || fputs ("5", clear) < 0 || fclose (clear) != 0)
      g_printerr ("cannot reset VmHWM; the peak includes the load\n");
  }

  start = g_get_monotonic_time ();
  for (guint i = 1; i < n_pages; i++)
    {
      wait = (FrameWait) { .viewer = viewer, .page = i };
      g_object_set_data (G_OBJECT (cab_page_view_get_renderer (cab_document_viewer_get_page_view (viewer))),
                         "bench-connected", NULL);
      g_signal_handlers_disconnect_matched (cab_page_view_get_renderer (cab_document_viewer_get_page_view (viewer)),
                                            G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_page_ready, NULL);
      gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next-page", NULL);
      WAIT_UNTIL (page_on_screen (&wait));
    }
  ms = (g_get_monotonic_time () - start) / 1000.0;

  hwm = status_kb ("VmHWM:");
  rss_end = status_kb ("VmRSS:");

  g_print ("paging %u pages: %.1f ms per page; RSS after page 1 %.1f MB (peak so far %.1f MB), "
           "peak while paging %.1f MB, RSS at the end %.1f MB; peak/first %.2fx (aim <= 2x); "
           "cache peak %u entries\n",
           n_pages, ms / MAX (n_pages - 1, 1), rss_first / 1024.0, hwm_first / 1024.0,
           hwm / 1024.0, rss_end / 1024.0, (double)hwm / rss_first,
           cab_page_cache_get_peak_entries (cab_page_view_get_cache (cab_document_viewer_get_page_view (viewer))));

  gtk_window_destroy (GTK_WINDOW (viewer));
  return 0;
}

/* The viewer as the first-page run shows it, for a screenshot; "thumbnails" opens the sidebar,
 * "loading" shows the spinner instead of the document. */
static int
show (const char *path,
      int         seconds,
      const char *what)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CabDocumentViewer *viewer = new_viewer ();
  gint64 end;

  if (g_strcmp0 (what, "loading") == 0)
    cab_document_viewer_show_loading (viewer, "Счет-фактура СФ-0531/12");
  else
    {
      cab_document_viewer_load_file (viewer, file, "Счет-фактура СФ-0531/12");
      WAIT_UNTIL (cab_document_viewer_get_state (viewer) != CAB_DOCUMENT_VIEWER_STATE_LOADING);
      if (g_strcmp0 (what, "thumbnails") == 0)
        cab_document_viewer_set_thumbnails_visible (viewer, TRUE);
    }
  end = g_get_monotonic_time () + (gint64)seconds * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_destroy (GTK_WINDOW (viewer));
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 5 && g_str_equal (argv[1], "make"))
    {
      g_autoptr(GBytes) pdf = viewer_test_make_pdf (atoi (argv[3]), atoi (argv[4]));
      g_autoptr(GError) error = NULL;

      if (!g_file_set_contents (argv[2], g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                &error))
        g_error ("%s", error->message);
      return 0;
    }

  if (argc < 3)
    {
      g_printerr ("usage: %s make OUT.pdf PAGES DPI | first-page FILE [RUNS] | paging FILE | "
                  "render FILE [RUNS] | show FILE [SECONDS [thumbnails|loading]]\n",
                  argv[0]);
      return 2;
    }

  if (g_str_equal (argv[1], "render"))
    return render (argv[2], argc > 3 ? atoi (argv[3]) : 9);

  gtk_init ();
  adw_init ();
  /* Keeps the main loop turning while waiting for the worker thread. */
  g_timeout_add (5, wake_up, NULL);

  if (g_str_equal (argv[1], "first-page"))
    return first_page (argv[2], argc > 3 ? atoi (argv[3]) : 7);
  if (g_str_equal (argv[1], "paging"))
    return paging (argv[2]);
  if (g_str_equal (argv[1], "show"))
    return show (argv[2], argc > 3 ? atoi (argv[3]) : 5, argc > 4 ? argv[4] : NULL);

  g_printerr ("unknown mode %s\n", argv[1]);
  return 2;
}
