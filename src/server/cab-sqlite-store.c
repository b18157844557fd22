/* cab-sqlite-store.c: CabStore on SQLite.
 *
 * Dates are stored as Julian day numbers and money as kopecks, both integers: compact, and
 * range queries on (account, date) use one index. Kinds are stored as the core enums' values.
 * Every statement is prepared once (persistent) with bound parameters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "cab-sqlite-store.h"
#include "cab-sqlite-store-private.h"

struct _CabSqliteStore
{
  GObject     parent_instance;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text pointer -> sqlite3_stmt */
};

static void cab_sqlite_store_iface_init (CabStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CabSqliteStore, cab_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CAB_TYPE_STORE, cab_sqlite_store_iface_init))

/* Each element migrates from version i to i + 1. Append only. */
static const char * const migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE partners ("
  "  id INTEGER PRIMARY KEY,"
  "  dp_code TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  address TEXT NOT NULL,"
  "  contacts TEXT NOT NULL);"
  "CREATE TABLE accounts ("
  "  account TEXT PRIMARY KEY,"
  "  partner_id INTEGER NOT NULL REFERENCES partners (id),"
  "  contract_number TEXT NOT NULL,"
  "  contract_date INTEGER NOT NULL,"
  "  branch_name TEXT,"
  "  branch_address TEXT,"
  "  inn TEXT NOT NULL,"
  "  kpp TEXT NOT NULL,"
  "  bill1_issue_day INTEGER NOT NULL,"
  "  bill1_due_day INTEGER NOT NULL,"
  "  bill2_issue_day INTEGER NOT NULL,"
  "  bill2_due_day INTEGER NOT NULL,"
  "  invoice_due_day INTEGER NOT NULL,"
  "  opening_date INTEGER NOT NULL,"
  "  opening_balance INTEGER NOT NULL) WITHOUT ROWID;"
  "CREATE INDEX accounts_partner ON accounts (partner_id);"
  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  partner_id INTEGER NOT NULL UNIQUE REFERENCES partners (id),"
  "  login TEXT NOT NULL UNIQUE,"
  "  email TEXT NOT NULL,"
  "  phone TEXT,"
  "  subscribed INTEGER NOT NULL DEFAULT 0,"
  "  must_change_password INTEGER NOT NULL DEFAULT 0,"
  "  password_hash TEXT NOT NULL,"
  "  password_expires INTEGER NOT NULL DEFAULT 0,"
  "  temp_hash TEXT,"
  "  temp_expires INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE visible_accounts ("
  "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  account TEXT NOT NULL REFERENCES accounts (account),"
  "  PRIMARY KEY (user_id, account)) WITHOUT ROWID;"
  "CREATE TABLE sessions ("
  "  token_hash TEXT PRIMARY KEY,"
  "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  created INTEGER NOT NULL,"
  "  last_used INTEGER NOT NULL) WITHOUT ROWID;"
  "CREATE INDEX sessions_user ON sessions (user_id);"
  "CREATE TABLE entries ("
  "  id INTEGER PRIMARY KEY,"
  "  account TEXT NOT NULL REFERENCES accounts (account),"
  "  kind INTEGER NOT NULL,"
  "  date INTEGER NOT NULL,"
  "  amount INTEGER NOT NULL,"
  "  number TEXT,"
  "  title TEXT);"
  "CREATE INDEX entries_account_date ON entries (account, date);"
  "CREATE TABLE pdf_blobs ("
  "  id INTEGER PRIMARY KEY,"
  "  sha256 TEXT NOT NULL UNIQUE,"
  "  data BLOB NOT NULL);"
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  entry_id INTEGER NOT NULL REFERENCES entries (id),"
  "  kind INTEGER NOT NULL,"
  "  title TEXT NOT NULL,"
  "  file_name TEXT NOT NULL,"
  "  spec TEXT,"
  "  sha256 TEXT REFERENCES pdf_blobs (sha256),"
  "  size INTEGER);"
  "CREATE INDEX documents_entry ON documents (entry_id);"
  "CREATE INDEX documents_unrendered ON documents (id) WHERE sha256 IS NULL;"
  "CREATE TABLE feedback ("
  "  id INTEGER PRIMARY KEY,"
  "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  client_id TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  file_name TEXT,"
  "  file_size INTEGER,"
  "  file BLOB,"
  "  status INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (user_id, client_id));",
  /* 1 -> 2: the ledger is read from the index alone (no table look-up per entry). */
  "DROP INDEX entries_account_date;"
  "CREATE INDEX entries_ledger ON entries (account, date, kind, amount);",
  /* The supplier can disable a user (tek-cabinet-admin users disable). */
  "ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;",
  /* The import identifies an entry by (account, kind, number, date) and keeps the volume
   * of invoices and corrections. */
  "ALTER TABLE entries ADD COLUMN volume_kwh INTEGER;"
  "CREATE INDEX entries_identity ON entries (account, number, kind, date);",
  /* The supplier's own settings (its requisites as JSON under "supplier"). */
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL) WITHOUT ROWID;",
  /* The outgoing mail queue (issue 12). state: 0 queued, 1 sent, 2 given up. A message being
   * sent stays queued with next_attempt at its lease's end. */
  "CREATE TABLE mail_queue ("
  "  id INTEGER PRIMARY KEY,"
  "  message_id TEXT NOT NULL UNIQUE,"
  "  recipient TEXT NOT NULL,"
  "  message TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  state INTEGER NOT NULL DEFAULT 0,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt INTEGER NOT NULL,"
  "  sent_at INTEGER,"
  "  last_error TEXT);"
  "CREATE INDEX mail_queue_due ON mail_queue (next_attempt, id) WHERE state = 0;",
  /* Rate limits in the store (cab-sqlite-store-limits.c): the times of each key's events,
   * a JSON array. */
  "CREATE TABLE rate_limits ("
  "  bucket TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  times TEXT NOT NULL,"
  "  expires INTEGER NOT NULL,"
  "  PRIMARY KEY (bucket, key)) WITHOUT ROWID;"
  "CREATE INDEX rate_limits_expires ON rate_limits (expires);",
};

guint
cab_sqlite_store_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

static gboolean
set_sqlite_error (CabSqliteStore  *self,
                  GError         **error)
{
  g_set_error (error, CAB_ERROR, CAB_ERROR_INTERNAL, "SQLite: %s", sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (CabSqliteStore  *self,
      const char      *sql,
      GError         **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INTERNAL, "SQLite: %s",
                   message ? message : "unknown error");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* The cached statement for @sql, reset and unbound. */
static sqlite3_stmt *
prep (CabSqliteStore  *self,
      const char      *sql,
      GError         **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL)
          != SQLITE_OK)
        {
          set_sqlite_error (self, error);
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

static void
column_date (sqlite3_stmt *stmt,
             int           column,
             GDate        *date)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, (guint32) sqlite3_column_int64 (stmt, column));
}

/* Runs a statement expected to produce no rows. */
static gboolean
step_done (CabSqliteStore  *self,
           sqlite3_stmt    *stmt,
           GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);
  return TRUE;
}

static gboolean
savepoint (CabSqliteStore *self, GError **error)
{
  return exec (self, "SAVEPOINT cab", error);
}

static gboolean
release (CabSqliteStore *self, GError **error)
{
  return exec (self, "RELEASE cab", error);
}

static void
rollback_savepoint (CabSqliteStore *self)
{
  exec (self, "ROLLBACK TO cab; RELEASE cab", NULL);
}

static gboolean
migrate (CabSqliteStore  *self,
         GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 version;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return set_sqlite_error (self, error);
    }
  version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > (gint64) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INTERNAL,
                   "Database schema version %" G_GINT64_FORMAT " is newer than this server",
                   version);
      return FALSE;
    }

  for (gint64 v = version; v < (gint64) G_N_ELEMENTS (migrations); v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, v + 1);

      if (!exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!exec (self, migrations[v], error) || !exec (self, bump, error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
      if (!exec (self, "COMMIT", error))
        return FALSE;
    }
  return TRUE;
}

CabSqliteStore *
cab_sqlite_store_new (const char  *path,
                      GError     **error)
{
  g_autoptr(CabSqliteStore) self = g_object_new (CAB_TYPE_SQLITE_STORE, NULL);
  int rc;

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INTERNAL, "Cannot open database “%s”: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                   "PRAGMA foreign_keys = ON;", error)
      || !migrate (self, error))
    {
      g_prefix_error (error, "Cannot use database “%s”: ", path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
cab_sqlite_store_set_bulk_mode (CabSqliteStore *self,
                                gboolean        bulk)
{
  if (bulk)
    exec (self, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;", NULL);
  else
    exec (self, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2000;", NULL);
}

gboolean
cab_sqlite_store_set_unrendered_pdf (CabSqliteStore  *self,
                                     const char      *sha256,
                                     gsize            size,
                                     GError         **error)
{
  sqlite3_stmt *stmt = prep (self, "UPDATE documents SET sha256 = ?, size = ?"
                                   " WHERE sha256 IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, sha256);
  sqlite3_bind_int64 (stmt, 2, size);
  return step_done (self, stmt, error);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

void
cab_sqlite_store_close (CabSqliteStore *self)
{
  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    {
      /* Folds the WAL back into the main file so a copied database is whole. */
      sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
      sqlite3_close (self->db);
      self->db = NULL;
    }
}

static void
cab_sqlite_store_finalize (GObject *object)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (object);

  cab_sqlite_store_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);

  G_OBJECT_CLASS (cab_sqlite_store_parent_class)->finalize (object);
}

static void
cab_sqlite_store_class_init (CabSqliteStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cab_sqlite_store_finalize;
}

static void
cab_sqlite_store_init (CabSqliteStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
}

/* ---- transactions ---- */

static gboolean
store_begin (CabStore *store, GError **error)
{
  return exec (CAB_SQLITE_STORE (store), "BEGIN IMMEDIATE", error);
}

static gboolean
store_commit (CabStore *store, GError **error)
{
  return exec (CAB_SQLITE_STORE (store), "COMMIT", error);
}

static void
store_rollback (CabStore *store)
{
  exec (CAB_SQLITE_STORE (store), "ROLLBACK", NULL);
}

static gboolean
store_is_empty (CabStore *store, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT NOT EXISTS (SELECT 1 FROM partners)", error);
  gboolean empty;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return set_sqlite_error (self, error);
  empty = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return empty;
}

/* ---- partners and accounts ---- */

static gint64
store_add_partner (CabStore *store, const CabPartner *partner, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "INSERT INTO partners (dp_code, name, address, contacts) "
                                   "VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, partner->dp_code);
  bind_text (stmt, 2, partner->name);
  bind_text (stmt, 3, partner->address);
  bind_text (stmt, 4, partner->contacts);
  if (!step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

static gboolean
store_add_account (CabStore          *store,
                   gint64             partner_id,
                   const CabContract *c,
                   const GDate       *opening_date,
                   CabMoney           opening_balance,
                   GError           **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self,
    "INSERT INTO accounts (account, partner_id, contract_number, contract_date, branch_name,"
    " branch_address, inn, kpp, bill1_issue_day, bill1_due_day, bill2_issue_day, bill2_due_day,"
    " invoice_due_day, opening_date, opening_balance)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, c->account);
  sqlite3_bind_int64 (stmt, 2, partner_id);
  bind_text (stmt, 3, c->contract_number);
  sqlite3_bind_int64 (stmt, 4, g_date_get_julian (&c->contract_date));
  bind_text (stmt, 5, c->branch_name);
  bind_text (stmt, 6, c->branch_address);
  bind_text (stmt, 7, c->inn);
  bind_text (stmt, 8, c->kpp);
  sqlite3_bind_int (stmt, 9, c->terms.bill1_issue_day);
  sqlite3_bind_int (stmt, 10, c->terms.bill1_due_day);
  sqlite3_bind_int (stmt, 11, c->terms.bill2_issue_day);
  sqlite3_bind_int (stmt, 12, c->terms.bill2_due_day);
  sqlite3_bind_int (stmt, 13, c->terms.invoice_due_day);
  sqlite3_bind_int64 (stmt, 14, g_date_get_julian (opening_date));
  sqlite3_bind_int64 (stmt, 15, opening_balance);
  return step_done (self, stmt, error);
}

static gboolean
store_lookup_partner (CabStore    *store,
                      const char  *dp_code,
                      gint64      *out_partner_id,
                      gboolean    *out_has_user,
                      GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self,
    "SELECT p.id, EXISTS (SELECT 1 FROM users u WHERE u.partner_id = p.id)"
    " FROM partners p WHERE p.dp_code = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, dp_code);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (out_partner_id)
        *out_partner_id = sqlite3_column_int64 (stmt, 0);
      if (out_has_user)
        *out_has_user = sqlite3_column_int (stmt, 1) != 0;
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    set_sqlite_error (self, error);
  return FALSE;
}

static gboolean
store_lookup_account (CabStore    *store,
                      const char  *account,
                      gint64      *out_partner_id,
                      GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT partner_id FROM accounts WHERE account = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, account);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (out_partner_id)
        *out_partner_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    set_sqlite_error (self, error);
  return FALSE;
}

static CabPartner *
store_get_partner (CabStore *store, gint64 partner_id, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT dp_code, name, address, contacts FROM partners"
                                   " WHERE id = ?", error);
  CabPartner *partner;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, partner_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No such partner");
      return NULL;
    }
  partner = g_new0 (CabPartner, 1);
  partner->dp_code = column_text (stmt, 0);
  partner->name = column_text (stmt, 1);
  partner->address = column_text (stmt, 2);
  partner->contacts = column_text (stmt, 3);
  sqlite3_reset (stmt);
  return partner;
}

static GPtrArray *
store_list_contracts (CabStore *store, gint64 partner_id, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self,
    "SELECT account, contract_number, contract_date, branch_name, branch_address, inn, kpp,"
    " bill1_issue_day, bill1_due_day, bill2_issue_day, bill2_due_day, invoice_due_day"
    " FROM accounts WHERE partner_id = ? ORDER BY account", error);
  g_autoptr(GPtrArray) contracts = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  contracts = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_contract_free);
  sqlite3_bind_int64 (stmt, 1, partner_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CabContract *c = cab_contract_new ();

      c->account = column_text (stmt, 0);
      c->contract_number = column_text (stmt, 1);
      column_date (stmt, 2, &c->contract_date);
      c->branch_name = column_text (stmt, 3);
      c->branch_address = column_text (stmt, 4);
      c->inn = column_text (stmt, 5);
      c->kpp = column_text (stmt, 6);
      c->terms.bill1_issue_day = sqlite3_column_int (stmt, 7);
      c->terms.bill1_due_day = sqlite3_column_int (stmt, 8);
      c->terms.bill2_issue_day = sqlite3_column_int (stmt, 9);
      c->terms.bill2_due_day = sqlite3_column_int (stmt, 10);
      c->terms.invoice_due_day = sqlite3_column_int (stmt, 11);
      g_ptr_array_add (contracts, c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&contracts);
}

/* ---- users ---- */

static gboolean
login_taken_by_other (CabSqliteStore  *self,
                      const char      *login,
                      gint64           user_id,
                      gboolean        *out_taken,
                      GError         **error)
{
  sqlite3_stmt *stmt = prep (self, "SELECT EXISTS (SELECT 1 FROM users WHERE login = ?"
                                   " AND id != ?)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, login);
  sqlite3_bind_int64 (stmt, 2, user_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return set_sqlite_error (self, error);
  *out_taken = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gint64
store_create_user (CabStore    *store,
                   gint64       partner_id,
                   const char  *login,
                   const char  *email,
                   const char  *phone,
                   const char  *password_hash,
                   GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  gboolean taken = FALSE;
  gint64 user_id;

  if (!savepoint (self, error))
    return 0;

  stmt = prep (self, "SELECT EXISTS (SELECT 1 FROM users WHERE partner_id = ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, partner_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sqlite_error (self, error);
      goto fail;
    }
  taken = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (taken)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_ALREADY_REGISTERED,
                           "The partner already has a user");
      goto fail;
    }
  if (!login_taken_by_other (self, login, 0, &taken, error))
    goto fail;
  if (taken)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_LOGIN_TAKEN, "The login is taken");
      goto fail;
    }

  stmt = prep (self, "INSERT INTO users (partner_id, login, email, phone, password_hash)"
                     " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, partner_id);
  bind_text (stmt, 2, login);
  bind_text (stmt, 3, email);
  bind_text (stmt, 4, phone);
  bind_text (stmt, 5, password_hash);
  if (!step_done (self, stmt, error))
    goto fail;
  user_id = sqlite3_last_insert_rowid (self->db);

  stmt = prep (self, "INSERT INTO visible_accounts (user_id, account)"
                     " SELECT ?, account FROM accounts WHERE partner_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, partner_id);
  if (!step_done (self, stmt, error) || !release (self, error))
    goto fail;
  return user_id;

fail:
  rollback_savepoint (self);
  return 0;
}

#define USER_COLUMNS \
  "u.id, u.partner_id, p.dp_code, u.login, u.email, u.phone, u.subscribed," \
  " u.must_change_password, u.password_hash, u.password_expires, u.temp_hash, u.temp_expires," \
  " u.disabled FROM users u JOIN partners p ON p.id = u.partner_id"

static CabStoreUser *
read_user (CabSqliteStore  *self,
           sqlite3_stmt    *stmt,
           GError         **error)
{
  CabStoreUser *user;
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        set_sqlite_error (self, error);
      else
        g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No such user");
      return NULL;
    }
  user = g_new0 (CabStoreUser, 1);
  user->id = sqlite3_column_int64 (stmt, 0);
  user->partner_id = sqlite3_column_int64 (stmt, 1);
  user->dp_code = column_text (stmt, 2);
  user->login = column_text (stmt, 3);
  user->email = column_text (stmt, 4);
  user->phone = column_text (stmt, 5);
  user->subscribed = sqlite3_column_int (stmt, 6) != 0;
  user->must_change_password = sqlite3_column_int (stmt, 7) != 0;
  user->password_hash = column_text (stmt, 8);
  user->password_expires = sqlite3_column_int64 (stmt, 9);
  user->temp_hash = column_text (stmt, 10);
  user->temp_expires = sqlite3_column_int64 (stmt, 11);
  user->disabled = sqlite3_column_int (stmt, 12) != 0;
  sqlite3_reset (stmt);
  return user;
}

static CabStoreUser *
store_get_user (CabStore *store, gint64 user_id, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT " USER_COLUMNS " WHERE u.id = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  return read_user (self, stmt, error);
}

static CabStoreUser *
store_get_user_by_login (CabStore *store, const char *login, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT " USER_COLUMNS " WHERE u.login = ?", error);

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, login);
  return read_user (self, stmt, error);
}

static gboolean
store_update_profile (CabStore    *store,
                      gint64       user_id,
                      const char  *login,
                      const char  *email,
                      const char  *phone,
                      const char  *password_hash,
                      GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt;

  if (!savepoint (self, error))
    return FALSE;

  if (login != NULL)
    {
      gboolean taken = FALSE;

      if (!login_taken_by_other (self, login, user_id, &taken, error))
        goto fail;
      if (taken)
        {
          g_set_error_literal (error, CAB_ERROR, CAB_ERROR_LOGIN_TAKEN, "The login is taken");
          goto fail;
        }
      stmt = prep (self, "UPDATE users SET login = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      bind_text (stmt, 1, login);
      sqlite3_bind_int64 (stmt, 2, user_id);
      if (!step_done (self, stmt, error))
        goto fail;
    }

  stmt = prep (self, "UPDATE users SET email = ?, phone = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, email);
  bind_text (stmt, 2, phone);
  sqlite3_bind_int64 (stmt, 3, user_id);
  if (!step_done (self, stmt, error))
    goto fail;

  if (password_hash != NULL)
    {
      stmt = prep (self, "UPDATE users SET password_hash = ?, password_expires = 0,"
                         " must_change_password = 0, temp_hash = NULL, temp_expires = 0"
                         " WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      bind_text (stmt, 1, password_hash);
      sqlite3_bind_int64 (stmt, 2, user_id);
      if (!step_done (self, stmt, error))
        goto fail;
    }

  if (!release (self, error))
    goto fail;
  return TRUE;

fail:
  rollback_savepoint (self);
  return FALSE;
}

static gboolean
store_set_subscribed (CabStore *store, gint64 user_id, gboolean subscribed, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "UPDATE users SET subscribed = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, subscribed ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, user_id);
  return step_done (self, stmt, error);
}

static GStrv
store_get_visible_accounts (CabStore *store, gint64 user_id, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT account FROM visible_accounts WHERE user_id = ?"
                                   " ORDER BY account", error);
  g_autoptr(GStrvBuilder) builder = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  sqlite3_bind_int64 (stmt, 1, user_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

static gboolean
store_set_visible_accounts (CabStore            *store,
                            gint64               user_id,
                            const char * const  *accounts,
                            GError             **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt;

  if (!savepoint (self, error))
    return FALSE;
  stmt = prep (self, "DELETE FROM visible_accounts WHERE user_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (!step_done (self, stmt, error))
    goto fail;
  for (guint i = 0; accounts[i] != NULL; i++)
    {
      stmt = prep (self, "INSERT OR IGNORE INTO visible_accounts (user_id, account)"
                         " VALUES (?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, user_id);
      bind_text (stmt, 2, accounts[i]);
      if (!step_done (self, stmt, error))
        goto fail;
    }
  if (!release (self, error))
    goto fail;
  return TRUE;

fail:
  rollback_savepoint (self);
  return FALSE;
}

static gboolean
store_set_temp_password (CabStore    *store,
                         gint64       user_id,
                         const char  *hash,
                         gint64       expires,
                         GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "UPDATE users SET temp_hash = ?, temp_expires = ?"
                                   " WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, hash);
  sqlite3_bind_int64 (stmt, 2, expires);
  sqlite3_bind_int64 (stmt, 3, user_id);
  return step_done (self, stmt, error);
}

static gboolean
store_promote_temp_password (CabStore *store, gint64 user_id, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self,
    "UPDATE users SET password_hash = temp_hash, password_expires = temp_expires,"
    " must_change_password = 1, temp_hash = NULL, temp_expires = 0"
    " WHERE id = ? AND temp_hash IS NOT NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  return step_done (self, stmt, error);
}

/* ---- sessions ---- */

static gboolean
store_create_session (CabStore    *store,
                      const char  *token_hash,
                      gint64       user_id,
                      gint64       now,
                      GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "INSERT INTO sessions (token_hash, user_id, created, last_used)"
                                   " VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, token_hash);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, now);
  return step_done (self, stmt, error);
}

static gboolean
store_touch_session (CabStore    *store,
                     const char  *token_hash,
                     gint64       now,
                     gint64       not_used_since,
                     gint64       created_after,
                     gint64      *out_user_id,
                     GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT user_id, last_used, created FROM sessions"
                                   " WHERE token_hash = ?", error);
  gint64 user_id, last_used, created;
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, token_hash);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        set_sqlite_error (self, error);
      return FALSE;
    }
  user_id = sqlite3_column_int64 (stmt, 0);
  last_used = sqlite3_column_int64 (stmt, 1);
  created = sqlite3_column_int64 (stmt, 2);
  sqlite3_reset (stmt);

  if (last_used <= not_used_since || created <= created_after)
    {
      stmt = prep (self, "DELETE FROM sessions WHERE token_hash = ?", error);
      if (stmt != NULL)
        {
          bind_text (stmt, 1, token_hash);
          step_done (self, stmt, error);
        }
      return FALSE;
    }

  /* The last use is refreshed at most every tenth of the lifetime (and every minute at most):
   * a busy client does not write on every read, and the lifetime is off by that much. */
  if (last_used < now - MIN (60, (now - not_used_since) / 10))
    {
      stmt = prep (self, "UPDATE sessions SET last_used = ? WHERE token_hash = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, now);
      bind_text (stmt, 2, token_hash);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  if (out_user_id)
    *out_user_id = user_id;
  return TRUE;
}

static gboolean
store_delete_session (CabStore *store, const char *token_hash, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "DELETE FROM sessions WHERE token_hash = ?", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, token_hash);
  return step_done (self, stmt, error);
}

static gboolean
store_delete_other_sessions (CabStore    *store,
                             gint64       user_id,
                             const char  *keep_token_hash,
                             GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "DELETE FROM sessions WHERE user_id = ?"
                                   " AND token_hash IS NOT ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (keep_token_hash != NULL)
    bind_text (stmt, 2, keep_token_hash);
  else
    sqlite3_bind_null (stmt, 2);
  return step_done (self, stmt, error);
}

/* ---- ledger and documents ---- */

static gint64
store_add_entry (CabStore      *store,
                 const char    *account,
                 CabEntryKind   kind,
                 const GDate   *date,
                 CabMoney       amount,
                 const char    *number,
                 const char    *title,
                 GError       **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "INSERT INTO entries (account, kind, date, amount, number, title)"
                                   " VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, account);
  sqlite3_bind_int (stmt, 2, kind);
  sqlite3_bind_int64 (stmt, 3, g_date_get_julian (date));
  sqlite3_bind_int64 (stmt, 4, amount);
  bind_text (stmt, 5, number);
  bind_text (stmt, 6, title);
  if (!step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

static gint64
store_add_document (CabStore         *store,
                    gint64            entry_id,
                    CabDocumentKind   kind,
                    const char       *title,
                    const char       *file_name,
                    const char       *spec_json,
                    GError          **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "INSERT INTO documents (entry_id, kind, title, file_name, spec)"
                                   " VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int (stmt, 2, kind);
  bind_text (stmt, 3, title);
  bind_text (stmt, 4, file_name);
  bind_text (stmt, 5, spec_json);
  if (!step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

static CabLedger *
store_load_ledger (CabStore    *store,
                   const char  *account,
                   const GDate *until,
                   GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self,
    "SELECT opening_date, opening_balance, bill1_issue_day, bill1_due_day, bill2_issue_day,"
    " bill2_due_day, invoice_due_day FROM accounts WHERE account = ?", error);
  g_autoptr(CabLedger) ledger = NULL;
  CabTerms terms;
  GDate opening;
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No such account");
      return NULL;
    }
  column_date (stmt, 0, &opening);
  terms.bill1_issue_day = sqlite3_column_int (stmt, 2);
  terms.bill1_due_day = sqlite3_column_int (stmt, 3);
  terms.bill2_issue_day = sqlite3_column_int (stmt, 4);
  terms.bill2_due_day = sqlite3_column_int (stmt, 5);
  terms.invoice_due_day = sqlite3_column_int (stmt, 6);
  ledger = cab_ledger_new (&opening, sqlite3_column_int64 (stmt, 1), &terms);
  sqlite3_reset (stmt);

  stmt = prep (self, "SELECT id, kind, date, amount FROM entries WHERE account = ? AND date < ?"
                     " ORDER BY date, id", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account);
  sqlite3_bind_int64 (stmt, 2, until != NULL ? (gint64) g_date_get_julian (until) : G_MAXINT64);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate date;

      column_date (stmt, 2, &date);
      cab_ledger_add (ledger, (CabEntryKind) sqlite3_column_int (stmt, 1), &date,
                      sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&ledger);
}

static GHashTable *
store_list_entry_infos (CabStore     *store,
                        const char   *account,
                        const GDate  *from,
                        const GDate  *to,
                        GError      **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT id, number, title FROM entries WHERE account = ?"
                                   " AND date >= ? AND date < ?", error);
  g_autoptr(GHashTable) infos = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  infos = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                 (GDestroyNotify) cab_store_entry_info_free);
  bind_text (stmt, 1, account);
  sqlite3_bind_int64 (stmt, 2, g_date_get_julian (from));
  sqlite3_bind_int64 (stmt, 3, g_date_get_julian (to));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CabStoreEntryInfo *info = g_new0 (CabStoreEntryInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->number = column_text (stmt, 1);
      info->title = column_text (stmt, 2);
      g_hash_table_insert (infos, &info->id, info);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&infos);
}

#define DOCUMENT_COLUMNS \
  "d.id, d.entry_id, e.account, d.kind, d.title, d.file_name, d.spec, d.sha256, d.size" \
  " FROM documents d JOIN entries e ON e.id = d.entry_id"

static CabStoreDocument *
read_document (sqlite3_stmt *stmt)
{
  CabStoreDocument *doc = g_new0 (CabStoreDocument, 1);

  doc->id = sqlite3_column_int64 (stmt, 0);
  doc->entry_id = sqlite3_column_int64 (stmt, 1);
  doc->account = column_text (stmt, 2);
  doc->kind = (CabDocumentKind) sqlite3_column_int (stmt, 3);
  doc->title = column_text (stmt, 4);
  doc->file_name = column_text (stmt, 5);
  doc->spec_json = column_text (stmt, 6);
  doc->sha256 = column_text (stmt, 7);
  doc->size = sqlite3_column_type (stmt, 8) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 8);
  return doc;
}

static GPtrArray *
read_documents (CabSqliteStore  *self,
                sqlite3_stmt    *stmt,
                GError         **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_store_document_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (docs, read_document (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&docs);
}

static GPtrArray *
store_list_documents (CabStore     *store,
                      const char   *account,
                      const GDate  *from,
                      const GDate  *to,
                      GError      **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT " DOCUMENT_COLUMNS
                                   " WHERE e.account = ? AND e.date >= ? AND e.date < ?"
                                   " ORDER BY d.entry_id, d.id", error);

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account);
  sqlite3_bind_int64 (stmt, 2, g_date_get_julian (from));
  sqlite3_bind_int64 (stmt, 3, g_date_get_julian (to));
  return read_documents (self, stmt, error);
}

static CabStoreDocument *
store_get_document (CabStore *store, gint64 id, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT " DOCUMENT_COLUMNS " WHERE d.id = ?", error);
  CabStoreDocument *doc;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        set_sqlite_error (self, error);
      else
        g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No such document");
      return NULL;
    }
  doc = read_document (stmt);
  sqlite3_reset (stmt);
  return doc;
}

static GBytes *
store_get_document_pdf (CabStore *store, gint64 id, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT b.data FROM documents d"
                                   " JOIN pdf_blobs b ON b.sha256 = d.sha256 WHERE d.id = ?",
                             error);
  GBytes *bytes;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "Document not rendered");
      return NULL;
    }
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  return bytes;
}

static gboolean
store_set_document_pdf (CabStore    *store,
                        gint64       id,
                        GBytes      *pdf,
                        const char  *sha256,
                        GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  gsize size;
  gconstpointer data = g_bytes_get_data (pdf, &size);

  if (!savepoint (self, error))
    return FALSE;
  stmt = prep (self, "INSERT OR IGNORE INTO pdf_blobs (sha256, data) VALUES (?, ?)", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, sha256);
  sqlite3_bind_blob64 (stmt, 2, data ? data : "", size, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    goto fail;
  stmt = prep (self, "UPDATE documents SET sha256 = ?, size = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, sha256);
  sqlite3_bind_int64 (stmt, 2, size);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!step_done (self, stmt, error) || !release (self, error))
    goto fail;
  return TRUE;

fail:
  rollback_savepoint (self);
  return FALSE;
}

static GPtrArray *
store_list_unrendered (CabStore *store, guint limit, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT " DOCUMENT_COLUMNS " WHERE d.sha256 IS NULL"
                                   " ORDER BY d.id LIMIT ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  return read_documents (self, stmt, error);
}

/* ---- feedback ---- */

static gint64
store_add_feedback (CabStore    *store,
                    gint64       user_id,
                    const char  *client_id,
                    const char  *text,
                    const char  *file_name,
                    GBytes      *file,
                    gint64       now,
                    gboolean    *out_existed,
                    GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  gint64 id;

  *out_existed = FALSE;
  if (client_id != NULL)
    {
      stmt = prep (self, "SELECT id FROM feedback WHERE user_id = ? AND client_id = ?", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, user_id);
      bind_text (stmt, 2, client_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          id = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
          *out_existed = TRUE;
          return id;
        }
      sqlite3_reset (stmt);
    }

  stmt = prep (self, "INSERT INTO feedback (user_id, client_id, created_at, text, file_name,"
                     " file_size, file) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, user_id);
  bind_text (stmt, 2, client_id);
  sqlite3_bind_int64 (stmt, 3, now);
  bind_text (stmt, 4, text);
  bind_text (stmt, 5, file_name);
  if (file != NULL)
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (file, &size);

      sqlite3_bind_int64 (stmt, 6, size);
      sqlite3_bind_blob64 (stmt, 7, data ? data : "", size, SQLITE_STATIC);
    }
  if (!step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

static GDateTime *
moscow_time (gint64 unix_seconds)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);

  if (tz == NULL)
    tz = g_time_zone_new_offset (3 * 3600);
  return g_date_time_to_timezone (utc, tz);
}

static GPtrArray *
store_list_feedback (CabStore *store, gint64 user_id, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT id, created_at, text, file_name, file_size, status"
                                   " FROM feedback WHERE user_id = ? ORDER BY id DESC", error);
  g_autoptr(GPtrArray) messages = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  messages = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_feedback_message_free);
  sqlite3_bind_int64 (stmt, 1, user_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CabFeedbackMessage *m = cab_feedback_message_new ();

      m->id = sqlite3_column_int64 (stmt, 0);
      m->created_at = moscow_time (sqlite3_column_int64 (stmt, 1));
      m->text = column_text (stmt, 2);
      m->file_name = column_text (stmt, 3);
      m->file_size = sqlite3_column_type (stmt, 4) == SQLITE_NULL
                     ? -1 : sqlite3_column_int64 (stmt, 4);
      m->status = (CabFeedbackStatus) sqlite3_column_int (stmt, 5);
      g_ptr_array_add (messages, m);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&messages);
}

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
  return sqlite3_last_insert_rowid (self->db);
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

static void
cab_sqlite_store_iface_init (CabStoreInterface *iface)
{
  iface->begin = store_begin;
  iface->commit = store_commit;
  iface->rollback = store_rollback;
  iface->is_empty = store_is_empty;
  iface->add_partner = store_add_partner;
  iface->add_account = store_add_account;
  iface->lookup_partner = store_lookup_partner;
  iface->lookup_account = store_lookup_account;
  iface->get_partner = store_get_partner;
  iface->list_contracts = store_list_contracts;
  iface->create_user = store_create_user;
  iface->get_user = store_get_user;
  iface->get_user_by_login = store_get_user_by_login;
  iface->update_profile = store_update_profile;
  iface->set_subscribed = store_set_subscribed;
  iface->get_visible_accounts = store_get_visible_accounts;
  iface->set_visible_accounts = store_set_visible_accounts;
  iface->set_temp_password = store_set_temp_password;
  iface->promote_temp_password = store_promote_temp_password;
  iface->create_session = store_create_session;
  iface->touch_session = store_touch_session;
  iface->delete_session = store_delete_session;
  iface->delete_other_sessions = store_delete_other_sessions;
  iface->add_entry = store_add_entry;
  iface->add_document = store_add_document;
  iface->load_ledger = store_load_ledger;
  iface->list_entry_infos = store_list_entry_infos;
  iface->list_documents = store_list_documents;
  iface->get_document = store_get_document;
  iface->get_document_pdf = store_get_document_pdf;
  iface->set_document_pdf = store_set_document_pdf;
  iface->list_unrendered = store_list_unrendered;
  iface->add_feedback = store_add_feedback;
  iface->list_feedback = store_list_feedback;
  iface->enqueue_mail = store_enqueue_mail;
  iface->claim_due_mail = store_claim_due_mail;
  iface->mark_mail_sent = store_mark_mail_sent;
  iface->mark_mail_failed = store_mark_mail_failed;
  iface->count_queued_mail = store_count_queued_mail;
  cab_sqlite_store_admin_iface_init (iface);
  cab_sqlite_store_limits_iface_init (iface);
}

/* ---- for cab-sqlite-store-admin.c ---- */

sqlite3 *
cab_sqlite_store_get_handle (CabSqliteStore *self)
{
  return self->db;
}

sqlite3_stmt *
cab_sqlite_store_prepare (CabSqliteStore  *self,
                          const char      *sql,
                          GError         **error)
{
  return prep (self, sql, error);
}

gboolean
cab_sqlite_store_set_error (CabSqliteStore  *self,
                            GError         **error)
{
  return set_sqlite_error (self, error);
}

gboolean
cab_sqlite_store_exec (CabSqliteStore  *self,
                       const char      *sql,
                       GError         **error)
{
  return exec (self, sql, error);
}

gboolean
cab_sqlite_store_step_done (CabSqliteStore  *self,
                            sqlite3_stmt    *stmt,
                            GError         **error)
{
  return step_done (self, stmt, error);
}

void
cab_sqlite_bind_text (sqlite3_stmt *stmt,
                      int           column,
                      const char   *text)
{
  bind_text (stmt, column, text);
}

char *
cab_sqlite_column_text (sqlite3_stmt *stmt,
                        int           column)
{
  return column_text (stmt, column);
}
