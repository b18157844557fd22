/* cab-supplier-cache.h: the supplier's requisites and support address (GET /supplier), kept
 * on disk per server so that the recovery page and About can show them offline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-api-client.h"

G_BEGIN_DECLS

#define CAB_TYPE_SUPPLIER_CACHE (cab_supplier_cache_get_type ())
G_DECLARE_FINAL_TYPE (CabSupplierCache, cab_supplier_cache, CAB, SUPPLIER_CACHE, GObject)

/* One JSON file per server in @dir; NULL: $XDG_CACHE_HOME/tek-cabinet/supplier. */
CabSupplierCache *cab_supplier_cache_new          (const char        *dir);
const char       *cab_supplier_cache_get_dir      (CabSupplierCache  *self);

/* The copy saved for @server_url, or NULL (no error) when there is none. A damaged or
 * oversized file is CAB_ERROR_MALFORMED_RESPONSE. */
CabSupplier      *cab_supplier_cache_load         (CabSupplierCache  *self,
                                                   const char        *server_url,
                                                   GError           **error);
/* Replaces the copy for @server_url atomically (mode 0600). */
gboolean          cab_supplier_cache_save         (CabSupplierCache  *self,
                                                   const char        *server_url,
                                                   const CabSupplier *supplier,
                                                   GError           **error);

/* GET /supplier through @api and save the answer; when the server cannot answer now
 * (cab_error_is_transient()) the saved copy for @api's server, with *out_saved_copy TRUE.
 * Without a saved copy the request's error. */
void              cab_supplier_cache_fetch_async  (CabSupplierCache  *self,
                                                   CabApiClient      *api,
                                                   GCancellable      *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer           user_data);
CabSupplier      *cab_supplier_cache_fetch_finish (CabSupplierCache  *self,
                                                   GAsyncResult      *result,
                                                   gboolean          *out_saved_copy,
                                                   GError           **error);

G_END_DECLS
