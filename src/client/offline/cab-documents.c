/* cab-documents.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cab-documents"

#include "config.h"

#include <glib/gi18n.h>

#include "cab-documents.h"

struct _CabDocuments
{
  GObject          parent_instance;

  GWeakRef         session;
  CabOfflineStore *store;
};

G_DEFINE_FINAL_TYPE (CabDocuments, cab_documents, G_TYPE_OBJECT)

/* --- The file-name scheme --- */

static void
append_part (GString    *name,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;

  if (name->len > 0)
    g_string_append_c (name, '-');
  for (const char *p = part; *p != '\0'; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) || *p == '.' || *p == '_' ? *p : '_');
}

char *
cab_documents_file_name (CabDocumentKind  kind,
                         const char      *account,
                         const GDate     *date,
                         const char      *id)
{
  GString *name = g_string_new (NULL);
  g_autofree char *day = date != NULL && g_date_valid (date) ? cab_date_to_iso (date) : NULL;

  append_part (name, cab_document_kind_to_string (kind));
  append_part (name, account);
  if (day != NULL)
    {
      g_string_append_c (name, '-');
      g_string_append (name, day);
    }
  append_part (name, id);
  if (name->len == 0)
    g_string_append (name, "document");
  g_string_append (name, ".pdf");

  return g_string_free (name, FALSE);
}

char *
cab_documents_saved_file_name (CabSavedDocument *doc)
{
  g_return_val_if_fail (CAB_IS_SAVED_DOCUMENT (doc), NULL);

  return cab_documents_file_name (cab_saved_document_get_kind (doc),
                                  cab_saved_document_get_account (doc),
                                  cab_saved_document_get_date (doc),
                                  cab_saved_document_get_id (doc));
}

/* --- The object --- */

static void
cab_documents_finalize (GObject *object)
{
  CabDocuments *self = (CabDocuments *)object;

  g_weak_ref_clear (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cab_documents_parent_class)->finalize (object);
}

static void
cab_documents_class_init (CabDocumentsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cab_documents_finalize;
}

static void
cab_documents_init (CabDocuments *self)
{
  g_weak_ref_init (&self->session, NULL);
}

CabDocuments *
cab_documents_new (CabSession      *session,
                   CabOfflineStore *store)
{
  CabDocuments *self;

  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);
  g_return_val_if_fail (store == NULL || CAB_IS_OFFLINE_STORE (store), NULL);

  self = g_object_new (CAB_TYPE_DOCUMENTS, NULL);
  g_weak_ref_set (&self->session, session);
  g_set_object (&self->store, store);

  return self;
}

CabOfflineStore *
cab_documents_get_store (CabDocuments *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENTS (self), NULL);
  return self->store;
}

GListModel *
cab_documents_get_saved (CabDocuments *self)
{
  g_return_val_if_fail (CAB_IS_DOCUMENTS (self), NULL);
  return self->store != NULL ? cab_offline_store_get_documents (self->store) : NULL;
}

CabSavedDocument *
cab_documents_lookup_saved (CabDocuments *self,
                            const char   *id)
{
  g_return_val_if_fail (CAB_IS_DOCUMENTS (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return self->store != NULL ? cab_offline_store_lookup_document (self->store, id) : NULL;
}

GFile *
cab_documents_get_file (CabDocuments *self,
                        const char   *id)
{
  g_return_val_if_fail (CAB_IS_DOCUMENTS (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return self->store != NULL ? cab_offline_store_get_document_file (self->store, id) : NULL;
}

/* --- One document: from the store, else from the server and into the store --- */

typedef struct
{
  CabDocumentRef *ref;
  char           *account;
  char           *number;
  GDate           date;
  gboolean        read;        /* open (the bytes are wanted) rather than download */
  gboolean        fetched;     /* download: a new copy was saved */
  gboolean        saving;      /* the failure, if any, is the save's */
  GBytes         *pdf;         /* open: downloaded, while it is being saved */
  GError         *save_error;  /* open: the copy could not be kept */
} Op;

static void
op_free (Op *op)
{
  g_clear_pointer (&op->ref, cab_document_ref_free);
  g_free (op->account);
  g_free (op->number);
  g_clear_pointer (&op->pdf, g_bytes_unref);
  g_clear_error (&op->save_error);
  g_free (op);
}

static void
return_not_saved (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("This document has not been saved on this computer; it can be opened once the server is reachable again."));
}

static void
return_done (GTask  *task,
             GBytes *pdf)
{
  Op *op = g_task_get_task_data (task);

  if (op->read)
    g_task_return_pointer (task, g_bytes_ref (pdf), (GDestroyNotify)g_bytes_unref);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(CabSavedDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = cab_offline_store_save_document_finish (CAB_OFFLINE_STORE (object), result, &error);
  if (doc == NULL)
    {
      if (!op->read)
        {
          op->saving = TRUE;
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* What was read is still shown; the caller tells it could not be kept. */
      op->save_error = g_steal_pointer (&error);
    }

  op->fetched = TRUE;
  return_done (task, op->pdf);
}

static void
on_loaded_after_download (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) pdf = NULL;
  GError *error = NULL;

  pdf = cab_offline_store_load_document_finish (CAB_OFFLINE_STORE (object), result, &error);
  if (pdf == NULL)
    g_task_return_error (task, error);
  else
    return_done (task, pdf);
}

static void
on_downloaded (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CabDocuments *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GBytes) pdf = NULL;
  GError *error = NULL;
  gboolean not_modified = FALSE;

  pdf = cab_api_client_download_document_finish (CAB_API_CLIENT (object), result, &not_modified,
                                                 &error);
  if (pdf == NULL && !not_modified)
    {
      g_task_return_error (task, error);
      return;
    }

  if (not_modified)
    {
      /* Our copy is current after all. */
      if (!op->read)
        g_task_return_boolean (task, TRUE);
      else
        cab_offline_store_load_document_async (self->store, op->ref->id,
                                               g_task_get_cancellable (task),
                                               on_loaded_after_download, g_object_ref (task));
      return;
    }

  /* Kept only with the account it belongs to: the store lists documents by account. */
  if (self->store == NULL || op->account == NULL)
    {
      return_done (task, pdf);
      return;
    }

  op->pdf = g_bytes_ref (pdf);
  /* Not cancellable: a copy that arrived is kept even if nobody waits for it any more. */
  cab_offline_store_save_document_async (self->store, op->ref, op->account, op->number,
                                         g_date_valid (&op->date) ? &op->date : NULL, pdf,
                                         NULL, on_saved, g_object_ref (task));
}

static void
download (GTask      *task,
          const char *etag)
{
  CabDocuments *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(CabSession) session = g_weak_ref_get (&self->session);

  if (session == NULL || cab_session_get_offline (session))
    {
      return_not_saved (task);
      return;
    }

  cab_api_client_download_document_async (cab_session_get_api (session), op->ref->id, etag,
                                          g_task_get_cancellable (task), on_downloaded,
                                          g_object_ref (task));
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) pdf = NULL;

  pdf = cab_offline_store_load_document_finish (CAB_OFFLINE_STORE (object), result, NULL);
  if (pdf != NULL)
    {
      return_done (task, pdf);
      return;
    }

  /* Not saved, or the copy was damaged (and dropped): fetch it, if the server is there. */
  download (task, NULL);
}

static GTask *
op_task_new (CabDocuments         *self,
             const CabDocumentRef *ref,
             const char           *account,
             const char           *number,
             const GDate          *date,
             gboolean              read,
             GCancellable         *cancellable,
             GAsyncReadyCallback   callback,
             gpointer              user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  op->ref = cab_document_ref_copy (ref);
  op->account = g_strdup (account);
  op->number = g_strdup (number);
  g_date_clear (&op->date, 1);
  if (date != NULL && g_date_valid (date))
    op->date = *date;
  op->read = read;
  g_task_set_task_data (task, op, (GDestroyNotify)op_free);

  return task;
}

static void
start (GTask *task)
{
  CabDocuments *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(CabSavedDocument) saved = cab_documents_lookup_saved (self, op->ref->id);

  /* The listed checksum is the ETag: same checksum, same file, nothing to fetch. */
  if (saved != NULL && g_strcmp0 (cab_saved_document_get_sha256 (saved), op->ref->sha256) == 0)
    {
      if (op->read)
        cab_offline_store_load_document_async (self->store, op->ref->id,
                                               g_task_get_cancellable (task), on_loaded,
                                               g_object_ref (task));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  download (task, saved != NULL ? cab_saved_document_get_sha256 (saved) : NULL);
}

void
cab_documents_open_async (CabDocuments         *self,
                          const CabDocumentRef *ref,
                          const char           *account,
                          const char           *number,
                          const GDate          *date,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CAB_IS_DOCUMENTS (self));
  g_return_if_fail (ref != NULL && ref->id != NULL);

  task = op_task_new (self, ref, account, number, date, TRUE, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_documents_open_async);
  start (task);
}

GBytes *
cab_documents_open_finish (CabDocuments  *self,
                           GAsyncResult  *result,
                           GError       **out_save_error,
                           GError       **error)
{
  Op *op;

  g_return_val_if_fail (CAB_IS_DOCUMENTS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  op = g_task_get_task_data (G_TASK (result));
  if (out_save_error != NULL && op->save_error != NULL)
    *out_save_error = g_error_copy (op->save_error);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cab_documents_download_async (CabDocuments         *self,
                              const CabDocumentRef *ref,
                              const char           *account,
                              const char           *number,
                              const GDate          *date,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CAB_IS_DOCUMENTS (self));
  g_return_if_fail (ref != NULL && ref->id != NULL);
  g_return_if_fail (account != NULL);

  task = op_task_new (self, ref, account, number, date, FALSE, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_documents_download_async);
  if (self->store == NULL)
    {
      g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_FAILED,
                               "There is no offline store to download into");
      return;
    }
  start (task);
}

gboolean
cab_documents_download_finish (CabDocuments  *self,
                               GAsyncResult  *result,
                               gboolean      *out_fetched,
                               gboolean      *out_saving,
                               GError       **error)
{
  Op *op;

  g_return_val_if_fail (CAB_IS_DOCUMENTS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  op = g_task_get_task_data (G_TASK (result));
  if (out_fetched != NULL)
    *out_fetched = op->fetched;
  if (out_saving != NULL)
    *out_saving = op->saving;

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_saved_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GBytes *pdf;
  GError *error = NULL;

  pdf = cab_offline_store_load_document_finish (CAB_OFFLINE_STORE (object), result, &error);
  if (pdf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pdf, (GDestroyNotify)g_bytes_unref);
}

void
cab_documents_open_saved_async (CabDocuments        *self,
                                const char          *id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CAB_IS_DOCUMENTS (self));
  g_return_if_fail (id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_documents_open_saved_async);
  if (self->store == NULL)
    {
      return_not_saved (task);
      return;
    }
  cab_offline_store_load_document_async (self->store, id, cancellable, on_saved_loaded,
                                         g_steal_pointer (&task));
}

GBytes *
cab_documents_open_saved_finish (CabDocuments  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CAB_IS_DOCUMENTS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
