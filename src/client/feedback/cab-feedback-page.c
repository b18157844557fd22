/* cab-feedback-page.c
 *
 * A message goes into the outbox before its first attempt, so neither a crash nor a lost
 * connection can lose it; the attempt then reuses the outbox's client_id, and the outbox
 * retries with the same one until the server has answered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cab-feedback-page"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cab-core.h"
#include "cab-error-text.h"
#include "cab-feedback-draft.h"
#include "cab-feedback-page.h"
#include "cab-feedback-page-private.h"


G_DEFINE_FINAL_TYPE (CabFeedbackPage, cab_feedback_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SENDING,
  PROP_HISTORY_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (CabFeedbackPage *self,
       const char      *title)
{
  AdwToast *t = adw_toast_new (title);

  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
show_status (CabFeedbackPage *self,
             const char      *message,
             gboolean         is_error)
{
  gtk_label_set_text (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

void
cab_feedback_page_show_label (GtkLabel   *label,
                              const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static char *
get_question (CabFeedbackPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->question_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_counter (CabFeedbackPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->question_view);
  int n = gtk_text_buffer_get_char_count (buffer);
  g_autofree char *text = g_strdup_printf ("%d / %d", n, CAB_FEEDBACK_MAX_TEXT_CHARS);

  gtk_label_set_text (self->counter_label, text);
  if (n > CAB_FEEDBACK_MAX_TEXT_CHARS)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "dim-label");
    }
}

static void
update_actions (CabFeedbackPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "feedback.send", !self->sending);
  gtk_widget_action_set_enabled (widget, "feedback.attach", !self->sending);
  gtk_widget_action_set_enabled (widget, "feedback.detach",
                                 !self->sending && self->attachment != NULL);
  gtk_widget_action_set_enabled (widget, "feedback.cancel", self->sending);
}

static void
set_sending (CabFeedbackPage *self,
             gboolean         sending)
{
  if (self->sending == sending)
    return;

  self->sending = sending;
  gtk_text_view_set_editable (self->question_view, !sending);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), sending);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), sending);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  if (!sending)
    {
      g_clear_object (&self->send_cancellable);
      g_clear_object (&self->sending_item);
    }
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
}

static void
show_attachment (CabFeedbackPage *self)
{
  if (self->attachment != NULL)
    {
      g_autofree char *name = g_file_get_basename (self->attachment);
      g_autofree char *size = g_format_size_full (self->attachment_size,
                                                           G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *text = g_strdup_printf ("%s (%s)", name, size);

      gtk_label_set_text (self->file_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->file_label), self->attachment != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->detach_button), self->attachment != NULL);
  update_actions (self);
}

static void
clear_attachment (CabFeedbackPage *self)
{
  g_cancellable_cancel (self->attach_cancellable);
  g_clear_object (&self->attach_cancellable);
  g_clear_object (&self->attachment);
  self->attachment_size = 0;
  show_attachment (self);
  if (self->draft != NULL && !self->restoring)
    cab_feedback_draft_set_attachment (self->draft, NULL);
}

/* The form's content, written again into the draft (after a send that did not happen). */
static void
save_form_to_draft (CabFeedbackPage *self)
{
  g_autofree char *text = get_question (self);
  g_autofree char *path = self->attachment != NULL ? g_file_get_path (self->attachment) : NULL;

  if (self->draft == NULL)
    return;
  cab_feedback_draft_set_text (self->draft, text);
  cab_feedback_draft_set_attachment (self->draft, path);
}

static void
clear_form (CabFeedbackPage *self)
{
  self->restoring = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->question_view), "", -1);
  clear_attachment (self);
  self->restoring = FALSE;
  if (self->draft != NULL)
    cab_feedback_draft_clear (self->draft);
}

static void
on_buffer_changed (CabFeedbackPage *self,
                   GtkTextBuffer   *buffer)
{
  update_counter (self);
  cab_feedback_page_show_label (self->question_error, NULL);

  if (self->draft != NULL && !self->restoring)
    {
      g_autofree char *text = get_question (self);
      cab_feedback_draft_set_text (self->draft, text);
    }
}

void
cab_feedback_page_set_history_loading (CabFeedbackPage *self,
                                       gboolean         loading)
{
  self->history_loading = loading;
  gtk_widget_set_visible (GTK_WIDGET (self->history_spinner), loading);
  gtk_spinner_set_spinning (self->history_spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY_LOADING]);
}

static void
progress_cb (goffset  sent,
             goffset  total,
             gpointer user_data)
{
  CabFeedbackPage *self = user_data;

  if (!self->sending || total <= 0)
    return;

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP ((double) sent / total, 0.0, 1.0));
  {
    g_autofree char *done = g_format_size_full (sent, G_FORMAT_SIZE_IEC_UNITS);
    g_autofree char *all = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);
    /* Translators: "1.2 MiB of 10.5 MiB" */
    g_autofree char *text = g_strdup_printf (_("%s of %s"), done, all);
    gtk_progress_bar_set_text (self->progress_bar, text);
  }
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CabFeedbackPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CabFeedbackOutboxItem) item = self->sending_item != NULL ?
                                          g_object_ref (self->sending_item) : NULL;
  gint64 id;

  id = cab_feedback_outbox_send_finish (CAB_FEEDBACK_OUTBOX (object), result, &error);

  if (id > 0 && error == NULL)
    {
      set_sending (self, FALSE);
      clear_form (self);
      show_status (self, NULL, FALSE);
      toast (self, _("Message sent"));
      cab_feedback_page_reload_history (self);
      return;
    }

  if (cab_error_is_transient (error))
    {
      set_sending (self, FALSE);
      clear_form (self);
      show_status (self, _("The server cannot be reached now. Your message is saved and will be sent when the server is reachable."), FALSE);
      cab_feedback_page_rebuild_history (self);
      return;
    }

  /* Cancelled or refused: the form still holds the text, so the outbox copy goes, from the
   * outbox it was sent from and, after a login change meanwhile, from the one it moved to. */
  if (item != NULL)
    {
      CabFeedbackOutbox *sent_from = CAB_FEEDBACK_OUTBOX (object);
      const char *client_id = cab_feedback_outbox_item_get_client_id (item);
      CabFeedbackOutboxItem *moved;
      g_autoptr(GError) remove_error = NULL;

      if (!cab_feedback_outbox_remove (sent_from, item, &remove_error))
        g_message ("Could not remove a message from the outbox: %s", remove_error->message);
      if (self->outbox != NULL && self->outbox != sent_from &&
          (moved = cab_feedback_outbox_lookup (self->outbox, client_id)) != NULL)
        cab_feedback_outbox_remove (self->outbox, moved, NULL);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_status (self, _("Sending cancelled; the message was not sent"), FALSE);
  else if (g_error_matches (error, CAB_ERROR, CAB_ERROR_TOO_LARGE))
    {
      g_autofree char *words = cab_error_text (error);

      cab_feedback_page_show_label (self->file_error, words);
      show_status (self, _("The message was not sent"), TRUE);
    }
  else
    {
      g_autofree char *words = cab_error_text (error);
      g_autofree char *text = g_strdup_printf (_("The message was not sent: %s"), words);
      show_status (self, text, TRUE);
    }

  set_sending (self, FALSE);
  save_form_to_draft (self);
  cab_feedback_page_rebuild_history (self);
}

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(CabFeedbackPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CabFeedbackOutboxItem) item = NULL;

  item = cab_feedback_outbox_add_finish (CAB_FEEDBACK_OUTBOX (object), result, &error);
  if (item == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self, _("Sending cancelled; the message was not sent"), FALSE);
      else if (g_error_matches (error, CAB_ERROR, CAB_ERROR_TOO_LARGE))
        cab_feedback_page_show_label (self->file_error, error->message);
      else
        {
          g_autofree char *text = g_strdup_printf (_("The message could not be saved: %s"),
                                                   error->message);
          show_status (self, text, TRUE);
        }
      set_sending (self, FALSE);
      return;
    }

  /* In the outbox now: the draft would only send it a second time. */
  if (self->draft != NULL)
    cab_feedback_draft_clear (self->draft);

  if (cab_session_get_offline (self->session))
    {
      set_sending (self, FALSE);
      clear_form (self);
      show_status (self, _("You are offline. Your message is saved and will be sent when the server is reachable."), FALSE);
      cab_feedback_page_rebuild_history (self);
      return;
    }

  g_set_object (&self->sending_item, item);
  cab_feedback_page_rebuild_history (self);
  cab_feedback_outbox_send_async (CAB_FEEDBACK_OUTBOX (object), item, progress_cb, self,
                                  self->send_cancellable, send_cb, g_object_ref (self));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CabFeedbackPage *self = CAB_FEEDBACK_PAGE (widget);
  g_autofree char *text = get_question (self);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  glong n_chars = g_utf8_strlen (text, -1);

  if (self->sending)
    return;

  show_status (self, NULL, FALSE);
  if (*stripped == '\0')
    {
      cab_feedback_page_show_label (self->question_error, _("Describe your question"));
      gtk_widget_grab_focus (GTK_WIDGET (self->question_view));
      return;
    }
  if (n_chars > CAB_FEEDBACK_MAX_TEXT_CHARS)
    {
      g_autofree char *message =
        g_strdup_printf (_("The question has %ld characters; the limit is %d"),
                         n_chars, CAB_FEEDBACK_MAX_TEXT_CHARS);
      cab_feedback_page_show_label (self->question_error, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->question_view));
      return;
    }
  if (self->attach_cancellable != NULL)
    {
      /* The chosen file is still being checked. */
      cab_feedback_page_show_label (self->file_error, _("The attached file is still being checked"));
      return;
    }

  cab_feedback_page_show_label (self->file_error, NULL);
  if (self->outbox == NULL)
    {
      show_status (self, _("The message cannot be kept on this computer, so it was not sent"), TRUE);
      return;
    }
  self->send_cancellable = g_cancellable_new ();
  set_sending (self, TRUE);
  cab_feedback_outbox_add_async (self->outbox, NULL, text, self->attachment,
                                 self->send_cancellable, add_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CabFeedbackPage *self = CAB_FEEDBACK_PAGE (widget);

  if (self->send_cancellable != NULL)
    g_cancellable_cancel (self->send_cancellable);
}

static void
detach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CabFeedbackPage *self = CAB_FEEDBACK_PAGE (widget);

  cab_feedback_page_show_label (self->file_error, NULL);
  clear_attachment (self);
}

static void
on_chooser_response (CabFeedbackPage      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        cab_feedback_page_set_attachment (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CabFeedbackPage *self = CAB_FEEDBACK_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Attach File"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Attach"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

typedef struct
{
  CabFeedbackPage *self;
  GFile           *file;
  gboolean         from_draft;
} AttachCheck;

static void
attach_check_free (AttachCheck *check)
{
  g_clear_object (&check->self);
  g_clear_object (&check->file);
  g_free (check);
}

static void
query_info_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AttachCheck *check = user_data;
  CabFeedbackPage *self = check->self;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      attach_check_free (check);
      return;
    }

  g_clear_object (&self->attach_cancellable);

  if (info == NULL)
    {
      g_autofree char *text = NULL;

      if (check->from_draft)
        text = g_strdup (_("The file attached to your draft is no longer there"));
      else
        text = g_strdup_printf (_("The file could not be attached: %s"), error->message);
      cab_feedback_page_show_label (self->file_error, text);
      if (check->from_draft && self->draft != NULL)
        cab_feedback_draft_set_attachment (self->draft, NULL);
    }
  else if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      cab_feedback_page_show_label (self->file_error, _("Only a regular file can be attached"));
    }
  else if (g_file_info_get_size (info) > CAB_FEEDBACK_MAX_FILE_SIZE)
    {
      /* Refused before any upload, with the size and the limit. */
      g_autofree char *text = cab_feedback_too_large_message (g_file_info_get_size (info));
      cab_feedback_page_show_label (self->file_error, text);
      if (check->from_draft && self->draft != NULL)
        cab_feedback_draft_set_attachment (self->draft, NULL);
    }
  else
    {
      g_autofree char *path = g_file_get_path (check->file);

      cab_feedback_page_show_label (self->file_error, NULL);
      g_set_object (&self->attachment, check->file);
      self->attachment_size = g_file_info_get_size (info);
      show_attachment (self);
      if (self->draft != NULL)
        cab_feedback_draft_set_attachment (self->draft, path);
    }

  attach_check_free (check);
}

static void
start_attach (CabFeedbackPage *self,
              GFile           *file,
              gboolean         from_draft)
{
  AttachCheck *check;

  g_cancellable_cancel (self->attach_cancellable);
  g_clear_object (&self->attach_cancellable);
  self->attach_cancellable = g_cancellable_new ();
  cab_feedback_page_show_label (self->file_error, NULL);

  check = g_new0 (AttachCheck, 1);
  check->self = g_object_ref (self);
  check->file = g_object_ref (file);
  check->from_draft = from_draft;

  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           self->attach_cancellable, query_info_cb, check);
}

void
cab_feedback_page_set_attachment (CabFeedbackPage *self,
                                  GFile           *file)
{
  g_return_if_fail (CAB_IS_FEEDBACK_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->sending)
    return;
  start_attach (self, file, FALSE);
}

GFile *
cab_feedback_page_get_attachment (CabFeedbackPage *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_PAGE (self), NULL);
  return self->attachment;
}

static void
on_outbox_items_changed (CabFeedbackPage *self,
                         guint            position,
                         guint            removed,
                         guint            added,
                         GListModel      *model)
{
  cab_feedback_page_rebuild_history (self);
}

static void
on_outbox_delivered (CabFeedbackPage       *self,
                     CabFeedbackOutboxItem *item,
                     gint64                 id,
                     CabFeedbackOutbox     *outbox)
{
  /* A message sent by the outbox on its own: the history shows it as the server has it. */
  if (item != self->sending_item)
    cab_feedback_page_reload_history (self);
}

static void
on_outbox_problem (CabFeedbackPage   *self,
                   const char        *path,
                   const char        *message,
                   CabFeedbackOutbox *outbox)
{
  g_autofree char *text = g_strdup_printf (_("A saved message could not be read and was set aside: %s"),
                                           message);
  cab_feedback_page_show_label (self->history_error, text);
}

static void
on_session_offline_changed (CabFeedbackPage *self,
                            GParamSpec      *pspec,
                            CabSession      *session)
{
  if (!cab_session_get_offline (session))
    cab_feedback_page_reload_history (self);
}

static void
on_session_refresh (CabFeedbackPage *self,
                    CabSession      *session)
{
  /* The outbox flushes on the same signal (cab-session-services.c). */
  cab_feedback_page_reload_history (self);
}

static void
restore_draft (CabFeedbackPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *attachment;

  if (!cab_feedback_draft_load (self->draft, &error))
    {
      g_message ("Ignoring a damaged feedback draft: %s", error->message);
      return;
    }

  self->restoring = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->question_view),
                            cab_feedback_draft_get_text (self->draft), -1);
  self->restoring = FALSE;

  if ((attachment = cab_feedback_draft_get_attachment (self->draft)) != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (attachment);
      start_attach (self, file, TRUE);
    }
}

/* The draft beside the outbox: in the same login's folder, so both move together. */
static char *
draft_path_for (CabFeedbackOutbox *outbox)
{
  g_autofree char *user_dir = g_path_get_dirname (cab_feedback_outbox_get_directory (outbox));

  return g_build_filename (user_dir, "feedback-draft.json", NULL);
}

/* Follows the session's outbox: the one built at sign-in, then the one of a new login. */
static void
attach_outbox (CabFeedbackPage *self)
{
  CabFeedbackOutbox *outbox = cab_session_get_feedback_outbox (self->session);
  g_autofree char *draft_path = NULL;
  const GError *load_error;

  if (outbox == self->outbox)
    return;

  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  g_set_object (&self->outbox, outbox);
  if (outbox == NULL)
    {
      cab_feedback_page_rebuild_history (self);
      return;
    }

  if ((load_error = cab_feedback_outbox_get_load_error (outbox)) != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Saved messages could not be read: %s"),
                                               load_error->message);
      cab_feedback_page_show_label (self->history_error, text);
    }
  else if (cab_feedback_outbox_get_last_problem (outbox) != NULL)
    on_outbox_problem (self, NULL, cab_feedback_outbox_get_last_problem (outbox), outbox);
  g_signal_connect_object (outbox, "problem",
                           G_CALLBACK (on_outbox_problem), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (outbox, "items-changed",
                           G_CALLBACK (on_outbox_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (outbox, "delivered",
                           G_CALLBACK (on_outbox_delivered), self, G_CONNECT_SWAPPED);

  /* A new login's folder: the draft the services moved there is the one written from now on
   * (the form keeps what it shows). */
  draft_path = draft_path_for (outbox);
  if (self->draft == NULL || g_strcmp0 (cab_feedback_draft_get_path (self->draft), draft_path) != 0)
    {
      g_autoptr(GError) error = NULL;

      g_clear_object (&self->draft);
      self->draft = cab_feedback_draft_new (draft_path);
      if (!cab_feedback_draft_load (self->draft, &error))
        g_message ("Ignoring a damaged feedback draft: %s", error->message);
    }
  cab_feedback_page_rebuild_history (self);
}

static void
on_session_outbox_changed (CabFeedbackPage *self,
                           GParamSpec      *pspec,
                           CabSession      *session)
{
  attach_outbox (self);
}

/* The login is changing: the draft is written now, before the session's services move the
 * login's files (they run after this handler); attach_outbox() opens it again there. */
static void
on_session_login_changed (CabFeedbackPage *self,
                          GParamSpec      *pspec,
                          CabSession      *session)
{
  g_clear_object (&self->draft);
}

static void
cab_feedback_page_constructed (GObject *object)
{
  CabFeedbackPage *self = (CabFeedbackPage *)object;

  G_OBJECT_CLASS (cab_feedback_page_parent_class)->constructed (object);

  g_return_if_fail (self->session != NULL);

  attach_outbox (self);
  /* Opened by attach_outbox(); the form shows it. */
  if (self->draft != NULL)
    restore_draft (self);
  update_counter (self);

  g_signal_connect_object (self->session, "notify::offline",
                           G_CALLBACK (on_session_offline_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::login",
                           G_CALLBACK (on_session_login_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::feedback-outbox",
                           G_CALLBACK (on_session_outbox_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "refresh",
                           G_CALLBACK (on_session_refresh), self, G_CONNECT_SWAPPED);

  cab_feedback_page_rebuild_history (self);
  cab_feedback_page_reload_history (self);
}

static void
cab_feedback_page_dispose (GObject *object)
{
  CabFeedbackPage *self = (CabFeedbackPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->attach_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* Writes a draft still waiting for its debounce. */
  g_clear_object (&self->draft);

  /* AdwBin owns the template's toplevel child; it unparents it itself. */
  adw_bin_set_child (ADW_BIN (self), NULL);

  G_OBJECT_CLASS (cab_feedback_page_parent_class)->dispose (object);
}

static void
cab_feedback_page_finalize (GObject *object)
{
  CabFeedbackPage *self = (CabFeedbackPage *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->send_cancellable);
  g_clear_object (&self->attach_cancellable);
  g_clear_object (&self->outbox);
  g_clear_object (&self->attachment);
  g_clear_object (&self->sending_item);
  g_clear_pointer (&self->server_messages, g_ptr_array_unref);

  G_OBJECT_CLASS (cab_feedback_page_parent_class)->finalize (object);
}

static void
cab_feedback_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CabFeedbackPage *self = CAB_FEEDBACK_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SENDING:
      g_value_set_boolean (value, self->sending);
      break;

    case PROP_HISTORY_LOADING:
      g_value_set_boolean (value, self->history_loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_feedback_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CabFeedbackPage *self = CAB_FEEDBACK_PAGE (object);

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
cab_feedback_page_class_init (CabFeedbackPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cab_feedback_page_constructed;
  object_class->dispose = cab_feedback_page_dispose;
  object_class->finalize = cab_feedback_page_finalize;
  object_class->get_property = cab_feedback_page_get_property;
  object_class->set_property = cab_feedback_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CAB_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SENDING] =
    g_param_spec_boolean ("sending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY_LOADING] =
    g_param_spec_boolean ("history-loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/cab-feedback-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CabFeedbackPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CabFeedbackPage, question_view);
  gtk_widget_class_bind_template_child (widget_class, CabFeedbackPage, question_error);
  gtk_widget_class_bind_template_child (widget_class, CabFeedbackPage, counter_label);
  gtk_widget_class_bind_template_child (widget_class, CabFeedbackPage, file_label);
  gtk_widget_class_bind_template_child (widget_class, CabFeedbackPage, detach_button);
  gtk_widget_class_bind_template_child (widget_class, CabFeedbackPage, file_error);
  gtk_widget_class_bind_template_child (widget_class, CabFeedbackPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, CabFeedbackPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CabFeedbackPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CabFeedbackPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CabFeedbackPage, history_spinner);
  gtk_widget_class_bind_template_child (widget_class, CabFeedbackPage, history_error);
  gtk_widget_class_bind_template_child (widget_class, CabFeedbackPage, history_list);

  gtk_widget_class_install_action (widget_class, "feedback.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "feedback.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "feedback.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "feedback.detach", NULL, detach_action);
}

static void
cab_feedback_page_init (CabFeedbackPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->question_view), "changed",
                           G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

GtkWidget *
cab_feedback_page_new (CabSession *session)
{
  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);

  return g_object_new (CAB_TYPE_FEEDBACK_PAGE, "session", session, NULL);
}

CabSession *
cab_feedback_page_get_session (CabFeedbackPage *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_PAGE (self), NULL);
  return self->session;
}

CabFeedbackOutbox *
cab_feedback_page_get_outbox (CabFeedbackPage *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_PAGE (self), NULL);
  return self->outbox;
}

gboolean
cab_feedback_page_get_sending (CabFeedbackPage *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_PAGE (self), FALSE);
  return self->sending;
}

gboolean
cab_feedback_page_get_history_loading (CabFeedbackPage *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_PAGE (self), FALSE);
  return self->history_loading;
}
