/* cab-pdf-document.h: a loaded PDF whose Poppler calls are serialised by one lock.
 *
 * Poppler documents are not thread-safe, so every call into Poppler for this document goes
 * through this object and holds its mutex; the page renderer's worker threads and the print
 * operation share one CabPdfDocument safely.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CAB_TYPE_PDF_DOCUMENT (cab_pdf_document_get_type ())
G_DECLARE_FINAL_TYPE (CabPdfDocument, cab_pdf_document, CAB, PDF_DOCUMENT, GObject)

/* Parses @bytes in a worker thread. Errors are in POPPLER_ERROR with a message for people:
 * POPPLER_ERROR_ENCRYPTED for a password-protected file, POPPLER_ERROR_DAMAGED for an empty,
 * truncated, corrupted or non-PDF file. */
void            cab_pdf_document_load_async         (GBytes               *bytes,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
CabPdfDocument *cab_pdf_document_load_finish        (GAsyncResult         *result,
                                                     GError              **error);
/* The same, blocking (for benchmarks and worker threads). */
CabPdfDocument *cab_pdf_document_load               (GBytes               *bytes,
                                                     GError              **error);

GBytes         *cab_pdf_document_get_bytes          (CabPdfDocument       *self);
guint           cab_pdf_document_get_n_pages        (CabPdfDocument       *self);
/* The page's size in PDF points, before any rotation (read once at load: no lock needed). */
void            cab_pdf_document_get_page_size      (CabPdfDocument       *self,
                                                     guint                 page,
                                                     double               *width,
                                                     double               *height);

/* Renders @page at @scale pixels per point, rotated clockwise by @rotation degrees (0, 90,
 * 180, 270), on white. Thread-safe; blocks while another thread renders this document.
 * Returns NULL with G_IO_ERROR_CANCELLED if @cancellable fired before rendering started. */
GdkTexture     *cab_pdf_document_render_page        (CabPdfDocument       *self,
                                                     guint                 page,
                                                     double                scale,
                                                     guint                 rotation,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
/* Whether a scanned page shown much smaller than its image is rendered larger and shrunk with
 * a box filter (cab-image-downscale.h), which is quicker than cairo's filter; on by default,
 * off to compare with Poppler's own rendering. */
void            cab_pdf_document_set_scan_path      (CabPdfDocument       *self,
                                                     gboolean              enabled);
/* Pages rendered that way so far (tests and benchmarks). */
guint           cab_pdf_document_get_n_scan_renders (CabPdfDocument       *self);
/* Draws @page on @cr with poppler_page_render_for_printing, in points. Thread-safe. */
void            cab_pdf_document_render_for_printing (CabPdfDocument      *self,
                                                      guint                page,
                                                      cairo_t             *cr);

G_END_DECLS
