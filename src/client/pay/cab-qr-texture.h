/* cab-qr-texture.h: a payment QR code (cab_payment_qr_payload()) drawn crisp, without widgets:
 * as a GdkTexture for the screen and onto a cairo context for the PDF act.
 *
 * The code is encoded by libqrencode in byte mode with error correction level M, and has the
 * quiet zone of 4 modules the QR specification asks for on every side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gdk/gdk.h>

G_BEGIN_DECLS

/* Modules on each side, quiet zone included. */
#define CAB_QR_QUIET_ZONE 4

/* The largest texture side, in pixels, that cab_qr_texture_new() makes. */
#define CAB_QR_MAX_PIXELS 4096

/* Modules on a side of @payload's code, quiet zone included (0 with @error set). */
guint        cab_qr_count_modules        (const char  *payload,
                                          GError     **error);

/* The code as an opaque RGB texture, each module @scale × @scale pixels of pure black or
 * white (nearest neighbour: no grey edges at any integer scale). CAB_ERROR_INVALID_VALUE for
 * an empty or non-UTF-8 @payload, one too long for any QR code, @scale 0, or a texture past
 * CAB_QR_MAX_PIXELS. */
GdkTexture  *cab_qr_texture_new          (const char  *payload,
                                          guint        scale,
                                          GError     **error);

/* Draws the code as a @size × @size square with its top left corner at @x, @y in @cr's user
 * space: a white square, the dark modules as filled rectangles (vectors in a PDF: crisp at any
 * zoom). @cr's state is restored. Errors as for cab_qr_texture_new(). */
gboolean     cab_qr_draw                 (cairo_t     *cr,
                                          const char  *payload,
                                          double       x,
                                          double       y,
                                          double       size,
                                          GError     **error);

/* Draws the code at 0, 0 as the largest square of whole pixels per module that fits @width ×
 * @height (crisp on screen at any allocation), or fills it all when even one pixel per module
 * does not fit. Draws nothing for a NULL or unencodable @payload. */
void         cab_qr_draw_fitted          (cairo_t     *cr,
                                          const char  *payload,
                                          int          width,
                                          int          height);

/* The side, in pixels, to ask for on screen: 2 to 4 whole pixels per module, no more than
 * @max_side unless 2 per module already exceed it; 0 for an unencodable @payload. */
guint        cab_qr_screen_side          (const char  *payload,
                                          guint        max_side);

G_END_DECLS
