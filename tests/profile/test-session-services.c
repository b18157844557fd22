/* test-session-services.c: the services a signed-in session owns, with no page and no display:
 * the feedback outbox keeps retrying on its own, a login change moves the user's files once,
 * the notifier does not keep the session alive, and sign-out drops everything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "account/cab-account-states.h"
#include "cab-core.h"
#include "cab-feedback-outbox.h"
#include "cab-notifier.h"
#include "cab-session-services.h"
#include "offline/cab-documents.h"
#include "offline/cab-reconnector.h"
#include "offline/cab-session-store.h"
#include "profile-test-utils.h"

static guint
server_count (CabSession *session,
              const char *text)
{
  g_autoptr(GPtrArray) messages = test_list_feedback (cab_session_get_api (session));
  guint n = 0;

  for (guint i = 0; i < messages->len; i++)
    if (g_strcmp0 (((CabFeedbackMessage *) g_ptr_array_index (messages, i))->text, text) == 0)
      n++;

  return n;
}

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  CabFeedbackOutboxItem **item = user_data;
  g_autoptr(GError) error = NULL;

  *item = cab_feedback_outbox_add_finish (CAB_FEEDBACK_OUTBOX (object), result, &error);
  g_assert_no_error (error);
}

static void
add_message (CabFeedbackOutbox *outbox,
             const char        *text)
{
  g_autoptr(CabFeedbackOutboxItem) item = NULL;

  cab_feedback_outbox_add_async (outbox, NULL, text, NULL, NULL, add_cb, &item);
  while (item == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_delivery (CabFeedbackOutbox *outbox)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (cab_feedback_outbox_get_n_waiting (outbox) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      test_spin (20);
    }
}

/* Built once at sign-in, typed, and nothing of them hangs on the session as data. */
static void
test_built_at_sign_in (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabSession) session = test_sign_in (server->url, "1234567890", "demo-password",
                                                &error);
  CabFeedbackOutbox *outbox;

  g_assert_no_error (error);
  g_assert_true (CAB_IS_OFFLINE_STORE (cab_session_get_offline_store (session)));
  g_assert_true (CAB_IS_RECONNECTOR (cab_session_get_reconnector (session)));
  g_assert_true (CAB_IS_NOTIFIER (cab_session_get_notifier (session)));
  outbox = cab_session_get_feedback_outbox (session);
  g_assert_true (CAB_IS_FEEDBACK_OUTBOX (outbox));
  g_assert_true (cab_session_store_get (session, NULL) == cab_session_get_offline_store (session));

  {
    g_autofree char *user_dir = cab_session_services_dup_user_dir (session, "1234567890");
    g_autofree char *folder = g_build_filename (user_dir, "outbox", NULL);

    g_assert_cmpstr (cab_feedback_outbox_get_directory (outbox), ==, folder);
    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  }

  /* Sign-out: all gone, and the outbox, even held by someone, sends nothing more. */
  cab_session_set_offline (session, TRUE);
  add_message (outbox, "Queued before sign-out");
  g_object_ref (outbox);
  cab_session_clear_services (session);
  g_assert_null (cab_session_get_offline_store (session));
  g_assert_null (cab_session_get_reconnector (session));
  g_assert_null (cab_session_get_notifier (session));
  g_assert_null (cab_session_get_feedback_outbox (session));
  cab_feedback_outbox_set_online (outbox, TRUE);
  cab_feedback_outbox_flush (outbox);
  {
    g_autoptr(CabFeedbackOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (outbox), 0);

    /* A send starts synchronously (the item is marked); none did. */
    g_assert_false (cab_feedback_outbox_item_get_sending (item));
  }
  g_assert_cmpuint (cab_feedback_outbox_get_retry_delay (outbox), ==, 0);
  g_object_unref (outbox);
}

/* No Feedback page anywhere: a message queued while the server is down is delivered once it
 * is back, by the session's outbox retrying on its own. */
static void
test_outbox_retries_without_page (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabSession) session = test_sign_in (server->url, "1234567890", "demo-password",
                                                &error);
  CabFeedbackOutbox *outbox;
  gint64 deadline;

  g_assert_no_error (error);
  outbox = cab_session_get_feedback_outbox (session);
  cab_feedback_outbox_set_retry_delays (outbox, 100, 400);

  test_server_stop (server);
  add_message (outbox, "Sent by the session, not by a page");
  cab_feedback_outbox_flush (outbox);

  /* The transient failure schedules a retry, and then the next. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (cab_feedback_outbox_get_retry_delay (outbox) < 400)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      test_spin (20);
    }
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 1);

  test_server_restart (server);
  wait_for_delivery (outbox);
  g_assert_cmpuint (server_count (session, "Sent by the session, not by a page"), ==, 1);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* A login change moves the waiting messages, the draft and the notifier's memory to the new
 * login's folder, and the session's outbox and notifier are the new folder's. */
static void
test_login_change_moves_once (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabSession) session = test_sign_in (server->url, "1234567890", "demo-password",
                                                &error);
  g_autofree char *old_dir = NULL;
  g_autofree char *new_dir = NULL;
  g_autofree char *old_draft = NULL;
  g_autofree char *new_draft = NULL;
  g_autofree char *old_state = NULL;
  g_autofree char *new_state = NULL;
  g_autofree char *new_outbox_dir = NULL;
  CabFeedbackOutbox *old_outbox;
  CabFeedbackOutbox *outbox;
  CabNotifier *old_notifier;

  g_assert_no_error (error);
  old_dir = cab_session_services_dup_user_dir (session, "1234567890");
  new_dir = cab_session_services_dup_user_dir (session, "services.new");
  old_draft = g_build_filename (old_dir, "feedback-draft.json", NULL);
  new_draft = g_build_filename (new_dir, "feedback-draft.json", NULL);
  old_state = g_build_filename (old_dir, "notifier-state.json", NULL);
  new_state = g_build_filename (new_dir, "notifier-state.json", NULL);
  new_outbox_dir = g_build_filename (new_dir, "outbox", NULL);

  cab_session_set_offline (session, TRUE);
  old_outbox = cab_session_get_feedback_outbox (session);
  old_notifier = cab_session_get_notifier (session);
  add_message (old_outbox, "Waiting through a login change");
  write_file (old_draft, "{\"version\":1,\"text\":\"a draft\"}");
  write_file (old_state, "{\"version\":1,\"accounts\":{}}");

  test_change_login (session, "services.new");

  outbox = cab_session_get_feedback_outbox (session);
  g_assert_true (outbox != old_outbox);
  g_assert_cmpstr (cab_feedback_outbox_get_directory (outbox), ==, new_outbox_dir);
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 1);
  g_assert_true (cab_session_get_notifier (session) != old_notifier);
  g_assert_true (g_file_test (new_draft, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_draft, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (new_state, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_state, G_FILE_TEST_EXISTS));

  /* Only the new outbox sends it, once. */
  cab_session_set_offline (session, FALSE);
  wait_for_delivery (outbox);
  g_assert_cmpuint (server_count (session, "Waiting through a login change"), ==, 1);
}

static JsonNode *
marker_node (const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "marker");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* A period nobody shows: only this test writes there (the session's models save what they
 * fetch into the same store meanwhile). */
static void
marker_period (GDate *from,
               GDate *to)
{
  cab_date_set_ymd (from, 2001, 1, 1);
  cab_date_set_ymd (to, 2001, 1, 31);
}

static char *
dup_marker (CabOfflineStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  GDate from, to;

  marker_period (&from, &to);
  node = cab_offline_store_get_json (store, CAB_OFFLINE_STATEMENT, "1234567890", &from, &to,
                                     NULL, &error);

  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "marker"));
}

/* The offline store follows a login change: what was saved is read under the new login, now
 * and after a restart, online (the new login's store) or not (the last user recorded). */
static void
test_login_change_moves_store (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabSession) session = test_sign_in (server->url, "1234567890", "demo-password",
                                                &error);
  g_autoptr(JsonNode) node = marker_node ("saved before the change");
  g_autofree char *old_dir = NULL;
  g_autofree char *new_dir = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *server_id = NULL;
  CabOfflineStore *old_store;
  CabOfflineStore *store;
  GDate from, to;

  g_assert_no_error (error);
  server_id = g_strdup (cab_session_get_server_id (session));
  old_dir = cab_session_services_dup_user_dir (session, "1234567890");
  new_dir = cab_session_services_dup_user_dir (session, "store.new");
  old_store = cab_session_get_offline_store (session);
  g_assert_cmpstr (cab_offline_store_get_directory (old_store), ==, old_dir);
  marker_period (&from, &to);
  cab_offline_store_put_json (old_store, CAB_OFFLINE_STATEMENT, "1234567890", &from, &to, node,
                              &error);
  g_assert_no_error (error);

  test_change_login (session, "store.new");

  store = cab_session_get_offline_store (session);
  g_assert_true (CAB_IS_OFFLINE_STORE (store));
  g_assert_true (store != old_store);
  g_assert_cmpstr (cab_offline_store_get_login (store), ==, "store.new");
  g_assert_cmpstr (cab_offline_store_get_directory (store), ==, new_dir);
  g_assert_true (cab_documents_get_store (cab_session_get_documents (session)) == store);
  marker = dup_marker (store);
  g_assert_cmpstr (marker, ==, "saved before the change");
  g_clear_pointer (&marker, g_free);
  {
    g_autofree char *old_accounts = g_build_filename (old_dir, "accounts", NULL);

    g_assert_false (g_file_test (old_accounts, G_FILE_TEST_EXISTS));
  }

  /* A restart without the server: the last user is the new login, with their /me (saved by
   * the new store: wait for its write). */
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    g_autofree char *login = NULL;
    g_autoptr(CabMe) me = NULL;

    while (!cab_session_store_load_last_user (server_id, &login, &me, NULL, NULL) ||
           g_strcmp0 (login, "store.new") != 0 || g_strcmp0 (me->login, "store.new") != 0)
      {
        g_clear_pointer (&login, g_free);
        g_clear_pointer (&me, cab_me_free);
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        test_spin (20);
      }
  }

  /* A restart with it: the new login's store has what was saved. */
  g_clear_object (&session);
  session = test_sign_in (server->url, "store.new", "demo-password", &error);
  g_assert_no_error (error);
  store = cab_session_get_offline_store (session);
  g_assert_cmpstr (cab_offline_store_get_directory (store), ==, new_dir);
  marker = dup_marker (store);
  g_assert_cmpstr (marker, ==, "saved before the change");
}

typedef struct
{
  gboolean done;
  guint    n;
  GError  *error;
} CheckWait;

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  CheckWait *w = user_data;

  w->n = cab_notifier_check_finish (CAB_NOTIFIER (object), result, &w->error);
  w->done = TRUE;
}

static void
count_cb (gpointer  instance,
          guint    *n)
{
  (*n)++;
}

/* The Account State page and the notifier read one model per contract, the session's: what
 * the page has just loaded, the notifier reads without asking the server again. */
static void
test_page_and_notifier_share_model (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabSession) session = test_sign_in (server->url, "1234567890", "demo-password",
                                                &error);
  g_autofree char *user_dir = NULL;
  g_autofree char *state_path = NULL;
  g_autofree char *data = NULL;
  CabAccountStates *states;
  CabAccountState *state;
  CabAccountState *other;
  CheckWait w = { 0 };
  guint n_started = 0;
  gint64 fetched_at;

  g_assert_no_error (error);
  states = cab_session_get_account_states (session);
  g_assert_true (CAB_IS_ACCOUNT_STATES (states));

  /* What the page does for the selected contract (cab-account-state-page.c, bind_state ()). */
  cab_session_set_account (session, "1234567890");
  state = cab_account_states_get (states, cab_session_get_account (session));
  g_assert_true (CAB_IS_ACCOUNT_STATE (state));
  g_assert_cmpstr (cab_account_state_get_account (state), ==, "1234567890");
  g_signal_connect (state, "started", G_CALLBACK (count_cb), &n_started);
  test_wait_for_property (state, "loading", FALSE);
  g_assert_cmpint (cab_account_state_get_block_state (state, CAB_ACCOUNT_BLOCK_BALANCE), ==,
                   CAB_ACCOUNT_BLOCK_ONLINE);
  fetched_at = cab_account_state_get_fetched_at (state);
  g_assert_cmpint (fetched_at, >, 0);

  /* Another contract selected: a model of its own; the first stays, as it was. */
  cab_session_set_account (session, "1234567891");
  other = cab_account_states_get (states, cab_session_get_account (session));
  g_assert_true (other != state);
  g_assert_true (cab_account_states_get (states, "1234567890") == state);
  g_assert_cmpuint (n_started, ==, 0);

  /* The notifier looks at every visible contract: the same models, the first not fetched
   * again. */
  cab_notifier_check_async (cab_session_get_notifier (session), NULL, check_cb, &w);
  test_wait_for_flag (&w.done);
  g_assert_no_error (w.error);
  g_assert_cmpuint (n_started, ==, 0);
  g_assert_cmpint (cab_account_state_get_fetched_at (state), ==, fetched_at);
  g_assert_true (cab_account_states_peek (states, "1234567890") == state);
  g_assert_true (cab_account_states_peek (states, "1234567891") == other);

  /* It did read them: both are in its memory. */
  user_dir = cab_session_services_dup_user_dir (session, "1234567890");
  state_path = g_build_filename (user_dir, "notifier-state.json", NULL);
  g_assert_true (g_file_get_contents (state_path, &data, NULL, NULL));
  g_assert_nonnull (strstr (data, "\"1234567890\""));
  g_assert_nonnull (strstr (data, "\"1234567891\""));

  /* A refresh fetches each once more (the models follow it), and the notifier waits for them
   * rather than asking again. */
  cab_session_refresh (session);
  g_assert_cmpuint (n_started, ==, 1);
  g_assert_true (cab_account_state_get_loading (state));
  w.done = FALSE;
  cab_notifier_check_async (cab_session_get_notifier (session), NULL, check_cb, &w);
  test_wait_for_flag (&w.done);
  g_assert_no_error (w.error);
  g_assert_cmpuint (n_started, ==, 1);
  g_assert_false (cab_account_state_get_loading (state));
  g_assert_cmpint (cab_account_state_get_fetched_at (state), >, fetched_at);

  /* Sign-out drops them. */
  g_signal_handlers_disconnect_by_data (state, &n_started);
  cab_session_clear_services (session);
  g_assert_null (cab_session_get_account_states (session));
}

/* The session owns the notifier, one way: dropping the session finalizes it even while
 * someone still holds the notifier, and the notifier then checks nothing. */
static void
test_notifier_does_not_keep_session (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(GError) error = NULL;
  CabSession *session = test_sign_in (server->url, "1234567890", "demo-password", &error);
  g_autoptr(CabNotifier) notifier = NULL;
  GWeakRef weak;

  g_assert_no_error (error);
  notifier = g_object_ref (cab_session_get_notifier (session));
  g_weak_ref_init (&weak, session);
  g_object_unref (session);
  /* Requests under way may hold it a moment; the notifier does not. */
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    CabSession *alive;

    while ((alive = g_weak_ref_get (&weak)) != NULL)
      {
        g_object_unref (alive);
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        test_spin (20);
      }
  }
  g_weak_ref_clear (&weak);

}

int
main (int   argc,
      char *argv[])
{
  int ret;
  g_autofree char *data_home = g_dir_make_tmp ("services-data-XXXXXX", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session-services/built-at-sign-in", test_built_at_sign_in);
  g_test_add_func ("/session-services/outbox-retries-without-page", test_outbox_retries_without_page);
  g_test_add_func ("/session-services/login-change-moves-once", test_login_change_moves_once);
  g_test_add_func ("/session-services/login-change-moves-store", test_login_change_moves_store);
  g_test_add_func ("/session-services/page-and-notifier-share-model",
                   test_page_and_notifier_share_model);
  g_test_add_func ("/session-services/notifier-does-not-keep-session",
                   test_notifier_does_not_keep_session);

  ret = g_test_run ();
  test_rm_rf (data_home);
  return ret;
}
