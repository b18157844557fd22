/* test-notifier.c: which refreshes make a desktop notification, and against the demo server
 * that only what is new is announced (no display needed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "cab-core.h"
#include "cab-notifier.h"
#include "profile-test-utils.h"

static CabLedger *
fig8_ledger (void)
{
  GDate opening, d;
  CabLedger *ledger;

  cab_date_set_ymd (&opening, 2016, 5, 1);
  ledger = cab_ledger_new (&opening, 60882279, NULL);
  cab_date_set_ymd (&d, 2016, 5, 1);
  cab_ledger_add (ledger, CAB_ENTRY_ADVANCE_BILL_1, &d, 17311879, 0);
  cab_date_set_ymd (&d, 2016, 5, 24);
  cab_ledger_add (ledger, CAB_ENTRY_CORRECTION, &d, -19868501, 0);
  cab_date_set_ymd (&d, 2016, 5, 25);
  cab_ledger_add (ledger, CAB_ENTRY_PAYMENT, &d, 97999044, 0);

  return ledger;
}

static CabBalance *
balance_on (int      day,
            CabMoney debt)
{
  CabBalance *balance = g_new0 (CabBalance, 1);

  balance->account = g_strdup ("1234567890");
  cab_date_set_ymd (&balance->on, 2016, 6, day);
  balance->debt = debt;
  return balance;
}

static CabNotice *
notice (GPtrArray *notices,
        guint      i)
{
  return g_ptr_array_index (notices, i);
}

static void
test_diff (void)
{
  g_autoptr(JsonObject) state = json_object_new ();
  g_autoptr(CabLedger) ledger = fig8_ledger ();
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(CabBalance) credit = balance_on (10, -7464426);
  g_autoptr(CabBalance) debt = balance_on (28, 7464426);
  GDate d;

  /* First sight: everything is recorded, nothing announced. */
  notices = cab_notifier_diff (state, "1234567890", ledger, credit);
  g_assert_cmpuint (notices->len, ==, 0);
  g_assert_true (json_object_has_member (state, "1234567890"));
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* The same again: nothing new. */
  notices = cab_notifier_diff (state, "1234567890", ledger, credit);
  g_assert_cmpuint (notices->len, ==, 0);
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* A new advance bill, an invoice and a payment: two notices, none for the payment. */
  cab_date_set_ymd (&d, 2016, 5, 16);
  cab_ledger_add (ledger, CAB_ENTRY_ADVANCE_BILL_2, &d, 40510324, 0);
  cab_date_set_ymd (&d, 2016, 5, 31);
  cab_ledger_add (ledger, CAB_ENTRY_INVOICE, &d, 48284486, 0);
  cab_date_set_ymd (&d, 2016, 6, 20);
  cab_ledger_add (ledger, CAB_ENTRY_PAYMENT, &d, 42499921, 0);
  notices = cab_notifier_diff (state, "1234567890", ledger, credit);
  g_assert_cmpuint (notices->len, ==, 2);
  g_assert_cmpstr (notice (notices, 0)->title, ==, "New advance bill");
  g_assert_cmpstr (notice (notices, 0)->body, ==, "Account 1234567890: 405,103.24 of 16.05.2016");
  g_assert_cmpstr (notice (notices, 0)->page, ==, "account-state");
  g_assert_cmpstr (notice (notices, 1)->title, ==, "New invoice");
  g_assert_cmpstr (notice (notices, 1)->body, ==, "Account 1234567890: 482,844.86 of 31.05.2016");
  g_assert_cmpstr (notice (notices, 0)->id, !=, notice (notices, 1)->id);
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* The debt turns positive: announced once, not again while it stays positive. */
  notices = cab_notifier_diff (state, "1234567890", ledger, debt);
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_cmpstr (notice (notices, 0)->title, ==, "Debt on 28.06.2016: 74,644.26");
  g_assert_cmpstr (notice (notices, 0)->body, ==, "Account 1234567890");
  g_assert_cmpstr (notice (notices, 0)->page, ==, "account-state");
  g_clear_pointer (&notices, g_ptr_array_unref);
  notices = cab_notifier_diff (state, "1234567890", ledger, debt);
  g_assert_cmpuint (notices->len, ==, 0);
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* Without a balance (unreachable) the last sign stays: no repeat afterwards. */
  notices = cab_notifier_diff (state, "1234567890", ledger, NULL);
  g_assert_cmpuint (notices->len, ==, 0);
  g_clear_pointer (&notices, g_ptr_array_unref);
  notices = cab_notifier_diff (state, "1234567890", ledger, debt);
  g_assert_cmpuint (notices->len, ==, 0);
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* Paid off, then in debt again: announced again. */
  notices = cab_notifier_diff (state, "1234567890", ledger, credit);
  g_assert_cmpuint (notices->len, ==, 0);
  g_clear_pointer (&notices, g_ptr_array_unref);
  notices = cab_notifier_diff (state, "1234567890", ledger, debt);
  g_assert_cmpuint (notices->len, ==, 1);
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* Another account is its own first sight. */
  notices = cab_notifier_diff (state, "1234567891", ledger, debt);
  g_assert_cmpuint (notices->len, ==, 0);
}

typedef struct
{
  gboolean done;
  guint    n;
  GError  *error;
} Wait;

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *w = user_data;

  w->n = cab_notifier_check_finish (CAB_NOTIFIER (object), result, &w->error);
  w->done = TRUE;
}

static guint
check (CabNotifier *notifier)
{
  Wait w = { 0 };

  cab_notifier_check_async (notifier, NULL, check_cb, &w);
  test_wait_for_flag (&w.done);
  g_assert_no_error (w.error);
  return w.n;
}

static CabSession *notice_session;

static void
on_notice (CabNotifier *notifier,
           CabNotice   *n,
           GPtrArray   *titles)
{
  const CabMe *me = cab_session_get_me (notice_session);
  g_autofree char *company = g_strdup_printf ("%s, login %s", me->partner.name, "1234567890");
  g_autoptr(GVariant) target = g_variant_ref_sink (cab_notice_get_target (n));
  g_autoptr(GNotification) notification = cab_notice_to_notification (n);
  const char *server_id, *login, *page;

  /* Which company it is about, and the page of that company to open. */
  g_assert_cmpstr (n->company, ==, company);
  g_assert_cmpstr (g_variant_get_type_string (target), ==, "(sss)");
  g_variant_get (target, "(&s&s&s)", &server_id, &login, &page);
  g_assert_cmpstr (server_id, ==, cab_session_get_server_id (notice_session));
  g_assert_cmpstr (login, ==, "1234567890");
  g_assert_cmpstr (page, ==, "account-state");
  g_assert_true (G_IS_NOTIFICATION (notification));

  g_ptr_array_add (titles, g_strdup (n->title));
}

static void
test_against_server (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(CabSession) session = NULL;
  g_autoptr(CabNotifier) notifier = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (server->dir, "user", "notifier-state.json", NULL);
  g_autofree char *data = NULL;
  g_autofree char *edited = NULL;
  const char *key = "\"2016-07-01|advance_bill_1|167345.26\"";
  char *at;

  session = test_sign_in (server->url, "1234567890", "demo-password", &error);
  g_assert_no_error (error);
  notice_session = session;
  notifier = cab_notifier_new (session, NULL, path);
  g_signal_connect (notifier, "notice", G_CALLBACK (on_notice), titles);

  /* First run (by itself, the user being known): records both visible accounts, announces
   * nothing. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!g_file_test (path, G_FILE_TEST_EXISTS))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        test_spin (20);
      }
  }
  g_assert_cmpuint (titles->len, ==, 0);
  g_assert_cmpuint (check (notifier), ==, 0);
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  g_assert_nonnull (strstr (data, "\"1234567890\""));
  g_assert_nonnull (strstr (data, "\"1234567891\""));
  g_assert_nonnull ((at = strstr (data, key)));

  /* Forget the Fig. 8 July advance bill, as if it had just been issued. */
  edited = g_strdup (data);
  at = edited + (at - data);
  memcpy (at + 1, "1999", 4);
  g_file_set_contents (path, edited, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (check (notifier), ==, 1);
  g_assert_cmpuint (titles->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "New advance bill");

  /* Switched off: nothing sent, and nothing new either once switched on again. */
  g_assert_cmpuint (check (notifier), ==, 0);
  cab_notifier_set_enabled (notifier, FALSE);
  g_file_set_contents (path, edited, -1, &error);
  g_assert_cmpuint (check (notifier), ==, 0);
  cab_notifier_set_enabled (notifier, TRUE);
  g_assert_cmpuint (check (notifier), ==, 0);
  g_assert_cmpuint (titles->len, ==, 1);

  /* A damaged state file: a fresh start that only records. */
  g_file_set_contents (path, "{\"version\": 1, \"accounts\": [", -1, &error);
  g_assert_cmpuint (check (notifier), ==, 0);
  g_clear_object (&notifier);
  notice_session = NULL;
}

int
main (int   argc,
      char *argv[])
{
  /* The English money style, whatever the machine's locale. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/notifier/diff", test_diff);
  g_test_add_func ("/notifier/against-server", test_against_server);

  return g_test_run ();
}
