/* server-test-util.c: the real tek-cabinet-server in a test: start, stop, HTTP, mail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "server-test-util.h"
#include "server-test-pg.h"

static const char *server_binary;

gboolean
server_test_init (int   argc,
                  char *argv[])
{
  server_binary = argc > 1 ? argv[1] : g_getenv ("CAB_SERVER_BINARY");
  if (server_binary == NULL)
    {
      g_printerr ("usage: %s PATH-TO-tek-cabinet-server\n", argv[0]);
      return FALSE;
    }
  return TRUE;
}

const char *
server_test_binary (void)
{
  return server_binary;
}

void
response_free (Response *r)
{
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_object (&r->msg);
  g_clear_pointer (&r->json, json_node_unref);
  g_free (r);
}


/* ---- server process ---- */

/* A failing test aborts; its servers must not outlive it (and hold the log pipe open). */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

GSubprocess *
spawn (const char * const  *argv,
       const char * const  *env,
       GSubprocessFlags     flags)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "CAB_SERVER_NO_PRERENDER", "1", TRUE);
  /* Under AddressSanitizer: the server's own suppressions (libsoup 3.2 leaks an accepted
   * socket now and then). */
  if (g_getenv ("G_TEST_SRCDIR") != NULL)
    {
      g_autofree char *supp = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "server",
                                                "lsan-server.supp", NULL);
      g_autofree char *options = g_strdup_printf ("suppressions=%s:print_suppressions=0", supp);

      g_autofree char *asan = g_strdup_printf ("%s%sfast_unwind_on_malloc=0",
                                               g_getenv ("ASAN_OPTIONS") ? g_getenv ("ASAN_OPTIONS") : "",
                                               g_getenv ("ASAN_OPTIONS") ? ":" : "");

      g_subprocess_launcher_setenv (launcher, "LSAN_OPTIONS", options, TRUE);
      /* Whole stacks, so that the suppressions can match frames inside libsoup. */
      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", asan, TRUE);
    }
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return process;
}

/* Spawns @s's server with @argv and reads its "Listening on" line. */
static Server *
launch (Server             *s,
        const char * const *argv,
        const char * const *env)
{
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  s->process = spawn (argv, env, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (s->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (line, "/"));
  s->base = g_strndup (line + strlen ("Listening on "), strlen (line) - strlen ("Listening on ") - 1);

  s->session = soup_session_new_with_options ("timeout", 60, NULL);
  return s;
}

/* Starts a server on @dir (a new temporary one when NULL). */
Server *
server_start_full (const char         *dir,
                   const char * const *extra_args,
                   const char * const *env)
{
  Server *s = g_new0 (Server, 1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  s->dir = dir ? g_strdup (dir) : g_dir_make_tmp ("test-server-XXXXXX", &error);
  g_assert_no_error (error);
  if (g_getenv ("CAB_TEST_PG") != NULL)
    {
      /* Under a test cluster: the folder's own database in it (see server-test-pg.h). */
      g_autofree char *name = g_path_get_basename (s->dir);

      s->db = pg_cluster_database (g_getenv ("CAB_TEST_PG"), name);
    }
  else
    s->db = g_build_filename (s->dir, "cabinet.db", NULL);
  s->mail_dir = g_build_filename (s->dir, "mail", NULL);

  g_ptr_array_add (argv, (char *) server_binary);
  g_ptr_array_add (argv, (char *) "--demo");
  g_ptr_array_add (argv, (char *) "--listen");
  g_ptr_array_add (argv, (char *) "127.0.0.1:0");
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, s->db);
  g_ptr_array_add (argv, (char *) "--mail-dir");
  g_ptr_array_add (argv, s->mail_dir);
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);
  return launch (s, (const char * const *) argv->pdata, env);
}

Server *
server_start (void)
{
  return server_start_full (NULL, NULL, NULL);
}

void
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

/* SIGTERM must end the server cleanly, with status 0. */
void
server_stop_keep (Server *s)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&s->session);
  g_subprocess_send_signal (s->process, SIGTERM);
  g_subprocess_wait (s->process, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (s->process))
    g_error ("the server was killed by signal %d", g_subprocess_get_term_sig (s->process));
  g_assert_true (g_subprocess_get_if_exited (s->process));
  g_assert_cmpint (g_subprocess_get_exit_status (s->process), ==, 0);
  g_clear_object (&s->process);
  g_free (s->base);
  g_free (s->db);
  g_free (s->mail_dir);
  g_free (s->dir);
  g_free (s);
}

void
server_stop (Server *s)
{
  g_autofree char *dir = g_strdup (s->dir);

  server_stop_keep (s);
  remove_tree (dir);
}

/* ---- HTTP ---- */

Response *
request_full (Server             *s,
              const char         *method,
              const char         *path,
              const char         *token,
              const char         *content_type,
              GBytes             *body,
              const char * const *headers)
{
  g_autofree char *url = g_strconcat (s->base, path, NULL);
  g_autoptr(GError) error = NULL;
  Response *r = g_new0 (Response, 1);
  SoupMessageHeaders *request_headers;
  const char *type;

  r->msg = soup_message_new (method, url);
  g_assert_nonnull (r->msg);
  request_headers = soup_message_get_request_headers (r->msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (request_headers, "Authorization", auth);
    }
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (request_headers, headers[i], headers[i + 1]);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (r->msg, content_type, body);

  r->body = soup_session_send_and_read (s->session, r->msg, NULL, &error);
  g_assert_no_error (error);
  r->status = soup_message_get_status (r->msg);

  type = soup_message_headers_get_content_type (soup_message_get_response_headers (r->msg), NULL);
  if (g_strcmp0 (type, "application/json") == 0)
    {
      gsize size;
      const char *data = g_bytes_get_data (r->body, &size);
      g_autofree char *text = g_strndup (data ? data : "", size);

      r->json = json_from_string (text, &error);
      g_assert_no_error (error);
      g_assert_nonnull (r->json);
    }
  return r;
}

Response *
request (Server     *s,
         const char *method,
         const char *path,
         const char *token,
         const char *json)
{
  g_autoptr(GBytes) body = json ? g_bytes_new (json, strlen (json)) : NULL;

  return request_full (s, method, path, token, "application/json", body, NULL);
}

JsonObject *
object_of (Response *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

const char *
str (Response   *r,
     const char *member)
{
  return json_object_get_string_member (object_of (r), member);
}

/* Asserts the status and the error code (and field, unless NULL) of an error answer. */
void
assert_error (Response   *r,
              guint       status,
              const char *code,
              const char *field)
{
  JsonObject *error;

  if (r->status != status)
    g_test_message ("unexpected answer %u: %.*s", r->status,
                    (int) g_bytes_get_size (r->body), (const char *) g_bytes_get_data (r->body, NULL));
  g_assert_cmpuint (r->status, ==, status);
  error = json_object_get_object_member (object_of (r), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_true (json_object_has_member (error, "message"));
  if (field != NULL)
    g_assert_cmpstr (json_object_get_string_member_with_default (error, "field", NULL), ==, field);
}

char *
sign_in (Server     *s,
         const char *login,
         const char *password)
{
  g_autofree char *json = g_strdup_printf ("{\"login\": \"%s\", \"password\": \"%s\"}",
                                           login, password);
  g_autoptr(Response) r = request (s, "POST", "/api/v1/session", NULL, json);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (object_of (r), "must_change_password"));
  g_assert_cmpuint (strlen (str (r, "token")), ==, 64);
  return g_strdup (str (r, "token"));
}

gboolean
bytes_equal (Response *a,
             Response *b)
{
  return g_bytes_equal (a->body, b->body);
}


/* ---- mail ---- */

GSList *
list_mail (Server *s)
{
  g_autoptr(GDir) dir = g_dir_open (s->mail_dir, 0, NULL);
  GSList *files = NULL;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".eml"))
      files = g_slist_insert_sorted (files, g_build_filename (s->mail_dir, name, NULL),
                                     (GCompareFunc) strcmp);
  return files;
}

/* Waits for the mail folder to hold @n messages; returns the newest one's text. */
char *
wait_for_mail (Server *s,
               guint   n)
{
  for (guint attempt = 0; attempt < 200; attempt++)
    {
      GSList *files = list_mail (s);
      char *text = NULL;

      if (g_slist_length (files) >= n)
        {
          g_assert_cmpuint (g_slist_length (files), ==, n);
          g_assert_true (g_file_get_contents (g_slist_last (files)->data, &text, NULL, NULL));
          g_slist_free_full (files, g_free);
          return text;
        }
      g_slist_free_full (files, g_free);
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }
  g_assert_not_reached ();
  return NULL;
}

/* The temporary password: the mail's only line indented by four spaces. */
char *
temporary_password (const char *mail)
{
  const char *body = strstr (mail, "\r\n\r\n");
  const char *line;
  const char *end;

  g_assert_nonnull (body);
  line = strstr (body, "\r\n    ");
  g_assert_nonnull (line);
  line += 6;
  end = strstr (line, "\r\n");
  g_assert_nonnull (end);
  return g_strndup (line, end - line);
}

void
assert_mail_headers (const char *mail,
                     const char *to)
{
  g_autofree char *to_line = g_strdup_printf ("\r\nTo: <%s>\r\n", to);
  const char *end = strstr (mail, "\r\n\r\n");

  g_assert_nonnull (end);
  g_assert_true (g_str_has_prefix (mail, "From: =?UTF-8?B?"));
  g_assert_nonnull (strstr (mail, to_line));
  g_assert_nonnull (strstr (mail, "\r\nSubject: =?UTF-8?B?"));
  g_assert_nonnull (strstr (mail, "\r\nDate: "));
  g_assert_nonnull (strstr (mail, "\r\nMessage-ID: <"));
  g_assert_nonnull (strstr (mail, "\r\nMIME-Version: 1.0\r\n"));
  g_assert_nonnull (strstr (mail, "\r\nContent-Type: text/plain; charset=utf-8\r\n"));
  g_assert_nonnull (strstr (mail, "\r\nContent-Transfer-Encoding: 8bit\r\n"));
  g_assert_true (g_utf8_validate (mail, -1, NULL));
}

/* ---- servers with other mail options ---- */

/* Starts a server on @dir like server_start_full(), but without --mail-dir: @args say where
 * mail goes (--smtp ...). */
Server *
server_start_args (const char         *dir,
                   const char * const *args,
                   const char * const *env)
{
  Server *s = g_new0 (Server, 1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  s->dir = dir ? g_strdup (dir) : g_dir_make_tmp ("test-server-XXXXXX", &error);
  g_assert_no_error (error);
  s->db = g_build_filename (s->dir, "cabinet.db", NULL);
  s->mail_dir = g_build_filename (s->dir, "mail", NULL);

  g_ptr_array_add (argv, (char *) server_binary);
  g_ptr_array_add (argv, (char *) "--demo");
  g_ptr_array_add (argv, (char *) "--listen");
  g_ptr_array_add (argv, (char *) "127.0.0.1:0");
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, s->db);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  return launch (s, (const char * const *) argv->pdata, env);
}

/* SIGKILL, as a crash or a power cut would end it; keeps its folder. */
void
server_kill_keep (Server *s)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&s->session);
  g_subprocess_send_signal (s->process, SIGKILL);
  g_subprocess_wait (s->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (s->process));
  g_clear_object (&s->process);
  g_free (s->base);
  g_free (s->db);
  g_free (s->mail_dir);
  g_free (s->dir);
  g_free (s);
}
