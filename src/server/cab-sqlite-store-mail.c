/* cab-sqlite-store-mail.c: the SQLite store's mail queue (cab-mail-queue.h); on PostgreSQL
 * it is in cab-pg-store-admin.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-sqlite-store-private.h"

#define prep cab_sqlite_store_prepare
#define set_sqlite_error cab_sqlite_store_set_error
#define step_done cab_sqlite_store_step_done
#define bind_text cab_sqlite_bind_text
#define column_text cab_sqlite_column_text

static gint64
store_enqueue_mail (CabStore    *store,
                    const char  *message_id,
                    const char  *recipient,
                    const char  *message,
                    gint64       now,
                    GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "INSERT INTO mail_queue (message_id, recipient, message,"
                                   " created_at, next_attempt) VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, message_id);
  bind_text (stmt, 2, recipient);
  bind_text (stmt, 3, message);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, now);
  if (!step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (cab_sqlite_store_get_handle (self));
}

static CabStoreMail *
store_claim_due_mail (CabStore  *store,
                      gint64     now,
                      gint64     lease_until,
                      GError   **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  g_autoptr(CabStoreMail) mail = NULL;
  int rc;

  /* A read first: polling an empty queue then takes no write lock (and does not wait behind
   * a long import's). */
  stmt = prep (self, "SELECT 1 FROM mail_queue WHERE state = 0 AND next_attempt <= ? LIMIT 1",
               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  /* One statement, so one write lock: two workers never claim the same row. */
  stmt = prep (self, "UPDATE mail_queue SET next_attempt = ?2, attempts = attempts + 1"
                     " WHERE id = (SELECT id FROM mail_queue"
                     "   WHERE state = 0 AND next_attempt <= ?1"
                     "   ORDER BY next_attempt, id LIMIT 1)"
                     " RETURNING id, message_id, recipient, message, created_at, attempts",
               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, lease_until);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      mail = g_new0 (CabStoreMail, 1);
      mail->id = sqlite3_column_int64 (stmt, 0);
      mail->message_id = column_text (stmt, 1);
      mail->recipient = column_text (stmt, 2);
      mail->message = column_text (stmt, 3);
      mail->created_at = sqlite3_column_int64 (stmt, 4);
      mail->attempts = (guint) sqlite3_column_int64 (stmt, 5);
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  if (mail != NULL && mail->message == NULL)
    mail->message = g_strdup ("");
  return g_steal_pointer (&mail);
}

static gboolean
store_mark_mail_sent (CabStore *store, gint64 id, gint64 now, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "UPDATE mail_queue SET state = 1, sent_at = ?,"
                                   " message = NULL, last_error = NULL WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  return step_done (self, stmt, error);
}

static gboolean
store_mark_mail_failed (CabStore    *store,
                        gint64       id,
                        gint64       next_attempt,
                        gboolean     give_up,
                        const char  *reason,
                        GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "UPDATE mail_queue SET state = ?, next_attempt = ?,"
                                   " last_error = ? WHERE id = ? AND state = 0", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, give_up ? 2 : 0);
  sqlite3_bind_int64 (stmt, 2, next_attempt);
  bind_text (stmt, 3, reason);
  sqlite3_bind_int64 (stmt, 4, id);
  return step_done (self, stmt, error);
}

static gint64
store_count_queued_mail (CabStore *store, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT count(*) FROM mail_queue WHERE state = 0", error);
  gint64 count;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      set_sqlite_error (self, error);
      return -1;
    }
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

void
cab_sqlite_store_mail_iface_init (CabStoreInterface *iface)
{
  iface->enqueue_mail = store_enqueue_mail;
  iface->claim_due_mail = store_claim_due_mail;
  iface->mark_mail_sent = store_mark_mail_sent;
  iface->mark_mail_failed = store_mark_mail_failed;
  iface->count_queued_mail = store_count_queued_mail;
}
