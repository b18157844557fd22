/* cab-offline-store-documents.c: the saved documents of the offline store (their files, the
 * index's entries and its main-thread mirror).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cab-offline-store-private.h"

/* --- Documents --- */

GListModel *
cab_offline_store_get_documents (CabOfflineStore *self)
{
  g_return_val_if_fail (CAB_IS_OFFLINE_STORE (self), NULL);
  return G_LIST_MODEL (self->documents);
}

CabSavedDocument *
cab_offline_store_lookup_document (CabOfflineStore *self,
                                   const char      *id)
{
  CabSavedDocument *ret = NULL;
  gint pos;

  g_return_val_if_fail (CAB_IS_OFFLINE_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->lock);
  if ((pos = cab_offline_store_find_in_index_locked (self, id)) >= 0)
    ret = g_object_ref (g_ptr_array_index (self->index, pos));
  g_mutex_unlock (&self->lock);

  return ret;
}

GFile *
cab_offline_store_get_document_file (CabOfflineStore *self,
                                     const char      *id)
{
  g_autofree char *part = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CAB_IS_OFFLINE_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  part = cab_offline_store_escape_component (id);
  name = g_strconcat (part, ".pdf", NULL);

  return g_file_new_build_filename (self->documents_dir, name, NULL);
}

static char *
document_path (CabOfflineStore *self,
               const char      *id)
{
  g_autoptr(GFile) file = cab_offline_store_get_document_file (self, id);

  return g_file_get_path (file);
}

static gpointer
ref_copy (gconstpointer src,
          gpointer      data)
{
  return g_object_ref ((gpointer)src);
}

/* Runs @thread_func with a task whose completion updates the mirror (op_mirror_done) before
 * @op->outer, the caller's task, finishes. */
static void
op_mirror_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CabOfflineStore *self = CAB_OFFLINE_STORE (object);
  Op *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GTask) outer = g_object_ref (op->outer);
  GError *error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Whatever the outcome, the index on disk may have changed. */
  if (op->dropped && op->id != NULL)
    cab_offline_store_mirror_remove (self, op->id);
  if (op->doc != NULL)
    cab_offline_store_mirror_put (self, op->doc);
  if (op->resync)
    {
      g_autoptr(GPtrArray) snapshot = NULL;

      g_mutex_lock (&self->lock);
      snapshot = g_ptr_array_copy (self->index, ref_copy, NULL);
      g_mutex_unlock (&self->lock);

      g_ptr_array_set_free_func (snapshot, g_object_unref);
      g_list_store_splice (self->documents, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->documents)),
                           snapshot->pdata, snapshot->len);
    }

  if (!ok)
    g_task_return_error (outer, error);
  else if (op->bytes != NULL && op->doc == NULL)
    g_task_return_pointer (outer, g_bytes_ref (op->bytes), (GDestroyNotify)g_bytes_unref);
  else if (op->doc != NULL)
    g_task_return_pointer (outer, g_object_ref (op->doc), g_object_unref);
  else
    g_task_return_boolean (outer, TRUE);
}

static void
op_run (CabOfflineStore    *self,
        Op                 *op,
        gpointer            source_tag,
        GTaskThreadFunc     thread_func,
        GCancellable       *cancellable,
        GAsyncReadyCallback callback,
        gpointer            user_data)
{
  g_autoptr(GTask) inner = NULL;

  op->outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->outer, source_tag);
  /* Once the disk has changed, the mirror must follow even if the caller gave up. */
  inner = g_task_new (self, NULL, op_mirror_done, NULL);
  g_task_set_task_data (inner, op, (GDestroyNotify) cab_offline_store_op_free);
  g_task_run_in_thread (inner, thread_func);
}

/* op_run() of @thread_func on the saved document @id. */
static void
op_run_on_document (CabOfflineStore    *self,
                    const char         *id,
                    gpointer            source_tag,
                    GTaskThreadFunc     thread_func,
                    GCancellable       *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer            user_data)
{
  Op *op = cab_offline_store_op_new (CAB_OFFLINE_ME, NULL, NULL, NULL);

  op->id = g_strdup (id);
  op_run (self, op, source_tag, thread_func, cancellable, callback, user_data);
}

static void
save_document_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  CabOfflineStore *self = source_object;
  Op *op = task_data;
  g_autofree char *sha256 = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CabSavedDocument) doc = NULL;
  CabSavedDocument *previous = NULL;
  GError *error = NULL;
  gsize length;
  const char *data;
  gint pos;
  gboolean existed;

  if (g_task_return_error_if_cancelled (task))
    return;

  sha256 = cab_offline_store_sha256_of_bytes (op->bytes);
  if (g_ascii_strcasecmp (sha256, op->ref->sha256) != 0)
    {
      g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                               _("The document “%s” does not match its checksum; it was not saved"),
                               op->ref->title);
      return;
    }

  data = g_bytes_get_data (op->bytes, &length);
  if (op->ref->size > 0 && (gint64)length != op->ref->size)
    {
      g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                               _("The document “%s” does not have its announced size; it was not saved"),
                               op->ref->title);
      return;
    }

  path = document_path (self, op->id);
  doc = cab_saved_document_new (op->id, op->account, op->ref->kind, op->ref->title, op->number,
                                op->has_date ? &op->date : NULL, (gint64)length, sha256, NULL);

  g_mutex_lock (&self->lock);

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!cab_offline_store_write_file (path, data != NULL ? data : "", length, &error))
    goto failed;

  pos = cab_offline_store_find_in_index_locked (self, op->id);
  if (pos >= 0)
    {
      previous = g_ptr_array_index (self->index, pos);
      self->index->pdata[pos] = g_object_ref (doc);
    }
  else
    g_ptr_array_add (self->index, g_object_ref (doc));

  if (!cab_offline_store_write_index_locked (self, &error))
    {
      /* Keep the index as it was on disk. */
      if (pos >= 0)
        {
          g_object_unref (self->index->pdata[pos]);
          self->index->pdata[pos] = previous;
        }
      else
        {
          g_ptr_array_remove_index (self->index, self->index->len - 1);
          if (!existed)
            g_unlink (path);
        }
      goto failed;
    }

  g_clear_object (&previous);
  g_mutex_unlock (&self->lock);

  op->doc = g_steal_pointer (&doc);
  g_task_return_boolean (task, TRUE);
  return;

failed:
  g_mutex_unlock (&self->lock);
  g_task_return_error (task, error);
}

void
cab_offline_store_save_document_async (CabOfflineStore      *self,
                                       const CabDocumentRef *ref,
                                       const char           *account,
                                       const char           *number,
                                       const GDate          *date,
                                       GBytes               *pdf,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  Op *op;

  g_return_if_fail (CAB_IS_OFFLINE_STORE (self));
  g_return_if_fail (ref != NULL && ref->id != NULL && ref->sha256 != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (pdf != NULL);

  op = cab_offline_store_op_new (CAB_OFFLINE_ME, account, NULL, NULL);
  op->id = g_strdup (ref->id);
  op->ref = cab_document_ref_copy (ref);
  op->number = g_strdup (number);
  if (date != NULL && g_date_valid (date))
    {
      op->has_date = TRUE;
      op->date = *date;
    }
  op->bytes = g_bytes_ref (pdf);

  op_run (self, op, cab_offline_store_save_document_async, save_document_thread,
          cancellable, callback, user_data);
}

CabSavedDocument *
cab_offline_store_save_document_finish (CabOfflineStore  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Removes the file at @path; one that is already gone is no error. */
static gboolean
remove_file (const char  *path,
             GError     **error)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot remove “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Drops @id from the index and its file; with the lock held. */
static gboolean
drop_locked (CabOfflineStore  *self,
             const char       *id,
             GError          **error)
{
  g_autofree char *path = document_path (self, id);
  gint pos = cab_offline_store_find_in_index_locked (self, id);

  if (pos < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The document is not saved on this computer"));
      return FALSE;
    }

  if (!remove_file (path, error))
    return FALSE;

  g_ptr_array_remove_index (self->index, pos);
  return cab_offline_store_write_index_locked (self, error);
}

static void
load_document_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  CabOfflineStore *self = source_object;
  Op *op = task_data;
  g_autoptr(CabSavedDocument) doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  gsize length;
  gint pos;

  path = document_path (self, op->id);

  /* Under the lock, so that a save of a newer copy cannot slip between reading the file
   * and checking it against the index. */
  g_mutex_lock (&self->lock);
  if ((pos = cab_offline_store_find_in_index_locked (self, op->id)) >= 0)
    doc = g_object_ref (g_ptr_array_index (self->index, pos));
  if (doc != NULL && g_file_get_contents (path, &contents, &length, &error))
    {
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      sha256 = cab_offline_store_sha256_of_bytes (bytes);
    }
  g_clear_error (&error);

  if (doc == NULL)
    {
      g_mutex_unlock (&self->lock);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The document is not saved on this computer"));
      return;
    }

  if (sha256 == NULL || strcmp (sha256, cab_saved_document_get_sha256 (doc)) != 0)
    {
      /* A damaged or missing copy is worse than none: forget it, so it is fetched again. */
      op->dropped = drop_locked (self, op->id, NULL);
      g_mutex_unlock (&self->lock);

      g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                               _("The saved copy of “%s” is damaged"),
                               cab_saved_document_get_title (doc));
      return;
    }

  g_mutex_unlock (&self->lock);
  op->bytes = g_steal_pointer (&bytes);
  g_task_return_boolean (task, TRUE);
}

void
cab_offline_store_load_document_async (CabOfflineStore     *self,
                                       const char          *id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CAB_IS_OFFLINE_STORE (self));
  g_return_if_fail (id != NULL);

  op_run_on_document (self, id, cab_offline_store_load_document_async, load_document_thread,
                      cancellable, callback, user_data);
}

GBytes *
cab_offline_store_load_document_finish (CabOfflineStore  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
remove_document_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  CabOfflineStore *self = source_object;
  Op *op = task_data;
  GError *error = NULL;
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = drop_locked (self, op->id, &error);
  g_mutex_unlock (&self->lock);

  op->dropped = ok;
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cab_offline_store_remove_document_async (CabOfflineStore     *self,
                                         const char          *id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (CAB_IS_OFFLINE_STORE (self));
  g_return_if_fail (id != NULL);

  op_run_on_document (self, id, cab_offline_store_remove_document_async, remove_document_thread,
                      cancellable, callback, user_data);
}

gboolean
cab_offline_store_remove_document_finish (CabOfflineStore  *self,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
remove_all_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CabOfflineStore *self = source_object;
  g_autoptr(GDir) dir = NULL;
  GError *error = NULL;
  const char *name;
  gboolean ok = TRUE;

  g_mutex_lock (&self->lock);

  /* Every file in the folder, so strays the index lost track of go too. */
  if ((dir = g_dir_open (self->documents_dir, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (self->documents_dir, name, NULL);

          /* the first failure is the one told */
          if (!remove_file (path, ok ? &error : NULL))
            ok = FALSE;
        }
    }

  for (guint i = self->index->len; i > 0; i--)
    {
      g_autofree char *path = document_path (self, cab_saved_document_get_id (self->index->pdata[i - 1]));

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        g_ptr_array_remove_index (self->index, i - 1);
    }

  if (!cab_offline_store_write_index_locked (self, ok ? &error : NULL))
    ok = FALSE;

  g_mutex_unlock (&self->lock);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cab_offline_store_remove_all_documents_async (CabOfflineStore     *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CAB_IS_OFFLINE_STORE (self));

  op = cab_offline_store_op_new (CAB_OFFLINE_ME, NULL, NULL, NULL);
  op->resync = TRUE;

  op_run (self, op, cab_offline_store_remove_all_documents_async, remove_all_thread,
          cancellable, callback, user_data);
}

gboolean
cab_offline_store_remove_all_documents_finish (CabOfflineStore  *self,
                                               GAsyncResult     *result,
                                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
