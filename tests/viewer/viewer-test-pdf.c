/* viewer-test-pdf.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cairo.h>
#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "viewer-test-pdf.h"

#define A4_WIDTH 595.0
#define A4_HEIGHT 842.0

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
free_bytes (void *data)
{
  g_bytes_unref (data);
}

/* A JPEG of a scanned page: light grey paper noise, a header bar and lines of "text". */
static GBytes *
make_scan_jpeg (guint   seed,
                int     width,
                int     height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int line = MAX (4, height / 60);
  gchar *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < height; y++)
    {
      int row = y / line;
      gboolean text_row = row > 4 && row < 55 && (y % line) < line / 2 && row % 3 != 0;
      int text_end = width / 10 + (int)(((guint)row * 7919u + seed * 104729u) %
                                        (guint)(width * 7 / 10));

      for (int x = 0; x < width; x++)
        {
          guchar *p = pixels + y * stride + x * 3;
          int v = 236 + g_rand_int_range (rand, -10, 10);

          if (text_row && x > width / 10 && x < text_end && ((x / MAX (2, line / 3)) % 5) != 4)
            v = 40 + g_rand_int_range (rand, 0, 40);
          if (row == 2 && x > width / 10 && x < width * 6 / 10)
            v = 30;
          p[0] = p[1] = p[2] = (guchar)CLAMP (v, 0, 255);
        }
    }

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "70", NULL))
    g_error ("Cannot encode a JPEG: %s", error->message);

  return g_bytes_new_take (buffer, size);
}

GBytes *
viewer_test_make_pdf (guint n_pages,
                      guint scan_dpi)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *pdf;
  cairo_t *cr;

  pdf = cairo_pdf_surface_create_for_stream (write_to_array, out, A4_WIDTH, A4_HEIGHT);
  cr = cairo_create (pdf);

  for (guint i = 0; i < n_pages; i++)
    {
      if (scan_dpi == 0)
        {
          char label[32];

          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                                  CAIRO_FONT_WEIGHT_BOLD);
          cairo_set_font_size (cr, 48);
          g_snprintf (label, sizeof label, "Page %u", i + 1);
          cairo_move_to (cr, 72, 120);
          cairo_show_text (cr, label);
          cairo_set_line_width (cr, 1);
          for (int y = 180; y < 780; y += 24)
            {
              cairo_move_to (cr, 72, y);
              cairo_line_to (cr, A4_WIDTH - 72, y);
            }
          cairo_stroke (cr);
        }
      else
        {
          int w = (int)(A4_WIDTH / 72.0 * scan_dpi + 0.5);
          int h = (int)(A4_HEIGHT / 72.0 * scan_dpi + 0.5);
          GBytes *jpeg = make_scan_jpeg (i + 1, w, h);
          cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);

          /* cairo embeds the JPEG as it is (DCTDecode), as a scanner's PDF does. */
          cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG,
                                       g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                                       free_bytes, jpeg);
          cairo_save (cr);
          cairo_scale (cr, A4_WIDTH / w, A4_HEIGHT / h);
          cairo_set_source_surface (cr, image, 0, 0);
          cairo_paint (cr);
          cairo_restore (cr);
          cairo_surface_destroy (image);
        }
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  if (cairo_surface_status (pdf) != CAIRO_STATUS_SUCCESS)
    g_error ("Cannot make a PDF: %s", cairo_status_to_string (cairo_surface_status (pdf)));
  cairo_surface_destroy (pdf);

  return g_byte_array_free_to_bytes (out);
}

GBytes *
viewer_test_make_scan_pdf (guint               dpi,
                           ViewerTestScanFlags flags)
{
  GByteArray *out = g_byte_array_new ();
  int w = (int)(A4_WIDTH / 72.0 * dpi + 0.5);
  int h = (int)(A4_HEIGHT / 72.0 * dpi + 0.5);
  GBytes *jpeg = make_scan_jpeg (7, w, h);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *pdf, *image;
  double margin = (flags & VIEWER_TEST_SCAN_MARGIN) ? 0.05 : 0;
  cairo_t *cr;

  /* The same pixels either way: the JPEG's, decoded for the Flate variant (grey, as RGB24
   * with equal channels, which cairo writes as DeviceGray). */
  {
    g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();

    if (!gdk_pixbuf_loader_write_bytes (loader, jpeg, &error) ||
        !gdk_pixbuf_loader_close (loader, &error))
      g_error ("Cannot decode the test JPEG: %s", error->message);
    pixbuf = g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
  }
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  {
    guchar *dst = cairo_image_surface_get_data (image);
    const guchar *src = gdk_pixbuf_read_pixels (pixbuf);
    int n = gdk_pixbuf_get_n_channels (pixbuf);

    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        {
          const guchar *p = src + y * gdk_pixbuf_get_rowstride (pixbuf) + x * n;
          guint32 v = p[0];

          *(guint32 *)(dst + y * cairo_image_surface_get_stride (image) + x * 4) =
            0xff000000u | (v << 16) | (v << 8) | v;
        }
    cairo_surface_mark_dirty (image);
  }
  if (flags & VIEWER_TEST_SCAN_JPEG)
    cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, g_bytes_get_data (jpeg, NULL),
                                 g_bytes_get_size (jpeg), free_bytes, g_bytes_ref (jpeg));
  g_bytes_unref (jpeg);

  pdf = cairo_pdf_surface_create_for_stream (write_to_array, out, A4_WIDTH, A4_HEIGHT);
  cr = cairo_create (pdf);

  cairo_save (cr);
  cairo_translate (cr, A4_WIDTH * margin, A4_HEIGHT * margin);
  if (flags & VIEWER_TEST_SCAN_TWO)
    {
      cairo_scale (cr, A4_WIDTH / 2 / w, A4_HEIGHT / 2 / h);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_paint (cr);
      cairo_set_source_surface (cr, image, w, h);
      cairo_paint (cr);
    }
  else
    {
      cairo_scale (cr, A4_WIDTH * (1 - 2 * margin) / w, A4_HEIGHT * (1 - 2 * margin) / h);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_paint (cr);
    }
  cairo_restore (cr);

  if (flags & VIEWER_TEST_SCAN_STAMP)
    {
      cairo_set_source_rgb (cr, 0.8, 0, 0);
      cairo_set_line_width (cr, 4);
      cairo_arc (cr, 450, 700, 60, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_rectangle (cr, 400, 560, 120, 40);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 28);
      cairo_move_to (cr, 72, 800);
      cairo_show_text (cr, "PAID");
    }

  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
  cairo_surface_finish (pdf);
  if (cairo_surface_status (pdf) != CAIRO_STATUS_SUCCESS)
    g_error ("Cannot make a PDF: %s", cairo_status_to_string (cairo_surface_status (pdf)));
  cairo_surface_destroy (pdf);

  return g_byte_array_free_to_bytes (out);
}
