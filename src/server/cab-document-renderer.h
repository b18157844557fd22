/* cab-document-renderer.h: scanned-looking PDFs rendered on first need, off the main thread.
 *
 * Documents are stored with what the scan renderer needs (a JSON spec); the PDF bytes, their
 * size and sha256 are stored once rendered. Listings and downloads wait for the ones they need.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-store.h"

G_BEGIN_DECLS

#define CAB_TYPE_DOCUMENT_RENDERER (cab_document_renderer_get_type ())
G_DECLARE_FINAL_TYPE (CabDocumentRenderer, cab_document_renderer, CAB, DOCUMENT_RENDERER, GObject)

CabDocumentRenderer *cab_document_renderer_new          (CabStore              *store);

/* Renders every CabStoreDocument of @docs that has no sha256 yet, each once however many
 * requests wait for it, and stores the results. */
void                 cab_document_renderer_ensure_async (CabDocumentRenderer   *self,
                                                         GPtrArray             *docs,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
gboolean             cab_document_renderer_ensure_finish (CabDocumentRenderer  *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);

/* Renders the documents nobody asked for yet, one at a time, after @delay_ms. */
void                 cab_document_renderer_start_background (CabDocumentRenderer *self,
                                                         guint                  delay_ms);
void                 cab_document_renderer_stop_background (CabDocumentRenderer  *self);
/* Whether renders are running (shutdown waits for them). */
gboolean             cab_document_renderer_is_busy      (CabDocumentRenderer   *self);

/* Exposed for the benchmark generator and tests: render one spec synchronously. */
GBytes              *cab_document_render_spec           (const char            *spec_json,
                                                         GError               **error);

G_END_DECLS
