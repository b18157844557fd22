/* cab-sqlite-store-admin.c: the CabStore methods of the supplier's desk (tek-cabinet-admin)
 * on SQLite: the import's upserts, feedback, users, the supplier's requisites, statistics and
 * the online backup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "cab-sqlite-store-private.h"

#define prep cab_sqlite_store_prepare
#define set_error cab_sqlite_store_set_error
#define exec cab_sqlite_store_exec
#define step_done cab_sqlite_store_step_done
#define bind_text cab_sqlite_bind_text
#define column_text cab_sqlite_column_text

static gint64
last_id (CabSqliteStore *self)
{
  return sqlite3_last_insert_rowid (cab_sqlite_store_get_handle (self));
}

static gboolean
same_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  return g_strcmp0 ((const char *) sqlite3_column_text (stmt, column), text) == 0;
}

/* ---- the import's upserts ---- */

static gint64
store_upsert_partner (CabStore         *store,
                      const CabPartner *partner,
                      CabStoreChange   *out_change,
                      GError          **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT id, name, address, contacts FROM partners"
                                   " WHERE dp_code = ?", error);
  const char *contacts = partner->contacts ? partner->contacts : "";
  gint64 id = 0;
  gboolean same = FALSE;
  int rc;

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, partner->dp_code);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      same = same_text (stmt, 1, partner->name) && same_text (stmt, 2, partner->address)
             && same_text (stmt, 3, contacts);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_error (self, error), 0;

  if (id != 0 && same)
    {
      *out_change = CAB_STORE_UNCHANGED;
      return id;
    }
  if (id != 0)
    {
      stmt = prep (self, "UPDATE partners SET name = ?, address = ?, contacts = ? WHERE id = ?",
                   error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 4, id);
      *out_change = CAB_STORE_CHANGED;
    }
  else
    {
      stmt = prep (self, "INSERT INTO partners (name, address, contacts, dp_code)"
                         " VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return 0;
      bind_text (stmt, 4, partner->dp_code);
      *out_change = CAB_STORE_ADDED;
    }
  bind_text (stmt, 1, partner->name);
  bind_text (stmt, 2, partner->address);
  bind_text (stmt, 3, contacts);
  if (!step_done (self, stmt, error))
    return 0;
  return id != 0 ? id : last_id (self);
}

static gboolean
store_upsert_account (CabStore          *store,
                      gint64             partner_id,
                      const CabContract *c,
                      const GDate       *opening_date,
                      CabMoney           opening_balance,
                      CabStoreChange    *out_change,
                      GError           **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self,
    "SELECT partner_id, contract_number, contract_date, branch_name, branch_address, inn, kpp,"
    " opening_date, opening_balance FROM accounts WHERE account = ?", error);
  gboolean exists = FALSE, same = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, c->account);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      exists = TRUE;
      same = sqlite3_column_int64 (stmt, 0) == partner_id
             && same_text (stmt, 1, c->contract_number)
             && sqlite3_column_int64 (stmt, 2) == g_date_get_julian (&c->contract_date)
             && same_text (stmt, 3, c->branch_name) && same_text (stmt, 4, c->branch_address)
             && same_text (stmt, 5, c->inn) && same_text (stmt, 6, c->kpp)
             && sqlite3_column_int64 (stmt, 7) == g_date_get_julian (opening_date)
             && sqlite3_column_int64 (stmt, 8) == opening_balance;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_error (self, error);

  if (exists && same)
    {
      *out_change = CAB_STORE_UNCHANGED;
      return TRUE;
    }
  if (exists)
    {
      stmt = prep (self, "UPDATE accounts SET partner_id = ?, contract_number = ?,"
                         " contract_date = ?, branch_name = ?, branch_address = ?, inn = ?,"
                         " kpp = ?, opening_date = ?, opening_balance = ? WHERE account = ?",
                   error);
      *out_change = CAB_STORE_CHANGED;
    }
  else
    {
      stmt = prep (self, "INSERT INTO accounts (partner_id, contract_number, contract_date,"
                         " branch_name, branch_address, inn, kpp, opening_date, opening_balance,"
                         " account, bill1_issue_day, bill1_due_day, bill2_issue_day,"
                         " bill2_due_day, invoice_due_day)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      *out_change = CAB_STORE_ADDED;
    }
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, partner_id);
  bind_text (stmt, 2, c->contract_number);
  sqlite3_bind_int64 (stmt, 3, g_date_get_julian (&c->contract_date));
  bind_text (stmt, 4, c->branch_name);
  bind_text (stmt, 5, c->branch_address);
  bind_text (stmt, 6, c->inn);
  bind_text (stmt, 7, c->kpp);
  sqlite3_bind_int64 (stmt, 8, g_date_get_julian (opening_date));
  sqlite3_bind_int64 (stmt, 9, opening_balance);
  bind_text (stmt, 10, c->account);
  if (!exists)
    {
      sqlite3_bind_int (stmt, 11, c->terms.bill1_issue_day);
      sqlite3_bind_int (stmt, 12, c->terms.bill1_due_day);
      sqlite3_bind_int (stmt, 13, c->terms.bill2_issue_day);
      sqlite3_bind_int (stmt, 14, c->terms.bill2_due_day);
      sqlite3_bind_int (stmt, 15, c->terms.invoice_due_day);
    }
  return step_done (self, stmt, error);
}

static void
bind_nullable (sqlite3_stmt *stmt,
               int           column,
               gboolean      present,
               gint64        value)
{
  if (present)
    sqlite3_bind_int64 (stmt, column, value);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
same_nullable (sqlite3_stmt *stmt,
               int           column,
               gboolean      present,
               gint64        value)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return !present;
  return present && sqlite3_column_int64 (stmt, column) == value;
}

static gint64
store_upsert_entry (CabStore        *store,
                    const char      *account,
                    const CabEntry  *entry,
                    const char      *number,
                    const char      *title,
                    CabStoreChange  *out_change,
                    GError         **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT id, amount, title, volume_wh, period FROM entries"
                                   " WHERE account = ? AND number = ? AND kind = ? AND date = ?"
                                   " ORDER BY id LIMIT 1", error);
  CabVolume volume;
  gboolean has_volume = cab_store_entry_volume (entry, &volume);
  guint32 period = cab_store_entry_period (entry);
  gint64 id = 0;
  gboolean same = FALSE;
  int rc;

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, account);
  bind_text (stmt, 2, number);
  sqlite3_bind_int (stmt, 3, entry->kind);
  sqlite3_bind_int64 (stmt, 4, g_date_get_julian (&entry->date));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      same = sqlite3_column_int64 (stmt, 1) == entry->amount && same_text (stmt, 2, title)
             && same_nullable (stmt, 3, has_volume, volume)
             && same_nullable (stmt, 4, period != 0, period);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_error (self, error), 0;

  if (id != 0 && same)
    {
      *out_change = CAB_STORE_UNCHANGED;
      return id;
    }
  if (id != 0)
    {
      stmt = prep (self, "UPDATE entries SET amount = ?, title = ?, volume_wh = ?, period = ?"
                         " WHERE id = ?", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 5, id);
      *out_change = CAB_STORE_CHANGED;
    }
  else
    {
      stmt = prep (self, "INSERT INTO entries (amount, title, volume_wh, period, account, number,"
                         " kind, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return 0;
      bind_text (stmt, 5, account);
      bind_text (stmt, 6, number);
      sqlite3_bind_int (stmt, 7, entry->kind);
      sqlite3_bind_int64 (stmt, 8, g_date_get_julian (&entry->date));
      *out_change = CAB_STORE_ADDED;
    }
  sqlite3_bind_int64 (stmt, 1, entry->amount);
  bind_text (stmt, 2, title);
  bind_nullable (stmt, 3, has_volume, volume);
  bind_nullable (stmt, 4, period != 0, period);
  if (!step_done (self, stmt, error))
    return 0;
  return id != 0 ? id : last_id (self);
}

static gint64
store_find_entry (CabStore         *store,
                  const char       *account,
                  const char       *number,
                  CabDocumentKind   kind,
                  GError          **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT id FROM entries WHERE account = ? AND number = ?"
                                   " AND kind IN (?, ?) ORDER BY date DESC, id DESC LIMIT 1",
                             error);
  CabEntryKind a, b;
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return 0;
  switch (kind)
    {
    case CAB_DOCUMENT_INVOICE:
    case CAB_DOCUMENT_VOLUME_ACT:
      a = b = CAB_ENTRY_INVOICE;
      break;
    case CAB_DOCUMENT_CORRECTION_INVOICE:
    case CAB_DOCUMENT_CORRECTION_VOLUME_ACT:
      a = b = CAB_ENTRY_CORRECTION;
      break;
    case CAB_DOCUMENT_ADVANCE_BILL:
    default:
      a = CAB_ENTRY_ADVANCE_BILL_1;
      b = CAB_ENTRY_ADVANCE_BILL_2;
      break;
    }
  bind_text (stmt, 1, account);
  bind_text (stmt, 2, number);
  sqlite3_bind_int (stmt, 3, a);
  sqlite3_bind_int (stmt, 4, b);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_error (self, error), 0;
  return id;
}

static char *
store_get_document_sha256 (CabStore         *store,
                           gint64            entry_id,
                           CabDocumentKind   kind,
                           GError          **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT sha256 FROM documents WHERE entry_id = ? AND kind = ?"
                                   " ORDER BY id LIMIT 1", error);
  char *sha256 = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int (stmt, 2, kind);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    sha256 = column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    set_error (self, error);
  return sha256;
}

static gint64
store_upsert_document (CabStore         *store,
                       gint64            entry_id,
                       CabDocumentKind   kind,
                       const char       *title,
                       const char       *file_name,
                       GBytes           *pdf,
                       const char       *sha256,
                       CabStoreChange   *out_change,
                       GError          **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT id, sha256, title, file_name FROM documents"
                                   " WHERE entry_id = ? AND kind = ? ORDER BY id LIMIT 1", error);
  g_autofree char *old_sha256 = NULL;
  gint64 id = 0;
  gboolean same = FALSE;
  gsize size = 0;
  gconstpointer data;
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int (stmt, 2, kind);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      old_sha256 = column_text (stmt, 1);
      same = g_strcmp0 (old_sha256, sha256) == 0 && same_text (stmt, 2, title)
             && same_text (stmt, 3, file_name);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_error (self, error), 0;
  if (id != 0 && same)
    {
      *out_change = CAB_STORE_UNCHANGED;
      return id;
    }

  /* The same file under another document is stored once. */
  data = g_bytes_get_data (pdf, &size);
  stmt = prep (self, "INSERT OR IGNORE INTO pdf_blobs (sha256, data) VALUES (?, ?)", error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, sha256);
  sqlite3_bind_blob64 (stmt, 2, data ? data : "", size, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return 0;

  if (id != 0)
    {
      stmt = prep (self, "UPDATE documents SET title = ?, file_name = ?, sha256 = ?, size = ?,"
                         " spec = NULL WHERE id = ?", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 5, id);
      *out_change = CAB_STORE_CHANGED;
    }
  else
    {
      stmt = prep (self, "INSERT INTO documents (title, file_name, sha256, size, entry_id, kind)"
                         " VALUES (?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 5, entry_id);
      sqlite3_bind_int (stmt, 6, kind);
      *out_change = CAB_STORE_ADDED;
    }
  bind_text (stmt, 1, title);
  bind_text (stmt, 2, file_name);
  bind_text (stmt, 3, sha256);
  sqlite3_bind_int64 (stmt, 4, size);
  if (!step_done (self, stmt, error))
    return 0;
  if (id == 0)
    id = last_id (self);

  /* A replaced file nobody uses any more goes. */
  if (old_sha256 != NULL && g_strcmp0 (old_sha256, sha256) != 0)
    {
      stmt = prep (self, "DELETE FROM pdf_blobs WHERE sha256 = ?1 AND NOT EXISTS"
                         " (SELECT 1 FROM documents WHERE sha256 = ?1)", error);
      if (stmt == NULL)
        return 0;
      bind_text (stmt, 1, old_sha256);
      if (!step_done (self, stmt, error))
        return 0;
    }
  return id;
}

/* ---- feedback ---- */

#define FEEDBACK_COLUMNS \
  "f.id, f.user_id, u.login, p.dp_code, f.created_at, f.text, f.file_name, f.file_size," \
  " f.status"
#define FEEDBACK_FROM \
  " FROM feedback f JOIN users u ON u.id = f.user_id JOIN partners p ON p.id = u.partner_id"

static CabStoreFeedback *
read_feedback (sqlite3_stmt *stmt)
{
  CabStoreFeedback *f = g_new0 (CabStoreFeedback, 1);

  f->id = sqlite3_column_int64 (stmt, 0);
  f->user_id = sqlite3_column_int64 (stmt, 1);
  f->login = column_text (stmt, 2);
  f->dp_code = column_text (stmt, 3);
  f->created_at = sqlite3_column_int64 (stmt, 4);
  f->text = column_text (stmt, 5);
  f->file_name = column_text (stmt, 6);
  f->file_size = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 7);
  f->status = (CabFeedbackStatus) sqlite3_column_int (stmt, 8);
  return f;
}

static GPtrArray *
store_list_all_feedback (CabStore  *store,
                         gboolean   unanswered_only,
                         GError   **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = unanswered_only
    ? prep (self, "SELECT " FEEDBACK_COLUMNS FEEDBACK_FROM " WHERE f.status != 2"
                  " ORDER BY f.id", error)
    : prep (self, "SELECT " FEEDBACK_COLUMNS FEEDBACK_FROM " ORDER BY f.id", error);
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  G_STATIC_ASSERT (CAB_FEEDBACK_ANSWERED == 2);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_store_feedback_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_feedback (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_error (self, error), NULL;
  return g_steal_pointer (&list);
}

static CabStoreFeedback *
store_get_feedback (CabStore  *store,
                    gint64     id,
                    GBytes   **out_file,
                    GError   **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT " FEEDBACK_COLUMNS ", f.file" FEEDBACK_FROM
                                   " WHERE f.id = ?", error);
  CabStoreFeedback *f;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        set_error (self, error);
      else
        g_set_error (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No feedback message %" G_GINT64_FORMAT,
                     id);
      return NULL;
    }
  f = read_feedback (stmt);
  if (out_file != NULL)
    *out_file = sqlite3_column_type (stmt, 9) == SQLITE_NULL
                ? NULL
                : g_bytes_new (sqlite3_column_blob (stmt, 9), sqlite3_column_bytes (stmt, 9));
  sqlite3_reset (stmt);
  return f;
}

static gboolean
store_set_feedback_status (CabStore           *store,
                           gint64              id,
                           CabFeedbackStatus   status,
                           GError            **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "UPDATE feedback SET status = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, status);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (cab_sqlite_store_get_handle (self)) == 0)
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
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT " CAB_SQLITE_USER_COLUMNS " ORDER BY u.login", error);
  g_autoptr(GPtrArray) users = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  users = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_store_user_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (users, cab_sqlite_store_user_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_error (self, error), NULL;
  return g_steal_pointer (&users);
}

static CabStoreUser *
store_get_user_by_partner (CabStore  *store,
                           gint64     partner_id,
                           GError   **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT " CAB_SQLITE_USER_COLUMNS " WHERE u.partner_id = ?", error);
  CabStoreUser *user = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, partner_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    user = cab_sqlite_store_user_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    set_error (self, error);
  return user;
}

static gboolean
store_set_user_disabled (CabStore  *store,
                         gint64     user_id,
                         gboolean   disabled,
                         GError   **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt;

  if (!exec (self, "SAVEPOINT cab_admin", error))
    return FALSE;
  stmt = prep (self, "UPDATE users SET disabled = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, disabled ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, user_id);
  if (!step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (cab_sqlite_store_get_handle (self)) == 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No such user");
      goto fail;
    }
  if (disabled)
    {
      stmt = prep (self, "DELETE FROM sessions WHERE user_id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, user_id);
      if (!step_done (self, stmt, error))
        goto fail;
    }
  if (!exec (self, "RELEASE cab_admin", error))
    goto fail;
  return TRUE;

fail:
  exec (self, "ROLLBACK TO cab_admin; RELEASE cab_admin", NULL);
  return FALSE;
}

/* ---- the supplier's requisites ---- */

static CabSupplier *
store_get_supplier (CabStore  *store,
                    GError   **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT value FROM settings WHERE key = 'supplier'", error);
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json = column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_error (self, error), NULL;
  if (json == NULL)
    return cab_supplier_new ();
  if (!(node = cab_json_parse_object (json, strlen (json), error)))
    return NULL;
  return cab_supplier_from_json (node, error);
}

static gboolean
store_set_supplier (CabStore           *store,
                    const CabSupplier  *supplier,
                    GError            **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "INSERT INTO settings (key, value) VALUES ('supplier', ?)"
                                   " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             error);
  g_autoptr(JsonNode) node = cab_supplier_to_json (supplier);
  g_autofree char *json = cab_json_to_string (node);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, json);
  return step_done (self, stmt, error);
}

/* ---- statistics ---- */

static gboolean
store_get_stats (CabStore       *store,
                 CabStoreStats  *out,
                 GError        **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self,
    "SELECT (SELECT count(*) FROM partners), (SELECT count(*) FROM accounts),"
    " (SELECT count(*) FROM users), (SELECT count(*) FROM entries),"
    " (SELECT count(*) FROM documents), (SELECT count(*) FROM feedback WHERE status != 2)",
    error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return set_error (self, error);
    }
  out->partners = sqlite3_column_int64 (stmt, 0);
  out->accounts = sqlite3_column_int64 (stmt, 1);
  out->users = sqlite3_column_int64 (stmt, 2);
  out->entries = sqlite3_column_int64 (stmt, 3);
  out->documents = sqlite3_column_int64 (stmt, 4);
  out->unanswered_feedback = sqlite3_column_int64 (stmt, 5);
  sqlite3_reset (stmt);
  out->queued_mail = cab_store_count_queued_mail (CAB_STORE (self), error);
  return out->queued_mail >= 0;
}

/* ---- not in the interface: SQLite's own ---- */

void
cab_sqlite_store_set_import_mode (CabSqliteStore *self)
{
  /* 64 MiB of page cache; a bigger transaction spills to the WAL instead of growing. */
  exec (self, "PRAGMA cache_size = -65536; PRAGMA temp_store = FILE;", NULL);
}

gboolean
cab_sqlite_store_backup (CabSqliteStore  *self,
                         const char      *path,
                         GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.%08x.tmp", dir, base, g_random_int ());
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                    | SQLITE_OPEN_EXCLUSIVE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INTERNAL, "Cannot create “%s”: %s", tmp,
                   dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      goto fail;
    }
  backup = sqlite3_backup_init (dest, "main", cab_sqlite_store_get_handle (self), "main");
  if (backup == NULL)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INTERNAL, "Cannot back up: %s",
                   sqlite3_errmsg (dest));
      goto fail;
    }
  /* All pages in one step: one read transaction, so the copy is one consistent state while
   * the server goes on writing to the WAL (a step-wise copy would restart on every write). */
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INTERNAL, "Cannot back up: %s",
                   sqlite3_errstr (rc));
      goto fail;
    }
  /* A single self-contained file, checked before it replaces anything. */
  {
    sqlite3_stmt *stmt = NULL;
    gboolean ok = FALSE;

    if (sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) == SQLITE_OK
        && sqlite3_prepare_v2 (dest, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK
        && sqlite3_step (stmt) == SQLITE_ROW)
      ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
    sqlite3_finalize (stmt);
    if (!ok)
      {
        g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INTERNAL,
                             "The copy failed its integrity check");
        goto fail;
      }
  }
  if (sqlite3_close (dest) != SQLITE_OK)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INTERNAL, "Cannot close the copy");
      dest = NULL;
      goto fail;
    }
  dest = NULL;
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "Cannot write “%s”: %s",
                   path, g_strerror (saved));
      goto fail;
    }
  return TRUE;

fail:
  if (dest != NULL)
    sqlite3_close (dest);
  g_unlink (tmp);
  return FALSE;
}

void
cab_sqlite_store_admin_iface_init (CabStoreInterface *iface)
{
  iface->upsert_partner = store_upsert_partner;
  iface->upsert_account = store_upsert_account;
  iface->upsert_entry = store_upsert_entry;
  iface->find_entry = store_find_entry;
  iface->get_document_sha256 = store_get_document_sha256;
  iface->upsert_document = store_upsert_document;
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
