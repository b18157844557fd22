/* test-admin-pg.c: tek-cabinet-admin on PostgreSQL gives what it gives on SQLite.
 *
 * The same export is imported into a demo server's SQLite file and into another's PostgreSQL
 * database (a cluster the test starts, server-test-pg.h); the import's report and every API
 * answer about the imported data must then be byte for byte the same, and again after a
 * second import that changes some of it. The other commands print the same on both.
 *
 * Arguments: PATH-TO-tek-cabinet-server PATH-TO-tek-cabinet-admin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "admin-test-util.h"
#include "cab-pg-store.h"
#include "server-test-pg.h"

static PgCluster *cluster;

#define DP_A        "7000000011"
#define DP_B        "7000000012"
#define ACCOUNT_A1  "7100000011"
#define ACCOUNT_A2  "7100000012"
#define ACCOUNT_B   "7100000021"

typedef struct
{
  Server *server;
  char   *db;       /* what --db names: the SQLite file or the PostgreSQL database */
  char   *token;
} Side;

/* tek-cabinet-admin --db DB --mail-dir MAIL ARGS... (NULL-terminated) on @side's store. */
#define admin(side, r, ...) admin_run ((r), (side)->db, (side)->server->mail_dir, __VA_ARGS__)

/* Runs the same command on both sides: same status (0) and same output. */
static void
admin_both (Side       *lite,
            Side       *pg,
            const char *a,
            const char *b)
{
  g_auto(Run) rl = { 0 };
  g_auto(Run) rp = { 0 };

  admin (lite, &rl, a, b, NULL);
  admin (pg, &rp, a, b, NULL);
  if (rl.status != 0 || rp.status != 0)
    g_error ("%s: SQLite %d (%s), PostgreSQL %d (%s)", a, rl.status, rl.err, rp.status, rp.err);
  /* How much mail is still queued depends on when each server's worker last ran. */
  if (g_str_equal (a, "stats"))
    {
      *strstr (rl.out, "queued mail") = '\0';
      *strstr (rp.out, "queued mail") = '\0';
    }
  g_assert_cmpstr (rl.out, ==, rp.out);
}

/* Two partners, three accounts, every kind of entry and document, some on the demo account. */
static char *
make_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-admin-pg-XXXXXX", &error);
  g_autofree char *inn_a = make_inn ("325712345");
  g_autofree char *inn_b = make_inn ("325798765");
  g_autofree char *accounts = NULL;

  g_assert_no_error (error);
  write_file (dir, "partners.csv",
              "name;dp_code;address;contacts\n"
              "\"ООО \"\"Незабудка\"\"\";" DP_A ";\"г. Брянск; ул. Мира, 1\";+7 4832 00-00-01\n"
              "ИП Иванов;" DP_B ";г. Брянск, ул. Ленина, 2;\n");
  accounts = g_strdup_printf (
    "account;dp_code;contract_number;contract_date;branch_name;branch_address;inn;kpp;"
    "opening_date;opening_balance\n"
    ACCOUNT_A1 ";" DP_A ";77-1;01.12.2015;;;%s;325701001;2016-05-01;608 822,79\n"
    ACCOUNT_A2 ";" DP_A ";77-2;01.12.2015;Цех №2;ул. Заводская, 5;%s;325702001;2016-05-01;0\n"
    ACCOUNT_B ";" DP_B ";12-9;15.01.2016;;;%s;325701001;2016-06-01;-1 000,50\n",
    inn_a, inn_a, inn_b);
  write_file (dir, "accounts.csv", accounts);
  write_file (dir, "entries.csv",
              "account;kind;number;date;amount;volume_kwh;period;title\n"
              ACCOUNT_A1 ";advance_bill_1;АС-1;01.06.2016;100 000,00;;;\n"
              ACCOUNT_A1 ";advance_bill_2;АС-2;16.06.2016;150 000,00;;;\n"
              ACCOUNT_A1 ";invoice;СФ-1;30.06.2016;482 844,86;74 283,825;2016-06;\n"
              ACCOUNT_A1 ";payment;П-7;25.06.2016;5 000,00;;;\n"
              ACCOUNT_A1 ";correction;К-1;15.07.2016;-1 234,56;-200,5;2016-06;Корректировка\n"
              ACCOUNT_A2 ";invoice;СФ-2;30.06.2016;12 345,67;1234;;\n"
              ACCOUNT_A2 ";payment;П-8;10.07.2016;12 345,67;;;\n"
              ACCOUNT_B ";invoice;СФ-3;30.06.2016;999,99;150.125;2016-05;Счет-фактура за май\n"
              "1234567890;invoice;СФ-НОВ-1;30.11.2026;1 234,50;100;;\n");
  write_pdf (dir, "inv.pdf", "invoice");
  write_pdf (dir, "act.pdf", "act");
  write_pdf (dir, "adv.pdf", "advance");
  write_pdf (dir, "corr.pdf", "correction");
  write_file (dir, "documents.csv",
              "account;number;kind;file\n"
              ACCOUNT_A1 ";СФ-1;invoice;inv.pdf\n"
              ACCOUNT_A1 ";СФ-1;volume_act;act.pdf\n"
              ACCOUNT_A1 ";АС-1;advance_bill;adv.pdf\n"
              ACCOUNT_A1 ";К-1;correction_invoice;corr.pdf\n"
              ACCOUNT_A2 ";СФ-2;invoice;inv.pdf\n"
              "1234567890;СФ-НОВ-1;invoice;act.pdf\n");
  return g_steal_pointer (&dir);
}

static void
replace_in_file (const char *dir,
                 const char *name,
                 const char *from,
                 const char *to)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  g_auto(GStrv) parts = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  parts = g_strsplit (text, from, 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  changed = g_strjoinv (to, parts);
  write_file (dir, name, changed);
}

static void
assert_same (Side       *lite,
             Side       *pg,
             const char *path)
{
  g_autoptr(Response) rl = request (lite->server, "GET", path, lite->token, NULL);
  g_autoptr(Response) rp = request (pg->server, "GET", path, pg->token, NULL);

  g_assert_cmpuint (rl->status, ==, 200);
  g_assert_cmpuint (rp->status, ==, 200);
  if (!bytes_equal (rl, rp))
    g_error ("%s differs:\nSQLite:     %.*s\nPostgreSQL: %.*s", path,
             (int) g_bytes_get_size (rl->body), (const char *) g_bytes_get_data (rl->body, NULL),
             (int) g_bytes_get_size (rp->body), (const char *) g_bytes_get_data (rp->body, NULL));
}

/* Every answer about the imported data; the documents through the ids the statements list. */
static void
assert_same_answers (Side *lite,
                     Side *pg,
                     Side *demo_lite,
                     Side *demo_pg)
{
  static const char * const accounts[] = { ACCOUNT_A1, ACCOUNT_A2 };
  static const char * const paths[] = {
    "/balance", "/balance?on=2016-07-01", "/statement?from=2016-05-01&to=2016-08-01",
    "/bills?from=2016-05-01&to=2016-08-01", "/ledger",
  };

  assert_same (lite, pg, "/api/v1/me");
  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autofree char *path = g_strconcat ("/api/v1/accounts/", accounts[a], paths[i], NULL);

        assert_same (lite, pg, path);
      }
  assert_same (demo_lite, demo_pg, "/api/v1/accounts/1234567890/statement?"
                                   "from=2026-11-01&to=2026-12-01");
  assert_same (demo_lite, demo_pg, "/api/v1/accounts/1234567890/ledger");

  /* The same, and not for want of volumes: both carry them and the corrected month. */
  {
    g_autoptr(Response) ledger = request (lite->server, "GET", "/api/v1/accounts/" ACCOUNT_A1
                                          "/ledger", lite->token, NULL);
    g_autofree char *body = g_strndup (g_bytes_get_data (ledger->body, NULL),
                                       g_bytes_get_size (ledger->body));

    g_assert_nonnull (strstr (body, "\"volume_kwh\":\"-200.500\",\"period\":\"2016-0"));
    g_assert_nonnull (strstr (body, "\"volume_kwh\":\"74283.82"));
  }

  /* The documents of the statement (same ids on both, checked above), byte for byte. */
  {
    g_autoptr(Response) statement = request (lite->server, "GET", "/api/v1/accounts/"
                                             ACCOUNT_A1 "/statement?from=2016-05-01"
                                             "&to=2016-08-01", lite->token, NULL);
    g_autofree char *body = g_strndup (g_bytes_get_data (statement->body, NULL),
                                       g_bytes_get_size (statement->body));
    g_autoptr(GRegex) ids = g_regex_new ("\"id\": ?\"([0-9]+)\"", 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    guint documents = 0;

    g_regex_match (ids, body, 0, &match);
    for (; g_match_info_matches (match); g_match_info_next (match, NULL))
      {
        g_autofree char *id = g_match_info_fetch (match, 1);
        g_autofree char *path = g_strconcat ("/api/v1/documents/", id, NULL);

        assert_same (lite, pg, path);
        documents++;
      }
    g_assert_cmpuint (documents, >=, 3);
  }
}

static Side *
side_new (gboolean postgresql)
{
  Side *side = g_new0 (Side, 1);

  if (postgresql)
    {
      g_autofree char *name = NULL;
      const char *args[] = { "--db", NULL, NULL };
      static guint n;

      name = g_strdup_printf ("admin_pg_%u", n++);
      side->db = pg_cluster_database (pg_cluster_conninfo (cluster), name);
      args[1] = side->db;
      side->server = server_start_full (NULL, args, NULL);
    }
  else
    {
      side->server = server_start ();
      side->db = g_strdup (side->server->db);
    }
  return side;
}

static void
side_free (Side *side)
{
  server_stop (side->server);
  g_free (side->db);
  g_free (side->token);
  g_free (side);
}

static char *
register_user (Side *side)
{
  g_autoptr(Response) r = request (side->server, "POST", "/api/v1/registration", NULL,
                                   "{\"dp_code\": \"" DP_A "\", \"account\": \"" ACCOUNT_A1 "\","
                                   " \"email\": \"a@example.org\","
                                   " \"password\": \"secret-pass-1\"}");

  g_assert_cmpuint (r->status, ==, 201);
  return g_strdup (str (r, "token"));
}

static void
test_import_same_answers (void)
{
  Side *lite = side_new (FALSE);
  Side *pg = side_new (TRUE);
  Side demo_lite = { lite->server, NULL, sign_in (lite->server, DEMO_LOGIN, DEMO_PASSWORD) };
  Side demo_pg = { pg->server, NULL, sign_in (pg->server, DEMO_LOGIN, DEMO_PASSWORD) };
  g_autofree char *dir = make_export ();

  admin_both (lite, pg, "import", dir);
  lite->token = register_user (lite);
  pg->token = register_user (pg);
  assert_same_answers (lite, pg, &demo_lite, &demo_pg);

  /* Again: nothing changes, on either. */
  admin_both (lite, pg, "import", dir);

  /* A changed amount, volume, corrected month, name and file: the same changes on both. */
  replace_in_file (dir, "entries.csv", "482 844,86;74 283,825", "482 844,87;74 283,826");
  replace_in_file (dir, "entries.csv", "-200,5;2016-06", "-200,5;2016-05");
  replace_in_file (dir, "partners.csv", "ИП Иванов", "ИП Иванов И. И.");
  write_pdf (dir, "adv.pdf", "advance, corrected");
  admin_both (lite, pg, "import", dir);
  assert_same_answers (lite, pg, &demo_lite, &demo_pg);

  /* The other commands print the same. */
  admin_both (lite, pg, "stats", NULL);
  admin_both (lite, pg, "users", "list");
  admin_both (lite, pg, "supplier", "show");
  admin_both (lite, pg, "feedback", "list");

  g_free (demo_lite.token);
  g_free (demo_pg.token);
  side_free (pg);
  side_free (lite);
  remove_tree (dir);
}

/* @user_data: what the import printed, out and err (out set once it has ended). */
static void
on_import_ended (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  char **printed = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result,
                                                       &printed[0], &printed[1], &error));
  g_assert_no_error (error);
  g_assert_nonnull (printed[0]);
}

/* While one import's transaction is open, another waits for it before writing anything (two
 * at once could take the same rows in different orders and deadlock): here the first holds
 * a partner the second changes too. Without the turns the second would wait on that row;
 * the lock it waits on must be the imports' own, and for longer than the connection's
 * lock and statement timeouts (10 and 15 s: an import may take minutes). It then finds the
 * first's change. */
static void
test_imports_take_turns (void)
{
  Side *pg = side_new (TRUE);
  g_autofree char *dir = make_export ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CabPgStore) first = cab_pg_store_new (pg->db, &error);
  g_autoptr(GSubprocess) second = NULL;
  char *printed[2] = { NULL, NULL };
  char **out = &printed[0];
  g_autofree char *lock_type = NULL;
  g_auto(Run) alone = { 0 };
  CabPartner partner = { DP_A, "ООО «Первый импорт»", "г. Брянск", "" };
  CabStoreChange change;

  g_assert_no_error (error);
  g_assert_true (cab_store_begin_import (CAB_STORE (first), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cab_store_upsert_partner (CAB_STORE (first), &partner, &change, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (change, ==, CAB_STORE_ADDED);

  second = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                             &error, admin_binary, "--db", pg->db, "--mail-dir",
                             pg->server->mail_dir, "import", dir, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (second, NULL, NULL, on_import_ended, printed);

  /* Until the second waits for a lock (or, wrongly, ends without waiting). */
  lock_type = pg_wait_for_lock_waiter (pg->db, out);
  g_assert_null (*out);
  g_assert_cmpstr (lock_type, ==, "advisory");
  for (gint64 until = g_get_monotonic_time () + 16 * G_USEC_PER_SEC;
       *out == NULL && g_get_monotonic_time () < until;)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (50000);
    }
  g_assert_null (*out);

  g_assert_true (cab_store_commit (CAB_STORE (first), &error));
  g_assert_no_error (error);
  while (*out == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("The second import's stderr: %s", printed[1]);
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);
  /* The first's partner, found and changed back; the other one added. */
  assert_contains (*out, "partners.csv: 2 rows, 1 added, 1 changed");
  /* It said why it waited; an import that finds its turn free says nothing of it. */
  assert_contains (printed[1], "waiting for another import to finish");
  admin_run (&alone, pg->db, pg->server->mail_dir, "import", dir, NULL);
  g_assert_cmpint (alone.status, ==, 0);
  g_assert_null (strstr (alone.err, "waiting"));
  g_free (printed[0]);
  g_free (printed[1]);

  side_free (pg);
  remove_tree (dir);
}

/* backup is SQLite's: on PostgreSQL it says what to use instead, and changes nothing. */
static void
test_backup_refused (void)
{
  Side *pg = side_new (TRUE);
  g_autofree char *target = g_build_filename (pg->server->dir, "copy.db", NULL);
  g_auto(Run) r = { 0 };

  admin (pg, &r, "backup", target, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "pg_dump"));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  side_free (pg);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!admin_test_init (argc, argv))
    return 77;
  cluster = pg_cluster_new ();
  /* Servers started without an explicit --db stay on SQLite. */
  g_unsetenv ("CAB_TEST_PG");

  g_test_add_func ("/admin-pg/import-same-answers", test_import_same_answers);
  g_test_add_func ("/admin-pg/imports-take-turns", test_imports_take_turns);
  g_test_add_func ("/admin-pg/backup-refused", test_backup_refused);

  status = g_test_run ();
  pg_cluster_free (cluster);
  return status;
}
