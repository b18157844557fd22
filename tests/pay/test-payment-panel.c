/* test-payment-panel.c: the payment panel on the Account State page against the demo server:
 * the QR code read back by a real scanner (zbarimg), the payment order parsed back from
 * windows-1251, one calendar event per due date listed.
 *
 * Run as: test-payment-panel ZBARIMG LOCALE [g_test options]; the server and the signed-in
 * session come from the profile tests' helpers (profile-test-utils.c). With
 * CAB_TEST_SCREENSHOTS=DIR (and a 1280×800 X screen) it saves the page at 1280 and 360 px.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "account/cab-account-state-page.h"
#include "cab-due-dates.h"
#include "cab-payment-qr.h"
#include "pay/cab-payer-requisites.h"
#include "pay/cab-payment-panel.h"
#include "pay-test-util.h"
#include "profile-test-utils.h"

static const char *zbarimg;
static char *data_dir;

#define PAYER_BIC     "041501601"
#define PAYER_ACCOUNT "40702810400000000001"

typedef struct
{
  CabAccountStatePage *page;
  CabPaymentPanel     *panel;
  const char          *account;
} Shown;

/* The page has loaded @account and the panel drew its QR code for it. */
static gboolean
qr_shown (gpointer data)
{
  Shown *shown = data;
  const char *payload = cab_payment_panel_get_qr_payload (shown->panel);
  g_autofree char *pers_acc = g_strdup_printf ("|PersAcc=%s", shown->account);

  return !cab_account_state_page_get_loading (shown->page) &&
         cab_payment_panel_get_has_payee (shown->panel) && payload != NULL &&
         strstr (payload, pers_acc) != NULL && cab_payment_panel_get_due_dates (shown->panel) != NULL;
}

static gboolean
page_idle (gpointer data)
{
  return !cab_account_state_page_get_loading (data);
}

/* What zbarimg reads in the panel's texture. */
static char *
scan (CabPaymentPanel *panel)
{
  g_autofree char *png = g_build_filename (data_dir, "qr.png", NULL);
  const char * const argv[] = { zbarimg, "--quiet", "--raw", "--nodbus", png, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (cab_payment_panel_get_qr_texture (panel));
  g_assert_true (gdk_texture_save_to_png (cab_payment_panel_get_qr_texture (panel), png));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strchomp (out);
  return g_steal_pointer (&out);
}

static void
assert_qr (CabPaymentPanel *panel,
           CabMoney         sum,
           const char      *account)
{
  g_autofree char *read = scan (panel);
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kopecks = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sum);

  g_assert_cmpstr (read, ==, cab_payment_panel_get_qr_payload (panel));
  fields = cab_payment_qr_parse (read, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (fields, "Sum"), ==, kopecks);
  g_assert_cmpstr (g_hash_table_lookup (fields, "PersAcc"), ==, account);
}

static guint
count (const char *text,
       const char *what)
{
  guint n = 0;

  for (const char *p = strstr (text, what); p != NULL; p = strstr (p + 1, what))
    n++;
  return n;
}

static void
assert_calendar (CabPaymentPanel *panel)
{
  g_autofree char *path = g_build_filename (data_dir, "due.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GArray *due = cab_payment_panel_get_due_dates (panel);

  g_assert_nonnull (due);
  g_assert_cmpuint (due->len, >, 0);
  g_assert_true (cab_payment_panel_write_calendar (panel, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_cmpuint (count (text, "BEGIN:VEVENT"), ==, due->len);
  for (guint i = 0; i < due->len; i++)
    {
      const GDate *day = &g_array_index (due, CabDueDate, i).due;
      g_autofree char *start = g_strdup_printf ("DTSTART;VALUE=DATE:%04u%02u%02u",
                                                g_date_get_year (day), g_date_get_month (day),
                                                g_date_get_day (day));

      g_assert_nonnull (strstr (text, start));
    }
}

static GtkWidget *
find_split_button (GtkWidget *widget)
{
  if (ADW_IS_SPLIT_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_split_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* "Add to Calendar" hands the due dates to the desktop's calendar application: here one
 * installed by main() that copies what it is given to calendar-opened.ics. */
/* The file is written to the user's cache folder (not the test's: see test_init()); tests
 * running side by side replace it atomically with the same events, in their own language:
 * so the events and their UIDs are compared, not the words. */
static void
assert_calendar_opened (CabPaymentPanel *panel,
                        const char      *account)
{
  g_autofree char *opened = g_build_filename (data_dir, "calendar-opened.ics", NULL);
  g_autofree char *expected_path = g_build_filename (data_dir, "due.ics", NULL);
  g_autoptr(GFile) expected_file = g_file_new_for_path (expected_path);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button = find_split_button (GTK_WIDGET (panel));

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_unlink (opened);
  g_signal_emit_by_name (button, "clicked");
  test_wait_until (file_exists, opened, "the calendar application");
  /* The application got the whole file (it copies to a temporary name, then renames). */
  g_assert_true (g_file_get_contents (opened, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (text, "BEGIN:VEVENT"), ==, cab_payment_panel_get_due_dates (panel)->len);
  /* The same events as Save as Calendar File writes (DTSTAMP aside, which is "now"). */
  g_assert_true (cab_payment_panel_write_calendar (panel, expected_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (text, "UID:"), ==, count (expected, "UID:"));
  {
    g_autofree char *uid = g_strdup_printf ("UID:%s-", account);

    g_assert_cmpuint (count (text, uid), ==, cab_payment_panel_get_due_dates (panel)->len);
  }
}

static void
save_screenshot (GtkWindow  *window,
                 int         width,
                 const char *name)
{
  const char *dir = g_getenv ("CAB_TEST_SCREENSHOTS");
  g_autofree char *file = NULL;
  g_autofree char *command = NULL;
  gint64 until;

  if (dir == NULL)
    return;
  gtk_window_set_default_size (window, width, 800);
  until = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  file = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root '%s.png'", file);
  if (!g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL))
    g_test_message ("No screenshot %s", name);
}

static void
test_pay (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(CabSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *order_path = g_build_filename (data_dir, "order.txt", NULL);
  g_autoptr(GFile) order_file = g_file_new_for_path (order_path);
  g_autoptr(GHashTable) order = NULL;
  g_autoptr(CabPayerRequisites) payer = NULL;
  GtkWindow *window;
  Shown shown = { 0 };
  GDate day;
  TestSessionSetup setup = { "demo", &day, "1234567890" };

  /* The manual's Fig. 8 account on 01.06.2016: recommended 157 215,21. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 6, 2016);
  session = test_sign_in_setup (server->url, "1234567890", "demo-password", &setup, &error);
  g_assert_no_error (error);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  shown.page = CAB_ACCOUNT_STATE_PAGE (cab_account_state_page_new (session));
  gtk_window_set_child (window, GTK_WIDGET (shown.page));
  gtk_window_present (window);
  shown.panel = pay_test_find_panel (GTK_WIDGET (shown.page));
  g_assert_nonnull (shown.panel);
  shown.account = "1234567890";
  test_wait_until (qr_shown, &shown, "the Fig. 8 QR code");
  assert_qr (shown.panel, 15721521, "1234567890");
  save_screenshot (window, 1280, "payment-panel-1280");
  save_screenshot (window, 360, "payment-panel-360");
  gtk_window_set_default_size (window, 1280, 800);

  /* No payer's bank requisites yet: refused, saying why. */
  g_assert_false (cab_payment_panel_write_payment_order (shown.panel, order_file, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_MISSING_FIELD);
  g_clear_error (&error);
  g_assert_false (g_file_test (order_path, G_FILE_TEST_EXISTS));

  payer = cab_payer_requisites_new (NULL, "1234567890");
  g_assert_true (cab_payer_requisites_set (payer, PAYER_ACCOUNT, PAYER_BIC, "Test bank", &error));
  g_assert_no_error (error);
  g_assert_true (cab_payer_requisites_save (payer, &error));
  g_assert_no_error (error);

  g_assert_true (cab_payment_panel_write_payment_order (shown.panel, order_file, &error));
  g_assert_no_error (error);
  order = pay_test_parse_order (order_path);
  g_assert_cmpstr (g_hash_table_lookup (order, "Сумма"), ==, "157215.21");
  /* The demo contract's INN, from Client Info. */
  g_assert_cmpstr (cab_session_get_contract (session)->inn, ==, "7707083893");
  g_assert_cmpstr (g_hash_table_lookup (order, "ПлательщикИНН"), ==, "7707083893");
  g_assert_cmpstr (g_hash_table_lookup (order, "Плательщик"), ==, cab_session_get_me (session)->partner.name);
  g_assert_cmpstr (g_hash_table_lookup (order, "ПлательщикСчет"), ==, PAYER_ACCOUNT);
  g_assert_cmpstr (g_hash_table_lookup (order, "ПлательщикБИК"), ==, PAYER_BIC);
  {
    g_autoptr(GHashTable) qr = cab_payment_qr_parse (cab_payment_panel_get_qr_payload (shown.panel), NULL);

    g_assert_cmpstr (g_hash_table_lookup (order, "НазначениеПлатежа"), ==,
                     g_hash_table_lookup (qr, "Purpose"));
  }
  assert_calendar (shown.panel);
  assert_calendar_opened (shown.panel, "1234567890");

  /* The other contract today: the recommended payment the core computes from its ledger. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(CabLedger) ledger = NULL;
    CabMoney recommended;

    cab_date_today_supplier (&day);
    cab_api_client_get_ledger_async (cab_session_get_api (session), "1234567891", NULL,
                                     test_store_result, &result);
    test_wait_until (test_have_result, &result, "GET ledger");
    ledger = cab_api_client_get_ledger_finish (cab_session_get_api (session), result, &error);
    g_assert_no_error (error);
    recommended = cab_debt_recommended_payment (ledger, &day);
    g_test_message ("1234567891 today: recommended %" G_GINT64_FORMAT, (gint64) recommended);

    cab_session_set_today (session, &day);
    cab_session_set_account (session, "1234567891");
    shown.account = "1234567891";
    if (recommended > 0)
      {
        test_wait_until (qr_shown, &shown, "the QR code of 1234567891");
        assert_qr (shown.panel, recommended, "1234567891");
      }
    else
      {
        test_wait_until ((TestCondition) cab_account_state_page_get_loading, shown.page, "the fetch");
        test_wait_until (page_idle, shown.page, "1234567891");
        g_assert_null (cab_payment_panel_get_qr_texture (shown.panel));
        g_assert_nonnull (strstr (cab_payment_panel_get_qr_note (shown.panel), "No QR code"));
      }
    assert_calendar (shown.panel);
  }

  gtk_window_destroy (window);
  g_clear_object (&session);
}

int
main (int   argc,
      char *argv[])
{
  const char *locale;
  int status;

  if (argc < 3)
    {
      g_printerr ("Usage: %s ZBARIMG LOCALE [test options]\n", argv[0]);
      return 2;
    }
  zbarimg = argv[1];
  locale = argv[2];
  argv[2] = argv[0];
  argv += 2;
  argc -= 2;
  data_dir = test_init (&argc, &argv, locale, "cab-payment-panel", TRUE);
  {
    /* The desktop's calendar application, as far as GIO can tell: it takes text/calendar and
     * copies the file it is given next to the test's data. */
    g_autofree char *apps = g_build_filename (data_dir, "applications", NULL);
    g_autofree char *script = g_build_filename (data_dir, "calendar-app.sh", NULL);
    g_autofree char *desktop = g_build_filename (apps, "cab-test-calendar.desktop", NULL);
    /* In the data folder's applications/ (GIO reads it there too): the user's config folder
     * is fixed by the time test_init() returns. */
    g_autofree char *mimeapps = g_build_filename (apps, "mimeapps.list", NULL);
    g_autofree char *script_text = g_strdup_printf (
      "#!/bin/sh\ncp \"$1\" '%s/calendar-opened.tmp' && mv '%s/calendar-opened.tmp' '%s/calendar-opened.ics'\n",
      data_dir, data_dir, data_dir);
    g_autofree char *desktop_text = g_strdup_printf (
      "[Desktop Entry]\nType=Application\nName=Test Calendar\nExec=%s %%f\n"
      "MimeType=text/calendar;\nNoDisplay=true\n", script);

    g_mkdir_with_parents (apps, 0700);
    g_assert_true (g_file_set_contents (script, script_text, -1, NULL));
    g_assert_cmpint (g_chmod (script, 0700), ==, 0);
    g_assert_true (g_file_set_contents (desktop, desktop_text, -1, NULL));
    g_assert_true (g_file_set_contents (mimeapps,
                                        "[Default Applications]\ntext/calendar=cab-test-calendar.desktop\n",
                                        -1, NULL));
  }
#ifdef PO_BUILD_DIR
  /* Screenshots in the interface's language: the catalogue built here. */
  if (g_getenv ("CAB_TEST_LANGUAGE") != NULL)
    {
      g_autofree char *dir = g_build_filename (data_dir, "locale", "ru", "LC_MESSAGES", NULL);
      g_autofree char *mo = g_build_filename (dir, GETTEXT_PACKAGE ".mo", NULL);
      g_autofree char *built = g_build_filename (PO_BUILD_DIR, "ru", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      g_autofree char *locale_dir = g_build_filename (data_dir, "locale", NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_mkdir_with_parents (dir, 0700);
      if (g_file_get_contents (built, &contents, &length, NULL))
        g_file_set_contents (mo, contents, length, NULL);
      g_setenv ("LANGUAGE", g_getenv ("CAB_TEST_LANGUAGE"), TRUE);
      bindtextdomain (GETTEXT_PACKAGE, locale_dir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
#endif

  g_test_add_func ("/payment-panel/pay", test_pay);
  status = g_test_run ();

  test_rm_rf (data_dir);
  g_free (data_dir);
  return status;
}
