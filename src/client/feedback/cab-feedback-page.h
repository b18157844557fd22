/* cab-feedback-page.h: the Feedback page (manual 4.4): a question with one optional file,
 * sent at once or kept in the outbox until the server is back, and the history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-feedback-outbox.h"
#include "cab-session.h"

G_BEGIN_DECLS

#define CAB_TYPE_FEEDBACK_PAGE (cab_feedback_page_get_type ())
G_DECLARE_FINAL_TYPE (CabFeedbackPage, cab_feedback_page, CAB, FEEDBACK_PAGE, AdwBin)

GtkWidget         *cab_feedback_page_new              (CabSession      *session);
CabSession        *cab_feedback_page_get_session      (CabFeedbackPage *self);
CabFeedbackOutbox *cab_feedback_page_get_outbox       (CabFeedbackPage *self);

/* What "Attach File" does once a file is chosen: the file is checked (size, type) without
 * blocking; one over 10 MiB is refused with its size and the limit. */
void               cab_feedback_page_set_attachment   (CabFeedbackPage *self,
                                                       GFile           *file);
GFile             *cab_feedback_page_get_attachment   (CabFeedbackPage *self);

/* TRUE from "Send" until the message is delivered, queued or refused ("sending"). */
gboolean           cab_feedback_page_get_sending      (CabFeedbackPage *self);
/* TRUE while the history is fetched ("history-loading"). */
gboolean           cab_feedback_page_get_history_loading (CabFeedbackPage *self);
/* Fetches the history again (also on the session's "refresh" and when back online). */
void               cab_feedback_page_reload_history   (CabFeedbackPage *self);

G_END_DECLS
