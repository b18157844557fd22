/* cab-qr-texture.c: see cab-qr-texture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <qrencode.h>

#include "cab-error.h"
#include "cab-qr-texture.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QRcode, QRcode_free)

static QRcode *
encode (const char  *payload,
        GError     **error)
{
  QRcode *code;
  gsize len;

  if (payload == NULL || *payload == '\0' || !g_utf8_validate (payload, -1, NULL))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                           "A QR code needs a non-empty UTF-8 text");
      return NULL;
    }
  len = strlen (payload);
  if (len > G_MAXINT)
    len = G_MAXINT;

  /* Byte mode for the whole text: UTF-8 as it is, version chosen to fit (0 = smallest). */
  errno = 0;
  code = QRcode_encodeData ((int) len, (const unsigned char *) payload, 0, QR_ECLEVEL_M);
  if (code == NULL)
    {
      int saved = errno;

      g_set_error (error, CAB_ERROR, saved == ERANGE ? CAB_ERROR_INVALID_VALUE : CAB_ERROR_FAILED,
                   saved == ERANGE ? "The text is too long for a QR code"
                                   : "Could not encode the QR code: %s", g_strerror (saved));
      return NULL;
    }
  return code;
}

/* Whether module (@col, @row) of the code with its quiet zone is dark. */
static gboolean
is_dark (const QRcode *code,
         int           col,
         int           row)
{
  col -= CAB_QR_QUIET_ZONE;
  row -= CAB_QR_QUIET_ZONE;
  if (col < 0 || row < 0 || col >= code->width || row >= code->width)
    return FALSE;
  /* libqrencode: bit 0 of each byte is the module's colour, the rest is its own bookkeeping. */
  return (code->data[row * code->width + col] & 1) != 0;
}

guint
cab_qr_count_modules (const char  *payload,
                      GError     **error)
{
  g_autoptr(QRcode) code = encode (payload, error);

  return code == NULL ? 0 : (guint) code->width + 2 * CAB_QR_QUIET_ZONE;
}

GdkTexture *
cab_qr_texture_new (const char  *payload,
                    guint        scale,
                    GError     **error)
{
  g_autoptr(QRcode) code = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint modules, side;
  gsize stride;
  guint8 *pixels;

  if (scale == 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "The scale must be 1 or more");
      return NULL;
    }
  if (!(code = encode (payload, error)))
    return NULL;

  modules = (guint) code->width + 2 * CAB_QR_QUIET_ZONE;
  if (scale > CAB_QR_MAX_PIXELS / modules)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "A QR code of %u modules at scale %u is larger than %u pixels",
                   modules, scale, CAB_QR_MAX_PIXELS);
      return NULL;
    }
  side = modules * scale;
  stride = (gsize) side * 3;
  pixels = g_malloc (stride * side);

  for (guint row = 0; row < modules; row++)
    {
      guint8 *line = pixels + (gsize) row * scale * stride;

      for (guint col = 0; col < modules; col++)
        memset (line + (gsize) col * scale * 3, is_dark (code, (int) col, (int) row) ? 0x00 : 0xFF,
                (gsize) scale * 3);
      /* The other pixel rows of this module row are copies of the first. */
      for (guint copy = 1; copy < scale; copy++)
        memcpy (line + copy * stride, line, stride);
    }

  bytes = g_bytes_new_take (pixels, stride * side);
  return gdk_memory_texture_new ((int) side, (int) side, GDK_MEMORY_R8G8B8, bytes, stride);
}

gboolean
cab_qr_draw (cairo_t     *cr,
             const char  *payload,
             double       x,
             double       y,
             double       size,
             GError     **error)
{
  g_autoptr(QRcode) code = NULL;
  int modules;
  double module;

  g_return_val_if_fail (cr != NULL, FALSE);

  if (!(size > 0))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "The size must be positive");
      return FALSE;
    }
  if (!(code = encode (payload, error)))
    return FALSE;

  modules = code->width + 2 * CAB_QR_QUIET_ZONE;
  module = size / modules;

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);

  /* One rectangle per run of dark modules in a row: fewer seams in viewers that anti-alias. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < modules; row++)
    {
      int col = 0;

      while (col < modules)
        {
          int start;

          if (!is_dark (code, col, row))
            {
              col++;
              continue;
            }
          start = col;
          while (col < modules && is_dark (code, col, row))
            col++;
          cairo_rectangle (cr, x + start * module, y + row * module, (col - start) * module,
                           module);
        }
    }
  cairo_fill (cr);
  cairo_restore (cr);

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_FAILED, "Could not draw the QR code: %s",
                   cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  return TRUE;
}

void
cab_qr_draw_fitted (cairo_t    *cr,
                    const char *payload,
                    int         width,
                    int         height)
{
  int side = MIN (width, height);
  guint modules;
  int size;

  if (payload == NULL || side <= 0 || (modules = cab_qr_count_modules (payload, NULL)) == 0)
    return;
  size = (side / (int) modules) * (int) modules;
  cab_qr_draw (cr, payload, 0, 0, size > 0 ? size : side, NULL);
}

guint
cab_qr_screen_side (const char *payload,
                    guint       max_side)
{
  guint modules = payload != NULL ? cab_qr_count_modules (payload, NULL) : 0;

  if (modules == 0)
    return 0;
  return modules * CLAMP (max_side / modules, 2, 4);
}
