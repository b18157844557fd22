/* test-supplier.c: under Xvfb, in Russian, against the demo server: the recovery page shows
 * the supplier's support address with the manual's advice for a lost mailbox (3.2), and from
 * the saved copy once the server is gone; the saved copy itself; and the payer's bank details
 * in Preferences, refused at the field and kept per login (issues 15 and 16).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "cab-api-client.h"
#include "cab-forgot-password-page.h"
#include "cab-preferences-window.h"
#include "cab-supplier-cache.h"
#include "client-test-util.h"
#include "pay/cab-payer-requisites.h"

#define CHILD(widget, type, name) \
  GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type, name))

#define DEMO_EMAIL "support@tek-energo.example"
#define DEMO_PHONE "+74832000000"
/* The manual's words (3.2), up to where the address goes. */
#define ADVICE_RU "Внимание! Если Вы не помните указанный Вами адрес электронной почты или Ваш " \
                  "почтовый ящик Вам не доступен по каким-либо причинам, отправьте письмо на " \
                  DEMO_EMAIL ". В письме необходимо указать Ваши Ф.И.О., наименование " \
                  "предприятия, код делового партнера и текст обращения."

static char *cache_home;

/* 360 by default (the narrowest the app supports); $CAB_TEST_WIDTH for a look at others. */
static int
window_width (void)
{
  const char *width = g_getenv ("CAB_TEST_WIDTH");

  return width != NULL ? (int) g_ascii_strtoll (width, NULL, 10) : 360;
}

/* With $CAB_TEST_SCREENSHOT_DIR (a person looking at the pages, not the test's verdict): the
 * screen as `import -window root` sees it, after the window had time to draw. */
static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("CAB_TEST_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

  if (dir == NULL)
    return;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  path = g_strdup_printf ("%s/%s-%d.png", dir, name, window_width ());
  command = g_strdup_printf ("import -window root %s", path);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static gboolean
label_shows_email (gpointer data)
{
  GtkLabel *label = data;

  return gtk_widget_get_visible (GTK_WIDGET (label))
         && strstr (gtk_label_get_text (label), DEMO_EMAIL) != NULL;
}

/* A recovery page in a window of @width, talking to @url; returns its support label. */
static GtkWidget *
show_recovery_page (const char  *url,
                    GtkWindow  **out_window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabApiClient) api = cab_api_client_new (url, &error);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = g_object_new (CAB_TYPE_FORGOT_PASSWORD_PAGE, NULL);

  g_assert_no_error (error);
  gtk_window_set_default_size (window, window_width (), 720);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  cab_forgot_password_page_set_api (CAB_FORGOT_PASSWORD_PAGE (page), api);
  cab_forgot_password_page_reset (CAB_FORGOT_PASSWORD_PAGE (page), NULL);

  *out_window = window;
  return CHILD (page, CAB_TYPE_FORGOT_PASSWORD_PAGE, "support_label");
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
test_recovery_page (void)
{
  TestServer *server = test_server_start ();
  g_autofree char *url = g_strdup (server->url);
  g_autofree char *dir = g_build_filename (cache_home, "tek-cabinet", "supplier", NULL);
  GtkWindow *window = NULL;
  GtkWidget *label;

  /* online: fetched before anyone signs in, and saved */
  label = show_recovery_page (url, &window);
  test_wait_until (label_shows_email, label);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), ADVICE_RU));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Телефон поддержки: " DEMO_PHONE));
  {
    /* the address is a link of its own, so the advice is no Tab stop */
    GtkWidget *link = gtk_widget_get_next_sibling (label);

    g_assert_true (GTK_IS_LINK_BUTTON (link));
    g_assert_true (gtk_widget_get_visible (link));
    g_assert_cmpstr (gtk_link_button_get_uri (GTK_LINK_BUTTON (link)), ==, "mailto:" DEMO_EMAIL);
    g_assert_false (gtk_widget_get_focusable (label));
  }
  g_assert_cmpuint (count_files (dir), ==, 1);
  screenshot ("recovery-online");
  gtk_window_destroy (window);

  /* the server gone: the same words from the saved copy */
  test_server_stop (server);
  label = show_recovery_page (url, &window);
  test_wait_until (label_shows_email, label);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), ADVICE_RU));
  screenshot ("recovery-offline");
  gtk_window_destroy (window);
}

typedef struct
{
  gboolean     done;
  CabSupplier *supplier;
  gboolean     saved_copy;
  GError      *error;
} FetchWait;

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FetchWait *wait = user_data;

  wait->supplier = cab_supplier_cache_fetch_finish (CAB_SUPPLIER_CACHE (object), result,
                                                    &wait->saved_copy, &wait->error);
  wait->done = TRUE;
}

static void
fetch (CabSupplierCache *cache,
       const char       *url,
       FetchWait        *wait)
{
  g_autoptr(CabApiClient) api = cab_api_client_new (url, NULL);

  memset (wait, 0, sizeof *wait);
  cab_supplier_cache_fetch_async (cache, api, NULL, on_fetched, wait);
  test_wait_for (&wait->done);
}

static void
test_saved_copy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cab-supplier-XXXXXX", NULL);
  g_autoptr(CabSupplierCache) cache = cab_supplier_cache_new (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabSupplier) other = NULL;
  TestServer *server = test_server_start ();
  g_autofree char *url = g_strdup (server->url);
  g_autofree char *dead = test_dead_url ();
  FetchWait wait;
  GStatBuf st;

  /* nothing saved and nothing to ask: the request's error, no invented address */
  fetch (cache, dead, &wait);
  g_assert_null (wait.supplier);
  g_assert_true (cab_error_is_unreachable (wait.error));
  g_clear_error (&wait.error);

  fetch (cache, url, &wait);
  g_assert_no_error (wait.error);
  g_assert_false (wait.saved_copy);
  g_assert_cmpstr (wait.supplier->support_email, ==, DEMO_EMAIL);
  g_assert_cmpstr (wait.supplier->bic, ==, "041501601");
  g_clear_pointer (&wait.supplier, cab_supplier_free);
  test_server_stop (server);

  fetch (cache, url, &wait);
  g_assert_no_error (wait.error);
  g_assert_true (wait.saved_copy);
  g_assert_cmpstr (wait.supplier->phone, ==, DEMO_PHONE);
  g_clear_pointer (&wait.supplier, cab_supplier_free);

  /* one copy per server, private to the user */
  other = cab_supplier_cache_load (cache, "http://127.0.0.1:1/", &error);
  g_assert_no_error (error);
  g_assert_null (other);
  {
    g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
    g_autofree char *path = g_build_filename (dir, g_dir_read_name (handle), NULL);
    g_autoptr(CabSupplier) damaged = NULL;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);

    /* a damaged or forged copy is refused, not shown */
    g_assert_true (g_file_set_contents (path, "{\"support_email\": \"not an address\"}", -1, NULL));
    damaged = cab_supplier_cache_load (cache, url, &error);
    g_assert_null (damaged);
    g_assert_nonnull (error);
    g_clear_error (&error);
    fetch (cache, url, &wait);
    g_assert_null (wait.supplier);
    g_assert_true (cab_error_is_unreachable (wait.error));
    g_clear_error (&wait.error);
    g_assert_cmpint (g_remove (path), ==, 0);
  }
  test_remove_tree (dir);
}

static void
test_payer_preferences (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cab-payer-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabPayerRequisites) saved = NULL;
  CabPreferencesWindow *window = cab_preferences_window_new (NULL, NULL, NULL);
  GtkWidget *group = CHILD (window, CAB_TYPE_PREFERENCES_WINDOW, "payer_group");
  GtkWidget *account_row = CHILD (window, CAB_TYPE_PREFERENCES_WINDOW, "bank_account_row");
  GtkWidget *bic_row = CHILD (window, CAB_TYPE_PREFERENCES_WINDOW, "bic_row");
  GtkWidget *name_row = CHILD (window, CAB_TYPE_PREFERENCES_WINDOW, "bank_name_row");
  GtkWidget *message = CHILD (window, CAB_TYPE_PREFERENCES_WINDOW, "payer_message_label");
  GtkWidget *save = CHILD (window, CAB_TYPE_PREFERENCES_WINDOW, "payer_save_button");

  gtk_window_set_default_size (GTK_WINDOW (window), window_width (), 720);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (group));   /* signed out: no company to speak for */
  cab_preferences_window_set_login (window, "1234567890", dir);
  g_assert_true (gtk_widget_get_visible (group));

  /* a BIC of 8 digits: refused at the BIC, in Russian */
  gtk_editable_set_text (GTK_EDITABLE (account_row), "40702810400000000001");
  gtk_editable_set_text (GTK_EDITABLE (bic_row), "04150160");
  g_signal_emit_by_name (save, "clicked");
  g_assert_true (gtk_widget_has_css_class (bic_row, "error"));
  g_assert_false (gtk_widget_has_css_class (account_row, "error"));
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (message)), "БИК состоит из 9 цифр"));

  /* the control key does not match the BIC: refused at the account */
  gtk_editable_set_text (GTK_EDITABLE (account_row), "40702810500000000001");
  gtk_editable_set_text (GTK_EDITABLE (bic_row), "041501601");
  g_signal_emit_by_name (save, "clicked");
  g_assert_true (gtk_widget_has_css_class (account_row, "error"));
  g_assert_false (gtk_widget_has_css_class (bic_row, "error"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (message)), "Расчетный счет состоит из 20 цифр"));
  screenshot ("preferences-error");
  saved = cab_payer_requisites_load (dir, "1234567890", &error);
  g_assert_no_error (error);
  g_assert_false (cab_payer_requisites_is_complete (saved));
  g_clear_object (&saved);

  gtk_editable_set_text (GTK_EDITABLE (account_row), "40702810400000000001");
  gtk_editable_set_text (GTK_EDITABLE (name_row), "ПАО «Демо-Банк»");
  g_signal_emit_by_name (save, "clicked");
  g_assert_false (gtk_widget_has_css_class (account_row, "error"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==, "Сохранено на этом компьютере.");
  saved = cab_payer_requisites_load (dir, "1234567890", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cab_payer_requisites_get_bank_account (saved), ==, "40702810400000000001");
  g_assert_cmpstr (cab_payer_requisites_get_bic (saved), ==, "041501601");
  g_assert_cmpstr (cab_payer_requisites_get_bank_name (saved), ==, "ПАО «Демо-Банк»");

  /* another company starts empty; the first one's come back */
  cab_preferences_window_set_login (window, "0987654321", dir);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (account_row)), ==, "");
  cab_preferences_window_set_login (window, "1234567890", dir);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bic_row)), ==, "041501601");

  gtk_window_destroy (GTK_WINDOW (window));
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("cab-supplier-data-XXXXXX", NULL);
  int ret;

  cache_home = g_dir_make_tmp ("cab-supplier-cache-XXXXXX", NULL);
  /* the saved copies go here, never into the user's own cache */
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tek-cabinet-test-bus", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "ru", TRUE);
  if (g_getenv ("TEK_CABINET_SERVER") == NULL)
    g_setenv ("TEK_CABINET_SERVER", TEK_CABINET_SERVER_PATH, TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", GSCHEMA_DIR, TRUE);
  setlocale (LC_ALL, "ru_RU.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, PO_BUILD_DIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

#if defined(__SANITIZE_ADDRESS__)
  /* Mesa's GL driver leaks a buffer and is unloaded before LeakSanitizer looks, so it cannot
   * be suppressed by name: draw with cairo under the sanitizers. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
#endif
  gtk_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  adw_init ();

  g_test_add_func ("/client/supplier/recovery-page-ru", test_recovery_page);
  g_test_add_func ("/client/supplier/saved-copy", test_saved_copy);
  g_test_add_func ("/client/supplier/payer-preferences-ru", test_payer_preferences);

  ret = g_test_run ();
  test_remove_tree (cache_home);
  test_remove_tree (data_home);
  g_free (cache_home);
  return ret;
}
