/* cab-bench-generate.c: a large database for the server benchmark.
 *
 *   cab-bench-generate --generate-bench-db PATH [--partners 10000] [--accounts 3] [--years 10]
 *                      [--tokens FILE] [--token-users 1000]
 *
 * Each partner gets a user and N accounts; each account gets, for every month of the years
 * before the current one, two advance bills, the month's invoice and two payments, with a
 * scanned document per bill and an invoice plus volume act per invoice (metadata through the
 * same CabStore interface as the server, except that PostgreSQL's entries and documents go in
 * by COPY, many rows per round trip; all documents share one stored placeholder PDF, so the
 * database measures the rows, not the scans). The same options give the same rows on both
 * stores (the random amounts come from a fixed seed). Sessions are created for the first
 * --token-users users, and their tokens and accounts written to --tokens for wrk's script.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "cab-password.h"
#include "cab-pg-store.h"
#include "cab-sqlite-store.h"

static char *opt_db;
static char *opt_tokens;
static gint opt_partners = 10000;
static gint opt_accounts = 3;
static gint opt_years = 10;
static gint opt_token_users = 1000;

static const GOptionEntry entries[] = {
  { "generate-bench-db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "Database to create", "PATH" },
  { "partners", 0, 0, G_OPTION_ARG_INT, &opt_partners, "Partners (default 10000)", "N" },
  { "accounts", 0, 0, G_OPTION_ARG_INT, &opt_accounts, "Accounts per partner (default 3)", "N" },
  { "years", 0, 0, G_OPTION_ARG_INT, &opt_years, "Years of monthly documents (default 10)", "N" },
  { "tokens", 0, 0, G_OPTION_ARG_FILENAME, &opt_tokens, "Where to write TOKEN ACCOUNT lines", "FILE" },
  { "token-users", 0, 0, G_OPTION_ARG_INT, &opt_token_users, "Users with a session (default 1000)", "N" },
  { NULL }
};

#define CHECK(expr) G_STMT_START { if (!(expr)) goto fail; } G_STMT_END

/* Where the entries and documents go: through the store one row at a time (SQLite, in
 * process), or on PostgreSQL as COPY rows with the ids the store would have given them (the
 * database is empty, and identities start at 1 as SQLite's rowids do), sent in batches:
 * one round trip per batch instead of one per row, the same rows either way. */
typedef struct
{
  CabStore   *store;
  CabPgStore *pg;            /* NULL: through the store */
  GString    *entries;
  GString    *documents;
  gint64      last_entry;
  gint64      last_document;
  const char *pdf_sha256;    /* the placeholder the documents point at (PostgreSQL) */
  gsize       pdf_size;
} Writer;

/* Sent when a batch reaches this (a partner's rows are about 0.4 MB). */
#define BATCH_BYTES (4 << 20)

/* @text as a field of COPY's text format. */
static void
append_copy_text (GString    *out,
                  const char *text)
{
  for (const char *c = text; *c != '\0'; c++)
    switch (*c)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default: g_string_append_c (out, *c); break;
      }
}

static gboolean
writer_flush (Writer   *w,
              GError  **error)
{
  if (w->pg == NULL)
    return TRUE;
  /* The entries first: the documents refer to them. */
  if (!cab_pg_store_copy_rows (w->pg, "COPY entries (id, account, kind, date, amount, number,"
                                      " title) FROM STDIN", w->entries, error)
      || !cab_pg_store_copy_rows (w->pg, "COPY documents (id, entry_id, kind, title, file_name,"
                                         " sha256, size) FROM STDIN", w->documents, error))
    return FALSE;
  g_string_truncate (w->entries, 0);
  g_string_truncate (w->documents, 0);
  return TRUE;
}

static gint64
add_entry (Writer        *w,
           const char    *account,
           CabEntryKind   kind,
           const GDate   *date,
           CabMoney       amount,
           const char    *number,
           const char    *title_prefix,
           GError       **error)
{
  g_autofree char *shown = cab_date_to_display (date);
  g_autofree char *title = g_strdup_printf ("%s от %s", title_prefix, shown);

  if (w->pg == NULL)
    return cab_store_add_entry (w->store, account, kind, date, amount, number, title, error);
  g_string_append_printf (w->entries, "%" G_GINT64_FORMAT "\t", ++w->last_entry);
  append_copy_text (w->entries, account);
  g_string_append_printf (w->entries, "\t%d\t%u\t%" G_GINT64_FORMAT "\t", (int) kind,
                          g_date_get_julian (date), (gint64) amount);
  append_copy_text (w->entries, number);
  g_string_append_c (w->entries, '\t');
  append_copy_text (w->entries, title);
  g_string_append_c (w->entries, '\n');
  return w->last_entry;
}

/* The documents point at the placeholder PDF from the start on PostgreSQL (one UPDATE of
 * every row at the end would rewrite the table); SQLite's are linked at the end. */
static gint64
add_document (Writer           *w,
              gint64            entry_id,
              CabDocumentKind   kind,
              const char       *title,
              const char       *file_name,
              GError          **error)
{
  if (w->pg == NULL)
    return cab_store_add_document (w->store, entry_id, kind, title, file_name, NULL, error);
  g_string_append_printf (w->documents, "%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%d\t",
                          ++w->last_document, entry_id, (int) kind);
  append_copy_text (w->documents, title);
  g_string_append_c (w->documents, '\t');
  append_copy_text (w->documents, file_name);
  g_string_append_printf (w->documents, "\t%s\t%" G_GSIZE_FORMAT "\n", w->pdf_sha256,
                          w->pdf_size);
  return w->last_document;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- make the server benchmark's database");
  g_autoptr(GError) error = NULL;
  g_autoptr(CabStore) opened = NULL;
  CabSqliteStore *sqlite = NULL;
  g_autoptr(GBytes) placeholder = NULL;
  g_autofree char *placeholder_sha = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  FILE *tokens = NULL;
  CabStore *store;
  Writer w = { 0 };
  g_autoptr(GString) entry_rows = g_string_new (NULL);
  g_autoptr(GString) document_rows = g_string_new (NULL);
  GDate today;
  guint first_year, last_year;
  gint64 placeholder_doc = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_db == NULL)
    {
      g_printerr ("cab-bench-generate: %s\n", error ? error->message : "--generate-bench-db PATH is required");
      return 2;
    }
  if (!cab_store_spec_is_postgresql (opt_db) && g_file_test (opt_db, G_FILE_TEST_EXISTS))
    {
      g_printerr ("cab-bench-generate: %s exists; remove it first\n", opt_db);
      return 2;
    }
  /* The same generator for either store: --generate-bench-db postgresql://... too. */
  if (!cab_password_init (&error) || !(opened = cab_store_open (opt_db, &error)))
    goto fail;
  store = opened;
  if (CAB_IS_SQLITE_STORE (store))
    {
      sqlite = CAB_SQLITE_STORE (store);
      cab_sqlite_store_set_bulk_mode (sqlite, TRUE);
    }
  else if (!cab_store_is_empty (store, &error))
    {
      g_printerr ("cab-bench-generate: %s is not empty; drop its tables first\n", opt_db);
      return 2;
    }

  if (opt_tokens != NULL && !(tokens = fopen (opt_tokens, "w")))
    {
      g_printerr ("cab-bench-generate: cannot write %s\n", opt_tokens);
      return 2;
    }

  /* One Argon2id hash for everyone: hashing 10,000 would take minutes and measure nothing. */
  hash = cab_password_hash_sync ("bench-password", &error);
  CHECK (hash != NULL);
  placeholder = g_bytes_new_static ("%PDF-1.4\n% benchmark placeholder\n%%EOF\n", 39);
  placeholder_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, placeholder);

  w.store = store;
  w.pg = sqlite == NULL ? CAB_PG_STORE (store) : NULL;
  w.entries = entry_rows;
  w.documents = document_rows;
  w.pdf_sha256 = placeholder_sha;
  w.pdf_size = g_bytes_get_size (placeholder);

  cab_date_today_supplier (&today);
  last_year = g_date_get_year (&today) - 1;
  first_year = last_year - opt_years + 1;

  CHECK (cab_store_begin (store, &error));
  if (w.pg != NULL)
    {
      /* The placeholder's row first: the documents refer to it (bytea's hex form). */
      g_autoptr(GString) blob = g_string_new (placeholder_sha);
      gsize size;
      const guint8 *data = g_bytes_get_data (placeholder, &size);

      g_string_append (blob, "\t\\\\x");
      for (gsize i = 0; i < size; i++)
        g_string_append_printf (blob, "%02x", data[i]);
      g_string_append_c (blob, '\n');
      CHECK (cab_pg_store_copy_rows (w.pg, "COPY pdf_blobs (sha256, data) FROM STDIN", blob,
                                     &error));
    }
  for (gint p = 0; p < opt_partners; p++)
    {
      g_autofree char *dp_code = g_strdup_printf ("50%08d", p);
      g_autofree char *name = g_strdup_printf ("ООО «Партнер %d»", p);
      CabPartner partner = { dp_code, name, (char *) "241050, г. Брянск, ул. Советская, д. 2",
                             (char *) "+7 4832 00-00-01" };
      gint64 partner_id, user_id;

      partner_id = cab_store_add_partner (store, &partner, &error);
      CHECK (partner_id != 0);

      for (gint a = 0; a < opt_accounts; a++)
        {
          g_autoptr(CabContract) c = cab_contract_new ();
          GDate opening;

          c->account = g_strdup_printf ("6%07d%02d", p, a);
          c->contract_number = g_strdup_printf ("%d-%d", p, a);
          cab_date_set_ymd (&c->contract_date, first_year - 1, 12, 1);
          c->inn = g_strdup ("7707083893");
          c->kpp = g_strdup ("773601001");
          cab_date_set_ymd (&opening, first_year, 1, 1);
          CHECK (cab_store_add_account (store, partner_id, c, &opening, 0, &error));

          for (guint y = first_year; y <= last_year; y++)
            for (guint m = 1; m <= 12; m++)
              {
                CabMoney charge = 10000000 + g_rand_int_range (rand, 0, 5000000);
                CabMoney bill1 = charge * 3 / 10, bill2 = charge * 4 / 10;
                GDate d1, d2, last, p1, p2;
                char number[32];
                gint64 e;

                cab_date_set_ymd (&d1, y, m, 1);
                cab_date_set_ymd (&d2, y, m, 16);
                cab_date_last_of_month (&last, y, m);
                cab_date_set_ymd (&p1, y, m, 9);
                cab_date_set_ymd (&p2, y, m, 24);

                g_snprintf (number, sizeof number, "А-%02u01/%u", m, y % 100);
                CHECK ((e = add_entry (&w, c->account, CAB_ENTRY_ADVANCE_BILL_1, &d1, bill1,
                                       number, "Счет на оплату текущего потребления", &error)));
                CHECK (add_document (&w, e, CAB_DOCUMENT_ADVANCE_BILL,
                                     "Счет на оплату текущего потребления",
                                     "advance-bill.pdf", &error));
                g_snprintf (number, sizeof number, "А-%02u16/%u", m, y % 100);
                CHECK ((e = add_entry (&w, c->account, CAB_ENTRY_ADVANCE_BILL_2, &d2, bill2,
                                       number, "Счет на оплату текущего потребления", &error)));
                CHECK (add_document (&w, e, CAB_DOCUMENT_ADVANCE_BILL,
                                     "Счет на оплату текущего потребления",
                                     "advance-bill.pdf", &error));
                g_snprintf (number, sizeof number, "П-%u%02u1", y, m);
                CHECK (add_entry (&w, c->account, CAB_ENTRY_PAYMENT, &p1, bill1, number,
                                  "Поступление платежа", &error));
                g_snprintf (number, sizeof number, "П-%u%02u2", y, m);
                CHECK (add_entry (&w, c->account, CAB_ENTRY_PAYMENT, &p2, bill2, number,
                                  "Поступление платежа", &error));
                g_snprintf (number, sizeof number, "СФ-%02u%02u/%u", m,
                            g_date_get_day (&last), y % 100);
                CHECK ((e = add_entry (&w, c->account, CAB_ENTRY_INVOICE, &last, charge,
                                       number, "Счет-фактура", &error)));
                CHECK (add_document (&w, e, CAB_DOCUMENT_INVOICE, "Счет-фактура",
                                     "invoice.pdf", &error));
                CHECK ((placeholder_doc = add_document (&w, e, CAB_DOCUMENT_VOLUME_ACT,
                                                        "Акт объема", "volume-act.pdf",
                                                        &error)));
              }
        }

      user_id = cab_store_create_user (store, partner_id, dp_code, "bench@example.org", NULL,
                                       hash, &error);
      CHECK (user_id != 0);
      if (tokens != NULL && p < opt_token_users)
        {
          g_autofree char *seed = g_strdup_printf ("bench-token-%d", p);
          g_autofree char *token = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
          g_autofree char *token_hash = cab_token_hash (token);

          CHECK (cab_store_create_session (store, token_hash, user_id, now, &error));
          for (gint a = 0; a < opt_accounts; a++)
            fprintf (tokens, "%s 6%07d%02d\n", token, p, a);
        }
      if (w.entries->len + w.documents->len >= BATCH_BYTES)
        CHECK (writer_flush (&w, &error));
      if (p % 1000 == 999)
        {
          CHECK (writer_flush (&w, &error));
          CHECK (cab_store_commit (store, &error));
          g_print ("%d partners\n", p + 1);
          CHECK (cab_store_begin (store, &error));
        }
    }
  CHECK (writer_flush (&w, &error));
  if (w.pg != NULL)
    CHECK (cab_pg_store_continue_ids (w.pg, &error));
  CHECK (cab_store_commit (store, &error));

  /* Every document points at the one placeholder PDF. */
  CHECK (cab_store_set_document_pdf (store, placeholder_doc, placeholder, placeholder_sha,
                                     &error));
  g_print ("Linking documents to the placeholder PDF\n");
  if (sqlite != NULL)
    CHECK (cab_sqlite_store_set_unrendered_pdf (sqlite, placeholder_sha,
                                                g_bytes_get_size (placeholder), &error));
  else
    CHECK (cab_pg_store_set_unrendered_pdf (CAB_PG_STORE (store), placeholder_sha,
                                            g_bytes_get_size (placeholder), &error));
  if (tokens != NULL)
    fclose (tokens);
  if (sqlite != NULL)
    cab_sqlite_store_close (sqlite);
  g_print ("Done: %d partners x %d accounts x %d years (%u-%u)\n", opt_partners, opt_accounts,
           opt_years, first_year, last_year);
  return 0;

fail:
  g_printerr ("cab-bench-generate: %s\n", error ? error->message : "failed");
  return 1;
}
