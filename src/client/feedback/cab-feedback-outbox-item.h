/* cab-feedback-outbox-item.h: one message waiting in the feedback outbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CAB_TYPE_FEEDBACK_OUTBOX_ITEM (cab_feedback_outbox_item_get_type ())
G_DECLARE_FINAL_TYPE (CabFeedbackOutboxItem, cab_feedback_outbox_item, CAB, FEEDBACK_OUTBOX_ITEM, GObject)

/* @attachment is the outbox's own copy (or NULL); its basename is the original file name. */
CabFeedbackOutboxItem *cab_feedback_outbox_item_new            (const char            *client_id,
                                                                const char            *text,
                                                                GDateTime             *created_at,
                                                                GFile                 *attachment,
                                                                gint64                 attachment_size);
const char            *cab_feedback_outbox_item_get_client_id  (CabFeedbackOutboxItem *self);
const char            *cab_feedback_outbox_item_get_text       (CabFeedbackOutboxItem *self);
GDateTime             *cab_feedback_outbox_item_get_created_at (CabFeedbackOutboxItem *self);
/* The copied attachment, or NULL. */
GFile                 *cab_feedback_outbox_item_get_attachment (CabFeedbackOutboxItem *self);
/* The original file name, or NULL. */
char                  *cab_feedback_outbox_item_dup_file_name  (CabFeedbackOutboxItem *self);
gint64                 cab_feedback_outbox_item_get_attachment_size (CabFeedbackOutboxItem *self);

/* TRUE while a send of this item is in flight ("sending" property). */
gboolean               cab_feedback_outbox_item_get_sending    (CabFeedbackOutboxItem *self);
void                   cab_feedback_outbox_item_set_sending    (CabFeedbackOutboxItem *self,
                                                                gboolean               sending);
/* Why the server refused it for good (not retried any more), or NULL ("failure" property). */
const char            *cab_feedback_outbox_item_get_failure    (CabFeedbackOutboxItem *self);
void                   cab_feedback_outbox_item_set_failure    (CabFeedbackOutboxItem *self,
                                                                const char            *failure);

G_END_DECLS
