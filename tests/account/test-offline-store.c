/* test-offline-store.c: the offline store keeps what it is given, privately and atomically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "offline/cab-offline-store.h"

static char *root;

/* g_test_add() needs a sized fixture; the state lives in "root". */
typedef struct
{
  int unused;
} Fixture;

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

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            rm_rf (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

static CabOfflineStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  CabOfflineStore *store = cab_offline_store_new (root, "demo", "1234567890", &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
setup (Fixture      *fixture,
       gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  root = g_dir_make_tmp ("cab-offline-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture      *fixture,
          gconstpointer data)
{
  rm_rf (root);
  g_clear_pointer (&root, g_free);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static char *
to_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static const char pdf_a[] = "%PDF-1.4\n% document A\n%%EOF\n";
static const char pdf_b[] = "%PDF-1.4\n% document B, longer\n%%EOF\n";

static CabDocumentRef *
ref_for (const char *id,
         const char *title,
         const char *data)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, data, -1);

  return cab_document_ref_new (id, CAB_DOCUMENT_INVOICE, title, (gint64)strlen (data), sha);
}

static CabSavedDocument *
save_doc (CabOfflineStore *store,
          const char      *id,
          const char      *title,
          const char      *data,
          GError         **error)
{
  g_autoptr(CabDocumentRef) ref = ref_for (id, title, data);
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, strlen (data));
  g_autoptr(GAsyncResult) result = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 31, 5, 2016);
  cab_offline_store_save_document_async (store, ref, "1234567890", "СФ-0531", &date, bytes,
                                         NULL, store_result, &result);
  return cab_offline_store_save_document_finish (store, wait_result (&result), error);
}

static guint
file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_json_round_trip (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr(CabOfflineStore) store = open_store ();
  g_autoptr(CabOfflineStore) again = NULL;
  g_autoptr(JsonNode) me = parse ("{\"login\": \"1234567890\", \"email\": \"demo@example.org\"}");
  g_autoptr(JsonNode) statement = parse ("{\"account\": \"1234567890\", \"opening_balance\": \"608822.79\"}");
  g_autoptr(JsonNode) other = parse ("{\"account\": \"1234567890\", \"opening_balance\": \"1.00\"}");
  g_autoptr(JsonNode) got = NULL;
  g_autoptr(GDateTime) saved_at = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *got_text = NULL;
  GDate from, to, to2;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_clear (&to2, 1);
  g_date_set_dmy (&from, 1, 5, 2016);
  g_date_set_dmy (&to, 1, 8, 2016);
  g_date_set_dmy (&to2, 1, 9, 2016);

  g_assert_null (cab_offline_store_dup_saved_at (store));

  /* Nothing saved yet: not found, not a crash. */
  got = cab_offline_store_get_json (store, CAB_OFFLINE_ME, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);

  g_assert_true (cab_offline_store_put_json (store, CAB_OFFLINE_ME, NULL, NULL, NULL, me, &error));
  g_assert_no_error (error);
  g_assert_true (cab_offline_store_put_json (store, CAB_OFFLINE_STATEMENT, "1234567890",
                                             &from, &to, statement, &error));
  g_assert_no_error (error);
  g_assert_true (cab_offline_store_put_json (store, CAB_OFFLINE_STATEMENT, "1234567890",
                                             &from, &to2, other, &error));
  g_assert_no_error (error);
  saved_at = cab_offline_store_dup_saved_at (store);
  g_assert_nonnull (saved_at);
  g_clear_pointer (&saved_at, g_date_time_unref);

  /* A statement needs its period, and a per-account resource its account. */
  g_assert_false (cab_offline_store_put_json (store, CAB_OFFLINE_STATEMENT, "1234567890",
                                              NULL, NULL, statement, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_PERIOD);
  g_clear_error (&error);
  g_assert_false (cab_offline_store_put_json (store, CAB_OFFLINE_LEDGER, NULL,
                                              NULL, NULL, statement, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_ACCOUNT);
  g_clear_error (&error);

  /* Read back by a fresh store, as after a restart, asynchronously. */
  again = open_store ();
  saved_at = cab_offline_store_dup_saved_at (again);
  g_assert_nonnull (saved_at);
  g_clear_pointer (&saved_at, g_date_time_unref);
  cab_offline_store_get_json_async (again, CAB_OFFLINE_STATEMENT, "1234567890", &from, &to,
                                    NULL, store_result, &result);
  got = cab_offline_store_get_json_finish (again, wait_result (&result), &saved_at, &error);
  g_assert_no_error (error);
  got_text = to_text (got);
  g_assert_cmpstr (got_text, ==, "{\"account\":\"1234567890\",\"opening_balance\":\"608822.79\"}");
  g_assert_nonnull (saved_at);
  g_clear_pointer (&got, json_node_unref);
  g_clear_pointer (&got_text, g_free);

  got = cab_offline_store_get_json (again, CAB_OFFLINE_ME, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  got_text = to_text (got);
  g_assert_cmpstr (got_text, ==, "{\"login\":\"1234567890\",\"email\":\"demo@example.org\"}");
  g_clear_pointer (&got, json_node_unref);

  /* Another account's data is separate. */
  got = cab_offline_store_get_json (again, CAB_OFFLINE_STATEMENT, "1234567891", &from, &to,
                                    NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (got);
}

static void
test_json_damaged (Fixture      *fixture,
                   gconstpointer data)
{
  g_autoptr(CabOfflineStore) store = open_store ();
  g_autofree char *path = g_build_filename (cab_offline_store_get_directory (store), "me.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) got = NULL;

  /* A file damaged outside our control is an error, not a crash. */
  g_assert_true (g_file_set_contents (path, "{\"saved_at\": \"2026-11-26T07:00:00Z\", \"da", -1, NULL));
  got = cab_offline_store_get_json (store, CAB_OFFLINE_ME, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_MALFORMED_JSON);
  g_assert_null (got);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "{\"saved_at\": \"yesterday\", \"data\": {}}", -1, NULL));
  got = cab_offline_store_get_json (store, CAB_OFFLINE_ME, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_assert_null (got);
}

static void
test_permissions (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr(CabOfflineStore) store = NULL;
  g_autoptr(CabSavedDocument) doc = NULL;
  g_autoptr(JsonNode) ledger = parse ("{\"account\": \"1234567890\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *server_dir = g_build_filename (root, "demo", NULL);
  g_autofree char *doc_path = NULL;
  const char *dir;

  /* A root that exists with a lax mode is tightened. */
  g_assert_cmpint (g_chmod (root, 0755), ==, 0);
  store = open_store ();
  dir = cab_offline_store_get_directory (store);

  g_assert_true (cab_offline_store_put_json (store, CAB_OFFLINE_LEDGER, "1234567890", NULL, NULL,
                                             ledger, &error));
  g_assert_no_error (error);
  doc = save_doc (store, "17", "Счет-фактура", pdf_a, &error);
  g_assert_no_error (error);

  file = cab_offline_store_get_document_file (store, "17");
  doc_path = g_file_get_path (file);

  g_assert_cmpuint (file_mode (root), ==, 0700);
  g_assert_cmpuint (file_mode (server_dir), ==, 0700);
  g_assert_cmpuint (file_mode (dir), ==, 0700);
  {
    g_autofree char *accounts = g_build_filename (dir, "accounts", NULL);
    g_autofree char *account = g_build_filename (dir, "accounts", "1234567890", NULL);
    g_autofree char *ledger_path = g_build_filename (account, "ledger.json", NULL);
    g_autofree char *documents = g_build_filename (dir, "documents", NULL);
    g_autofree char *index = g_build_filename (dir, "index.json", NULL);
    g_autofree char *meta = g_build_filename (dir, "meta.json", NULL);

    g_assert_cmpuint (file_mode (accounts), ==, 0700);
    g_assert_cmpuint (file_mode (account), ==, 0700);
    g_assert_cmpuint (file_mode (documents), ==, 0700);
    g_assert_cmpuint (file_mode (ledger_path), ==, 0600);
    g_assert_cmpuint (file_mode (index), ==, 0600);
    g_assert_cmpuint (file_mode (meta), ==, 0600);
    g_assert_cmpuint (file_mode (doc_path), ==, 0600);
  }
}

static void
test_path_escaping (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabOfflineStore) store = cab_offline_store_new (root, "../evil", "../../x", &error);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected_dir = g_build_filename (root, "%2E.%2Fevil", "%2E.%2F..%2Fx", NULL);

  g_assert_no_error (error);
  /* Names from the server or the user never climb out of the root. */
  g_assert_cmpstr (cab_offline_store_get_directory (store), ==, expected_dir);
  file = cab_offline_store_get_document_file (store, "../17");
  path = g_file_get_path (file);
  g_assert_true (g_str_has_prefix (path, expected_dir));
  g_assert_true (g_str_has_suffix (path, "/documents/%2E.%2F17.pdf"));
}

/* Rewrites me.json in a child whose file size limit is smaller than the new contents. With
 * @crash the kernel kills the child (SIGXFSZ) in the middle of writing, as a crash would;
 * without, the write fails with EFBIG, as on a full disk. */
static void
interrupted_write (gboolean crash)
{
  g_autoptr(CabOfflineStore) store = open_store ();
  g_autoptr(CabOfflineStore) reopened = NULL;
  g_autoptr(JsonNode) me = parse ("{\"login\": \"1234567890\", \"email\": \"old@example.org\"}");
  g_autoptr(JsonNode) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got_text = NULL;
  g_autofree char *path = g_build_filename (cab_offline_store_get_directory (store), "me.json", NULL);
  g_autofree char *writing = g_strconcat (path, ".Writer", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int status;
  pid_t pid;
  guint n_files;

  g_assert_true (cab_offline_store_put_json (store, CAB_OFFLINE_ME, NULL, NULL, NULL, me, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit limit = { 4096, 4096 };
      g_autoptr(GString) big = g_string_new ("{\"login\": \"1234567890\", \"email\": \"");
      g_autoptr(JsonNode) node = NULL;
      gboolean ok;

      for (guint i = 0; i < 100000; i++)
        g_string_append_c (big, 'x');
      g_string_append (big, "@example.org\"}");
      node = json_from_string (big->str, NULL);

      signal (SIGXFSZ, crash ? SIG_DFL : SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &limit);
      ok = cab_offline_store_put_json (store, CAB_OFFLINE_ME, NULL, NULL, NULL, node, NULL);
      _exit (ok ? 1 : 0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (crash)
    {
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGXFSZ);
    }
  else
    {
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);  /* the write reported its failure */
    }

  /* The previous file is whole. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);

  /* A crash leaves a half-written temporary file next to it; opening the store sweeps it
   * once it is old, and leaves a young one: another writer's, renamed in a moment. */
  {
    g_autoptr(GDir) dir = g_dir_open (cab_offline_store_get_directory (store), 0, NULL);
    const char *name;
    guint n_temps = 0;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_prefix (name, "me.json."))
        {
          g_autofree char *temp = g_build_filename (cab_offline_store_get_directory (store),
                                                    name, NULL);
          struct utimbuf two_hours_ago;

          two_hours_ago.actime = two_hours_ago.modtime = time (NULL) - 2 * 60 * 60;
          g_assert_cmpint (g_utime (temp, &two_hours_ago), ==, 0);
          n_temps++;
        }
    g_assert_cmpuint (n_temps, ==, crash ? 1 : 0);
  }
  g_file_set_contents (writing, "{\"login\": \"1234", -1, &error);
  g_assert_no_error (error);

  reopened = open_store ();
  got = cab_offline_store_get_json (reopened, CAB_OFFLINE_ME, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  got_text = to_text (got);
  g_assert_cmpstr (got_text, ==, "{\"login\":\"1234567890\",\"email\":\"old@example.org\"}");

  {
    g_autoptr(GDir) dir = g_dir_open (cab_offline_store_get_directory (reopened), 0, NULL);
    const char *name;

    n_files = 0;
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_assert_true (!g_str_has_prefix (name, "me.json.")
                       || g_str_equal (name, "me.json.Writer"));
        n_files++;
      }
    /* me.json, meta.json, documents/, and the young temporary file */
    g_assert_cmpuint (n_files, ==, 4);
    g_assert_true (g_file_test (writing, G_FILE_TEST_IS_REGULAR));
  }
}

static void
test_interrupted_write_crash (Fixture      *fixture,
                              gconstpointer data)
{
  interrupted_write (TRUE);
}

static void
test_interrupted_write_full_disk (Fixture      *fixture,
                                  gconstpointer data)
{
  interrupted_write (FALSE);
}

static void
test_document_round_trip (Fixture      *fixture,
                          gconstpointer data)
{
  g_autoptr(CabOfflineStore) store = open_store ();
  g_autoptr(CabOfflineStore) again = NULL;
  g_autoptr(CabSavedDocument) doc = NULL;
  g_autoptr(CabSavedDocument) found = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, pdf_a, -1);
  GListModel *list;

  list = cab_offline_store_get_documents (store);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  doc = save_doc (store, "17", "Счет-фактура", pdf_a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cab_saved_document_get_id (doc), ==, "17");
  g_assert_cmpstr (cab_saved_document_get_account (doc), ==, "1234567890");
  g_assert_cmpstr (cab_saved_document_get_number (doc), ==, "СФ-0531");
  g_assert_cmpstr (cab_saved_document_get_date_text (doc), ==, "31.05.2016");
  g_assert_cmpint (cab_saved_document_get_size (doc), ==, (gint64)strlen (pdf_a));
  g_assert_cmpstr (cab_saved_document_get_sha256 (doc), ==, sha);
  /* The mirror changed before the call finished. */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  /* Saving the same id again replaces the entry. */
  g_clear_object (&doc);
  doc = save_doc (store, "17", "Счет-фактура", pdf_b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  /* After a restart, the index and the file are there. */
  again = open_store ();
  list = cab_offline_store_get_documents (again);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  found = cab_offline_store_lookup_document (again, "17");
  g_assert_nonnull (found);
  g_assert_cmpint (cab_saved_document_get_size (found), ==, (gint64)strlen (pdf_b));
  g_assert_cmpstr (cab_saved_document_get_title (found), ==, "Счет-фактура");
  g_assert_true (cab_saved_document_matches (found, "фактура 31.05"));
  g_assert_true (cab_saved_document_matches (found, "сф-0531"));
  g_assert_true (cab_saved_document_matches (found, "1234567890"));
  g_assert_false (cab_saved_document_matches (found, "1234567891"));
  g_assert_null (cab_offline_store_lookup_document (again, "18"));

  cab_offline_store_load_document_async (again, "17", NULL, store_result, &result);
  bytes = cab_offline_store_load_document_finish (again, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), pdf_b, strlen (pdf_b));
  g_clear_object (&result);
  g_clear_pointer (&bytes, g_bytes_unref);

  cab_offline_store_load_document_async (again, "18", NULL, store_result, &result);
  bytes = cab_offline_store_load_document_finish (again, wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (bytes);
}

static void
test_document_damaged_on_disk (Fixture      *fixture,
                               gconstpointer data)
{
  g_autoptr(CabOfflineStore) store = open_store ();
  g_autoptr(CabSavedDocument) doc = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  doc = save_doc (store, "17", "Счет-фактура", pdf_a, &error);
  g_assert_no_error (error);

  file = cab_offline_store_get_document_file (store, "17");
  path = g_file_get_path (file);
  g_assert_true (g_file_set_contents (path, "%PDF-1.4\n% truncat", -1, NULL));

  /* A copy that no longer matches is not shown, and is forgotten so it is fetched again. */
  cab_offline_store_load_document_async (store, "17", NULL, store_result, &result);
  bytes = cab_offline_store_load_document_finish (store, wait_result (&result), &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_assert_null (bytes);
  g_assert_cmpuint (g_list_model_get_n_items (cab_offline_store_get_documents (store)), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_sha256_mismatch (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr(CabOfflineStore) store = open_store ();
  g_autoptr(CabDocumentRef) ref = ref_for ("17", "Счет-фактура", pdf_a);
  g_autoptr(GBytes) bytes = g_bytes_new_static (pdf_b, strlen (pdf_b));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CabSavedDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cab_offline_store_get_document_file (store, "17");
  g_autofree char *index = g_build_filename (cab_offline_store_get_directory (store), "index.json", NULL);

  cab_offline_store_save_document_async (store, ref, "1234567890", NULL, NULL, bytes,
                                         NULL, store_result, &result);
  doc = cab_offline_store_save_document_finish (store, wait_result (&result), &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_assert_null (doc);
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_false (g_file_test (index, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (cab_offline_store_get_documents (store)), ==, 0);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Right checksum, wrong announced size: refused too. */
  g_free (ref->sha256);
  ref->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, pdf_b, -1);
  cab_offline_store_save_document_async (store, ref, "1234567890", NULL, NULL, bytes,
                                         NULL, store_result, &result);
  doc = cab_offline_store_save_document_finish (store, wait_result (&result), &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_assert_null (doc);
  g_assert_false (g_file_query_exists (file, NULL));
}

typedef struct
{
  guint n_done;
  guint n_failed;
} Counter;

static void
count_saved (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Counter *counter = user_data;
  g_autoptr(CabSavedDocument) doc = NULL;

  doc = cab_offline_store_save_document_finish (CAB_OFFLINE_STORE (object), result, NULL);
  counter->n_done++;
  if (doc == NULL)
    counter->n_failed++;
}

/* Many saves at once, on worker threads: every one lands in the index, on disk too. */
static void
test_concurrent_saves (Fixture      *fixture,
                       gconstpointer data)
{
  g_autoptr(CabOfflineStore) store = open_store ();
  g_autoptr(CabOfflineStore) again = NULL;
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_free);
  Counter counter = { 0, 0 };
  const guint n = 24;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", 100 + i);
      char *text = g_strdup_printf ("%%PDF-1.4\n%% document %u\n%%%%EOF\n", i);
      g_autoptr(CabDocumentRef) ref = ref_for (id, "Счет-фактура", text);
      g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

      g_ptr_array_add (contents, text);
      cab_offline_store_save_document_async (store, ref, "1234567890", NULL, NULL, bytes,
                                             NULL, count_saved, &counter);
    }

  while (counter.n_done < n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (counter.n_failed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cab_offline_store_get_documents (store)), ==, n);

  again = open_store ();
  g_assert_cmpuint (g_list_model_get_n_items (cab_offline_store_get_documents (again)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", 100 + i);
      g_autoptr(CabSavedDocument) doc = cab_offline_store_lookup_document (again, id);

      g_assert_nonnull (doc);
      g_assert_cmpint (cab_saved_document_get_size (doc), ==,
                       (gint64)strlen (g_ptr_array_index (contents, i)));
    }
}

static gboolean
remove_one (CabOfflineStore *store,
            const char      *id,
            GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cab_offline_store_remove_document_async (store, id, NULL, store_result, &result);
  return cab_offline_store_remove_document_finish (store, wait_result (&result), error);
}

static void
test_remove (Fixture      *fixture,
             gconstpointer data)
{
  g_autoptr(CabOfflineStore) store = open_store ();
  g_autoptr(CabOfflineStore) again = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file17 = cab_offline_store_get_document_file (store, "17");
  g_autoptr(GFile) file18 = cab_offline_store_get_document_file (store, "18");
  g_autoptr(GFile) file19 = cab_offline_store_get_document_file (store, "19");
  GListModel *list = cab_offline_store_get_documents (store);

  g_object_unref (save_doc (store, "17", "Счет-фактура", pdf_a, &error));
  g_assert_no_error (error);
  g_object_unref (save_doc (store, "18", "Акт объема", pdf_b, &error));
  g_assert_no_error (error);
  g_object_unref (save_doc (store, "19", "Счет на оплату", pdf_b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);

  g_assert_true (remove_one (store, "18", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_false (g_file_query_exists (file18, NULL));
  g_assert_true (g_file_query_exists (file17, NULL));

  g_assert_false (remove_one (store, "18", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  again = open_store ();
  g_assert_cmpuint (g_list_model_get_n_items (cab_offline_store_get_documents (again)), ==, 2);
  g_clear_object (&again);

  cab_offline_store_remove_all_documents_async (store, NULL, store_result, &result);
  g_assert_true (cab_offline_store_remove_all_documents_finish (store, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_false (g_file_query_exists (file17, NULL));
  g_assert_false (g_file_query_exists (file19, NULL));

  again = open_store ();
  g_assert_cmpuint (g_list_model_get_n_items (cab_offline_store_get_documents (again)), ==, 0);
}

static void
test_last_user (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server_id = NULL;
  g_autofree char *login = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *path = g_build_filename (root, "last-user.json", NULL);

  g_assert_false (cab_offline_store_get_last_user (root, &server_id, &login, &base_url, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (cab_offline_store_set_last_user (root, "demo", "1234567890",
                                                  "http://127.0.0.1:41234/", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_true (cab_offline_store_get_last_user (root, &server_id, &login, &base_url, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (server_id, ==, "demo");
  g_assert_cmpstr (login, ==, "1234567890");
  g_assert_cmpstr (base_url, ==, "http://127.0.0.1:41234/");

  g_assert_true (g_file_set_contents (path, "{\"server_id\": \"demo\"}", -1, NULL));
  g_assert_false (cab_offline_store_get_last_user (root, NULL, NULL, NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_MISSING_FIELD);
}

static void
test_offline_message (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 26, 7, 5, 59);
  g_autofree char *message = cab_offline_store_format_offline_message (when);
  g_autofree char *none = cab_offline_store_format_offline_message (NULL);

  /* TZ=UTC is set in main(). */
  g_assert_cmpstr (message, ==, "Offline: showing data saved on 26.11.2026 at 07:05");
  g_assert_cmpstr (none, ==, "Offline: no saved data");
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  ADD ("/offline-store/json/round-trip", test_json_round_trip);
  ADD ("/offline-store/json/damaged", test_json_damaged);
  ADD ("/offline-store/permissions", test_permissions);
  ADD ("/offline-store/path-escaping", test_path_escaping);
  ADD ("/offline-store/interrupted-write/crash", test_interrupted_write_crash);
  ADD ("/offline-store/interrupted-write/full-disk", test_interrupted_write_full_disk);
  ADD ("/offline-store/documents/round-trip", test_document_round_trip);
  ADD ("/offline-store/documents/damaged-on-disk", test_document_damaged_on_disk);
  ADD ("/offline-store/documents/sha256-mismatch", test_sha256_mismatch);
  ADD ("/offline-store/documents/remove", test_remove);
  ADD ("/offline-store/documents/concurrent-saves", test_concurrent_saves);
  ADD ("/offline-store/last-user", test_last_user);
  g_test_add_func ("/offline-store/offline-message", test_offline_message);

  return g_test_run ();
}
