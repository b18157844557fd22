/* cab-feedback-outbox.h: feedback messages waiting to be sent, kept on disk so none is lost.
 *
 * Each message lives in DIR/<client_id>.json (0600) with its attachment copied to
 * DIR/<client_id>/<original name> (folders 0700). The client_id travels with every attempt,
 * so the server keeps one message however often it is resent. A message leaves the disk only
 * after the server has answered for it. The outbox is a GListModel of CabFeedbackOutboxItem,
 * oldest first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-api-client.h"
#include "cab-feedback-outbox-item.h"

G_BEGIN_DECLS

#define CAB_TYPE_FEEDBACK_OUTBOX (cab_feedback_outbox_get_type ())
G_DECLARE_FINAL_TYPE (CabFeedbackOutbox, cab_feedback_outbox, CAB, FEEDBACK_OUTBOX, GObject)

/* One path component made safe as the offline store does it: anything but ASCII letters,
 * digits and "_-+@:." (and a leading '.') becomes %XX; "" becomes "_". */
char              *cab_feedback_escape_component        (const char            *text);
/* $XDG_DATA_HOME/tek-cabinet/<server_id>/<login> (components escaped): the offline store's
 * folder of that user. */
char              *cab_feedback_user_dir                (const char            *server_id,
                                                         const char            *login);

/* "The file is 12.3 MiB; the limit is 10.0 MiB" for a file of @size bytes. */
char              *cab_feedback_too_large_message       (goffset                size);

/* @api may be NULL (nothing is sent until one is set). */
CabFeedbackOutbox *cab_feedback_outbox_new              (const char            *directory,
                                                         CabApiClient          *api);
const char        *cab_feedback_outbox_get_directory    (CabFeedbackOutbox     *self);
void               cab_feedback_outbox_set_api          (CabFeedbackOutbox     *self,
                                                         CabApiClient          *api);

/* Creates the folder (0700) and reads every message in it. A file that cannot be read is
 * renamed to *.corrupt, reported with the "problem" signal and skipped; the others load.
 * Fails only when the folder itself cannot be made or listed. */
gboolean           cab_feedback_outbox_load             (CabFeedbackOutbox     *self,
                                                         GError               **error);
/* How many files the last load skipped. */
guint              cab_feedback_outbox_get_n_skipped    (CabFeedbackOutbox     *self);
/* Why the last load failed, or NULL; and the message of the last file it set aside, or NULL
 * (what "problem" said, for a page that comes after the load). */
const GError      *cab_feedback_outbox_get_load_error   (CabFeedbackOutbox     *self);
const char        *cab_feedback_outbox_get_last_problem (CabFeedbackOutbox     *self);

/* Writes a new message (copying @attachment, which may be NULL) in a worker thread.
 * @client_id NULL: a new one is generated. A file over CAB_FEEDBACK_MAX_FILE_SIZE fails with
 * CAB_ERROR_TOO_LARGE. The item is in the model when the callback runs. */
void               cab_feedback_outbox_add_async        (CabFeedbackOutbox     *self,
                                                         const char            *client_id,
                                                         const char            *text,
                                                         GFile                 *attachment,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
CabFeedbackOutboxItem *cab_feedback_outbox_add_finish   (CabFeedbackOutbox     *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);

CabFeedbackOutboxItem *cab_feedback_outbox_lookup       (CabFeedbackOutbox     *self,
                                                         const char            *client_id);
/* Deletes @item from disk and from the model. */
gboolean           cab_feedback_outbox_remove           (CabFeedbackOutbox     *self,
                                                         CabFeedbackOutboxItem *item,
                                                         GError               **error);

/* Sends @item now with its client_id. On success it is removed and "delivered" is emitted;
 * on a transient failure it stays and a retry is scheduled; on any other failure it stays,
 * marked failed (not retried automatically). Returns the server's message id. */
void               cab_feedback_outbox_send_async       (CabFeedbackOutbox     *self,
                                                         CabFeedbackOutboxItem *item,
                                                         CabApiProgressFunc     progress,
                                                         gpointer               progress_data,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
gint64             cab_feedback_outbox_send_finish      (CabFeedbackOutbox     *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);

/* Tries every waiting message now, one after another; stops at the first transient failure
 * and retries later with a growing delay. Does nothing while a flush runs. */
void               cab_feedback_outbox_flush            (CabFeedbackOutbox     *self);
/* Going online flushes at once and resets the delay ("online" property). */
void               cab_feedback_outbox_set_online       (CabFeedbackOutbox     *self,
                                                         gboolean               online);
gboolean           cab_feedback_outbox_get_online       (CabFeedbackOutbox     *self);
/* The first retry delay and its ceiling (default 5 s and 5 min); it doubles each failure. */
void               cab_feedback_outbox_set_retry_delays (CabFeedbackOutbox     *self,
                                                         guint                  first_ms,
                                                         guint                  max_ms);
/* The delay of the retry now scheduled, or 0 when none is. */
guint              cab_feedback_outbox_get_retry_delay  (CabFeedbackOutbox     *self);
/* Messages not yet delivered (including failed ones). */
guint              cab_feedback_outbox_get_n_waiting    (CabFeedbackOutbox     *self);

G_END_DECLS
