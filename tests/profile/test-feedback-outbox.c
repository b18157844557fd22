/* test-feedback-outbox.c: the feedback outbox and draft, without a display or a server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "cab-core.h"
#include "cab-feedback-draft.h"
#include "cab-feedback-outbox.h"
#include "fake-api-client.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("outbox-XXXXXX", &error);

  g_assert_no_error (error);
  f->dir = g_build_filename (tmp, "user", "outbox", NULL);
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *user = g_path_get_dirname (f->dir);
  g_autofree char *top = g_path_get_dirname (user);

  rm_rf (top);
  g_free (f->dir);
}

static void
wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!*flag)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
timeout_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_flag_cb, &done);
  wait_for (&done);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

typedef struct
{
  gboolean  done;
  GObject  *item;
  GError   *error;
  gint64    id;
} Result;

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Result *r = user_data;

  r->item = (GObject *) cab_feedback_outbox_add_finish (CAB_FEEDBACK_OUTBOX (object), result,
                                                        &r->error);
  r->done = TRUE;
}

static CabFeedbackOutboxItem *
add_message (CabFeedbackOutbox  *outbox,
             const char         *client_id,
             const char         *text,
             GFile              *file,
             GError            **error)
{
  Result r = { 0 };

  cab_feedback_outbox_add_async (outbox, client_id, text, file, NULL, add_cb, &r);
  wait_for (&r.done);
  if (r.error != NULL)
    g_propagate_error (error, r.error);

  return (CabFeedbackOutboxItem *) r.item;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->id = cab_feedback_outbox_send_finish (CAB_FEEDBACK_OUTBOX (object), result, &r->error);
  r->done = TRUE;
}

static GFile *
write_file (const char *folder,
            const char *name,
            const char *contents,
            gsize       length)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static char *
scratch_dir (Fixture *f)
{
  g_autofree char *user = g_path_get_dirname (f->dir);
  g_autofree char *top = g_path_get_dirname (user);
  char *scratch = g_build_filename (top, "scratch", NULL);

  g_mkdir_with_parents (scratch, 0700);
  return scratch;
}

static void
test_sanitize (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "1234567890", "1234567890" },
    { "127.0.0.1:8080", "127.0.0.1:8080" },
    { "romashka.buh@x-y_z+1", "romashka.buh@x-y_z+1" },
    { "..", "%2E." },
    { ".", "%2E" },
    { "", "_" },
    { "../etc", "%2E.%2Fetc" },
    { "a/b\\c", "a%2Fb%5Cc" },
    { "tab\there", "tab%09here" },
    { "лк", "%D0%BB%D0%BA" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = cab_feedback_escape_component (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

static void
test_user_dir (void)
{
  g_autofree char *dir = cab_feedback_user_dir ("127.0.0.1:8080", "../1234567890");
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "tek-cabinet",
                                                "127.0.0.1:8080", "%2E.%2F1234567890", NULL);

  g_assert_cmpstr (dir, ==, expected);
}

static void
test_too_large_message (void)
{
  g_autofree char *over = cab_feedback_too_large_message (CAB_FEEDBACK_MAX_FILE_SIZE + 1);
  g_autofree char *big = cab_feedback_too_large_message ((goffset) 12900000);

  g_assert_cmpstr (big, ==, "The file is 12.3\u00a0MiB; the limit is 10.0\u00a0MiB");
  g_assert_nonnull (strstr (over, "10485761"));
  g_assert_nonnull (strstr (over, "the limit is 10.0\u00a0MiB"));
}

static void
test_enqueue_reload (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CabFeedbackOutbox) outbox = cab_feedback_outbox_new (f->dir, NULL);
  g_autoptr(CabFeedbackOutbox) again = NULL;
  g_autoptr(CabFeedbackOutboxItem) first = NULL;
  g_autoptr(CabFeedbackOutboxItem) second = NULL;
  g_autoptr(CabFeedbackOutboxItem) loaded = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = scratch_dir (f);
  g_autofree char *json = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *file_name = NULL;

  g_assert_true (cab_feedback_outbox_load (outbox, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (f->dir), ==, 0700);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (outbox)), ==, 0);

  first = add_message (outbox, NULL, "Первый вопрос", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  /* g_uuid_string_random: 36 characters */
  g_assert_cmpuint (strlen (cab_feedback_outbox_item_get_client_id (first)), ==, 36);
  g_assert_null (cab_feedback_outbox_item_get_attachment (first));

  spin (5);   /* distinct creation times */
  source = write_file (scratch, "акт сверки.pdf", "%PDF-1.4 original", 17);
  second = add_message (outbox, "client-2", "Second, with a file", source, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cab_feedback_outbox_item_get_client_id (second), ==, "client-2");
  g_assert_cmpint (cab_feedback_outbox_item_get_attachment_size (second), ==, 17);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (outbox)), ==, 2);

  /* The same client_id twice is refused: one message per id. */
  g_assert_null (add_message (outbox, "client-2", "dup", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  json = g_build_filename (f->dir, "client-2.json", NULL);
  g_assert_cmpuint (file_mode (json), ==, 0600);
  copy_path = g_build_filename (f->dir, "client-2", "акт сверки.pdf", NULL);
  g_assert_cmpuint (file_mode (copy_path), ==, 0600);
  {
    g_autofree char *folder = g_build_filename (f->dir, "client-2", NULL);
    g_assert_cmpuint (file_mode (folder), ==, 0700);
  }

  /* The copy is the outbox's own: changing the original afterwards changes nothing. */
  g_file_replace_contents (source, "changed", 7, NULL, FALSE, 0, NULL, NULL, &error);
  g_assert_no_error (error);

  again = cab_feedback_outbox_new (f->dir, NULL);
  g_assert_true (cab_feedback_outbox_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cab_feedback_outbox_get_n_skipped (again), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);

  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpstr (cab_feedback_outbox_item_get_client_id (loaded), ==,
                   cab_feedback_outbox_item_get_client_id (first));
  g_assert_cmpstr (cab_feedback_outbox_item_get_text (loaded), ==, "Первый вопрос");
  g_assert_null (cab_feedback_outbox_item_get_attachment (loaded));
  g_clear_object (&loaded);

  loaded = g_list_model_get_item (G_LIST_MODEL (again), 1);
  g_assert_cmpstr (cab_feedback_outbox_item_get_client_id (loaded), ==, "client-2");
  g_assert_cmpstr (cab_feedback_outbox_item_get_text (loaded), ==, "Second, with a file");
  file_name = cab_feedback_outbox_item_dup_file_name (loaded);
  g_assert_cmpstr (file_name, ==, "акт сверки.pdf");
  g_assert_true (g_file_load_contents (cab_feedback_outbox_item_get_attachment (loaded), NULL,
                                       &copied, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (copied, ==, "%PDF-1.4 original");
  g_assert_true (g_date_time_equal (cab_feedback_outbox_item_get_created_at (loaded),
                                    cab_feedback_outbox_item_get_created_at (second)) ||
                 g_date_time_difference (cab_feedback_outbox_item_get_created_at (loaded),
                                         cab_feedback_outbox_item_get_created_at (second)) == 0);

  /* Removing deletes the message and its copy. */
  g_assert_true (cab_feedback_outbox_remove (again, loaded, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
}

typedef struct
{
  guint  n;
  gint64 id;
  char  *client_id;
} Delivered;

static void
delivered_cb (CabFeedbackOutbox     *outbox,
              CabFeedbackOutboxItem *item,
              gint64                 id,
              Delivered             *d)
{
  d->n++;
  d->id = id;
  g_free (d->client_id);
  d->client_id = g_strdup (cab_feedback_outbox_item_get_client_id (item));
}

static void
test_retry_same_client_id (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CabApiClient) api = fake_api_client_new ();
  g_autoptr(CabFeedbackOutbox) outbox = cab_feedback_outbox_new (f->dir, api);
  g_autoptr(CabFeedbackOutboxItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;
  GPtrArray *sent;
  Delivered d = { 0 };
  Result r = { 0 };

  g_assert_true (cab_feedback_outbox_load (outbox, &error));
  cab_feedback_outbox_set_retry_delays (outbox, 20, 60);
  g_signal_connect (outbox, "delivered", G_CALLBACK (delivered_cb), &d);

  item = add_message (outbox, NULL, "Где счет за май?", NULL, &error);
  g_assert_no_error (error);
  client_id = g_strdup (cab_feedback_outbox_item_get_client_id (item));

  fake_api_client_push_answer (api, 0, CAB_ERROR_NETWORK);
  fake_api_client_push_answer (api, 0, CAB_ERROR_SERVER);
  fake_api_client_push_answer (api, 0, CAB_ERROR_TIMEOUT);
  fake_api_client_push_answer (api, 41, 0);

  /* The first attempt fails: the message stays and a retry is due in the first delay. */
  cab_feedback_outbox_send_async (outbox, item, NULL, NULL, NULL, send_cb, &r);
  wait_for (&r.done);
  g_assert_error (r.error, CAB_ERROR, CAB_ERROR_NETWORK);
  g_clear_error (&r.error);
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 1);
  g_assert_cmpuint (cab_feedback_outbox_get_retry_delay (outbox), ==, 20);

  /* The timer retries by itself, doubling the delay up to its ceiling, until delivered. */
  while (d.n == 0)
    {
      guint delay = cab_feedback_outbox_get_retry_delay (outbox);
      g_assert_cmpuint (delay, <=, 60);
      g_main_context_iteration (NULL, TRUE);
    }

  sent = fake_api_client_get_sent_ids (api);
  g_assert_cmpuint (sent->len, ==, 4);
  for (guint i = 0; i < sent->len; i++)
    g_assert_cmpstr (g_ptr_array_index (sent, i), ==, client_id);
  g_assert_cmpstr (fake_api_client_get_last_text (api), ==, "Где счет за май?");

  g_assert_cmpuint (d.n, ==, 1);
  g_assert_cmpint (d.id, ==, 41);
  g_assert_cmpstr (d.client_id, ==, client_id);
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 0);
  g_assert_cmpuint (cab_feedback_outbox_get_retry_delay (outbox), ==, 0);

  /* Gone from disk only now, after the server's answer. */
  {
    g_autofree char *path = g_strconcat (f->dir, G_DIR_SEPARATOR_S, client_id, ".json", NULL);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  /* Nothing more is sent: exactly once. */
  spin (150);
  g_assert_cmpuint (sent->len, ==, 4);
  g_free (d.client_id);
}

static void
test_attachment_sent_from_copy (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(CabApiClient) api = fake_api_client_new ();
  g_autoptr(CabFeedbackOutbox) outbox = cab_feedback_outbox_new (f->dir, api);
  g_autoptr(CabFeedbackOutbox) again = NULL;
  g_autoptr(CabFeedbackOutboxItem) item = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = scratch_dir (f);
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  Delivered d = { 0 };
  GBytes *bytes;

  g_assert_true (cab_feedback_outbox_load (outbox, &error));
  source = write_file (scratch, "scan.png", "\x89PNG\r\n\x1a\n\0\1\2", 11);
  item = add_message (outbox, "with-file", "See the scan", source, &error);
  g_assert_no_error (error);

  /* The user deletes the original: the outbox still has its copy. */
  g_file_delete (source, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&item);

  again = cab_feedback_outbox_new (f->dir, api);
  g_assert_true (cab_feedback_outbox_load (again, &error));
  g_signal_connect (again, "delivered", G_CALLBACK (delivered_cb), &d);
  fake_api_client_push_answer (api, 9, 0);
  cab_feedback_outbox_flush (again);
  while (d.n == 0)
    g_main_context_iteration (NULL, TRUE);

  bytes = fake_api_client_get_last_file (api);
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   "\x89PNG\r\n\x1a\n\0\1\2", 11);
  name = fake_api_client_dup_last_file_name (api);
  g_assert_cmpstr (name, ==, "scan.png");

  /* Delivered: the copy and its folder are gone. */
  folder = g_build_filename (f->dir, "with-file", NULL);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_free (d.client_id);
}

static void
test_size_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CabFeedbackOutbox) outbox = cab_feedback_outbox_new (f->dir, NULL);
  g_autoptr(CabFeedbackOutboxItem) item = NULL;
  g_autoptr(GFile) exact = NULL;
  g_autoptr(GFile) over = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = scratch_dir (f);
  g_autofree char *buffer = g_malloc0 (CAB_FEEDBACK_MAX_FILE_SIZE + 1);
  g_autofree char *folder = NULL;

  g_assert_true (cab_feedback_outbox_load (outbox, &error));
  exact = write_file (scratch, "exact.bin", buffer, CAB_FEEDBACK_MAX_FILE_SIZE);
  over = write_file (scratch, "over.bin", buffer, CAB_FEEDBACK_MAX_FILE_SIZE + 1);

  item = add_message (outbox, "exact", "10 MiB exactly", exact, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cab_feedback_outbox_item_get_attachment_size (item), ==, 10485760);

  g_assert_null (add_message (outbox, "over", "one byte more", over, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "10485761"));
  g_clear_error (&error);
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 1);
  folder = g_build_filename (f->dir, "over", NULL);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* Empty and overlong texts are refused too. */
  g_assert_null (add_message (outbox, NULL, "", NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  {
    g_autofree char *text = g_strnfill (CAB_FEEDBACK_MAX_TEXT_CHARS + 1, 'x');
    g_assert_null (add_message (outbox, NULL, text, NULL, &error));
    g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
    g_clear_error (&error);
  }
  /* A client_id that could escape the folder is refused. */
  g_assert_null (add_message (outbox, "../evil", "x", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

typedef struct
{
  GPtrArray *paths;
  GPtrArray *messages;
} Problems;

static void
problem_cb (CabFeedbackOutbox *outbox,
            const char        *path,
            const char        *message,
            Problems          *p)
{
  g_ptr_array_add (p->paths, g_path_get_basename (path));
  g_ptr_array_add (p->messages, g_strdup (message));
}

static gboolean
contains (GPtrArray  *array,
          const char *text)
{
  return g_ptr_array_find_with_equal_func (array, text, g_str_equal, NULL);
}

static void
test_corrupt_skipped (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CabFeedbackOutbox) outbox = cab_feedback_outbox_new (f->dir, NULL);
  g_autoptr(CabFeedbackOutbox) again = NULL;
  g_autoptr(CabFeedbackOutboxItem) good = NULL;
  g_autoptr(CabFeedbackOutboxItem) loaded = NULL;
  g_autoptr(GFile) tmp = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *orphan = NULL;
  Problems p = { g_ptr_array_new_with_free_func (g_free),
                 g_ptr_array_new_with_free_func (g_free) };
  static const char wrong_id[] =
    "{\"version\":1,\"client_id\":\"other\",\"text\":\"x\",\"created_at\":"
    "\"2026-11-26T10:15:00+03:00\",\"file_name\":null,\"file_size\":-1,\"failure\":null}";
  static const char no_copy[] =
    "{\"version\":1,\"client_id\":\"no-copy\",\"text\":\"x\",\"created_at\":"
    "\"2026-11-26T10:15:00+03:00\",\"file_name\":\"lost.pdf\",\"file_size\":5,\"failure\":null}";
  static const char bad_time[] =
    "{\"version\":1,\"client_id\":\"bad-time\",\"text\":\"x\",\"created_at\":"
    "\"yesterday\",\"file_name\":null,\"file_size\":-1,\"failure\":null}";
  static const char escape[] =
    "{\"version\":1,\"client_id\":\"escape\",\"text\":\"x\",\"created_at\":"
    "\"2026-11-26T10:15:00+03:00\",\"file_name\":\"../../secret\",\"file_size\":5,\"failure\":null}";

  g_assert_true (cab_feedback_outbox_load (outbox, &error));
  good = add_message (outbox, "good", "Still here", NULL, &error);
  g_assert_no_error (error);

  g_clear_object (&tmp);
  tmp = write_file (f->dir, "garbage.json", "{\"version\": 1, \"client_id\": ", 28);
  g_clear_object (&tmp);
  tmp = write_file (f->dir, "binary.json", "\xff\xfe\x00\x01", 4);
  g_clear_object (&tmp);
  tmp = write_file (f->dir, "missing.json", "{\"version\": 1}", 14);
  g_clear_object (&tmp);
  tmp = write_file (f->dir, "wrong-id.json", wrong_id, strlen (wrong_id));
  g_clear_object (&tmp);
  tmp = write_file (f->dir, "no-copy.json", no_copy, strlen (no_copy));
  g_clear_object (&tmp);
  tmp = write_file (f->dir, "bad-time.json", bad_time, strlen (bad_time));
  g_clear_object (&tmp);
  tmp = write_file (f->dir, "escape.json", escape, strlen (escape));
  g_clear_object (&tmp);
  tmp = write_file (f->dir, "array.json", "[1, 2]", 6);

  /* What an add interrupted before writing its message leaves: removed on load. */
  orphan = g_build_filename (f->dir, "orphan", NULL);
  g_mkdir (orphan, 0700);
  g_clear_object (&tmp);
  tmp = write_file (orphan, "half.pdf", "half", 4);

  again = cab_feedback_outbox_new (f->dir, NULL);
  g_signal_connect (again, "problem", G_CALLBACK (problem_cb), &p);
  g_assert_true (cab_feedback_outbox_load (again, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (cab_feedback_outbox_get_n_skipped (again), ==, 8);
  g_assert_cmpuint (p.paths->len, ==, 8);
  g_assert_true (contains (p.paths, "garbage.json"));
  g_assert_true (contains (p.paths, "binary.json"));
  g_assert_true (contains (p.paths, "missing.json"));
  g_assert_true (contains (p.paths, "wrong-id.json"));
  g_assert_true (contains (p.paths, "no-copy.json"));
  g_assert_true (contains (p.paths, "bad-time.json"));
  g_assert_true (contains (p.paths, "escape.json"));
  g_assert_true (contains (p.paths, "array.json"));
  for (guint i = 0; i < p.messages->len; i++)
    g_assert_cmpstr (g_ptr_array_index (p.messages, i), !=, "");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpstr (cab_feedback_outbox_item_get_client_id (loaded), ==, "good");
  g_assert_cmpstr (cab_feedback_outbox_item_get_text (loaded), ==, "Still here");

  /* Set aside, not deleted, and not read again next time. */
  aside = g_build_filename (f->dir, "garbage.json.corrupt", NULL);
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));

  g_clear_object (&again);
  again = cab_feedback_outbox_new (f->dir, NULL);
  g_assert_true (cab_feedback_outbox_load (again, &error));
  g_assert_cmpuint (cab_feedback_outbox_get_n_skipped (again), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);

  g_ptr_array_unref (p.paths);
  g_ptr_array_unref (p.messages);
}

static void
test_refused_not_retried (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CabApiClient) api = fake_api_client_new ();
  g_autoptr(CabFeedbackOutbox) outbox = cab_feedback_outbox_new (f->dir, api);
  g_autoptr(CabFeedbackOutbox) again = NULL;
  g_autoptr(CabFeedbackOutboxItem) bad = NULL;
  g_autoptr(CabFeedbackOutboxItem) fine = NULL;
  g_autoptr(CabFeedbackOutboxItem) loaded = NULL;
  g_autoptr(GError) error = NULL;
  Delivered d = { 0 };

  g_assert_true (cab_feedback_outbox_load (outbox, &error));
  cab_feedback_outbox_set_retry_delays (outbox, 10, 10);
  g_signal_connect (outbox, "delivered", G_CALLBACK (delivered_cb), &d);
  bad = add_message (outbox, "bad", "refused", NULL, &error);
  spin (5);
  fine = add_message (outbox, "fine", "accepted", NULL, &error);
  g_assert_no_error (error);

  /* The server refuses the first for good: the flush marks it and goes on. */
  fake_api_client_push_answer (api, 0, CAB_ERROR_INVALID_FIELD);
  fake_api_client_push_answer (api, 5, 0);
  cab_feedback_outbox_flush (outbox);
  while (d.n == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (d.client_id, ==, "fine");
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 1);
  g_assert_nonnull (cab_feedback_outbox_item_get_failure (bad));
  g_assert_cmpuint (cab_feedback_outbox_get_retry_delay (outbox), ==, 0);

  /* No retry of a refused message, and the refusal survives a restart. */
  spin (50);
  g_assert_cmpuint (fake_api_client_get_sent_ids (api)->len, ==, 2);
  again = cab_feedback_outbox_new (f->dir, api);
  g_assert_true (cab_feedback_outbox_load (again, &error));
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpstr (cab_feedback_outbox_item_get_client_id (loaded), ==, "bad");
  g_assert_cmpstr (cab_feedback_outbox_item_get_failure (loaded), ==,
                   cab_feedback_outbox_item_get_failure (bad));
  cab_feedback_outbox_flush (again);
  spin (30);
  g_assert_cmpuint (fake_api_client_get_sent_ids (api)->len, ==, 2);
  g_free (d.client_id);
}

static void
test_online_flushes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CabApiClient) api = fake_api_client_new ();
  g_autoptr(CabFeedbackOutbox) outbox = cab_feedback_outbox_new (f->dir, api);
  g_autoptr(CabFeedbackOutboxItem) item = NULL;
  g_autoptr(GError) error = NULL;
  Delivered d = { 0 };

  g_assert_true (cab_feedback_outbox_load (outbox, &error));
  /* Long delays: only going online can make the delivery happen in this test. */
  cab_feedback_outbox_set_retry_delays (outbox, 60 * 1000, 60 * 1000);
  g_signal_connect (outbox, "delivered", G_CALLBACK (delivered_cb), &d);
  cab_feedback_outbox_set_online (outbox, FALSE);
  item = add_message (outbox, NULL, "queued offline", NULL, &error);
  g_assert_no_error (error);

  fake_api_client_push_answer (api, 0, CAB_ERROR_NETWORK);
  cab_feedback_outbox_flush (outbox);
  spin (20);
  g_assert_cmpuint (fake_api_client_get_sent_ids (api)->len, ==, 1);
  g_assert_cmpuint (cab_feedback_outbox_get_retry_delay (outbox), ==, 60 * 1000);
  g_assert_cmpuint (d.n, ==, 0);

  fake_api_client_push_answer (api, 3, 0);
  cab_feedback_outbox_set_online (outbox, TRUE);
  while (d.n == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (d.id, ==, 3);
  g_assert_cmpuint (fake_api_client_get_sent_ids (api)->len, ==, 2);
  g_assert_cmpuint (cab_feedback_outbox_get_retry_delay (outbox), ==, 0);
  g_free (d.client_id);
}

static void
test_draft (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "feedback-draft.json", NULL);
  g_autoptr(CabFeedbackDraft) draft = cab_feedback_draft_new (path);
  g_autoptr(CabFeedbackDraft) again = NULL;
  g_autoptr(GError) error = NULL;

  /* No file yet: an empty draft, no error. */
  g_assert_true (cab_feedback_draft_load (draft, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cab_feedback_draft_get_text (draft), ==, "");
  g_assert_null (cab_feedback_draft_get_attachment (draft));

  cab_feedback_draft_set_delay (draft, 30);
  cab_feedback_draft_set_text (draft, "Прошу проверить");
  cab_feedback_draft_set_text (draft, "Прошу проверить акт");
  cab_feedback_draft_set_attachment (draft, "/home/user/акт.pdf");
  /* Debounced: nothing written yet. */
  g_assert_true (cab_feedback_draft_get_pending (draft));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  while (cab_feedback_draft_get_pending (draft))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (path), ==, 0600);

  again = cab_feedback_draft_new (path);
  g_assert_true (cab_feedback_draft_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cab_feedback_draft_get_text (again), ==, "Прошу проверить акт");
  g_assert_cmpstr (cab_feedback_draft_get_attachment (again), ==, "/home/user/акт.pdf");
  g_clear_object (&again);

  /* A pending change is written when the draft goes away (the app quits). */
  cab_feedback_draft_set_delay (draft, 60 * 1000);
  cab_feedback_draft_set_attachment (draft, NULL);
  g_clear_object (&draft);
  again = cab_feedback_draft_new (path);
  g_assert_true (cab_feedback_draft_load (again, &error));
  g_assert_cmpstr (cab_feedback_draft_get_text (again), ==, "Прошу проверить акт");
  g_assert_null (cab_feedback_draft_get_attachment (again));

  /* Cleared once the message is sent or queued. */
  cab_feedback_draft_clear (again);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (cab_feedback_draft_get_text (again), ==, "");
  g_clear_object (&again);

  /* A damaged draft is an error, and the draft stays empty. */
  g_file_set_contents (path, "{\"version\": 1, \"text\": 5, \"attachment\": null}", -1, &error);
  g_assert_no_error (error);
  again = cab_feedback_draft_new (path);
  g_assert_false (cab_feedback_draft_load (again, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_WRONG_TYPE);
  g_assert_cmpstr (cab_feedback_draft_get_text (again), ==, "");
  g_clear_error (&error);
  g_file_set_contents (path, "not json", -1, &error);
  g_assert_no_error (error);
  g_assert_false (cab_feedback_draft_load (again, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_MALFORMED_JSON);
  g_clear_error (&error);

  /* Typing everything away removes the file. */
  cab_feedback_draft_set_text (again, "x");
  cab_feedback_draft_set_text (again, "");
  g_assert_true (cab_feedback_draft_save (again, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feedback/sanitize", test_sanitize);
  g_test_add_func ("/feedback/user-dir", test_user_dir);
  g_test_add_func ("/feedback/too-large-message", test_too_large_message);
  g_test_add ("/feedback/outbox/enqueue-reload", Fixture, NULL,
              fixture_setup, test_enqueue_reload, fixture_teardown);
  g_test_add ("/feedback/outbox/retry-same-client-id", Fixture, NULL,
              fixture_setup, test_retry_same_client_id, fixture_teardown);
  g_test_add ("/feedback/outbox/attachment-sent-from-copy", Fixture, NULL,
              fixture_setup, test_attachment_sent_from_copy, fixture_teardown);
  g_test_add ("/feedback/outbox/size-limit", Fixture, NULL,
              fixture_setup, test_size_limit, fixture_teardown);
  g_test_add ("/feedback/outbox/corrupt-skipped", Fixture, NULL,
              fixture_setup, test_corrupt_skipped, fixture_teardown);
  g_test_add ("/feedback/outbox/refused-not-retried", Fixture, NULL,
              fixture_setup, test_refused_not_retried, fixture_teardown);
  g_test_add ("/feedback/outbox/online-flushes", Fixture, NULL,
              fixture_setup, test_online_flushes, fixture_teardown);
  g_test_add ("/feedback/draft", Fixture, NULL,
              fixture_setup, test_draft, fixture_teardown);

  return g_test_run ();
}
