/* cab-viewer-export.c: the document viewer's Save As and Open With
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cab-document-viewer-internal.h"
#include "cab-document-viewer-private.h"

/* Save As */

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
  g_object_unref (task);
}

void
cab_document_viewer_save_to_file_async (CabDocumentViewer   *self,
                                        GFile               *file,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CAB_IS_DOCUMENT_VIEWER (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_document_viewer_save_to_file_async);

  if (self->bytes == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("There is no document to save"));
      g_object_unref (task);
      return;
    }

  g_task_set_task_data (task, g_bytes_ref (self->bytes), (GDestroyNotify)g_bytes_unref);
  g_file_replace_contents_bytes_async (file, self->bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                                       on_saved, task);
}

gboolean
cab_document_viewer_save_to_file_finish (CabDocumentViewer  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
cab_viewer_toast (CabDocumentViewer *self,
                  const char        *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
on_save_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CabDocumentViewer *self = CAB_DOCUMENT_VIEWER (object);
  g_autoptr(GError) error = NULL;

  if (cab_document_viewer_save_to_file_finish (self, result, &error))
    cab_viewer_toast (self, _("Document saved"));
  else
    {
      /* Translators: %s is the system's reason */
      g_autofree char *message = g_strdup_printf (_("Cannot save the document: %s"),
                                                  error->message);
      cab_viewer_toast (self, message);
    }
}

static void
on_save_response (CabDocumentViewer    *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        cab_document_viewer_save_to_file_async (self, file, NULL, on_save_done, NULL);
    }

  g_clear_object (&self->save_chooser);
}

void
cab_viewer_save_as_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CabDocumentViewer *self = CAB_DOCUMENT_VIEWER (widget);
  g_autoptr(GtkFileFilter) filter = NULL;

  if (self->bytes == NULL || self->save_chooser != NULL)
    return;

  self->save_chooser = gtk_file_chooser_native_new (_("Save Document"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser),
                                     self->suggested_file_name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->save_chooser), filter);

  g_signal_connect_object (self->save_chooser, "response", G_CALLBACK (on_save_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

/* Open With */

static GFile *
write_temp_copy (GBytes      *bytes,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "tek-cabinet", "documents",
                                           NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", dir, g_strerror (saved));
      return NULL;
    }

  if (!g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return NULL;

  return g_file_new_for_path (path);
}

GFile *
cab_document_viewer_write_temp_copy (CabDocumentViewer  *self,
                                     GError            **error)
{
  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), NULL);

  if (self->bytes == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("There is no document to open"));
      return NULL;
    }

  return write_temp_copy (self->bytes, self->suggested_file_name, error);
}

typedef struct
{
  GBytes *bytes;
  char   *name;
} TempCopy;

static void
temp_copy_free (TempCopy *copy)
{
  g_bytes_unref (copy->bytes);
  g_free (copy->name);
  g_free (copy);
}

static void
temp_copy_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TempCopy *copy = task_data;
  GError *error = NULL;
  GFile *file;

  if ((file = write_temp_copy (copy->bytes, copy->name, &error)) != NULL)
    g_task_return_pointer (task, file, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
on_launched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CabDocumentViewer) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    cab_viewer_toast (self, _("No application can open this document"));
}

static void
on_temp_copy_written (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CabDocumentViewer *self = CAB_DOCUMENT_VIEWER (object);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  file = g_task_propagate_pointer (G_TASK (result), &error);
  if (file == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot save the document: %s"),
                                                  error->message);
      cab_viewer_toast (self, message);
      return;
    }

  uri = g_file_get_uri (file);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           on_launched, g_object_ref (self));
}

void
cab_viewer_open_with_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CabDocumentViewer *self = CAB_DOCUMENT_VIEWER (widget);
  g_autoptr(GTask) task = NULL;
  TempCopy *copy;

  if (self->bytes == NULL)
    return;

  copy = g_new0 (TempCopy, 1);
  copy->bytes = g_bytes_ref (self->bytes);
  copy->name = g_strdup (self->suggested_file_name);

  task = g_task_new (self, NULL, on_temp_copy_written, NULL);
  g_task_set_source_tag (task, cab_viewer_open_with_action);
  g_task_set_task_data (task, copy, (GDestroyNotify)temp_copy_free);
  g_task_run_in_thread (task, temp_copy_thread);
}

