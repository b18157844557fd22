/* cab-account-state-page-documents.c: opening a document of the act or the bills, and Download All
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-account-state-page-internal.h"
#include "cab-error-text.h"
#ifdef HAVE_VIEWER
# include "viewer/cab-document-viewer.h"
#endif

/* --- Documents --- */

/* One document to open or download, with what the store's index keeps about it. */
typedef struct
{
  CabAccountStatePage *self;
  CabDocumentRef      *ref;
  char                *account;
  char                *number;
  GDate                date;
  GtkWidget           *viewer;   /* CabDocumentViewer, or NULL */
} DocumentOp;

static void
document_op_free (DocumentOp *op)
{
  g_clear_object (&op->self);
  g_clear_pointer (&op->ref, cab_document_ref_free);
  g_free (op->account);
  g_free (op->number);
  g_clear_object (&op->viewer);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DocumentOp, document_op_free)

static DocumentOp *
document_op_new (CabAccountStatePage  *self,
                 const CabDocumentRef *ref,
                 CabStatementRowItem  *item)
{
  DocumentOp *op = g_new0 (DocumentOp, 1);
  const GDate *date = item != NULL ? cab_statement_row_item_get_date (item) : NULL;

  op->self = g_object_ref (self);
  op->ref = cab_document_ref_copy (ref);
  op->account = g_strdup (cab_account_state_page_account (self));
  op->number = item != NULL ? g_strdup (cab_statement_row_item_get_number (item)) : NULL;
  g_date_clear (&op->date, 1);
  if (date != NULL)
    op->date = *date;

  return op;
}

#ifdef HAVE_VIEWER
static char *
suggested_file_name (DocumentOp *op)
{
  g_autofree char *kind = g_strdup (cab_document_kind_to_string (op->ref->kind));
  g_autofree char *date = g_date_valid (&op->date) ? cab_date_to_iso (&op->date) : NULL;

  return g_strdup_printf ("%s-%s%s%s.pdf", kind, op->account != NULL ? op->account : "",
                          date != NULL ? "-" : "", date != NULL ? date : "");
}
#endif

static void
document_failed (DocumentOp *op,
                 const char *message)
{
#ifdef HAVE_VIEWER
  if (op->viewer != NULL)
    {
      cab_document_viewer_show_error (CAB_DOCUMENT_VIEWER (op->viewer), message);
      return;
    }
#endif
  cab_account_state_page_set_status (op->self->action_status_label, message);
}

static void
document_show (DocumentOp *op,
               GBytes     *pdf)
{
#ifdef HAVE_VIEWER
  if (op->viewer != NULL)
    {
      g_autofree char *name = suggested_file_name (op);

      cab_document_viewer_load_bytes (CAB_DOCUMENT_VIEWER (op->viewer), pdf, op->ref->title, name);
      return;
    }
#else
  {
    CabOfflineStore *store = cab_account_state_page_store (op->self);
    g_autoptr(GFile) file = NULL;
    g_autofree char *uri = NULL;
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (op->self));

    /* Without the viewer, the desktop's PDF reader opens the saved copy. */
    if (store == NULL)
      return;
    file = cab_offline_store_get_document_file (store, op->ref->id);
    uri = g_file_get_uri (file);
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  }
#endif
}

static void
on_document_saved (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DocumentOp) op = user_data;
  g_autoptr(CabSavedDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = cab_offline_store_save_document_finish (CAB_OFFLINE_STORE (object), result, &error);
  if (doc == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” cannot be kept for offline reading: %s"),
                                               op->ref->title, error->message);

      cab_account_state_page_set_status (op->self->action_status_label, text);
      return;
    }

#ifndef HAVE_VIEWER
  document_show (op, NULL);
#endif
}

static void
on_document_loaded (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data);

static void
on_document_downloaded (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(DocumentOp) op = user_data;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  CabOfflineStore *store;
  gboolean not_modified = FALSE;

  pdf = cab_account_state_download_document_finish (CAB_ACCOUNT_STATE (object), result,
                                                    &not_modified, &error);
  if (pdf == NULL && !not_modified)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *words = cab_error_text (error);

          document_failed (op, words);
        }
      return;
    }

  if (!(store = cab_account_state_page_store (op->self)))
    {
      if (pdf != NULL)
        document_show (op, pdf);
      return;
    }

  if (not_modified)
    {
      /* Our copy is current after all. */
      DocumentOp *again = g_steal_pointer (&op);

      cab_offline_store_load_document_async (store, again->ref->id, NULL, on_document_loaded, again);
      return;
    }

#ifdef HAVE_VIEWER
  document_show (op, pdf);
#endif
  {
    DocumentOp *saving = g_steal_pointer (&op);

    cab_offline_store_save_document_async (store, saving->ref, saving->account, saving->number,
                                           g_date_valid (&saving->date) ? &saving->date : NULL,
                                           pdf, NULL, on_document_saved, saving);
  }
}

static void
document_download (DocumentOp *op,
                   const char *etag)
{
  cab_account_state_download_document_async (op->self->state, op->ref->id, etag,
                                             op->self->lifetime, on_document_downloaded, op);
}

static void
on_document_loaded (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DocumentOp) op = user_data;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;

  pdf = cab_offline_store_load_document_finish (CAB_OFFLINE_STORE (object), result, &error);
  if (pdf != NULL)
    {
      document_show (op, pdf);
      return;
    }

  /* Not saved, or the copy was damaged (and dropped): fetch it, if the server is there. */
  if (cab_session_get_offline (op->self->session))
    {
      document_failed (op, _("This document has not been saved on this computer; it can be opened once the server is reachable again."));
      return;
    }

  document_download (g_steal_pointer (&op), NULL);
}

static void
open_document (CabAccountStatePage  *self,
               const CabDocumentRef *ref,
               CabStatementRowItem  *item)
{
  g_autoptr(DocumentOp) op = document_op_new (self, ref, item);
  g_autoptr(CabSavedDocument) saved = NULL;
  CabOfflineStore *store = cab_account_state_page_store (self);

  cab_account_state_page_set_status (self->action_status_label, NULL);

#ifdef HAVE_VIEWER
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
    CabDocumentViewer *viewer = cab_document_viewer_new (app);

    op->viewer = g_object_ref_sink (GTK_WIDGET (viewer));
    if (GTK_IS_WINDOW (root))
      gtk_window_set_transient_for (GTK_WINDOW (viewer), GTK_WINDOW (root));
    cab_document_viewer_show_loading (viewer, ref->title);
    gtk_window_present (GTK_WINDOW (viewer));
  }
#endif

  if (store != NULL && (saved = cab_offline_store_lookup_document (store, ref->id)) != NULL &&
      g_strcmp0 (cab_saved_document_get_sha256 (saved), ref->sha256) == 0)
    {
      cab_offline_store_load_document_async (store, ref->id, NULL, on_document_loaded,
                                             g_steal_pointer (&op));
      return;
    }

  if (cab_session_get_offline (self->session))
    {
      document_failed (op, _("This document has not been saved on this computer; it can be opened once the server is reachable again."));
      return;
    }

  document_download (g_steal_pointer (&op),
                     saved != NULL ? cab_saved_document_get_sha256 (saved) : NULL);
}

void
cab_account_state_page_document_clicked (CabAccountStatePage *self,
                                         GtkButton           *button)
{
  CabDocumentRef *ref = g_object_get_data (G_OBJECT (button), "cab-document-ref");
  CabStatementRowItem *item = g_object_get_data (G_OBJECT (button), "cab-row-item");

  if (ref != NULL)
    open_document (self, ref, item);
}

/* --- Download All --- */

typedef struct
{
  CabAccountStatePage *self;
  GPtrArray           *ops;        /* of DocumentOp, without viewer */
  guint                next;
  guint                n_fetched;
  guint                n_unchanged;
  GCancellable        *cancellable;
} DownloadAll;

static void
download_all_free (DownloadAll *all)
{
  g_clear_object (&all->self);
  g_clear_pointer (&all->ops, g_ptr_array_unref);
  g_clear_object (&all->cancellable);
  g_free (all);
}

static void download_all_next (DownloadAll *all);

static void
download_all_finish (DownloadAll *all,
                     const char  *failure)
{
  CabAccountStatePage *self = all->self;
  g_autofree char *text = NULL;

  if (self->download_cancellable == all->cancellable)
    g_clear_object (&self->download_cancellable);
  if (self->download_box != NULL)
    {
      gtk_widget_set_visible (self->download_box, FALSE);
      cab_account_state_page_update_actions (self);
    }

  if (failure != NULL)
    text = g_strdup (failure);
  else
    /* Translators: both are numbers of documents */
    text = g_strdup_printf (_("Documents downloaded: %u; already saved and unchanged: %u."),
                            all->n_fetched, all->n_unchanged);
  cab_account_state_page_set_status (self->action_status_label, text);

  download_all_free (all);
}

static void
on_download_all_saved (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  DownloadAll *all = user_data;
  g_autoptr(CabSavedDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = cab_offline_store_save_document_finish (CAB_OFFLINE_STORE (object), result, &error);
  if (doc == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("A document cannot be saved: %s"), error->message);

      download_all_finish (all, text);
      return;
    }

  all->n_fetched++;
  download_all_next (all);
}

static void
on_download_all_fetched (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  DownloadAll *all = user_data;
  DocumentOp *op = g_ptr_array_index (all->ops, all->next - 1);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  CabOfflineStore *store;
  gboolean not_modified = FALSE;

  pdf = cab_account_state_download_document_finish (CAB_ACCOUNT_STATE (object), result,
                                                    &not_modified, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      download_all_finish (all, _("Download cancelled."));
      return;
    }
  if (pdf == NULL && !not_modified)
    {
      g_autofree char *words = cab_error_text (error);
      g_autofree char *text = g_strdup_printf (_("“%s” cannot be downloaded: %s"),
                                               op->ref->title, words);

      download_all_finish (all, text);
      return;
    }
  if (not_modified)
    {
      all->n_unchanged++;
      download_all_next (all);
      return;
    }

  if (!(store = cab_account_state_page_store (all->self)))
    {
      download_all_finish (all, NULL);
      return;
    }

  cab_offline_store_save_document_async (store, op->ref, op->account, op->number,
                                         g_date_valid (&op->date) ? &op->date : NULL, pdf,
                                         NULL, on_download_all_saved, all);
}

static void
download_all_next (DownloadAll *all)
{
  CabAccountStatePage *self = all->self;
  CabOfflineStore *store = cab_account_state_page_store (self);
  g_autofree char *progress = NULL;

  if (g_cancellable_is_cancelled (all->cancellable))
    {
      download_all_finish (all, _("Download cancelled."));
      return;
    }

  while (all->next < all->ops->len)
    {
      DocumentOp *op = g_ptr_array_index (all->ops, all->next++);
      g_autoptr(CabSavedDocument) saved = NULL;

      if (g_cancellable_is_cancelled (all->cancellable))
        {
          download_all_finish (all, _("Download cancelled."));
          return;
        }

      /* Translators: "3 of 14" documents */
      progress = g_strdup_printf (_("%u of %u"), all->next, all->ops->len);
      gtk_progress_bar_set_text (self->download_progress, progress);
      gtk_progress_bar_set_fraction (self->download_progress,
                                     (double)(all->next - 1) / all->ops->len);
      g_clear_pointer (&progress, g_free);

      saved = store != NULL ? cab_offline_store_lookup_document (store, op->ref->id) : NULL;
      if (saved != NULL && g_strcmp0 (cab_saved_document_get_sha256 (saved), op->ref->sha256) == 0)
        {
          /* The listed checksum is the ETag: same checksum, same file, nothing to fetch. */
          all->n_unchanged++;
          continue;
        }

      cab_account_state_download_document_async (self->state, op->ref->id,
                                                 saved != NULL ? cab_saved_document_get_sha256 (saved) : NULL,
                                                 all->cancellable, on_download_all_fetched, all);
      return;
    }

  gtk_progress_bar_set_fraction (self->download_progress, 1.0);
  download_all_finish (all, NULL);
}

static void
add_item_documents (CabAccountStatePage *self,
                    GPtrArray           *ops,
                    GListModel          *model)
{
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CabStatementRowItem) item = g_list_model_get_item (model, i);
      GPtrArray *documents = cab_statement_row_item_get_documents (item);

      for (guint j = 0; j < documents->len; j++)
        g_ptr_array_add (ops, document_op_new (self, g_ptr_array_index (documents, j), item));
    }
}

void
cab_account_state_page_download_all_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  CabAccountStatePage *self = CAB_ACCOUNT_STATE_PAGE (widget);
  DownloadAll *all;

  if (self->download_cancellable != NULL || self->session == NULL || self->stale)
    return;

  all = g_new0 (DownloadAll, 1);
  all->self = g_object_ref (self);
  all->ops = g_ptr_array_new_with_free_func ((GDestroyNotify)document_op_free);
  all->cancellable = g_cancellable_new ();
  add_item_documents (self, all->ops, cab_account_state_get_rows (self->state));
  add_item_documents (self, all->ops, cab_account_state_get_bill_rows (self->state));
  self->download_cancellable = g_object_ref (all->cancellable);

  cab_account_state_page_set_status (self->action_status_label, NULL);
  gtk_progress_bar_set_fraction (self->download_progress, 0.0);
  gtk_widget_set_visible (self->download_box, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-state.download-all", FALSE);

  download_all_next (all);
}

void
cab_account_state_page_cancel_download_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter)
{
  g_cancellable_cancel (CAB_ACCOUNT_STATE_PAGE (widget)->download_cancellable);
}

