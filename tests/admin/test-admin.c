/* test-admin.c: the real tek-cabinet-admin on the database of a running real server: the
 * import (idempotence, changes, every error listed with nothing imported, windows-1251, BOM,
 * dry run, notices), feedback, users, the supplier's requisites, backup and stats.
 *
 * Arguments: PATH-TO-tek-cabinet-server PATH-TO-tek-cabinet-admin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "admin-test-util.h"

#define NEW_DP_CODE  "7000000001"
#define NEW_ACCOUNT  "7100000001"
#define DEMO_ACCOUNT "1234567890"

/* tek-cabinet-admin --db DB --mail-dir MAIL ARGS... (NULL-terminated) on @s's files. */
#define admin(s, r, ...) admin_run ((r), (s)->db, (s)->mail_dir, __VA_ARGS__)

static guint
count_mail (Server *s)
{
  GSList *files = list_mail (s);
  guint n = g_slist_length (files);

  g_slist_free_full (files, g_free);
  return n;
}

static gint64
query_int (Server     *s,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (s->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (Server     *s,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (s->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The demo ledger's entry of @kind and @amount on 30.11.2026 carries @volume and @period. */
static void
assert_ledger_entry (Server     *s,
                     const char *token,
                     const char *kind,
                     const char *amount,
                     const char *volume,
                     const char *period)
{
  g_autoptr(Response) ledger = request (s, "GET", "/api/v1/accounts/" DEMO_ACCOUNT "/ledger",
                                        token, NULL);
  JsonArray *entries;
  guint found = 0;

  g_assert_cmpuint (ledger->status, ==, 200);
  entries = json_object_get_array_member (object_of (ledger), "entries");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *e = json_array_get_object_element (entries, i);

      if (!g_str_equal (json_object_get_string_member (e, "kind"), kind)
          || !g_str_equal (json_object_get_string_member (e, "amount"), amount)
          || !g_str_equal (json_object_get_string_member (e, "date"), "2026-11-30"))
        continue;
      g_assert_cmpstr (json_object_get_string_member_with_default (e, "volume_kwh", ""), ==,
                       volume);
      g_assert_cmpstr (json_object_get_string_member_with_default (e, "period", ""), ==,
                       period);
      found++;
    }
  g_assert_cmpuint (found, ==, 1);
}

/* The fixture: a new partner with an account, entries for it and for the demo account, and
 * documents for both. */
static char *
make_fixture (Server *s)
{
  g_autofree char *dir = g_build_filename (s->dir, "import", NULL);
  g_autofree char *inn = make_inn ("325712345");
  g_autofree char *accounts = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_file (dir, "partners.csv",
              "name;dp_code;address;contacts\r\n"
              "\"ООО \"\"Незабудка\"\"\";" NEW_DP_CODE ";\"г. Брянск; ул. Мира, 1\";\r\n");
  accounts = g_strdup_printf ("account;dp_code;contract_number;contract_date;branch_name;"
                              "branch_address;inn;kpp;opening_date;opening_balance\n"
                              NEW_ACCOUNT ";" NEW_DP_CODE ";77-1;01.12.2015;;;%s;325701001;"
                              "2016-05-01;608 822,79\n", inn);
  write_file (dir, "accounts.csv", accounts);
  write_file (dir, "entries.csv",
              "account;kind;number;date;amount;volume_kwh;period;title\n"
              NEW_ACCOUNT ";invoice;СФ-1;31.05.2016;482 844,86;74284;;\n"
              NEW_ACCOUNT ";payment;П-7;25.05.2016;-0,00;;;\n"
              DEMO_ACCOUNT ";invoice;СФ-НОВ-1;30.11.2026;1\xc2\xa0" "234,50;1\xc2\xa0" "100,5;2026-11;"
              "Счет-фактура за ноябрь\n"
              DEMO_ACCOUNT ";correction;К-НОВ-1;30.11.2026;-198685.01;-5.125;2026-10;\n");
  write_pdf (dir, "inv.pdf", "invoice");
  write_pdf (dir, "demo-inv.pdf", "demo invoice");
  write_file (dir, "documents.csv",
              "account;number;kind;file\n"
              NEW_ACCOUNT ";СФ-1;invoice;inv.pdf\n"
              NEW_ACCOUNT ";СФ-1;volume_act;inv.pdf\n"
              DEMO_ACCOUNT ";СФ-НОВ-1;invoice;demo-inv.pdf\n");
  return g_steal_pointer (&dir);
}

static void
test_import (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) sub = request (s, "PUT", "/api/v1/me/subscription", token,
                                     "{\"subscribed\": true}");
  g_autofree char *dir = NULL;
  g_autofree char *entries = NULL;
  g_autofree char *name = NULL;
  g_autofree char *mail = NULL;
  g_auto(Run) r = { 0 };
  gint64 entries_before = query_int (s, "SELECT count(*) FROM entries");
  guint mails;

  g_assert_cmpuint (sub->status, ==, 200);
  g_free (wait_for_mail (s, 1));   /* the subscription's confirmation, delivered from the queue */
  mails = 1;
  dir = make_fixture (s);

  /* The payment of -0,00 is wrong: nothing is imported. */
  admin (s, &r, "import", dir, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "entries.csv:3: amount: a payment must be positive");
  g_assert_cmpint (query_int (s, "SELECT count(*) FROM entries"), ==, entries_before);
  g_assert_cmpint (query_int (s, "SELECT count(*) FROM partners WHERE dp_code = '"
                              NEW_DP_CODE "'"), ==, 0);

  entries = g_build_filename (dir, "entries.csv", NULL);
  {
    g_autofree char *text = NULL;
    g_autofree char *fixed = NULL;
    g_auto(GStrv) parts = NULL;

    g_assert_true (g_file_get_contents (entries, &text, NULL, NULL));
    parts = g_strsplit (text, "-0,00", 2);
    fixed = g_strjoinv ("5 000,00", parts);
    write_file (dir, "entries.csv", fixed);
  }

  /* Dry run: counts, nothing written. */
  admin (s, &r, "import", "--dry-run", dir, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Dry run, nothing written: 9 added, 0 changed");
  g_assert_cmpint (query_int (s, "SELECT count(*) FROM entries"), ==, entries_before);

  admin (s, &r, "import", dir, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "entries.csv: 4 rows, 4 added, 0 changed");
  assert_contains (r.out, "documents.csv: 3 rows, 3 added, 0 changed");
  assert_contains (r.out, "9 added, 0 changed");
  g_assert_cmpint (query_int (s, "SELECT count(*) FROM entries"), ==, entries_before + 4);
  name = query_text (s, "SELECT name FROM partners WHERE dp_code = '" NEW_DP_CODE "'");
  g_assert_cmpstr (name, ==, "ООО \"Незабудка\"");
  g_assert_cmpint (query_int (s, "SELECT opening_balance FROM accounts WHERE account = '"
                              NEW_ACCOUNT "'"), ==, 60882279);
  /* Volumes in watt-hours: whole kWh and up to three decimals. */
  g_assert_cmpint (query_int (s, "SELECT volume_wh FROM entries WHERE number = 'К-НОВ-1'"),
                   ==, -5125);
  g_assert_cmpint (query_int (s, "SELECT volume_wh FROM entries WHERE number = 'СФ-НОВ-1'"),
                   ==, 1100500);
  g_assert_cmpint (query_int (s, "SELECT volume_wh FROM entries WHERE number = 'СФ-1'"),
                   ==, 74284000);
  g_assert_cmpint (query_int (s, "SELECT count(*) FROM entries WHERE number = 'СФ-1'"
                              " AND period IS NULL"), ==, 1);
  /* The same file under two documents is stored once. */
  g_assert_cmpint (query_int (s, "SELECT count(DISTINCT sha256) FROM documents d JOIN entries e"
                              " ON e.id = d.entry_id WHERE e.account = '" NEW_ACCOUNT "'"), ==, 1);

  /* The subscribed demo user gets one mail listing what its partner gained. */
  mail = wait_for_mail (s, mails + 1);
  assert_mail_headers (mail, "demo@example.org");
  assert_contains (mail, "СФ-НОВ-1");
  assert_contains (mail, "К-НОВ-1");
  assert_contains (mail, "Счет-фактура");

  /* The imported entry and its document are served through the API. */
  {
    g_autoptr(Response) statement = request (s, "GET", "/api/v1/accounts/" DEMO_ACCOUNT
                                             "/statement?from=2026-11-01&to=2026-12-01",
                                             token, NULL);
    g_autofree char *doc_path = g_strdup_printf ("/api/v1/documents/%" G_GINT64_FORMAT,
      query_int (s, "SELECT d.id FROM documents d JOIN entries e ON e.id = d.entry_id"
                    " WHERE e.number = 'СФ-НОВ-1'"));
    g_autoptr(Response) pdf = request (s, "GET", doc_path, token, NULL);
    g_autofree char *pdf_path = g_build_filename (dir, "demo-inv.pdf", NULL);
    g_autofree char *expected = NULL;
    gsize expected_length = 0;

    g_assert_cmpuint (statement->status, ==, 200);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (statement->body, NULL),
                                    g_bytes_get_size (statement->body), "СФ-НОВ-1"));
    assert_ledger_entry (s, token, "correction", "-198685.01", "-5.125", "2026-10");
    assert_ledger_entry (s, token, "invoice", "1234.50", "1100.500", "2026-11");
    g_assert_cmpuint (pdf->status, ==, 200);
    g_assert_true (g_file_get_contents (pdf_path, &expected, &expected_length, NULL));
    g_assert_cmpmem (g_bytes_get_data (pdf->body, NULL), g_bytes_get_size (pdf->body),
                     expected, expected_length);
  }

  /* Twice: nothing changes, nobody is mailed again. */
  admin (s, &r, "import", dir, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "\n0 added, 0 changed\n");
  g_assert_cmpuint (count_mail (s), ==, mails + 1);

  /* A changed amount is counted as changed. */
  {
    g_autofree char *text = NULL;
    g_auto(GStrv) parts = NULL;
    g_autofree char *changed = NULL;

    g_assert_true (g_file_get_contents (entries, &text, NULL, NULL));
    parts = g_strsplit (text, "482 844,86", 2);
    changed = g_strjoinv ("482 844,87", parts);
    write_file (dir, "entries.csv", changed);
  }
  admin (s, &r, "import", dir, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "\n0 added, 1 changed\n");
  g_assert_cmpint (query_int (s, "SELECT amount FROM entries WHERE number = 'СФ-1'"), ==,
                   48284487);

  /* So is a changed volume or corrected month, which the ledger then carries. */
  {
    g_autofree char *text = NULL;
    g_auto(GStrv) parts = NULL;
    g_autofree char *changed = NULL;

    g_assert_true (g_file_get_contents (entries, &text, NULL, NULL));
    parts = g_strsplit (text, "-5.125;2026-10", 2);
    changed = g_strjoinv ("-5,2;2026-09", parts);
    write_file (dir, "entries.csv", changed);
  }
  admin (s, &r, "import", dir, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "\n0 added, 1 changed\n");
  assert_ledger_entry (s, token, "correction", "-198685.01", "-5.200", "2026-09");
  admin (s, &r, "import", dir, NULL);
  assert_contains (r.out, "\n0 added, 0 changed\n");

  server_stop (s);
}

static void
test_import_errors (void)
{
  Server *s = server_start ();
  g_autofree char *dir = g_build_filename (s->dir, "bad", NULL);
  g_autofree char *volumes = g_build_filename (s->dir, "bad-volumes", NULL);
  g_auto(Run) r = { 0 };
  gint64 entries_before = query_int (s, "SELECT count(*) FROM entries");

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_file (dir, "partners.csv",
              "dp_code;name;address\n"
              "7000000002;Good partner;Addr\n"
              "70000000;Short code;Addr\n");
  write_file (dir, "accounts.csv",
              "account;dp_code;contract_number;contract_date;inn;kpp;opening_date;"
              "opening_balance;colour\n");
  write_file (dir, "entries.csv",
              "account;kind;number;date;amount\n"
              DEMO_ACCOUNT ";invoice;X-1;31.02.2016;1,00\n"
              DEMO_ACCOUNT ";bonus;X-2;01.02.2016;1,005\n"
              "9999999999;payment;X-3;01.02.2016;1,00\n"
              DEMO_ACCOUNT ";payment;X-4;01.02.2016\n"
              DEMO_ACCOUNT ";invoice;X-5;29.02.2016;12 34,00\n");
  write_file (dir, "documents.csv",
              "account;number;kind;file\n"
              DEMO_ACCOUNT ";X-404;invoice;missing.pdf\n"
              DEMO_ACCOUNT ";X-1;invoice;../etc/passwd\n"
              DEMO_ACCOUNT ";X-1;invoice;fake.pdf\n");
  write_file (dir, "fake.pdf", "%PDF-1.4 but nothing else");

  admin (s, &r, "import", dir, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "partners.csv:3: dp_code: ");
  assert_contains (r.err, "accounts.csv:1: colour: unknown column");
  g_assert_null (strstr (r.err, "accounts.csv:1: account: required"));
  assert_contains (r.err, "entries.csv:2: date: “31.02.2016” is not a date");
  assert_contains (r.err, "entries.csv:3: kind: “bonus” is not one of");
  assert_contains (r.err, "entries.csv:3: amount: ");
  assert_contains (r.err, "entries.csv:4: account: no account 9999999999");
  assert_contains (r.err, "entries.csv:5: 4 fields where the header has 5");
  assert_contains (r.err, "entries.csv:6: amount: ");
  assert_contains (r.err, "documents.csv:2: number: ");
  assert_contains (r.err, "documents.csv:2: file: no file “missing.pdf”");
  assert_contains (r.err, "documents.csv:3: file: ");
  assert_contains (r.err, "documents.csv:4: file: “fake.pdf” is not a PDF that can be opened");
  assert_contains (r.err, "nothing imported");
  /* The good partner row went with the rest. */
  g_assert_cmpint (query_int (s, "SELECT count(*) FROM partners WHERE dp_code = '7000000002'"),
                   ==, 0);
  g_assert_cmpint (query_int (s, "SELECT count(*) FROM entries"), ==, entries_before);

  /* Volumes and periods: each wrong one named, nothing imported. */
  g_assert_cmpint (g_mkdir_with_parents (volumes, 0700), ==, 0);
  write_file (volumes, "entries.csv",
              "account;kind;number;date;amount;volume_kwh;period\n"
              DEMO_ACCOUNT ";invoice;V-1;31.01.2016;1,00;1,2345;\n"
              DEMO_ACCOUNT ";invoice;V-2;31.01.2016;1,00;12 34;\n"
              DEMO_ACCOUNT ";invoice;V-3;31.01.2016;1,00;-3;\n"
              DEMO_ACCOUNT ";payment;V-4;31.01.2016;1,00;3;\n"
              DEMO_ACCOUNT ";payment;V-5;31.01.2016;1,00;;2016-01\n"
              DEMO_ACCOUNT ";correction;V-6;31.01.2016;-1,00;-1;2016-13\n"
              DEMO_ACCOUNT ";correction;V-7;31.01.2016;-1,00;-1;2016-02\n"
              DEMO_ACCOUNT ";invoice;V-8;31.01.2016;1,00;1e3;\n"
              DEMO_ACCOUNT ";invoice;V-9;31.01.2016;1,00;1000000000000;\n"
              DEMO_ACCOUNT ";correction;V-10;31.01.2016;-1,00;-1 000,5;2015-12\n");
  admin (s, &r, "import", volumes, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "entries.csv:2: volume_kwh: “1,2345” is not a volume in kWh");
  assert_contains (r.err, "entries.csv:3: volume_kwh: “12 34” is not a volume in kWh");
  assert_contains (r.err, "entries.csv:4: volume_kwh: only a correction may have a negative");
  assert_contains (r.err, "entries.csv:5: volume_kwh: only invoices and corrections have a"
                          " volume");
  assert_contains (r.err, "entries.csv:6: period: only invoices and corrections have a period");
  assert_contains (r.err, "entries.csv:7: period: “2016-13” is not a month written YYYY-MM");
  assert_contains (r.err, "entries.csv:8: period: “2016-02” is later than the month of the date");
  assert_contains (r.err, "entries.csv:9: volume_kwh: “1e3” is not a volume in kWh");
  assert_contains (r.err, "entries.csv:10: volume_kwh: “1000000000000” is not a volume in kWh");
  g_assert_null (strstr (r.err, "entries.csv:11:"));
  assert_contains (r.err, "\n9 errors: nothing imported");
  g_assert_cmpint (query_int (s, "SELECT count(*) FROM entries"), ==, entries_before);

  /* A missing required column; a syntax error. */
  {
    g_autofree char *documents = g_build_filename (dir, "documents.csv", NULL);

    g_assert_cmpint (g_unlink (documents), ==, 0);
  }
  write_file (dir, "accounts.csv", "account;dp_code\n");
  write_file (dir, "entries.csv", "account;kind;number;date;amount\n1;2;\"3\"x;4;5\n");
  admin (s, &r, "import", "--dry-run", dir, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "accounts.csv:1: inn: required column is missing");
  assert_contains (r.err, "entries.csv:2: text after the closing quote of a field");

  /* Not a folder; an unknown command; no database: bad input and cannot run. */
  admin (s, &r, "import", "/nonexistent", NULL);
  g_assert_cmpint (r.status, ==, 1);
  admin (s, &r, "frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 1);
  {
    const char *argv[] = { admin_binary, "--db", "/nonexistent/db", "stats", NULL };
    g_autoptr(GSubprocess) p = spawn (argv, NULL, G_SUBPROCESS_FLAGS_STDERR_SILENCE);

    g_assert_true (g_subprocess_wait (p, NULL, NULL));
    g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 2);
  }
  admin (s, &r, "feedback", "show", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "feedback show");
  server_stop (s);
}

static void
test_import_encodings (void)
{
  Server *s = server_start ();
  g_autofree char *dir = g_build_filename (s->dir, "cp1251", NULL);
  g_autofree char *bom_dir = g_build_filename (s->dir, "bom", NULL);
  g_autofree char *cp1251 = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_auto(Run) r = { 0 };
  gsize length = 0;
  const char *utf8 = "dp_code;name;address\r\n7000000003;ООО «Ландыш»;г. Брянск\r\n";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (bom_dir, 0700), ==, 0);
  cp1251 = g_convert (utf8, -1, "WINDOWS-1251", "UTF-8", NULL, &length, NULL);
  g_assert_nonnull (cp1251);
  path = g_build_filename (dir, "partners.csv", NULL);
  g_assert_true (g_file_set_contents (path, cp1251, length, NULL));

  /* Read as UTF-8 it is refused, with a hint. */
  admin (s, &r, "import", dir, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "partners.csv:2: field 2 is not valid UTF-8");
  admin (s, &r, "import", "--encoding=windows-1251", dir, NULL);
  g_assert_cmpint (r.status, ==, 0);
  name = query_text (s, "SELECT name FROM partners WHERE dp_code = '7000000003'");
  g_assert_cmpstr (name, ==, "ООО «Ландыш»");

  /* A UTF-8 BOM before the header is not part of the first column's name. */
  write_file (bom_dir, "partners.csv", "\xef\xbb\xbf" "dp_code;name;address\n"
                                       "7000000004;С BOM;Адрес\n");
  admin (s, &r, "import", bom_dir, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "1 added, 0 changed");
  g_assert_cmpint (query_int (s, "SELECT count(*) FROM partners WHERE dp_code = '7000000004'"),
                   ==, 1);
  server_stop (s);
}

static Response *
post_feedback (Server     *s,
               const char *token,
               const char *text)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) file = g_bytes_new_static ("attached bytes", 14);
  g_autofree char *content_type = NULL;

  soup_multipart_append_form_string (multipart, "text", text);
  soup_multipart_append_form_file (multipart, "file", "../скан.pdf", "application/pdf", file);
  soup_multipart_to_message (multipart, headers, &body);
  content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  return request_full (s, "POST", "/api/v1/feedback", token, content_type, body, NULL);
}

static void
test_feedback (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) posted = post_feedback (s, token, "Счет за май не пришел\nВторая строка");
  g_autoptr(Response) history = NULL;
  g_autofree char *id = NULL;
  g_autofree char *out_dir = g_build_filename (s->dir, "export", NULL);
  g_autofree char *text = NULL;
  g_autofree char *attachment = NULL;
  g_autofree char *attachment_path = NULL;
  g_autofree char *message_path = NULL;
  g_auto(Run) r = { 0 };
  JsonArray *messages;

  g_assert_cmpuint (posted->status, ==, 201);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object_of (posted), "id"));

  admin (s, &r, "feedback", "list", "--new", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Счет за май не пришел");
  assert_contains (r.out, DEMO_LOGIN);
  admin (s, &r, "feedback", "show", id, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Вторая строка");
  assert_contains (r.out, "Status: received");

  admin (s, &r, "feedback", "export", id, out_dir, NULL);
  g_assert_cmpint (r.status, ==, 0);
  message_path = g_build_filename (out_dir, "message.txt", NULL);
  g_assert_true (g_file_get_contents (message_path, &text, NULL, NULL));
  assert_contains (text, "Счет за май не пришел\nВторая строка");
  /* The client's name, stripped of its path. */
  attachment_path = g_build_filename (out_dir, "скан.pdf", NULL);
  g_assert_true (g_file_get_contents (attachment_path, &attachment, NULL, NULL));
  g_assert_cmpstr (attachment, ==, "attached bytes");

  admin (s, &r, "feedback", "mark-answered", id, NULL);
  g_assert_cmpint (r.status, ==, 0);
  history = request (s, "GET", "/api/v1/feedback", token, NULL);
  g_assert_cmpuint (history->status, ==, 200);
  messages = json_object_get_array_member (object_of (history), "messages");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0),
                                                  "status"), ==, "answered");
  admin (s, &r, "feedback", "list", "--new", NULL);
  g_assert_null (strstr (r.out, "Счет за май"));
  admin (s, &r, "feedback", "list", NULL);
  assert_contains (r.out, "answered");

  admin (s, &r, "feedback", "mark-answered", "999999", NULL);
  g_assert_cmpint (r.status, ==, 1);
  admin (s, &r, "feedback", "show", "x1", NULL);
  g_assert_cmpint (r.status, ==, 1);
  server_stop (s);
}

static void
test_users (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(Response) me = NULL;
  g_autoptr(Response) refused = NULL;
  g_autoptr(Response) reset = NULL;
  g_autofree char *again = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *with_temporary = NULL;
  g_auto(Run) r = { 0 };
  guint mails = count_mail (s);

  admin (s, &r, "users", "list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, DEMO_LOGIN "\t");
  assert_contains (r.out, OTHER_LOGIN "\t");

  admin (s, &r, "users", "disable", DEMO_LOGIN, NULL);
  g_assert_cmpint (r.status, ==, 0);
  me = request (s, "GET", "/api/v1/me", token, NULL);
  assert_error (me, 401, "unauthorized", NULL);
  refused = request (s, "POST", "/api/v1/session", NULL,
                     "{\"login\": \"" DEMO_LOGIN "\", \"password\": \"" DEMO_PASSWORD "\"}");
  assert_error (refused, 401, "invalid_credentials", NULL);
  /* Nor does the recovery form mail a disabled user. */
  reset = request (s, "POST", "/api/v1/password-reset", NULL,
                   "{\"login\": \"" DEMO_LOGIN "\", \"email\": \"demo@example.org\"}");
  g_assert_cmpuint (reset->status, ==, 202);
  admin (s, &r, "users", "list", NULL);
  assert_contains (r.out, "disabled");
  admin (s, &r, "users", "reset-password", DEMO_LOGIN, NULL);
  g_assert_cmpint (r.status, ==, 1);

  admin (s, &r, "users", "enable", DEMO_LOGIN, NULL);
  g_assert_cmpint (r.status, ==, 0);
  again = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_assert_nonnull (again);
  g_assert_cmpuint (count_mail (s), ==, mails);

  admin (s, &r, "users", "reset-password", DEMO_LOGIN, NULL);
  g_assert_cmpint (r.status, ==, 0);
  mail = wait_for_mail (s, mails + 1);
  assert_mail_headers (mail, "demo@example.org");
  temporary = temporary_password (mail);
  with_temporary = g_strdup_printf ("{\"login\": \"" DEMO_LOGIN "\", \"password\": \"%s\"}",
                                    temporary);
  {
    g_autoptr(Response) signed_in = request (s, "POST", "/api/v1/session", NULL, with_temporary);

    g_assert_cmpuint (signed_in->status, ==, 200);
    g_assert_true (json_object_get_boolean_member (object_of (signed_in),
                                                   "must_change_password"));
  }

  admin (s, &r, "users", "disable", "nobody", NULL);
  g_assert_cmpint (r.status, ==, 1);
  server_stop (s);
}

static void
test_supplier (void)
{
  Server *s = server_start ();
  g_autoptr(Response) demo = request (s, "GET", "/api/v1/supplier", NULL, NULL);
  g_autoptr(Response) after = NULL;
  g_auto(Run) r = { 0 };

  g_assert_cmpuint (demo->status, ==, 200);
  g_assert_cmpstr (str (demo, "support_email"), ==, "support@tek-energo.example");
  g_assert_cmpstr (str (demo, "bic"), ==, "041501601");

  /* Every wrong value is listed and nothing changes. */
  admin (s, &r, "supplier", "set", "name=ООО «Новый поставщик»", "inn=7736520081",
         "bic=12", "colour=red", "phone", NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "inn: ");
  assert_contains (r.err, "bic: ");
  assert_contains (r.err, "colour: ");
  assert_contains (r.err, "phone: not KEY=VALUE");
  admin (s, &r, "supplier", "show", NULL);
  assert_contains (r.out, "name=ООО «ТЭК-Энерго»");

  admin (s, &r, "supplier", "set", "name=ООО «Новый поставщик»", "inn=7736520080",
         "phone=8 (4832) 11-22-33", "bank_name=", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "phone=+74832112233");
  after = request (s, "GET", "/api/v1/supplier", NULL, NULL);
  g_assert_cmpuint (after->status, ==, 200);
  g_assert_cmpstr (str (after, "name"), ==, "ООО «Новый поставщик»");
  g_assert_cmpstr (str (after, "inn"), ==, "7736520080");
  g_assert_true (json_object_get_null_member (object_of (after), "bank_name"));
  g_assert_cmpstr (str (after, "support_email"), ==, "support@tek-energo.example");
  server_stop (s);
}

static void
test_backup_and_stats (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autofree char *copy = g_build_filename (s->dir, "copy.db", NULL);
  g_autoptr(Response) posted = post_feedback (s, token, "Вопрос");
  g_auto(Run) r = { 0 };
  g_auto(Run) from_copy = { 0 };
  g_autofree char *stats_line = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpuint (posted->status, ==, 201);
  admin (s, &r, "stats", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "partners: 3\n");
  assert_contains (r.out, "users: 2\n");
  assert_contains (r.out, "unanswered feedback: 1\n");
  stats_line = g_strdup_printf ("entries: %" G_GINT64_FORMAT "\n",
                                query_int (s, "SELECT count(*) FROM entries"));
  assert_contains (r.out, stats_line);

  /* The server keeps serving (and writing sessions) during and after the backup. */
  admin (s, &r, "backup", copy, NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autofree char *t2 = sign_in (s, OTHER_LOGIN, OTHER_PASSWORD);

    g_assert_nonnull (t2);
  }
  g_assert_cmpint (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  {
    g_autofree char *wal = g_strconcat (copy, "-wal", NULL);

    /* One self-contained file. */
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  {
    const char *argv[] = { admin_binary, "--db", copy, "stats", NULL };
    g_autoptr(GSubprocess) p = spawn (argv, NULL, G_SUBPROCESS_FLAGS_STDOUT_PIPE);

    g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &from_copy.out, NULL, NULL));
    g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 0);
    assert_contains (from_copy.out, stats_line);
    assert_contains (from_copy.out, "unanswered feedback: 1\n");
  }
  server_stop (s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!admin_test_init (argc, argv))
    return 77;
  g_test_add_func ("/admin/import", test_import);
  g_test_add_func ("/admin/import-errors", test_import_errors);
  g_test_add_func ("/admin/import-encodings", test_import_encodings);
  g_test_add_func ("/admin/feedback", test_feedback);
  g_test_add_func ("/admin/users", test_users);
  g_test_add_func ("/admin/supplier", test_supplier);
  g_test_add_func ("/admin/backup-and-stats", test_backup_and_stats);
  return g_test_run ();
}
