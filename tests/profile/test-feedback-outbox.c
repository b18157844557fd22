/* test-feedback-outbox.c: the feedback outbox and draft, without a display. Sending goes to
 * the real tek-cabinet-server (--demo), made to fail the ways a network and a server do: the
 * server stopped (connection refused), a socket that takes the request and never answers (the
 * client's deadline), the server's database locked by another writer (500); what arrived is
 * read back from the server (GET /feedback, tek-cabinet-admin feedback export).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "cab-core.h"
#include "cab-feedback-draft.h"
#include "cab-feedback-outbox.h"
#include "profile-test-utils.h"

#define DEMO_LOGIN    "1234567890"
#define DEMO_PASSWORD "demo-password"

/* What a request of the API client came to, in order: the CAB_ERROR code when the server
 * could not be reached ("unreachable"), ANSWERED when any HTTP answer came ("reachable"). */
#define ANSWERED (-1)

typedef struct
{
  char         *dir;
  /* Only for the tests that send: the server, a client signed in to it, its attempts. */
  TestServer   *server;
  CabApiClient *api;
  GArray       *attempts;   /* of gint */
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
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *user = g_path_get_dirname (f->dir);
  g_autofree char *top = g_path_get_dirname (user);

  test_rm_rf (top);
  g_free (f->dir);
}

static void
on_unreachable (CabApiClient *api,
                GError       *error,
                GArray       *attempts)
{
  gint code = error->domain == CAB_ERROR ? error->code : 0;

  g_array_append_val (attempts, code);
}

static void
on_reachable (CabApiClient *api,
              GArray       *attempts)
{
  gint code = ANSWERED;

  g_array_append_val (attempts, code);
}

static void
server_fixture_setup (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_setup (f, data);
  f->server = test_server_start (0);
  f->api = test_sign_in_api (f->server->url, DEMO_LOGIN, DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  f->attempts = g_array_new (FALSE, FALSE, sizeof (gint));
  g_signal_connect (f->api, "reachable", G_CALLBACK (on_reachable), f->attempts);
  g_signal_connect (f->api, "unreachable", G_CALLBACK (on_unreachable), f->attempts);
}

static void
server_fixture_teardown (Fixture       *f,
                         gconstpointer  data)
{
  g_clear_object (&f->api);
  g_clear_pointer (&f->attempts, g_array_unref);
  g_clear_pointer (&f->server, test_server_free);
  fixture_teardown (f, data);
}

/* A deadline, not a pace: the locked database alone keeps the server 5 s. */
#define WAIT_SECONDS 60

static void
wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!*flag)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
wait_for_delivered (guint *n)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (*n == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Until the @n-th request has ended and the outbox has taken its answer for @item. */
static void
wait_for_attempt (Fixture               *f,
                  guint                  n,
                  CabFeedbackOutboxItem *item)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (f->attempts->len < n || cab_feedback_outbox_item_get_sending (item))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (f->attempts->len, ==, n);
}

static gint
attempt (Fixture *f,
         guint    i)
{
  g_assert_cmpuint (i, <, f->attempts->len);
  return g_array_index (f->attempts, gint, i);
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

  test_spin (5);   /* distinct creation times */
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

/* The one message with @text the server lists for the demo user (it has some of its own),
 * or NULL; a second one fails the test: the server has a message at most once. */
static CabFeedbackMessage *
server_message (CabApiClient *api,
                const char   *text)
{
  g_autoptr(GPtrArray) all = test_list_feedback (api);
  CabFeedbackMessage *found = NULL;

  for (guint i = 0; i < all->len; i++)
    {
      CabFeedbackMessage *message = g_ptr_array_index (all, i);

      if (g_str_equal (message->text, text))
        {
          g_assert_null (found);
          found = cab_feedback_message_copy (message);
        }
    }
  return found;
}

/* Nothing is left to send: no retry is scheduled, and a flush now sends nothing. */
static void
assert_sends_nothing (Fixture           *f,
                      CabFeedbackOutbox *outbox)
{
  guint before = f->attempts->len;

  g_assert_cmpuint (cab_feedback_outbox_get_retry_delay (outbox), ==, 0);
  cab_feedback_outbox_flush (outbox);
  g_assert_cmpuint (cab_feedback_outbox_get_retry_delay (outbox), ==, 0);
  g_assert_cmpuint (f->attempts->len, ==, before);
}

/* Runs tek-cabinet-admin on the server's database and mail folder, to its success. */
static void
run_admin (Fixture    *f,
           const char *first,
           ...)
{
  const char *admin = g_getenv ("CAB_TEST_ADMIN");
  g_autofree char *mail = g_build_filename (f->server->dir, "mail", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) (admin != NULL ? admin : CAB_TEST_ADMIN_PATH));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->server->db);
  g_ptr_array_add (argv, (char *) "--mail-dir");
  g_ptr_array_add (argv, mail);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

/* The attachment of message @id as the supplier gets it: `tek-cabinet-admin feedback export`. */
static GBytes *
export_attachment (Fixture    *f,
                   gint64      id,
                   const char *name)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *out_dir = g_build_filename (f->server->dir, "export", NULL);
  g_autofree char *path = g_build_filename (out_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  run_admin (f, "feedback", "export", id_text, out_dir, NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

/* `tek-cabinet-admin users reset-password` for the demo user: the temporary password from
 * the mail it wrote (the body's one line indented by four spaces). */
static char *
reset_password (Fixture *f)
{
  g_autofree char *mail = g_build_filename (f->server->dir, "mail", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  run_admin (f, "users", "reset-password", DEMO_LOGIN, NULL);
  dir = g_dir_open (mail, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (mail, name, NULL);
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_str_has_suffix (name, ".eml"))
        continue;
      g_file_get_contents (path, &contents, NULL, &error);
      g_assert_no_error (error);
      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_strchomp (lines[i]);
          if (g_str_has_prefix (lines[i], "    ") && lines[i][4] != ' ' && lines[i][4] != '\0')
            return g_strdup (lines[i] + 4);
        }
    }
  g_assert_not_reached ();
}

/* A socket on @port that takes connections and never answers. */
static GSocketListener *
listen_silently (guint16 port)
{
  GSocketListener *listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GError) error = NULL;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, NULL, &error);
  g_assert_no_error (error);
  return listener;
}

/* What the client that connected to @listener wrote before it gave up and hung up. */
static char *
read_request (GSocketListener *listener)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  GString *request = g_string_new (NULL);
  GInputStream *in;
  char buffer[4096];
  gssize n;

  /* The connection waits in the backlog: the client connected before its deadline passed. */
  connection = g_socket_listener_accept (listener, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Reading ends at the client's hang-up; the timeout only keeps a broken client from
   * blocking the test for ever. */
  g_socket_set_timeout (g_socket_connection_get_socket (connection), WAIT_SECONDS);
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error)) > 0)
    g_string_append_len (request, buffer, n);
  g_assert_no_error (error);

  return g_string_free (request, FALSE);
}

/* Another writer on the server's database: its writes wait out their busy timeout (5 s) and
 * fail, and it answers 500. WAL mode: its reads go on. */
static sqlite3 *
lock_database (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
unlock_database (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
api_send_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Result *r = user_data;

  r->id = cab_api_client_send_feedback_finish (CAB_API_CLIENT (object), result, &r->error);
  r->done = TRUE;
}

static void
test_retry_same_client_id (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CabFeedbackOutbox) outbox = cab_feedback_outbox_new (f->dir, f->api);
  g_autoptr(CabFeedbackOutboxItem) item = NULL;
  g_autoptr(GSocketListener) silent = NULL;
  g_autoptr(CabFeedbackMessage) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *request = NULL;
  const char *text = "Где счет за май?";
  sqlite3 *locked;
  Delivered d = { 0 };
  Result r = { 0 };

  g_assert_true (cab_feedback_outbox_load (outbox, &error));
  cab_feedback_outbox_set_retry_delays (outbox, 20, 60);
  g_signal_connect (outbox, "delivered", G_CALLBACK (delivered_cb), &d);

  item = add_message (outbox, NULL, text, NULL, &error);
  g_assert_no_error (error);
  client_id = g_strdup (cab_feedback_outbox_item_get_client_id (item));

  /* The server is down: the connection is refused, the message stays and a retry is due in
   * the first delay. */
  test_server_stop (f->server);
  cab_feedback_outbox_send_async (outbox, item, NULL, NULL, NULL, send_cb, &r);
  wait_for (&r.done);
  g_assert_error (r.error, CAB_ERROR, CAB_ERROR_NETWORK);
  g_clear_error (&r.error);
  g_assert_cmpint (attempt (f, 0), ==, CAB_ERROR_NETWORK);
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 1);
  g_assert_cmpuint (cab_feedback_outbox_get_retry_delay (outbox), ==, 20);

  /* The timer retries by itself. Now something takes the request on the server's port and
   * never answers: the client's deadline (1 s) ends the attempt; the delay doubles. The main
   * loop does not run while the conditions change, so each retry meets the one set for it. */
  silent = listen_silently (f->server->port);
  cab_api_client_set_timeout (f->api, 1);
  wait_for_attempt (f, 2, item);
  g_assert_cmpint (attempt (f, 1), ==, CAB_ERROR_TIMEOUT);
  g_assert_null (cab_feedback_outbox_item_get_failure (item));
  g_assert_cmpuint (cab_feedback_outbox_get_retry_delay (outbox), ==, 40);
  /* What it sent there: the message under its client_id. */
  request = read_request (silent);
  g_assert_true (g_str_has_prefix (request, "POST /api/v1/feedback "));
  g_assert_nonnull (strstr (request, client_id));
  g_assert_nonnull (strstr (request, text));
  g_socket_listener_close (silent);

  /* The server is back on its port and database, but another writer holds the database:
   * 500 after the server's busy timeout. Transient too: the delay reaches its ceiling. */
  cab_api_client_set_timeout (f->api, 30);
  test_server_restart (f->server);
  locked = lock_database (f->server->db);
  wait_for_attempt (f, 3, item);
  g_assert_cmpint (attempt (f, 2), ==, ANSWERED);
  g_assert_null (cab_feedback_outbox_item_get_failure (item));
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 1);
  g_assert_cmpuint (cab_feedback_outbox_get_retry_delay (outbox), ==, 60);
  unlock_database (locked);

  /* The database free again: the next retry delivers. */
  wait_for_delivered (&d.n);
  g_assert_cmpuint (f->attempts->len, ==, 4);
  g_assert_cmpint (attempt (f, 3), ==, ANSWERED);
  g_assert_cmpuint (d.n, ==, 1);
  g_assert_cmpint (d.id, >, 0);
  g_assert_cmpstr (d.client_id, ==, client_id);
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 0);

  /* Gone from disk only now, after the server's answer. */
  {
    g_autofree char *path = g_strconcat (f->dir, G_DIR_SEPARATOR_S, client_id, ".json", NULL);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  /* The server has it once, as written. */
  stored = server_message (f->api, text);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->id, ==, d.id);

  /* Nothing more is sent. */
  assert_sends_nothing (f, outbox);
  g_free (d.client_id);
}

/* The first attempt reached the server but its answer was lost: the resend with the same
 * client_id makes nothing new, and the outbox gets the first message's id. */
static void
test_resend_idempotent (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CabFeedbackOutbox) outbox = cab_feedback_outbox_new (f->dir, f->api);
  g_autoptr(CabFeedbackOutboxItem) item = NULL;
  g_autoptr(CabFeedbackMessage) stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "Акт сверки за 2026 год";
  Delivered d = { 0 };
  Result first = { 0 };
  Result again = { 0 };

  g_assert_true (cab_feedback_outbox_load (outbox, &error));
  g_signal_connect (outbox, "delivered", G_CALLBACK (delivered_cb), &d);
  item = add_message (outbox, NULL, text, NULL, &error);
  g_assert_no_error (error);

  cab_api_client_send_feedback_async (f->api, text, NULL,
                                      cab_feedback_outbox_item_get_client_id (item),
                                      NULL, NULL, NULL, api_send_cb, &first);
  wait_for (&first.done);
  g_assert_no_error (first.error);
  g_assert_cmpint (first.id, >, 0);

  cab_feedback_outbox_send_async (outbox, item, NULL, NULL, NULL, send_cb, &again);
  wait_for (&again.done);
  g_assert_no_error (again.error);
  g_assert_cmpint (again.id, ==, first.id);
  g_assert_cmpuint (d.n, ==, 1);
  g_assert_cmpint (d.id, ==, first.id);
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 0);

  stored = server_message (f->api, text);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->id, ==, first.id);
  g_free (d.client_id);
}

static void
test_attachment_sent_from_copy (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(CabFeedbackOutbox) outbox = cab_feedback_outbox_new (f->dir, f->api);
  g_autoptr(CabFeedbackOutbox) again = NULL;
  g_autoptr(CabFeedbackOutboxItem) item = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(CabFeedbackMessage) stored = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = scratch_dir (f);
  g_autofree char *folder = NULL;
  Delivered d = { 0 };

  g_assert_true (cab_feedback_outbox_load (outbox, &error));
  source = write_file (scratch, "scan.png", "\x89PNG\r\n\x1a\n\0\1\2", 11);
  item = add_message (outbox, "with-file", "See the scan", source, &error);
  g_assert_no_error (error);

  /* The user deletes the original: the outbox still has its copy. */
  g_file_delete (source, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&item);

  again = cab_feedback_outbox_new (f->dir, f->api);
  g_assert_true (cab_feedback_outbox_load (again, &error));
  g_signal_connect (again, "delivered", G_CALLBACK (delivered_cb), &d);
  cab_feedback_outbox_flush (again);
  wait_for_delivered (&d.n);
  g_assert_cmpstr (d.client_id, ==, "with-file");

  /* The server has the file under its name, byte for byte. */
  stored = server_message (f->api, "See the scan");
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->id, ==, d.id);
  g_assert_cmpstr (stored->file_name, ==, "scan.png");
  g_assert_cmpint (stored->file_size, ==, 11);
  exported = export_attachment (f, d.id, "scan.png");
  g_assert_cmpmem (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported),
                   "\x89PNG\r\n\x1a\n\0\1\2", 11);

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
update_profile_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Result *r = user_data;
  g_autoptr(CabMe) me = NULL;

  me = cab_api_client_update_profile_finish (CAB_API_CLIENT (object), result, &r->error);
  r->done = TRUE;
}

/* The server refuses a message's text for good (a control character: 422): the flush marks
 * it and goes on with the next. */
static void
test_refused_goes_on (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CabFeedbackOutbox) outbox = cab_feedback_outbox_new (f->dir, f->api);
  g_autoptr(CabFeedbackOutboxItem) bad = NULL;
  g_autoptr(CabFeedbackOutboxItem) fine = NULL;
  g_autoptr(CabFeedbackMessage) stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *refused = "Refused\a";
  Delivered d = { 0 };

  g_assert_true (cab_feedback_outbox_load (outbox, &error));
  cab_feedback_outbox_set_retry_delays (outbox, 10, 10);
  g_signal_connect (outbox, "delivered", G_CALLBACK (delivered_cb), &d);
  bad = add_message (outbox, "bad", refused, NULL, &error);
  g_assert_no_error (error);
  test_spin (5);   /* distinct creation times: "bad" goes first */
  fine = add_message (outbox, "fine", "accepted", NULL, &error);
  g_assert_no_error (error);

  cab_feedback_outbox_flush (outbox);
  wait_for_delivered (&d.n);

  g_assert_cmpstr (d.client_id, ==, "fine");
  g_assert_cmpuint (f->attempts->len, ==, 2);
  g_assert_cmpint (attempt (f, 0), ==, ANSWERED);
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 1);
  g_assert_nonnull (cab_feedback_outbox_item_get_failure (bad));
  /* A refused message is not retried, by the timer or by a flush. */
  assert_sends_nothing (f, outbox);

  stored = server_message (f->api, "accepted");
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->id, ==, d.id);
  g_assert_null (server_message (f->api, refused));
  g_free (d.client_id);
}

/* Refused for good while the user must change a temporary password (403
 * password_change_required): the message stays marked through a restart and is never
 * resent; once the password is changed the next message goes. */
static void
test_refused_not_retried (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *temporary = reset_password (f);
  g_autoptr(CabApiClient) gated = NULL;
  g_autoptr(CabFeedbackOutbox) outbox = NULL;
  g_autoptr(CabFeedbackOutbox) again = NULL;
  g_autoptr(CabFeedbackOutboxItem) bad = NULL;
  g_autoptr(CabFeedbackOutboxItem) fine = NULL;
  g_autoptr(CabFeedbackOutboxItem) loaded = NULL;
  g_autoptr(CabFeedbackMessage) stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *refused = "Sent before the new password";
  Delivered d = { 0 };
  Result r = { 0 };

  gated = test_sign_in_api (f->server->url, DEMO_LOGIN, temporary, &error);
  g_assert_no_error (error);
  g_signal_connect (gated, "reachable", G_CALLBACK (on_reachable), f->attempts);
  g_signal_connect (gated, "unreachable", G_CALLBACK (on_unreachable), f->attempts);
  g_array_set_size (f->attempts, 0);

  outbox = cab_feedback_outbox_new (f->dir, gated);
  g_assert_true (cab_feedback_outbox_load (outbox, &error));
  cab_feedback_outbox_set_retry_delays (outbox, 10, 10);
  g_signal_connect (outbox, "delivered", G_CALLBACK (delivered_cb), &d);
  bad = add_message (outbox, "bad", refused, NULL, &error);
  g_assert_no_error (error);

  cab_feedback_outbox_flush (outbox);
  wait_for_attempt (f, 1, bad);
  g_assert_cmpint (attempt (f, 0), ==, ANSWERED);
  g_assert_nonnull (cab_feedback_outbox_item_get_failure (bad));
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 1);
  /* A refused message is not retried, by the timer or by a flush. */
  assert_sends_nothing (f, outbox);

  /* The new password lifts the gate: the next message goes, the refused one is skipped. */
  cab_api_client_update_profile_async (gated, temporary, NULL, "new-password-2026",
                                       "demo@example.org", NULL, FALSE, NULL,
                                       update_profile_cb, &r);
  wait_for (&r.done);
  g_assert_no_error (r.error);
  fine = add_message (outbox, "fine", "accepted", NULL, &error);
  g_assert_no_error (error);
  cab_feedback_outbox_flush (outbox);
  wait_for_delivered (&d.n);
  g_assert_cmpstr (d.client_id, ==, "fine");
  g_assert_cmpuint (f->attempts->len, ==, 3);   /* bad, PATCH /me, fine */
  g_assert_cmpuint (cab_feedback_outbox_get_n_waiting (outbox), ==, 1);
  g_assert_cmpuint (cab_feedback_outbox_get_retry_delay (outbox), ==, 0);

  stored = server_message (gated, "accepted");
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->id, ==, d.id);
  g_assert_null (server_message (gated, refused));

  /* The refusal survives a restart, and a flush then sends nothing. */
  g_clear_object (&outbox);
  again = cab_feedback_outbox_new (f->dir, gated);
  g_assert_true (cab_feedback_outbox_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  loaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpstr (cab_feedback_outbox_item_get_client_id (loaded), ==, "bad");
  g_assert_cmpstr (cab_feedback_outbox_item_get_failure (loaded), ==,
                   cab_feedback_outbox_item_get_failure (bad));
  assert_sends_nothing (f, again);
  g_assert_false (cab_feedback_outbox_item_get_sending (loaded));
  g_free (d.client_id);
}

static void
test_online_flushes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CabFeedbackOutbox) outbox = cab_feedback_outbox_new (f->dir, f->api);
  g_autoptr(CabFeedbackOutboxItem) item = NULL;
  g_autoptr(CabFeedbackMessage) stored = NULL;
  g_autoptr(GError) error = NULL;
  Delivered d = { 0 };

  g_assert_true (cab_feedback_outbox_load (outbox, &error));
  /* Long delays: only going online can make the delivery happen in this test. */
  cab_feedback_outbox_set_retry_delays (outbox, 60 * 1000, 60 * 1000);
  g_signal_connect (outbox, "delivered", G_CALLBACK (delivered_cb), &d);
  cab_feedback_outbox_set_online (outbox, FALSE);
  item = add_message (outbox, NULL, "queued offline", NULL, &error);
  g_assert_no_error (error);

  test_server_stop (f->server);
  cab_feedback_outbox_flush (outbox);
  wait_for_attempt (f, 1, item);
  g_assert_cmpint (attempt (f, 0), ==, CAB_ERROR_NETWORK);
  g_assert_cmpuint (cab_feedback_outbox_get_retry_delay (outbox), ==, 60 * 1000);
  g_assert_cmpuint (d.n, ==, 0);

  /* The server back on the same port and database; the session goes online. */
  test_server_restart (f->server);
  cab_feedback_outbox_set_online (outbox, TRUE);
  wait_for_delivered (&d.n);
  g_assert_cmpuint (f->attempts->len, ==, 2);
  g_assert_cmpint (attempt (f, 1), ==, ANSWERED);
  g_assert_cmpuint (cab_feedback_outbox_get_retry_delay (outbox), ==, 0);

  stored = server_message (f->api, "queued offline");
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->id, ==, d.id);
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
              server_fixture_setup, test_retry_same_client_id, server_fixture_teardown);
  g_test_add ("/feedback/outbox/resend-idempotent", Fixture, NULL,
              server_fixture_setup, test_resend_idempotent, server_fixture_teardown);
  g_test_add ("/feedback/outbox/attachment-sent-from-copy", Fixture, NULL,
              server_fixture_setup, test_attachment_sent_from_copy, server_fixture_teardown);
  g_test_add ("/feedback/outbox/size-limit", Fixture, NULL,
              fixture_setup, test_size_limit, fixture_teardown);
  g_test_add ("/feedback/outbox/corrupt-skipped", Fixture, NULL,
              fixture_setup, test_corrupt_skipped, fixture_teardown);
  g_test_add ("/feedback/outbox/refused-goes-on", Fixture, NULL,
              server_fixture_setup, test_refused_goes_on, server_fixture_teardown);
  g_test_add ("/feedback/outbox/refused-not-retried", Fixture, NULL,
              server_fixture_setup, test_refused_not_retried, server_fixture_teardown);
  g_test_add ("/feedback/outbox/online-flushes", Fixture, NULL,
              server_fixture_setup, test_online_flushes, server_fixture_teardown);
  g_test_add ("/feedback/draft", Fixture, NULL,
              fixture_setup, test_draft, fixture_teardown);

  return g_test_run ();
}
