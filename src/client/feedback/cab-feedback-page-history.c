/* cab-feedback-page-history.c: the Feedback page's history: the outbox's waiting messages,
 * newest first, then what the server has.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cab-feedback-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cab-core.h"
#include "cab-error-text.h"
#include "cab-feedback-page.h"
#include "cab-feedback-page-private.h"

static const char *
status_to_text (CabFeedbackStatus status)
{
  switch (status)
    {
    case CAB_FEEDBACK_RECEIVED:
      return _("Received");
    case CAB_FEEDBACK_IN_PROGRESS:
      return _("In progress");
    case CAB_FEEDBACK_ANSWERED:
      return _("Answered");
    default:
      return "";
    }
}

static GtkWidget *
make_history_row (GDateTime  *created_at,
                  const char *text,
                  const char *file_name,
                  const char *status)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) local = g_date_time_to_local (created_at);
  g_autofree char *date = g_date_time_format (local, "%d.%m.%Y %H:%M");
  g_autofree char *subtitle = NULL;
  g_autofree char *a11y = NULL;

  if (file_name != NULL)
    subtitle = g_strdup_printf ("%s · %s · %s", date, file_name, status);
  else
    subtitle = g_strdup_printf ("%s · %s", date, status);

  /* The user's own text is shown as it is, never as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

  a11y = g_strdup_printf ("%s. %s", subtitle, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
  return row;
}

void
cab_feedback_page_rebuild_history (CabFeedbackPage *self)
{
  GtkListBoxRow *row;
  guint n_waiting;

  /* Rows only: the list's first child may be its placeholder. */
  while ((row = gtk_list_box_get_row_at_index (self->history_list, 0)) != NULL)
    gtk_list_box_remove (self->history_list, GTK_WIDGET (row));

  /* Newest first: the outbox's waiting messages are newer than anything the server has. */
  n_waiting = self->outbox != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->outbox)) : 0;
  for (guint i = n_waiting; i > 0; i--)
    {
      g_autoptr(CabFeedbackOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->outbox),
                                                                     i - 1);
      g_autofree char *file_name = cab_feedback_outbox_item_dup_file_name (item);
      g_autofree char *status = NULL;
      const char *failure = cab_feedback_outbox_item_get_failure (item);

      if (item == self->sending_item)
        status = g_strdup (_("Sending…"));
      else if (failure != NULL)
        status = g_strdup_printf (_("Not sent: %s"), failure);
      else
        status = g_strdup (_("Waiting to be sent"));

      gtk_list_box_append (self->history_list,
                           make_history_row (cab_feedback_outbox_item_get_created_at (item),
                                             cab_feedback_outbox_item_get_text (item),
                                             file_name, status));
    }

  for (guint i = 0; self->server_messages != NULL && i < self->server_messages->len; i++)
    {
      CabFeedbackMessage *message = g_ptr_array_index (self->server_messages, i);

      gtk_list_box_append (self->history_list,
                           make_history_row (message->created_at, message->text,
                                             message->file_name,
                                             status_to_text (message->status)));
    }
}

static void
list_feedback_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CabFeedbackPage) self = user_data;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;

  messages = cab_api_client_list_feedback_finish (CAB_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (messages == NULL)
    {
      g_autofree char *words = cab_error_text (error);
      g_autofree char *text = g_strdup_printf (_("The history could not be loaded: %s"), words);
      cab_feedback_page_show_label (self->history_error, text);
    }
  else
    {
      cab_feedback_page_show_label (self->history_error, NULL);
      g_clear_pointer (&self->server_messages, g_ptr_array_unref);
      self->server_messages = g_steal_pointer (&messages);
    }

  cab_feedback_page_rebuild_history (self);
  cab_feedback_page_set_history_loading (self, FALSE);
}

void
cab_feedback_page_reload_history (CabFeedbackPage *self)
{
  g_return_if_fail (CAB_IS_FEEDBACK_PAGE (self));

  cab_feedback_page_set_history_loading (self, TRUE);
  cab_api_client_list_feedback_async (cab_session_get_api (self->session), self->cancellable,
                                      list_feedback_cb, g_object_ref (self));
}

