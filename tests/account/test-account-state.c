/* test-account-state.c: the Account State model against the demo server, then without it.
 *
 * Run as: test-account-state [g_test options]. No display needed: the model has no widgets.
 * The server and the sign-in are the profile tests' helpers (profile-test-utils.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "account/cab-account-state.h"
#include "account/cab-account-states.h"
#include "account/cab-debt-row-item.h"
#include "account/cab-statement-row-item.h"
#include "offline/cab-session-store.h"
#include "profile-test-utils.h"

static char *data_dir;

/* -74 644,26 and 0,00 on 28.06.2016: the manual's Fig. 8 */
#define FIG8_DEBT         ((CabMoney) -7464426)
#define FIG8_RECOMMENDED  ((CabMoney) 0)

/* --- Waiting --- */

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition    condition,
            gpointer     data,
            const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
idle (gpointer data)
{
  return !cab_account_state_get_loading (data);
}

/* --- The session --- */

static CabSession *
sign_in (TestServer *server,
         const char *server_id)
{
  g_autoptr(GError) error = NULL;
  GDate today;
  /* The manual's Fig. 8 was seen on 28.06.2016. */
  TestSessionSetup setup = { server_id, &today, "1234567890" };
  CabSession *session;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, 6, 2016);
  session = test_sign_in_setup (server->url, "1234567890", "demo-password", &setup, &error);
  g_assert_no_error (error);

  return session;
}

static void
fig8_period (GDate *from,
             GDate *to)
{
  g_date_clear (from, 1);
  g_date_clear (to, 1);
  g_date_set_dmy (from, 1, 5, 2016);
  g_date_set_dmy (to, 1, 8, 2016);
}

static gboolean
fig8_saved (gpointer data)
{
  CabOfflineStore *store = data;
  g_autoptr(JsonNode) statement = NULL;
  g_autoptr(JsonNode) ledger = NULL;
  g_autoptr(JsonNode) bills = NULL;
  g_autoptr(JsonNode) balance = NULL;
  GDate from, to;

  fig8_period (&from, &to);
  statement = cab_offline_store_get_json (store, CAB_OFFLINE_STATEMENT, "1234567890", &from, &to,
                                          NULL, NULL);
  bills = cab_offline_store_get_json (store, CAB_OFFLINE_BILLS, "1234567890", &from, &to,
                                      NULL, NULL);
  balance = cab_offline_store_get_json (store, CAB_OFFLINE_BALANCE, "1234567890", &from, &to,
                                        NULL, NULL);
  ledger = cab_offline_store_get_json (store, CAB_OFFLINE_LEDGER, "1234567890", NULL, NULL,
                                       NULL, NULL);

  return statement != NULL && ledger != NULL && bills != NULL && balance != NULL;
}

static void
assert_block (CabAccountState      *state,
              CabAccountBlock       block,
              CabAccountBlockState  expected)
{
  g_assert_cmpint (cab_account_state_get_block_state (state, block), ==, expected);
}

static const CabDebtItem *
breakdown_item (GListModel *breakdown,
                guint       position)
{
  g_autoptr(CabDebtRowItem) row = g_list_model_get_item (breakdown, position);

  /* The model holds the row: the item outlives this reference. */
  return cab_debt_row_item_get_item (row);
}

/* What -74 644,26 and 0,00 are made of, from the act's first day (01.05.2016), numbered from
 * the act and the bills the server sent. */
static void
assert_fig8_breakdown (CabAccountState *state)
{
  GListModel *debt = cab_account_state_get_debt_breakdown (state);
  GListModel *payment = cab_account_state_get_payment_breakdown (state);
  g_autoptr(CabDebtRowItem) invoice = NULL;
  g_autoptr(CabDebtRowItem) june_bill = NULL;
  CabMoney sum = 0;

  g_assert_nonnull (debt);
  g_assert_nonnull (payment);
  g_assert_cmpuint (g_list_model_get_n_items (debt), ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (payment), ==, 10);
  for (guint i = 0; i < 9; i++)
    sum += breakdown_item (debt, i)->counted;
  g_assert_cmpint (sum, ==, FIG8_DEBT);
  g_assert_cmpint (breakdown_item (debt, 0)->type, ==, CAB_DEBT_ITEM_START);
  g_assert_cmpint (breakdown_item (debt, 0)->amount, ==, 60882279);
  g_assert_cmpint (breakdown_item (debt, 1)->rule, ==, CAB_DEBT_RULE_REPLACED);
  g_assert_cmpint (breakdown_item (debt, 9)->amount, ==, FIG8_DEBT);
  g_assert_cmpint (breakdown_item (payment, 9)->rule, ==, CAB_DEBT_RULE_NOT_BELOW_ZERO);
  g_assert_cmpint (breakdown_item (payment, 9)->amount, ==, FIG8_RECOMMENDED);

  invoice = g_list_model_get_item (debt, 5);
  g_assert_cmpstr (cab_debt_row_item_get_title (invoice), ==, "Invoice No. СФ-0531/12 of 31.05.2016");
  g_assert_cmpstr (cab_debt_row_item_get_amount (invoice), ==, "+482,844.86");
  june_bill = g_list_model_get_item (debt, 6);
  g_assert_cmpstr (cab_debt_row_item_get_title (june_bill), ==,
                   "Advance bill No. А-0601 of 01.06.2016");
  g_assert_cmpstr (cab_debt_row_item_get_reason (june_bill), ==,
                   "Due 10.06.2016, counted from 11.06.2016. No invoice for June 2016 has been "
                   "issued, so nothing replaces this bill.");
}

static void
assert_fig8 (CabAccountState *state)
{
  const CabBalance *balance = cab_account_state_get_balance (state);
  GListModel *rows = cab_account_state_get_rows (state);
  GListModel *bills = cab_account_state_get_bill_rows (state);

  g_assert_nonnull (balance);
  g_assert_cmpint (balance->debt, ==, FIG8_DEBT);
  g_assert_cmpint (balance->recommended_payment, ==, FIG8_RECOMMENDED);
  g_assert_cmpuint (g_date_get_day (&balance->on), ==, 28);
  g_assert_cmpuint (g_date_get_month (&balance->on), ==, 6);
  g_assert_cmpuint (g_date_get_year (&balance->on), ==, 2016);

  g_assert_nonnull (cab_account_state_get_statement (state));
  g_assert_nonnull (rows);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 7);
  {
    g_autoptr(CabStatementRowItem) first = g_list_model_get_item (rows, 0);

    g_assert_cmpstr (cab_statement_row_item_get_operation (first), ==, "Balance on 01.05.2016");
  }
  g_assert_nonnull (cab_account_state_get_bills (state));
  g_assert_nonnull (bills);
  g_assert_cmpuint (g_list_model_get_n_items (bills), ==, 5);
  g_assert_false (cab_account_state_get_starts_before_data (state));
  assert_fig8_breakdown (state);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *)user_data)++;
}

static void
test_online_then_offline (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(CabSession) session = sign_in (server, "demo-online");
  g_autoptr(CabAccountState) state = NULL;
  g_autoptr(GError) error = NULL;
  CabOfflineStore *store = cab_session_store_get (session, &error);
  guint n_statement_notifies = 0;
  GDate from, to;

  g_assert_no_error (error);
  state = cab_account_state_new (session);
  g_assert_cmpstr (cab_account_state_get_account (state), ==, "1234567890");
  /* It fetches at once. */
  g_assert_true (cab_account_state_get_loading (state));
  assert_block (state, CAB_ACCOUNT_BLOCK_STATEMENT, CAB_ACCOUNT_BLOCK_LOADING);
  wait_until (idle, state, "the default period");

  g_signal_connect (state, "notify::statement-state", G_CALLBACK (count_notify),
                    &n_statement_notifies);
  fig8_period (&from, &to);
  cab_account_state_set_period (state, &from, &to);
  g_assert_true (cab_account_state_get_loading (state));
  wait_until (idle, state, "the Fig. 8 period");
  g_assert_cmpuint (n_statement_notifies, >=, 2);  /* emptied, then filled */

  assert_block (state, CAB_ACCOUNT_BLOCK_BALANCE, CAB_ACCOUNT_BLOCK_ONLINE);
  assert_block (state, CAB_ACCOUNT_BLOCK_STATEMENT, CAB_ACCOUNT_BLOCK_ONLINE);
  assert_block (state, CAB_ACCOUNT_BLOCK_BILLS, CAB_ACCOUNT_BLOCK_ONLINE);
  assert_fig8 (state);
  g_assert_false (cab_account_state_get_computed_offline (state));
  g_assert_null (cab_account_state_get_store_error (state));

  /* What arrived is kept. */
  wait_until (fig8_saved, store, "the balance, statement, bills and ledger saved");

  /* Offline: the same figures, the debt recomputed from the saved ledger for today. */
  cab_session_set_offline (session, TRUE);
  wait_until (idle, state, "the offline rendering");
  assert_block (state, CAB_ACCOUNT_BLOCK_BALANCE, CAB_ACCOUNT_BLOCK_COMPUTED);
  assert_block (state, CAB_ACCOUNT_BLOCK_STATEMENT, CAB_ACCOUNT_BLOCK_SAVED);
  assert_block (state, CAB_ACCOUNT_BLOCK_BILLS, CAB_ACCOUNT_BLOCK_SAVED);
  g_assert_nonnull (cab_account_state_get_saved_at (state, CAB_ACCOUNT_BLOCK_STATEMENT));
  assert_fig8 (state);
  g_assert_true (cab_account_state_get_computed_offline (state));

  /* A period never fetched: computed from the ledger, without papers. */
  g_date_set_dmy (&from, 1, 1, 2016);
  g_date_set_dmy (&to, 1, 3, 2016);
  cab_account_state_set_period (state, &from, &to);
  wait_until (idle, state, "an unsaved period offline");
  assert_block (state, CAB_ACCOUNT_BLOCK_STATEMENT, CAB_ACCOUNT_BLOCK_COMPUTED);
  assert_block (state, CAB_ACCOUNT_BLOCK_BILLS, CAB_ACCOUNT_BLOCK_COMPUTED);
  g_assert_nonnull (cab_account_state_get_statement (state));

  /* Back online: it fetches by itself. */
  fig8_period (&from, &to);
  cab_account_state_set_period (state, &from, &to);
  wait_until (idle, state, "Fig. 8 offline");
  cab_session_set_offline (session, FALSE);
  g_assert_true (cab_account_state_get_loading (state));
  wait_until (idle, state, "Fig. 8 online again");
  assert_block (state, CAB_ACCOUNT_BLOCK_STATEMENT, CAB_ACCOUNT_BLOCK_ONLINE);
  assert_fig8 (state);

  /* The server gone: the requests fail as unreachable and the kept copy is shown. */
  test_server_stop (server);
  cab_account_state_reload (state);
  wait_until (idle, state, "the fallback to the saved data");
  assert_block (state, CAB_ACCOUNT_BLOCK_BALANCE, CAB_ACCOUNT_BLOCK_COMPUTED);
  assert_block (state, CAB_ACCOUNT_BLOCK_STATEMENT, CAB_ACCOUNT_BLOCK_SAVED);
  assert_fig8 (state);
}

static void
test_refused (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(CabSession) session = sign_in (server, "demo-refused");
  g_autoptr(CabAccountState) state = cab_account_state_new (session);
  const GError *error;

  wait_until (idle, state, "the default period");

  /* Somebody else's contract: refused, told per block, nothing recomputed. */
  cab_session_set_account (session, "3456789012");
  g_assert_cmpstr (cab_account_state_get_account (state), ==, "3456789012");
  wait_until (idle, state, "the refused contract");
  assert_block (state, CAB_ACCOUNT_BLOCK_BALANCE, CAB_ACCOUNT_BLOCK_FAILED);
  assert_block (state, CAB_ACCOUNT_BLOCK_STATEMENT, CAB_ACCOUNT_BLOCK_FAILED);
  assert_block (state, CAB_ACCOUNT_BLOCK_BILLS, CAB_ACCOUNT_BLOCK_FAILED);
  error = cab_account_state_get_error (state, CAB_ACCOUNT_BLOCK_BALANCE);
  g_assert_error ((GError *) error, CAB_ERROR, CAB_ERROR_NOT_FOUND);
  g_assert_null (cab_account_state_get_balance (state));
  g_assert_null (cab_account_state_get_rows (state));
  g_assert_null (cab_account_state_get_debt_breakdown (state));
  g_assert_null (cab_account_state_get_payment_breakdown (state));

  /* No contract chosen: nothing asked. */
  cab_session_set_account (session, NULL);
  g_assert_null (cab_account_state_get_account (state));
  g_assert_false (cab_account_state_get_loading (state));
  assert_block (state, CAB_ACCOUNT_BLOCK_STATEMENT, CAB_ACCOUNT_BLOCK_EMPTY);

  /* Offline, a contract of which nothing was saved: each block says so. */
  cab_session_set_account (session, "2345678901");
  test_server_stop (server);
  cab_session_set_offline (session, TRUE);
  wait_until (idle, state, "the offline rendering");
  assert_block (state, CAB_ACCOUNT_BLOCK_BALANCE, CAB_ACCOUNT_BLOCK_NOT_SAVED);
  assert_block (state, CAB_ACCOUNT_BLOCK_STATEMENT, CAB_ACCOUNT_BLOCK_NOT_SAVED);
  assert_block (state, CAB_ACCOUNT_BLOCK_BILLS, CAB_ACCOUNT_BLOCK_NOT_SAVED);
  g_assert_false (cab_account_state_get_computed_offline (state));
}

/* Issue 15, item 8: an act from 01.04.2016 has no balance on that day, the data starts on
 * 01.05.2016; the debt's breakdown then starts from the opening balance. */
static void
test_starts_before_data (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(CabSession) session = sign_in (server, "demo-before-data");
  g_autoptr(CabAccountState) state = cab_account_state_new (session);
  CabStatement *statement;
  guint n_notifies = 0;
  GDate from, to;

  wait_until (idle, state, "the default period");
  g_signal_connect (state, "notify::starts-before-data", G_CALLBACK (count_notify), &n_notifies);
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 4, 2016);
  g_date_set_dmy (&to, 1, 8, 2016);
  cab_account_state_set_period (state, &from, &to);
  wait_until (idle, state, "the period from 01.04.2016");

  assert_block (state, CAB_ACCOUNT_BLOCK_STATEMENT, CAB_ACCOUNT_BLOCK_ONLINE);
  g_assert_cmpuint (n_notifies, >=, 1);
  g_assert_true (cab_account_state_get_starts_before_data (state));
  statement = cab_account_state_get_statement (state);
  g_assert_cmpint (cab_statement_get_coverage (statement), ==,
                   CAB_STATEMENT_COVERAGE_STARTS_LATER);
  g_assert_cmpuint (g_date_get_month (cab_statement_get_opening_balance_date (statement)), ==, 5);
  g_assert_cmpint (cab_statement_get_opening_balance (statement), ==, 60882279);
  g_assert_nonnull (cab_account_state_get_debt_breakdown (state));
  g_assert_cmpint (breakdown_item (cab_account_state_get_debt_breakdown (state), 0)->rule, ==,
                   CAB_DEBT_RULE_OPENING_BALANCE);

  /* The data covers 01.05.2016 onwards. */
  fig8_period (&from, &to);
  cab_account_state_set_period (state, &from, &to);
  wait_until (idle, state, "the Fig. 8 period");
  assert_fig8 (state);

  test_server_stop (server);
}

static gboolean
ledger_saved (gpointer data)
{
  g_autoptr(JsonNode) ledger = cab_offline_store_get_json (data, CAB_OFFLINE_LEDGER, "1234567890",
                                                           NULL, NULL, NULL, NULL);

  return ledger != NULL;
}

static void
count_started (CabAccountState *state,
               guint           *n)
{
  (*n)++;
}

/* The session's models, one per contract: each keeps its contract whichever is selected, and
 * still follows going offline (computed from its saved ledger). */
static void
test_one_per_contract (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(CabSession) session = sign_in (server, "demo-per-contract");
  CabAccountStates *states = cab_session_get_account_states (session);
  CabOfflineStore *store = cab_session_store_get (session, NULL);
  CabAccountState *state;
  CabAccountState *none;
  guint n_started = 0;

  g_assert_true (CAB_IS_ACCOUNT_STATES (states));
  g_assert_null (cab_account_states_peek (states, "1234567890"));
  state = cab_account_states_get (states, "1234567890");
  g_assert_true (cab_account_states_get (states, "1234567890") == state);
  g_assert_true (cab_account_states_peek (states, "1234567890") == state);
  g_assert_true (cab_account_state_get_loading (state));
  g_assert_cmpint (cab_account_state_get_fetched_at (state), >, 0);
  wait_until (idle, state, "the first fetch");
  assert_block (state, CAB_ACCOUNT_BLOCK_BALANCE, CAB_ACCOUNT_BLOCK_ONLINE);
  g_assert_nonnull (cab_account_state_get_ledger (state));
  g_signal_connect (state, "started", G_CALLBACK (count_started), &n_started);

  /* Another contract selected: this model stays on its own. */
  cab_session_set_account (session, "1234567891");
  g_assert_cmpuint (n_started, ==, 0);
  g_assert_cmpstr (cab_account_state_get_account (state), ==, "1234567890");
  assert_block (state, CAB_ACCOUNT_BLOCK_BALANCE, CAB_ACCOUNT_BLOCK_ONLINE);

  /* Another day (the server's, or past midnight): block 1 is "on today", so every model
   * fetches again, this one too; the same day again asks nothing. */
  {
    GDate next;

    cab_session_get_today (session, &next);
    g_date_add_days (&next, 1);
    cab_session_set_today (session, &next);
    g_assert_cmpuint (n_started, ==, 1);
    wait_until (idle, state, "the next day's fetch");
    g_assert_cmpint (g_date_compare (&cab_account_state_get_balance (state)->on, &next), ==, 0);
    cab_session_set_today (session, &next);
    g_assert_cmpuint (n_started, ==, 1);
    n_started = 0;
  }

  /* No contract: an empty model that asks nothing. */
  none = cab_account_states_get (states, NULL);
  g_assert_true (none != state);
  g_assert_false (cab_account_state_get_loading (none));
  g_assert_null (cab_account_state_get_account (none));
  assert_block (none, CAB_ACCOUNT_BLOCK_STATEMENT, CAB_ACCOUNT_BLOCK_EMPTY);

  /* Offline: from the saved ledger, recomputed. */
  wait_until (ledger_saved, store, "the ledger saved");
  cab_session_set_offline (session, TRUE);
  g_assert_cmpuint (n_started, ==, 1);
  wait_until (idle, state, "the offline load");
  assert_block (state, CAB_ACCOUNT_BLOCK_BALANCE, CAB_ACCOUNT_BLOCK_COMPUTED);
  g_assert_cmpint (cab_account_state_get_fetched_at (state), ==, 0);
  g_signal_handlers_disconnect_by_data (state, &n_started);

  /* The session owns them: they hold it weakly, and go at sign-out. */
  g_assert_true (cab_account_state_get_session (state) == session);
  cab_session_clear_services (session);
  g_assert_null (cab_session_get_account_states (session));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  data_dir = test_init (&argc, &argv, "C.UTF-8", "cab-account-state", FALSE);
  g_test_add_func ("/account-state/online-then-offline", test_online_then_offline);
  g_test_add_func ("/account-state/refused", test_refused);
  g_test_add_func ("/account-state/starts-before-data", test_starts_before_data);
  g_test_add_func ("/account-state/one-per-contract", test_one_per_contract);

  status = g_test_run ();

  test_rm_rf (data_dir);
  g_free (data_dir);

  return status;
}
