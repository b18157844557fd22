/* cab-feedback-page-private.h: the Feedback page's state, shared by the page
 * (cab-feedback-page.c) and its history (cab-feedback-page-history.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-feedback-draft.h"
#include "cab-feedback-page.h"

G_BEGIN_DECLS

struct _CabFeedbackPage
{
  AdwBin                 parent_instance;

  CabSession            *session;
  GCancellable          *cancellable;      /* the page's lifetime */
  GCancellable          *send_cancellable; /* the message being sent */
  GCancellable          *attach_cancellable;
  CabFeedbackOutbox     *outbox;           /* the session's, followed when it is replaced */
  CabFeedbackDraft      *draft;            /* beside the outbox, in the login's folder */
  GFile                 *attachment;
  goffset                attachment_size;
  GPtrArray             *server_messages;  /* of CabFeedbackMessage, newest first */
  CabFeedbackOutboxItem *sending_item;
  GtkFileChooserNative  *chooser;
  gboolean               sending;
  gboolean               history_loading;
  gboolean               restoring;

  AdwToastOverlay       *toast_overlay;
  GtkTextView           *question_view;
  GtkLabel              *question_error;
  GtkLabel              *counter_label;
  GtkLabel              *file_label;
  GtkButton             *detach_button;
  GtkLabel              *file_error;
  GtkButton             *send_button;
  GtkProgressBar        *progress_bar;
  GtkButton             *cancel_button;
  GtkLabel              *status_label;
  GtkSpinner            *history_spinner;
  GtkLabel              *history_error;
  GtkListBox            *history_list;
};

/* cab-feedback-page.c */
void cab_feedback_page_show_label          (GtkLabel        *label,
                                            const char      *message);
void cab_feedback_page_set_history_loading (CabFeedbackPage *self,
                                            gboolean         loading);

/* cab-feedback-page-history.c (cab_feedback_page_reload_history() is public) */
void cab_feedback_page_rebuild_history     (CabFeedbackPage *self);

G_END_DECLS
