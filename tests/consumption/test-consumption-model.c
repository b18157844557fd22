/* test-consumption-model.c: the Consumption model against the demo server, online and from
 * the saved ledger offline.
 *
 * Run as: test-consumption-model SERVER-BINARY [g_test options]. No display needed: the model
 * has no widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "consumption/cab-consumption-model.h"
#include "consumption/cab-consumption-month-item.h"
#include "consumption-test-util.h"

static const char *server_binary;
static char *data_dir;

static gboolean
settled (gpointer data)
{
  CabConsumptionModel *model = data;
  CabConsumptionState state = cab_consumption_model_get_state (model);

  return !cab_account_state_get_loading (cab_consumption_model_get_account_state (model)) &&
         state != CAB_CONSUMPTION_LOADING;
}

static void
assert_month_equal (const CabConsumptionMonth *a,
                    const CabConsumptionMonth *b)
{
  g_assert_cmpint (g_date_compare (&a->month, &b->month), ==, 0);
  g_assert_cmpint (a->has_volume, ==, b->has_volume);
  g_assert_cmpint (a->volume, ==, b->volume);
  g_assert_cmpint (a->has_amount, ==, b->has_amount);
  g_assert_cmpint (a->amount, ==, b->amount);
  g_assert_cmpint (a->has_price, ==, b->has_price);
  g_assert_cmpint (a->price, ==, b->price);
}

/* The model's months are the core's for the same ledger, month by month. */
static void
assert_months_match_core (CabConsumptionModel *model,
                          CabLedger           *ledger)
{
  g_autoptr(CabConsumption) consumption = cab_consumption_new (ledger);
  g_autoptr(GArray) months = NULL;
  g_autoptr(GArray) previous = NULL;
  GListModel *items = cab_consumption_model_get_months (model);
  guint n = cab_consumption_model_get_n_months (model);
  GDate last, model_last;

  g_assert_true (cab_consumption_get_last_month (consumption, &last));
  g_assert_true (cab_consumption_model_get_last_month (model, &model_last));
  g_assert_cmpint (g_date_compare (&last, &model_last), ==, 0);

  months = cab_consumption_get_range (consumption, &last, n, &previous);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CabConsumptionMonthItem) item = g_list_model_get_item (items, i);

      assert_month_equal (cab_consumption_month_item_get_month (item),
                          &g_array_index (months, CabConsumptionMonth, i));
      assert_month_equal (cab_consumption_month_item_get_previous (item),
                          &g_array_index (previous, CabConsumptionMonth, i));
    }
}

/* Online: the ledger as the demo server serves it. Until the server sends volumes that is
 * NO_VOLUMES and no months; once it does, the months the core computes. */
static void
test_demo_online (void)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = ct_start_server (server_binary, data_dir, "online", &url);
  g_autoptr(CabSession) session = ct_sign_in (url, "demo-online");
  g_autoptr(CabAccountState) state = cab_account_state_new (session);
  g_autoptr(CabConsumptionModel) model = cab_consumption_model_new (state);
  g_autoptr(CabConsumption) consumption = NULL;
  CabLedger *ledger;

  /* It asks at once, through the account state. */
  g_assert_cmpint (cab_consumption_model_get_state (model), ==, CAB_CONSUMPTION_LOADING);
  ct_wait_until (settled, model, "the demo ledger");

  ledger = cab_account_state_get_ledger (state);
  g_assert_nonnull (ledger);
  g_assert_cmpstr (cab_consumption_model_get_account (model), ==, CT_ACCOUNT);
  consumption = cab_consumption_new (ledger);
  if (cab_consumption_has_volumes (consumption))
    {
      g_assert_cmpint (cab_consumption_model_get_state (model), ==, CAB_CONSUMPTION_READY);
      assert_months_match_core (model, ledger);
    }
  else
    {
      g_assert_cmpint (cab_consumption_model_get_state (model), ==, CAB_CONSUMPTION_NO_VOLUMES);
      g_assert_cmpuint (g_list_model_get_n_items (cab_consumption_model_get_months (model)), ==, 0);
    }

  /* No contract chosen: nothing to show. */
  cab_session_set_account (session, NULL);
  g_assert_cmpint (cab_consumption_model_get_state (model), ==, CAB_CONSUMPTION_EMPTY);
  g_assert_cmpuint (g_list_model_get_n_items (cab_consumption_model_get_months (model)), ==, 0);

  ct_stop_server (server);
}

static void
count (guint *n)
{
  (*n)++;
}

/* Offline from the saved ledger: months with volumes, the correction in the month it
 * corrects, the gap as no data; 12, 24, 36 months. */
static void
test_saved_offline (void)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = ct_start_server (server_binary, data_dir, "offline", &url);
  g_autoptr(CabSession) session = ct_sign_in (url, "demo-offline");
  g_autoptr(CabLedger) ledger = ct_volume_ledger ();
  g_autoptr(CabAccountState) state = NULL;
  g_autoptr(CabConsumptionModel) model = NULL;
  g_autoptr(CabConsumptionMonthItem) april = NULL;
  g_autoptr(CabConsumptionMonthItem) september = NULL;
  GListModel *items;
  guint n_changes = 0;

  ct_save_ledger (session, ledger);
  ct_stop_server (server);
  cab_session_set_offline (session, TRUE);

  state = cab_account_state_new (session);
  model = cab_consumption_model_new (state);
  ct_wait_until (settled, model, "the saved ledger");
  g_assert_cmpint (cab_consumption_model_get_state (model), ==, CAB_CONSUMPTION_READY);
  g_assert_cmpuint (cab_consumption_model_get_n_months (model), ==, 12);
  assert_months_match_core (model, cab_account_state_get_ledger (state));
  assert_months_match_core (model, ledger);

  /* July 2015 … June 2016 */
  items = cab_consumption_model_get_months (model);
  april = g_list_model_get_item (items, 9);
  g_assert_cmpuint (g_date_get_month (&cab_consumption_month_item_get_month (april)->month), ==, 4);
  /* 97 000 + 3 400 kWh invoiced, 41 250,5 taken back by the correction dated in May */
  g_assert_cmpint (cab_consumption_month_item_get_month (april)->volume, ==,
                   (97000 + 3400) * 1000 - 41250500);
  g_assert_cmpint (cab_consumption_month_item_get_previous (april)->volume, ==, 97000 * 1000);
  september = g_list_model_get_item (items, 2);
  g_assert_cmpuint (g_date_get_month (&cab_consumption_month_item_get_month (september)->month), ==, 9);
  g_assert_false (cab_consumption_month_item_get_month (september)->has_volume);

  g_signal_connect_swapped (items, "items-changed", G_CALLBACK (count), &n_changes);
  cab_consumption_model_set_n_months (model, 24);
  g_assert_cmpuint (n_changes, ==, 1);
  assert_months_match_core (model, ledger);
  cab_consumption_model_set_n_months (model, 36);
  assert_months_match_core (model, ledger);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 36);
}

/* Offline, a contract of which nothing was saved: unavailable, not "no volumes". */
static void
test_unavailable (void)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = ct_start_server (server_binary, data_dir, "unavailable", &url);
  g_autoptr(CabSession) session = ct_sign_in (url, "demo-unavailable");
  g_autoptr(CabAccountState) state = NULL;
  g_autoptr(CabConsumptionModel) model = NULL;

  ct_stop_server (server);
  cab_session_set_offline (session, TRUE);
  state = cab_account_state_new (session);
  model = cab_consumption_model_new (state);
  ct_wait_until (settled, model, "the offline rendering");
  g_assert_cmpint (cab_consumption_model_get_state (model), ==, CAB_CONSUMPTION_UNAVAILABLE);
  g_assert_cmpuint (g_list_model_get_n_items (cab_consumption_model_get_months (model)), ==, 0);
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

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  data_dir = g_dir_make_tmp ("cab-consumption-model-XXXXXX", &error);
  g_assert_no_error (error);
  /* The offline store lives here; set before GLib reads it. */
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/consumption-model/demo-online", test_demo_online);
  g_test_add_func ("/consumption-model/saved-offline", test_saved_offline);
  g_test_add_func ("/consumption-model/unavailable", test_unavailable);

  status = g_test_run ();
  ct_remove_dir (data_dir);
  g_free (data_dir);

  return status;
}
