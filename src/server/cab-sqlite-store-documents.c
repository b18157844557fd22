/* cab-sqlite-store-documents.c: the SQLite store's ledger, documents and feedback
 * (cab-pg-store-documents.c on PostgreSQL).
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
#define column_date cab_sqlite_column_date
#define savepoint cab_sqlite_store_savepoint
#define release cab_sqlite_store_release
#define rollback_savepoint cab_sqlite_store_rollback_savepoint

/* ---- ledger and documents ---- */

static gint64
store_add_entry (CabStore        *store,
                 const char      *account,
                 const CabEntry  *entry,
                 const char      *number,
                 const char      *title,
                 GError         **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "INSERT INTO entries (account, kind, date, amount, number, title,"
                                   " volume_wh, period) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  CabVolume volume;
  guint32 period = cab_store_entry_period (entry);

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, account);
  sqlite3_bind_int (stmt, 2, entry->kind);
  sqlite3_bind_int64 (stmt, 3, g_date_get_julian (&entry->date));
  sqlite3_bind_int64 (stmt, 4, entry->amount);
  bind_text (stmt, 5, number);
  bind_text (stmt, 6, title);
  if (cab_store_entry_volume (entry, &volume))
    sqlite3_bind_int64 (stmt, 7, volume);
  else
    sqlite3_bind_null (stmt, 7);
  if (period != 0)
    sqlite3_bind_int64 (stmt, 8, period);
  else
    sqlite3_bind_null (stmt, 8);
  if (!step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (cab_sqlite_store_get_handle (self));
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
  return sqlite3_last_insert_rowid (cab_sqlite_store_get_handle (self));
}

typedef struct
{
  guint32  julian;
  CabEntry entry;
} DatedEntry;

static int
compare_dated_entries (gconstpointer a,
                       gconstpointer b)
{
  const DatedEntry *x = a;
  const DatedEntry *y = b;

  if (x->julian != y->julian)
    return x->julian < y->julian ? -1 : 1;
  return x->entry.id < y->entry.id ? -1 : x->entry.id > y->entry.id;
}

/* The rows of "SELECT id, kind, date, amount, volume_wh, period FROM entries … ORDER BY date"
 * into @ledger, in the order of their date and then of their id (the order they were
 * imported in, which the ledger keeps for a day's entries): every ledger read of this store
 * (whole, or recent entries after a sum) takes the same columns. The ties are ordered here:
 * "ORDER BY date, id" made SQLite sort every read in a temporary b-tree (perf: a fifth of
 * reading a year's entries), while the index gives the date order alone for nothing.
 * Resets @stmt. */
gboolean
cab_sqlite_store_read_entries (CabSqliteStore  *self,
                               sqlite3_stmt    *stmt,
                               CabLedger       *ledger,
                               GError         **error)
{
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, FALSE, sizeof (DatedEntry), 128);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DatedEntry row = { 0, };

      column_date (stmt, 2, &row.entry.date);
      row.julian = g_date_valid (&row.entry.date) ? g_date_get_julian (&row.entry.date) : 0;
      row.entry.kind = (CabEntryKind) sqlite3_column_int (stmt, 1);
      row.entry.amount = sqlite3_column_int64 (stmt, 3);
      row.entry.id = sqlite3_column_int64 (stmt, 0);
      cab_store_entry_set_stored (&row.entry, sqlite3_column_type (stmt, 4) != SQLITE_NULL,
                                  sqlite3_column_int64 (stmt, 4),
                                  sqlite3_column_int64 (stmt, 5));
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);
  g_array_sort (rows, compare_dated_entries);
  for (guint i = 0; i < rows->len; i++)
    cab_ledger_add_entry (ledger, &g_array_index (rows, DatedEntry, i).entry);
  return TRUE;
}

gboolean
cab_sqlite_store_read_ledger_start (CabSqliteStore  *self,
                                    const char      *account,
                                    GDate           *out_opening,
                                    CabMoney        *out_balance,
                                    CabTerms        *out_terms,
                                    gint64          *out_partner_id,
                                    GError         **error)
{
  sqlite3_stmt *stmt = prep (self,
    "SELECT opening_date, opening_balance, bill1_issue_day, bill1_due_day, bill2_issue_day,"
    " bill2_due_day, invoice_due_day, partner_id FROM accounts WHERE account = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, account);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return set_sqlite_error (self, error);
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No such account");
      return FALSE;
    }
  column_date (stmt, 0, out_opening);
  *out_balance = sqlite3_column_int64 (stmt, 1);
  cab_sqlite_column_terms (stmt, 2, out_terms);
  if (out_partner_id != NULL)
    *out_partner_id = sqlite3_column_int64 (stmt, 7);
  sqlite3_reset (stmt);
  return TRUE;
}

static CabLedger *
store_load_ledger (CabStore    *store,
                   const char  *account,
                   const GDate *until,
                   GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  g_autoptr(CabLedger) ledger = NULL;
  sqlite3_stmt *stmt;
  CabTerms terms;
  CabMoney balance;
  GDate opening;

  if (!cab_sqlite_store_read_ledger_start (self, account, &opening, &balance, &terms, NULL, error))
    return NULL;
  ledger = cab_ledger_new (&opening, balance, &terms);

  stmt = prep (self, "SELECT id, kind, date, amount, volume_wh, period FROM entries"
                     " WHERE account = ? AND date < ? ORDER BY date", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, account);
  sqlite3_bind_int64 (stmt, 2, until != NULL ? (gint64) g_date_get_julian (until) : G_MAXINT64);
  if (!cab_sqlite_store_read_entries (self, stmt, ledger, error))
    return NULL;
  return g_steal_pointer (&ledger);
}

#define DOCUMENT_COLUMNS \
  "d.id, d.entry_id, e.account, d.kind, d.title, d.file_name, d.spec, d.sha256, d.size" \
  " FROM documents d JOIN entries e ON e.id = d.entry_id"

/* The DOCUMENT_COLUMNS of @stmt from column @first on. */
static CabStoreDocument *
read_document (sqlite3_stmt *stmt,
               int           first)
{
  CabStoreDocument *doc = g_new0 (CabStoreDocument, 1);

  doc->id = sqlite3_column_int64 (stmt, first);
  doc->entry_id = sqlite3_column_int64 (stmt, first + 1);
  doc->account = column_text (stmt, first + 2);
  doc->kind = (CabDocumentKind) sqlite3_column_int (stmt, first + 3);
  doc->title = column_text (stmt, first + 4);
  doc->file_name = column_text (stmt, first + 5);
  doc->spec_json = column_text (stmt, first + 6);
  doc->sha256 = column_text (stmt, first + 7);
  doc->size = sqlite3_column_type (stmt, first + 8) == SQLITE_NULL
                ? -1 : sqlite3_column_int64 (stmt, first + 8);
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
    g_ptr_array_add (docs, read_document (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&docs);
}

/* The entries and their documents in one query (they were two, each finding the period's
 * entries again): a row per document, or one with NULL document columns for an entry
 * without any. */
static GHashTable *
store_list_entry_infos (CabStore     *store,
                        const char   *account,
                        const GDate  *from,
                        const GDate  *to,
                        GError      **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT e.id, e.number, e.title, d.id, d.entry_id, e.account,"
                                   " d.kind, d.title, d.file_name, d.spec, d.sha256, d.size"
                                   " FROM entries e LEFT JOIN documents d ON d.entry_id = e.id"
                                   " WHERE e.account = ? AND e.date >= ? AND e.date < ?", error);
  g_autoptr(GHashTable) infos = NULL;
  CabStoreEntryInfo *info = NULL;
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
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (info == NULL || info->id != id)
        info = g_hash_table_lookup (infos, &id);
      if (info == NULL)
        {
          info = cab_store_entry_info_new (id, (const char *) sqlite3_column_text (stmt, 1),
                                           (const char *) sqlite3_column_text (stmt, 2));
          g_hash_table_insert (infos, &info->id, info);
        }
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        g_ptr_array_add (info->documents, read_document (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  cab_store_entry_infos_sort_documents (infos);
  return g_steal_pointer (&infos);
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
  doc = read_document (stmt, 0);
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
  return sqlite3_last_insert_rowid (cab_sqlite_store_get_handle (self));
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

void
cab_sqlite_store_documents_iface_init (CabStoreInterface *iface)
{
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
}
