/* test-mail-queue.c: the mail queue on a real SQLite store, and the checks of the relay's
 * settings, without a server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cab-error.h"
#include "cab-mail-queue.h"
#include "cab-mail-worker.h"
#include "cab-sqlite-store.h"

#define T0 1764633600   /* 2025-12-02 00:00 UTC */

typedef struct
{
  char           *dir;
  CabSqliteStore *sqlite;
  CabStore       *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("test-mail-queue-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "cabinet.db", NULL);
  f->sqlite = cab_sqlite_store_new (path, &error);
  g_assert_no_error (error);
  f->store = CAB_STORE (f->sqlite);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->sqlite);
  remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_claim_lease_retry (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabStoreMail) first = NULL;
  g_autoptr(CabStoreMail) again = NULL;
  CabStoreMail *none;

  g_assert_true (cab_mail_queue_add (f->store, "a@example.org", "Тема", "Текст\nвторой", T0,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpint (cab_store_count_queued_mail (f->store, NULL), ==, 1);

  /* Not due before it was queued. */
  none = cab_store_claim_due_mail (f->store, T0 - 1, T0 + 100, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  first = cab_store_claim_due_mail (f->store, T0, T0 + 300, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpuint (first->attempts, ==, 1);
  g_assert_cmpstr (first->recipient, ==, "a@example.org");
  g_assert_true (g_str_has_prefix (first->message_id, "<"));
  g_assert_nonnull (strstr (first->message, "\r\nMessage-ID: "));
  g_assert_nonnull (strstr (first->message, first->message_id));
  g_assert_nonnull (strstr (first->message, "\r\n\r\nТекст\r\nвторой\r\n"));
  g_assert_null (strstr (first->message, "From:"));

  /* Leased: nobody else takes it until the lease ends... */
  none = cab_store_claim_due_mail (f->store, T0 + 299, T0 + 600, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  /* ...then it is due again (its sender died), the same message. */
  again = cab_store_claim_due_mail (f->store, T0 + 300, T0 + 600, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpint (again->id, ==, first->id);
  g_assert_cmpuint (again->attempts, ==, 2);
  g_assert_cmpstr (again->message_id, ==, first->message_id);
  g_assert_cmpstr (again->message, ==, first->message);

  /* A failure: due again at the given time. */
  g_assert_true (cab_store_mark_mail_failed (f->store, again->id, T0 + 1000, FALSE, "down",
                                             &error));
  none = cab_store_claim_due_mail (f->store, T0 + 999, T0 + 2000, &error);
  g_assert_null (none);
  g_clear_pointer (&again, cab_store_mail_free);
  again = cab_store_claim_due_mail (f->store, T0 + 1000, T0 + 2000, &error);
  g_assert_nonnull (again);
  g_assert_cmpuint (again->attempts, ==, 3);

  /* Sent: never again, and its text (a temporary password, say) is gone. */
  g_assert_true (cab_store_mark_mail_sent (f->store, again->id, T0 + 1001, &error));
  g_assert_no_error (error);
  none = cab_store_claim_due_mail (f->store, T0 + 100000, T0 + 200000, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_cmpint (cab_store_count_queued_mail (f->store, NULL), ==, 0);
}

static void
test_give_up (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabStoreMail) mail = NULL;

  g_assert_true (cab_mail_queue_add (f->store, "a@example.org", "x", "y", T0, &error));
  mail = cab_store_claim_due_mail (f->store, T0, T0 + 300, &error);
  g_assert_nonnull (mail);
  g_assert_true (cab_store_mark_mail_failed (f->store, mail->id, T0, TRUE, "550 no such user",
                                             &error));
  g_assert_null (cab_store_claim_due_mail (f->store, T0 + 100000, T0 + 200000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cab_store_count_queued_mail (f->store, NULL), ==, 0);
}

/* Queued in a transaction that rolls back: no mail. */
static void
test_same_transaction (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cab_store_begin (f->store, &error));
  g_assert_true (cab_mail_queue_add (f->store, "a@example.org", "x", "y", T0, &error));
  cab_store_rollback (f->store);
  g_assert_cmpint (cab_store_count_queued_mail (f->store, NULL), ==, 0);

  g_assert_true (cab_store_begin (f->store, &error));
  g_assert_true (cab_mail_queue_add (f->store, "a@example.org", "x", "y", T0, &error));
  g_assert_true (cab_store_commit (f->store, &error));
  g_assert_cmpint (cab_store_count_queued_mail (f->store, NULL), ==, 1);
}

static void
test_bad_recipient (Fixture       *f,
                    gconstpointer  data)
{
  const char *bad[] = { "a@b.ru\r\nBcc: x@y.z", "a@b.ru>", "", "<a@b.ru" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (cab_mail_queue_add (f->store, bad[i], "x", "y", T0, &error));
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_EMAIL);
    }
  g_assert_cmpint (cab_store_count_queued_mail (f->store, NULL), ==, 0);
}

/* The folder delivery, without a thread: one file per message, named by its queue row. */
static void
test_deliver_to_folder (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mail_dir = g_build_filename (f->dir, "mail", NULL);
  g_autoptr(CabMailer) mailer = cab_mailer_new (mail_dir, &error);
  g_autoptr(CabMailWorker) worker = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint files = 0;

  g_assert_no_error (error);
  g_assert_true (cab_mail_queue_add (f->store, "a@example.org", "x", "y", now, &error));
  g_assert_true (cab_mail_queue_add (f->store, "b@example.org", "x", "y", now, &error));
  worker = cab_mail_worker_new (f->store, NULL, mailer, "cabinet@supplier.test", 0);
  g_assert_cmpuint (cab_mail_worker_deliver_due (worker), ==, 2);
  g_assert_cmpuint (cab_mail_worker_deliver_due (worker), ==, 0);

  dir = g_dir_open (mail_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (mail_dir, name, NULL);
      g_autofree char *text = NULL;

      g_assert_true (g_str_has_suffix (name, ".eml"));
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_assert_true (g_str_has_prefix (text, "From: =?UTF-8?B?"));
      g_assert_nonnull (strstr (text, " <cabinet@supplier.test>\r\nTo: <"));
      files++;
    }
  g_assert_cmpuint (files, ==, 2);
}

static void
test_smtp_settings (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-smtp-settings-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty", NULL);
  g_autofree char *two_lines = g_build_filename (dir, "two-lines", NULL);
  struct { const char *url; const char *user; const char *file; const char *effective; } cases[] = {
    { "smtp://127.0.0.1:2525", NULL, NULL, "smtp://127.0.0.1:2525" },
    { "smtp://mail.example.ru", NULL, NULL, "smtp://mail.example.ru:25" },
    { "smtps://u@mail.example.ru", NULL, good, "smtps://mail.example.ru:465" },
    { "smtp://mail.example.ru:587/", "u", good, "smtp://mail.example.ru:587" },
    { "smtp://[::1]:25", NULL, NULL, "smtp://[::1]:25" },
    { "smtp://u:p@mail.example.ru", NULL, good, NULL },
    { "smtp://u@mail.example.ru", "v", good, NULL },
    { "smtp://u@mail.example.ru", NULL, NULL, NULL },
    { "smtp://mail.example.ru", NULL, good, NULL },
    { "smtp://u@mail.example.ru", NULL, empty, NULL },
    { "smtp://u@mail.example.ru", NULL, two_lines, NULL },
    { "smtp://mail.example.ru/x", NULL, NULL, NULL },
    { "smtp://mail.example.ru?x", NULL, NULL, NULL },
    { "https://mail.example.ru", NULL, NULL, NULL },
    { "mail.example.ru:25", NULL, NULL, NULL },
    { "smtp://", NULL, NULL, NULL },
  };

  g_assert_true (g_file_set_contents (good, "pass word\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "\n", -1, NULL));
  g_assert_true (g_file_set_contents (two_lines, "a\nb\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CabSmtpSender) sender = cab_smtp_sender_new (cases[i].url, cases[i].user,
                                                             cases[i].file, &error);

      if (cases[i].effective != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (cab_smtp_sender_get_url (sender), ==, cases[i].effective);
        }
      else
        {
          g_assert_null (sender);
          g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
          g_assert_null (strstr (error->message, "pass word"));
        }
    }
  g_unlink (good);
  g_unlink (empty);
  g_unlink (two_lines);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/mail-queue/claim-lease-retry", Fixture, NULL, fixture_set_up,
              test_claim_lease_retry, fixture_tear_down);
  g_test_add ("/mail-queue/give-up", Fixture, NULL, fixture_set_up, test_give_up,
              fixture_tear_down);
  g_test_add ("/mail-queue/same-transaction", Fixture, NULL, fixture_set_up,
              test_same_transaction, fixture_tear_down);
  g_test_add ("/mail-queue/bad-recipient", Fixture, NULL, fixture_set_up, test_bad_recipient,
              fixture_tear_down);
  g_test_add ("/mail-queue/deliver-to-folder", Fixture, NULL, fixture_set_up,
              test_deliver_to_folder, fixture_tear_down);
  g_test_add_func ("/mail-queue/smtp-settings", test_smtp_settings);
  return g_test_run ();
}
