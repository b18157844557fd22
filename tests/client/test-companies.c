/* test-companies.c: several companies in one window (issue 17), without a display: the saved
 * list of companies (and what it makes of a damaged or hostile file), and the Companies
 * overview's figures for two companies of the real demo server, online and then offline from
 * the saved ledgers, checked against the server's own GET /accounts/{a}/balance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cab-api-client.h"
#include "cab-company-list.h"
#include "cab-company-overview.h"
#include "cab-session.h"
#include "cab-session-services.h"
#include "client-test-util.h"
#include "offline/cab-offline-store.h"

static char *data_home;

/* --- the list --------------------------------------------------------------------------- */

static void
test_list (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cab-companies-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sub", "companies.json", NULL);
  g_autoptr(CabCompanyList) list = cab_company_list_new (path);
  g_autoptr(CabCompanyList) again = NULL;
  g_autoptr(GError) error = NULL;
  const CabCompanyEntry *entry;
  GStatBuf st;

  g_assert_cmpuint (cab_company_list_get_n (list), ==, 0);
  g_assert_true (cab_company_list_put (list, "demo", "http://127.0.0.1:1/", "1234567890", NULL,
                                       &error));
  g_assert_no_error (error);
  g_assert_true (cab_company_list_put (list, "cabinet.example.org", "https://cabinet.example.org/",
                                       "3456789012", "АО «Василек»", &error));
  /* a name learned later is kept; a put without one keeps it */
  g_assert_true (cab_company_list_put (list, "demo", "http://127.0.0.1:2/", "1234567890",
                                       "ООО «Ромашка»", &error));
  g_assert_true (cab_company_list_put (list, "demo", "http://127.0.0.1:2/", "1234567890", NULL,
                                       &error));
  g_assert_no_error (error);

  /* the user's eyes only */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  again = cab_company_list_new (path);
  g_assert_cmpuint (cab_company_list_get_n (again), ==, 2);
  entry = cab_company_list_lookup (again, "demo", "1234567890");
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->server_url, ==, "http://127.0.0.1:2/");
  g_assert_cmpstr (entry->name, ==, "ООО «Ромашка»");
  g_assert_null (cab_company_list_lookup (again, "demo", "3456789012"));
  entry = cab_company_list_get (again, 1);
  g_assert_cmpstr (entry->login, ==, "3456789012");

  /* unusable values are refused, not saved */
  g_assert_false (cab_company_list_put (again, "demo", "http://127.0.0.1:2/", "", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (cab_company_list_remove (again, "demo", "1234567890", &error));
  g_assert_true (cab_company_list_remove (again, "demo", "1234567890", &error));
  g_clear_object (&list);
  list = cab_company_list_new (path);
  g_assert_cmpuint (cab_company_list_get_n (list), ==, 1);
  g_assert_cmpstr (cab_company_list_get (list, 0)->server_id, ==, "cabinet.example.org");

  test_remove_tree (dir);
}

static void
test_list_hostile (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cab-companies-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "companies.json", NULL);
  g_autofree char *long_login = g_strnfill (4096, '7');
  g_autofree char *with_long = g_strdup_printf ("[{\"server_id\":\"demo\",\"server_url\":\"http://x/\","
                                                "\"login\":\"%s\"}]", long_login);
  const char *damaged[] = {
    "", "not json", "{\"server_id\":\"demo\"}", "[1, \"two\", null, []]",
    "[{\"server_id\":\"demo\",\"login\":\"1\"}]",                                /* no address */
    "[{\"server_id\":5,\"server_url\":\"http://x/\",\"login\":\"1\"}]",          /* not a string */
    "[{\"server_id\":\"\",\"server_url\":\"http://x/\",\"login\":\"1\"}]",       /* empty */
    "[{\"server_id\":\"demo\",\"server_url\":\"http://x/\",\"login\":\"\\u00ff\\ud800\"}]",
    with_long,
  };
  g_autoptr(CabCompanyList) list = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_assert_true (g_file_set_contents (path, damaged[i], -1, NULL));
      g_clear_object (&list);
      list = cab_company_list_new (path);
      g_assert_cmpuint (cab_company_list_get_n (list), ==, 0);
    }

  /* duplicates count once; the good entries of a file survive its bad ones */
  g_assert_true (g_file_set_contents (path,
    "[{\"server_id\":\"demo\",\"server_url\":\"http://x/\",\"login\":\"1\",\"name\":\"A\"},"
    " {\"server_id\":\"demo\",\"server_url\":\"http://y/\",\"login\":\"1\"},"
    " {\"bad\":true},"
    " {\"server_id\":\"demo\",\"server_url\":\"http://x/\",\"login\":\"2\",\"name\":7}]", -1, NULL));
  g_clear_object (&list);
  list = cab_company_list_new (path);
  g_assert_cmpuint (cab_company_list_get_n (list), ==, 2);
  g_assert_cmpstr (cab_company_list_get (list, 0)->server_url, ==, "http://x/");
  g_assert_null (cab_company_list_get (list, 1)->name);

  /* a damaged file is replaced at the next change */
  g_assert_true (g_file_set_contents (path, "garbage", -1, NULL));
  g_clear_object (&list);
  list = cab_company_list_new (path);
  g_assert_true (cab_company_list_put (list, "demo", "http://x/", "1", NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&list);
  list = cab_company_list_new (path);
  g_assert_cmpuint (cab_company_list_get_n (list), ==, 1);

  /* no more than the limit */
  for (guint i = 0; i < CAB_COMPANY_LIST_MAX + 5; i++)
    {
      g_autofree char *login = g_strdup_printf ("%u", 100 + i);

      if (!cab_company_list_put (list, "demo", "http://x/", login, NULL, &error))
        break;
    }
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (cab_company_list_get_n (list), ==, CAB_COMPANY_LIST_MAX);

  test_remove_tree (dir);
}

/* --- the overview ----------------------------------------------------------------------- */

typedef struct
{
  gboolean  done;
  GDate     today;
  CabMe    *me;
  CabBalance *balance;
  GError   *error;
} Wait;

static void
on_signed_in (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  cab_api_client_sign_in_finish (CAB_API_CLIENT (object), result, NULL, &wait->error);
  wait->done = TRUE;
}

static void
on_today (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  cab_api_client_get_today_finish (CAB_API_CLIENT (object), result, &wait->today, &wait->error);
  wait->done = TRUE;
}

static void
on_me (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  Wait *wait = user_data;

  wait->me = cab_api_client_get_me_finish (CAB_API_CLIENT (object), result, &wait->error);
  wait->done = TRUE;
}

static void
on_balance (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->balance = cab_api_client_get_balance_finish (CAB_API_CLIENT (object), result,
                                                     &wait->error);
  wait->done = TRUE;
}

typedef struct
{
  CabSession *session;
  CabMoney    debt;          /* the server's, summed over the visible accounts */
  CabMoney    recommended;
  guint       n_accounts;
} Company;

/* A signed-in session of @login with its services (the offline store among them). */
static CabSession *
signed_in_session (TestServer *server,
                   const char *login,
                   const char *password,
                   Company    *expected)
{
  g_autoptr(CabApiClient) api = cab_api_client_new (server->url, NULL);
  g_autoptr(CabMe) me = NULL;
  CabSession *session;
  Wait wait = { 0 };

  cab_api_client_sign_in_async (api, login, password, NULL, on_signed_in, &wait);
  test_wait_for (&wait.done);
  g_assert_no_error (wait.error);

  wait.done = FALSE;
  cab_api_client_get_today_async (api, NULL, on_today, &wait);
  test_wait_for (&wait.done);
  g_assert_no_error (wait.error);

  wait.done = FALSE;
  cab_api_client_get_me_async (api, NULL, on_me, &wait);
  test_wait_for (&wait.done);
  g_assert_no_error (wait.error);
  me = g_steal_pointer (&wait.me);

  session = cab_session_new (api, login);
  cab_session_set_server_id (session, "overview-test");
  cab_session_set_me (session, me);
  cab_session_set_today (session, &wait.today);
  cab_session_services_start (session, NULL);

  /* the figures the server computes itself, for every account of the company */
  expected->session = session;
  for (guint i = 0; me->visible_accounts[i] != NULL; i++)
    {
      wait.done = FALSE;
      cab_api_client_get_balance_async (api, me->visible_accounts[i], &wait.today, NULL,
                                        on_balance, &wait);
      test_wait_for (&wait.done);
      g_assert_no_error (wait.error);
      expected->debt += wait.balance->debt;
      expected->recommended += wait.balance->recommended_payment;
      expected->n_accounts++;
      g_clear_pointer (&wait.balance, cab_balance_free);
    }

  return session;
}

static gboolean
all_done (gpointer data)
{
  GListModel *model = data;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CabCompanyFigures) figures = g_list_model_get_item (model, i);

      if (cab_company_figures_get_state (figures) == CAB_COMPANY_FIGURES_LOADING)
        return FALSE;
    }

  return TRUE;
}

static gboolean
ledgers_saved (gpointer data)
{
  CabSession *session = data;
  CabOfflineStore *store = cab_session_get_offline_store (session);
  const CabMe *me = cab_session_get_me (session);

  for (guint i = 0; me->visible_accounts[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = cab_offline_store_get_json (store, CAB_OFFLINE_LEDGER,
                                                             me->visible_accounts[i],
                                                             NULL, NULL, NULL, NULL);

      if (node == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
assert_figures (CabCompanyFigures *figures,
                const Company     *expected,
                gboolean           saved)
{
  GDate today, due;
  CabMoney amount;
  gboolean known;

  g_assert_cmpint (cab_company_figures_get_state (figures), ==, CAB_COMPANY_FIGURES_READY);
  g_assert_cmpuint (cab_company_figures_get_n_accounts (figures), ==, expected->n_accounts);
  g_assert_cmpuint (cab_company_figures_get_n_missing (figures), ==, 0);
  g_assert_cmpint (cab_company_figures_get_debt (figures), ==, expected->debt);
  g_assert_cmpint (cab_company_figures_get_recommended (figures), ==, expected->recommended);
  g_assert_cmpint (cab_company_figures_get_saved (figures), ==, saved);

  /* the next due date is ahead, and no later than a month and a half */
  cab_session_get_today (cab_company_figures_get_session (figures), &today);
  g_assert_true (cab_company_figures_get_next_due (figures, &due, &amount, &known));
  g_assert_cmpint (g_date_compare (&due, &today), >=, 0);
  g_assert_cmpint (g_date_days_between (&today, &due), <=, 45);
  /* bills are charges: what is due is never negative, known in part or whole */
  g_assert_cmpint (amount, >=, 0);
  (void) known;
}

static void
test_overview (void)
{
  TestServer *server = test_server_start ();
  Company romashka = { 0 }, vasilek = { 0 }, romashka_offline = { 0 };
  g_autoptr(CabSession) first = signed_in_session (server, "1234567890", "demo-password",
                                                   &romashka);
  g_autoptr(CabSession) second = signed_in_session (server, "3456789012", "other-password",
                                                    &vasilek);
  g_autoptr(CabCompanyOverview) overview = cab_company_overview_new ();
  g_autoptr(CabSession) offline = NULL;
  g_autoptr(CabApiClient) no_token = NULL;
  g_autofree char *dead_url = test_dead_url ();
  GListModel *model = cab_company_overview_get_model (overview);
  g_autoptr(CabCompanyFigures) a = NULL;
  g_autoptr(CabCompanyFigures) b = NULL;
  g_autoptr(CabCompanyFigures) c = NULL;

  /* the two companies differ, or the check below would prove little */
  g_assert_cmpuint (romashka.n_accounts, ==, 2);
  g_assert_cmpuint (vasilek.n_accounts, ==, 1);
  g_assert_cmpint (romashka.debt, !=, vasilek.debt);

  cab_company_overview_add (overview, first);
  cab_company_overview_add (overview, second);
  cab_company_overview_add (overview, first);   /* again: computed again, not doubled */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  test_wait_until (all_done, model);

  a = g_list_model_get_item (model, 0);
  b = g_list_model_get_item (model, 1);
  g_assert_true (cab_company_figures_get_session (a) == first);
  assert_figures (a, &romashka, FALSE);
  assert_figures (b, &vasilek, FALSE);

  /* offline, without a token: the same figures from what the overview saved */
  test_wait_until (ledgers_saved, first);
  no_token = cab_api_client_new (dead_url, NULL);
  offline = cab_session_new (no_token, "1234567890");
  cab_session_set_server_id (offline, "overview-test");
  cab_session_set_offline (offline, TRUE);
  cab_session_set_me (offline, cab_session_get_me (first));
  {
    GDate today;

    cab_session_get_today (first, &today);
    cab_session_set_today (offline, &today);
  }
  cab_session_services_start (offline, NULL);
  romashka_offline = romashka;
  romashka_offline.session = offline;

  cab_company_overview_remove (overview, first);
  cab_company_overview_add (overview, offline);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  test_wait_until (all_done, model);
  c = g_list_model_get_item (model, 1);
  g_assert_true (cab_company_figures_get_session (c) == offline);
  assert_figures (c, &romashka_offline, TRUE);

  cab_session_clear_services (offline);
  cab_session_clear_services (first);
  cab_session_clear_services (second);
  test_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  data_home = g_dir_make_tmp ("cab-companies-data-XXXXXX", NULL);
  /* the offline stores go here, never into the user's own data */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("TEK_CABINET_SERVER") == NULL)
    g_setenv ("TEK_CABINET_SERVER", TEK_CABINET_SERVER_PATH, TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", GSCHEMA_DIR, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/client/companies/list", test_list);
  g_test_add_func ("/client/companies/list-hostile", test_list_hostile);
  g_test_add_func ("/client/companies/overview", test_overview);

  ret = g_test_run ();
  test_remove_tree (data_home);
  g_free (data_home);
  return ret;
}
