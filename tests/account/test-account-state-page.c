/* test-account-state-page.c: the Account State page against the demo server, then without it.
 *
 * Run as: test-account-state-page LOCALE [g_test options]. The money on screen follows LOCALE
 * ("-74 644,26" in ru_RU, "-74,644.26" in C). The server and the sign-in are the profile
 * tests' helpers (profile-test-utils.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "account/cab-account-state-page.h"
#include "account/cab-account-states.h"
#include "account/cab-statement-row-item.h"
#include "cab-session-services.h"
#include "offline/cab-session-store.h"
#include "profile-test-utils.h"
#ifdef HAVE_VIEWER
# include "viewer/cab-document-viewer.h"
#endif

static char *data_dir;
static gboolean russian;

#define NBSP "\302\240"

static const char *
money (const char *english,
       const char *russian_text)
{
  return russian ? russian_text : english;
}

/* --- Waiting --- */

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition    condition,
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

static gboolean
page_idle (gpointer data)
{
  return !cab_account_state_page_get_loading (data);
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

static CabSession *
new_session (CabApiClient *api,
             const CabMe  *me)
{
  CabSession *session = cab_session_new (api, "1234567890");
  GDate today;

  /* The manual's Fig. 8 was seen on 28.06.2016. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, 6, 2016);
  cab_session_set_server_id (session, "demo");
  cab_session_set_today (session, &today);
  if (me != NULL)
    cab_session_set_me (session, me);
  cab_session_set_account (session, "1234567890");

  return session;
}

static CabSession *
sign_in (TestServer *server)
{
  g_autoptr(CabApiClient) api = NULL;
  g_autoptr(CabMe) me = NULL;
  g_autoptr(GError) error = NULL;
  CabSession *session;

  api = test_sign_in_api (server->url, "1234567890", "demo-password", &error);
  g_assert_no_error (error);
  me = test_get_me (api);
  session = new_session (api, me);
  /* As the window does at sign-in. */
  cab_session_services_start (session, NULL);
  return session;
}

/* With CAB_TEST_SCREENSHOTS=DIR, saves the screen as DIR/@name.png (ImageMagick's import),
 * for people to look at; asserts nothing. */
static void
save_screenshot (const char *name)
{
  const char *dir = g_getenv ("CAB_TEST_SCREENSHOTS");
  g_autofree char *file = NULL;
  g_autofree char *command = NULL;
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  if (dir == NULL)
    return;

  /* Let a few frames be drawn. */
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

/* --- What the page shows --- */

/* The widget named @name (gtk_widget_set_name) under @root, or NULL. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_labels (GtkWidget *root,
                GString   *out)
{
  if (GTK_IS_LABEL (root))
    {
      g_assert_false (gtk_widget_get_focusable (root));
      g_string_append_printf (out, "%s|", gtk_label_get_text (GTK_LABEL (root)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

/* Line @index of the breakdown named @name as shown: "title|amount|reason|". */
static char *
breakdown_line (CabAccountStatePage *page,
                const char          *name,
                int                  index)
{
  GtkWidget *list = gtk_expander_get_child (GTK_EXPANDER (find_named (GTK_WIDGET (page), name)));
  GtkListBoxRow *row;
  GString *out = g_string_new (NULL);

  g_assert_nonnull (list);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_focusable (GTK_WIDGET (row)));
  collect_labels (GTK_WIDGET (row), out);
  return g_string_free (out, FALSE);
}

static guint
breakdown_n_lines (CabAccountStatePage *page,
                   const char          *name)
{
  GtkWidget *list = gtk_expander_get_child (GTK_EXPANDER (find_named (GTK_WIDGET (page), name)));
  guint n = 0;

  g_assert_nonnull (list);
  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n) != NULL)
    n++;
  return n;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Opens the breakdown named @name under its figure, as a click on "What is it made of?" does. */
static void
open_breakdown (CabAccountStatePage *page,
                const char          *name)
{
  GtkWidget *expander = find_named (GTK_WIDGET (page), name);
  GtkWidget *list;

  g_assert_nonnull (expander);
  list = gtk_expander_get_child (GTK_EXPANDER (expander));
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_get_visible (expander));
  g_assert_true (gtk_widget_get_focusable (expander));
  g_assert_cmpstr (gtk_expander_get_label (GTK_EXPANDER (expander)), ==,
                   "What is it made of?");
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  wait_until (widget_mapped, list, name);
}

/* Fig. 8 on 28.06.2016: what the debt and the recommended payment are made of, on screen. */
static void
assert_fig8_breakdowns (CabAccountStatePage *page)
{
  /* The words are the C locale's here (LANGUAGE=C), the money the locale's. */
  struct { int index; const char *title; const char *en; const char *ru; const char *reason; } lines[] = {
    { 0, "Balance on 01.05.2016", "608,822.79", "608" NBSP "822,79",
      "The account's opening balance: its data starts on 01.05.2016." },
    { 4, "Payment No. П-118 received on 25.05.2016", "-979,990.44", "-979" NBSP "990,44",
      "Subtracted from the day it was received." },
    { 7, "Advance bill No. А-0616 of 16.06.2016", "+193,139.74", "+193" NBSP "139,74",
      "Due 25.06.2016, counted from 26.06.2016. No invoice for June 2016 has been issued, so "
      "nothing replaces this bill." },
    { 9, "Debt (+) / overpayment (-) on 28.06.2016", "-74,644.26", "-74" NBSP "644,26",
      "The sum of the lines above: positive is a debt, negative an overpayment." },
  };

  open_breakdown (page, "debt-breakdown");
  open_breakdown (page, "payment-breakdown");
  g_assert_cmpuint (breakdown_n_lines (page, "debt-breakdown"), ==, 10);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *line = breakdown_line (page, "debt-breakdown", lines[i].index);
      g_autofree char *expected = g_strdup_printf ("%s|%s|%s|", lines[i].title,
                                                   money (lines[i].en, lines[i].ru),
                                                   lines[i].reason);

      g_assert_cmpstr (line, ==, expected);
    }
  {
    guint n = breakdown_n_lines (page, "payment-breakdown");
    g_autofree char *last = NULL;

    g_assert_cmpuint (n, >=, 2);
    last = breakdown_line (page, "payment-breakdown", n - 1);
    g_assert_true (g_str_has_prefix (last, "Recommended payment on 28.06.2016|0.00|")
                   || g_str_has_prefix (last, "Recommended payment on 28.06.2016|0,00|"));
  }
}

static const char *
coverage_text (CabAccountStatePage *page)
{
  GtkWidget *label = find_named (GTK_WIDGET (page), "coverage");

  g_assert_nonnull (label);
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

typedef struct
{
  const char *operation;
  const char *debit_en;
  const char *debit_ru;
  const char *credit_en;
  const char *credit_ru;
  guint       n_documents;
} Row;

static const Row fig8[] = {
  { "Balance on 01.05.2016", "608,822.79", "608" NBSP "822,79", "", "", 0 },
  { "Correction invoice of 24.05.2016", "-198,685.01", "-198" NBSP "685,01", "", "", 2 },
  { "Payment received on 25.05.2016", "", "", "979,990.44", "979" NBSP "990,44", 0 },
  { "Invoice of 31.05.2016", "482,844.86", "482" NBSP "844,86", "", "", 2 },
  { "Payment received on 20.06.2016", "", "", "424,999.21", "424" NBSP "999,21", 0 },
  { "Total turnovers", "284,159.85", "284" NBSP "159,85", "1,404,989.65", "1" NBSP "404" NBSP "989,65", 0 },
  { "Balance on 01.08.2016", "", "", "512,007.01", "512" NBSP "007,01", 0 },
};

static void
assert_fig8 (CabAccountStatePage *page,
             gboolean             with_documents)
{
  GListModel *rows = cab_account_state_page_get_rows (page);
  GListModel *bills = cab_account_state_page_get_bills (page);

  g_assert_nonnull (rows);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, G_N_ELEMENTS (fig8));
  for (guint i = 0; i < G_N_ELEMENTS (fig8); i++)
    {
      g_autoptr(CabStatementRowItem) item = g_list_model_get_item (rows, i);

      g_assert_cmpstr (cab_statement_row_item_get_operation (item), ==, fig8[i].operation);
      g_assert_cmpstr (cab_statement_row_item_get_debit_text (item), ==,
                       money (fig8[i].debit_en, fig8[i].debit_ru));
      g_assert_cmpstr (cab_statement_row_item_get_credit_text (item), ==,
                       money (fig8[i].credit_en, fig8[i].credit_ru));
      if (with_documents)
        g_assert_cmpuint (cab_statement_row_item_get_documents (item)->len, ==, fig8[i].n_documents);
    }

  g_assert_nonnull (bills);
  g_assert_cmpuint (g_list_model_get_n_items (bills), ==, 5);

  g_assert_cmpstr (cab_account_state_page_get_debt_text (page), ==,
                   money ("-74,644.26 (overpayment)", "-74" NBSP "644,26 (overpayment)"));
  g_assert_cmpstr (cab_account_state_page_get_recommended_text (page), ==, money ("0.00", "0,00"));
}

static gboolean
status_is_set (gpointer data)
{
  const char *text = cab_account_state_page_get_status_text (data);

  return text != NULL && *text != '\0';
}

static gboolean
statement_saved (gpointer data)
{
  CabOfflineStore *store = data;
  g_autoptr(JsonNode) statement = NULL;
  g_autoptr(JsonNode) ledger = NULL;
  g_autoptr(JsonNode) bills = NULL;
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 5, 2016);
  g_date_set_dmy (&to, 1, 8, 2016);
  statement = cab_offline_store_get_json (store, CAB_OFFLINE_STATEMENT, "1234567890", &from, &to,
                                          NULL, NULL);
  bills = cab_offline_store_get_json (store, CAB_OFFLINE_BILLS, "1234567890", &from, &to,
                                      NULL, NULL);
  ledger = cab_offline_store_get_json (store, CAB_OFFLINE_LEDGER, "1234567890", NULL, NULL,
                                       NULL, NULL);

  return statement != NULL && ledger != NULL && bills != NULL;
}

static gboolean
page_offline (gpointer data)
{
  return cab_account_state_page_get_computed_offline (data) &&
         !cab_account_state_page_get_loading (data);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether the button labelled @label (its action) can be used. */
static gboolean
action_enabled (CabAccountStatePage *page,
                const char          *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (page), label);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

#ifdef HAVE_VIEWER
static CabDocumentViewer *
find_viewer (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CAB_IS_DOCUMENT_VIEWER (window))
        return CAB_DOCUMENT_VIEWER (window);
    }

  return NULL;
}

static gboolean
viewer_settled (gpointer data)
{
  CabDocumentViewer *viewer = find_viewer ();
  CabDocumentViewerState state;

  if (viewer == NULL)
    return FALSE;
  state = cab_document_viewer_get_state (viewer);
  return state == CAB_DOCUMENT_VIEWER_STATE_DOCUMENT || state == CAB_DOCUMENT_VIEWER_STATE_ERROR;
}
#endif

static GtkWindow *
show_page (CabSession           *session,
           CabAccountStatePage **out_page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = cab_account_state_page_new (session);

  gtk_window_set_default_size (window, 1000, 1100);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  *out_page = CAB_ACCOUNT_STATE_PAGE (page);

  return window;
}

static void
test_online_then_offline (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(CabSession) session = sign_in (server);
  g_autoptr(GError) error = NULL;
  CabOfflineStore *store = cab_session_store_get (session, &error);
  CabAccountStatePage *page;
  GtkWindow *window;
  /* Held, so that a new model cannot take the old one's address. */
  g_autoptr(GListModel) rows_before = NULL;

  g_assert_no_error (error);
  window = show_page (session, &page);
  wait_until (page_idle, page, "the default period");

  cab_account_state_page_show_period (page, "01.05.2016", "01.08.2016");
  g_assert_true (cab_account_state_page_get_loading (page));
  wait_until (page_idle, page, "the Fig. 8 period");
  assert_fig8 (page, TRUE);
  g_assert_false (cab_account_state_page_get_computed_offline (page));
  g_assert_null (coverage_text (page));
  assert_fig8_breakdowns (page);
  {
    int minimum = 0;

    /* The window stays usable 360 px wide: the period and the buttons wrap, the tables
     * scroll sideways. */
    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
  }
  save_screenshot (russian ? "account-state-online-ru" : "account-state-online");

  /* Export writes the act shown. */
  {
    g_autofree char *csv_path = g_build_filename (data_dir, "act.csv", NULL);
    g_autofree char *pdf_path = g_build_filename (data_dir, "act.pdf", NULL);
    g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
    g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
    g_autofree char *expected = g_strdup_printf ("The act is saved as “%s”.", csv_path);
    g_autofree char *csv = NULL;
    g_autofree char *pdf = NULL;
    gsize pdf_length;

    cab_account_state_page_export (page, csv_file, FALSE);
    wait_until (status_is_set, page, "the CSV export");
    g_assert_cmpstr (cab_account_state_page_get_status_text (page), ==, expected);
    g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
    /* in a decimal-comma locale as Russian spreadsheets read it (tests/account/test-export-csv.c) */
    if (russian)
      g_assert_cmpstr (csv, ==,
                       "\xef\xbb\xbf" "Operation;Debit;Credit\r\n"
                       "Balance on 01.05.2016;608822,79;\r\n"
                       "Correction invoice of 24.05.2016;-198685,01;\r\n"
                       "Payment received on 25.05.2016;;979990,44\r\n"
                       "Invoice of 31.05.2016;482844,86;\r\n"
                       "Payment received on 20.06.2016;;424999,21\r\n"
                       "Total turnovers;284159,85;1404989,65\r\n"
                       "Balance on 01.08.2016;;512007,01\r\n");
    else
    g_assert_cmpstr (csv, ==,
                     "Operation,Debit,Credit\r\n"
                     "Balance on 01.05.2016,608822.79,\r\n"
                     "Correction invoice of 24.05.2016,-198685.01,\r\n"
                     "Payment received on 25.05.2016,,979990.44\r\n"
                     "Invoice of 31.05.2016,482844.86,\r\n"
                     "Payment received on 20.06.2016,,424999.21\r\n"
                     "Total turnovers,284159.85,1404989.65\r\n"
                     "Balance on 01.08.2016,,512007.01\r\n");

    cab_account_state_page_export (page, pdf_file, TRUE);
    g_assert_false (status_is_set (page));
    wait_until (status_is_set, page, "the PDF export");
    g_assert_true (g_file_get_contents (pdf_path, &pdf, &pdf_length, NULL));
    g_assert_cmpuint (pdf_length, >, 1000);
    g_assert_cmpmem (pdf, 5, "%PDF-", 5);
  }

  /* A bad period is explained and not sent. The act of the previous period stays, marked as
   * such, and neither Download All nor the exports act on it (issue 15). */
  rows_before = g_object_ref (cab_account_state_page_get_rows (page));
  g_assert_true (action_enabled (page, "_Download All"));
  g_assert_true (action_enabled (page, "Export _CSV…"));
  cab_account_state_page_show_period (page, "31.02.2016", "01.08.2016");
  g_assert_false (cab_account_state_page_get_loading (page));
  g_assert_true (cab_account_state_page_get_rows (page) == rows_before);
  cab_account_state_page_show_period (page, "01.08.2016", "01.05.2016");
  g_assert_false (cab_account_state_page_get_loading (page));
  g_assert_true (cab_account_state_page_get_rows (page) == rows_before);
  g_assert_false (action_enabled (page, "_Download All"));
  g_assert_false (action_enabled (page, "Export _CSV…"));
  g_assert_false (action_enabled (page, "Export _PDF…"));
  g_assert_true (g_str_has_prefix (cab_account_state_page_get_statement_note (page),
                                   "Still showing the previous period, 01.05.2016 – 01.08.2016"));
  {
    g_autofree char *csv_path = g_build_filename (data_dir, "stale.csv", NULL);
    g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);

    /* even when asked directly */
    cab_account_state_page_export (page, csv_file, FALSE);
    gtk_widget_activate_action (GTK_WIDGET (page), "account-state.download-all", NULL);
    g_assert_false (g_file_query_exists (csv_file, NULL));
    g_assert_cmpstr (cab_account_state_page_get_status_text (page), ==, "");
  }
  /* Shown again: current, and the actions are back. */
  cab_account_state_page_show_period (page, "01.05.2016", "01.08.2016");
  wait_until (page_idle, page, "the Fig. 8 period again");
  assert_fig8 (page, TRUE);
  g_assert_true (action_enabled (page, "_Download All"));
  g_assert_true (action_enabled (page, "Export _CSV…"));
  g_assert_null (cab_account_state_page_get_statement_note (page));
  rows_before = g_object_ref (cab_account_state_page_get_rows (page));

  /* A period without documents (between the bills of the 1st and the 16th): nothing to
   * download, the act can still be exported. */
  cab_account_state_page_show_period (page, "02.05.2016", "16.05.2016");
  wait_until (page_idle, page, "a period without documents");
  g_assert_nonnull (cab_account_state_page_get_rows (page));
  g_assert_false (action_enabled (page, "_Download All"));
  g_assert_true (action_enabled (page, "Export _CSV…"));
  cab_account_state_page_show_period (page, "01.05.2016", "01.08.2016");
  wait_until (page_idle, page, "the Fig. 8 period once more");
  assert_fig8 (page, TRUE);
  rows_before = g_object_ref (cab_account_state_page_get_rows (page));

  /* What arrived is kept. */
  wait_until (statement_saved, store, "the statement, bills and ledger saved");

  /* A document opened is downloaded, checked, kept and shown. */
  {
    GtkWidget *button = find_button (GTK_WIDGET (page), "Счет-фактура");

    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
#ifdef HAVE_VIEWER
    wait_until (viewer_settled, NULL, "the invoice in the viewer");
    g_assert_cmpint (cab_document_viewer_get_state (find_viewer ()), ==,
                     CAB_DOCUMENT_VIEWER_STATE_DOCUMENT);
    save_screenshot (russian ? "viewer-invoice-ru" : "viewer-invoice");
    gtk_window_destroy (GTK_WINDOW (find_viewer ()));
#endif
    while (g_list_model_get_n_items (cab_offline_store_get_documents (store)) < 1)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (cab_offline_store_get_documents (store)), ==, 1);
  }

  /* Download All can be cancelled: it stops before the rest. */
  gtk_widget_activate_action (GTK_WIDGET (page), "account-state.download-all", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "account-state.cancel-download", NULL);
  wait_until (status_is_set, page, "Download All cancelled");
  g_assert_cmpstr (cab_account_state_page_get_status_text (page), ==, "Download cancelled.");
  g_assert_cmpuint (g_list_model_get_n_items (cab_offline_store_get_documents (store)), <, 9);
  while (g_list_model_get_n_items (cab_offline_store_get_documents (store)) > 1)
    {
      /* Start from the one opened document again. */
      g_autoptr(CabSavedDocument) doc = g_list_model_get_item (cab_offline_store_get_documents (store), 1);
      g_autoptr(GAsyncResult) result = NULL;

      cab_offline_store_remove_document_async (store, cab_saved_document_get_id (doc), NULL,
                                               store_result, &result);
      wait_until (have_result, &result, "a removal");
      g_assert_true (cab_offline_store_remove_document_finish (store, result, NULL));
    }

  /* Download All fetches the other 3 papers of the act and the 5 bill scans, once. */
  gtk_widget_activate_action (GTK_WIDGET (page), "account-state.download-all", NULL);
  wait_until (status_is_set, page, "Download All");
  g_assert_cmpstr (cab_account_state_page_get_status_text (page), ==,
                   "Documents downloaded: 8; already saved and unchanged: 1.");
  g_assert_cmpuint (g_list_model_get_n_items (cab_offline_store_get_documents (store)), ==, 9);

  /* Nothing to fetch: done at once. */
  gtk_widget_activate_action (GTK_WIDGET (page), "account-state.download-all", NULL);
  wait_until (status_is_set, page, "Download All again");
  g_assert_cmpstr (cab_account_state_page_get_status_text (page), ==,
                   "Documents downloaded: 0; already saved and unchanged: 9.");

  /* Another contract: the page follows the session's selection, and back. */
  cab_session_set_account (session, "1234567891");
  g_assert_true (cab_account_state_page_get_loading (page));
  wait_until (page_idle, page, "the other contract");
  {
    GListModel *rows = cab_account_state_page_get_rows (page);

    /* Its data starts in 2024: no balance is invented for 2016, the page says why the act
     * is empty. */
    g_assert_nonnull (rows);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
    g_assert_cmpstr (coverage_text (page), ==,
                     "No data for this period: the account's data starts on 01.01.2024.");
    g_assert_true (rows != rows_before);
  }
  cab_session_set_account (session, "1234567890");
  wait_until (page_idle, page, "Fig. 8 again");
  assert_fig8 (page, TRUE);

  /* Asked from before the data starts: said so above the act, and its first line is the
   * balance on the day the data starts, not one invented for 01.04.2016. */
  cab_account_state_page_show_period (page, "01.04.2016", "01.08.2016");
  wait_until (page_idle, page, "a period from before the data");
  g_assert_cmpstr (coverage_text (page), ==,
                   "No data before 01.05.2016: the account's data starts on that day.");
  {
    g_autoptr(CabStatementRowItem) first = g_list_model_get_item (cab_account_state_page_get_rows (page), 0);

    g_assert_cmpstr (cab_statement_row_item_get_operation (first), ==, "Balance on 01.05.2016");
  }
  cab_account_state_page_show_period (page, "01.05.2016", "01.08.2016");
  wait_until (page_idle, page, "Fig. 8 once more");
  assert_fig8 (page, TRUE);
  g_assert_null (coverage_text (page));

  /* The server goes away mid-session: the page shows what was saved, and today's debt
   * computed from the saved ledger. */
  test_server_stop (server);
  cab_session_refresh (session);
  wait_until (page_offline, page, "the offline rendering");
  assert_fig8 (page, TRUE);
  g_assert_true (cab_session_get_offline (session));
  save_screenshot (russian ? "account-state-offline-ru" : "account-state-offline");

  gtk_window_destroy (window);
}

/* A start without the server: the saved act and a saved PDF open. Runs after the test above,
 * which saved them. */
static void
test_restart_offline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabApiClient) api = cab_api_client_new ("http://127.0.0.1:9/", &error);
  g_autoptr(CabSession) session = NULL;
  g_autofree char *server_id = NULL;
  g_autofree char *login = NULL;
  CabAccountStatePage *page;
  GtkWindow *window;
  GtkWidget *button;

  g_assert_no_error (error);

  /* The last signed-in user was recorded for this. */
  g_assert_true (cab_offline_store_get_last_user (NULL, &server_id, &login, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (server_id, ==, "demo");
  g_assert_cmpstr (login, ==, "1234567890");
  g_clear_pointer (&login, g_free);

  /* With the user saved as the online session got it. */
  {
    g_autoptr(CabMe) me = NULL;
    g_autoptr(GDateTime) saved_at = NULL;

    g_assert_true (cab_session_store_load_last_user ("demo", &login, &me, &saved_at, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (login, ==, "1234567890");
    g_assert_cmpstr (me->partner.name, ==, "ООО «Ромашка»");
    g_assert_cmpuint (me->contracts->len, ==, 2);
    g_assert_nonnull (saved_at);

    g_assert_false (cab_session_store_load_last_user ("example.org:443", NULL, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  session = new_session (api, NULL);
  cab_session_set_offline (session, TRUE);
  cab_session_services_start (session, NULL);
  window = show_page (session, &page);
  {
    g_autofree char *message = cab_session_store_dup_offline_message (session);

    g_assert_true (g_str_has_prefix (message, "Offline: showing data saved on "));
  }
  wait_until (page_idle, page, "the default period, offline");
  cab_account_state_page_show_period (page, "01.05.2016", "01.08.2016");
  wait_until (page_offline, page, "the saved Fig. 8 period");
  assert_fig8 (page, TRUE);

  button = find_button (GTK_WIDGET (page), "Счет-фактура");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
#ifdef HAVE_VIEWER
  wait_until (viewer_settled, NULL, "the saved invoice in the viewer");
  g_assert_cmpint (cab_document_viewer_get_state (find_viewer ()), ==,
                   CAB_DOCUMENT_VIEWER_STATE_DOCUMENT);
  g_assert_cmpuint (cab_document_viewer_get_n_pages (find_viewer ()), >=, 1);
  gtk_window_destroy (GTK_WINDOW (find_viewer ()));
#endif
  g_assert_cmpstr (cab_account_state_page_get_status_text (page), ==, "");

  gtk_window_destroy (window);

  /* The server is back but nobody signed in again (no token): the page keeps to the saved
   * data and sends nothing, which would only be refused (401). */
  {
    g_autoptr(TestServer) server = test_server_start (0);
    g_autoptr(CabApiClient) live = cab_api_client_new (server->url, &error);
    g_autoptr(CabSession) not_signed_in = NULL;

    g_assert_no_error (error);
    not_signed_in = new_session (live, NULL);
    cab_session_services_start (not_signed_in, NULL);
    g_assert_false (cab_session_get_offline (not_signed_in));
    window = show_page (not_signed_in, &page);
    cab_account_state_page_show_period (page, "01.05.2016", "01.08.2016");
    wait_until (page_offline, page, "the saved data without a token");
    assert_fig8 (page, TRUE);
    gtk_window_destroy (window);
    test_server_stop (server);
  }
}

static gboolean
state_idle (gpointer data)
{
  return !cab_account_state_get_loading (data);
}

static void
count_started (CabAccountState *state,
               guint           *n)
{
  (*n)++;
}

/* The page shows the session's model of the selected contract (the one the notifier reads):
 * what it already holds is painted at once, without a fetch; another contract selected is its
 * own model, with the period shown. */
static void
test_shares_session_model (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(CabSession) session = sign_in (server);
  CabAccountStates *states = cab_session_get_account_states (session);
  CabAccountState *state;
  CabAccountState *other;
  CabAccountStatePage *page;
  GtkWindow *window;
  guint n_started = 0;
  GDate from, to, other_from, other_to;

  state = cab_account_states_get (states, "1234567890");
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 5, 2016);
  g_date_set_dmy (&to, 1, 8, 2016);
  cab_account_state_set_period (state, &from, &to);
  wait_until (state_idle, state, "the Fig. 8 period in the session's model");
  g_signal_connect (state, "started", G_CALLBACK (count_started), &n_started);

  window = show_page (session, &page);
  g_assert_false (cab_account_state_page_get_loading (page));
  assert_fig8 (page, TRUE);
  g_assert_cmpuint (n_started, ==, 0);

  cab_session_set_account (session, "1234567891");
  other = cab_account_states_peek (states, "1234567891");
  g_assert_nonnull (other);
  g_assert_true (other != state);
  cab_account_state_get_period (other, &other_from, &other_to);
  g_assert_cmpint (g_date_compare (&other_from, &from), ==, 0);
  g_assert_cmpint (g_date_compare (&other_to, &to), ==, 0);
  wait_until (page_idle, page, "the other contract");
  g_assert_cmpuint (n_started, ==, 0);

  g_signal_handlers_disconnect_by_data (state, &n_started);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  const char *locale;
  int status;

  if (argc < 2)
    {
      g_printerr ("Usage: %s LOCALE [test options]\n", argv[0]);
      return 2;
    }
  locale = argv[1];
  argv[1] = argv[0];
  argv += 1;
  argc -= 1;
  data_dir = test_init (&argc, &argv, locale, "cab-account-page", TRUE);
  russian = localeconv ()->decimal_point[0] == ',';

  g_test_add_func ("/account-state-page/online-then-offline", test_online_then_offline);
  g_test_add_func ("/account-state-page/restart-offline", test_restart_offline);
  g_test_add_func ("/account-state-page/shares-session-model", test_shares_session_model);

  status = g_test_run ();

  test_rm_rf (data_dir);
  g_free (data_dir);

  return status;
}
