/* cab-account-state-page-documents.c: opening a document of the act or the bills, and Download
 * All, through the session's CabDocuments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-account-state-page-internal.h"
#include "cab-error-text.h"
#include "offline/cab-document-opener.h"
#include "offline/cab-documents.h"

/* --- Documents --- */

/* One document to download, with what the store's index keeps about it. */
typedef struct
{
  CabAccountStatePage *self;
  CabDocumentRef      *ref;
  char                *account;
  char                *number;
  GDate                date;
} DocumentOp;

static void
document_op_free (DocumentOp *op)
{
  g_clear_object (&op->self);
  g_clear_pointer (&op->ref, cab_document_ref_free);
  g_free (op->account);
  g_free (op->number);
  g_free (op);
}

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

static CabDocuments *
page_documents (CabAccountStatePage *self)
{
  /* The store's own failure is told by the model (its "store-error"). */
  return self->session != NULL ? cab_session_get_documents (self->session) : NULL;
}

typedef struct
{
  CabAccountStatePage *self;
  char                *title;
} OpenData;

static void
on_document_opened (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  OpenData *data = user_data;
  CabAccountStatePage *self = data->self;
  g_autoptr(GError) save_error = NULL;
  g_autoptr(GError) error = NULL;

  if (!cab_document_opener_open_finish (result, &save_error, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *words = cab_document_opener_dup_words (error);

          cab_account_state_page_set_status (self->action_status_label, words);
        }
    }
  else if (save_error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” cannot be kept for offline reading: %s"),
                                               data->title, save_error->message);

      cab_account_state_page_set_status (self->action_status_label, text);
    }

  g_object_unref (data->self);
  g_free (data->title);
  g_free (data);
}

static void
open_document (CabAccountStatePage  *self,
               const CabDocumentRef *ref,
               CabStatementRowItem  *item)
{
  OpenData *data = g_new0 (OpenData, 1);

  data->self = g_object_ref (self);
  data->title = g_strdup (ref->title);
  cab_account_state_page_set_status (self->action_status_label, NULL);
  cab_document_opener_open_async (self->session, GTK_WIDGET (self), ref,
                                  cab_account_state_page_account (self),
                                  item != NULL ? cab_statement_row_item_get_number (item) : NULL,
                                  item != NULL ? cab_statement_row_item_get_date (item) : NULL,
                                  self->lifetime, on_document_opened, data);
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
on_download_all_fetched (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  DownloadAll *all = user_data;
  DocumentOp *op = g_ptr_array_index (all->ops, all->next - 1);
  g_autoptr(GError) error = NULL;
  gboolean fetched = FALSE;
  gboolean saving = FALSE;

  if (!cab_documents_download_finish (CAB_DOCUMENTS (object), result, &fetched, &saving, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        text = g_strdup (_("Download cancelled."));
      else if (saving)
        text = g_strdup_printf (_("A document cannot be saved: %s"), error->message);
      else
        {
          g_autofree char *words = cab_error_text (error);

          text = g_strdup_printf (_("“%s” cannot be downloaded: %s"), op->ref->title, words);
        }
      download_all_finish (all, text);
      return;
    }

  if (fetched)
    all->n_fetched++;
  else
    all->n_unchanged++;
  download_all_next (all);
}

static void
download_all_next (DownloadAll *all)
{
  CabAccountStatePage *self = all->self;
  CabDocuments *documents = page_documents (self);
  DocumentOp *op;
  g_autofree char *progress = NULL;

  if (g_cancellable_is_cancelled (all->cancellable))
    {
      download_all_finish (all, _("Download cancelled."));
      return;
    }
  if (all->next >= all->ops->len || documents == NULL)
    {
      gtk_progress_bar_set_fraction (self->download_progress, 1.0);
      download_all_finish (all, NULL);
      return;
    }

  op = g_ptr_array_index (all->ops, all->next++);
  /* Translators: "3 of 14" documents */
  progress = g_strdup_printf (_("%u of %u"), all->next, all->ops->len);
  gtk_progress_bar_set_text (self->download_progress, progress);
  gtk_progress_bar_set_fraction (self->download_progress,
                                 (double)(all->next - 1) / all->ops->len);

  /* One after another; one already saved and unchanged costs no request. */
  cab_documents_download_async (documents, op->ref, op->account, op->number,
                                g_date_valid (&op->date) ? &op->date : NULL,
                                all->cancellable, on_download_all_fetched, all);
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

