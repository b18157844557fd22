/* cab-scan-paper.c: what makes a rendered page look scanned: the paper's tone, specks and
 * folds, the sheet skewed on the scanner bed, hand signatures and the supplier's stamp. Every
 * random choice comes from the caller's GRand, so a spec still gives the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cab-scan-private.h"

/* The paper: a base grey with a slow, smooth tone variation (bilinear over a coarse random
 * grid) and a faint gradient across the sheet, in whole grey levels. The tone is computed on a
 * 4 x 4 pixel lattice (it is far smoother than that): cheap, and the repeated rows and long runs
 * are what deflate compresses best. */
void
cab_scan_paint_paper (cairo_surface_t *surface,
                      GRand           *rand)
{
  enum { CELL = 160, STEP = 4 };
  const int gw = PAGE_W_PX / CELL + 2;
  const int gh = PAGE_H_PX / CELL + 2;
  g_autofree double *grid = g_new (double, gw * gh);
  g_autofree double *row = g_new (double, gw);
  unsigned char *data;
  int stride;
  double base = rand_range (rand, 248.0, 251.5);
  double amp = rand_range (rand, 1.5, 3.0);
  double gx = rand_range (rand, -3.0, 3.0) / PAGE_W_PX;
  double gy = rand_range (rand, -3.0, 3.0) / PAGE_H_PX;

  for (int i = 0; i < gw * gh; i++)
    grid[i] = rand_range (rand, -1.0, 1.0);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < PAGE_H_PX; y++)
    {
      guint32 *px = (guint32 *) (gpointer) (data + (gsize) y * stride);
      int cy = y / CELL;
      double fy = (double) (y % CELL) / CELL;

      if (y % STEP != 0)
        {
          memcpy (px, data + (gsize) (y - 1) * stride, PAGE_W_PX * 4);
          continue;
        }

      for (int i = 0; i < gw; i++)
        row[i] = grid[cy * gw + i] * (1 - fy) + grid[(cy + 1) * gw + i] * fy;

      for (int x = 0; x < PAGE_W_PX; x += STEP)
        {
          int cx = x / CELL;
          double fx = (double) (x % CELL) / CELL;
          double t = row[cx] * (1 - fx) + row[cx + 1] * fx;
          double v = base + amp * t + gx * (x - PAGE_W_PX / 2) + gy * (y - PAGE_H_PX / 2);
          guint32 g = (guint32) CLAMP ((int) (v + 0.5), 0, 255);
          guint32 value = 0xff000000u | (g << 16) | (g << 8) | g;

          for (int k = x; k < MIN (x + STEP, PAGE_W_PX); k++)
            px[k] = value;
        }
    }

  cairo_surface_mark_dirty (surface);
}

/* Dust and toner specks, and now and then a short hair: sparse, so they cost little. */
void
cab_scan_paint_specks (cairo_t *cr,
                       GRand   *rand)
{
  int n = g_rand_int_range (rand, 120, 320);
  int hairs = g_rand_int_range (rand, 0, 3);

  for (int i = 0; i < n; i++)
    {
      double x = rand_range (rand, 0, PAGE_W_PX);
      double y = rand_range (rand, 0, PAGE_H_PX);
      double r = rand_range (rand, 0.4, 1.3);
      double g = rand_range (rand, 0.25, 0.75);

      /* A few bigger blots. */
      if (g_rand_int_range (rand, 0, 40) == 0)
        r *= 2.2;

      cairo_set_source_rgba (cr, g, g, g, rand_range (rand, 0.5, 0.9));
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  for (int i = 0; i < hairs; i++)
    {
      double x = rand_range (rand, 0, PAGE_W_PX);
      double y = rand_range (rand, 0, PAGE_H_PX);
      double a = rand_range (rand, 0, 2 * G_PI);
      double len = rand_range (rand, 20, 70);

      cairo_set_source_rgba (cr, 0.45, 0.45, 0.45, 0.6);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, x, y);
      cairo_curve_to (cr,
                      x + cos (a) * len / 3 + rand_range (rand, -8, 8),
                      y + sin (a) * len / 3 + rand_range (rand, -8, 8),
                      x + cos (a) * len * 2 / 3 + rand_range (rand, -8, 8),
                      y + sin (a) * len * 2 / 3 + rand_range (rand, -8, 8),
                      x + cos (a) * len, y + sin (a) * len);
      cairo_stroke (cr);
    }
}

/* Half of the sheets were folded in three for the envelope: a faint crease with a shadow.
 * Across whole rows, so it costs deflate almost nothing. */
void
cab_scan_paint_folds (cairo_t *cr,
                      GRand   *rand)
{
  if (!g_rand_boolean (rand))
    return;

  for (int i = 1; i <= 2; i++)
    {
      double y = PAGE_H_PX * i / 3.0 + rand_range (rand, -MM (3), MM (3));
      cairo_pattern_t *crease = cairo_pattern_create_linear (0, y - 8, 0, y + 14);

      cairo_pattern_add_color_stop_rgba (crease, 0.00, 0, 0, 0, 0.0);
      cairo_pattern_add_color_stop_rgba (crease, 0.30, 0, 0, 0, 0.03);
      cairo_pattern_add_color_stop_rgba (crease, 0.36, 0, 0, 0, 0.08);
      cairo_pattern_add_color_stop_rgba (crease, 0.42, 1, 1, 1, 0.4);
      cairo_pattern_add_color_stop_rgba (crease, 0.60, 0, 0, 0, 0.03);
      cairo_pattern_add_color_stop_rgba (crease, 1.00, 0, 0, 0, 0.0);
      cairo_set_source (cr, crease);
      cairo_rectangle (cr, 0, y - 8, PAGE_W_PX, 22);
      cairo_fill (cr);
      cairo_pattern_destroy (crease);
    }
}

/* The scanner lid shows where the skewed sheet does not cover the glass. */
void
cab_scan_paint_bed (cairo_t *cr,
                    double   angle,
                    double   dx,
                    double   dy)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, 0, 0, PAGE_W_PX, PAGE_H_PX);
  cairo_translate (cr, PAGE_W_PX / 2.0 + dx, PAGE_H_PX / 2.0 + dy);
  cairo_rotate (cr, angle);
  cairo_rectangle (cr, -PAGE_W_PX / 2.0, -PAGE_H_PX / 2.0, PAGE_W_PX, PAGE_H_PX);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_source_rgb (cr, 0.78, 0.78, 0.78);
  cairo_fill_preserve (cr);
  /* The sheet's edge casts a thin shadow. */
  cairo_new_path (cr);
  cairo_rectangle (cr, -PAGE_W_PX / 2.0, -PAGE_H_PX / 2.0, PAGE_W_PX, PAGE_H_PX);
  cairo_set_source_rgba (cr, 0.35, 0.35, 0.35, 0.6);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* A scribbled signature: a tall opening loop, a run of shrinking slanted waves and a
 * flourish sweeping back under them. */
void
cab_scan_paint_signature (cairo_t *cr,
                          GRand   *rand,
                          gboolean colour,
                          double   x,
                          double   y,
                          double   w)
{
  cairo_matrix_t slant;
  double h0 = rand_range (rand, 34, 50);
  double px = 12;
  int waves = g_rand_int_range (rand, 4, 8);

  cairo_save (cr);
  cairo_new_path (cr);
  if (colour)
    cairo_set_source_rgb (cr, 0.10, 0.16, 0.48);
  else
    cairo_set_source_rgb (cr, INK + 0.04, INK + 0.04, INK + 0.04);
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_translate (cr, x, y);
  cairo_matrix_init (&slant, 1, 0, -rand_range (rand, 0.2, 0.45), 1, 0, 0);
  cairo_transform (cr, &slant);

  cairo_move_to (cr, 0, 4);
  cairo_curve_to (cr, -8, -h0 * 0.4, 8, -h0, 14, -h0 * 0.85);
  cairo_curve_to (cr, 20, -h0 * 0.6, 2, -6, 9, 1);
  for (int i = 0; i < waves; i++)
    {
      double dx = rand_range (rand, 9, 20) * w / MM (28);
      double hh = rand_range (rand, 10, 26) * (1 - i / (waves * 1.8));

      /* Now and then a tall letter in the middle of the name. */
      if (i == waves / 2 && g_rand_boolean (rand))
        hh = h0 * rand_range (rand, 0.6, 0.9);
      cairo_curve_to (cr, px + dx * 0.1, -hh, px + dx * 0.9, -hh, px + dx,
                      rand_range (rand, -2, 3));
      px += dx;
    }
  if (g_rand_boolean (rand))
    cairo_curve_to (cr, px + 18, 10, px - w * 0.4, 16, px + w * rand_range (rand, 0.15, 0.35),
                    -rand_range (rand, 6, 16));
  else
    cairo_curve_to (cr, px + 10, 6, px + 25, 2, px + w * rand_range (rand, 0.3, 0.5),
                    -rand_range (rand, 10, 24));
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Text along a circle, centred at the top, one character at a time (the toy API has no
 * glyph-level layout, but one character per cairo_show_text() is enough for a stamp). */
static void
show_on_circle (cairo_t    *cr,
                const char *text,
                double      cx,
                double      cy,
                double      radius)
{
  glong n = g_utf8_strlen (text, -1);
  g_autofree double *adv = g_new0 (double, MAX (n, 1));
  double total = 0;
  double angle;
  const char *p = text;

  for (glong i = 0; i < n; i++, p = g_utf8_next_char (p))
    {
      char ch[8] = { 0 };

      memcpy (ch, p, g_utf8_next_char (p) - p);
      adv[i] = text_width (cr, ch);
      total += adv[i];
    }

  /* Spread the text around the full ring with a little gap at the bottom. */
  {
    double spacing = (2 * G_PI * radius * 0.94 - total) / MAX (n, 1);

    if (spacing < 0)
      spacing = 0;
    angle = -G_PI / 2 - (total + spacing * n) / radius / 2;
    p = text;
    for (glong i = 0; i < n; i++, p = g_utf8_next_char (p))
      {
        char ch[8] = { 0 };
        double mid = angle + (adv[i] / 2) / radius;

        memcpy (ch, p, g_utf8_next_char (p) - p);
        cairo_save (cr);
        cairo_translate (cr, cx + radius * cos (mid), cy + radius * sin (mid));
        cairo_rotate (cr, mid + G_PI / 2);
        cairo_move_to (cr, -adv[i] / 2, 0);
        cairo_show_text (cr, ch);
        cairo_restore (cr);
        angle += (adv[i] + spacing) / radius;
      }
  }
}

/* A faint blue round stamp: double ring, the supplier around it, a word in the middle. */
void
cab_scan_paint_stamp (cairo_t    *cr,
                      GRand      *rand,
                      gboolean    colour,
                      const char *supplier,
                      double      cx,
                      double      cy)
{
  double r = MM (19);
  g_autofree char *ring = g_utf8_strup (supplier, -1);
  g_autofree char *ring_text = g_strconcat (ring, " * ", NULL);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_translate (cr, cx, cy);
  cairo_rotate (cr, rand_range (rand, -0.5, 0.5));
  cairo_translate (cr, -cx, -cy);

  /* An uneven stamp pad: lighter on one side. */
  {
    cairo_pattern_t *ink = cairo_pattern_create_linear (cx - r, cy - r, cx + r, cy + r);

    if (colour)
      {
        cairo_pattern_add_color_stop_rgba (ink, 0, 0.18, 0.27, 0.70, 0.70);
        cairo_pattern_add_color_stop_rgba (ink, 1, 0.18, 0.27, 0.70, 0.40);
      }
    else
      {
        cairo_pattern_add_color_stop_rgba (ink, 0, 0.30, 0.30, 0.30, 0.65);
        cairo_pattern_add_color_stop_rgba (ink, 1, 0.30, 0.30, 0.30, 0.35);
      }
    cairo_set_source (cr, ink);
    cairo_pattern_destroy (ink);
  }

  cairo_set_line_width (cr, 3.0);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 1.6);
  cairo_arc (cr, cx, cy, r - MM (1.2), 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_arc (cr, cx, cy, r * 0.58, 0, 2 * G_PI);
  cairo_stroke (cr);

  {
    double size = PT (6.5);

    set_font (cr, TRUE, size);
    while (size > PT (4) && text_width (cr, ring_text) > 2 * G_PI * (r - MM (4.5)) * 0.94)
      {
        size *= 0.92;
        set_font (cr, TRUE, size);
      }
  }
  show_on_circle (cr, ring_text, cx, cy, r - MM (4.5));

  set_font (cr, TRUE, PT (7));
  {
    double w = text_width (cr, "Для");

    cairo_move_to (cr, cx - w / 2, cy - PT (1.5));
    cairo_show_text (cr, "Для");
    w = text_width (cr, "документов");
    if (w > r * 1.05)
      set_font (cr, TRUE, PT (7) * r * 1.05 / w);
    w = text_width (cr, "документов");
    cairo_move_to (cr, cx - w / 2, cy + PT (7));
    cairo_show_text (cr, "документов");
  }
  cairo_restore (cr);
}
