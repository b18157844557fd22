/* test-feedback-page.c: the Feedback page against the real demo server (needs a display).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cab-core.h"
#include "cab-feedback-outbox.h"
#include "cab-feedback-page.h"
#include "profile-test-utils.h"

typedef struct
{
  TestServer *server;
  CabSession *session;
  GtkWidget  *window;
  GtkWidget  *page;
  char       *files;
} Fixture;

static GtkWidget *
new_page (Fixture *f)
{
  GtkWidget *page = cab_feedback_page_new (f->session);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 900);
  gtk_window_set_child (GTK_WINDOW (f->window), page);
  gtk_window_present (GTK_WINDOW (f->window));
  test_wait_for_property (page, "history-loading", FALSE);

  return page;
}

static void
close_page (Fixture *f)
{
  g_clear_pointer ((GtkWindow **) &f->window, gtk_window_destroy);
  f->page = NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* A test that plays "offline" while the server runs (@data set): the session's reconnector
   * must not find the server and put the session back online in the middle of a step. */
  CabSessionServicesOptions options = { .reconnect_first_ms = 3600 * 1000 };

  f->server = test_server_start (0);
  f->session = test_sign_in_full (f->server->url, "1234567890", "demo-password",
                                  data != NULL ? &options : NULL, &error);
  g_assert_no_error (error);
  f->files = g_dir_make_tmp ("feedback-files-XXXXXX", &error);
  g_assert_no_error (error);
  f->page = new_page (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->files, 0, NULL);
  const char *name;

  close_page (f);
  g_clear_object (&f->session);
  test_spin (10);
  test_server_free (f->server);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->files, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->files);
  g_free (f->files);
}

static GFile *
make_file (Fixture    *f,
           const char *name,
           gsize       size)
{
  g_autofree char *path = g_build_filename (f->files, name, NULL);
  g_autofree char *data = g_malloc (size);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < size; i++)
    data[i] = (char) (i * 7);
  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
type_question (Fixture    *f,
               const char *text)
{
  GtkTextView *view = test_child (f->page, CAB_TYPE_FEEDBACK_PAGE, "question_view");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static char *
question_text (Fixture *f)
{
  GtkTextView *view = test_child (f->page, CAB_TYPE_FEEDBACK_PAGE, "question_view");
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
}

static const char *
label_text (Fixture    *f,
            const char *name)
{
  GtkLabel *label = test_child (f->page, CAB_TYPE_FEEDBACK_PAGE, name);

  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
}

static void
attach (Fixture *f,
        GFile   *file)
{
  GtkLabel *file_label = test_child (f->page, CAB_TYPE_FEEDBACK_PAGE, "file_label");
  GtkLabel *file_error = test_child (f->page, CAB_TYPE_FEEDBACK_PAGE, "file_error");
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  cab_feedback_page_set_attachment (CAB_FEEDBACK_PAGE (f->page), file);
  /* The check runs off the main loop; it ends in the file's name or an error. */
  while (!gtk_widget_get_visible (GTK_WIDGET (file_error)) &&
         (cab_feedback_page_get_attachment (CAB_FEEDBACK_PAGE (f->page)) == NULL ||
          !g_file_equal (cab_feedback_page_get_attachment (CAB_FEEDBACK_PAGE (f->page)), file)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      test_spin (5);
    }
  (void) file_label;
}

static void
send (Fixture *f)
{
  gtk_widget_activate_action (f->page, "feedback.send", NULL);
  test_wait_for_property (f->page, "sending", FALSE);
}

static guint
history_rows (Fixture    *f,
              const char *text,
              const char *status)
{
  GtkWidget *list = test_child (f->page, CAB_TYPE_FEEDBACK_PAGE, "history_list");
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (!ADW_IS_ACTION_ROW (row))
        continue;
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text) == 0 &&
          (status == NULL ||
           g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), status)))
        n++;
    }

  return n;
}

static guint
server_count (Fixture    *f,
              const char *text,
              CabFeedbackMessage **out_copy)
{
  g_autoptr(GPtrArray) messages = test_list_feedback (cab_session_get_api (f->session));
  guint n = 0;

  for (guint i = 0; i < messages->len; i++)
    {
      CabFeedbackMessage *m = g_ptr_array_index (messages, i);

      if (g_strcmp0 (m->text, text) == 0)
        {
          n++;
          if (out_copy != NULL)
            *out_copy = cab_feedback_message_copy (m);
        }
    }

  return n;
}

static void
test_send_without_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CabFeedbackMessage) m = NULL;
  g_autofree char *text = NULL;
  GtkLabel *counter = test_child (f->page, CAB_TYPE_FEEDBACK_PAGE, "counter_label");

  g_assert_cmpstr (gtk_label_get_text (counter), ==, "0 / 4000");
  type_question (f, "Прошу выслать акт сверки за 2016 год");
  g_assert_cmpstr (gtk_label_get_text (counter), ==, "36 / 4000");
  send (f);

  g_assert_null (label_text (f, "question_error"));
  g_assert_cmpuint (server_count (f, "Прошу выслать акт сверки за 2016 год", &m), ==, 1);
  g_assert_null (m->file_name);
  g_assert_cmpint (m->status, ==, CAB_FEEDBACK_RECEIVED);
  /* Sent: the form is empty, the outbox too, and the history shows it. */
  text = question_text (f);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (cab_feedback_page_get_outbox (CAB_FEEDBACK_PAGE (f->page))), ==, 0);
  test_wait_for_property (f->page, "history-loading", FALSE);
  g_assert_cmpuint (history_rows (f, "Прошу выслать акт сверки за 2016 год", "Received"), ==, 1);
}

static void
test_empty_and_long_refused (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *long_text = g_strnfill (CAB_FEEDBACK_MAX_TEXT_CHARS + 1, 'a');
  GtkLabel *counter = test_child (f->page, CAB_TYPE_FEEDBACK_PAGE, "counter_label");
  g_autoptr(GPtrArray) messages = NULL;

  type_question (f, "   ");
  send (f);
  g_assert_cmpstr (label_text (f, "question_error"), ==, "Describe your question");

  type_question (f, long_text);
  g_assert_cmpstr (gtk_label_get_text (counter), ==, "4001 / 4000");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (counter), "error"));
  send (f);
  g_assert_cmpstr (label_text (f, "question_error"), ==,
                   "The question has 4001 characters; the limit is 4000");

  messages = test_list_feedback (cab_session_get_api (f->session));
  g_assert_cmpuint (messages->len, ==, 0);
}

static void
test_send_with_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = make_file (f, "акт.pdf", 52133);
  g_autoptr(CabFeedbackMessage) m = NULL;
  GtkLabel *file_label = test_child (f->page, CAB_TYPE_FEEDBACK_PAGE, "file_label");

  type_question (f, "Scan attached");
  attach (f, file);
  g_assert_null (label_text (f, "file_error"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (file_label), "акт.pdf ("));
  send (f);

  g_assert_cmpuint (server_count (f, "Scan attached", &m), ==, 1);
  g_assert_cmpstr (m->file_name, ==, "акт.pdf");
  g_assert_cmpint (m->file_size, ==, 52133);
  g_assert_null (cab_feedback_page_get_attachment (CAB_FEEDBACK_PAGE (f->page)));
  test_wait_for_property (f->page, "history-loading", FALSE);
  g_assert_cmpuint (history_rows (f, "Scan attached", NULL), ==, 1);

  /* Detach before sending: sent without the file. */
  type_question (f, "Changed my mind");
  attach (f, file);
  gtk_widget_activate_action (f->page, "feedback.detach", NULL);
  g_assert_null (cab_feedback_page_get_attachment (CAB_FEEDBACK_PAGE (f->page)));
  send (f);
  g_clear_pointer (&m, cab_feedback_message_free);
  g_assert_cmpuint (server_count (f, "Changed my mind", &m), ==, 1);
  g_assert_null (m->file_name);
}

static void
test_size_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GFile) exact = make_file (f, "exact.bin", CAB_FEEDBACK_MAX_FILE_SIZE);
  g_autoptr(GFile) over = make_file (f, "over.bin", CAB_FEEDBACK_MAX_FILE_SIZE + 1);
  g_autoptr(CabFeedbackMessage) m = NULL;
  const char *error;

  /* One byte over: refused at once, with the size and the limit, and nothing uploaded. */
  attach (f, over);
  error = label_text (f, "file_error");
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "10485761"));
  g_assert_nonnull (strstr (error, "the limit is 10.0"));
  g_assert_null (cab_feedback_page_get_attachment (CAB_FEEDBACK_PAGE (f->page)));

  /* Exactly 10 MiB is sent. */
  type_question (f, "Ten mebibytes");
  attach (f, exact);
  g_assert_null (label_text (f, "file_error"));
  send (f);
  g_assert_cmpuint (server_count (f, "Ten mebibytes", &m), ==, 1);
  g_assert_cmpint (m->file_size, ==, 10485760);
  g_assert_cmpstr (m->file_name, ==, "exact.bin");
}

static void
test_offline_then_delivered_once (Fixture       *f,
                                  gconstpointer  data)
{
  CabFeedbackOutbox *outbox = cab_feedback_page_get_outbox (CAB_FEEDBACK_PAGE (f->page));
  g_autoptr(GFile) file = make_file (f, "meter.jpg", 4096);
  g_autoptr(CabFeedbackMessage) m = NULL;
  g_autofree char *text = NULL;
  const char *status;
  gint64 deadline;

  cab_feedback_outbox_set_retry_delays (outbox, 100, 400);
  test_server_stop (f->server);

  type_question (f, "Sent while the server was down");
  attach (f, file);
  send (f);

  /* It waits in the outbox, the page says so, and the form is free again. */
  status = label_text (f, "status_label");
  g_assert_nonnull (status);
  g_assert_nonnull (strstr (status, "will be sent when the server is reachable"));
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 1);
  g_assert_cmpuint (history_rows (f, "Sent while the server was down", "Waiting to be sent"), ==, 1);
  text = question_text (f);
  g_assert_cmpstr (text, ==, "");
  test_screenshot (f->window, "feedback-waiting");

  /* Back on the same database: the retry timer delivers it, exactly once. */
  test_server_restart (f->server);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (cab_feedback_outbox_get_n_waiting (outbox) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      test_spin (20);
    }
  test_spin (600);
  g_assert_cmpuint (server_count (f, "Sent while the server was down", &m), ==, 1);
  g_assert_cmpstr (m->file_name, ==, "meter.jpg");
  g_assert_cmpint (m->file_size, ==, 4096);
  test_wait_for_property (f->page, "history-loading", FALSE);
  g_assert_cmpuint (history_rows (f, "Sent while the server was down", "Received"), ==, 1);
}

/* The label "No messages yet" under @widget, if any. */
static GtkWidget *
find_placeholder (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), "No messages yet") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_placeholder (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The history cannot be loaded (the server is gone): the page says so, and not also that
 * there are no messages (issue 15). */
static void
test_history_error_not_empty (Fixture       *f,
                              gconstpointer  data)
{
  const char *error;
  GtkWidget *placeholder;

  close_page (f);
  test_server_stop (f->server);
  f->page = new_page (f);
  error = label_text (f, "history_error");
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error, "The history could not be loaded"));
  placeholder = find_placeholder (test_child (f->page, CAB_TYPE_FEEDBACK_PAGE, "history_list"));
  g_assert_nonnull (placeholder);
  g_assert_false (gtk_widget_get_visible (placeholder));
}

static void
test_offline_session_queues (Fixture       *f,
                             gconstpointer  data)
{
  CabFeedbackOutbox *outbox = cab_feedback_page_get_outbox (CAB_FEEDBACK_PAGE (f->page));
  const char *status;
  gint64 deadline;

  /* The shell says the server is unreachable: nothing is tried, the message waits. */
  cab_session_set_offline (f->session, TRUE);
  type_question (f, "Written offline");
  send (f);
  status = label_text (f, "status_label");
  g_assert_nonnull (status);
  g_assert_true (g_str_has_prefix (status, "You are offline."));
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 1);
  g_assert_cmpuint (server_count (f, "Written offline", NULL), ==, 0);

  /* Back online: the outbox sends it at once, once. */
  cab_session_set_offline (f->session, FALSE);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (cab_feedback_outbox_get_n_waiting (outbox) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      test_spin (20);
    }
  g_assert_cmpuint (server_count (f, "Written offline", NULL), ==, 1);
  test_wait_for_property (f->page, "history-loading", FALSE);
  g_assert_cmpuint (history_rows (f, "Written offline", "Received"), ==, 1);
}

static void
test_login_change_keeps_outbox (Fixture       *f,
                                gconstpointer  data)
{
  CabFeedbackOutbox *outbox;
  g_autoptr(CabSession) renamed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_outbox = NULL;
  g_autofree char *new_outbox = NULL;
  g_autofree char *text = NULL;
  const char *server_id = cab_session_get_server_id (f->session);
  gint64 deadline;

  {
    g_autofree char *old_dir = cab_feedback_user_dir (server_id, "1234567890");
    g_autofree char *new_dir = cab_feedback_user_dir (server_id, "romashka.new");
    old_outbox = g_build_filename (old_dir, "outbox", NULL);
    new_outbox = g_build_filename (new_dir, "outbox", NULL);
  }

  /* A message waits and a draft is being written when the login changes (Profile). */
  cab_session_set_offline (f->session, TRUE);
  type_question (f, "Queued before the login change");
  send (f);
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (cab_feedback_page_get_outbox (CAB_FEEDBACK_PAGE (f->page))), ==, 1);
  type_question (f, "A draft before the login change");

  test_change_login (f->session, "romashka.new");

  /* Both now live in the new login's folder, where the next start looks. */
  outbox = cab_feedback_page_get_outbox (CAB_FEEDBACK_PAGE (f->page));
  g_assert_cmpstr (cab_feedback_outbox_get_directory (outbox), ==, new_outbox);
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 1);
  g_assert_false (g_file_test (old_outbox, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (history_rows (f, "Queued before the login change", "Waiting to be sent"), ==, 1);

  /* Back online: sent once. */
  cab_session_set_offline (f->session, FALSE);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (cab_feedback_outbox_get_n_waiting (outbox) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      test_spin (20);
    }
  g_assert_cmpuint (server_count (f, "Queued before the login change", NULL), ==, 1);

  /* The next start signs in with the new login and finds the draft. */
  close_page (f);
  renamed = test_sign_in (f->server->url, "romashka.new", "demo-password", &error);
  g_assert_no_error (error);
  g_set_object (&f->session, renamed);
  f->page = new_page (f);
  text = question_text (f);
  g_assert_cmpstr (text, ==, "A draft before the login change");
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gint64 *id = user_data;
  g_autoptr(GError) error = NULL;

  *id = cab_api_client_send_feedback_finish (CAB_API_CLIENT (object), result, &error);
  g_assert_no_error (error);
}

static void
test_same_client_id_once (Fixture       *f,
                          gconstpointer  data)
{
  CabApiClient *api = cab_session_get_api (f->session);
  gint64 first = 0, second = 0;

  /* What the outbox relies on: a resend with the same client_id creates nothing new. */
  cab_api_client_send_feedback_async (api, "Resent", NULL, "c0ffee-1", NULL, NULL, NULL,
                                      send_cb, &first);
  while (first == 0)
    g_main_context_iteration (NULL, TRUE);
  cab_api_client_send_feedback_async (api, "Resent", NULL, "c0ffee-1", NULL, NULL, NULL,
                                      send_cb, &second);
  while (second == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (first, ==, second);
  g_assert_cmpuint (server_count (f, "Resent", NULL), ==, 1);
}

static void
test_cancel_keeps_form (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) file = make_file (f, "big.bin", CAB_FEEDBACK_MAX_FILE_SIZE);
  CabFeedbackOutbox *outbox = cab_feedback_page_get_outbox (CAB_FEEDBACK_PAGE (f->page));
  GtkWidget *cancel = test_child (f->page, CAB_TYPE_FEEDBACK_PAGE, "cancel_button");
  g_autofree char *text = NULL;
  const char *status;

  type_question (f, "To be cancelled");
  attach (f, file);
  gtk_widget_activate_action (f->page, "feedback.send", NULL);
  g_assert_true (cab_feedback_page_get_sending (CAB_FEEDBACK_PAGE (f->page)));
  g_assert_true (gtk_widget_get_visible (cancel));
  gtk_widget_activate_action (f->page, "feedback.cancel", NULL);
  test_wait_for_property (f->page, "sending", FALSE);

  status = label_text (f, "status_label");
  g_assert_cmpstr (status, ==, "Sending cancelled; the message was not sent");
  text = question_text (f);
  g_assert_cmpstr (text, ==, "To be cancelled");
  g_assert_nonnull (cab_feedback_page_get_attachment (CAB_FEEDBACK_PAGE (f->page)));
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 0);
  g_assert_false (gtk_widget_get_visible (cancel));
}

static void
test_draft_survives_restart (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) file = make_file (f, "draft.pdf", 100);
  g_autofree char *text = NULL;
  GFile *restored;
  gint64 deadline;

  type_question (f, "Half-written question");
  attach (f, file);
  /* The app quits before the debounce: the draft is written on the way out. */
  close_page (f);

  f->page = new_page (f);
  text = question_text (f);
  g_assert_cmpstr (text, ==, "Half-written question");
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((restored = cab_feedback_page_get_attachment (CAB_FEEDBACK_PAGE (f->page))) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      test_spin (5);
    }
  g_assert_true (g_file_equal (restored, file));

  /* Once sent, the draft is gone: a new page starts empty. */
  send (f);
  g_assert_cmpuint (server_count (f, "Half-written question", NULL), ==, 1);
  close_page (f);
  f->page = new_page (f);
  g_clear_pointer (&text, g_free);
  text = question_text (f);
  g_assert_cmpstr (text, ==, "");
  g_assert_null (cab_feedback_page_get_attachment (CAB_FEEDBACK_PAGE (f->page)));
}

static void
test_accessible_names (void)
{
  g_autoptr(GBytes) ui = g_resources_lookup_data ("/ru/tek_energo/Cabinet/cab-feedback-page.ui",
                                                  0, NULL);
  const char *text;

  g_assert_nonnull (ui);
  text = g_bytes_get_data (ui, NULL);
  g_assert_nonnull (strstr (text, "<property name=\"label\" translatable=\"yes\">Question</property>"));
  g_assert_nonnull (strstr (text, "<property name=\"label\" translatable=\"yes\">Attach File</property>"));
  g_assert_nonnull (strstr (text, "<property name=\"label\" translatable=\"yes\">Detach File</property>"));
  g_assert_nonnull (strstr (text, "<property name=\"label\" translatable=\"yes\">Send</property>"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;
  g_autofree char *data_home = g_dir_make_tmp ("feedback-data-XXXXXX", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/feedback-page/accessible-names", test_accessible_names);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/feedback-page/send-without-file", test_send_without_file);
  ADD ("/feedback-page/empty-and-long-refused", test_empty_and_long_refused);
  ADD ("/feedback-page/send-with-file", test_send_with_file);
  ADD ("/feedback-page/size-limit", test_size_limit);
  ADD ("/feedback-page/offline-then-delivered-once", test_offline_then_delivered_once);
  g_test_add ("/feedback-page/offline-session-queues", Fixture, "played offline", fixture_setup,
              test_offline_session_queues, fixture_teardown);
  ADD ("/feedback-page/history-error-not-empty", test_history_error_not_empty);
  g_test_add ("/feedback-page/login-change-keeps-outbox", Fixture, "played offline", fixture_setup,
              test_login_change_keeps_outbox, fixture_teardown);
  ADD ("/feedback-page/same-client-id-once", test_same_client_id_once);
  ADD ("/feedback-page/cancel-keeps-form", test_cancel_keeps_form);
  ADD ("/feedback-page/draft-survives-restart", test_draft_survives_restart);
#undef ADD

  ret = g_test_run ();
  test_rm_rf (data_home);
  return ret;
}
