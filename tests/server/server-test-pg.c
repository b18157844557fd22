/* server-test-pg.c: a PostgreSQL 15 cluster of the test's own, in a temporary folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <grp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "server-test-pg.h"

#define PG_BIN "/usr/lib/postgresql/15/bin/"

struct _PgCluster
{
  char        *dir;        /* the socket lives here */
  char        *data;
  char        *conninfo;
  GSubprocess *postgres;
};

/* postgres dies with the test: SIGQUIT is its immediate shutdown, which ends its children. */
static void
quit_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGQUIT);
}

/* As root, runs @argv as nobody (setpriv sets the death signal again after changing the
 * user, which clears it). */
static GSubprocess *
spawn_as_user (PgCluster          *cluster,
               const char * const *argv,
               GSubprocessFlags    flags)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *log = g_build_filename (cluster->dir, "postgres.log", NULL);
  GSubprocess *process;

  if (geteuid () == 0)
    {
      g_ptr_array_add (args, (char *) "setpriv");
      g_ptr_array_add (args, (char *) "--reuid=nobody");
      g_ptr_array_add (args, (char *) "--regid=nogroup");
      g_ptr_array_add (args, (char *) "--clear-groups");
      g_ptr_array_add (args, (char *) "--pdeathsig=QUIT");
      g_ptr_array_add (args, (char *) "--");
    }
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  g_subprocess_launcher_set_child_setup (launcher, quit_with_parent, NULL, NULL);
  g_subprocess_launcher_set_cwd (launcher, cluster->dir);
  /* Its messages go to a log beside the data, read when something goes wrong. */
  if (!(flags & G_SUBPROCESS_FLAGS_STDERR_PIPE))
    {
      g_subprocess_launcher_set_stdout_file_path (launcher, log);
      g_subprocess_launcher_set_stderr_file_path (launcher, log);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static void
print_log (PgCluster *cluster)
{
  g_autofree char *log = g_build_filename (cluster->dir, "postgres.log", NULL);
  g_autofree char *text = NULL;

  if (g_file_get_contents (log, &text, NULL, NULL))
    g_printerr ("--- postgres.log ---\n%s--- end ---\n", text);
}

PgCluster *
pg_cluster_new (void)
{
  PgCluster *cluster = g_new0 (PgCluster, 1);
  g_autoptr(GSubprocess) initdb = NULL;
  g_autoptr(GError) error = NULL;

  cluster->dir = g_dir_make_tmp ("test-pg-XXXXXX", &error);
  g_assert_no_error (error);
  cluster->data = g_build_filename (cluster->dir, "data", NULL);
  g_chmod (cluster->dir, 0755);
  if (geteuid () == 0)
    {
      struct passwd *nobody = getpwnam ("nobody");
      struct group *nogroup = getgrnam ("nogroup");

      g_assert_nonnull (nobody);
      g_assert_nonnull (nogroup);
      g_assert_cmpint (chown (cluster->dir, nobody->pw_uid, nogroup->gr_gid), ==, 0);
    }

  {
    const char *argv[] = { PG_BIN "initdb", "--pgdata", cluster->data, "--username", "cab",
                           "--auth", "trust", "--encoding", "UTF8", "--locale", "C",
                           "--no-sync", NULL };

    initdb = spawn_as_user (cluster, argv, G_SUBPROCESS_FLAGS_NONE);
  }
  g_subprocess_wait (initdb, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (initdb) || g_subprocess_get_exit_status (initdb) != 0)
    {
      print_log (cluster);
      g_error ("initdb failed");
    }

  cluster->conninfo = g_strdup_printf ("host=%s user=cab", cluster->dir);
  pg_cluster_start_server (cluster);
  g_setenv ("CAB_TEST_PG", cluster->conninfo, TRUE);
  return cluster;
}

void
pg_cluster_start_server (PgCluster *cluster)
{
  g_autofree char *ping = g_strdup_printf ("%s dbname=postgres connect_timeout=5",
                                           cluster->conninfo);
  const char *argv[] = { PG_BIN "postgres", "-D", cluster->data, "-k", cluster->dir,
                         "-c", "listen_addresses=", "-c", "fsync=off",
                         "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                         "-c", "max_connections=300", "-c", "shared_buffers=16MB",
                         "-c", "unix_socket_permissions=0777", NULL };
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  g_assert_null (cluster->postgres);
  cluster->postgres = spawn_as_user (cluster, argv, G_SUBPROCESS_FLAGS_NONE);
  while (PQping (ping) != PQPING_OK)
    {
      if (g_subprocess_get_identifier (cluster->postgres) == NULL
          || g_get_monotonic_time () > deadline)
        {
          print_log (cluster);
          g_error ("PostgreSQL did not start");
        }
      g_usleep (20 * G_TIME_SPAN_MILLISECOND);
    }
}

void
pg_cluster_stop_server (PgCluster *cluster)
{
  g_autoptr(GError) error = NULL;

  if (cluster->postgres == NULL)
    return;
  /* Fast shutdown: clients are disconnected, the data is kept. */
  g_subprocess_send_signal (cluster->postgres, SIGINT);
  g_subprocess_wait (cluster->postgres, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&cluster->postgres);
}

static void
remove_all (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_all (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
pg_cluster_free (PgCluster *cluster)
{
  pg_cluster_stop_server (cluster);
  g_unsetenv ("CAB_TEST_PG");
  remove_all (cluster->dir);
  g_free (cluster->dir);
  g_free (cluster->data);
  g_free (cluster->conninfo);
  g_free (cluster);
}

const char *
pg_cluster_conninfo (PgCluster *cluster)
{
  return cluster->conninfo;
}

char *
pg_cluster_database (const char *conninfo,
                     const char *name)
{
  g_autofree char *admin_info = g_strdup_printf ("%s dbname=postgres connect_timeout=10",
                                                 conninfo);
  g_autoptr(GString) db = g_string_new ("t_");
  PGconn *conn = PQconnectdb (admin_info);
  PGresult *result;
  const char *params[1];

  /* Folder names are unique: the database is the folder's, so a restart finds it again. */
  for (const char *p = name; *p != '\0'; p++)
    g_string_append_c (db, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '_');

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot reach the test cluster: %s", PQerrorMessage (conn));
  params[0] = db->str;
  result = PQexecParams (conn, "SELECT 1 FROM pg_database WHERE datname = $1", 1, NULL,
                         params, NULL, NULL, 0);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  if (PQntuples (result) == 0)
    {
      g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", db->str);

      PQclear (result);
      result = PQexec (conn, create);
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        g_error ("%s: %s", create, PQerrorMessage (conn));
    }
  PQclear (result);
  PQfinish (conn);
  return g_strdup_printf ("%s dbname=%s", conninfo, db->str);
}

char *
pg_wait_for_lock_waiter (const char   *conninfo,
                         char * const *ended)
{
  PGconn *watcher = PQconnectdb (conninfo);
  char *lock_type = NULL;

  g_assert_cmpint (PQstatus (watcher), ==, CONNECTION_OK);
  while (lock_type == NULL && *ended == NULL)
    {
      PGresult *res = PQexec (watcher, "SELECT locktype FROM pg_locks WHERE NOT granted");

      g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
      if (PQntuples (res) > 0)
        lock_type = g_strdup (PQgetvalue (res, 0, 0));
      else
        g_usleep (10000);
      PQclear (res);
      g_main_context_iteration (NULL, FALSE);
    }
  PQfinish (watcher);
  return lock_type;
}
