/* cab-sqlite-store.c: CabStore on SQLite.
 *
 * Dates are stored as Julian day numbers and money as kopecks, both integers: compact, and
 * range queries on (account, date) use one index. Kinds are stored as the core enums' values.
 * Every statement is prepared once (persistent) with bound parameters.
 *
 * This file opens the database, migrates its schema and holds transactions, partners and
 * accounts; the other methods are in cab-sqlite-store-users.c, -documents.c, -mail.c and
 * -admin.c, which share cab-sqlite-store-private.h.
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

/* The entry kinds as ledger_months' SQL spells them. */
G_STATIC_ASSERT (CAB_ENTRY_ADVANCE_BILL_1 == 0);
G_STATIC_ASSERT (CAB_ENTRY_ADVANCE_BILL_2 == 1);
G_STATIC_ASSERT (CAB_ENTRY_INVOICE == 2);
G_STATIC_ASSERT (CAB_ENTRY_CORRECTION == 3);
G_STATIC_ASSERT (CAB_ENTRY_PAYMENT == 4);

/* For ledger_months' triggers (the last migration): @row's ("NEW." or "OLD.") part of its
 * month's sums added (@sign "", @minus "-") or taken away (@sign "-", @minus ""). */
#define LEDGER_MONTH_ADD(row, sign, minus) \
  "INSERT INTO ledger_months (account, month, charges, advance, invoices) VALUES (" \
  row "account, " row "date - CAST (strftime ('%d', " row "date + 1721424.5) AS INTEGER) + 1," \
  " CASE " row "kind WHEN 2 THEN " sign row "amount WHEN 3 THEN " sign row "amount" \
  " WHEN 4 THEN " minus row "amount ELSE 0 END," \
  " CASE WHEN " row "kind IN (0, 1) THEN " sign row "amount ELSE 0 END," \
  " " sign "(" row "kind = 2))" \
  " ON CONFLICT (account, month) DO UPDATE SET charges = charges + excluded.charges," \
  " advance = advance + excluded.advance, invoices = invoices + excluded.invoices;"

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
  /* Consumption (issue 17): volumes in watt-hours, the volume act's three fraction digits
   * of kWh (a whole-kWh value beyond what the API can carry is dropped, not overflowed);
   * the month an invoice or correction bills as its first day's Julian day, NULL when it is
   * the month of its date. Both join the ledger's index, which the ledger is read from
   * alone. */
  "ALTER TABLE entries RENAME COLUMN volume_kwh TO volume_wh;"
  "UPDATE entries SET volume_wh = CASE WHEN volume_wh BETWEEN -999999999999 AND 999999999999"
  " THEN volume_wh * 1000 END WHERE volume_wh IS NOT NULL;"
  "ALTER TABLE entries ADD COLUMN period INTEGER;"
  "DROP INDEX entries_ledger;"
  "CREATE INDEX entries_ledger ON entries (account, date, kind, amount, volume_wh, period);",
  /* Each account's months summed (issue 18): what the balance and the statement fold the
   * older entries into (cab-sqlite-store-ledger.c), a row a month instead of every entry.
   * month: the Julian day of its first day (GDate's day 1, 0001-01-01, is SQLite's Julian
   * day 1721425.5); charges: invoices and corrections - payments; advance: the advance
   * bills; invoices: how many invoices are dated in it. The triggers keep it whatever
   * writes the entries (the import, the demo, tek-cabinet-admin, a tool). */
  "CREATE TABLE ledger_months ("
  "  account TEXT NOT NULL,"
  "  month INTEGER NOT NULL,"
  "  charges INTEGER NOT NULL,"
  "  advance INTEGER NOT NULL,"
  "  invoices INTEGER NOT NULL,"
  "  PRIMARY KEY (account, month)) WITHOUT ROWID;"
  "INSERT INTO ledger_months (account, month, charges, advance, invoices)"
  " SELECT account, date - CAST (strftime ('%d', date + 1721424.5) AS INTEGER) + 1,"
  " sum (CASE kind WHEN 2 THEN amount WHEN 3 THEN amount WHEN 4 THEN -amount ELSE 0 END),"
  " sum (CASE WHEN kind IN (0, 1) THEN amount ELSE 0 END), sum (kind = 2)"
  " FROM entries GROUP BY 1, 2;"
  "CREATE TRIGGER ledger_months_insert AFTER INSERT ON entries BEGIN "
  LEDGER_MONTH_ADD ("NEW.", "", "-") " END;"
  "CREATE TRIGGER ledger_months_delete AFTER DELETE ON entries BEGIN "
  LEDGER_MONTH_ADD ("OLD.", "-", "") " END;"
  "CREATE TRIGGER ledger_months_update AFTER UPDATE OF account, kind, date, amount ON entries"
  " BEGIN " LEDGER_MONTH_ADD ("OLD.", "-", "") LEDGER_MONTH_ADD ("NEW.", "", "-") " END;",
  /* PostgreSQL's ledger_months key took in the sums; this one, WITHOUT ROWID, is its rows. */
  "",
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

  /* SQLite counts every allocation under one process-wide mutex unless told not to; the
   * worker threads' connections then wait on each other for it (perf: a futex in 4 % of a
   * statement's samples). Nothing here reads those counts. Before SQLite's first use only:
   * once it is initialised this fails and changes nothing. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
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
      cab_sqlite_column_terms (stmt, 7, &c->terms);
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
  cab_sqlite_store_users_iface_init (iface);
  cab_sqlite_store_documents_iface_init (iface);
  cab_sqlite_store_mail_iface_init (iface);
  cab_sqlite_store_admin_iface_init (iface);
  cab_sqlite_store_limits_iface_init (iface);
  cab_sqlite_store_ledger_iface_init (iface);
}

/* ---- for the store's other files (cab-sqlite-store-private.h) ---- */

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

void
cab_sqlite_column_date (sqlite3_stmt *stmt,
                        int           column,
                        GDate        *date)
{
  column_date (stmt, column, date);
}

void
cab_sqlite_column_terms (sqlite3_stmt *stmt,
                         int           first,
                         CabTerms     *terms)
{
  terms->bill1_issue_day = sqlite3_column_int (stmt, first);
  terms->bill1_due_day = sqlite3_column_int (stmt, first + 1);
  terms->bill2_issue_day = sqlite3_column_int (stmt, first + 2);
  terms->bill2_due_day = sqlite3_column_int (stmt, first + 3);
  terms->invoice_due_day = sqlite3_column_int (stmt, first + 4);
}

gboolean
cab_sqlite_store_savepoint (CabSqliteStore  *self,
                            GError         **error)
{
  return savepoint (self, error);
}

gboolean
cab_sqlite_store_release (CabSqliteStore  *self,
                          GError         **error)
{
  return release (self, error);
}

void
cab_sqlite_store_rollback_savepoint (CabSqliteStore *self)
{
  rollback_savepoint (self);
}
