/* test-reconnector.c: an offline session comes back online by itself once the server is back.
 *
 * Run as: test-reconnector SERVER-BINARY [g_test options]. No display needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "demo-server.h"
#include "offline/cab-reconnector.h"

static const char *server_binary;
static char *data_dir;

static GSubprocess *
start_server (const char  *listen,
              char       **out_url)
{
  g_autofree char *db = g_build_filename (data_dir, "demo.db", NULL);

  return demo_server_spawn (server_binary, db, listen, NULL, out_url);
}

static void
stop_server (GSubprocess *server)
{
  demo_server_stop (server);
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_back_online (void)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = start_server ("127.0.0.1:0", &url);
  g_autoptr(GSubprocess) again = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CabApiClient) api = NULL;
  g_autoptr(CabSession) session = NULL;
  g_autoptr(CabReconnector) reconnector = NULL;
  g_autofree char *listen = NULL;
  gint64 deadline;
  GDate today;
  guint n_probes;
  gint64 started;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  listen = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));
  stop_server (server);

  api = cab_api_client_new (url, &error);
  g_assert_no_error (error);
  session = cab_session_new (api, "1234567890");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, 6, 2016);
  cab_session_set_today (session, &today);
  cab_session_set_offline (session, TRUE);
  started = g_get_monotonic_time ();
  reconnector = cab_reconnector_new (session, 50);

  /* Nobody answers: it keeps asking, waiting longer each time, and stays offline. The third
   * probe comes after at least 50 + 100 + 200 ms (every 50 ms it would be 150 ms): a lower
   * bound on the time, which a loaded machine can only make longer. */
  {
    deadline = started + 20 * G_USEC_PER_SEC;
    while (cab_reconnector_get_n_probes (reconnector) < 3 && g_get_monotonic_time () < deadline)
      spin (5);
    g_assert_cmpuint (cab_reconnector_get_n_probes (reconnector), >=, 3);
    g_assert_cmpint (g_get_monotonic_time () - started, >=, 340 * 1000);
  }
  g_assert_true (cab_session_get_offline (session));

  /* The server is back on the same address: online again, with the server's today. */
  again = start_server (listen, NULL);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (cab_session_get_offline (session))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  cab_session_get_today (session, &today);
  g_assert_cmpuint (g_date_get_year (&today), >, 2016);

  /* Online, it asks no more. */
  n_probes = cab_reconnector_get_n_probes (reconnector);
  spin (300);
  g_assert_cmpuint (cab_reconnector_get_n_probes (reconnector), ==, n_probes);

  stop_server (again);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  if (argc < 2)
    {
      g_printerr ("Usage: %s SERVER-BINARY [test options]\n", argv[0]);
      return 2;
    }
  server_binary = argv[1];
  argv[1] = argv[0];
  argv++;
  argc--;

  data_dir = g_dir_make_tmp ("cab-reconnector-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reconnector/back-online", test_back_online);
  status = g_test_run ();

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", data_dir);

    if (g_str_has_prefix (data_dir, g_get_tmp_dir ()))
      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
  g_free (data_dir);

  return status;
}
