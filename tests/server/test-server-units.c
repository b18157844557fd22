/* test-server-units.c: the server's parts that need no HTTP: the rate limiter's window, the
 * mailer's header encoding and files, the SQLite store's schema and its refusals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cab-mailer.h"
#include "cab-rate-limiter.h"
#include "cab-sqlite-store.h"
#include "rate-limiter-scenarios.h"

static void
test_rate_limiter_login (void)
{
  g_autoptr(CabRateLimiter) limiter = cab_rate_limiter_new ();

  rate_limiter_scenario_login (limiter);
}

static void
test_rate_limiter_reservation (void)
{
  g_autoptr(CabRateLimiter) limiter = cab_rate_limiter_new ();

  rate_limiter_scenario_reservation (limiter);
}

static void
test_rate_limiter_address (void)
{
  g_autoptr(CabRateLimiter) limiter = cab_rate_limiter_new ();

  rate_limiter_scenario_address (limiter);
}

static void
test_rate_limiter_distributed (void)
{
  g_autoptr(CabRateLimiter) limiter = cab_rate_limiter_new ();

  rate_limiter_scenario_distributed (limiter);
}

static void
test_rate_limiter_take (void)
{
  g_autoptr(CabRateLimiter) limiter = cab_rate_limiter_new ();

  rate_limiter_scenario_take (limiter, 10000);
}

static void
test_mailer (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-mailer-XXXXXX", NULL);
  g_autofree char *mail_dir = g_build_filename (dir, "deep", "mail", NULL);
  g_autoptr(CabMailer) mailer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ascii = cab_mailer_encode_header ("Hello");
  g_autofree char *russian = cab_mailer_encode_header ("Привет");
  g_autofree char *long_subject = cab_mailer_encode_header (
    "Временный пароль для личного кабинета клиента ТЭК-Энерго, очень длинная тема");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *second = NULL;
  g_auto(GStrv) words = NULL;

  g_assert_cmpstr (ascii, ==, "Hello");
  g_assert_cmpstr (russian, ==, "=?UTF-8?B?0J/RgNC40LLQtdGC?=");
  words = g_strsplit (long_subject, "\r\n ", -1);
  g_assert_cmpuint (g_strv_length (words), >, 1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_assert_true (g_str_has_prefix (words[i], "=?UTF-8?B?"));
      g_assert_cmpuint (strlen (words[i]), <=, 75);
    }

  mailer = cab_mailer_new (mail_dir, &error);
  g_assert_no_error (error);
  path = cab_mailer_send (mailer, "a@b.ru", "Тема", "Строка 1\nСтрока 2", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_suffix (path, ".eml"));
  g_assert_nonnull (strstr (text, "\r\nTo: <a@b.ru>\r\n"));
  g_assert_nonnull (strstr (text, "\r\n\r\nСтрока 1\r\nСтрока 2\r\n"));
  g_assert_null (cab_mailer_send (mailer, "a@b.ru\r\nBcc: x@y.z", "x", "y", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  second = cab_mailer_send (mailer, "c@d.ru", "x", "y", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, !=, second);

  g_unlink (path);
  g_unlink (second);
  g_rmdir (mail_dir);
  {
    g_autofree char *deep = g_path_get_dirname (mail_dir);

    g_rmdir (deep);
  }
  g_rmdir (dir);
}

static void
test_sqlite_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cabinet.db", NULL);
  g_autoptr(CabSqliteStore) sqlite = NULL;
  g_autoptr(CabContract) contract = cab_contract_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(CabStoreUser) user = NULL;
  CabPartner partner = { (char *) "7700001234", (char *) "P", (char *) "A", (char *) "C" };
  CabStore *store;
  gint64 partner_id, user_id;
  GDate date, until;

  sqlite = cab_sqlite_store_new (path, &error);
  g_assert_no_error (error);
  store = CAB_STORE (sqlite);
  g_assert_true (cab_store_is_empty (store, &error));

  partner_id = cab_store_add_partner (store, &partner, &error);
  g_assert_no_error (error);
  /* The DP code is unique. */
  g_assert_cmpint (cab_store_add_partner (store, &partner, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  contract->account = g_strdup ("1234567890");
  contract->contract_number = g_strdup ("1");
  cab_date_set_ymd (&contract->contract_date, 2015, 12, 1);
  contract->inn = g_strdup ("7707083893");
  contract->kpp = g_strdup ("773601001");
  cab_date_set_ymd (&date, 2016, 5, 1);
  g_assert_true (cab_store_add_account (store, partner_id, contract, &date, 60882279, &error));
  /* Foreign keys are on: an account of no partner is refused. */
  g_free (contract->account);
  contract->account = g_strdup ("1234567899");
  g_assert_false (cab_store_add_account (store, 999, contract, &date, 0, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  user_id = cab_store_create_user (store, partner_id, "1234567890", "a@b.ru", NULL, "hash", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cab_store_create_user (store, partner_id, "other", "a@b.ru", NULL, "hash",
                                          &error), ==, 0);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_ALREADY_REGISTERED);
  g_clear_error (&error);

  g_assert_true (cab_store_update_profile (store, user_id, "new-login", "x@y.ru", "+79990000000",
                                           NULL, &error));
  user = cab_store_get_user_by_login (store, "new-login", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->phone, ==, "+79990000000");
  g_assert_cmpstr (user->dp_code, ==, "7700001234");

  /* Sessions: the idle and the absolute lifetime; ending the other sessions of a user. */
  {
    g_autoptr(CabStoreUser) session_user = NULL;

    g_assert_true (cab_store_create_session (store, "a", user_id, 1000, &error));
    g_assert_true (cab_store_create_session (store, "b", user_id, 1000, &error));
    g_assert_true (cab_store_create_session (store, "c", user_id, 2000, &error));
    g_assert_true (cab_store_touch_session (store, "a", 1500, 900, 999, &session_user, &error));
    g_assert_nonnull (session_user);
    g_assert_cmpint (session_user->id, ==, user_id);
    g_assert_cmpstr (session_user->login, ==, "new-login");
    g_assert_cmpstr (session_user->dp_code, ==, "7700001234");
    /* Used a moment ago, but created too long ago: gone for good. */
    g_assert_false (cab_store_touch_session (store, "a", 1600, 900, 1000, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (cab_store_touch_session (store, "a", 1600, 900, 0, NULL, &error));
    g_assert_true (cab_store_delete_other_sessions (store, user_id, "c", &error));
    g_assert_false (cab_store_touch_session (store, "b", 2001, 0, 0, NULL, &error));
    g_assert_true (cab_store_touch_session (store, "c", 2001, 0, 0, NULL, &error));
    g_assert_true (cab_store_delete_other_sessions (store, user_id, NULL, &error));
    g_assert_false (cab_store_touch_session (store, "c", 2002, 0, 0, NULL, &error));
    g_assert_no_error (error);
  }

  cab_date_set_ymd (&date, 2016, 5, 24);
  g_assert_cmpint (cab_store_add_entry (store, "1234567890", CAB_ENTRY_CORRECTION, &date,
                                        -19868501, "K", "T", &error), >, 0);
  cab_date_set_ymd (&date, 2016, 5, 31);
  g_assert_cmpint (cab_store_add_entry (store, "1234567890", CAB_ENTRY_INVOICE, &date,
                                        48284486, "I", "T", &error), >, 0);
  ledger = cab_store_load_ledger (store, "1234567890", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cab_ledger_get_n_entries (ledger), ==, 2);
  g_assert_cmpint (cab_ledger_get_opening_balance (ledger), ==, 60882279);
  g_clear_object (&ledger);
  cab_date_set_ymd (&until, 2016, 5, 31);
  ledger = cab_store_load_ledger (store, "1234567890", &until, &error);
  g_assert_cmpuint (cab_ledger_get_n_entries (ledger), ==, 1);
  g_assert_null (cab_store_load_ledger (store, "0000000000", NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Reopening finds the schema at its version and the data in place. */
  cab_sqlite_store_close (sqlite);
  g_clear_object (&sqlite);
  sqlite = cab_sqlite_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_false (cab_store_is_empty (CAB_STORE (sqlite), &error));
  cab_sqlite_store_close (sqlite);

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server-units/rate-limiter/login", test_rate_limiter_login);
  g_test_add_func ("/server-units/rate-limiter/address", test_rate_limiter_address);
  g_test_add_func ("/server-units/rate-limiter/reservation", test_rate_limiter_reservation);
  g_test_add_func ("/server-units/rate-limiter/distributed", test_rate_limiter_distributed);
  g_test_add_func ("/server-units/rate-limiter/take", test_rate_limiter_take);
  g_test_add_func ("/server-units/mailer", test_mailer);
  g_test_add_func ("/server-units/sqlite-store", test_sqlite_store);
  return g_test_run ();
}
