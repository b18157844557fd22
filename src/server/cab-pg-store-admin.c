/* cab-pg-store-admin.c: the PostgreSQL store's mail queue, and the methods of the supplier's
 * desk (tek-cabinet-admin): feedback, users, the supplier's requisites and statistics. Each
 * is its SQLite twin's SQL (cab-sqlite-store.c, cab-sqlite-store-admin.c) in PostgreSQL's
 * words. The import's upserts are in cab-pg-store-import.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cab-pg-store-private.h"

/* ---- the mail queue ---- */

static gint64
store_enqueue_mail (CabStore    *store,
                    const char  *message_id,
                    const char  *recipient,
                    const char  *message,
                    gint64       now,
                    GError     **error)
{
  CabPgParams p = { 0 };
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  cab_pg_param_text (&p, message_id);
  cab_pg_param_text (&p, recipient);
  cab_pg_param_text (&p, message);
  cab_pg_param_int (&p, now);
  id = cab_pg_run_int (CONN (store), "INSERT INTO mail_queue (message_id, recipient, message,"
                                     " created_at, next_attempt) VALUES ($1, $2, $3, $4, $4)"
                                     " RETURNING id", &p, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  return id;
}

static CabStoreMail *
store_claim_due_mail (CabStore  *store,
                      gint64     now,
                      gint64     lease_until,
                      GError   **error)
{
  CabPgParams p = { 0 };
  g_autoptr(PGresult) res = NULL;
  CabStoreMail *mail;

  /* One statement; SKIP LOCKED: a row another instance is claiming is passed over, never
   * claimed twice, and the claim does not wait behind it. */
  cab_pg_param_int (&p, now);
  cab_pg_param_int (&p, lease_until);
  res = cab_pg_run (CONN (store),
                    "UPDATE mail_queue SET next_attempt = $2, attempts = attempts + 1"
                    " WHERE id = (SELECT id FROM mail_queue"
                    "   WHERE state = 0 AND next_attempt <= $1"
                    "   ORDER BY next_attempt, id LIMIT 1 FOR UPDATE SKIP LOCKED)"
                    " RETURNING id, message_id, recipient, message, created_at, attempts",
                    &p, error);
  if (res == NULL || PQntuples (res) == 0)
    return NULL;
  mail = g_new0 (CabStoreMail, 1);
  mail->id = cab_pg_get_int (res, 0, 0);
  mail->message_id = cab_pg_get_text (res, 0, 1);
  mail->recipient = cab_pg_get_text (res, 0, 2);
  mail->message = cab_pg_get_text (res, 0, 3);
  mail->created_at = cab_pg_get_int (res, 0, 4);
  mail->attempts = (guint) cab_pg_get_int (res, 0, 5);
  if (mail->message == NULL)
    mail->message = g_strdup ("");
  return mail;
}

static gboolean
store_mark_mail_sent (CabStore *store, gint64 id, gint64 now, GError **error)
{
  CabPgParams p = { 0 };

  cab_pg_param_int (&p, now);
  cab_pg_param_int (&p, id);
  return cab_pg_run_done (CONN (store), "UPDATE mail_queue SET state = 1, sent_at = $1,"
                                        " message = NULL, last_error = NULL WHERE id = $2",
                          &p, error);
}

static gboolean
store_mark_mail_failed (CabStore    *store,
                        gint64       id,
                        gint64       next_attempt,
                        gboolean     give_up,
                        const char  *reason,
                        GError     **error)
{
  CabPgParams p = { 0 };

  cab_pg_param_int (&p, give_up ? 2 : 0);
  cab_pg_param_int (&p, next_attempt);
  cab_pg_param_text (&p, reason);
  cab_pg_param_int (&p, id);
  return cab_pg_run_done (CONN (store), "UPDATE mail_queue SET state = $1, next_attempt = $2,"
                                        " last_error = $3 WHERE id = $4 AND state = 0",
                          &p, error);
}

static gint64
store_count_queued_mail (CabStore *store, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 count;

  count = cab_pg_run_int (CONN (store), "SELECT count(*) FROM mail_queue WHERE state = 0", NULL,
                          &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  return count;
}

/* ---- feedback ---- */

#define FEEDBACK_COLUMNS \
  "f.id, f.user_id, u.login, p.dp_code, f.created_at, f.text, f.file_name, f.file_size," \
  " f.status"
#define FEEDBACK_FROM \
  " FROM feedback f JOIN users u ON u.id = f.user_id JOIN partners p ON p.id = u.partner_id"

static CabStoreFeedback *
read_feedback (PGresult *res, int row)
{
  CabStoreFeedback *f = g_new0 (CabStoreFeedback, 1);

  f->id = cab_pg_get_int (res, row, 0);
  f->user_id = cab_pg_get_int (res, row, 1);
  f->login = cab_pg_get_text (res, row, 2);
  f->dp_code = cab_pg_get_text (res, row, 3);
  f->created_at = cab_pg_get_int (res, row, 4);
  f->text = cab_pg_get_text (res, row, 5);
  f->file_name = cab_pg_get_text (res, row, 6);
  f->file_size = PQgetisnull (res, row, 7) ? -1 : cab_pg_get_int (res, row, 7);
  f->status = (CabFeedbackStatus) cab_pg_get_int (res, row, 8);
  return f;
}

static GPtrArray *
store_list_all_feedback (CabStore  *store,
                         gboolean   unanswered_only,
                         GError   **error)
{
  g_autoptr(PGresult) res = NULL;
  GPtrArray *list;

  G_STATIC_ASSERT (CAB_FEEDBACK_ANSWERED == 2);
  res = unanswered_only
    ? cab_pg_run (CONN (store), "SELECT " FEEDBACK_COLUMNS FEEDBACK_FROM " WHERE f.status != 2"
                                " ORDER BY f.id", NULL, error)
    : cab_pg_run (CONN (store), "SELECT " FEEDBACK_COLUMNS FEEDBACK_FROM " ORDER BY f.id", NULL,
                  error);
  if (res == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_store_feedback_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (list, read_feedback (res, i));
  return list;
}

static CabStoreFeedback *
store_get_feedback (CabStore  *store,
                    gint64     id,
                    GBytes   **out_file,
                    GError   **error)
{
  CabPgParams p = { 0 };
  g_autoptr(PGresult) res = NULL;
  g_autoptr(CabStoreFeedback) f = NULL;

  cab_pg_param_int (&p, id);
  res = cab_pg_run (CONN (store), "SELECT " FEEDBACK_COLUMNS FEEDBACK_FROM " WHERE f.id = $1",
                    &p, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No feedback message %" G_GINT64_FORMAT,
                   id);
      return NULL;
    }
  f = read_feedback (res, 0);
  if (out_file != NULL)
    {
      g_autoptr(PGresult) file = NULL;

      /* The attachment in binary (bytea), apart from the text columns. */
      file = cab_pg_run_full (CONN (store), "SELECT file FROM feedback WHERE id = $1", &p, 1,
                              error);
      if (file == NULL)
        return NULL;
      *out_file = PQntuples (file) == 0 || PQgetisnull (file, 0, 0)
                  ? NULL
                  : g_bytes_new (PQgetvalue (file, 0, 0), PQgetlength (file, 0, 0));
    }
  return g_steal_pointer (&f);
}

/* How many rows the statement changed: -1 with @error set when it failed. */
static gint64
run_changes (CabPgConn *conn, const char *sql, const CabPgParams *p, GError **error)
{
  g_autoptr(PGresult) res = cab_pg_run (conn, sql, p, error);

  if (res == NULL)
    return -1;
  return g_ascii_strtoll (PQcmdTuples (res), NULL, 10);
}

static gboolean
store_set_feedback_status (CabStore           *store,
                           gint64              id,
                           CabFeedbackStatus   status,
                           GError            **error)
{
  CabPgParams p = { 0 };
  gint64 changed;

  cab_pg_param_int (&p, status);
  cab_pg_param_int (&p, id);
  changed = run_changes (CONN (store), "UPDATE feedback SET status = $1 WHERE id = $2", &p,
                         error);
  if (changed < 0)
    return FALSE;
  if (changed == 0)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No feedback message %" G_GINT64_FORMAT,
                   id);
      return FALSE;
    }
  return TRUE;
}

/* ---- users ---- */

static GPtrArray *
store_list_users (CabStore  *store,
                  GError   **error)
{
  g_autoptr(PGresult) res = NULL;
  GPtrArray *users;

  /* COLLATE "C": SQLite's order. */
  res = cab_pg_run (CONN (store), "SELECT " CAB_PG_USER_COLUMNS " ORDER BY u.login COLLATE \"C\"",
                    NULL, error);
  if (res == NULL)
    return NULL;
  users = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_store_user_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (users, cab_pg_store_user_from_row (res, i));
  return users;
}

static CabStoreUser *
store_get_user_by_partner (CabStore  *store,
                           gint64     partner_id,
                           GError   **error)
{
  CabPgParams p = { 0 };
  g_autoptr(PGresult) res = NULL;

  cab_pg_param_int (&p, partner_id);
  res = cab_pg_run (CONN (store), "SELECT " CAB_PG_USER_COLUMNS " WHERE u.partner_id = $1", &p,
                    error);
  if (res == NULL || PQntuples (res) == 0)
    return NULL;
  return cab_pg_store_user_from_row (res, 0);
}

static gboolean
store_set_user_disabled (CabStore  *store,
                         gint64     user_id,
                         gboolean   disabled,
                         GError   **error)
{
  CabPgConn *conn = CONN (store);
  CabPgParams p = { 0 };
  g_autoptr(GError) local_error = NULL;
  gint64 changed;

  if (!cab_pg_savepoint (conn, error))
    return FALSE;
  cab_pg_param_int (&p, disabled ? 1 : 0);
  cab_pg_param_int (&p, user_id);
  changed = run_changes (conn, "UPDATE users SET disabled = $1 WHERE id = $2", &p, &local_error);
  if (changed < 0)
    goto fail;
  if (changed == 0)
    {
      g_set_error_literal (&local_error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No such user");
      goto fail;
    }
  if (disabled)
    {
      p.n = 0;
      cab_pg_param_int (&p, user_id);
      if (!cab_pg_run_done (conn, "DELETE FROM sessions WHERE user_id = $1", &p, &local_error))
        goto fail;
    }
  if (!cab_pg_release (conn, &local_error))
    goto fail;
  return TRUE;

fail:
  cab_pg_rollback_savepoint (conn);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ---- the supplier's requisites ---- */

static CabSupplier *
store_get_supplier (CabStore  *store,
                    GError   **error)
{
  g_autoptr(PGresult) res = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *json;

  res = cab_pg_run (CONN (store), "SELECT value FROM settings WHERE key = 'supplier'", NULL,
                    error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    return cab_supplier_new ();
  json = PQgetvalue (res, 0, 0);
  if (!(node = cab_json_parse_object (json, strlen (json), error)))
    return NULL;
  return cab_supplier_from_json (node, error);
}

static gboolean
store_set_supplier (CabStore           *store,
                    const CabSupplier  *supplier,
                    GError            **error)
{
  g_autoptr(JsonNode) node = cab_supplier_to_json (supplier);
  g_autofree char *json = cab_json_to_string (node);
  CabPgParams p = { 0 };

  cab_pg_param_text (&p, json);
  return cab_pg_run_done (CONN (store), "INSERT INTO settings (key, value) VALUES ('supplier', $1)"
                                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          &p, error);
}

/* ---- statistics ---- */

static gboolean
store_get_stats (CabStore       *store,
                 CabStoreStats  *out,
                 GError        **error)
{
  g_autoptr(PGresult) res = NULL;

  res = cab_pg_run (CONN (store),
    "SELECT (SELECT count(*) FROM partners), (SELECT count(*) FROM accounts),"
    " (SELECT count(*) FROM users), (SELECT count(*) FROM entries),"
    " (SELECT count(*) FROM documents), (SELECT count(*) FROM feedback WHERE status != 2),"
    " (SELECT count(*) FROM mail_queue WHERE state = 0)", NULL, error);
  if (res == NULL)
    return FALSE;
  out->partners = cab_pg_get_int (res, 0, 0);
  out->accounts = cab_pg_get_int (res, 0, 1);
  out->users = cab_pg_get_int (res, 0, 2);
  out->entries = cab_pg_get_int (res, 0, 3);
  out->documents = cab_pg_get_int (res, 0, 4);
  out->unanswered_feedback = cab_pg_get_int (res, 0, 5);
  out->queued_mail = cab_pg_get_int (res, 0, 6);
  return TRUE;
}

void
cab_pg_store_admin_iface_init (CabStoreInterface *iface)
{
  iface->enqueue_mail = store_enqueue_mail;
  iface->claim_due_mail = store_claim_due_mail;
  iface->mark_mail_sent = store_mark_mail_sent;
  iface->mark_mail_failed = store_mark_mail_failed;
  iface->count_queued_mail = store_count_queued_mail;
  iface->list_all_feedback = store_list_all_feedback;
  iface->get_feedback = store_get_feedback;
  iface->set_feedback_status = store_set_feedback_status;
  iface->list_users = store_list_users;
  iface->set_user_disabled = store_set_user_disabled;
  iface->get_user_by_partner = store_get_user_by_partner;
  iface->get_supplier = store_get_supplier;
  iface->set_supplier = store_set_supplier;
  iface->get_stats = store_get_stats;
}
