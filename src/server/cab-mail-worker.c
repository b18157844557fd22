/* cab-mail-worker.c: delivers the store's mail queue from a thread of its own.
 *
 * The thread claims the oldest due message with a lease (cab_store_claim_due_mail), sends it,
 * and marks it sent; a failure makes it due again after an exponential backoff (1, 2, 4...
 * minutes, at most an hour, given up after five days). The server wakes it when a transaction
 * that queued mail has ended (cab_mail_queue_set_notify); it also polls twice a second, for
 * mail queued by other processes (tek-cabinet-admin) and retries, with one index look-up.
 *
 * What a crash can do: killed before the relay's final "250" the message was not accepted and
 * is sent again when its lease ends; killed between that "250" and the commit of "sent" (a
 * window of one local SQLite write) it is sent a second time, with the same Message-ID and
 * the same bytes, so the relay or the reader's client can recognise the copy. Nothing queued
 * is lost; no message is ever composed twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-error.h"
#include "cab-mail-worker.h"

#define POLL_INTERVAL      (500 * G_TIME_SPAN_MILLISECOND)
#define DEFAULT_RETRY_BASE 60
#define DEFAULT_RETRY_MAX  3600
/* Longer than a transfer can take (cab-smtp-sender.c: 120 s in all). */
#define DEFAULT_LEASE      300
#define GIVE_UP_AFTER      (5 * 24 * 3600)

struct _CabMailWorker
{
  GObject        parent_instance;
  CabStore      *store;
  CabSmtpSender *smtp;
  CabMailer     *folder;
  char          *from_header;
  char          *from;
  gint64         clock_offset;
  gint64         retry_base;
  gint64         retry_max;
  gint64         lease;
  GThread       *thread;
  GCancellable  *cancellable;
  GMutex         lock;
  GCond          wake;
  gboolean       woken;
  gboolean       stopping;
};

G_DEFINE_FINAL_TYPE (CabMailWorker, cab_mail_worker, G_TYPE_OBJECT)

static void
cab_mail_worker_finalize (GObject *object)
{
  CabMailWorker *self = CAB_MAIL_WORKER (object);

  cab_mail_worker_stop (self);
  g_clear_object (&self->store);
  g_clear_object (&self->smtp);
  g_clear_object (&self->folder);
  g_clear_object (&self->cancellable);
  g_free (self->from_header);
  g_free (self->from);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);
  G_OBJECT_CLASS (cab_mail_worker_parent_class)->finalize (object);
}

static void
cab_mail_worker_class_init (CabMailWorkerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cab_mail_worker_finalize;
}

/* Tests shorten the backoff and the lease. */
static gint64
env_seconds (const char *name,
             gint64      fallback)
{
  const char *text = g_getenv (name);
  gint64 value = text ? g_ascii_strtoll (text, NULL, 10) : 0;

  return value > 0 ? value : fallback;
}

static void
cab_mail_worker_init (CabMailWorker *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  self->cancellable = g_cancellable_new ();
  self->retry_base = env_seconds ("CAB_SERVER_MAIL_RETRY_BASE", DEFAULT_RETRY_BASE);
  self->retry_max = env_seconds ("CAB_SERVER_MAIL_RETRY_MAX", DEFAULT_RETRY_MAX);
  self->lease = env_seconds ("CAB_SERVER_MAIL_LEASE", DEFAULT_LEASE);
}

CabMailWorker *
cab_mail_worker_new (CabStore      *store,
                     CabSmtpSender *smtp,
                     CabMailer     *folder,
                     const char    *from,
                     gint64         clock_offset)
{
  CabMailWorker *self = g_object_new (CAB_TYPE_MAIL_WORKER, NULL);

  g_return_val_if_fail (smtp != NULL || folder != NULL, NULL);
  self->store = g_object_ref (store);
  self->smtp = smtp ? g_object_ref (smtp) : NULL;
  self->folder = folder ? g_object_ref (folder) : NULL;
  self->from = g_strdup (from != NULL ? from : "no-reply@tek-energo.example");
  self->from_header = cab_mailer_from_header (from);
  self->clock_offset = clock_offset;
  return self;
}

static gint64
worker_now (CabMailWorker *self)
{
  return g_get_real_time () / G_USEC_PER_SEC + self->clock_offset;
}

static gint64
backoff (CabMailWorker *self,
         guint          attempts)
{
  gint64 delay = self->retry_base;

  for (guint i = 1; i < attempts && delay < self->retry_max; i++)
    delay *= 2;
  return MIN (delay, self->retry_max);
}

static gboolean
deliver (CabMailWorker  *self,
         CabStoreMail   *mail,
         GError        **error)
{
  g_autofree char *full = g_strconcat (self->from_header, mail->message, NULL);

  if (self->smtp != NULL)
    return cab_smtp_sender_send (self->smtp, self->from, mail->recipient, full,
                                 self->cancellable, error);
  else
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (mail->created_at);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *stamp = g_date_time_format (local, "%Y%m%dT%H%M%S");
      /* Named by the queue's row: a second delivery of a message replaces its file. */
      g_autofree char *stem = g_strdup_printf ("%s-%08" G_GINT64_FORMAT, stamp, mail->id);
      g_autofree char *path = cab_mailer_write (self->folder, stem, full, error);

      return path != NULL;
    }
}

typedef enum
{
  NONE_DUE,
  SENT,
  FAILED,
} Outcome;

static Outcome
deliver_one (CabMailWorker *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabStoreMail) mail = NULL;
  gint64 now = worker_now (self);

  mail = cab_store_claim_due_mail (self->store, now, now + self->lease, &error);
  if (mail == NULL)
    {
      if (error != NULL)
        g_message ("Mail queue: %s", error->message);
      return NONE_DUE;
    }

  if (deliver (self, mail, &error))
    {
      g_autoptr(GError) mark_error = NULL;

      /* If this fails, the lease ends and the message goes again: same Message-ID. */
      if (!cab_store_mark_mail_sent (self->store, mail->id, worker_now (self), &mark_error))
        g_message ("Mail %s sent, but not marked so: %s", mail->message_id,
                   mark_error->message);
      return SENT;
    }
  else
    {
      g_autoptr(GError) mark_error = NULL;
      gboolean stopping = g_cancellable_is_cancelled (self->cancellable);
      gboolean give_up = !stopping && now - mail->created_at >= GIVE_UP_AFTER;
      gint64 next = stopping ? now : now + backoff (self, mail->attempts);

      if (give_up)
        g_message ("Mail %s given up after %u attempts: %s", mail->message_id, mail->attempts,
                   error->message);
      else if (!stopping)
        g_message ("Mail %s not delivered (attempt %u), next in %" G_GINT64_FORMAT " s: %s",
                   mail->message_id, mail->attempts, next - now, error->message);
      if (!cab_store_mark_mail_failed (self->store, mail->id, next, give_up, error->message,
                                       &mark_error))
        g_message ("Mail queue: %s", mark_error->message);
      return FAILED;
    }
}

static gpointer
run (gpointer user_data)
{
  CabMailWorker *self = user_data;

  g_mutex_lock (&self->lock);
  while (!self->stopping)
    {
      gboolean handled;

      g_mutex_unlock (&self->lock);
      /* After a failure, wait for the next poll rather than hammer a relay that is down. */
      handled = deliver_one (self) == SENT;
      g_mutex_lock (&self->lock);
      if (!handled && !self->stopping && !self->woken)
        g_cond_wait_until (&self->wake, &self->lock, g_get_monotonic_time () + POLL_INTERVAL);
      self->woken = FALSE;
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

void
cab_mail_worker_wake (CabMailWorker *self)
{
  g_mutex_lock (&self->lock);
  self->woken = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

guint
cab_mail_worker_deliver_due (CabMailWorker *self)
{
  guint sent = 0;
  Outcome outcome;

  g_return_val_if_fail (self->thread == NULL, 0);
  /* A failed message is due again only after its backoff, so this ends. */
  while ((outcome = deliver_one (self)) != NONE_DUE)
    if (outcome == SENT)
      sent++;
  return sent;
}

void
cab_mail_worker_start (CabMailWorker *self)
{
  g_return_if_fail (self->thread == NULL);
  self->thread = g_thread_new ("cab-mail", run, self);
}

void
cab_mail_worker_stop (CabMailWorker *self)
{
  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->thread, g_thread_join);
}
