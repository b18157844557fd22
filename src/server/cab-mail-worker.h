/* cab-mail-worker.h: delivers the store's mail queue from a thread of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-mailer.h"
#include "cab-smtp-sender.h"
#include "cab-store.h"

G_BEGIN_DECLS

#define CAB_TYPE_MAIL_WORKER (cab_mail_worker_get_type ())
G_DECLARE_FINAL_TYPE (CabMailWorker, cab_mail_worker, CAB, MAIL_WORKER, GObject)

/* @store: a connection for the worker's thread alone. Delivers through @smtp, or when it is
 * NULL into @folder's .eml files, with @from (NULL: the development default) as the sender.
 * @clock_offset: seconds added to the real time, as the server's clock does (tests). */
CabMailWorker *cab_mail_worker_new   (CabStore      *store,
                                      CabSmtpSender *smtp,
                                      CabMailer     *folder,
                                      const char    *from,
                                      gint64         clock_offset);
void           cab_mail_worker_start (CabMailWorker *self);
/* Looks at the queue now rather than at the next poll (any thread). */
void           cab_mail_worker_wake  (CabMailWorker *self);
/* Without a thread (a command-line tool): delivers what is due now, one attempt each, and
 * returns how many were sent. Not while the thread runs. */
guint          cab_mail_worker_deliver_due (CabMailWorker *self);
/* Interrupts a transfer in progress (the message stays queued) and waits for the thread. */
void           cab_mail_worker_stop  (CabMailWorker *self);

G_END_DECLS
