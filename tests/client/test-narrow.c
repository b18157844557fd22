/* test-narrow.c: every page fits a 360 px wide window, and the act shows its documents whole
 * (issue 15): under Xvfb against the demo server, in English or (--ru) in Russian.
 *
 * - the window's minimum width stays 360 px on the sign-in, registration, recovery and
 *   password-change pages, on each page of the signed-in window and in Preferences;
 * - 360 px wide, the act and the advance bills are cards, one per line, whose document links
 *   show their whole titles (nothing ellipsized, nothing past the window's edge); 1280 px
 *   wide, the tables, with the same titles whole;
 * - Tab stops only on what can be acted on: never on a label;
 * - empty cells of the tables are hidden (a screen reader does not read them as "label").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "account/cab-account-state-page.h"
#include "cab-preferences-window.h"
#include "cab-window.h"
#include "client-test-util.h"

#define CHILD(widget, type, name) \
  GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type, name))

#define NARROW 360

typedef struct
{
  TestServer *server;
  GSettings  *settings;
  CabWindow  *window;
} Fixture;

static gboolean russian;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  fixture->server = test_server_start ();
  fixture->settings = g_settings_new_with_backend (APP_ID, backend);
  g_settings_set_int (fixture->settings, "window-width", NARROW);
  g_settings_set_int (fixture->settings, "window-height", 720);
  fixture->window = cab_window_new (NULL, fixture->settings);
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->settings);
  test_server_stop (fixture->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* --- Widths --- */

static int
min_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* Names the widgets that ask for more than @limit, outermost first, so that a failure says
 * which one widens the window. */
static void
report_wide (GtkWidget *widget,
             int        limit,
             int        depth)
{
  int minimum;

  if (!gtk_widget_get_visible (widget) || depth > 60)
    return;
  minimum = min_width (widget);
  if (minimum <= limit)
    return;
  g_printerr ("%*s%s%s%s: %d px\n", depth, "", G_OBJECT_TYPE_NAME (widget),
              GTK_IS_LABEL (widget) ? " " : "",
              GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "", minimum);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    report_wide (child, limit - 0, depth + 1);
}

static void
assert_fits (GtkWidget  *widget,
             int         limit,
             const char *what)
{
  int minimum = min_width (widget);

  g_test_message ("%s: minimum width %d px", what, minimum);
  if (minimum > limit)
    {
      report_wide (widget, limit, 0);
      g_error ("%s needs %d px, more than %d", what, minimum, limit);
    }
}

/* --- Waiting --- */

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 3;

  /* a few frames: layout after a page switch or a resize */
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
view_is_sign_in (gpointer data)
{
  return g_strcmp0 (cab_window_get_view (data), "sign-in") == 0;
}

static gboolean
main_ready (gpointer data)
{
  return g_strcmp0 (cab_window_get_view (data), "main") == 0 && cab_window_get_page (data) != NULL;
}

static gboolean
page_idle (gpointer data)
{
  return !cab_account_state_page_get_loading (data);
}

static void
sign_in (Fixture *fixture)
{
  GtkWidget *page = CHILD (fixture->window, CAB_TYPE_WINDOW, "sign_in_page");
  GType type = G_OBJECT_TYPE (page);

  cab_window_set_server (fixture->window, fixture->server->url, NULL, FALSE);
  test_wait_until (view_is_sign_in, fixture->window);
  gtk_editable_set_text (GTK_EDITABLE (CHILD (page, type, "login_entry")), "1234567890");
  gtk_editable_set_text (GTK_EDITABLE (CHILD (page, type, "password_entry")), "demo-password");
  g_signal_emit_by_name (CHILD (page, type, "log_in_button"), "clicked");
  test_wait_until (main_ready, fixture->window);
}

/* --- The act's documents --- */

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *out)
{
  /* what is on screen: the squeezer keeps its other child, unmapped */
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "link"))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, out);
}

/* Every document link under @area shows its whole title, inside the window. Returns how many
 * there are. */
static guint
assert_documents_whole (GtkWidget  *area,
                        GtkWidget  *window,
                        gboolean    one_line)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  g_assert_true (gtk_widget_get_mapped (area));
  collect_buttons (area, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));
      graphene_rect_t bounds;
      PangoLayout *layout;
      const char *name;

      g_assert_true (GTK_IS_LABEL (label));
      layout = gtk_label_get_layout (GTK_LABEL (label));
      g_test_message ("document link “%s”, %d line(s), %d px wide", gtk_label_get_text (GTK_LABEL (label)),
                      pango_layout_get_line_count (layout), gtk_widget_get_width (label));
      g_assert_false (pango_layout_is_ellipsized (layout));
      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
      if (one_line)
        g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);
      /* its natural width is what it was given, or it wraps (never cut) */
      g_assert_true (gtk_widget_compute_bounds (label, window, &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (window));

      /* read out as what it opens */
      name = gtk_widget_get_tooltip_text (button);
      g_assert_nonnull (name);
      g_assert_true (g_str_has_prefix (name, russian ? "Открыть «" : "Open “"));
    }

  return buttons->len;
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

/* The text of the first label under @widget, or NULL. */
static const char *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = first_label (child);

      if (text != NULL)
        return text;
    }
  return NULL;
}

static gboolean
squeezer_shows (gpointer data)
{
  gpointer *args = data;

  return adw_squeezer_get_visible_child (args[0]) == args[1];
}

static void
wait_squeezer (GtkWidget *squeezer,
               GtkWidget *child)
{
  gpointer args[] = { squeezer, child };

  test_wait_until (squeezer_shows, args);
  settle ();
}

/* Tab through @page from its first control to its last: never a label. Returns the number of
 * document links among the stops. */
static guint
assert_tab_stops (GtkWidget *window,
                  GtkWidget *page)
{
  guint n_links = 0;
  guint n_stops = 0;

  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  /* what the Tab key does inside the page, until it would leave it */
  while (gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

      g_assert_nonnull (focus);
      g_assert_cmpuint (++n_stops, <, 200);
      g_test_message ("Tab stop %u: %s", n_stops, G_OBJECT_TYPE_NAME (focus));
      if (GTK_IS_LABEL (focus))
        g_error ("Tab stops on the label “%s”", gtk_label_get_text (GTK_LABEL (focus)));
      if (GTK_IS_BUTTON (focus) && gtk_widget_has_css_class (focus, "link"))
        n_links++;
    }
  g_assert_cmpuint (n_stops, >, 0);

  return n_links;
}

static void
assert_empty_cells_hidden (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) && gtk_widget_get_mapped (widget))
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (widget)), !=, "");
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_empty_cells_hidden (child);
}

/* --- Tests --- */

static void
test_auth_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const pages[] = {
    "sign_in_page", "register_page", "forgot_password_page", "change_password_page",
  };
  CabPreferencesWindow *preferences;

  cab_window_set_server (fixture->window, fixture->server->url, NULL, FALSE);
  test_wait_until (view_is_sign_in, fixture->window);
  settle ();
  assert_fits (GTK_WIDGET (fixture->window), NARROW, "the sign-in window");
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    assert_fits (CHILD (fixture->window, CAB_TYPE_WINDOW, pages[i]), NARROW, pages[i]);

  preferences = cab_preferences_window_new (GTK_WINDOW (fixture->window), fixture->settings,
                                            fixture->server->url);
  /* libadwaita's own window measures 10 px of its frame more than what it allocates: the
   * width it takes when asked for 360 px is what counts. */
  gtk_window_set_default_size (GTK_WINDOW (preferences), NARROW, 600);
  gtk_window_present (GTK_WINDOW (preferences));
  settle ();
  g_test_message ("Preferences: %d px wide", gtk_widget_get_width (GTK_WIDGET (preferences)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (preferences)), <=, NARROW);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_signed_in_pages (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const pages[] = {
    "client-info", "account-state", "profile", "feedback", "downloads",
  };
  GtkWidget *window = GTK_WIDGET (fixture->window);
  CabAccountStatePage *account;
  GtkWidget *statement_squeezer, *statement_list, *bills_squeezer, *bills_list;
  guint n;

  sign_in (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      if (!cab_window_select_page (fixture->window, pages[i]))
        continue;
      settle ();
      assert_fits (window, NARROW, pages[i]);
      g_assert_cmpint (gtk_widget_get_width (window), <=, NARROW);
    }

  /* The act of the manual's Fig. 8, 360 px wide: cards. */
  g_assert_true (cab_window_select_page (fixture->window, "account-state"));
  account = CAB_ACCOUNT_STATE_PAGE (cab_window_get_page_widget (fixture->window, "account-state"));
  cab_account_state_page_show_period (account, "01.05.2016", "01.08.2016");
  test_wait_until (page_idle, account);
  statement_squeezer = CHILD (account, CAB_TYPE_ACCOUNT_STATE_PAGE, "statement_squeezer");
  statement_list = CHILD (account, CAB_TYPE_ACCOUNT_STATE_PAGE, "statement_list");
  bills_squeezer = CHILD (account, CAB_TYPE_ACCOUNT_STATE_PAGE, "bills_squeezer");
  bills_list = CHILD (account, CAB_TYPE_ACCOUNT_STATE_PAGE, "bills_list");
  wait_squeezer (statement_squeezer, statement_list);
  wait_squeezer (bills_squeezer, bills_list);
  assert_fits (window, NARROW, "Account State with the Fig. 8 act");
  g_assert_cmpint (gtk_widget_get_width (window), <=, NARROW);
  /* one card per line of the act: 7 lines, 4 documents; 5 bills with a scan each */
  n = 0;
  for (GtkWidget *card = gtk_widget_get_first_child (statement_list); card != NULL;
       card = gtk_widget_get_next_sibling (card))
    n++;
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpuint (assert_documents_whole (statement_list, window, FALSE), ==, 4);
  g_assert_cmpuint (assert_documents_whole (bills_list, window, FALSE), ==, 5);
  /* Tab goes from control to control: the period, the buttons, the 9 links */
  g_assert_cmpuint (assert_tab_stops (window, GTK_WIDGET (account)), ==, 9);

  /* What the debt and the recommended payment are made of, open, 360 px wide: the lines wrap,
   * in the translation; Tab stops on the expanders, never on a line. */
  {
    const char *names[] = { "debt_breakdown_expander", "payment_breakdown_expander" };
    GtkListBoxRow *first;

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        GtkWidget *expander = CHILD (account, CAB_TYPE_ACCOUNT_STATE_PAGE, names[i]);

        test_wait_until (widget_visible, expander);
        g_assert_cmpstr (gtk_expander_get_label (GTK_EXPANDER (expander)), ==,
                         russian ? "Из чего складывается?" : "What is it made of?");
        gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
      }
    settle ();
    assert_fits (window, NARROW, "Account State with what the debt is made of");
    g_assert_cmpint (gtk_widget_get_width (window), <=, NARROW);
    first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (CHILD (account, CAB_TYPE_ACCOUNT_STATE_PAGE,
                                                                "debt_breakdown_list")), 0);
    g_assert_nonnull (first);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (first)));
    g_assert_true (g_str_has_prefix (first_label (GTK_WIDGET (first)),
                                     russian ? "Сальдо на " : "Balance on "));
    g_assert_cmpuint (assert_tab_stops (window, GTK_WIDGET (account)), ==, 9);
  }

  /* 1280 px wide: the tables, the documents still whole, on one line. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  wait_squeezer (statement_squeezer, CHILD (account, CAB_TYPE_ACCOUNT_STATE_PAGE, "statement_table"));
  wait_squeezer (bills_squeezer, CHILD (account, CAB_TYPE_ACCOUNT_STATE_PAGE, "bills_table"));
  g_assert_cmpuint (assert_documents_whole (statement_squeezer, window, TRUE), ==, 4);
  g_assert_cmpuint (assert_documents_whole (bills_squeezer, window, TRUE), ==, 5);
  assert_empty_cells_hidden (statement_squeezer);
  assert_empty_cells_hidden (bills_squeezer);
  g_assert_cmpuint (assert_tab_stops (window, GTK_WIDGET (account)), >=, 9);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("cab-narrow-data-XXXXXX", NULL);
  int ret;

  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--ru") == 0)
      russian = TRUE;

  /* the offline store writes here, never into the user's own data */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tek-cabinet-test-bus", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", russian ? "ru" : "C", TRUE);
  if (g_getenv ("TEK_CABINET_SERVER") == NULL)
    g_setenv ("TEK_CABINET_SERVER", TEK_CABINET_SERVER_PATH, TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", GSCHEMA_DIR, TRUE);
  setlocale (LC_ALL, russian ? "ru_RU.UTF-8" : "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, PO_BUILD_DIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  adw_init ();

  g_test_add ("/client/narrow/auth-pages", Fixture, NULL, fixture_set_up, test_auth_pages,
              fixture_tear_down);
  g_test_add ("/client/narrow/signed-in-pages", Fixture, NULL, fixture_set_up,
              test_signed_in_pages, fixture_tear_down);

  ret = g_test_run ();
  test_remove_tree (data_home);

  return ret;
}
