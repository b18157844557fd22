/* test-downloads-page.c: "Downloaded Documents" lists, filters, opens and removes what the
 * offline store keeps (needs a display; no server).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <cairo-pdf.h>

#include "offline/cab-downloads-page.h"
#include "cab-session-services.h"
#include "offline/cab-session-store.h"
#ifdef HAVE_VIEWER
# include "viewer/cab-document-viewer.h"
#endif

static char *data_dir;

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
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

static cairo_status_t
append (void                *closure,
        const unsigned char *data,
        unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A real one-page PDF, so the viewer can show it. */
static GBytes *
make_pdf (const char *text)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append, bytes, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_move_to (cr, 50, 50);
  cairo_show_text (cr, text);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (bytes);
}

static void
save (CabOfflineStore *store,
      const char      *id,
      CabDocumentKind  kind,
      const char      *title,
      const char      *account,
      const char      *number,
      guint            day,
      guint            month)
{
  g_autoptr(GBytes) pdf = make_pdf (title);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_autoptr(CabDocumentRef) ref = cab_document_ref_new (id, kind, title, g_bytes_get_size (pdf), sha);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CabSavedDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, 2016);
  cab_offline_store_save_document_async (store, ref, account, number, &date, pdf, NULL,
                                         store_result, &result);
  wait_until (have_result, &result, "a save");
  doc = cab_offline_store_save_document_finish (store, result, &error);
  g_assert_no_error (error);
}

/* With CAB_TEST_SCREENSHOTS=DIR, saves the screen as DIR/@name.png; asserts nothing. */
static void
save_screenshot (const char *name)
{
  const char *dir = g_getenv ("CAB_TEST_SCREENSHOTS");
  g_autofree char *command = NULL;
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  if (dir == NULL)
    return;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  command = g_strdup_printf ("import -window root '%s/%s.png'", dir, name);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static gboolean
status_is_set (gpointer data)
{
  const char *text = cab_downloads_page_get_status_text (data);

  return text != NULL && *text != '\0';
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

  return viewer != NULL &&
         (cab_document_viewer_get_state (viewer) == CAB_DOCUMENT_VIEWER_STATE_DOCUMENT ||
          cab_document_viewer_get_state (viewer) == CAB_DOCUMENT_VIEWER_STATE_ERROR);
}
#endif

/* What Profile does on a login change: the session learns the new login from /me. */
static void
change_login (CabSession *session,
              const char *login)
{
  g_autofree char *json = g_strdup_printf (
    "{\"login\":\"%s\",\"email\":\"demo@example.org\",\"phone\":\"+79991234567\","
    "\"subscribed\":false,\"must_change_password\":false,\"partner\":{\"dp_code\":\"7700001234\","
    "\"name\":\"ООО «Ромашка»\",\"address\":\"Брянск\",\"contacts\":\"\"},\"contracts\":["
    "{\"account\":\"1234567890\",\"contract_number\":\"12-3456\",\"contract_date\":\"2015-12-01\","
    "\"branch_name\":null,\"branch_address\":null,\"inn\":\"7707083893\",\"kpp\":\"773601001\","
    "\"terms\":{\"bill1_issue_day\":1,\"bill1_due_day\":10,\"bill2_issue_day\":16,"
    "\"bill2_due_day\":25,\"invoice_due_day\":18}}],\"visible_accounts\":[\"1234567890\"]}",
    login);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = cab_json_parse_object (json, strlen (json), &error);
  g_autoptr(CabMe) me = NULL;

  g_assert_no_error (error);
  me = cab_me_from_json (node, &error);
  g_assert_no_error (error);
  cab_session_set_me (session, me);
}

static void
test_downloads (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabApiClient) api = cab_api_client_new ("http://127.0.0.1:9/", &error);
  g_autoptr(CabSession) session = NULL;
  CabOfflineStore *store;
  CabDownloadsPage *page;
  GtkWindow *window;
  GListModel *shown;
  g_autoptr(GFile) file18 = NULL;

  g_assert_no_error (error);
  session = cab_session_new (api, "1234567890");
  cab_session_set_server_id (session, "demo");
  cab_session_set_offline (session, TRUE);
  cab_session_services_start (session, NULL);
  store = cab_session_store_get (session, &error);
  g_assert_no_error (error);

  save (store, "17", CAB_DOCUMENT_INVOICE, "Счет-фактура", "1234567890", "СФ-0531/12", 31, 5);
  save (store, "18", CAB_DOCUMENT_VOLUME_ACT, "Акт объема", "1234567890", "СФ-0531/12", 31, 5);
  save (store, "40", CAB_DOCUMENT_ADVANCE_BILL, "Счет на оплату текущего потребления",
        "1234567891", "А-0601", 1, 6);
  file18 = cab_offline_store_get_document_file (store, "18");

  window = GTK_WINDOW (gtk_window_new ());
  page = CAB_DOWNLOADS_PAGE (cab_downloads_page_new (session));
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);

  gtk_window_set_default_size (window, 900, 500);
  shown = cab_downloads_page_get_shown (page);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);
  save_screenshot ("downloads");
  {
    int minimum = 0;

    /* Usable in a 360 px window: the table scrolls sideways. */
    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
  }

  /* Search by title, number, date and account, case-insensitively. */
  cab_downloads_page_set_search (page, "АКТ ОБЪЕМА");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  cab_downloads_page_set_search (page, "акт");  /* in "Акт объема" and "Счет-фактура" */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  cab_downloads_page_set_search (page, "сф-0531");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  /* Typed in Latin letters, written in Cyrillic ones: «А-0601» */
  cab_downloads_page_set_search (page, "A-06");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  cab_downloads_page_set_search (page, "01.06.2016");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  cab_downloads_page_set_search (page, "1234567891");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  cab_downloads_page_set_search (page, "счет 1234567890");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  cab_downloads_page_set_search (page, "nothing like this");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  cab_downloads_page_set_search (page, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);

#ifdef HAVE_VIEWER
  /* A saved document opens without the server. */
  gtk_widget_activate_action (GTK_WIDGET (page), "downloads.open", "s", "17");
  wait_until (viewer_settled, NULL, "the viewer");
  g_assert_cmpint (cab_document_viewer_get_state (find_viewer ()), ==,
                   CAB_DOCUMENT_VIEWER_STATE_DOCUMENT);
  gtk_window_destroy (GTK_WINDOW (find_viewer ()));
#endif

  /* A login change moves the documents to the new login's folder: the page lists and removes
   * them there (it kept the old folder's store before). */
  change_login (session, "accountant");
  g_assert_true (cab_session_get_offline_store (session) != store);
  store = cab_session_get_offline_store (session);
  g_assert_cmpstr (cab_offline_store_get_login (store), ==, "accountant");
  g_clear_object (&file18);
  file18 = cab_offline_store_get_document_file (store, "18");
  g_assert_true (g_file_query_exists (file18, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);

  /* Remove one. */
  gtk_widget_activate_action (GTK_WIDGET (page), "downloads.remove", "s", "18");
  wait_until (status_is_set, page, "removing one");
  g_assert_cmpstr (cab_downloads_page_get_status_text (page), ==,
                   "The document is removed from this computer.");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  g_assert_false (g_file_query_exists (file18, NULL));

  /* Remove all. */
  gtk_widget_activate_action (GTK_WIDGET (page), "downloads.remove-all", NULL);
  g_assert_false (status_is_set (page));
  wait_until (status_is_set, page, "removing all");
  g_assert_cmpstr (cab_downloads_page_get_status_text (page), ==,
                   "All downloaded documents are removed from this computer.");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cab_offline_store_get_documents (store)), ==, 0);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  data_dir = g_dir_make_tmp ("cab-downloads-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

#if defined(__SANITIZE_ADDRESS__)
  /* Mesa's GL driver leaks a buffer and is unloaded before LeakSanitizer looks, so it cannot
   * be suppressed by name: draw with cairo under the sanitizers. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
#endif
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/downloads-page/list-search-open-remove", test_downloads);
  status = g_test_run ();

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", data_dir);

    if (g_str_has_prefix (data_dir, g_get_tmp_dir ()))
      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
  g_free (data_dir);

  return status;
}
