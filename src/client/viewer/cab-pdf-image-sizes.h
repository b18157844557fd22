/* cab-pdf-image-sizes.h: the pixel sizes of the images a PDF holds, read from its bytes.
 *
 * Not a PDF parser: an image XObject is a stream, and streams are never inside object streams,
 * so its dictionary ("/Subtype /Image", "/Width", "/Height") is written in the clear. The
 * viewer uses these sizes only to choose the scale it renders a scanned page at; a wrong or
 * missing size costs speed, never correctness. The bytes are hostile: the scan is bounded in
 * the dictionaries it looks at, in how far around each it reads and in what it returns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint width;
  guint height;
} CabPdfImageSize;

/* A side larger than this is not believed (a scan at 1200 dpi of an A0 sheet is ~40000). */
#define CAB_PDF_IMAGE_SIDE_MAX 100000
/* How many "/Subtype /Image" dictionaries are looked at, at most. */
#define CAB_PDF_IMAGE_DICTS_MAX 20000

/* The distinct sizes (CabPdfImageSize) of the image dictionaries found in @data, at most
 * @max_sizes of them, in the order first seen. Never NULL. */
GArray *cab_pdf_find_image_sizes (const guint8 *data,
                                  gsize         len,
                                  guint         max_sizes);

G_END_DECLS
