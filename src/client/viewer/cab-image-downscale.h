/* cab-image-downscale.h: shrinks a cairo image by averaging the area each new pixel covers.
 *
 * The viewer renders a scanned page a little larger than shown (where cairo's image filter is
 * cheap) and shrinks it with this box filter, on both cores for a large page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Fills @dst (CAIRO_FORMAT_ARGB32 or RGB24, any size not larger than @src's) with @src (the
 * same format) shrunk to it. Channels are averaged as stored (premultiplied). */
void cab_image_downscale (cairo_surface_t *src,
                          cairo_surface_t *dst);

G_END_DECLS
