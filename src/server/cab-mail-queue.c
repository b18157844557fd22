/* cab-mail-queue.c: outgoing mail, queued in the store with what causes it.
 *
 * The message is composed once, here: a retry sends the same bytes with the same Message-ID.
 * CabMailWorker delivers the queue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-mail-queue.h"
#include "cab-mailer.h"

static GFunc notify_func;
static gpointer notify_data;

void
cab_mail_queue_set_notify (GFunc    on_queued,
                           gpointer data)
{
  notify_func = on_queued;
  notify_data = data;
}

gboolean
cab_mail_queue_add (CabStore    *store,
                    const char  *to,
                    const char  *subject,
                    const char  *body,
                    gint64       now,
                    GError     **error)
{
  g_autofree char *message_id = NULL;
  g_autofree char *message = cab_mailer_compose (to, subject, body, now, &message_id, error);

  if (message == NULL
      || cab_store_enqueue_mail (store, message_id, to, message, now, error) == 0)
    return FALSE;
  if (notify_func != NULL)
    notify_func (notify_data, NULL);
  return TRUE;
}
