/* viewer-test-pdf.h: PDFs made with cairo for the viewer's tests and benchmarks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @n_pages A4 pages. With @scan_dpi 0, vector pages ("Page N" and ruled lines); otherwise each
 * page is one greyish JPEG of A4 at @scan_dpi with noise and dark "text" bars, like a scan. */
GBytes *viewer_test_make_pdf (guint n_pages,
                              guint scan_dpi);

typedef enum
{
  VIEWER_TEST_SCAN_JPEG   = 1 << 0,  /* the scan as a JPEG (DCTDecode), else Flate grey */
  VIEWER_TEST_SCAN_STAMP  = 1 << 1,  /* a red vector stamp and black text drawn on the scan */
  VIEWER_TEST_SCAN_MARGIN = 1 << 2,  /* the scan placed with a 5 % margin (still the page's one
                                      * image, most of it) */
  VIEWER_TEST_SCAN_TWO    = 1 << 3,  /* two images side by side: not a scan page */
} ViewerTestScanFlags;

/* One A4 page whose content is a scan at @dpi (its image @dpi * 8.27 x @dpi * 11.69 pixels),
 * as @flags say. */
GBytes *viewer_test_make_scan_pdf (guint               dpi,
                                   ViewerTestScanFlags flags);

G_END_DECLS
