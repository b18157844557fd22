/* cab-pg-store-import.c: the import's upserts (tek-cabinet-admin import) on PostgreSQL.
 *
 * The same rules as their SQLite twins in cab-sqlite-store-admin.c (what identifies a row,
 * which columns count as a change, what an existing row keeps), but each of partners,
 * accounts and entries is one prepared statement, one round trip: a CTE finds the row (and
 * locks it), updates it only when a column differs, or inserts it, and answers the id with
 * what happened. The import runs them all in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-pg-store-private.h"

/* Column 0 the id, column 1 0/1/2: unchanged/added/changed (CabStoreChange's values). */
G_STATIC_ASSERT (CAB_STORE_UNCHANGED == 0 && CAB_STORE_ADDED == 1 && CAB_STORE_CHANGED == 2);

static gint64
read_upsert (PGresult        *res,
             CabStoreChange  *out_change,
             GError         **error)
{
  if (res == NULL)
    return 0;
  if (PQntuples (res) != 1)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_FAILED, "The upsert answered no row");
      return 0;
    }
  *out_change = (CabStoreChange) cab_pg_get_int (res, 0, 1);
  return cab_pg_get_int (res, 0, 0);
}

static gint64
store_upsert_partner (CabStore          *store,
                      const CabPartner  *partner,
                      CabStoreChange    *out_change,
                      GError           **error)
{
  CabPgParams p = { 0 };
  g_autoptr(PGresult) res = NULL;

  cab_pg_param_text (&p, partner->dp_code);
  cab_pg_param_text (&p, partner->name);
  cab_pg_param_text (&p, partner->address);
  cab_pg_param_text (&p, partner->contacts ? partner->contacts : "");
  res = cab_pg_run (CONN (store),
    "WITH old AS (SELECT id, name, address, contacts FROM partners WHERE dp_code = $1::text"
    "             FOR UPDATE),"
    " upd AS (UPDATE partners p SET name = $2::text, address = $3::text, contacts = $4::text"
    "         FROM old WHERE p.id = old.id"
    "         AND (old.name, old.address, old.contacts)"
    "             IS DISTINCT FROM ($2::text, $3::text, $4::text) RETURNING p.id),"
    " ins AS (INSERT INTO partners (dp_code, name, address, contacts)"
    "         SELECT $1::text, $2::text, $3::text, $4::text WHERE NOT EXISTS (SELECT 1 FROM old)"
    "         RETURNING id)"
    " SELECT id, 1 FROM ins UNION ALL SELECT id, 2 FROM upd"
    " UNION ALL SELECT id, 0 FROM old WHERE NOT EXISTS (SELECT 1 FROM upd)", &p, error);
  return read_upsert (res, out_change, error);
}

static gboolean
store_upsert_account (CabStore           *store,
                      gint64              partner_id,
                      const CabContract  *c,
                      const GDate        *opening_date,
                      CabMoney            opening_balance,
                      CabStoreChange     *out_change,
                      GError            **error)
{
  CabPgParams p = { 0 };
  g_autoptr(PGresult) res = NULL;

  cab_pg_param_text (&p, c->account);
  cab_pg_param_int (&p, partner_id);
  cab_pg_param_text (&p, c->contract_number);
  cab_pg_param_int (&p, g_date_get_julian (&c->contract_date));
  cab_pg_param_text (&p, c->branch_name);
  cab_pg_param_text (&p, c->branch_address);
  cab_pg_param_text (&p, c->inn);
  cab_pg_param_text (&p, c->kpp);
  cab_pg_param_int (&p, g_date_get_julian (opening_date));
  cab_pg_param_int (&p, opening_balance);
  cab_pg_param_int (&p, c->terms.bill1_issue_day);
  cab_pg_param_int (&p, c->terms.bill1_due_day);
  cab_pg_param_int (&p, c->terms.bill2_issue_day);
  cab_pg_param_int (&p, c->terms.bill2_due_day);
  cab_pg_param_int (&p, c->terms.invoice_due_day);
  /* An existing account keeps its terms of payment, as on SQLite. */
  res = cab_pg_run (CONN (store),
    "WITH old AS (SELECT * FROM accounts WHERE account = $1::text FOR UPDATE),"
    " upd AS (UPDATE accounts a SET partner_id = $2::bigint, contract_number = $3::text,"
    "         contract_date = $4::bigint, branch_name = $5::text, branch_address = $6::text,"
    "         inn = $7::text, kpp = $8::text, opening_date = $9::bigint,"
    "         opening_balance = $10::bigint"
    "         FROM old WHERE a.account = old.account"
    "         AND (old.partner_id, old.contract_number, old.contract_date, old.branch_name,"
    "              old.branch_address, old.inn, old.kpp, old.opening_date, old.opening_balance)"
    "             IS DISTINCT FROM ($2::bigint, $3::text, $4::bigint, $5::text, $6::text,"
    "              $7::text, $8::text, $9::bigint, $10::bigint)"
    "         RETURNING 0),"
    " ins AS (INSERT INTO accounts (account, partner_id, contract_number, contract_date,"
    "         branch_name, branch_address, inn, kpp, opening_date, opening_balance,"
    "         bill1_issue_day, bill1_due_day, bill2_issue_day, bill2_due_day, invoice_due_day)"
    "         SELECT $1::text, $2::bigint, $3::text, $4::bigint, $5::text, $6::text, $7::text,"
    "         $8::text, $9::bigint, $10::bigint, $11::int, $12::int, $13::int, $14::int,"
    "         $15::int WHERE NOT EXISTS (SELECT 1 FROM old) RETURNING 0)"
    " SELECT 0, 1 FROM ins UNION ALL SELECT 0, 2 FROM upd"
    " UNION ALL SELECT 0, 0 FROM old WHERE NOT EXISTS (SELECT 1 FROM upd)", &p, error);
  if (res == NULL)
    return FALSE;
  read_upsert (res, out_change, error);
  return PQntuples (res) == 1;
}

static gint64
store_upsert_entry (CabStore         *store,
                    const char       *account,
                    const CabEntry   *entry,
                    const char       *number,
                    const char       *title,
                    CabStoreChange   *out_change,
                    GError          **error)
{
  CabPgParams p = { 0 };
  g_autoptr(PGresult) res = NULL;
  CabVolume volume;
  guint32 period = cab_store_entry_period (entry);

  cab_pg_param_text (&p, account);
  cab_pg_param_text (&p, number);
  cab_pg_param_int (&p, entry->kind);
  cab_pg_param_int (&p, g_date_get_julian (&entry->date));
  cab_pg_param_int (&p, entry->amount);
  cab_pg_param_text (&p, title);
  if (cab_store_entry_volume (entry, &volume))
    cab_pg_param_int (&p, volume);
  else
    cab_pg_param_text (&p, NULL);
  if (period != 0)
    cab_pg_param_int (&p, period);
  else
    cab_pg_param_text (&p, NULL);
  res = cab_pg_run (CONN (store),
    "WITH old AS (SELECT id, amount, title, volume_wh, period FROM entries"
    "             WHERE account = $1::text AND number = $2::text AND kind = $3::int"
    "             AND date = $4::bigint ORDER BY id LIMIT 1 FOR UPDATE),"
    " upd AS (UPDATE entries e SET amount = $5::bigint, title = $6::text,"
    "         volume_wh = $7::bigint, period = $8::bigint FROM old WHERE e.id = old.id"
    "         AND (old.amount, old.title, old.volume_wh, old.period)"
    "             IS DISTINCT FROM ($5::bigint, $6::text, $7::bigint, $8::bigint)"
    "         RETURNING e.id),"
    " ins AS (INSERT INTO entries (account, number, kind, date, amount, title, volume_wh,"
    "         period) SELECT $1::text, $2::text, $3::int, $4::bigint, $5::bigint, $6::text,"
    "         $7::bigint, $8::bigint WHERE NOT EXISTS (SELECT 1 FROM old) RETURNING id)"
    " SELECT id, 1 FROM ins UNION ALL SELECT id, 2 FROM upd"
    " UNION ALL SELECT id, 0 FROM old WHERE NOT EXISTS (SELECT 1 FROM upd)", &p, error);
  return read_upsert (res, out_change, error);
}

static gint64
store_find_entry (CabStore         *store,
                  const char       *account,
                  const char       *number,
                  CabDocumentKind   kind,
                  GError          **error)
{
  CabPgParams p = { 0 };
  CabEntryKind a, b;

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
  cab_pg_param_text (&p, account);
  cab_pg_param_text (&p, number);
  cab_pg_param_int (&p, a);
  cab_pg_param_int (&p, b);
  return cab_pg_run_int (CONN (store),
                         "SELECT id FROM entries WHERE account = $1 AND number = $2"
                         " AND kind IN ($3, $4) ORDER BY date DESC, id DESC LIMIT 1", &p, error);
}

static char *
store_get_document_sha256 (CabStore         *store,
                           gint64            entry_id,
                           CabDocumentKind   kind,
                           GError          **error)
{
  CabPgParams p = { 0 };
  g_autoptr(PGresult) res = NULL;

  cab_pg_param_int (&p, entry_id);
  cab_pg_param_int (&p, kind);
  res = cab_pg_run (CONN (store), "SELECT sha256 FROM documents WHERE entry_id = $1"
                                  " AND kind = $2 ORDER BY id LIMIT 1", &p, error);
  if (res == NULL || PQntuples (res) == 0)
    return NULL;
  return cab_pg_get_text (res, 0, 0);
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
  CabPgConn *conn = CONN (store);
  CabPgParams find = { 0 };
  g_autoptr(PGresult) old = NULL;
  g_autofree char *old_sha256 = NULL;
  gint64 id = 0;

  cab_pg_param_int (&find, entry_id);
  cab_pg_param_int (&find, kind);
  old = cab_pg_run (conn, "SELECT id, sha256, title, file_name FROM documents"
                          " WHERE entry_id = $1 AND kind = $2 ORDER BY id LIMIT 1 FOR UPDATE",
                    &find, error);
  if (old == NULL)
    return 0;
  if (PQntuples (old) == 1)
    {
      g_autofree char *old_title = cab_pg_get_text (old, 0, 2);
      g_autofree char *old_file_name = cab_pg_get_text (old, 0, 3);

      id = cab_pg_get_int (old, 0, 0);
      old_sha256 = cab_pg_get_text (old, 0, 1);
      if (g_strcmp0 (old_sha256, sha256) == 0 && g_strcmp0 (old_title, title) == 0
          && g_strcmp0 (old_file_name, file_name) == 0)
        {
          *out_change = CAB_STORE_UNCHANGED;
          return id;
        }
    }

  {
    /* The same file under another document is stored once. */
    CabPgParams blob = { 0 };

    cab_pg_param_text (&blob, sha256);
    cab_pg_param_bytes (&blob, pdf);
    if (!cab_pg_run_done (conn, "INSERT INTO pdf_blobs (sha256, data) VALUES ($1, $2)"
                                " ON CONFLICT (sha256) DO NOTHING", &blob, error))
      return 0;
  }

  {
    CabPgParams p = { 0 };
    g_autoptr(GError) local_error = NULL;

    cab_pg_param_text (&p, title);
    cab_pg_param_text (&p, file_name);
    cab_pg_param_text (&p, sha256);
    cab_pg_param_int (&p, (gint64) g_bytes_get_size (pdf));
    if (id != 0)
      {
        cab_pg_param_int (&p, id);
        if (!cab_pg_run_done (conn, "UPDATE documents SET title = $1, file_name = $2,"
                                    " sha256 = $3, size = $4, spec = NULL WHERE id = $5",
                              &p, error))
          return 0;
        *out_change = CAB_STORE_CHANGED;
      }
    else
      {
        cab_pg_param_int (&p, entry_id);
        cab_pg_param_int (&p, kind);
        id = cab_pg_run_int (conn, "INSERT INTO documents (title, file_name, sha256, size,"
                                   " entry_id, kind) VALUES ($1, $2, $3, $4, $5, $6)"
                                   " RETURNING id", &p, &local_error);
        if (local_error != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return 0;
          }
        *out_change = CAB_STORE_ADDED;
      }
  }

  /* A replaced file nobody uses any more goes. */
  if (old_sha256 != NULL && g_strcmp0 (old_sha256, sha256) != 0)
    {
      CabPgParams p = { 0 };

      cab_pg_param_text (&p, old_sha256);
      if (!cab_pg_run_done (conn, "DELETE FROM pdf_blobs WHERE sha256 = $1 AND NOT EXISTS"
                                  " (SELECT 1 FROM documents WHERE sha256 = $1)", &p, error))
        return 0;
    }
  return id;
}

void
cab_pg_store_import_iface_init (CabStoreInterface *iface)
{
  iface->upsert_partner = store_upsert_partner;
  iface->upsert_account = store_upsert_account;
  iface->upsert_entry = store_upsert_entry;
  iface->find_entry = store_find_entry;
  iface->get_document_sha256 = store_get_document_sha256;
  iface->upsert_document = store_upsert_document;
}
