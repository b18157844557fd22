/* cab-account-state-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cab-account-state.h"
#include "cab-account-state-page.h"
#include "cab-period.h"
#include "cab-error-text.h"
#include "cab-statement-export.h"
#include "cab-statement-model.h"
#include "offline/cab-session-store.h"
#ifdef HAVE_VIEWER
# include "viewer/cab-document-viewer.h"
#endif

struct _CabAccountStatePage
{
  AdwBin                parent_instance;

  CabSession           *session;
  /* What is shown: fetched, kept and recomputed by the model; the page only paints it. */
  CabAccountState      *state;

  /* What outlives a fetch (documents being opened, exports): cancelled with the page. */
  GCancellable         *lifetime;
  GCancellable         *download_cancellable;
  GtkNativeDialog      *export_dialog;
  gboolean              syncing_calendar;

  /* Template */
  GtkLabel             *source_label;
  GtkEntry             *from_entry;
  GtkEntry             *to_entry;
  GtkPopover           *from_popover;
  GtkPopover           *to_popover;
  GtkCalendar          *from_calendar;
  GtkCalendar          *to_calendar;
  GtkLabel             *period_error_label;
  AdwActionRow         *debt_row;
  AdwActionRow         *recommended_row;
  GtkLabel             *debt_label;
  GtkLabel             *recommended_label;
  GtkLabel             *debt_status_label;
  GtkWidget            *download_box;
  GtkProgressBar       *download_progress;
  GtkLabel             *action_status_label;
  GtkColumnView        *statement_view;
  GtkLabel             *statement_status_label;
  GtkColumnView        *bills_view;
  GtkLabel             *bills_status_label;
};

G_DEFINE_FINAL_TYPE (CabAccountStatePage, cab_account_state_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- Small helpers --- */

static void
set_status (GtkLabel   *label,
            const char *text)
{
  /* A late callback may find the page disposed. */
  if (label == NULL)
    return;
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
show_store_error (CabAccountStatePage *self,
                  const GError        *error)
{
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup_printf (_("Data cannot be kept for offline reading: %s"), error->message);
  set_status (self->source_label, text);
}

static CabOfflineStore *
get_store (CabAccountStatePage *self)
{
  g_autoptr(GError) error = NULL;
  CabOfflineStore *store;

  if (self->session == NULL)
    return NULL;

  if (!(store = cab_session_store_get (self->session, &error)))
    show_store_error (self, error);

  return store;
}

static const char *
page_account (CabAccountStatePage *self)
{
  return self->state != NULL ? cab_account_state_get_account (self->state) : NULL;
}

static CabStatement *
page_statement (CabAccountStatePage *self)
{
  return self->state != NULL ? cab_account_state_get_statement (self->state) : NULL;
}

/* "Offline: as saved on DD.MM.YYYY at HH:MM." (local time) */
static char *
saved_note (GDateTime *saved_at)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (saved_at == NULL)
    return g_strdup (_("Offline: as saved earlier."));

  local = g_date_time_to_local (saved_at);
  date = g_date_time_format (local, "%d.%m.%Y");
  time = g_date_time_format (local, "%H:%M");

  /* Translators: a date (DD.MM.YYYY) and a time (HH:MM) */
  return g_strdup_printf (_("Offline: as saved on %s at %s."), date, time);
}

/* What a block says under it, by where its content comes from. The window's info bar tells
 * when the data was saved; each block says what it shows. */
static char *
block_note (CabAccountStatePage *self,
            CabAccountBlock      block)
{
  switch (cab_account_state_get_block_state (self->state, block))
    {
    case CAB_ACCOUNT_BLOCK_EMPTY:
      if (block == CAB_ACCOUNT_BLOCK_STATEMENT && cab_account_state_get_account (self->state) == NULL)
        return g_strdup (_("Choose a contract to see its account state."));
      return NULL;
    case CAB_ACCOUNT_BLOCK_LOADING:
      return block == CAB_ACCOUNT_BLOCK_STATEMENT ? g_strdup (_("Loading…")) : NULL;
    case CAB_ACCOUNT_BLOCK_SAVED:
      return saved_note (cab_account_state_get_saved_at (self->state, block));
    case CAB_ACCOUNT_BLOCK_FAILED:
      return cab_error_text (cab_account_state_get_error (self->state, block));
    case CAB_ACCOUNT_BLOCK_COMPUTED:
      if (block == CAB_ACCOUNT_BLOCK_BALANCE)
        return g_strdup (_("Computed offline from the saved ledger of the account."));
      if (block == CAB_ACCOUNT_BLOCK_STATEMENT)
        return g_strdup (_("Offline: computed from the saved ledger; the documents of this period were not saved."));
      return g_strdup (_("Offline: computed from the saved ledger; the scans were not saved."));
    case CAB_ACCOUNT_BLOCK_NOT_SAVED:
      if (block == CAB_ACCOUNT_BLOCK_BALANCE)
        return g_strdup (_("Nothing about this account has been saved on this computer yet."));
      if (block == CAB_ACCOUNT_BLOCK_STATEMENT)
        return g_strdup (_("The reconciliation act of this period has not been saved on this computer."));
      return g_strdup (_("The advance bills of this period have not been saved on this computer."));
    case CAB_ACCOUNT_BLOCK_ONLINE:
    default:
      return NULL;
    }
}

/* --- Block 1 --- */

static void
show_balance (CabAccountStatePage *self,
              const GDate         *on,
              CabMoney             debt,
              CabMoney             recommended,
              const char          *note)
{
  g_autofree char *day = cab_date_to_display (on);
  g_autofree char *debt_title = NULL;
  g_autofree char *recommended_title = NULL;
  g_autofree char *debt_money = cab_money_format (debt, CAB_MONEY_STYLE_LOCALE);
  g_autofree char *debt_text = NULL;
  g_autofree char *recommended_text = cab_money_format (recommended, CAB_MONEY_STYLE_LOCALE);

  /* Translators: %s is a date, DD.MM.YYYY */
  debt_title = g_strdup_printf (_("Debt (+) / overpayment (-) as of %s"), day);
  /* Translators: %s is a date, DD.MM.YYYY */
  recommended_title = g_strdup_printf (_("Recommended payment as of %s"), day);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->debt_row), debt_title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->recommended_row), recommended_title);

  if (debt < 0)
    {
      /* Translators: %s is an amount of money the client overpaid, e.g. "-74 644,26" */
      debt_text = g_strdup_printf (_("%s (overpayment)"), debt_money);
      gtk_widget_add_css_class (GTK_WIDGET (self->debt_label), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->debt_label), "warning");
    }
  else
    {
      debt_text = g_strdup (debt_money);
      gtk_widget_remove_css_class (GTK_WIDGET (self->debt_label), "success");
      if (debt > 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->debt_label), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->debt_label), "warning");
    }

  gtk_label_set_text (self->debt_label, debt_text);
  gtk_label_set_text (self->recommended_label, recommended_text);
  {
    /* Read out with what it is: "Debt (+) / overpayment (-) as of 28.06.2016: -74 644,26" */
    g_autofree char *debt_name = g_strdup_printf ("%s: %s", debt_title, debt_text);
    g_autofree char *recommended_name = g_strdup_printf ("%s: %s", recommended_title,
                                                         recommended_text);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->debt_label),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, debt_name, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->recommended_label),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, recommended_name, -1);
  }
  set_status (self->debt_status_label, note);
}

static void
clear_balance (CabAccountStatePage *self,
               const char          *note)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->debt_row),
                                 _("Debt (+) / overpayment (-)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->recommended_row),
                                 _("Recommended payment"));
  gtk_label_set_text (self->debt_label, "");
  gtk_label_set_text (self->recommended_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->debt_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->debt_label), "warning");
  set_status (self->debt_status_label, note);
}

static void
on_balance_changed (CabAccountStatePage *self)
{
  const CabBalance *balance = cab_account_state_get_balance (self->state);
  g_autofree char *note = block_note (self, CAB_ACCOUNT_BLOCK_BALANCE);

  if (balance != NULL)
    show_balance (self, &balance->on, balance->debt, balance->recommended_payment, note);
  else
    clear_balance (self, note);
}

/* --- Blocks 2 and 3 --- */

static void
update_download_all (CabAccountStatePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-state.download-all",
                                 page_statement (self) != NULL && self->download_cancellable == NULL &&
                                 !cab_session_get_offline (self->session));
}

static void
on_statement_changed (CabAccountStatePage *self)
{
  CabStatement *statement = cab_account_state_get_statement (self->state);
  GListModel *rows = cab_account_state_get_rows (self->state);
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *note = block_note (self, CAB_ACCOUNT_BLOCK_STATEMENT);

  if (rows != NULL)
    selection = gtk_no_selection_new (g_object_ref (rows));
  gtk_column_view_set_model (self->statement_view, GTK_SELECTION_MODEL (selection));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-state.export-csv", statement != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-state.export-pdf", statement != NULL);
  update_download_all (self);
  set_status (self->statement_status_label, note);
}

static void
on_bills_changed (CabAccountStatePage *self)
{
  const CabBillList *bills = cab_account_state_get_bills (self->state);
  GListModel *rows = cab_account_state_get_bill_rows (self->state);
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *note = block_note (self, CAB_ACCOUNT_BLOCK_BILLS);

  if (rows != NULL)
    {
      selection = gtk_no_selection_new (g_object_ref (rows));
      if (bills != NULL && bills->bills->len == 0 && note == NULL)
        note = g_strdup (_("No advance bills were issued in this period."));
    }
  gtk_column_view_set_model (self->bills_view, GTK_SELECTION_MODEL (selection));
  set_status (self->bills_status_label, note);
}

static void
on_started (CabAccountStatePage *self)
{
  set_status (self->source_label, NULL);
  set_status (self->action_status_label, NULL);
}

static void
on_store_error (CabAccountStatePage *self)
{
  show_store_error (self, cab_account_state_get_store_error (self->state));
}

static void
on_loading (CabAccountStatePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

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
  op->account = g_strdup (page_account (self));
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
  set_status (op->self->action_status_label, message);
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
    CabOfflineStore *store = get_store (op->self);
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

      set_status (op->self->action_status_label, text);
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

  if (!(store = get_store (op->self)))
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
  CabOfflineStore *store = get_store (self);

  set_status (self->action_status_label, NULL);

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

static void
on_document_clicked (CabAccountStatePage *self,
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
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-state.download-all",
                                     page_statement (self) != NULL && !cab_session_get_offline (self->session));
    }

  if (failure != NULL)
    text = g_strdup (failure);
  else
    /* Translators: both are numbers of documents */
    text = g_strdup_printf (_("Documents downloaded: %u; already saved and unchanged: %u."),
                            all->n_fetched, all->n_unchanged);
  set_status (self->action_status_label, text);

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

  if (!(store = get_store (all->self)))
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
  CabOfflineStore *store = get_store (self);
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

static void
download_all_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CabAccountStatePage *self = CAB_ACCOUNT_STATE_PAGE (widget);
  DownloadAll *all;

  if (self->download_cancellable != NULL || self->session == NULL)
    return;

  all = g_new0 (DownloadAll, 1);
  all->self = g_object_ref (self);
  all->ops = g_ptr_array_new_with_free_func ((GDestroyNotify)document_op_free);
  all->cancellable = g_cancellable_new ();
  add_item_documents (self, all->ops, cab_account_state_get_rows (self->state));
  add_item_documents (self, all->ops, cab_account_state_get_bill_rows (self->state));
  self->download_cancellable = g_object_ref (all->cancellable);

  set_status (self->action_status_label, NULL);
  gtk_progress_bar_set_fraction (self->download_progress, 0.0);
  gtk_widget_set_visible (self->download_box, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-state.download-all", FALSE);

  download_all_next (all);
}

static void
cancel_download_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_cancellable_cancel (CAB_ACCOUNT_STATE_PAGE (widget)->download_cancellable);
}

/* --- Export --- */

static void
on_export_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CabAccountStatePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("The act cannot be saved: %s"), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (object));

      text = g_strdup_printf (_("The act is saved as “%s”."), name);
    }

  set_status (self->action_status_label, text);
}

void
cab_account_state_page_export (CabAccountStatePage *self,
                               GFile               *file,
                               gboolean             pdf)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CabStatement *statement;

  g_return_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  set_status (self->action_status_label, NULL);
  if ((statement = page_statement (self)) == NULL)
    return;

  if (pdf)
    {
      const CabMe *me = self->session != NULL ? cab_session_get_me (self->session) : NULL;

      bytes = cab_statement_export_pdf (statement, me, CAB_MONEY_STYLE_LOCALE, &error);
    }
  else
    {
      char *csv = cab_statement_export_csv (statement);

      bytes = g_bytes_new_take (csv, strlen (csv));
    }

  if (bytes == NULL)
    {
      set_status (self->action_status_label, error->message);
      return;
    }

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       self->lifetime, on_export_written, g_object_ref (self));
}

static void
on_export_response (GtkNativeDialog     *dialog,
                    int                  response,
                    CabAccountStatePage *self)
{
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "cab-export-pdf"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    cab_account_state_page_export (self, file, pdf);

  if (self->export_dialog == dialog)
    g_clear_object (&self->export_dialog);
}

static void
export_act (CabAccountStatePage *self,
            gboolean             pdf)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  CabStatement *statement;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  if ((statement = page_statement (self)) == NULL)
    return;

  if (self->export_dialog != NULL)
    gtk_native_dialog_destroy (self->export_dialog);
  g_clear_object (&self->export_dialog);

  native = gtk_file_chooser_native_new (pdf ? _("Export the Act as PDF") : _("Export the Act as CSV"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  self->export_dialog = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_set_modal (self->export_dialog, TRUE);

  from = cab_date_to_iso (cab_statement_get_from (statement));
  to = cab_date_to_iso (cab_statement_get_to (statement));
  /* Translators: a file name: "reconciliation-act-<account>-<from>-<to>.<ext>" */
  name = g_strdup_printf (_("reconciliation-act-%s-%s-%s.%s"),
                          page_account (self) != NULL ? page_account (self) : "", from, to,
                          pdf ? "pdf" : "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("CSV tables"));
  gtk_file_filter_add_mime_type (filter, pdf ? "application/pdf" : "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  g_object_set_data (G_OBJECT (native), "cab-export-pdf", GINT_TO_POINTER (pdf));
  g_signal_connect_object (native, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (self->export_dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  export_act (CAB_ACCOUNT_STATE_PAGE (widget), g_str_equal (action_name, "account-state.export-pdf"));
}

/* --- The period --- */

static void
on_period_changed (CabAccountStatePage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  set_status (self->period_error_label, NULL);
}

static void
on_show_clicked (CabAccountStatePage *self)
{
  g_autoptr(GError) error = NULL;
  CabPeriodField field = CAB_PERIOD_FIELD_NONE;
  GDate from, to;

  if (!cab_period_parse (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)),
                         gtk_editable_get_text (GTK_EDITABLE (self->to_entry)),
                         &from, &to, &field, &error))
    {
      GtkWidget *blamed = field == CAB_PERIOD_FIELD_FROM ? GTK_WIDGET (self->from_entry)
                                                         : GTK_WIDGET (self->to_entry);

      /* Explained here and never sent. */
      gtk_widget_add_css_class (blamed, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (blamed),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (blamed),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      set_status (self->period_error_label, error->message);
      gtk_widget_grab_focus (blamed);
      return;
    }

  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->from_entry), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->to_entry), GTK_ACCESSIBLE_STATE_INVALID);
  if (self->state != NULL)
    cab_account_state_set_period (self->state, &from, &to);
}

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  on_show_clicked (CAB_ACCOUNT_STATE_PAGE (widget));
}

static void
on_entry_activate (CabAccountStatePage *self)
{
  on_show_clicked (self);
}

static void
set_period_entries (CabAccountStatePage *self,
                    const GDate         *from,
                    const GDate         *to)
{
  g_autofree char *from_text = cab_date_to_display (from);
  g_autofree char *to_text = cab_date_to_display (to);

  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from_text);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to_text);
}

static void
sync_calendar (CabAccountStatePage *self,
               GtkEntry            *entry,
               GtkCalendar         *calendar)
{
  GDate date;

  if (!cab_date_parse_display (gtk_editable_get_text (GTK_EDITABLE (entry)), &date, NULL))
    return;

  {
    g_autoptr(GDateTime) when = g_date_time_new_local (g_date_get_year (&date),
                                                       g_date_get_month (&date),
                                                       g_date_get_day (&date), 12, 0, 0);

    self->syncing_calendar = TRUE;
    gtk_calendar_select_day (calendar, when);
    self->syncing_calendar = FALSE;
  }
}

static void
calendar_picked (CabAccountStatePage *self,
                 GtkCalendar         *calendar,
                 GtkEntry            *entry,
                 GtkPopover          *popover)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  if (self->syncing_calendar)
    return;

  when = gtk_calendar_get_date (calendar);
  text = g_date_time_format (when, "%d.%m.%Y");
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_popover_popdown (popover);
}

static void
on_from_popover_show (CabAccountStatePage *self)
{
  sync_calendar (self, self->from_entry, self->from_calendar);
}

static void
on_to_popover_show (CabAccountStatePage *self)
{
  sync_calendar (self, self->to_entry, self->to_calendar);
}

static void
on_from_day_selected (CabAccountStatePage *self)
{
  calendar_picked (self, self->from_calendar, self->from_entry, self->from_popover);
}

static void
on_to_day_selected (CabAccountStatePage *self)
{
  calendar_picked (self, self->to_calendar, self->to_entry, self->to_popover);
}

/* --- Table cells --- */

static void
on_text_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (list_item, label);
}

static void
on_money_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_text (GtkListItem *list_item,
           const char  *text)
{
  CabStatementRowItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), text);
  /* The balances and turnovers stand out, as in the manual's act. */
  if (cab_statement_row_item_get_row_type (item) != CAB_STATEMENT_ROW_TYPE_OPERATION)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
}

static void
on_operation_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  bind_text (list_item, cab_statement_row_item_get_operation (gtk_list_item_get_item (list_item)));
}

static void
on_debit_bind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  bind_text (list_item, cab_statement_row_item_get_debit_text (gtk_list_item_get_item (list_item)));
}

static void
on_credit_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  bind_text (list_item, cab_statement_row_item_get_credit_text (gtk_list_item_get_item (list_item)));
}

static void
on_documents_setup (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 3);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (box), 1);
  gtk_list_item_set_child (list_item, box);
}

static void
on_documents_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  CabAccountStatePage *self = user_data;
  CabStatementRowItem *item = gtk_list_item_get_item (list_item);
  GtkFlowBox *box = GTK_FLOW_BOX (gtk_list_item_get_child (list_item));
  GPtrArray *documents = cab_statement_row_item_get_documents (item);

  for (guint i = 0; i < documents->len; i++)
    {
      CabDocumentRef *ref = g_ptr_array_index (documents, i);
      GtkWidget *button = gtk_button_new_with_label (ref->title);
      g_autofree char *tooltip = NULL;

      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, ref->title, -1);
      /* Translators: a document's title and the line of the act it belongs to */
      tooltip = g_strdup_printf (_("Open “%s” (%s)"), ref->title,
                                 cab_statement_row_item_get_operation (item));
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data_full (G_OBJECT (button), "cab-document-ref",
                              cab_document_ref_copy (ref), (GDestroyNotify)cab_document_ref_free);
      g_object_set_data_full (G_OBJECT (button), "cab-row-item",
                              g_object_ref (item), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_document_clicked), self,
                               G_CONNECT_SWAPPED);
      gtk_flow_box_append (box, button);
    }
}

static void
on_documents_unbind (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  GtkFlowBox *box = GTK_FLOW_BOX (gtk_list_item_get_child (list_item));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

/* --- The object --- */

static void
cab_account_state_page_constructed (GObject *object)
{
  CabAccountStatePage *self = (CabAccountStatePage *)object;
  GDate from, to;

  G_OBJECT_CLASS (cab_account_state_page_parent_class)->constructed (object);

  if (self->session == NULL)
    {
      GDate today;

      cab_date_today_supplier (&today);
      cab_period_default (&today, &from, &to);
      set_period_entries (self, &from, &to);
      return;
    }

  /* The model fetches at once; the page paints each block as it changes. */
  self->state = cab_account_state_new (self->session);
  cab_account_state_get_period (self->state, &from, &to);
  set_period_entries (self, &from, &to);
  g_signal_connect_object (self->state, "started", G_CALLBACK (on_started), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::store-error", G_CALLBACK (on_store_error), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::loading", G_CALLBACK (on_loading), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::balance-state", G_CALLBACK (on_balance_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::statement-state",
                           G_CALLBACK (on_statement_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::bills-state", G_CALLBACK (on_bills_changed),
                           self, G_CONNECT_SWAPPED);
  on_store_error (self);
  on_balance_changed (self);
  on_statement_changed (self);
  on_bills_changed (self);
}

static void
cab_account_state_page_dispose (GObject *object)
{
  CabAccountStatePage *self = (CabAccountStatePage *)object;

  g_cancellable_cancel (self->lifetime);
  g_cancellable_cancel (self->download_cancellable);
  g_clear_object (&self->lifetime);
  g_clear_object (&self->download_cancellable);
  /* Its requests end with it: nothing is painted into a disposed page. */
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);

  if (self->export_dialog != NULL)
    gtk_native_dialog_destroy (self->export_dialog);
  g_clear_object (&self->export_dialog);

  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_ACCOUNT_STATE_PAGE);

  G_OBJECT_CLASS (cab_account_state_page_parent_class)->dispose (object);
}

static void
cab_account_state_page_finalize (GObject *object)
{
  CabAccountStatePage *self = (CabAccountStatePage *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (cab_account_state_page_parent_class)->finalize (object);
}

static void
cab_account_state_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CabAccountStatePage *self = CAB_ACCOUNT_STATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, cab_account_state_page_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_account_state_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CabAccountStatePage *self = CAB_ACCOUNT_STATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_account_state_page_class_init (CabAccountStatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cab_account_state_page_constructed;
  object_class->dispose = cab_account_state_page_dispose;
  object_class->finalize = cab_account_state_page_finalize;
  object_class->get_property = cab_account_state_page_get_property;
  object_class->set_property = cab_account_state_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CAB_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "account-state.show", NULL, show_action);
  gtk_widget_class_install_action (widget_class, "account-state.download-all", NULL,
                                   download_all_action);
  gtk_widget_class_install_action (widget_class, "account-state.cancel-download", NULL,
                                   cancel_download_action);
  gtk_widget_class_install_action (widget_class, "account-state.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "account-state.export-pdf", NULL, export_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-account-state-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, source_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, from_popover);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, to_popover);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, period_error_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, debt_row);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, recommended_row);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, debt_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, recommended_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, debt_status_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, download_box);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, download_progress);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, action_status_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, statement_view);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, statement_status_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, bills_view);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, bills_status_label);

  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_from_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_to_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_from_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_to_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_text_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_money_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_operation_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_debit_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_credit_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_documents_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_documents_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_documents_unbind);
}

static void
cab_account_state_page_init (CabAccountStatePage *self)
{
  self->lifetime = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cab_account_state_page_new (CabSession *session)
{
  return g_object_new (CAB_TYPE_ACCOUNT_STATE_PAGE, "session", session, NULL);
}

void
cab_account_state_page_show_period (CabAccountStatePage *self,
                                    const char          *from_text,
                                    const char          *to_text)
{
  g_return_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from_text);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to_text);
  on_show_clicked (self);
}

gboolean
cab_account_state_page_get_loading (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), FALSE);
  return self->state != NULL && cab_account_state_get_loading (self->state);
}

GListModel *
cab_account_state_page_get_rows (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), NULL);
  return self->state != NULL ? cab_account_state_get_rows (self->state) : NULL;
}

GListModel *
cab_account_state_page_get_bills (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), NULL);
  return self->state != NULL ? cab_account_state_get_bill_rows (self->state) : NULL;
}

const char *
cab_account_state_page_get_debt_text (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), NULL);
  return gtk_label_get_text (self->debt_label);
}

const char *
cab_account_state_page_get_recommended_text (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), NULL);
  return gtk_label_get_text (self->recommended_label);
}

gboolean
cab_account_state_page_get_computed_offline (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), FALSE);
  return self->state != NULL && cab_account_state_get_computed_offline (self->state);
}

const char *
cab_account_state_page_get_status_text (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), NULL);
  return gtk_label_get_text (self->action_status_label);
}
