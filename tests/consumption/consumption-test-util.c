/* consumption-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "consumption-test-util.h"
#include "demo-server.h"
#include "cab-session-services.h"
#include "offline/cab-session-store.h"

void
ct_wait_until (CtCondition  condition,
               gpointer     data,
               const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

GSubprocess *
ct_start_server (const char  *server_binary,
                 const char  *data_dir,
                 const char  *name,
                 char       **out_url)
{
  g_autofree char *file = g_strdup_printf ("%s.db", name);
  g_autofree char *db = g_build_filename (data_dir, file, NULL);

  return demo_server_spawn (server_binary, db, "127.0.0.1:0", NULL, out_url);
}

void
ct_stop_server (GSubprocess *server)
{
  demo_server_stop (server);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
have_result (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

CabSession *
ct_sign_in (const char *url,
            const char *server_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabApiClient) api = cab_api_client_new (url, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CabMe) me = NULL;
  CabSession *session;
  GDate today;

  g_assert_no_error (error);
  cab_api_client_sign_in_async (api, CT_ACCOUNT, "demo-password", NULL, store_result, &result);
  ct_wait_until (have_result, &result, "sign-in");
  g_assert_true (cab_api_client_sign_in_finish (api, result, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  cab_api_client_get_me_async (api, NULL, store_result, &result);
  ct_wait_until (have_result, &result, "GET /me");
  me = cab_api_client_get_me_finish (api, result, &error);
  g_assert_no_error (error);

  session = cab_session_new (api, CT_ACCOUNT);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, 6, 2016);
  cab_session_set_server_id (session, server_id);
  cab_session_set_today (session, &today);
  cab_session_set_me (session, me);
  cab_session_set_account (session, CT_ACCOUNT);
  /* As the window does at sign-in. */
  cab_session_services_start (session, NULL);

  return session;
}

CabLedger *
ct_volume_ledger (void)
{
  /* kWh of each month: a winter peak, a summer low */
  static const guint seasonal[12] = { 142000, 131500, 118250, 97000, 82100, 74300,
                                      76900, 79000, 88800, 104600, 123400, 139900 };
  GDate opening;
  CabLedger *ledger;
  gint64 id = 1;

  g_date_clear (&opening, 1);
  g_date_set_dmy (&opening, 1, 1, 2015);
  ledger = cab_ledger_new (&opening, 0, NULL);

  for (guint y = 2015; y <= 2016; y++)
    for (guint m = 1; m <= 12 && (y == 2015 || m <= 6); m++)
      {
        CabEntry entry = { 0, };
        /* 2016 a little above 2015; a price of about 4,9 ₽/kWh */
        gint64 kwh = seasonal[m - 1] + (y == 2016 ? 3000 + m * 100 : 0);

        if (y == 2015 && m == 9)
          continue;
        entry.kind = CAB_ENTRY_INVOICE;
        g_date_clear (&entry.date, 1);
        g_date_set_dmy (&entry.date, g_date_get_days_in_month (m, y), m, y);
        g_date_clear (&entry.period, 1);
        entry.amount = kwh * 492 + m * 7;
        entry.volume = kwh * 1000;
        entry.has_volume = TRUE;
        entry.id = id++;
        cab_ledger_add_entry (ledger, &entry);
      }

  {
    CabEntry correction = { 0, };

    correction.kind = CAB_ENTRY_CORRECTION;
    g_date_clear (&correction.date, 1);
    g_date_set_dmy (&correction.date, 24, 5, 2016);
    g_date_clear (&correction.period, 1);
    g_date_set_dmy (&correction.period, 1, 4, 2016);
    correction.amount = -19868501;
    correction.volume = -41250500;
    correction.has_volume = TRUE;
    correction.id = id++;
    cab_ledger_add_entry (ledger, &correction);
  }

  return ledger;
}

void
ct_save_ledger (CabSession *session,
                CabLedger  *ledger)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = cab_ledger_to_json (ledger, CT_ACCOUNT);
  CabOfflineStore *store = cab_session_store_get (session, &error);

  g_assert_no_error (error);
  g_assert_true (cab_offline_store_put_json (store, CAB_OFFLINE_LEDGER, CT_ACCOUNT, NULL, NULL,
                                             node, &error));
  g_assert_no_error (error);
}

void
ct_remove_dir (const char *dir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

  /* Only our own temporary folder. */
  if (g_str_has_prefix (dir, g_get_tmp_dir ()) && strchr (dir, '\'') == NULL)
    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}
