/* cab-pg-store-documents.c: the PostgreSQL store's ledger, documents and feedback.
 *
 * PDFs and feedback attachments are bytea in the database, so that every instance serves
 * them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-pg-store-private.h"

/* ---- ledger and documents ---- */

static gint64
store_add_entry (CabStore        *store,
                 const char      *account,
                 const CabEntry  *entry,
                 const char      *number,
                 const char      *title,
                 GError         **error)
{
  CabPgParams p = { 0 };
  CabVolume volume;
  guint32 period = cab_store_entry_period (entry);

  cab_pg_param_text (&p, account);
  cab_pg_param_int (&p, entry->kind);
  cab_pg_param_int (&p, g_date_get_julian (&entry->date));
  cab_pg_param_int (&p, entry->amount);
  cab_pg_param_text (&p, number);
  cab_pg_param_text (&p, title);
  if (cab_store_entry_volume (entry, &volume))
    cab_pg_param_int (&p, volume);
  else
    cab_pg_param_text (&p, NULL);
  if (period != 0)
    cab_pg_param_int (&p, period);
  else
    cab_pg_param_text (&p, NULL);
  return cab_pg_run_int (CONN (store),
                  "INSERT INTO entries (account, kind, date, amount, number, title, volume_wh,"
                  " period) VALUES ($1, $2, $3, $4, $5, $6, $7::bigint, $8::bigint) RETURNING id",
                  &p, error);
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
  CabPgParams p = { 0 };

  cab_pg_param_int (&p, entry_id);
  cab_pg_param_int (&p, kind);
  cab_pg_param_text (&p, title);
  cab_pg_param_text (&p, file_name);
  cab_pg_param_text (&p, spec_json);
  return cab_pg_run_int (CONN (store),
                  "INSERT INTO documents (entry_id, kind, title, file_name, spec)"
                  " VALUES ($1, $2, $3, $4, $5) RETURNING id", &p, error);
}

void
cab_pg_store_get_terms (PGresult *res,
                        int       row,
                        int       first,
                        CabTerms *terms)
{
  terms->bill1_issue_day = cab_pg_get_int (res, row, first);
  terms->bill1_due_day = cab_pg_get_int (res, row, first + 1);
  terms->bill2_issue_day = cab_pg_get_int (res, row, first + 2);
  terms->bill2_due_day = cab_pg_get_int (res, row, first + 3);
  terms->invoice_due_day = cab_pg_get_int (res, row, first + 4);
}

/* The rows of "SELECT id, kind, date, amount, volume_wh, period FROM entries …", those columns
 * from @first on, into @ledger: every ledger read of this store (whole, or recent entries
 * after a sum) takes the same columns. A row whose id is NULL is no entry (an outer join's
 * account without entries). */
void
cab_pg_store_read_entries (PGresult  *res,
                           int        first,
                           CabLedger *ledger)
{
  for (int i = 0; i < PQntuples (res); i++)
    {
      CabEntry entry = { 0, };

      if (PQgetisnull (res, i, first))
        continue;
      cab_pg_get_date (res, i, first + 2, &entry.date);
      entry.kind = (CabEntryKind) cab_pg_get_int (res, i, first + 1);
      entry.amount = cab_pg_get_int (res, i, first + 3);
      entry.id = cab_pg_get_int (res, i, first);
      cab_store_entry_set_stored (&entry, !PQgetisnull (res, i, first + 4),
                                  cab_pg_get_int (res, i, first + 4),
                                  PQgetisnull (res, i, first + 5)
                                  ? 0 : cab_pg_get_int (res, i, first + 5));
      cab_ledger_add_entry (ledger, &entry);
    }
}

static CabLedger *
store_load_ledger (CabStore    *store,
                   const char  *account,
                   const GDate *until,
                   GError     **error)
{
  CabPgConn *self = CONN (store);
  g_autoptr(PGresult) res = NULL;
  g_autoptr(CabLedger) ledger = NULL;
  CabTerms terms;
  GDate opening;
  CabPgParams p = { 0 };

  cab_pg_param_text (&p, account);
  res = cab_pg_run (self, "SELECT opening_date, opening_balance, bill1_issue_day, bill1_due_day,"
                          " bill2_issue_day, bill2_due_day, invoice_due_day FROM accounts"
                          " WHERE account = $1", &p, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No such account");
      return NULL;
    }
  cab_pg_get_date (res, 0, 0, &opening);
  cab_pg_store_get_terms (res, 0, 2, &terms);
  ledger = cab_ledger_new (&opening, cab_pg_get_int (res, 0, 1), &terms);
  g_clear_pointer (&res, PQclear);

  cab_pg_param_int (&p, until != NULL ? (gint64) g_date_get_julian (until) : G_MAXINT64);
  res = cab_pg_run (self, "SELECT id, kind, date, amount, volume_wh, period FROM entries"
                          " WHERE account = $1 AND date < $2"
                          " ORDER BY date, id", &p, error);
  if (res == NULL)
    return NULL;
  cab_pg_store_read_entries (res, 0, ledger);
  return g_steal_pointer (&ledger);
}

#define DOCUMENT_COLUMNS \
  "d.id, d.entry_id, e.account, d.kind, d.title, d.file_name, d.spec, d.sha256, d.size" \
  " FROM documents d JOIN entries e ON e.id = d.entry_id"

/* The DOCUMENT_COLUMNS of @row from column @first on. */
static CabStoreDocument *
read_document (PGresult *res, int row, int first)
{
  CabStoreDocument *doc = g_new0 (CabStoreDocument, 1);

  doc->id = cab_pg_get_int (res, row, first);
  doc->entry_id = cab_pg_get_int (res, row, first + 1);
  doc->account = cab_pg_get_text (res, row, first + 2);
  doc->kind = (CabDocumentKind) cab_pg_get_int (res, row, first + 3);
  doc->title = cab_pg_get_text (res, row, first + 4);
  doc->file_name = cab_pg_get_text (res, row, first + 5);
  doc->spec_json = cab_pg_get_text (res, row, first + 6);
  doc->sha256 = cab_pg_get_text (res, row, first + 7);
  doc->size = PQgetisnull (res, row, first + 8) ? -1 : cab_pg_get_int (res, row, first + 8);
  return doc;
}

static GPtrArray *
read_documents (PGresult *res)
{
  GPtrArray *docs;

  if (res == NULL)
    return NULL;
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_store_document_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (docs, read_document (res, i, 0));
  return docs;
}

/* The entries and their documents in one round trip (they were two): a row per document, or
 * one with NULL document columns for an entry without any. */
#define ENTRY_INFOS \
  "SELECT e.id, e.number, e.title, d.id, d.entry_id, e.account," \
  " d.kind, d.title, d.file_name, d.spec, d.sha256, d.size" \
  " FROM entries e LEFT JOIN documents d ON d.entry_id = e.id" \
  " WHERE e.account = $1 AND e.date >= $2 AND e.date < $3"

static const char entry_infos_sql[] = ENTRY_INFOS;
/* Read ahead before the token is checked: only an account of the token's partner ($4). */
static const char guarded_entry_infos_sql[] =
  ENTRY_INFOS " AND (SELECT partner_id FROM accounts WHERE account = $1) = "
  CAB_PG_SESSION_PARTNER;

static void
entry_infos_params (const char   *account,
                    const GDate  *from,
                    const GDate  *to,
                    CabPgParams  *p)
{
  cab_pg_param_text (p, account);
  cab_pg_param_int (p, g_date_get_julian (from));
  cab_pg_param_int (p, g_date_get_julian (to));
}

static void
store_expect_entry_infos (CabStore     *store,
                          const char   *token_hash,
                          const char   *account,
                          const GDate  *from,
                          const GDate  *to)
{
  CabPgParams p = { 0 };

  entry_infos_params (account, from, to, &p);
  cab_pg_param_text (&p, token_hash);
  cab_pg_read_ahead (CONN (store), guarded_entry_infos_sql, &p, entry_infos_sql, p.n - 1);
}

static GHashTable *
store_list_entry_infos (CabStore     *store,
                        const char   *account,
                        const GDate  *from,
                        const GDate  *to,
                        GError      **error)
{
  g_autoptr(PGresult) res = NULL;
  GHashTable *infos;
  CabStoreEntryInfo *info = NULL;
  CabPgParams p = { 0 };

  entry_infos_params (account, from, to, &p);
  res = cab_pg_run (CONN (store), entry_infos_sql, &p, error);
  if (res == NULL)
    return NULL;
  infos = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                 (GDestroyNotify) cab_store_entry_info_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 id = cab_pg_get_int (res, i, 0);

      if (info == NULL || info->id != id)
        info = g_hash_table_lookup (infos, &id);
      if (info == NULL)
        {
          info = cab_store_entry_info_new (id, PQgetisnull (res, i, 1) ? NULL
                                                                        : PQgetvalue (res, i, 1),
                                           PQgetisnull (res, i, 2) ? NULL
                                                                   : PQgetvalue (res, i, 2));
          g_hash_table_insert (infos, &info->id, info);
        }
      if (!PQgetisnull (res, i, 3))
        g_ptr_array_add (info->documents, read_document (res, i, 3));
    }
  cab_store_entry_infos_sort_documents (infos);
  return infos;
}

static GPtrArray *
store_list_documents (CabStore     *store,
                      const char   *account,
                      const GDate  *from,
                      const GDate  *to,
                      GError      **error)
{
  g_autoptr(PGresult) res = NULL;
  CabPgParams p = { 0 };

  cab_pg_param_text (&p, account);
  cab_pg_param_int (&p, g_date_get_julian (from));
  cab_pg_param_int (&p, g_date_get_julian (to));
  res = cab_pg_run (CONN (store), "SELECT " DOCUMENT_COLUMNS
                                  " WHERE e.account = $1 AND e.date >= $2 AND e.date < $3"
                                  " ORDER BY d.entry_id, d.id", &p, error);
  return read_documents (res);
}

static CabStoreDocument *
store_get_document (CabStore *store, gint64 id, GError **error)
{
  g_autoptr(PGresult) res = NULL;
  CabPgParams p = { 0 };

  cab_pg_param_int (&p, id);
  res = cab_pg_run (CONN (store), "SELECT " DOCUMENT_COLUMNS " WHERE d.id = $1", &p, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No such document");
      return NULL;
    }
  return read_document (res, 0, 0);
}

static GBytes *
store_get_document_pdf (CabStore *store, gint64 id, GError **error)
{
  g_autoptr(PGresult) res = NULL;
  CabPgParams p = { 0 };

  cab_pg_param_int (&p, id);
  /* Binary results: the bytea arrives as it is, not hex-escaped. */
  res = cab_pg_run_full (CONN (store), "SELECT b.data FROM documents d"
                                       " JOIN pdf_blobs b ON b.sha256 = d.sha256"
                                       " WHERE d.id = $1", &p, 1, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "Document not rendered");
      return NULL;
    }
  return g_bytes_new (PQgetvalue (res, 0, 0), PQgetlength (res, 0, 0));
}

static gboolean
store_set_document_pdf (CabStore    *store,
                        gint64       id,
                        GBytes      *pdf,
                        const char  *sha256,
                        GError     **error)
{
  CabPgConn *self = CONN (store);
  CabPgParams p = { 0 };

  if (!cab_pg_savepoint (self, error))
    return FALSE;
  cab_pg_param_text (&p, sha256);
  cab_pg_param_bytes (&p, pdf);
  if (!cab_pg_run_done (self, "INSERT INTO pdf_blobs (sha256, data) VALUES ($1, $2)"
                              " ON CONFLICT (sha256) DO NOTHING", &p, error))
    goto fail;
  p.n = 0;
  cab_pg_param_text (&p, sha256);
  cab_pg_param_int (&p, g_bytes_get_size (pdf));
  cab_pg_param_int (&p, id);
  if (!cab_pg_run_done (self, "UPDATE documents SET sha256 = $1, size = $2 WHERE id = $3", &p,
                        error)
      || !cab_pg_release (self, error))
    goto fail;
  return TRUE;

fail:
  cab_pg_rollback_savepoint (self);
  return FALSE;
}

static GPtrArray *
store_list_unrendered (CabStore *store, guint limit, GError **error)
{
  g_autoptr(PGresult) res = NULL;
  CabPgParams p = { 0 };

  cab_pg_param_int (&p, limit);
  res = cab_pg_run (CONN (store), "SELECT " DOCUMENT_COLUMNS " WHERE d.sha256 IS NULL"
                                  " ORDER BY d.id LIMIT $1", &p, error);
  return read_documents (res);
}

gboolean
cab_pg_store_set_unrendered_pdf (CabPgStore  *self,
                                 const char  *sha256,
                                 gsize        size,
                                 GError     **error)
{
  CabPgParams p = { 0 };

  cab_pg_param_text (&p, sha256);
  cab_pg_param_int (&p, size);
  return cab_pg_run_done (CONN (self), "UPDATE documents SET sha256 = $1, size = $2"
                                       " WHERE sha256 IS NULL", &p, error);
}

gboolean
cab_pg_store_copy_rows (CabPgStore     *self,
                        const char     *copy_sql,
                        const GString  *rows,
                        GError        **error)
{
  g_return_val_if_fail (g_str_has_prefix (copy_sql, "COPY "), FALSE);

  return rows->len == 0 || cab_pg_copy_in (CONN (self), copy_sql, rows->str, rows->len, error);
}

gboolean
cab_pg_store_continue_ids (CabPgStore  *self,
                           GError     **error)
{
  return cab_pg_run_done (CONN (self),
                      "SELECT setval (pg_get_serial_sequence (t, 'id'), m)"
                      " FROM (VALUES ('entries', (SELECT max (id) FROM entries)),"
                      "  ('documents', (SELECT max (id) FROM documents)),"
                      "  ('pdf_blobs', (SELECT max (id) FROM pdf_blobs))) AS v (t, m)"
                      " WHERE m IS NOT NULL", NULL, error);
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
  CabPgConn *self = CONN (store);
  g_autoptr(PGresult) res = NULL;
  CabPgParams p = { 0 };

  *out_existed = FALSE;
  cab_pg_param_int (&p, user_id);
  cab_pg_param_text (&p, client_id);
  cab_pg_param_int (&p, now);
  cab_pg_param_text (&p, text);
  cab_pg_param_text (&p, file_name);
  if (file != NULL)
    cab_pg_param_int (&p, g_bytes_get_size (file));
  else
    cab_pg_param_text (&p, NULL);
  cab_pg_param_bytes (&p, file);
  /* The same (user, client id) twice, even from two instances at once, is stored once. */
  res = cab_pg_run (self, "INSERT INTO feedback (user_id, client_id, created_at, text, file_name,"
                          " file_size, file) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                          " ON CONFLICT (user_id, client_id) DO NOTHING RETURNING id", &p, error);
  if (res == NULL)
    return 0;
  if (PQntuples (res) == 1)
    return cab_pg_get_int (res, 0, 0);

  p.n = 0;
  cab_pg_param_int (&p, user_id);
  cab_pg_param_text (&p, client_id);
  g_clear_pointer (&res, PQclear);
  res = cab_pg_run (self, "SELECT id FROM feedback WHERE user_id = $1 AND client_id = $2", &p,
                    error);
  if (res == NULL)
    return 0;
  if (PQntuples (res) == 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INTERNAL, "Feedback vanished");
      return 0;
    }
  *out_existed = TRUE;
  return cab_pg_get_int (res, 0, 0);
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
  g_autoptr(PGresult) res = NULL;
  GPtrArray *messages;
  CabPgParams p = { 0 };

  cab_pg_param_int (&p, user_id);
  res = cab_pg_run (CONN (store), "SELECT id, created_at, text, file_name, file_size, status"
                                  " FROM feedback WHERE user_id = $1 ORDER BY id DESC",
             &p, error);
  if (res == NULL)
    return NULL;
  messages = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_feedback_message_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      CabFeedbackMessage *m = cab_feedback_message_new ();

      m->id = cab_pg_get_int (res, i, 0);
      m->created_at = moscow_time (cab_pg_get_int (res, i, 1));
      m->text = cab_pg_get_text (res, i, 2);
      m->file_name = cab_pg_get_text (res, i, 3);
      m->file_size = PQgetisnull (res, i, 4) ? -1 : cab_pg_get_int (res, i, 4);
      m->status = (CabFeedbackStatus) cab_pg_get_int (res, i, 5);
      g_ptr_array_add (messages, m);
    }
  return messages;
}

void
cab_pg_store_documents_iface_init (CabStoreInterface *iface)
{
  iface->add_entry = store_add_entry;
  iface->add_document = store_add_document;
  iface->load_ledger = store_load_ledger;
  iface->list_entry_infos = store_list_entry_infos;
  iface->expect_entry_infos = store_expect_entry_infos;
  iface->list_documents = store_list_documents;
  iface->get_document = store_get_document;
  iface->get_document_pdf = store_get_document_pdf;
  iface->set_document_pdf = store_set_document_pdf;
  iface->list_unrendered = store_list_unrendered;
  iface->add_feedback = store_add_feedback;
  iface->list_feedback = store_list_feedback;
}
