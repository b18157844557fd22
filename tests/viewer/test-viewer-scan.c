/* test-viewer-scan.c: the scan path of the viewer's renderer (no display needed): the image
 * sizes read from a PDF's bytes, the box filter, and that a scanned page rendered larger and
 * shrunk looks like Poppler's own rendering of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-image-downscale.h"
#include "cab-pdf-document.h"
#include "cab-pdf-image-sizes.h"
#include "viewer-test-pdf.h"

/* Fit-width of A4 in a 900 px window (what the viewer's benchmark shows): 109 % of 96/72. */
#define FIT_WIDTH_SCALE 1.4533

/* Image sizes */

static GArray *
sizes_of (const char *text)
{
  return cab_pdf_find_image_sizes ((const guint8 *)text, strlen (text), 16);
}

static void
assert_size (GArray *sizes,
             guint   index,
             guint   width,
             guint   height)
{
  g_assert_cmpuint (index, <, sizes->len);
  g_assert_cmpuint (g_array_index (sizes, CabPdfImageSize, index).width, ==, width);
  g_assert_cmpuint (g_array_index (sizes, CabPdfImageSize, index).height, ==, height);
}

static void
test_image_sizes (void)
{
  g_autoptr(GBytes) jpeg = viewer_test_make_scan_pdf (150, VIEWER_TEST_SCAN_JPEG);
  g_autoptr(GBytes) flate = viewer_test_make_scan_pdf (100, 0);
  g_autoptr(GArray) a = cab_pdf_find_image_sizes (g_bytes_get_data (jpeg, NULL),
                                                  g_bytes_get_size (jpeg), 16);
  g_autoptr(GArray) b = cab_pdf_find_image_sizes (g_bytes_get_data (flate, NULL),
                                                  g_bytes_get_size (flate), 16);
  g_autoptr(GArray) c = NULL;

  g_assert_cmpuint (a->len, ==, 1);
  assert_size (a, 0, 1240, 1754);
  g_assert_cmpuint (b->len, ==, 1);
  assert_size (b, 0, 826, 1169);

  /* Written without spaces, with other keys between, twice (kept once), and a second size. */
  c = sizes_of ("1 0 obj<</Type/XObject/Subtype/Image/Width 10/BitsPerComponent 8/Height 20>>stream\n"
                "xx\nendstream endobj 2 0 obj << /Height 20 /Width 10 /Subtype /Image >> stream "
                "endstream endobj 3 0 obj <</Subtype\n/Image\r/Width\t300 /Height 400>>stream");
  g_assert_cmpuint (c->len, ==, 2);
  assert_size (c, 0, 10, 20);
  assert_size (c, 1, 300, 400);
}

static void
test_image_sizes_hostile (void)
{
  static const char * const ignored[] = {
    "",
    "/Subtype",
    "/Subtype /Image",
    "/Subtype /Imagery /Width 10 /Height 20",             /* another name */
    "/Subtype /Image /Width 10 0 R /Height 20",           /* indirect: not known here */
    "/Subtype /Image /Width 0 /Height 20",
    "/Subtype /Image /Width -5 /Height 20",
    "/Subtype /Image /Width 100001 /Height 20",           /* beyond any scan */
    "/Subtype /Image /Width 99999999999999999999 /Height 20",
    "/Subtype /Image /Width 1.5 /Height 20",
    "/Subtype /Image /Widths 10 /Height 20",              /* another key */
    "/Subtype /Image /Width 10 /Height",
    "1 0 obj << /Width 10 /Height 20 >> endobj 2 0 obj << /Subtype /Image >> stream",
    "<< /Subtype /Image >> stream /Width 10 /Height 20",  /* the stream's bytes */
  };
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GArray) capped = NULL;
  const char *good = "7 0 obj << /Subtype /Image /Width 1240 /Height 1754 >> stream";

  for (guint i = 0; i < G_N_ELEMENTS (ignored); i++)
    {
      g_autoptr(GArray) sizes = sizes_of (ignored[i]);

      if (sizes->len != 0)
        g_error ("found a size in \"%s\"", ignored[i]);
    }

  /* Every prefix of a good dictionary: a size only once the number is whole. */
  for (gsize n = 0; n <= strlen (good); n++)
    {
      g_autoptr(GArray) sizes = cab_pdf_find_image_sizes ((const guint8 *)good, n, 16);

      g_assert_cmpuint (sizes->len, <=, 1);
      if (sizes->len == 1)
        {
          g_assert_cmpuint (g_array_index (sizes, CabPdfImageSize, 0).width, ==, 1240);
          g_assert_cmpuint (g_array_index (sizes, CabPdfImageSize, 0).height, ==, 1754);
        }
    }

  /* At most max_sizes distinct sizes. */
  for (guint i = 1; i <= 100; i++)
    g_string_append_printf (many, "%u 0 obj << /Subtype /Image /Width %u /Height 9 >> stream ",
                            i, i);
  capped = cab_pdf_find_image_sizes ((const guint8 *)many->str, many->len, 10);
  g_assert_cmpuint (capped->len, ==, 10);
  assert_size (capped, 9, 10, 9);
}

/* The box filter */

static cairo_surface_t *
surface_filled (int     width,
                int     height,
                guint32 (*pixel) (int x, int y))
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guint8 *data = cairo_image_surface_get_data (surface);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      *(guint32 *)(data + y * cairo_image_surface_get_stride (surface) + x * 4) = pixel (x, y);
  cairo_surface_mark_dirty (surface);

  return surface;
}

static guint32
flat_pixel (int x,
            int y)
{
  return 0xff7f3a10u;
}

static guint32
checker_pixel (int x,
               int y)
{
  return ((x + y) % 2) ? 0xffffffffu : 0xff000000u;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  return *(guint32 *)(cairo_image_surface_get_data (surface) +
                      y * cairo_image_surface_get_stride (surface) + x * 4);
}

static void
test_downscale (void)
{
  /* Sizes with remainders and a large one (two threads). */
  static const int cases[][4] = {
    { 10, 10, 10, 10 }, { 935, 1322, 865, 1224 }, { 7, 5, 3, 2 }, { 1000, 1000, 1, 1 },
    { 2481, 3508, 992, 1403 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      cairo_surface_t *flat = surface_filled (cases[i][0], cases[i][1], flat_pixel);
      cairo_surface_t *out = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cases[i][2],
                                                         cases[i][3]);

      /* A flat colour stays exactly that colour everywhere, edges included. */
      cab_image_downscale (flat, out);
      for (int y = 0; y < cases[i][3]; y++)
        for (int x = 0; x < cases[i][2]; x++)
          if (pixel_at (out, x, y) != 0xff7f3a10u)
            g_error ("%dx%d -> %dx%d: pixel %d,%d is %08x", cases[i][0], cases[i][1],
                     cases[i][2], cases[i][3], x, y, pixel_at (out, x, y));
      cairo_surface_destroy (flat);
      cairo_surface_destroy (out);
    }

  /* Halving a one-pixel checkerboard averages each 2x2 block: grey, not black or white. */
  {
    cairo_surface_t *checker = surface_filled (400, 300, checker_pixel);
    cairo_surface_t *out = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 150);

    cab_image_downscale (checker, out);
    for (int y = 0; y < 150; y++)
      for (int x = 0; x < 200; x++)
        {
          guint32 p = pixel_at (out, x, y);

          g_assert_cmpuint (p >> 24, ==, 255);
          g_assert_cmpuint (p & 0xff, >=, 127);
          g_assert_cmpuint (p & 0xff, <=, 128);
        }
    cairo_surface_destroy (checker);
    cairo_surface_destroy (out);
  }
}

/* Scanned pages against Poppler */

typedef struct
{
  double mean;       /* mean absolute difference per channel, 0..255 */
  double far;        /* the share of channels more than 32 apart */
} Difference;

static Difference
compare (GdkTexture *a,
         GdkTexture *b)
{
  int w = gdk_texture_get_width (a), h = gdk_texture_get_height (a);
  g_autofree guchar *pa = g_malloc ((gsize)w * h * 4);
  g_autofree guchar *pb = g_malloc ((gsize)w * h * 4);
  guint64 total = 0, far = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, w);
  g_assert_cmpint (gdk_texture_get_height (b), ==, h);
  gdk_texture_download (a, pa, (gsize)w * 4);
  gdk_texture_download (b, pb, (gsize)w * 4);
  for (gsize i = 0; i < (gsize)w * h * 4; i++)
    {
      int d = ABS ((int)pa[i] - (int)pb[i]);

      total += d;
      far += d > 32;
    }

  return (Difference) { (double)total / ((gsize)w * h * 4), (double)far / ((gsize)w * h * 4) };
}

/* Renders page 1 of @pdf at @scale and @rotation with the scan path and without; checks whether
 * the scan path was taken and, when it was, that the pixels match Poppler's. */
static void
check_scan (GBytes  *pdf,
            double   scale,
            guint    rotation,
            gboolean expect_scan_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabPdfDocument) doc = cab_pdf_document_load (pdf, &error);
  g_autoptr(GdkTexture) fast = NULL;
  g_autoptr(GdkTexture) poppler = NULL;
  Difference d;

  g_assert_no_error (error);
  fast = cab_pdf_document_render_page (doc, 0, scale, rotation, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cab_pdf_document_get_n_scan_renders (doc), ==, expect_scan_path ? 1 : 0);

  cab_pdf_document_set_scan_path (doc, FALSE);
  poppler = cab_pdf_document_render_page (doc, 0, scale, rotation, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cab_pdf_document_get_n_scan_renders (doc), ==, expect_scan_path ? 1 : 0);

  d = compare (fast, poppler);
  g_test_message ("scale %.4f rotation %u: mean difference %.3f, %.5f %% far", scale, rotation,
                  d.mean, d.far * 100);
  /* Both average the image's pixels over each shown pixel; cairo's filter is a little wider,
   * which shows at the edges of the ink. The same page a pixel off is ~3.5 and ~3 % apart. */
  g_assert_cmpfloat (d.mean, <=, 2.5);
  g_assert_cmpfloat (d.far, <=, 0.015);
  if (!expect_scan_path)
    g_assert_cmpfloat (d.mean, ==, 0);
}

static void
test_scan_matches_poppler (void)
{
  g_autoptr(GBytes) jpeg = viewer_test_make_scan_pdf (150, VIEWER_TEST_SCAN_JPEG);
  g_autoptr(GBytes) flate = viewer_test_make_scan_pdf (150, 0);
  g_autoptr(GBytes) fine = viewer_test_make_scan_pdf (300, VIEWER_TEST_SCAN_JPEG);

  for (guint rotation = 0; rotation < 360; rotation += 90)
    check_scan (jpeg, FIT_WIDTH_SCALE, rotation, TRUE);
  check_scan (flate, FIT_WIDTH_SCALE, 0, TRUE);
  check_scan (flate, 1.0, 0, TRUE);
  /* 300 dpi at fit-width: 2.3 times larger than shown, within the bound. */
  check_scan (fine, FIT_WIDTH_SCALE, 0, TRUE);
}

static void
test_scan_with_stamp (void)
{
  g_autoptr(GBytes) stamped = viewer_test_make_scan_pdf (150, VIEWER_TEST_SCAN_JPEG |
                                                              VIEWER_TEST_SCAN_STAMP);
  g_autoptr(GBytes) margin = viewer_test_make_scan_pdf (150, VIEWER_TEST_SCAN_MARGIN);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabPdfDocument) doc = cab_pdf_document_load (stamped, &error);
  g_autoptr(GdkTexture) texture = NULL;
  int w, h;
  g_autofree guchar *pixels = NULL;
  const guchar *p;

  /* What is drawn over the scan is drawn by Poppler too, at the larger size. */
  check_scan (stamped, FIT_WIDTH_SCALE, 0, TRUE);
  check_scan (margin, FIT_WIDTH_SCALE, 0, TRUE);

  g_assert_no_error (error);
  texture = cab_pdf_document_render_page (doc, 0, FIT_WIDTH_SCALE, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cab_pdf_document_get_n_scan_renders (doc), ==, 1);
  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize)w * h * 4);
  gdk_texture_download (texture, pixels, (gsize)w * 4);
  /* The middle of the red box at (400..520, 560..600) pt: red (BGRA in memory). */
  p = pixels + ((gsize)(580 * FIT_WIDTH_SCALE) * w + (gsize)(460 * FIT_WIDTH_SCALE)) * 4;
  g_assert_cmpuint (p[2], >, 180);
  g_assert_cmpuint (p[1], <, 40);
  g_assert_cmpuint (p[0], <, 40);
}

static void
test_not_scan_path (void)
{
  g_autoptr(GBytes) vector = viewer_test_make_pdf (1, 0);
  g_autoptr(GBytes) two = viewer_test_make_scan_pdf (150, VIEWER_TEST_SCAN_TWO);
  g_autoptr(GBytes) jpeg = viewer_test_make_scan_pdf (150, VIEWER_TEST_SCAN_JPEG);

  /* No image; two images; shown at 4/5 of the image's size or more (cairo is quick there);
   * a thumbnail, where rendering 2.5 times larger would cost more than it saves. */
  check_scan (vector, FIT_WIDTH_SCALE, 0, FALSE);
  check_scan (two, FIT_WIDTH_SCALE, 0, FALSE);
  check_scan (jpeg, 1.8, 0, FALSE);
  check_scan (jpeg, 0.2, 0, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/viewer/scan/image-sizes", test_image_sizes);
  g_test_add_func ("/viewer/scan/image-sizes-hostile", test_image_sizes_hostile);
  g_test_add_func ("/viewer/scan/downscale", test_downscale);
  g_test_add_func ("/viewer/scan/matches-poppler", test_scan_matches_poppler);
  g_test_add_func ("/viewer/scan/with-stamp", test_scan_with_stamp);
  g_test_add_func ("/viewer/scan/not-scan-path", test_not_scan_path);

  return g_test_run ();
}
