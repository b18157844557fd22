/* cab-document-opener.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cab-document-opener"

#include "config.h"

#include <glib/gi18n.h>

#include "cab-documents.h"
#include "cab-document-opener.h"
#include "cab-error-text.h"
#ifdef HAVE_VIEWER
# include "viewer/cab-document-viewer.h"
#endif

typedef struct
{
  CabDocuments *documents;
  GtkWidget    *parent;     /* for the desktop's reader, without the viewer */
  GtkWidget    *viewer;     /* CabDocumentViewer, or NULL */
  char         *id;
  char         *title;
  char         *file_name;
  GError       *save_error;
} Open;

static void
open_free (Open *open)
{
  g_clear_object (&open->documents);
  g_clear_object (&open->parent);
  g_clear_object (&open->viewer);
  g_free (open->id);
  g_free (open->title);
  g_free (open->file_name);
  g_clear_error (&open->save_error);
  g_free (open);
}

char *
cab_document_opener_dup_words (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  /* Our own sentence: the document is not on this computer. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_strdup (error->message);

  return cab_error_text (error);
}

static GTask *
open_task_new (CabSession          *session,
               GtkWidget           *parent,
               const char          *id,
               const char          *title,
               char                *file_name,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Open *open = g_new0 (Open, 1);
  CabDocuments *documents = cab_session_get_documents (session);

  g_task_set_source_tag (task, cab_document_opener_open_async);
  open->documents = documents != NULL ? g_object_ref (documents) : NULL;
  open->parent = parent != NULL ? g_object_ref (parent) : NULL;
  open->id = g_strdup (id);
  open->title = g_strdup (title);
  open->file_name = file_name;
  g_task_set_task_data (task, open, (GDestroyNotify)open_free);

#ifdef HAVE_VIEWER
  {
    GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
    GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                               : NULL;
    CabDocumentViewer *viewer = cab_document_viewer_new (app);

    open->viewer = g_object_ref_sink (GTK_WIDGET (viewer));
    if (GTK_IS_WINDOW (root))
      gtk_window_set_transient_for (GTK_WINDOW (viewer), GTK_WINDOW (root));
    cab_document_viewer_show_loading (viewer, title);
    gtk_window_present (GTK_WINDOW (viewer));
  }
#endif

  return task;
}

static void
open_failed (GTask  *task,
             GError *error)
{
  Open *open = g_task_get_task_data (task);

#ifdef HAVE_VIEWER
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *words = cab_document_opener_dup_words (error);

      cab_document_viewer_show_error (CAB_DOCUMENT_VIEWER (open->viewer), words);
      g_error_free (error);
      g_task_return_boolean (task, TRUE);
      return;
    }
#endif
  g_task_return_error (task, error);
}

static void
open_show (GTask  *task,
           GBytes *pdf)
{
  Open *open = g_task_get_task_data (task);

#ifdef HAVE_VIEWER
  cab_document_viewer_load_bytes (CAB_DOCUMENT_VIEWER (open->viewer), pdf, open->title,
                                  open->file_name);
#else
  {
    g_autoptr(GFile) file = cab_documents_get_file (open->documents, open->id);
    g_autofree char *uri = NULL;
    GtkRoot *root = open->parent != NULL ? gtk_widget_get_root (open->parent) : NULL;

    /* Without the viewer, the desktop's PDF reader opens the saved copy. */
    if (file == NULL || open->save_error != NULL)
      {
        g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_FAILED,
                                 "The document could not be kept for the PDF reader");
        return;
      }
    uri = g_file_get_uri (file);
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  }
#endif
  g_task_return_boolean (task, TRUE);
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Open *open = g_task_get_task_data (task);
  g_autoptr(GBytes) pdf = NULL;
  GError *error = NULL;

  if (g_task_get_source_tag (task) == cab_document_opener_open_saved_async)
    pdf = cab_documents_open_saved_finish (CAB_DOCUMENTS (object), result, &error);
  else
    pdf = cab_documents_open_finish (CAB_DOCUMENTS (object), result, &open->save_error, &error);

  if (pdf == NULL)
    open_failed (task, error);
  else
    open_show (task, pdf);
}

static gboolean
have_documents (GTask *task)
{
  Open *open = g_task_get_task_data (task);

  if (open->documents != NULL)
    return TRUE;

  open_failed (task, g_error_new_literal (CAB_ERROR, CAB_ERROR_FAILED,
                                          "The session has no documents service"));
  return FALSE;
}

void
cab_document_opener_open_async (CabSession           *session,
                                GtkWidget            *parent,
                                const CabDocumentRef *ref,
                                const char           *account,
                                const char           *number,
                                const GDate          *date,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CAB_IS_SESSION (session));
  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (ref != NULL);

  task = open_task_new (session, parent, ref->id, ref->title,
                        cab_documents_file_name (ref->kind, account, date, ref->id),
                        cancellable, callback, user_data);
  if (have_documents (task))
    cab_documents_open_async (((Open *)g_task_get_task_data (task))->documents, ref, account,
                              number, date, cancellable, on_opened, g_object_ref (task));
}

void
cab_document_opener_open_saved_async (CabSession          *session,
                                      GtkWidget           *parent,
                                      const char          *id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  CabDocuments *documents;
  g_autoptr(CabSavedDocument) doc = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CAB_IS_SESSION (session));
  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (id != NULL);

  documents = cab_session_get_documents (session);
  if (documents != NULL)
    doc = cab_documents_lookup_saved (documents, id);
  task = open_task_new (session, parent, id, doc != NULL ? cab_saved_document_get_title (doc) : id,
                        doc != NULL ? cab_documents_saved_file_name (doc) : NULL,
                        cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_document_opener_open_saved_async);
  if (have_documents (task))
    cab_documents_open_saved_async (documents, id, cancellable, on_opened, g_object_ref (task));
}

gboolean
cab_document_opener_open_finish (GAsyncResult  *result,
                                 GError       **out_save_error,
                                 GError       **error)
{
  Open *open;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  open = g_task_get_task_data (G_TASK (result));
  if (out_save_error != NULL && open->save_error != NULL)
    *out_save_error = g_error_copy (open->save_error);

  return g_task_propagate_boolean (G_TASK (result), error);
}
