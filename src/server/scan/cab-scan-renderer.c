/* cab-scan-renderer.c: documents rendered to look like scans (A4, 150 dpi raster, grey noise).
 *
 * Each page is drawn with cairo onto one greyscale-looking RGB24 image at 150 dpi: paper with a
 * faint uneven tone and sparse specks, the sheet slightly skewed on the scanner bed, the
 * document laid out like a Russian utility document. The image is then painted onto an A4 page
 * of a cairo PDF surface, over the page's words as text (a searchable scan's text layer).
 * Everything random comes from one GRand seeded from the spec, and the
 * PDF's creation date comes from the document's date, so a spec always gives the same bytes.
 *
 * The paper is deliberately mostly flat: deflate (the PDF's image filter) compresses long runs
 * and repeated rows, so the tone varies slowly in whole grey levels and the specks are sparse.
 * The paper, the skew, the signatures and the stamp are drawn by cab-scan-paper.c; this file
 * lays the document out and writes the PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>

#include "cab-error.h"
#include "cab-scan-private.h"

/* The content area, in mm from the sheet's top-left corner. */
#define LEFT_MM       20.0
#define RIGHT_MM      192.0
#define ROW_MM        8.0
#define MIN_ROW_MM    5.5   /* rows shrink to this before lines move to the next page */
#define TABLE_NUM_MM  12.0
#define TABLE_VAL_MM  52.0

/* Where the table stops on a page that is not the last, and on the last one (which also holds
 * the total and the signatures). */
#define BODY_END_MM   272.0
#define LAST_END_MM   210.0
#define FIRST_TOP_MM  112.0
#define CONT_TOP_MM   40.0

typedef struct
{
  const CabScanSpec *spec;
  char              *date_text;   /* "31.05.2023" */
  char              *title_caps;  /* "СЧЕТ-ФАКТУРА" */
  guint              n_pages;
  gsize             *first_line;  /* n_pages + 1 entries: lines [first_line[p], first_line[p+1]) */
} RenderJob;

typedef enum
{
  ALIGN_LEFT,
  ALIGN_CENTER,
  ALIGN_RIGHT,
} Align;

static const char *
nonnull (const char *s)
{
  return s != NULL ? s : "";
}

/* Shows @text with its baseline at @y, shrinking the font (down to 70%) so that it fits in
 * @max_w; what still does not fit is squeezed horizontally, as a narrow typeface would be. */
static void
show_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      max_w,
           gboolean    bold,
           double      size_px,
           Align       align)
{
  double w;
  double squeeze = 1.0;

  set_font (cr, bold, size_px);
  w = text_width (cr, text);
  if (w > max_w && w > 0)
    {
      double size = MAX (size_px * max_w / w, size_px * 0.7);

      set_font (cr, bold, size);
      w = text_width (cr, text);
      if (w > max_w)
        {
          squeeze = max_w / w;
          w = max_w;
        }
    }

  switch (align)
    {
    case ALIGN_LEFT:
      break;
    case ALIGN_CENTER:
      x -= w / 2;
      break;
    case ALIGN_RIGHT:
      x -= w;
      break;
    default:
      g_assert_not_reached ();
    }

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, squeeze, 1.0);
  cairo_move_to (cr, 0, 0);
  cairo_show_text (cr, text);
  cairo_restore (cr);
}

/* Splits @text at spaces into at most two lines that fit @max_w; returns how many lines were
 * shown. A second line that still does not fit is shrunk by show_text(). */
static int
show_wrapped (cairo_t    *cr,
              const char *text,
              double      x,
              double      y,
              double      line_h,
              double      max_w,
              double      size_px)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  guint i;

  set_font (cr, FALSE, size_px);
  if (text_width (cr, text) <= max_w)
    {
      show_text (cr, text, x, y, max_w, FALSE, size_px, ALIGN_LEFT);
      return 1;
    }

  words = g_strsplit (text, " ", -1);
  for (i = 0; words[i] != NULL; i++)
    {
      g_autofree char *candidate = line->len > 0
                                   ? g_strconcat (line->str, " ", words[i], NULL)
                                   : g_strdup (words[i]);

      if (line->len > 0 && text_width (cr, candidate) > max_w)
        break;
      g_string_assign (line, candidate);
    }

  if (words[i] == NULL)
    {
      show_text (cr, line->str, x, y, max_w, FALSE, size_px, ALIGN_LEFT);
      return 1;
    }

  show_text (cr, line->str, x, y, max_w, FALSE, size_px, ALIGN_LEFT);
  {
    g_autofree char *rest = g_strjoinv (" ", &words[i]);

    show_text (cr, rest, x, y + line_h, max_w, FALSE, size_px, ALIGN_LEFT);
  }
  return 2;
}

static void
hline (cairo_t *cr,
       double   x0,
       double   x1,
       double   y,
       double   width)
{
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
}

static double
table_top_mm (guint page)
{
  return page == 0 ? FIRST_TOP_MM : CONT_TOP_MM;
}

static double
table_end_mm (guint page,
              guint n_pages)
{
  return page + 1 == n_pages ? LAST_END_MM : BODY_END_MM;
}

/* How many table rows fit on @page, with rows as tight as they may get. */
static gsize
page_capacity (guint page,
               guint n_pages)
{
  return (gsize) floor ((table_end_mm (page, n_pages) - table_top_mm (page)) / MIN_ROW_MM) - 1;
}

/* Rows are ROW_MM high unless that many lines only fit tighter. */
static double
row_height (guint page,
            guint n_pages,
            gsize n_rows)
{
  double avail = table_end_mm (page, n_pages) - table_top_mm (page);

  return MM (MIN (ROW_MM, avail / (n_rows + 1)));
}

static void
draw_table_header (cairo_t *cr,
                   double   top,
                   double   row_h)
{
  double x0 = MM (LEFT_MM);
  double x1 = MM (RIGHT_MM);
  double xn = x0 + MM (TABLE_NUM_MM);
  double xv = x1 - MM (TABLE_VAL_MM);
  double base = top + row_h * 0.66;
  double size = MIN (PT (9), row_h * 0.55);

  cairo_set_source_rgb (cr, 0.90, 0.90, 0.90);
  cairo_rectangle (cr, x0, top, x1 - x0, row_h);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, INK, INK, INK);
  show_text (cr, "№", (x0 + xn) / 2, base, xn - x0 - MM (2), TRUE, size, ALIGN_CENTER);
  show_text (cr, "Наименование", (xn + xv) / 2, base, xv - xn - MM (3), TRUE, size,
             ALIGN_CENTER);
  show_text (cr, "Сумма", (xv + x1) / 2, base, x1 - xv - MM (3), TRUE, size, ALIGN_CENTER);
}

/* The ruled table: a header row, then lines [first, end) of the spec, numbered from 1 over the
 * whole document, in rows of @row_h. Returns the y of the table's bottom edge. */
static double
draw_table (cairo_t           *cr,
            const CabScanSpec *spec,
            double             top,
            double             row_h,
            gsize              first,
            gsize              end)
{
  double x0 = MM (LEFT_MM);
  double x1 = MM (RIGHT_MM);
  double xn = x0 + MM (TABLE_NUM_MM);
  double xv = x1 - MM (TABLE_VAL_MM);
  double bottom = top + row_h * (1 + (end - first));
  double size = MIN (PT (9.5), row_h * 0.6);

  draw_table_header (cr, top, row_h);

  cairo_set_source_rgb (cr, INK, INK, INK);
  for (gsize i = first; i < end; i++)
    {
      double base = top + row_h * (1 + (i - first)) + row_h * 0.66;
      char num[32];

      g_snprintf (num, sizeof num, "%" G_GSIZE_FORMAT, i + 1);
      show_text (cr, num, (x0 + xn) / 2, base, xn - x0 - MM (2), FALSE, size, ALIGN_CENTER);
      show_text (cr, nonnull (spec->lines[i].label), xn + MM (2), base, xv - xn - MM (4), FALSE,
                 size, ALIGN_LEFT);
      show_text (cr, nonnull (spec->lines[i].value), x1 - MM (2), base, x1 - xv - MM (4), FALSE,
                 size, ALIGN_RIGHT);
    }

  /* Rules: a heavier frame, lighter inner lines. */
  cairo_set_line_width (cr, 1.3);
  for (gsize r = 1; r <= end - first; r++)
    hline (cr, x0, x1, top + row_h * r, 1.3);
  cairo_move_to (cr, xn, top);
  cairo_line_to (cr, xn, bottom);
  cairo_move_to (cr, xv, top);
  cairo_line_to (cr, xv, bottom);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 2.2);
  cairo_rectangle (cr, x0, top, x1 - x0, bottom - top);
  cairo_stroke (cr);

  return bottom;
}

/* Label in bold, value beside it; returns how many lines the value took. */
static int
draw_field (cairo_t    *cr,
            const char *label,
            const char *value,
            double      y,
            gboolean    may_wrap)
{
  double x0 = MM (LEFT_MM);
  double xv = x0 + MM (32);
  double max_w = MM (RIGHT_MM) - xv;

  show_text (cr, label, x0, y, xv - x0 - MM (2), TRUE, PT (9.5), ALIGN_LEFT);
  if (may_wrap)
    return show_wrapped (cr, value, xv, y, MM (5), max_w, PT (9.5));
  show_text (cr, value, xv, y, max_w, FALSE, PT (9.5), ALIGN_LEFT);
  return 1;
}

static void
draw_signatures (cairo_t           *cr,
                 GRand             *rand,
                 const RenderJob   *job,
                 double             y)
{
  const CabScanSpec *spec = job->spec;
  double x0 = MM (LEFT_MM);
  double x1 = MM (RIGHT_MM);
  char count[96];

  show_text (cr, nonnull (spec->total), x1, y, x1 - x0, TRUE, PT (11), ALIGN_RIGHT);
  y += MM (6);
  g_snprintf (count, sizeof count, "Всего наименований %" G_GSIZE_FORMAT, spec->n_lines);
  show_text (cr, count, x1, y, x1 - x0, FALSE, PT (8.5), ALIGN_RIGHT);

  y += MM (22);
  show_text (cr, "Руководитель организации", x0, y, MM (48), FALSE, PT (9.5), ALIGN_LEFT);
  hline (cr, x0 + MM (50), x0 + MM (88), y + MM (1), 1.2);
  show_text (cr, "(подпись)", x0 + MM (69), y + MM (4.5), MM (30), FALSE, PT (6.5),
             ALIGN_CENTER);
  show_text (cr, "/ Н. В. Соколова /", x0 + MM (90), y, MM (45), FALSE, PT (9.5), ALIGN_LEFT);
  cab_scan_paint_signature (cr, rand, spec->colour, x0 + MM (54), y - MM (1), MM (28));

  y += MM (16);
  cairo_set_source_rgb (cr, INK, INK, INK);
  show_text (cr, "Главный бухгалтер", x0, y, MM (48), FALSE, PT (9.5), ALIGN_LEFT);
  hline (cr, x0 + MM (50), x0 + MM (88), y + MM (1), 1.2);
  show_text (cr, "(подпись)", x0 + MM (69), y + MM (4.5), MM (30), FALSE, PT (6.5),
             ALIGN_CENTER);
  show_text (cr, "/ Е. А. Морозова /", x0 + MM (90), y, MM (45), FALSE, PT (9.5), ALIGN_LEFT);
  cab_scan_paint_signature (cr, rand, spec->colour, x0 + MM (55), y - MM (1), MM (26));

  cairo_set_source_rgb (cr, INK, INK, INK);
  show_text (cr, "М.П.", x0 + MM (10), y + MM (14), MM (20), FALSE, PT (9), ALIGN_LEFT);
  cab_scan_paint_stamp (cr, rand, spec->colour, nonnull (spec->supplier),
                        x0 + MM (38) + rand_range (rand, -MM (4), MM (4)),
                        y + MM (8) + rand_range (rand, -MM (3), MM (3)));
}

static void
draw_document (cairo_t         *cr,
               GRand           *rand,
               const RenderJob *job,
               guint            page)
{
  const CabScanSpec *spec = job->spec;
  gboolean last = page + 1 == job->n_pages;
  double x0 = MM (LEFT_MM);
  double x1 = MM (RIGHT_MM);
  double w = x1 - x0;
  double top;
  double bottom;

  cairo_set_source_rgb (cr, INK, INK, INK);

  if (page == 0)
    {
      g_autofree char *number = g_strdup_printf ("№ %s от %s", nonnull (spec->number),
                                                 job->date_text);
      g_autofree char *inn_kpp = g_strdup_printf ("%s / %s", nonnull (spec->inn),
                                                  nonnull (spec->kpp));
      double y = MM (20);

      show_text (cr, nonnull (spec->supplier), x0, y, w, TRUE, PT (11), ALIGN_LEFT);
      y += MM (5);
      show_text (cr, "Гарантирующий поставщик электрической энергии", x0, y, w, FALSE, PT (8),
                 ALIGN_LEFT);
      hline (cr, x0, x1, y + MM (2.5), 2.2);

      y = MM (46);
      show_text (cr, job->title_caps, (x0 + x1) / 2, y, w, TRUE, PT (15), ALIGN_CENTER);
      y += MM (8);
      show_text (cr, number, (x0 + x1) / 2, y, w, TRUE, PT (12), ALIGN_CENTER);

      y = MM (70);
      y += MM (6) * draw_field (cr, "Покупатель:", nonnull (spec->partner_name), y, FALSE);
      y += MM (6) * draw_field (cr, "Адрес:", nonnull (spec->partner_address), y, TRUE);
      y += MM (6) * draw_field (cr, "ИНН / КПП:", inn_kpp, y, FALSE);
      y += MM (6) * draw_field (cr, "Лицевой счет:", nonnull (spec->account), y, FALSE);
      draw_field (cr, "Основание:", nonnull (spec->contract), y, FALSE);
      top = MM (table_top_mm (page));
    }
  else
    {
      g_autofree char *head = g_strdup_printf ("%s № %s от %s", nonnull (spec->title),
                                               nonnull (spec->number), job->date_text);
      double y = MM (20);

      show_text (cr, head, x0, y, w * 0.75, TRUE, PT (10), ALIGN_LEFT);
      show_text (cr, "Продолжение", x1, y, w * 0.2, FALSE, PT (8.5), ALIGN_RIGHT);
      y += MM (5);
      show_text (cr, nonnull (spec->partner_name), x0, y, w, FALSE, PT (8.5), ALIGN_LEFT);
      hline (cr, x0, x1, y + MM (2.5), 1.5);
      top = MM (table_top_mm (page));
    }

  bottom = draw_table (cr, spec, top,
                       row_height (page, job->n_pages,
                                   job->first_line[page + 1] - job->first_line[page]),
                       job->first_line[page], job->first_line[page + 1]);

  if (last)
    draw_signatures (cr, rand, job, bottom + MM (9));

  if (job->n_pages > 1)
    {
      char footer[64];

      cairo_set_source_rgb (cr, INK, INK, INK);
      g_snprintf (footer, sizeof footer, "Лист %u из %u", page + 1, job->n_pages);
      show_text (cr, footer, (x0 + x1) / 2, MM (285), w, FALSE, PT (8), ALIGN_CENTER);
    }
}

/* Spreads the lines evenly over the pages, each page taking no more than fits; lines beyond
 * what all the pages hold are left out. */
static void
assign_lines (RenderJob *job)
{
  gsize next = 0;

  job->first_line = g_new0 (gsize, job->n_pages + 1);
  for (guint p = 0; p < job->n_pages; p++)
    {
      gsize left = job->spec->n_lines - next;
      guint pages_left = job->n_pages - p;
      gsize want = (left + pages_left - 1) / pages_left;

      job->first_line[p] = next;
      next += MIN (want, page_capacity (p, job->n_pages));
    }
  job->first_line[job->n_pages] = next;
}

static gboolean
check_cairo (cairo_status_t   status,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, CAB_ERROR, CAB_ERROR_INTERNAL,
               "Could not render the scanned document: %s", cairo_status_to_string (status));
  return FALSE;
}

static cairo_surface_t *
render_page (const RenderJob  *job,
             guint             page,
             GError          **error)
{
  const guint32 seed[3] = { job->spec->seed, page, 0x5ca11ed };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (seed, G_N_ELEMENTS (seed));
  cairo_surface_t *surface;
  cairo_t *cr;
  double angle;
  double dx;
  double dy;
  cairo_status_t status;
  cairo_font_options_t *font_options;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PAGE_W_PX, PAGE_H_PX);
  if (!check_cairo (cairo_surface_status (surface), error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cab_scan_paint_paper (surface, rand);

  /* The sheet lies a little crooked on the glass. */
  angle = rand_range (rand, -0.6, 0.6) * G_PI / 180.0;
  dx = rand_range (rand, -MM (2), MM (2));
  dy = rand_range (rand, -MM (2), MM (2));

  /* Hinting is meant for upright text on screens; the sheet is skewed, and the bytecode
   * interpreter was a tenth of the time. */
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (font_options, CAIRO_ANTIALIAS_GRAY);
  cr = cairo_create (surface);
  cairo_set_font_options (cr, font_options);
  cairo_save (cr);
  cairo_translate (cr, PAGE_W_PX / 2.0 + dx, PAGE_H_PX / 2.0 + dy);
  cairo_rotate (cr, angle);
  cairo_translate (cr, -PAGE_W_PX / 2.0, -PAGE_H_PX / 2.0);
  draw_document (cr, rand, job, page);
  cairo_restore (cr);

  cab_scan_paint_folds (cr, rand);
  cab_scan_paint_bed (cr, angle, dx, dy);
  cab_scan_paint_specks (cr, rand);

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_font_options_destroy (font_options);
  cairo_surface_flush (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  if (!check_cairo (status, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  return surface;
}

/* The page's words as text under its picture, as a scanner's recognition leaves them in a
 * searchable PDF: a reader finds and copies them, a screen reader reads them, pdftotext
 * extracts them; the opaque picture painted over them is all that shows. */
static void
paint_text_layer (cairo_t         *cr,
                  const RenderJob *job,
                  guint            page)
{
  const CabScanSpec *spec = job->spec;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  double y = 40.0;

  if (page == 0)
    {
      g_ptr_array_add (texts, g_strdup (nonnull (spec->supplier)));
      g_ptr_array_add (texts, g_strdup_printf ("%s № %s от %s", nonnull (spec->title),
                                               nonnull (spec->number), job->date_text));
      g_ptr_array_add (texts, g_strdup_printf ("Покупатель: %s", nonnull (spec->partner_name)));
      g_ptr_array_add (texts, g_strdup_printf ("Адрес: %s", nonnull (spec->partner_address)));
      g_ptr_array_add (texts, g_strdup_printf ("ИНН / КПП: %s / %s", nonnull (spec->inn),
                                               nonnull (spec->kpp)));
      g_ptr_array_add (texts, g_strdup_printf ("Лицевой счет: %s", nonnull (spec->account)));
      g_ptr_array_add (texts, g_strdup_printf ("Основание: %s", nonnull (spec->contract)));
    }
  for (gsize i = job->first_line[page]; i < job->first_line[page + 1]; i++)
    g_ptr_array_add (texts, g_strdup_printf ("%" G_GSIZE_FORMAT ". %s: %s", i + 1,
                                             nonnull (spec->lines[i].label),
                                             nonnull (spec->lines[i].value)));
  if (page + 1 == job->n_pages)
    g_ptr_array_add (texts, g_strdup (nonnull (spec->total)));

  cairo_save (cr);
  cairo_select_font_face (cr, FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 8.0);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < texts->len; i++, y += 11.0)
    {
      cairo_move_to (cr, 40.0, y);
      cairo_show_text (cr, g_ptr_array_index (texts, i));
    }
  cairo_restore (cr);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_text (const char  *text,
            const char  *what,
            GError     **error)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;

  g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
               "The scanned document's %s is not valid UTF-8", what);
  return FALSE;
}

static gboolean
check_spec (const CabScanSpec  *spec,
            GError            **error)
{
  if (spec->date == NULL || !g_date_valid (spec->date))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_DATE,
                           "The scanned document has no valid date");
      return FALSE;
    }

  if (spec->n_pages > CAB_SCAN_MAX_PAGES)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "A scanned document has at most %u pages, not %u",
                   CAB_SCAN_MAX_PAGES, spec->n_pages);
      return FALSE;
    }

  if (!check_text (spec->title, "title", error)
      || !check_text (spec->number, "number", error)
      || !check_text (spec->supplier, "supplier", error)
      || !check_text (spec->partner_name, "partner name", error)
      || !check_text (spec->partner_address, "partner address", error)
      || !check_text (spec->inn, "INN", error)
      || !check_text (spec->kpp, "KPP", error)
      || !check_text (spec->account, "account", error)
      || !check_text (spec->contract, "contract", error)
      || !check_text (spec->total, "total", error))
    return FALSE;

  for (gsize i = 0; i < spec->n_lines; i++)
    if (!check_text (spec->lines[i].label, "line label", error)
        || !check_text (spec->lines[i].value, "line value", error))
      return FALSE;

  return TRUE;
}

GBytes *
cab_scan_render_pdf (const CabScanSpec  *spec,
                     GError            **error)
{
  g_autoptr(GByteArray) out = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *title_caps = NULL;
  g_autofree char *meta_title = NULL;
  g_autofree char *create_date = NULL;
  RenderJob job = { 0 };
  cairo_surface_t *pdf;
  cairo_t *cr;
  gboolean ok = TRUE;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (spec->n_lines == 0 || spec->lines != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_spec (spec, error))
    return NULL;

  date_text = g_strdup_printf ("%02u.%02u.%04u", g_date_get_day (spec->date),
                               (guint) g_date_get_month (spec->date),
                               (guint) g_date_get_year (spec->date));
  title_caps = g_utf8_strup (nonnull (spec->title), -1);
  meta_title = g_strdup_printf ("%s № %s от %s", nonnull (spec->title), nonnull (spec->number),
                                date_text);
  /* A fixed creation date: cairo would otherwise stamp the current time into every file. */
  create_date = g_strdup_printf ("%04u-%02u-%02uT12:00:00", (guint) g_date_get_year (spec->date),
                                 (guint) g_date_get_month (spec->date),
                                 g_date_get_day (spec->date));

  job.spec = spec;
  job.date_text = date_text;
  job.title_caps = title_caps;
  job.n_pages = MAX (spec->n_pages, 1);
  assign_lines (&job);

  out = g_byte_array_sized_new (200 * 1024);
  pdf = cairo_pdf_surface_create_for_stream (append_bytes, out, A4_W_PT, A4_H_PT);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, meta_title);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_AUTHOR, nonnull (spec->supplier));
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "TEK Cabinet");
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATE_DATE, create_date);
  cr = cairo_create (pdf);

  for (guint page = 0; ok && page < job.n_pages; page++)
    {
      cairo_surface_t *image = render_page (&job, page, error);
      cairo_pattern_t *pattern;

      if (image == NULL)
        {
          ok = FALSE;
          break;
        }

      paint_text_layer (cr, &job, page);
      cairo_save (cr);
      cairo_scale (cr, A4_W_PT / PAGE_W_PX, A4_H_PT / PAGE_H_PX);
      pattern = cairo_pattern_create_for_surface (image);
      cairo_pattern_set_filter (pattern, CAIRO_FILTER_GOOD);
      cairo_set_source (cr, pattern);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_pattern_destroy (pattern);
      cairo_show_page (cr);
      cairo_surface_destroy (image);

      ok = check_cairo (cairo_status (cr), error);
    }

  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  if (ok)
    ok = check_cairo (cairo_surface_status (pdf), error);
  cairo_surface_destroy (pdf);
  g_free (job.first_line);

  if (!ok)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
