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

G_END_DECLS
