/* test-api-client.c: CabApiClient against the real server on port 0, and each failure
 * mapping (server gone, garbage answer, slow answer cancelled, timeout).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <locale.h>

#include "cab-api-client.h"
#include "cab-error-text.h"
#include "cab-session.h"
#include "client-test-util.h"

static TestServer *server;

/* --- helpers ---------------------------------------------------------------------------- */

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static GAsyncResult *
wait_result (Wait *wait)
{
  test_wait_for (&wait->done);

  return wait->result;
}

static void
wait_clear (Wait *wait)
{
  g_clear_object (&wait->result);
  wait->done = FALSE;
}

static CabApiClient *
new_client (void)
{
  g_autoptr(GError) error = NULL;
  CabApiClient *api = cab_api_client_new (server->url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (api);

  return api;
}

static CabApiClient *
signed_in_client (const char *login,
                  const char *password)
{
  CabApiClient *api = new_client ();
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  gboolean must_change = TRUE;

  cab_api_client_sign_in_async (api, login, password, NULL, on_done, &wait);
  g_assert_true (cab_api_client_sign_in_finish (api, wait_result (&wait), &must_change, &error));
  g_assert_no_error (error);
  g_assert_false (must_change);
  g_assert_nonnull (cab_api_client_get_token (api));
  g_assert_cmpuint (strlen (cab_api_client_get_token (api)), ==, 64);
  wait_clear (&wait);

  return api;
}

static void
set_ymd (GDate *date,
         guint  year,
         guint  month,
         guint  day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* --- URLs ------------------------------------------------------------------------------- */

static void
test_insecure_urls (void)
{
  const char *accepted[] = { "https://lk.tek-energo.ru/", "http://127.0.0.1:8080/",
                             "http://localhost:1234", "http://[::1]:8080/",
                             "http://127.1.2.3/" };
  const char *refused[] = { "http://example.org/", "http://192.168.1.10:8080/",
                            "ftp://127.0.0.1/" };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CabApiClient) api = cab_api_client_new (accepted[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (api);
      g_assert_true (g_str_has_suffix (cab_api_client_get_base_url (api), "/"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CabApiClient) api = cab_api_client_new (refused[i], &error);

      g_assert_error (error, CAB_ERROR, CAB_ERROR_INSECURE_SERVER);
      g_assert_null (api);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CabApiClient) api = cab_api_client_new ("not a url", &error);

    g_assert_nonnull (error);
    g_assert_null (api);
  }
}

/* --- routes ----------------------------------------------------------------------------- */

static void
test_health (void)
{
  g_autoptr(CabApiClient) api = new_client ();
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  GDate today, local;

  g_date_clear (&today, 1);
  cab_api_client_get_today_async (api, NULL, on_done, &wait);
  g_assert_true (cab_api_client_get_today_finish (api, wait_result (&wait), &today, &error));
  g_assert_no_error (error);
  g_assert_true (g_date_valid (&today));
  cab_date_today_supplier (&local);
  g_assert_cmpint (ABS (g_date_days_between (&today, &local)), <=, 1);
  wait_clear (&wait);
}

static void
check_registration (CabApiClient *api,
                    const char   *dp_code,
                    const char   *account,
                    GError      **error)
{
  Wait wait = { 0 };

  cab_api_client_check_registration_async (api, dp_code, account, NULL, on_done, &wait);
  cab_api_client_check_registration_finish (api, wait_result (&wait), error);
  wait_clear (&wait);
}

static void
test_registration_check (void)
{
  g_autoptr(CabApiClient) api = new_client ();

  {
    g_autoptr(GError) error = NULL;

    check_registration (api, "7700005678", "2345678901", &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *words = NULL;

    check_registration (api, "7700000000", "", &error);
    g_assert_error (error, CAB_ERROR, CAB_ERROR_DP_CODE_NOT_FOUND);
    g_assert_cmpstr (words = cab_error_text_for_registration (error, "7700000000", ""), ==,
                     "DP code 7700000000 not found");
    g_assert_cmpstr (cab_error_get_field (error), ==, "dp_code");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *words = NULL;

    check_registration (api, "", "9999999999", &error);
    g_assert_error (error, CAB_ERROR, CAB_ERROR_ACCOUNT_NOT_FOUND);
    g_assert_cmpstr (words = cab_error_text_for_registration (error, "", "9999999999"), ==,
                     "Account 9999999999 not found");
    g_assert_cmpstr (cab_error_get_field (error), ==, "account");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *words = NULL;

    check_registration (api, "7700005678", "1234567890", &error);
    g_assert_error (error, CAB_ERROR, CAB_ERROR_ACCOUNT_DP_MISMATCH);
    g_assert_cmpstr (words = cab_error_text_for_registration (error, "7700005678", "1234567890"), ==,
                     "Account 1234567890 does not match DP code 7700005678");
    g_assert_cmpstr (cab_error_get_field (error), ==, "account");
  }
  {
    g_autoptr(GError) error = NULL;

    /* both unknown: the DP-code error */
    check_registration (api, "7700000000", "9999999999", &error);
    g_assert_error (error, CAB_ERROR, CAB_ERROR_DP_CODE_NOT_FOUND);
  }
  {
    g_autoptr(GError) error = NULL;

    check_registration (api, "7700001234", "1234567890", &error);
    g_assert_error (error, CAB_ERROR, CAB_ERROR_ALREADY_REGISTERED);
  }
}

static void
test_sign_in_wrong_password (void)
{
  g_autofree char *words = NULL;
  g_autoptr(CabApiClient) api = new_client ();
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  gboolean must_change = TRUE;

  cab_api_client_sign_in_async (api, "1234567890", "wrong-password", NULL, on_done, &wait);
  g_assert_false (cab_api_client_sign_in_finish (api, wait_result (&wait), &must_change, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_CREDENTIALS);
  g_assert_cmpstr (words = cab_error_text (error), ==, "Wrong login or password.");
  g_assert_null (cab_api_client_get_token (api));
  wait_clear (&wait);
}

static void
test_rate_limited (void)
{
  g_autofree char *words = NULL;
  g_autoptr(CabApiClient) api = new_client ();
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  /* an unknown login: its own five failures, nobody else's */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GError) attempt_error = NULL;

      cab_api_client_sign_in_async (api, "ratelimited", "wrong", NULL, on_done, &wait);
      g_assert_false (cab_api_client_sign_in_finish (api, wait_result (&wait), NULL, &attempt_error));
      g_assert_error (attempt_error, CAB_ERROR, CAB_ERROR_INVALID_CREDENTIALS);
      wait_clear (&wait);
    }

  cab_api_client_sign_in_async (api, "ratelimited", "wrong", NULL, on_done, &wait);
  g_assert_false (cab_api_client_sign_in_finish (api, wait_result (&wait), NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_RATE_LIMITED);
  g_assert_cmpuint (cab_error_get_retry_after (error), >, 0);
  g_assert_cmpuint (cab_error_get_retry_after (error), <=, 15 * 60);
  words = cab_error_text (error);
  g_assert_true (strstr (words, "Try again in") != NULL);
  g_assert_true (strstr (words, "minute") != NULL
                 || strstr (words, "second") != NULL);
  wait_clear (&wait);
}

static void
test_me (void)
{
  g_autoptr(CabApiClient) api = signed_in_client ("1234567890", "demo-password");
  g_autoptr(GError) error = NULL;
  g_autoptr(CabMe) me = NULL;
  Wait wait = { 0 };
  const CabContract *contract;

  cab_api_client_get_me_async (api, NULL, on_done, &wait);
  me = cab_api_client_get_me_finish (api, wait_result (&wait), &error);
  g_assert_no_error (error);
  g_assert_nonnull (me);
  wait_clear (&wait);

  g_assert_cmpstr (me->login, ==, "1234567890");
  g_assert_cmpstr (me->partner.dp_code, ==, "7700001234");
  g_assert_cmpstr (me->partner.name, ==, "ООО «Ромашка»");
  g_assert_cmpuint (me->contracts->len, ==, 2);
  contract = cab_me_find_contract (me, "1234567890");
  g_assert_nonnull (contract);
  g_assert_cmpstr (contract->contract_number, ==, "12-3456");
  g_assert_nonnull (cab_me_find_contract (me, "1234567891"));
  /* the neighbour's account is nowhere */
  g_assert_null (cab_me_find_contract (me, "3456789012"));
  g_assert_false (cab_me_is_visible (me, "3456789012"));
}

static void
test_visible_accounts (void)
{
  g_autoptr(CabApiClient) api = signed_in_client ("1234567890", "demo-password");
  Wait wait = { 0 };

  {
    const char *accounts[] = { "1234567891", NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(CabMe) me = NULL;

    cab_api_client_set_visible_accounts_async (api, accounts, NULL, on_done, &wait);
    me = cab_api_client_set_visible_accounts_finish (api, wait_result (&wait), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (me->visible_accounts), ==, 1);
    g_assert_cmpstr (me->visible_accounts[0], ==, "1234567891");
    wait_clear (&wait);
  }
  {
    const char *accounts[] = { NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(CabMe) me = NULL;

    cab_api_client_set_visible_accounts_async (api, accounts, NULL, on_done, &wait);
    me = cab_api_client_set_visible_accounts_finish (api, wait_result (&wait), &error);
    g_assert_error (error, CAB_ERROR, CAB_ERROR_NO_VISIBLE_ACCOUNT);
    g_assert_null (me);
    wait_clear (&wait);
  }
  {
    const char *accounts[] = { "1234567890", "3456789012", NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(CabMe) me = NULL;

    cab_api_client_set_visible_accounts_async (api, accounts, NULL, on_done, &wait);
    me = cab_api_client_set_visible_accounts_finish (api, wait_result (&wait), &error);
    g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_FIELD);
    g_assert_cmpstr (cab_error_get_field (error), ==, "accounts");
    wait_clear (&wait);
  }
  {
    const char *accounts[] = { "1234567890", "1234567891", NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(CabMe) me = NULL;

    cab_api_client_set_visible_accounts_async (api, accounts, NULL, on_done, &wait);
    me = cab_api_client_set_visible_accounts_finish (api, wait_result (&wait), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (me->visible_accounts), ==, 2);
    wait_clear (&wait);
  }
}

static void
test_account_state (void)
{
  g_autoptr(CabApiClient) api = signed_in_client ("1234567890", "demo-password");
  Wait wait = { 0 };
  GDate on, from, to;

  set_ymd (&on, 2016, 6, 28);
  set_ymd (&from, 2016, 5, 1);
  set_ymd (&to, 2016, 8, 1);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CabBalance) balance = NULL;

    cab_api_client_get_balance_async (api, "1234567890", &on, NULL, on_done, &wait);
    balance = cab_api_client_get_balance_finish (api, wait_result (&wait), &error);
    g_assert_no_error (error);
    g_assert_cmpint (balance->debt, ==, -7464426);
    g_assert_cmpint (balance->recommended_payment, ==, 0);
    wait_clear (&wait);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CabStatement) statement = NULL;
    CabStatementRow *row;
    g_autoptr(GBytes) pdf = NULL;
    g_autoptr(GBytes) again = NULL;
    gboolean not_modified = TRUE;
    g_autofree char *digest = NULL;

    cab_api_client_get_statement_async (api, "1234567890", &from, &to, NULL, on_done, &wait);
    statement = cab_api_client_get_statement_finish (api, wait_result (&wait), &error);
    g_assert_no_error (error);
    g_assert_cmpint (cab_statement_get_opening_balance (statement), ==, 60882279);
    g_assert_cmpint (cab_statement_get_debit_total (statement), ==, 28415985);
    g_assert_cmpint (cab_statement_get_credit_total (statement), ==, 140498965);
    g_assert_cmpint (cab_statement_get_closing_balance (statement), ==, -51200701);
    g_assert_cmpuint (cab_statement_get_n_rows (statement), ==, 4);
    wait_clear (&wait);

    /* a document behind the first row, then again with its ETag */
    row = cab_statement_get_row (statement, 0);
    g_assert_cmpuint (row->documents->len, >, 0);
    {
      const CabDocumentRef *ref = g_ptr_array_index (row->documents, 0);

      cab_api_client_download_document_async (api, ref->id, NULL, NULL, on_done, &wait);
      pdf = cab_api_client_download_document_finish (api, wait_result (&wait), &not_modified, &error);
      g_assert_no_error (error);
      g_assert_false (not_modified);
      g_assert_cmpuint (g_bytes_get_size (pdf), ==, (gsize) ref->size);
      g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
      digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
      g_assert_cmpstr (digest, ==, ref->sha256);
      wait_clear (&wait);

      cab_api_client_download_document_async (api, ref->id, ref->sha256, NULL, on_done, &wait);
      again = cab_api_client_download_document_finish (api, wait_result (&wait), &not_modified, &error);
      g_assert_no_error (error);
      g_assert_true (not_modified);
      g_assert_null (again);
      wait_clear (&wait);
    }
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CabBillList) bills = NULL;

    cab_api_client_get_bills_async (api, "1234567890", &from, &to, NULL, on_done, &wait);
    bills = cab_api_client_get_bills_finish (api, wait_result (&wait), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (bills->bills->len, ==, 5);
    g_assert_cmpint (((CabBill *) g_ptr_array_index (bills->bills, 0))->amount, ==, 17311879);
    wait_clear (&wait);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CabLedger) ledger = NULL;

    cab_api_client_get_ledger_async (api, "1234567890", NULL, on_done, &wait);
    ledger = cab_api_client_get_ledger_finish (api, wait_result (&wait), &error);
    g_assert_no_error (error);
    g_assert_cmpint (cab_debt_on (ledger, &on), ==, -7464426);
    wait_clear (&wait);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CabStatement) statement = NULL;

    /* reversed period */
    cab_api_client_get_statement_async (api, "1234567890", &to, &from, NULL, on_done, &wait);
    statement = cab_api_client_get_statement_finish (api, wait_result (&wait), &error);
    g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_FIELD);
    g_assert_cmpstr (cab_error_get_field (error), ==, "to");
    wait_clear (&wait);
  }
}

static void
test_neighbour_invisible (void)
{
  g_autoptr(CabApiClient) api = signed_in_client ("1234567890", "demo-password");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) unknown_error = NULL;
  g_autoptr(CabBalance) balance = NULL;
  Wait wait = { 0 };

  cab_api_client_get_balance_async (api, "3456789012", NULL, NULL, on_done, &wait);
  balance = cab_api_client_get_balance_finish (api, wait_result (&wait), &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_NOT_FOUND);
  g_assert_null (balance);
  wait_clear (&wait);

  /* exactly as an account that does not exist */
  cab_api_client_get_balance_async (api, "9999999999", NULL, NULL, on_done, &wait);
  balance = cab_api_client_get_balance_finish (api, wait_result (&wait), &unknown_error);
  g_assert_error (unknown_error, CAB_ERROR, CAB_ERROR_NOT_FOUND);
  g_assert_cmpstr (unknown_error->message, ==, error->message);
  wait_clear (&wait);
}

static void
test_profile_and_subscription (void)
{
  g_autoptr(CabApiClient) api = signed_in_client ("1234567890", "demo-password");
  Wait wait = { 0 };

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CabMe) me = NULL;

    cab_api_client_update_profile_async (api, "not-the-password", NULL, NULL,
                                         "demo@example.org", NULL, FALSE, NULL, on_done, &wait);
    me = cab_api_client_update_profile_finish (api, wait_result (&wait), &error);
    g_assert_error (error, CAB_ERROR, CAB_ERROR_WRONG_PASSWORD);
    wait_clear (&wait);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CabMe) me = NULL;

    cab_api_client_update_profile_async (api, "demo-password", NULL, NULL,
                                         "demo@example.org", "8 (999) 765-43-21", FALSE,
                                         NULL, on_done, &wait);
    me = cab_api_client_update_profile_finish (api, wait_result (&wait), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (me->phone, ==, "+79997654321");
    wait_clear (&wait);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CabMe) me = NULL;

    cab_api_client_update_profile_async (api, "demo-password", NULL, NULL,
                                         "not-an-email", NULL, FALSE, NULL, on_done, &wait);
    me = cab_api_client_update_profile_finish (api, wait_result (&wait), &error);
    g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_FIELD);
    g_assert_cmpstr (cab_error_get_field (error), ==, "email");
    wait_clear (&wait);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CabMe) me = NULL;

    cab_api_client_update_profile_async (api, "demo-password", NULL, NULL,
                                         "demo@example.org", NULL, TRUE, NULL, on_done, &wait);
    me = cab_api_client_update_profile_finish (api, wait_result (&wait), &error);
    g_assert_no_error (error);
    g_assert_null (me->phone);
    wait_clear (&wait);
  }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean subscribed = i == 0 ? FALSE : TRUE;

      cab_api_client_set_subscription_async (api, i == 0, NULL, on_done, &wait);
      g_assert_true (cab_api_client_set_subscription_finish (api, wait_result (&wait),
                                                             &subscribed, &error));
      g_assert_no_error (error);
      g_assert_cmpint (subscribed, ==, i == 0);
      wait_clear (&wait);
    }
}

static void
on_progress (goffset  sent,
             goffset  total,
             gpointer user_data)
{
  goffset *last = user_data;

  g_assert_cmpint (sent, <=, total);
  g_assert_cmpint (sent, >=, *last);
  *last = sent;
}

static void
test_feedback (void)
{
  g_autoptr(CabApiClient) api = signed_in_client ("1234567890", "demo-password");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cab-feedback-XXXXXX", NULL);
  g_autofree char *small = g_build_filename (dir, "scan.txt", NULL);
  g_autofree char *big = g_build_filename (dir, "big.bin", NULL);
  g_autoptr(GFile) small_file = g_file_new_for_path (small);
  g_autoptr(GFile) big_file = g_file_new_for_path (big);
  Wait wait = { 0 };
  goffset last = 0;
  gint64 id, again;
  FILE *f;

  g_assert_true (g_file_set_contents (small, "meter reading 12345\n", -1, NULL));
  /* 10 MiB + 1 byte, sparse */
  f = fopen (big, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, 10 * 1024 * 1024, SEEK_SET), ==, 0);
  fputc ('x', f);
  fclose (f);

  cab_api_client_send_feedback_async (api, "Please check the May invoice", small_file,
                                      "test-client-id-1", on_progress, &last,
                                      NULL, on_done, &wait);
  id = cab_api_client_send_feedback_finish (api, wait_result (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (last, >, 0);
  wait_clear (&wait);

  /* the same client_id: the same message, nothing new */
  cab_api_client_send_feedback_async (api, "Please check the May invoice", small_file,
                                      "test-client-id-1", NULL, NULL, NULL, on_done, &wait);
  again = cab_api_client_send_feedback_finish (api, wait_result (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  wait_clear (&wait);

  cab_api_client_send_feedback_async (api, "Too big", big_file, NULL, NULL, NULL,
                                      NULL, on_done, &wait);
  g_assert_cmpint (cab_api_client_send_feedback_finish (api, wait_result (&wait), &error), ==, -1);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_TOO_LARGE);
  g_clear_error (&error);
  wait_clear (&wait);

  cab_api_client_list_feedback_async (api, NULL, on_done, &wait);
  messages = cab_api_client_list_feedback_finish (api, wait_result (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  {
    CabFeedbackMessage *message = g_ptr_array_index (messages, 0);

    g_assert_cmpint (message->id, ==, id);
    g_assert_cmpstr (message->text, ==, "Please check the May invoice");
    g_assert_cmpstr (message->file_name, ==, "scan.txt");
    g_assert_cmpint (message->file_size, ==, 20);
  }
  wait_clear (&wait);

  g_unlink (small);
  g_unlink (big);
  g_rmdir (dir);
}

static void
on_unauthorized (guint *count)
{
  (*count)++;
}

static void
test_sign_out (void)
{
  g_autoptr(CabApiClient) api = signed_in_client ("1234567890", "demo-password");
  g_autofree char *token = g_strdup (cab_api_client_get_token (api));
  g_autoptr(GError) error = NULL;
  g_autoptr(CabMe) me = NULL;
  Wait wait = { 0 };
  guint unauthorized = 0;

  g_signal_connect_swapped (api, "unauthorized", G_CALLBACK (on_unauthorized), &unauthorized);
  cab_api_client_sign_out_async (api, NULL, on_done, &wait);
  g_assert_null (cab_api_client_get_token (api));
  g_assert_true (cab_api_client_sign_out_finish (api, wait_result (&wait), &error));
  g_assert_no_error (error);
  wait_clear (&wait);

  /* the old token is dead on the server too */
  cab_api_client_set_token (api, token);
  cab_api_client_get_me_async (api, NULL, on_done, &wait);
  me = cab_api_client_get_me_finish (api, wait_result (&wait), &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_UNAUTHORIZED);
  g_assert_null (me);
  g_assert_cmpuint (unauthorized, ==, 1);
  wait_clear (&wait);
}

static guint
count_mails (void)
{
  g_autoptr(GDir) dir = g_dir_open (server->mail_dir, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static void
test_password_reset_and_change (void)
{
  g_autoptr(CabApiClient) api = new_client ();
  g_autoptr(GError) error = NULL;
  g_autofree char *temporary = NULL;
  g_autoptr(CabMe) me = NULL;
  g_autoptr(CabBalance) balance = NULL;
  Wait wait = { 0 };
  gboolean must_change = FALSE;
  guint mails_before = count_mails ();

  /* a wrong email is answered the same way, and sends nothing */
  cab_api_client_reset_password_async (api, "1234567890", "nobody@example.org", NULL, on_done, &wait);
  g_assert_true (cab_api_client_reset_password_finish (api, wait_result (&wait), &error));
  g_assert_no_error (error);
  wait_clear (&wait);
  g_assert_cmpuint (count_mails (), ==, mails_before);

  cab_api_client_reset_password_async (api, "1234567890", "demo@example.org", NULL, on_done, &wait);
  g_assert_true (cab_api_client_reset_password_finish (api, wait_result (&wait), &error));
  g_assert_no_error (error);
  wait_clear (&wait);
  temporary = test_server_read_temporary_password (server);
  g_assert_nonnull (temporary);

  cab_api_client_sign_in_async (api, "1234567890", temporary, NULL, on_done, &wait);
  g_assert_true (cab_api_client_sign_in_finish (api, wait_result (&wait), &must_change, &error));
  g_assert_no_error (error);
  g_assert_true (must_change);
  wait_clear (&wait);

  cab_api_client_get_balance_async (api, "1234567890", NULL, NULL, on_done, &wait);
  balance = cab_api_client_get_balance_finish (api, wait_result (&wait), &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_PASSWORD_CHANGE_REQUIRED);
  g_clear_error (&error);
  wait_clear (&wait);

  /* back to the demo password, so the other tests still sign in */
  cab_api_client_update_profile_async (api, temporary, NULL, "demo-password",
                                       "demo@example.org", NULL, FALSE, NULL, on_done, &wait);
  me = cab_api_client_update_profile_finish (api, wait_result (&wait), &error);
  g_assert_no_error (error);
  g_assert_false (me->must_change_password);
  wait_clear (&wait);
}

static void
test_register (void)
{
  g_autoptr(CabApiClient) api = new_client ();
  g_autoptr(GError) error = NULL;
  g_autofree char *login = NULL;
  g_autoptr(CabMe) me = NULL;
  Wait wait = { 0 };

  cab_api_client_register_async (api, "7700005678", "2345678901", "bad-email", "s3cret-pass",
                                 NULL, on_done, &wait);
  login = cab_api_client_register_finish (api, wait_result (&wait), &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_FIELD);
  g_assert_cmpstr (cab_error_get_field (error), ==, "email");
  g_assert_null (login);
  g_clear_error (&error);
  wait_clear (&wait);

  cab_api_client_register_async (api, "7700005678", "2345678901", "a@b.ru", "s3cret-pass",
                                 NULL, on_done, &wait);
  login = cab_api_client_register_finish (api, wait_result (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (login, ==, "2345678901");
  g_assert_nonnull (cab_api_client_get_token (api));
  wait_clear (&wait);

  cab_api_client_get_me_async (api, NULL, on_done, &wait);
  me = cab_api_client_get_me_finish (api, wait_result (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (me->partner.dp_code, ==, "7700005678");
  g_assert_null (cab_me_find_contract (me, "1234567890"));
  wait_clear (&wait);

  g_clear_pointer (&login, g_free);
  cab_api_client_register_async (api, "7700005678", "2345678901", "a@b.ru", "s3cret-pass",
                                 NULL, on_done, &wait);
  login = cab_api_client_register_finish (api, wait_result (&wait), &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_ALREADY_REGISTERED);
  wait_clear (&wait);
}

/* --- failures --------------------------------------------------------------------------- */

static void
test_server_gone (void)
{
  g_autofree char *url = test_dead_url ();
  g_autoptr(CabApiClient) api = cab_api_client_new (url, NULL);
  g_autoptr(CabSession) session = cab_session_new (api, "1234567890");
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  g_assert_false (cab_session_get_offline (session));
  cab_api_client_get_today_async (api, NULL, on_done, &wait);
  g_assert_false (cab_api_client_get_today_finish (api, wait_result (&wait), NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_NETWORK);
  g_assert_true (cab_session_get_offline (session));
  wait_clear (&wait);
}

/* A tiny server of our own that answers @reply (NULL: never answers). */
typedef struct
{
  GSocketService *service;
  char           *url;
  const char     *reply;
  GPtrArray      *connections;
} FakeServer;

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  FakeServer *fake = user_data;
  char buffer[4096];

  g_ptr_array_add (fake->connections, g_object_ref (connection));
  /* read (part of) the request, then answer */
  g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                       buffer, sizeof buffer, NULL, NULL);
  if (fake->reply != NULL)
    {
      g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                 fake->reply, strlen (fake->reply), NULL, NULL, NULL);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }

  return TRUE;
}

static FakeServer *
fake_server_new (const char *reply)
{
  FakeServer *fake = g_new0 (FakeServer, 1);
  g_autoptr(GError) error = NULL;
  guint16 port;

  fake->reply = reply;
  fake->connections = g_ptr_array_new_with_free_func (g_object_unref);
  /* threaded: the blocking read above must not stall the test's main loop */
  fake->service = g_threaded_socket_service_new (4);
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (fake->service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (fake->service, "run", G_CALLBACK (on_incoming), fake);
  g_socket_service_start (fake->service);
  fake->url = g_strdup_printf ("http://127.0.0.1:%u/", port);

  return fake;
}

static void
fake_server_free (FakeServer *fake)
{
  g_socket_service_stop (fake->service);
  g_socket_listener_close (G_SOCKET_LISTENER (fake->service));
  for (guint i = 0; i < fake->connections->len; i++)
    g_io_stream_close (g_ptr_array_index (fake->connections, i), NULL, NULL);
  g_clear_object (&fake->service);
  g_ptr_array_unref (fake->connections);
  g_free (fake->url);
  g_free (fake);
}

static void
expect_today_error (const char *reply,
                    GQuark      domain,
                    gint        code)
{
  FakeServer *fake = fake_server_new (reply);
  g_autoptr(CabApiClient) api = cab_api_client_new (fake->url, NULL);
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  cab_api_client_get_today_async (api, NULL, on_done, &wait);
  g_assert_false (cab_api_client_get_today_finish (api, wait_result (&wait), NULL, &error));
  g_assert_error (error, domain, code);
  g_assert_nonnull (error->message);
  wait_clear (&wait);
  g_clear_object (&api);
  fake_server_free (fake);
}

static void
test_garbage_answer (void)
{
  /* not HTTP at all */
  expect_today_error ("garbage garbage garbage\r\n\r\n", CAB_ERROR, CAB_ERROR_MALFORMED_RESPONSE);
  /* HTTP, but not JSON */
  expect_today_error ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n"
                      "Connection: close\r\n\r\nnot json!", CAB_ERROR, CAB_ERROR_MALFORMED_RESPONSE);
  /* JSON, but not the resource */
  expect_today_error ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n"
                      "Connection: close\r\n\r\n{\"today\": \"soon\"}", CAB_ERROR, CAB_ERROR_MALFORMED_RESPONSE);
  /* a 502 from a proxy */
  expect_today_error ("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                      CAB_ERROR, CAB_ERROR_SERVER);
  /* an error object with an unknown code */
  expect_today_error ("HTTP/1.1 418 I'm a teapot\r\nContent-Type: application/json\r\nContent-Length: 29\r\n"
                      "Connection: close\r\n\r\n{\"error\": {\"code\": \"teapot\"}}",
                      CAB_ERROR, CAB_ERROR_SERVER);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

static void
test_slow_answer_cancelled (void)
{
  FakeServer *fake = fake_server_new (NULL);
  g_autoptr(CabApiClient) api = cab_api_client_new (fake->url, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  g_timeout_add (200, cancel_soon, cancellable);
  cab_api_client_get_today_async (api, cancellable, on_done, &wait);
  g_assert_false (cab_api_client_get_today_finish (api, wait_result (&wait), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  wait_clear (&wait);
  g_clear_object (&api);
  fake_server_free (fake);
}

static void
test_timeout (void)
{
  FakeServer *fake = fake_server_new (NULL);
  g_autoptr(CabApiClient) api = cab_api_client_new (fake->url, NULL);
  g_autoptr(CabSession) session = cab_session_new (api, "1234567890");
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  cab_api_client_set_timeout (api, 1);
  cab_api_client_get_today_async (api, NULL, on_done, &wait);
  g_assert_false (cab_api_client_get_today_finish (api, wait_result (&wait), NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_TIMEOUT);
  g_assert_true (cab_session_get_offline (session));
  wait_clear (&wait);
  g_clear_object (&session);
  g_clear_object (&api);
  fake_server_free (fake);
}

static void
test_session_back_online (void)
{
  g_autoptr(CabApiClient) api = new_client ();
  g_autoptr(CabSession) session = cab_session_new (api, "1234567890");
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  g_assert_cmpstr (cab_session_get_server_id (session), !=, NULL);
  g_assert_true (g_str_has_prefix (cab_session_get_server_id (session), "127.0.0.1:"));
  cab_session_set_offline (session, TRUE);
  cab_api_client_get_today_async (api, NULL, on_done, &wait);
  g_assert_true (cab_api_client_get_today_finish (api, wait_result (&wait), NULL, &error));
  g_assert_false (cab_session_get_offline (session));
  wait_clear (&wait);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* the English source strings are what the assertions compare */
  g_setenv ("LANGUAGE", "C", TRUE);
  if (g_getenv ("TEK_CABINET_SERVER") == NULL)
    g_setenv ("TEK_CABINET_SERVER", TEK_CABINET_SERVER_PATH, TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  server = test_server_start ();

  g_test_add_func ("/client/api/insecure-urls", test_insecure_urls);
  g_test_add_func ("/client/api/health", test_health);
  g_test_add_func ("/client/api/registration-check", test_registration_check);
  g_test_add_func ("/client/api/sign-in-wrong-password", test_sign_in_wrong_password);
  g_test_add_func ("/client/api/rate-limited", test_rate_limited);
  g_test_add_func ("/client/api/me", test_me);
  g_test_add_func ("/client/api/visible-accounts", test_visible_accounts);
  g_test_add_func ("/client/api/account-state", test_account_state);
  g_test_add_func ("/client/api/neighbour-invisible", test_neighbour_invisible);
  g_test_add_func ("/client/api/profile-and-subscription", test_profile_and_subscription);
  g_test_add_func ("/client/api/feedback", test_feedback);
  g_test_add_func ("/client/api/sign-out", test_sign_out);
  g_test_add_func ("/client/api/password-reset-and-change", test_password_reset_and_change);
  g_test_add_func ("/client/api/register", test_register);
  g_test_add_func ("/client/api/server-gone", test_server_gone);
  g_test_add_func ("/client/api/garbage-answer", test_garbage_answer);
  g_test_add_func ("/client/api/slow-answer-cancelled", test_slow_answer_cancelled);
  g_test_add_func ("/client/api/timeout", test_timeout);
  g_test_add_func ("/client/api/session-back-online", test_session_back_online);

  ret = g_test_run ();
  test_server_stop (server);

  return ret;
}
