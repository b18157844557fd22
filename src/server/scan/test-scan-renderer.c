/* test-scan-renderer.c: the scanned-looking PDFs: structure, look, determinism, bad input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <poppler.h>

#include "cab-error.h"
#include "cab-scan-renderer.h"

/* poppler-glib 22.12 declares no autoptr cleanups; local aliases stay valid when it does. */
typedef PopplerDocument TestDocument;
typedef PopplerPage TestPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPage, g_object_unref)

#define A4_W_PT 595.276
#define A4_H_PT 841.89

static const CabScanLine test_lines[] = {
  { "Электроэнергия, май 2023 (СН-2), 52 840 кВт·ч", "402 370,72 руб." },
  { "НДС 20 %", "80 474,14 руб." },
};

typedef struct
{
  GDate       date;
  CabScanSpec spec;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_date_clear (&f->date, 1);
  g_date_set_dmy (&f->date, 31, G_DATE_MAY, 2023);
  f->spec = (CabScanSpec) {
    .title = "Счет-фактура",
    .number = "СФ-0531/12",
    .date = &f->date,
    .supplier = "ООО «ТЭК-Энерго», филиал «Брянскэнергосбыт»",
    .partner_name = "ООО «Ромашка»",
    .partner_address = "241050, г. Брянск, ул. Калинина, д. 98",
    .inn = "7700001234",
    .kpp = "325701001",
    .account = "1234567890",
    .contract = "Договор № 12-3456 от 01.12.2015",
    .lines = test_lines,
    .n_lines = G_N_ELEMENTS (test_lines),
    .total = "Итого к оплате: 482 844,86 руб.",
    .seed = 42,
    .n_pages = 1,
  };
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
}

static GBytes *
render_ok (const CabScanSpec *spec)
{
  g_autoptr(GError) error = NULL;
  GBytes *pdf = cab_scan_render_pdf (spec, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  return pdf;
}

static guint
count_occurrences (GBytes     *pdf,
                   const char *needle)
{
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  gsize len = strlen (needle);
  guint n = 0;

  for (gsize i = 0; i + len <= size; i++)
    if (memcmp (data + i, needle, len) == 0)
      n++;
  return n;
}

static PopplerDocument *
open_pdf (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc;
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);

  g_assert_cmpuint (size, >, 5);
  g_assert_cmpmem (data, 5, "%PDF-", 5);

  doc = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
assert_a4 (PopplerPage *page)
{
  double w, h;

  poppler_page_get_size (page, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, A4_W_PT, 1.0);
  g_assert_cmpfloat_with_epsilon (h, A4_H_PT, 1.0);
}

/* Renders @page at 50 dpi and counts near-white, dark, inked (anything not paper) and
 * coloured pixels. */
static void
count_pixels_ink (PopplerPage *page,
                  double      *white_share,
                  double      *dark_share,
                  double      *colour_share,
                  double      *ink_share)
{
  const double scale = 50.0 / 72.0;
  int w = (int) (A4_W_PT * scale);
  int h = (int) (A4_H_PT * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (surface);
  const unsigned char *data;
  int stride;
  gsize white = 0, dark = 0, colour = 0, ink = 0;

  cairo_set_source_rgb (cr, 1, 0, 1);   /* anything the page leaves unpainted shows up */
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (gconstpointer) (data + y * stride + x * 4);
        int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;
        int lum = (r * 3 + g * 6 + b) / 10;

        if (lum >= 225)
          white++;
        if (lum < 100)
          dark++;
        if (lum < 200)
          ink++;
        if (ABS (r - g) > 24 || ABS (g - b) > 24)
          colour++;
      }

  cairo_surface_destroy (surface);
  *white_share = (double) white / (w * h);
  *dark_share = (double) dark / (w * h);
  *colour_share = (double) colour / (w * h);
  *ink_share = (double) ink / (w * h);
  g_test_message ("white %.4f, dark %.4f, ink %.4f, colour %.4f", *white_share, *dark_share,
                  *ink_share, *colour_share);
}

static void
count_pixels (PopplerPage *page,
              double      *white_share,
              double      *dark_share,
              double      *colour_share)
{
  double ink;

  count_pixels_ink (page, white_share, dark_share, colour_share, &ink);
}

static void
test_one_page (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) pdf = render_ok (&f->spec);
  g_autoptr(TestDocument) doc = open_pdf (pdf);
  g_autoptr(TestPage) page = NULL;
  g_autofree char *title = NULL;
  double white, dark, colour;

  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  page = poppler_document_get_page (doc, 0);
  assert_a4 (page);

  /* Paper: mostly white, some text, and no magenta showing through (the image fills the
   * page); a greyscale scan, stored as one grey image. */
  count_pixels (page, &white, &dark, &colour);
  g_assert_cmpfloat (white, >, 0.85);
  g_assert_cmpfloat (dark, >, 0.005);
  g_assert_cmpfloat (dark, <, 0.10);
  g_assert_cmpfloat (colour, ==, 0.0);
  g_assert_cmpuint (count_occurrences (pdf, "/Subtype /Image"), ==, 1);
  g_assert_cmpuint (count_occurrences (pdf, "/ColorSpace /DeviceGray"), ==, 1);
  g_assert_cmpuint (count_occurrences (pdf, "/ColorSpace /DeviceRGB"), ==, 0);

  /* A searchable scan: under the picture, its words as text, the lines and the total too
   * (the figures a reader copies, and that the volume acts' test reads with pdftotext). */
  {
    g_autofree char *text = poppler_page_get_text (page);

    g_assert_nonnull (text);
    g_assert_nonnull (strstr (text, "Счет-фактура № СФ-0531/12 от 31.05.2023"));
    g_assert_nonnull (strstr (text, "Электроэнергия, май 2023 (СН-2), 52 840 кВт·ч: "
                                    "402 370,72 руб."));
    g_assert_nonnull (strstr (text, "НДС 20 %: 80 474,14 руб."));
  }

  title = poppler_document_get_title (doc);
  g_assert_cmpstr (title, ==, "Счет-фактура № СФ-0531/12 от 31.05.2023");

  /* The creation date is the document's, never the time of rendering. */
  {
    g_autoptr(GDateTime) created = poppler_document_get_creation_date_time (doc);

    g_assert_nonnull (created);
    g_assert_cmpint (g_date_time_get_year (created), ==, 2023);
    g_assert_cmpint (g_date_time_get_month (created), ==, 5);
    g_assert_cmpint (g_date_time_get_day_of_month (created), ==, 31);
  }
}

static void
test_colour (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(TestDocument) doc = NULL;
  g_autoptr(TestPage) page = NULL;
  double white, dark, colour;

  /* Blue ink on the stamp and signatures: a little colour, still one image. */
  f->spec.colour = TRUE;
  pdf = render_ok (&f->spec);
  doc = open_pdf (pdf);
  page = poppler_document_get_page (doc, 0);
  count_pixels (page, &white, &dark, &colour);
  g_assert_cmpfloat (colour, >, 0.0005);
  g_assert_cmpfloat (colour, <, 0.02);
  g_assert_cmpuint (count_occurrences (pdf, "/Subtype /Image"), ==, 1);
  g_assert_cmpuint (count_occurrences (pdf, "/ColorSpace /DeviceRGB"), ==, 1);
}

static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) first = render_ok (&f->spec);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) other_seed = NULL;

  /* Let the clock move: a timestamp in the file would show. */
  g_usleep (1100 * 1000);
  second = render_ok (&f->spec);
  g_assert_true (g_bytes_equal (first, second));

  f->spec.seed = 43;
  other_seed = render_ok (&f->spec);
  g_assert_false (g_bytes_equal (first, other_seed));
}

static void
test_three_pages (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(TestDocument) doc = NULL;

  f->spec.n_pages = 3;
  pdf = render_ok (&f->spec);
  doc = open_pdf (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 3);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (doc, i);
      double white, dark, colour;

      assert_a4 (page);
      count_pixels (page, &white, &dark, &colour);
      g_assert_cmpfloat (white, >, 0.85);
      g_assert_cmpfloat (dark, >, 0.001);
    }
  g_assert_cmpuint (count_occurrences (pdf, "/Subtype /Image"), ==, 3);
}

static void
test_zero_pages_means_one (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) one = render_ok (&f->spec);
  g_autoptr(GBytes) zero = NULL;

  f->spec.n_pages = 0;
  zero = render_ok (&f->spec);
  g_assert_true (g_bytes_equal (one, zero));
}

static void
test_sparse_spec (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(TestDocument) doc = NULL;
  GDate date = f->date;

  /* Only the date is required; missing strings are blank. */
  f->spec = (CabScanSpec) { .date = &date };
  pdf = render_ok (&f->spec);
  doc = open_pdf (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
}

static void
test_long_texts (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(TestDocument) doc = NULL;
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autofree CabScanLine *lines = g_new0 (CabScanLine, 80);
  g_autoptr(GString) long_text = g_string_new (NULL);

  for (int i = 0; i < 40; i++)
    g_string_append (long_text, "Очень длинное наименование ");
  for (int i = 0; i < 80; i++)
    {
      char *label = g_strdup_printf ("Строка %d %s", i, i % 7 == 0 ? long_text->str : "");

      g_ptr_array_add (owned, label);
      lines[i].label = label;
      lines[i].value = "1 000,00 руб.";
    }

  /* More lines than two pages hold, and texts far wider than the page: still two pages. */
  f->spec.partner_name = long_text->str;
  f->spec.partner_address = long_text->str;
  f->spec.lines = lines;
  f->spec.n_lines = 80;
  f->spec.n_pages = 2;
  pdf = render_ok (&f->spec);
  doc = open_pdf (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 2);
}

static double
ink_share_with_lines (Fixture *f,
                       gsize    n_lines)
{
  g_autofree CabScanLine *lines = g_new0 (CabScanLine, n_lines);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(TestDocument) doc = NULL;
  g_autoptr(TestPage) page = NULL;
  double white, dark, colour, ink;

  for (gsize i = 0; i < n_lines; i++)
    {
      lines[i].label = "Электроэнергия, май 2023 (СН-2), 52 840 кВт·ч";
      lines[i].value = "402 370,72 руб.";
    }
  f->spec.lines = lines;
  f->spec.n_lines = n_lines;
  pdf = render_ok (&f->spec);
  doc = open_pdf (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  page = poppler_document_get_page (doc, 0);
  count_pixels_ink (page, &white, &dark, &colour, &ink);
  return ink;
}

static void
test_tight_rows (Fixture       *f,
                 gconstpointer  data)
{
  double eleven = ink_share_with_lines (f, 11);
  double sixteen = ink_share_with_lines (f, 16);
  double twenty = ink_share_with_lines (f, 20);

  /* One page holds 16 lines in tighter rows: five more lines of text show; beyond 16 nothing
   * more is drawn (only the count under the total changes). */
  g_assert_cmpfloat (sixteen, >, eleven * 1.15);
  g_assert_cmpfloat (twenty, <, sixteen * 1.02);
}

static void
test_bad_date (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  GDate invalid;

  g_date_clear (&invalid, 1);
  f->spec.date = &invalid;
  pdf = cab_scan_render_pdf (&f->spec, &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_DATE);
  g_assert_null (pdf);

  g_clear_error (&error);
  f->spec.date = NULL;
  pdf = cab_scan_render_pdf (&f->spec, &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_DATE);
  g_assert_null (pdf);
}

static void
test_bad_utf8 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  CabScanLine bad_line[] = { { "ok", "\xd0" } };

  f->spec.partner_name = "ООО \xff\xfe";
  pdf = cab_scan_render_pdf (&f->spec, &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "partner name"));
  g_assert_null (pdf);

  g_clear_error (&error);
  f->spec.partner_name = "ООО «Ромашка»";
  f->spec.lines = bad_line;
  f->spec.n_lines = 1;
  pdf = cab_scan_render_pdf (&f->spec, &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_assert_null (pdf);
}

static void
test_too_many_pages (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  f->spec.n_pages = CAB_SCAN_MAX_PAGES + 1;
  pdf = cab_scan_render_pdf (&f->spec, &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_assert_null (pdf);
}

static gpointer
render_in_thread (gpointer data)
{
  return render_ok (data);
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) expected = render_ok (&f->spec);
  GThread *threads[4];

  /* The server renders from worker threads at once: same bytes as alone. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("scan", render_in_thread, &f->spec);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(GBytes) got = g_thread_join (threads[i]);

      g_assert_true (g_bytes_equal (expected, got));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("/scan/one-page", test_one_page);
  ADD ("/scan/colour", test_colour);
  ADD ("/scan/deterministic", test_deterministic);
  ADD ("/scan/three-pages", test_three_pages);
  ADD ("/scan/zero-pages-means-one", test_zero_pages_means_one);
  ADD ("/scan/sparse-spec", test_sparse_spec);
  ADD ("/scan/long-texts", test_long_texts);
  ADD ("/scan/tight-rows", test_tight_rows);
  ADD ("/scan/bad-date", test_bad_date);
  ADD ("/scan/bad-utf8", test_bad_utf8);
  ADD ("/scan/too-many-pages", test_too_many_pages);
  ADD ("/scan/threads", test_threads);

#undef ADD

  return g_test_run ();
}
