/* test-consumption-page.c: the Consumption page shows the months the core computes; the PNG
 * export writes a PNG of the chart's size and the CSV export reads back to the same figures.
 *
 * Run as: test-consumption-page SERVER-BINARY LOCALE [g_test options] (needs a display). The
 * figures on screen follow LOCALE ("98 112" in ru_RU, "98,112" in C).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "consumption/cab-consumption-chart.h"
#include "consumption/cab-consumption-month-item.h"
#include "consumption/cab-consumption-page.h"
#include "consumption-test-util.h"

static const char *server_binary;
static char *data_dir;
static gboolean russian;

static gboolean
view_is_not_loading (gpointer data)
{
  const char *view = cab_consumption_page_get_view (data);

  return view != NULL && !g_str_equal (view, "loading");
}

static gboolean
has_status (gpointer data)
{
  return cab_consumption_page_get_status_text (data) != NULL;
}

static gboolean
is_drawn (gpointer data)
{
  GtkWidget *chart = data;

  return gtk_widget_get_mapped (chart) && gtk_widget_get_width (chart) > 0;
}

/* The texts of the labels under @widget, in the order they are drawn (row after row). */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static char *
expected_kwh (const CabConsumptionMonth *month)
{
  if (!month->has_volume)
    return g_strdup ("—");
  return cab_consumption_format_kwh (month->volume,
                                     russian ? CAB_MONEY_STYLE_RUSSIAN : CAB_MONEY_STYLE_ENGLISH);
}

static char *
expected_money (gboolean has,
                CabMoney value)
{
  if (!has)
    return g_strdup ("—");
  return cab_money_format (value, russian ? CAB_MONEY_STYLE_RUSSIAN : CAB_MONEY_STYLE_ENGLISH);
}

/* The table's cells, row by row, are the core's figures for the saved ledger. */
static void
assert_table (CabConsumptionPage *page,
              CabLedger          *ledger)
{
  g_autoptr(CabConsumption) consumption = cab_consumption_new (ledger);
  g_autoptr(GArray) months = NULL;
  g_autoptr(GArray) previous = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  GtkWidget *table = cab_consumption_page_get_table (page);
  guint first_cell = G_MAXUINT;
  GDate last;

  g_assert_true (cab_consumption_get_last_month (consumption, &last));
  months = cab_consumption_get_range (consumption, &last, 12, &previous);

  collect_labels (table, texts);
  /* the headers, then five cells a row */
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), "July 2015"))
      {
        first_cell = i;
        break;
      }
  g_assert_cmpuint (first_cell, !=, G_MAXUINT);
  g_assert_cmpuint (texts->len, >=, first_cell + 12 * 5);

  for (guint row = 0; row < 12; row++)
    {
      const CabConsumptionMonth *m = &g_array_index (months, CabConsumptionMonth, row);
      const CabConsumptionMonth *p = &g_array_index (previous, CabConsumptionMonth, row);
      const char * const *cells = (const char * const *) texts->pdata + first_cell + row * 5;
      g_autofree char *kwh = expected_kwh (m);
      g_autofree char *previous_kwh = expected_kwh (p);
      g_autofree char *amount = expected_money (m->has_amount, m->amount);
      g_autofree char *price = expected_money (m->has_price, m->price);

      g_assert_cmpstr (cells[1], ==, kwh);
      g_assert_cmpstr (cells[2], ==, previous_kwh);
      g_assert_cmpstr (cells[3], ==, amount);
      g_assert_cmpstr (cells[4], ==, price);
    }

  /* spot checks against figures worked out by hand: April 2016 with its correction, the
   * September 2015 gap */
  g_assert_cmpstr (((const char **) texts->pdata)[first_cell + 9 * 5], ==, "April 2016");
  g_assert_cmpstr (((const char **) texts->pdata)[first_cell + 9 * 5 + 1], ==,
                   russian ? "59\302\240" "149,5" : "59,149.5");
  g_assert_cmpstr (((const char **) texts->pdata)[first_cell + 2 * 5 + 1], ==, "—");
}

/* --- The CSV read back --- */

typedef struct
{
  GPtrArray *records;   /* of GStrv */
} CsvRecords;

static gboolean
on_record (const char * const *fields,
           guint               n_fields,
           guint64             line,
           gpointer            user_data,
           GError            **error)
{
  CsvRecords *records = user_data;
  GStrvBuilder *builder = g_strv_builder_new ();

  for (guint i = 0; i < n_fields; i++)
    g_strv_builder_add (builder, fields[i]);
  g_ptr_array_add (records->records, g_strv_builder_end (builder));
  g_strv_builder_unref (builder);

  return TRUE;
}

/* A CSV number with the locale's decimal sign, as wire text. */
static char *
from_csv (const char *field)
{
  char *wire = g_strdup (field);
  char *comma = strchr (wire, ',');

  if (comma != NULL)
    *comma = '.';
  return wire;
}

static void
assert_csv (const char *path,
            CabLedger  *ledger)
{
  g_autoptr(CabConsumption) consumption = cab_consumption_new (ledger);
  g_autoptr(GArray) months = NULL;
  g_autoptr(GArray) previous = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  CsvRecords records = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev) };
  gsize length;
  GDate last;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  /* Russian: a byte order mark and ';', as Excel and Calc read it */
  g_assert_cmpint (g_str_has_prefix (data, "\xef\xbb\xbf"), ==, russian);
  g_assert_true (cab_csv_parse_buffer (data, length, russian ? ';' : ',', on_record, &records,
                                       &error));
  g_assert_no_error (error);

  g_assert_true (cab_consumption_get_last_month (consumption, &last));
  months = cab_consumption_get_range (consumption, &last, 12, &previous);
  g_assert_cmpuint (records.records->len, ==, 1 + 12);
  g_assert_cmpstr (((char **) records.records->pdata[0])[0], ==, "Month");

  for (guint row = 0; row < 12; row++)
    {
      char **fields = records.records->pdata[row + 1];
      const CabConsumptionMonth *m = &g_array_index (months, CabConsumptionMonth, row);
      const CabConsumptionMonth *p = &g_array_index (previous, CabConsumptionMonth, row);
      g_autofree char *month = cab_month_to_wire (&m->month);
      GDate parsed;
      CabVolume wh;
      CabMoney money;

      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      g_assert_true (cab_month_parse (fields[0], &parsed, NULL));
      g_assert_cmpstr (fields[0], ==, month);

      if (m->has_volume)
        {
          g_autofree char *wire = from_csv (fields[1]);

          g_assert_true (cab_volume_parse (wire, &wh, NULL));
          g_assert_cmpint (wh, ==, m->volume);
        }
      else
        g_assert_cmpstr (fields[1], ==, "");
      if (p->has_volume)
        {
          g_autofree char *wire = from_csv (fields[2]);

          g_assert_true (cab_volume_parse (wire, &wh, NULL));
          g_assert_cmpint (wh, ==, p->volume);
        }
      else
        g_assert_cmpstr (fields[2], ==, "");
      if (m->has_amount)
        {
          g_autofree char *wire = from_csv (fields[3]);

          g_assert_true (cab_money_parse (wire, &money, NULL));
          g_assert_cmpint (money, ==, m->amount);
        }
      else
        g_assert_cmpstr (fields[3], ==, "");
      if (m->has_price)
        {
          g_autofree char *wire = from_csv (fields[4]);

          g_assert_true (cab_money_parse (wire, &money, NULL));
          g_assert_cmpint (money, ==, m->price);
        }
      else
        g_assert_cmpstr (fields[4], ==, "");
    }

  g_ptr_array_unref (records.records);
}

/* The luminance (0..1) of the chart's top left pixel as rendered now: its background. */
static double
chart_background (GtkWidget *chart)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = cab_consumption_chart_render (CAB_CONSUMPTION_CHART (chart), &error);
  g_autofree guchar *pixels = NULL;
  int width;

  g_assert_no_error (error);
  width = gdk_texture_get_width (texture);
  pixels = g_malloc ((gsize) width * gdk_texture_get_height (texture) * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  /* GDK_MEMORY_DEFAULT: B, G, R, A */
  return (0.0722 * pixels[0] + 0.7152 * pixels[1] + 0.2126 * pixels[2]) / 255.0;
}

static gboolean
chart_is_dark (gpointer data)
{
  return chart_background (data) < 0.3;
}

/* Offline from a saved ledger with volumes: the chart, the table, the exports. */
static void
test_saved_volumes (void)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = ct_start_server (server_binary, data_dir, "volumes", &url);
  g_autoptr(CabSession) session = ct_sign_in (url, "demo-volumes");
  g_autoptr(CabLedger) ledger = ct_volume_ledger ();
  g_autofree char *png_path = g_build_filename (data_dir, "chart.png", NULL);
  g_autofree char *csv_path = g_build_filename (data_dir, "table.csv", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png_path);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GdkTexture) png = NULL;
  g_autoptr(GError) error = NULL;
  CabConsumptionPage *page;
  GtkWidget *chart;
  GtkWidget *window;
  const char *summary;

  ct_save_ledger (session, ledger);
  ct_stop_server (server);
  cab_session_set_offline (session, TRUE);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 760);
  page = CAB_CONSUMPTION_PAGE (cab_consumption_page_new (session));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));

  ct_wait_until (view_is_not_loading, page, "the saved ledger");
  g_assert_cmpstr (cab_consumption_page_get_view (page), ==, "ready");
  chart = cab_consumption_page_get_chart (page);
  ct_wait_until (is_drawn, chart, "the chart on screen");
  /* let the list rows be made */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  assert_table (page, ledger);

  /* what a screen reader says of the chart */
  summary = cab_consumption_chart_get_summary (CAB_CONSUMPTION_CHART (chart));
  g_assert_true (g_str_has_prefix (summary, "Consumption chart from July 2015 to June 2016"));
  g_assert_nonnull (strstr (summary, "11 of 12 months with volumes"));
  g_assert_nonnull (strstr (summary, "the most in January 2016"));

  /* PNG: the chart at its size on screen */
  cab_consumption_page_export (page, png_file, TRUE);
  ct_wait_until (has_status, page, "the PNG written");
  g_assert_nonnull (strstr (cab_consumption_page_get_status_text (page), "chart.png"));
  png = gdk_texture_new_from_filename (png_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (png), ==, gtk_widget_get_width (chart));
  g_assert_cmpint (gdk_texture_get_height (png), ==, gtk_widget_get_height (chart));
  {
    g_autofree char *head = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (png_path, &head, &length, NULL));
    g_assert_cmpmem (head, 8, "\x89PNG\r\n\x1a\n", 8);
  }

  /* CSV: read back to the same figures */
  cab_consumption_page_export (page, csv_file, FALSE);
  ct_wait_until (has_status, page, "the CSV written");
  assert_csv (csv_path, ledger);

  /* Dark style: the chart's colours come from the style, so its background turns dark */
  g_assert_cmpfloat (chart_background (chart), >, 0.7);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  ct_wait_until (chart_is_dark, chart, "the chart in dark style");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* 36 months through the toggles' action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "consumption.n-months", "u", 36));
  g_assert_cmpuint (cab_consumption_model_get_n_months (cab_consumption_page_get_model (page)), ==, 36);
  g_assert_cmpuint (g_list_model_get_n_items (cab_consumption_model_get_months (cab_consumption_page_get_model (page))), ==, 36);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Online against the demo server: without volumes, the status page, not an empty chart. */
static void
test_demo (void)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = ct_start_server (server_binary, data_dir, "demo", &url);
  g_autoptr(CabSession) session = ct_sign_in (url, "demo-page");
  g_autoptr(CabConsumption) consumption = NULL;
  CabConsumptionPage *page;
  CabLedger *ledger;
  GtkWidget *window;

  window = gtk_window_new ();
  page = CAB_CONSUMPTION_PAGE (cab_consumption_page_new (session));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));

  ct_wait_until (view_is_not_loading, page, "the demo ledger");
  ledger = cab_account_state_get_ledger (cab_consumption_model_get_account_state (cab_consumption_page_get_model (page)));
  g_assert_nonnull (ledger);
  consumption = cab_consumption_new (ledger);
  g_assert_cmpstr (cab_consumption_page_get_view (page), ==,
                   cab_consumption_has_volumes (consumption) ? "ready" : "no-volumes");

  gtk_window_destroy (GTK_WINDOW (window));
  ct_stop_server (server);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  if (argc < 3)
    {
      g_printerr ("Usage: %s SERVER-BINARY LOCALE [test options]\n", argv[0]);
      return 2;
    }
  server_binary = argv[1];
  g_setenv ("LC_ALL", argv[2], TRUE);
  argv[2] = argv[0];
  argv += 2;
  argc -= 2;

  g_setenv ("LANGUAGE", "C", TRUE);
  data_dir = g_dir_make_tmp ("cab-consumption-page-XXXXXX", &error);
  g_assert_no_error (error);
  /* The offline store lives here; set before GLib reads it. */
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

#if defined(__SANITIZE_ADDRESS__)
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
#endif
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  setlocale (LC_ALL, "");
  russian = localeconv ()->decimal_point[0] == ',';

  g_test_add_func ("/consumption-page/saved-volumes", test_saved_volumes);
  g_test_add_func ("/consumption-page/demo", test_demo);

  status = g_test_run ();
  ct_remove_dir (data_dir);
  g_free (data_dir);

  return status;
}
