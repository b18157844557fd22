/* cab-supplier-cache.c: the supplier's requisites kept per server for offline use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "cab-supplier-cache.h"

/* The real file is well under 2 KiB; anything much larger is not ours. */
#define MAX_FILE_SIZE (64 * 1024)

struct _CabSupplierCache
{
  GObject  parent_instance;

  char    *dir;
};

G_DEFINE_FINAL_TYPE (CabSupplierCache, cab_supplier_cache, G_TYPE_OBJECT)

typedef struct
{
  char        *server_url;
  CabSupplier *supplier;
  gboolean     saved_copy;
} FetchResult;

static void
fetch_result_free (FetchResult *result)
{
  g_free (result->server_url);
  g_clear_pointer (&result->supplier, cab_supplier_free);
  g_free (result);
}

/* The server's address hashed: any URL makes a plain, bounded file name. */
static char *
file_for (CabSupplierCache *self,
          const char       *server_url)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, server_url, -1);
  g_autofree char *name = g_strconcat (digest, ".json", NULL);

  return g_build_filename (self->dir, name, NULL);
}

CabSupplierCache *
cab_supplier_cache_new (const char *dir)
{
  CabSupplierCache *self = g_object_new (CAB_TYPE_SUPPLIER_CACHE, NULL);

  if (dir != NULL)
    self->dir = g_strdup (dir);
  else
    self->dir = g_build_filename (g_get_user_cache_dir (), "tek-cabinet", "supplier", NULL);

  return self;
}

const char *
cab_supplier_cache_get_dir (CabSupplierCache *self)
{
  g_return_val_if_fail (CAB_IS_SUPPLIER_CACHE (self), NULL);

  return self->dir;
}

CabSupplier *
cab_supplier_cache_load (CabSupplierCache  *self,
                         const char        *server_url,
                         GError           **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  GStatBuf st;

  g_return_val_if_fail (CAB_IS_SUPPLIER_CACHE (self), NULL);
  g_return_val_if_fail (server_url != NULL, NULL);

  path = file_for (self, server_url);
  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return NULL;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot read the saved supplier data: %s", g_strerror (errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > MAX_FILE_SIZE)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_MALFORMED_RESPONSE,
                           "The saved supplier data is not a small regular file");
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (length > MAX_FILE_SIZE)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_MALFORMED_RESPONSE,
                           "The saved supplier data is too large");
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, contents, (gssize) length, &local_error)
      || json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_MALFORMED_RESPONSE,
                   "The saved supplier data is damaged: %s",
                   local_error != NULL ? local_error->message : "empty");
      return NULL;
    }

  return cab_supplier_from_json (json_parser_get_root (parser), error);
}

gboolean
cab_supplier_cache_save (CabSupplierCache   *self,
                         const char         *server_url,
                         const CabSupplier  *supplier,
                         GError            **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CAB_IS_SUPPLIER_CACHE (self), FALSE);
  g_return_val_if_fail (server_url != NULL, FALSE);
  g_return_val_if_fail (supplier != NULL, FALSE);

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot create %s: %s", self->dir, g_strerror (errno));
      return FALSE;
    }

  node = cab_supplier_to_json (supplier);
  text = json_to_string (node, FALSE);
  path = file_for (self, server_url);

  return g_file_set_contents_full (path, text, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                   0600, error);
}

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CabSupplierCache *self = g_task_get_source_object (task);
  FetchResult *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autoptr(CabSupplier) supplier = NULL;
  g_autoptr(CabSupplier) saved = NULL;

  supplier = cab_api_client_get_supplier_finish (CAB_API_CLIENT (object), result, &error);
  if (supplier != NULL)
    {
      g_autoptr(GError) save_error = NULL;

      /* a full disk must not hide the address that just arrived */
      if (!cab_supplier_cache_save (self, fetch->server_url, supplier, &save_error))
        g_debug ("Supplier data not saved: %s", save_error->message);
      fetch->supplier = g_steal_pointer (&supplier);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !cab_error_is_transient (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  saved = cab_supplier_cache_load (self, fetch->server_url, &load_error);
  if (saved == NULL)
    {
      if (load_error != NULL)
        g_debug ("Saved supplier data unusable: %s", load_error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  fetch->supplier = g_steal_pointer (&saved);
  fetch->saved_copy = TRUE;
  g_task_return_boolean (task, TRUE);
}

void
cab_supplier_cache_fetch_async (CabSupplierCache    *self,
                                CabApiClient        *api,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchResult *fetch;

  g_return_if_fail (CAB_IS_SUPPLIER_CACHE (self));
  g_return_if_fail (CAB_IS_API_CLIENT (api));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_supplier_cache_fetch_async);
  fetch = g_new0 (FetchResult, 1);
  fetch->server_url = g_strdup (cab_api_client_get_base_url (api));
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_result_free);

  cab_api_client_get_supplier_async (api, cancellable, on_fetched, g_steal_pointer (&task));
}

CabSupplier *
cab_supplier_cache_fetch_finish (CabSupplierCache  *self,
                                 GAsyncResult      *result,
                                 gboolean          *out_saved_copy,
                                 GError           **error)
{
  FetchResult *fetch;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  fetch = g_task_get_task_data (G_TASK (result));
  if (out_saved_copy != NULL)
    *out_saved_copy = fetch->saved_copy;

  return g_steal_pointer (&fetch->supplier);
}

static void
cab_supplier_cache_finalize (GObject *object)
{
  CabSupplierCache *self = (CabSupplierCache *)object;

  g_free (self->dir);

  G_OBJECT_CLASS (cab_supplier_cache_parent_class)->finalize (object);
}

static void
cab_supplier_cache_class_init (CabSupplierCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cab_supplier_cache_finalize;
}

static void
cab_supplier_cache_init (CabSupplierCache *self)
{
}
