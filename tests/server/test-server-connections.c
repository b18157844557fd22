/* test-server-connections.c: the real tek-cabinet-server against hostile connections.
 *
 * Raw sockets where libsoup's client would hide what happens: closed keep-alive connections
 * (descriptors of the server, read from /proc), request and idle timeouts, slowloris,
 * malformed bodies, the connection cap, plain HTTP on a public address, X-Forwarded-For.
 * Every wait has a deadline; none is a timing assertion except "within 5 s" for descriptors,
 * which is the requirement itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <ifaddrs.h>
#include <signal.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/resource.h>

#include "server-test-util.h"

#define HEALTH_REQUEST "GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
/* Generous: a closed connection must be seen long before, but a loaded machine is slow. */
#define CLOSE_DEADLINE_S 30

/* The figure: closed connections are given back within 5 s. A server built with
 * AddressSanitizer does the same work several times slower (and CI runs two tests at once),
 * so that build gets more time; the normal build checks the figure itself. */
#if defined(__SANITIZE_ADDRESS__)
#define GIVE_BACK_DEADLINE_S 30
#else
#define GIVE_BACK_DEADLINE_S 5
#endif

static guint
server_port (Server *s)
{
  const char *colon = strrchr (s->base, ':');

  return (guint) g_ascii_strtoull (colon + 1, NULL, 10);
}

static guint
count_descriptors_of (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/fd", g_subprocess_get_identifier (process));
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static guint
count_descriptors (Server *s)
{
  return count_descriptors_of (s->process);
}

static GSocket *
connect_to (const char *host,
            guint       port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);
  g_autoptr(GSocketAddress) target = g_inet_socket_address_new (address, port);
  GSocket *socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_connect (socket, target, NULL, &error);
  g_assert_no_error (error);
  return socket;
}

static void
send_text (GSocket    *socket,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  gsize len = strlen (text);
  gsize sent = 0;

  while (sent < len)
    {
      gssize n = g_socket_send (socket, text + sent, len - sent, NULL, &error);

      g_assert_no_error (error);
      sent += (gsize) n;
    }
}

/* Reads one answer (head and Content-Length body); returns its status, 0 if the connection
 * ended first. */
static guint
read_response (GSocket *socket)
{
  g_autoptr(GString) data = g_string_new (NULL);
  const char *end;
  const char *length;
  gsize want = G_MAXSIZE;

  g_socket_set_timeout (socket, CLOSE_DEADLINE_S);
  while (data->len < want)
    {
      char buffer[4096];
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);

      g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
      if (n <= 0)
        return 0;
      g_string_append_len (data, buffer, n);
      end = strstr (data->str, "\r\n\r\n");
      if (end != NULL && want == G_MAXSIZE)
        {
          length = g_strstr_len (data->str, end - data->str, "Content-Length: ");
          want = (gsize) (end + 4 - data->str)
                 + (length ? g_ascii_strtoull (length + 16, NULL, 10) : 0);
        }
    }
  g_assert_true (g_str_has_prefix (data->str, "HTTP/1.1 "));
  return (guint) g_ascii_strtoull (data->str + 9, NULL, 10);
}

/* TRUE when the server ends the connection within @seconds (answers before the end are read
 * and dropped); FALSE if it is still open then. */
static gboolean
wait_for_close (GSocket *socket,
                guint    seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  g_socket_set_timeout (socket, 1);
  while (g_get_monotonic_time () < deadline)
    {
      char buffer[4096];
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);

      if (n == 0)
        return TRUE;
      if (n < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        return TRUE;   /* reset */
    }
  return FALSE;
}

static guint
health_status (Server *s)
{
  g_autoptr(Response) r = request (s, "GET", "/api/v1/health", NULL, NULL);

  return r->status;
}

/* 1000 keep-alive connections, each used once and closed by the client, all open at once:
 * the server must give all the descriptors back. */
static void
test_descriptors_flat (void)
{
  Server *s = server_start ();
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  guint port = server_port (s);
  guint before, peak, after = 0;
  gint64 deadline;
  GSocket *warm_up;

  /* Whatever the first request opens for good is opened before counting. */
  warm_up = connect_to ("127.0.0.1", port);
  send_text (warm_up, HEALTH_REQUEST);
  g_assert_cmpuint (read_response (warm_up), ==, 200);
  g_object_unref (warm_up);
  before = count_descriptors (s);

  for (guint i = 0; i < 1000; i++)
    {
      GSocket *socket = connect_to ("127.0.0.1", port);

      send_text (socket, HEALTH_REQUEST);
      g_ptr_array_add (sockets, socket);
    }
  for (guint i = 0; i < sockets->len; i++)
    g_assert_cmpuint (read_response (g_ptr_array_index (sockets, i)), ==, 200);
  peak = count_descriptors (s);
  g_assert_cmpuint (peak, >=, before + 990);
  g_ptr_array_set_size (sockets, 0);   /* closes them all */

  deadline = g_get_monotonic_time () + GIVE_BACK_DEADLINE_S * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      after = count_descriptors (s);
      if (after <= before + 16)
        break;
      g_usleep (G_USEC_PER_SEC / 20);
    }
  g_test_message ("descriptors: %u before, %u with 1000 connections, %u after", before, peak,
                  after);
  g_assert_cmpuint (after, <=, before + 16);
  g_assert_cmpuint (health_status (s), ==, 200);
  server_stop (s);
}

static void
test_request_timeout (void)
{
  const char *args[] = { "--request-timeout=2", NULL };
  Server *s = server_start_full (NULL, args, NULL);
  guint port = server_port (s);
  g_autoptr(GSocket) silent = connect_to ("127.0.0.1", port);
  g_autoptr(GSocket) head = connect_to ("127.0.0.1", port);
  g_autoptr(GSocket) second = NULL;

  /* A connection that never sends, and one whose head never ends. */
  send_text (head, "GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n");
  g_assert_true (wait_for_close (silent, CLOSE_DEADLINE_S));
  g_assert_true (wait_for_close (head, CLOSE_DEADLINE_S));

  /* The second request of a kept-alive connection has the same deadline. */
  second = connect_to ("127.0.0.1", port);
  send_text (second, HEALTH_REQUEST);
  g_assert_cmpuint (read_response (second), ==, 200);
  send_text (second, "GET /api/v1/health HTTP/1.1\r\n");
  g_assert_true (wait_for_close (second, CLOSE_DEADLINE_S));
  server_stop (s);
}

static void
test_idle_timeout (void)
{
  const char *args[] = { "--idle-timeout=2", NULL };
  Server *s = server_start_full (NULL, args, NULL);
  g_autoptr(GSocket) socket = connect_to ("127.0.0.1", server_port (s));

  send_text (socket, HEALTH_REQUEST);
  g_assert_cmpuint (read_response (socket), ==, 200);
  send_text (socket, HEALTH_REQUEST);
  g_assert_cmpuint (read_response (socket), ==, 200);
  g_assert_true (wait_for_close (socket, CLOSE_DEADLINE_S));
  server_stop (s);
}

/* 500 connections sending a header byte now and then; a normal request is still answered, and
 * the slow ones are dropped at the request timeout. */
static void
test_slowloris (void)
{
  const char *args[] = { "--request-timeout=4", NULL };
  Server *s = server_start_full (NULL, args, NULL);
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  guint port = server_port (s);
  gint64 start, deadline;
  guint closed = 0;

  for (guint i = 0; i < 500; i++)
    {
      GSocket *socket = connect_to ("127.0.0.1", port);

      send_text (socket, "GET /api/v1/health HTTP/1.1\r\nX-a: ");
      g_ptr_array_add (sockets, socket);
    }
  for (guint i = 0; i < sockets->len; i++)
    send_text (g_ptr_array_index (sockets, i), "b");

  start = g_get_monotonic_time ();
  g_assert_cmpuint (health_status (s), ==, 200);
  g_test_message ("answered in %.3f s beside 500 slow connections",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  /* One deadline for all: they time out together. */
  deadline = g_get_monotonic_time () + CLOSE_DEADLINE_S * G_USEC_PER_SEC;
  for (guint i = 0; i < sockets->len; i++)
    {
      gint64 left = (deadline - g_get_monotonic_time ()) / G_USEC_PER_SEC;

      if (!wait_for_close (g_ptr_array_index (sockets, i), (guint) MAX (left, 1)))
        break;
      closed++;
    }
  g_assert_cmpuint (closed, ==, 500);
  server_stop (s);
}

/* Bodies that never complete: each is answered or dropped, never kept waiting. */
static void
test_malformed_bodies (void)
{
  static const char *const requests[] = {
    /* shorter than its Content-Length */
    "POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
    "Content-Length: 100\r\n\r\n{\"login\":",
    "POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
    "Content-Length: -1\r\n\r\n{}",
    "POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
    "Content-Length: 18446744073709551616\r\n\r\n{}",
    /* chunked without its last chunk */
    "POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
    "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n",
  };
  const char *args[] = { "--request-timeout=2", NULL };
  Server *s = server_start_full (NULL, args, NULL);
  guint port = server_port (s);

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autoptr(GSocket) socket = connect_to ("127.0.0.1", port);

      send_text (socket, requests[i]);
      g_assert_true (wait_for_close (socket, CLOSE_DEADLINE_S));
    }
  g_assert_cmpuint (health_status (s), ==, 200);
  server_stop (s);
}

static char *public_local_address (void);
static GSubprocess *spawn_server (const char *const *args, const char *dir);

/* The per-address cap, from an address other than loopback (loopback is exempt). */
static void
test_per_address_cap (void)
{
  g_autofree char *public_address = public_local_address ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  const char *args[] = { "--listen", "0.0.0.0:0", "--behind-proxy",
                         "--max-connections-per-address=5", NULL };
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocket) over = NULL;
  g_autoptr(GSocket) local = NULL;
  guint port;

  if (public_address == NULL)
    {
      g_test_skip ("no address other than loopback here");
      return;
    }
  dir = g_dir_make_tmp ("test-server-XXXXXX", &error);
  g_assert_no_error (error);
  server = spawn_server (args, dir);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  port = (guint) g_ascii_strtoull (strrchr (line, ':') + 1, NULL, 10);

  for (guint i = 0; i < 5; i++)
    {
      GSocket *socket = connect_to (public_address, port);

      send_text (socket, HEALTH_REQUEST);
      g_assert_cmpuint (read_response (socket), ==, 200);
      g_ptr_array_add (sockets, socket);
    }
  over = connect_to (public_address, port);
  g_assert_true (wait_for_close (over, CLOSE_DEADLINE_S));
  /* Another address is not affected. */
  local = connect_to ("127.0.0.1", port);
  send_text (local, HEALTH_REQUEST);
  g_assert_cmpuint (read_response (local), ==, 200);

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (server), ==, 0);
  remove_tree (dir);
}

static void
test_connection_cap (void)
{
  const char *args[] = { "--max-connections=20", NULL };
  Server *s = server_start_full (NULL, args, NULL);
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  guint port = server_port (s);
  g_autoptr(GSocket) over = NULL;
  g_autoptr(GSocket) later = NULL;

  for (guint i = 0; i < 20; i++)
    {
      GSocket *socket = connect_to ("127.0.0.1", port);

      send_text (socket, HEALTH_REQUEST);
      g_assert_cmpuint (read_response (socket), ==, 200);
      g_ptr_array_add (sockets, socket);
    }
  /* The 21st is closed without an answer. */
  over = connect_to ("127.0.0.1", port);
  g_assert_true (wait_for_close (over, CLOSE_DEADLINE_S));

  /* Room again once the others are gone. */
  g_ptr_array_set_size (sockets, 0);
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      guint status;

      g_clear_object (&later);
      later = connect_to ("127.0.0.1", port);
      send_text (later, HEALTH_REQUEST);
      status = read_response (later);
      if (status != 0)
        {
          g_assert_cmpuint (status, ==, 200);
          break;
        }
      g_usleep (G_USEC_PER_SEC / 10);
    }
  server_stop (s);
}

/* Starts the binary with @args; returns the process with its stdout and stderr as pipes. */
static GSubprocess *
spawn_server (const char *const *args,
              const char        *dir)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *db = g_build_filename (dir, "cabinet.db", NULL);

  g_ptr_array_add (argv, g_strdup (server_test_binary ()));
  g_ptr_array_add (argv, g_strdup ("--demo"));
  g_ptr_array_add (argv, g_strconcat ("--db=", db, NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  return spawn ((const char *const *) argv->pdata, NULL,
                G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
}

static void
test_plain_http_public (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-server-XXXXXX", &error);
  const char *refused_args[] = { "--listen", "0.0.0.0:0", NULL };
  const char *proxy_args[] = { "--listen", "0.0.0.0:0", "--behind-proxy", NULL };
  g_autoptr(GSubprocess) refused = NULL;
  g_autoptr(GSubprocess) proxied = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *line = NULL;

  g_assert_no_error (error);
  refused = spawn_server (refused_args, dir);
  g_subprocess_communicate_utf8 (refused, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (refused));
  g_assert_cmpint (g_subprocess_get_exit_status (refused), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "refusing plain HTTP on 0.0.0.0"));
  g_assert_nonnull (strstr (err, "--tls-cert"));

  proxied = spawn_server (proxy_args, dir);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proxied));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on http://0.0.0.0:"));
  g_subprocess_send_signal (proxied, SIGTERM);
  g_subprocess_wait (proxied, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proxied));
  g_assert_cmpint (g_subprocess_get_exit_status (proxied), ==, 0);
  remove_tree (dir);
}

/* A failed sign-in through @host:@port for an unknown login; returns the status. */
static guint
failed_sign_in (const char *host,
                guint       port,
                const char *forwarded_for,
                guint       n)
{
  g_autoptr(GSocket) socket = connect_to (host, port);
  g_autofree char *body = g_strdup_printf ("{\"login\":\"9%09u\",\"password\":\"wrong-password\"}",
                                           n);
  g_autofree char *text = g_strdup_printf ("POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\n"
                                           "Content-Type: application/json\r\n"
                                           "X-Forwarded-For: %s\r\n"
                                           "Content-Length: %zu\r\n\r\n%s",
                                           forwarded_for, strlen (body), body);

  send_text (socket, text);
  return read_response (socket);
}

/* Signs in wrongly from @forwarded_for until the address is refused; FALSE if it never is. */
static gboolean
exhaust_address (const char *host,
                 guint       port,
                 const char *forwarded_for,
                 guint      *counter)
{
  for (guint i = 0; i < 200; i++)
    {
      guint status = failed_sign_in (host, port, forwarded_for, (*counter)++);

      if (status == 429)
        return TRUE;
      g_assert_cmpuint (status, ==, 401);
    }
  return FALSE;
}

/* A local address other than loopback, or NULL. */
static char *
public_local_address (void)
{
  struct ifaddrs *list = NULL;
  char *found = NULL;

  if (getifaddrs (&list) != 0)
    return NULL;
  for (struct ifaddrs *i = list; i != NULL && found == NULL; i = i->ifa_next)
    if (i->ifa_addr != NULL && i->ifa_addr->sa_family == AF_INET)
      {
        g_autoptr(GInetAddress) address = g_inet_address_new_from_bytes (
            (const guint8 *) &((struct sockaddr_in *) i->ifa_addr)->sin_addr, G_SOCKET_FAMILY_IPV4);

        if (!g_inet_address_get_is_loopback (address))
          found = g_inet_address_to_string (address);
      }
  freeifaddrs (list);
  return found;
}

static void
test_forwarded_for (void)
{
  const char *proxy_args[] = { "--behind-proxy", NULL };
  Server *s = server_start_full (NULL, proxy_args, NULL);
  Server *direct = NULL;
  guint port = server_port (s);
  guint counter = 0;
  g_autofree char *public_address = public_local_address ();

  /* Behind the proxy, the last entry is the client: one address is refused, another not. */
  g_assert_true (exhaust_address ("127.0.0.1", port, "198.51.100.7", &counter));
  g_assert_cmpuint (failed_sign_in ("127.0.0.1", port, "198.51.100.7, 198.51.100.8", counter++),
                    ==, 401);
  g_assert_cmpuint (failed_sign_in ("127.0.0.1", port, "198.51.100.8, 198.51.100.7", counter++),
                    ==, 429);
  server_stop (s);

  /* Without --behind-proxy the header is the client's word: the peer counts. */
  direct = server_start ();
  port = server_port (direct);
  g_assert_true (exhaust_address ("127.0.0.1", port, "198.51.100.7", &counter));
  g_assert_cmpuint (failed_sign_in ("127.0.0.1", port, "198.51.100.9", counter++), ==, 429);
  server_stop (direct);

  /* A peer other than loopback is never believed, even with --behind-proxy. */
  if (public_address == NULL)
    {
      g_test_message ("no address other than loopback here: the last check is skipped");
      return;
    }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("test-server-XXXXXX", &error);
    const char *args[] = { "--listen", "0.0.0.0:0", "--behind-proxy", NULL };
    g_autoptr(GSubprocess) proxied = spawn_server (args, dir);
    g_autoptr(GDataInputStream) lines = g_data_input_stream_new (
                                          g_subprocess_get_stdout_pipe (proxied));
    g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
    const char *colon;

    g_assert_no_error (error);
    g_assert_nonnull (line);
    colon = strrchr (line, ':');
    port = (guint) g_ascii_strtoull (colon + 1, NULL, 10);
    /* Locked through loopback, then the same header from the public address is not it. */
    g_assert_true (exhaust_address ("127.0.0.1", port, "198.51.100.7", &counter));
    g_assert_cmpuint (failed_sign_in (public_address, port, "198.51.100.7", counter++), ==, 401);
    g_subprocess_send_signal (proxied, SIGTERM);
    g_subprocess_wait (proxied, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (proxied), ==, 0);
    remove_tree (dir);
  }
}

/* Runs openssl s_client against @port with @options and @input; returns its stdout. */
static char *
s_client (guint        port,
          const char  *input,
          const char  *option1,
          const char  *option2)
{
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", port);
  const char *argv[] = { "openssl", "s_client", "-connect", target, option1, option2, NULL };
  g_autoptr(GSubprocess) client = spawn (argv, NULL, G_SUBPROCESS_FLAGS_STDIN_PIPE
                                                     | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                     | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_subprocess_communicate_utf8 (client, input, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  return out;
}

/* TLS 1.2 at least, forward-secret key exchange only; and closed TLS keep-alive connections
 * (the client sends close_notify, then closes) give their descriptors back. */
static void
test_tls (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-server-XXXXXX", &error);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  guint port, before, after = 0;
  gint64 deadline;

  g_assert_no_error (error);
  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      remove_tree (dir);
      return;
    }
  {
    const char *argv[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                           "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                           NULL };
    g_autoptr(GSubprocess) req = spawn (argv, NULL, G_SUBPROCESS_FLAGS_STDERR_SILENCE);

    g_subprocess_wait_check (req, NULL, &error);
    g_assert_no_error (error);
  }
  {
    const char *args[] = { "--listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", key,
                           NULL };

    server = spawn_server (args, dir);
  }
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on https://127.0.0.1:"));
  port = (guint) g_ascii_strtoull (strrchr (line, ':') + 1, NULL, 10);

  /* SECLEVEL=0 lets the client offer what Debian's OpenSSL would not: the server must refuse. */
  {
    g_autofree char *old = s_client (port, "", "-tls1_1", "-cipher=DEFAULT@SECLEVEL=0");
    g_autofree char *rsa = s_client (port, "", "-tls1_2", "-cipher=AES128-SHA@SECLEVEL=0");
    g_autofree char *rsa_gcm = s_client (port, "", "-tls1_2", "-cipher=AES128-GCM-SHA256");
    g_autofree char *good = s_client (port, "", "-tls1_2", NULL);
    g_autofree char *best = s_client (port, "", "-tls1_3", NULL);

    g_assert_nonnull (strstr (old, "Cipher is (NONE)"));
    g_assert_nonnull (strstr (rsa, "Cipher is (NONE)"));
    g_assert_nonnull (strstr (rsa_gcm, "Cipher is (NONE)"));
    g_assert_nonnull (strstr (good, "New, TLSv1.2, Cipher is ECDHE-"));
    g_assert_nonnull (strstr (best, "New, TLSv1.3, Cipher is TLS_"));
  }

  before = count_descriptors_of (server);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *out = s_client (port, HEALTH_REQUEST, "-tls1_3", NULL);

      g_assert_nonnull (strstr (out, "New, TLSv1.3"));
    }
  deadline = g_get_monotonic_time () + GIVE_BACK_DEADLINE_S * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      after = count_descriptors_of (server);
      if (after <= before + 4)
        break;
      g_usleep (G_USEC_PER_SEC / 20);
    }
  g_assert_cmpuint (after, <=, before + 4);

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server));
  g_assert_cmpint (g_subprocess_get_exit_status (server), ==, 0);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  struct rlimit limit;

  g_test_init (&argc, &argv, NULL);
  if (!server_test_init (argc, argv))
    return 1;
  /* 1000 connections at once need more than the usual 1024 descriptors. */
  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }

  g_test_add_func ("/connections/descriptors-flat", test_descriptors_flat);
  g_test_add_func ("/connections/request-timeout", test_request_timeout);
  g_test_add_func ("/connections/idle-timeout", test_idle_timeout);
  g_test_add_func ("/connections/slowloris", test_slowloris);
  g_test_add_func ("/connections/malformed-bodies", test_malformed_bodies);
  g_test_add_func ("/connections/cap", test_connection_cap);
  g_test_add_func ("/connections/per-address-cap", test_per_address_cap);
  g_test_add_func ("/connections/plain-http-public", test_plain_http_public);
  g_test_add_func ("/connections/forwarded-for", test_forwarded_for);
  g_test_add_func ("/connections/tls", test_tls);
  return g_test_run ();
}
