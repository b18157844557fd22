/* cab-viewer-print.c: the document viewer's Print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cab-document-viewer-internal.h"
#include "cab-document-viewer-private.h"

/* Print */

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              CabPdfDocument    *document)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double paper_w = gtk_print_context_get_width (context);
  double paper_h = gtk_print_context_get_height (context);
  double w, h, scale;
  gboolean turn;

  cab_pdf_document_get_page_size (document, page, &w, &h);

  /* A landscape page on portrait paper (or the reverse) is turned to use the sheet. */
  turn = (w > h) != (paper_w > paper_h);
  if (turn)
    {
      double t = w;
      w = h;
      h = t;
    }

  scale = MIN (paper_w / w, paper_h / h);
  cairo_save (cr);
  cairo_translate (cr, (paper_w - w * scale) / 2, (paper_h - h * scale) / 2);
  cairo_scale (cr, scale, scale);
  if (turn)
    {
      cairo_translate (cr, w, 0);
      cairo_rotate (cr, G_PI / 2);
    }
  cab_pdf_document_render_for_printing (document, page, cr);
  cairo_restore (cr);
}

static GtkPrintOperation *
new_print_operation (CabDocumentViewer *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();

  gtk_print_operation_set_n_pages (operation, cab_pdf_document_get_n_pages (self->document));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, self->title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page),
                         g_object_ref (self->document), (GClosureNotify)(void (*)(void))g_object_unref,
                         0);

  return operation;
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               CabDocumentViewer       *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      /* Translators: %s is the printing system's reason */
      message = g_strdup_printf (_("Cannot print: %s"), error != NULL ? error->message : "");
      cab_viewer_toast (self, message);
    }
}

void
cab_viewer_print_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CabDocumentViewer *self = CAB_DOCUMENT_VIEWER (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (self->document == NULL)
    return;

  operation = new_print_operation (self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot print: %s"), error->message);
      cab_viewer_toast (self, message);
    }
}

gboolean
cab_document_viewer_export_pdf (CabDocumentViewer  *self,
                                const char         *path,
                                GError            **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (CAB_IS_DOCUMENT_VIEWER (self), FALSE);

  if (self->document == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("There is no document to print"));
      return FALSE;
    }

  operation = new_print_operation (self);
  gtk_print_operation_set_export_filename (operation, path);

  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

