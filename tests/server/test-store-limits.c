/* test-store-limits.c: the rate limiter counting in the store, on SQLite and on PostgreSQL
 * (a cluster the test starts): the unit tests' scenarios of test-server-units.c give the same
 * answers as in memory, two stores on one database share one limit (in turn and racing from
 * two threads), and expired keys leave the table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <string.h>

#include "cab-rate-limiter.h"
#include "cab-store.h"
#include "rate-limiter-scenarios.h"
#include "server-test-pg.h"
#include "server-test-util.h"

static PgCluster *cluster;
static char *temp_dir;

#define SQLITE     GINT_TO_POINTER (1)
#define POSTGRESQL GINT_TO_POINTER (2)

/* A new, empty database of @store_kind, as cab_store_open() takes it. */
static char *
new_database (gconstpointer store_kind)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("limits_%u", n++);

  if (store_kind == POSTGRESQL)
    return pg_cluster_database (pg_cluster_conninfo (cluster), name);
  return g_strdup_printf ("%s/%s.db", temp_dir, name);
}

static CabStore *
open_store (const char *spec)
{
  g_autoptr(GError) error = NULL;
  CabStore *store = cab_store_open (spec, &error);

  g_assert_no_error (error);
  return store;
}

static CabRateLimiter *
new_limiter (gconstpointer store_kind)
{
  g_autofree char *spec = new_database (store_kind);
  g_autoptr(CabStore) store = open_store (spec);

  return cab_rate_limiter_new_for_store (store);
}

/* The number of rows in the rate_limits table. */
static gint64
count_rows (const char *spec)
{
  gint64 n;

  if (cab_store_spec_is_postgresql (spec))
    {
      PGconn *conn = PQconnectdb (spec);
      PGresult *res = PQexec (conn, "SELECT count(*) FROM rate_limits");

      g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
      n = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
      PQclear (res);
      PQfinish (conn);
    }
  else
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open (spec, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM rate_limits", -1, &stmt,
                                           NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      n = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
    }
  return n;
}

static void
test_rate_limiter_login (gconstpointer store_kind)
{
  g_autoptr(CabRateLimiter) limiter = new_limiter (store_kind);

  rate_limiter_scenario_login (limiter);
}

static void
test_rate_limiter_reservation (gconstpointer store_kind)
{
  g_autoptr(CabRateLimiter) limiter = new_limiter (store_kind);

  rate_limiter_scenario_reservation (limiter);
}

static void
test_rate_limiter_address (gconstpointer store_kind)
{
  g_autoptr(CabRateLimiter) limiter = new_limiter (store_kind);

  rate_limiter_scenario_address (limiter);
}

static void
test_rate_limiter_distributed (gconstpointer store_kind)
{
  g_autoptr(CabRateLimiter) limiter = new_limiter (store_kind);

  rate_limiter_scenario_distributed (limiter);
}

static void
test_rate_limiter_take (gconstpointer store_kind)
{
  g_autoptr(CabRateLimiter) limiter = new_limiter (store_kind);

  rate_limiter_scenario_take (limiter, 1000);
}

/* Two limiters on one database (two instances): their failures add up to one limit. */
static void
test_shared (gconstpointer store_kind)
{
  g_autofree char *spec = new_database (store_kind);
  g_autoptr(CabStore) store_a = open_store (spec);
  g_autoptr(CabStore) store_b = open_store (spec);
  g_autoptr(CabRateLimiter) a = cab_rate_limiter_new_for_store (store_a);
  g_autoptr(CabRateLimiter) b = cab_rate_limiter_new_for_store (store_b);
  gint64 retry = 0;

  for (guint i = 0; i < 3; i++)
    g_assert_true (cab_rate_limiter_reserve (a, "alice", "10.0.0.1", 1000 + i, NULL, NULL));
  for (guint i = 0; i < 2; i++)
    g_assert_true (cab_rate_limiter_reserve (b, "alice", "10.0.0.1", 1003 + i, NULL, NULL));
  g_assert_false (cab_rate_limiter_reserve (a, "alice", "10.0.0.1", 1010, &retry, NULL));
  g_assert_cmpint (retry, ==, 890);
  g_assert_false (cab_rate_limiter_reserve (b, "alice", "10.0.0.1", 1010, &retry, NULL));
  g_assert_cmpint (retry, ==, 890);
  /* A success on B forgets the pair on A too. */
  g_assert_true (cab_rate_limiter_reserve (b, "alice", "10.0.0.2", 1010, NULL, NULL));
  cab_rate_limiter_succeeded (b, "alice", "10.0.0.1", 1010);
  g_assert_true (cab_rate_limiter_reserve (a, "alice", "10.0.0.1", 1011, NULL, NULL));

  for (guint i = 0; i < 2; i++)
    g_assert_true (cab_rate_limiter_take (a, "registration", "10.0.0.3", 3, 3600, 100, NULL));
  g_assert_true (cab_rate_limiter_take (b, "registration", "10.0.0.3", 3, 3600, 100, NULL));
  g_assert_false (cab_rate_limiter_take (a, "registration", "10.0.0.3", 3, 3600, 101, &retry));
  g_assert_cmpint (retry, ==, 3599);
}

typedef struct
{
  char  *spec;
  guint  allowed;
} Racer;

#define RACE_ATTEMPTS 40

static gpointer
race (gpointer data)
{
  Racer *racer = data;
  g_autoptr(CabStore) store = open_store (racer->spec);
  g_autoptr(CabRateLimiter) limiter = cab_rate_limiter_new_for_store (store);

  for (guint i = 0; i < RACE_ATTEMPTS; i++)
    {
      g_autofree char *login = g_strdup_printf ("user%u", i % 8);
      g_autoptr(GError) error = NULL;
      gboolean allowed;

      /* A lock wait that timed out on a loaded machine is tried again: it is not what is
       * tested, and it changes nothing. */
      while (!(allowed = cab_rate_limiter_reserve_checked (limiter, login, "10.9.9.9", 5000,
                                                           NULL, NULL, &error))
             && error != NULL)
        {
          g_test_message ("racer: %s", error->message);
          g_clear_error (&error);
        }
      if (allowed)
        racer->allowed++;
    }
  return NULL;
}

/* Two instances racing, each on its own connection, from two threads: exactly the address's
 * limit gets through, never one more. */
static void
test_race (gconstpointer store_kind)
{
  g_autofree char *spec = new_database (store_kind);
  g_autoptr(CabStore) migrated = open_store (spec);
  Racer racers[4] = { { spec, 0 }, { spec, 0 }, { spec, 0 }, { spec, 0 } };
  GThread *threads[G_N_ELEMENTS (racers)];

  for (guint i = 0; i < G_N_ELEMENTS (racers); i++)
    threads[i] = g_thread_new ("racer", race, &racers[i]);
  for (guint i = 0; i < G_N_ELEMENTS (racers); i++)
    g_thread_join (threads[i]);
  g_assert_cmpuint (racers[0].allowed + racers[1].allowed + racers[2].allowed
                    + racers[3].allowed, ==, CAB_RATE_LIMIT_PER_ADDRESS);
}

/* Keys whose events all left their window are dropped: the table stays bounded. */
static void
test_sweep (gconstpointer store_kind)
{
  g_autofree char *spec = new_database (store_kind);
  g_autoptr(CabStore) store = open_store (spec);
  g_autoptr(CabRateLimiter) limiter = cab_rate_limiter_new_for_store (store);

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *key = g_strdup_printf ("10.0.%u.%u", i / 250, i % 250);

      g_assert_true (cab_rate_limiter_take (limiter, "registration", key, 10, 3600, 1000 + i,
                                            NULL));
    }
  g_assert_true (cab_rate_limiter_reserve (limiter, "alice", "10.0.0.1", 4000, NULL, NULL));
  g_assert_cmpint (count_rows (spec), ==, 100 + 3);
  /* An hour later, the next count sweeps every key whose window has passed (not the
   * password's three, whose window is shorter but started later). */
  g_assert_true (cab_rate_limiter_take (limiter, "registration", "10.7.7.7", 10, 3600,
                                        1000 + 3600 + 100, NULL));
  g_assert_cmpint (count_rows (spec), ==, 1 + 3);
  g_assert_true (cab_rate_limiter_take (limiter, "registration", "10.7.7.8", 10, 3600,
                                        4000 + CAB_RATE_LIMIT_WINDOW + 60, NULL));
  g_assert_cmpint (count_rows (spec), ==, 2);
}

static void
add_tests (const char    *store_name,
           gconstpointer  store_kind)
{
  static const struct
  {
    const char        *name;
    GTestDataFunc      func;
  } tests[] = {
    { "login", test_rate_limiter_login },
    { "address", test_rate_limiter_address },
    { "reservation", test_rate_limiter_reservation },
    { "distributed", test_rate_limiter_distributed },
    { "take", test_rate_limiter_take },
    { "shared", test_shared },
    { "race", test_race },
    { "sweep", test_sweep },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store-limits/%s/%s", store_name,
                                               tests[i].name);

      g_test_add_data_func (path, store_kind, tests[i].func);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  temp_dir = g_dir_make_tmp ("test-store-limits-XXXXXX", NULL);
  g_assert_nonnull (temp_dir);
  cluster = pg_cluster_new ();

  add_tests ("sqlite", SQLITE);
  add_tests ("postgresql", POSTGRESQL);

  status = g_test_run ();
  pg_cluster_free (cluster);
  remove_tree (temp_dir);
  g_free (temp_dir);
  return status;
}
