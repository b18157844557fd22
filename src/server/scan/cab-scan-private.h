/* cab-scan-private.h: what the scan renderer's files share: the page's geometry, the toner,
 * the text helpers, and the marks of a scan (cab-scan-paper.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "cab-scan-renderer.h"

G_BEGIN_DECLS

#define DPI           150.0
#define PX_PER_MM     (DPI / 25.4)
#define PX_PER_PT     (DPI / 72.0)
#define MM(v)         ((v) * PX_PER_MM)
#define PT(v)         ((v) * PX_PER_PT)

#define PAGE_W_PX     1240
#define PAGE_H_PX     1754
#define A4_W_PT       595.276
#define A4_H_PT       841.89

#define FONT_FAMILY   "DejaVu Sans"

/* Grey of the toner: scanned black is never quite black. */
#define INK           0.14

static inline double
rand_range (GRand  *rand,
            double  lo,
            double  hi)
{
  return g_rand_double_range (rand, lo, hi);
}

static inline void
set_font (cairo_t *cr,
          gboolean bold,
          double   size_px)
{
  cairo_select_font_face (cr, FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size_px);
}

static inline double
text_width (cairo_t    *cr,
            const char *text)
{
  cairo_text_extents_t ext;

  cairo_text_extents (cr, text, &ext);
  return ext.x_advance;
}

/* cab-scan-paper.c: the sheet and what a scanner and a hand leave on it. */

void cab_scan_paint_paper (cairo_surface_t *surface,
                           GRand           *rand);
void cab_scan_paint_specks (cairo_t *cr,
                            GRand   *rand);
void cab_scan_paint_folds (cairo_t *cr,
                           GRand   *rand);
void cab_scan_paint_bed (cairo_t *cr,
                         double   angle,
                         double   dx,
                         double   dy);
void cab_scan_paint_signature (cairo_t *cr,
                               GRand   *rand,
                               gboolean colour,
                               double   x,
                               double   y,
                               double   w);
void cab_scan_paint_stamp (cairo_t    *cr,
                           GRand      *rand,
                           gboolean    colour,
                           const char *supplier,
                           double      cx,
                           double      cy);

G_END_DECLS
