/* cab-mail-queue.h: outgoing mail, queued in the store with what causes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-store.h"

G_BEGIN_DECLS

/* Composes the message (UTF-8 @subject and @body, dated @now, a new Message-ID) and queues it
 * in @store, due at once. Call it inside the transaction that causes the mail, so that the
 * mail is queued if and only if that commits. CAB_ERROR_INVALID_EMAIL for a recipient that
 * could inject headers. */
gboolean     cab_mail_queue_add  (CabStore    *store,
                                  const char  *to,
                                  const char  *subject,
                                  const char  *body,
                                  gint64       now,
                                  GError     **error);

/* @on_queued (@data) is called on the queuing thread after each message is queued, before
 * the transaction ends. NULL: nothing is called. Set it at start-up and at shutdown only. */
void         cab_mail_queue_set_notify (GFunc        on_queued,
                                        gpointer     data);

G_END_DECLS
