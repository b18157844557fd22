/* consumption-screenshots.c: the Consumption page as people see it, for looking at (not a
 * test): light and dark, 1280 × 800 and 360 px wide, with a saved ledger with volumes, and
 * the status page of the demo ledger without volumes.
 *
 * Run as: LANGUAGE=ru LC_ALL=ru_RU.UTF-8 xvfb-run consumption-screenshots SERVER-BINARY
 *         PO-BUILD-DIR OUT-DIR
 * (LANGUAGE=C for English). Writes OUT-DIR/consumption-<lang>-<width>-<light|dark>.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libintl.h>
#include <locale.h>

#include <adwaita.h>

#include "consumption/cab-consumption-page.h"
#include "consumption-test-util.h"

static gboolean
view_is_not_loading (gpointer data)
{
  const char *view = cab_consumption_page_get_view (data);

  return view != NULL && !g_str_equal (view, "loading");
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  /* only for looking: a few frames so the list rows and the style are in place */
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
shoot (GtkWidget  *window,
       const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Cannot write %s", path);
  g_print ("%s\n", path);
}

static void
show (CabSession *session,
      const char *out_dir,
      const char *what,
      gboolean    dark,
      int         width,
      int         height)
{
  const char *lang = g_getenv ("LANGUAGE");
  g_autofree char *name = g_strdup_printf ("consumption-%s-%s-%d-%s.png",
                                           lang != NULL && g_str_has_prefix (lang, "ru") ? "ru" : "en",
                                           what, width, dark ? "dark" : "light");
  g_autofree char *path = g_build_filename (out_dir, name, NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = cab_consumption_page_new (session);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  ct_wait_until (view_is_not_loading, page, "the page");
  ct_wait_until (is_mapped, page, "the page on screen");
  settle ();
  shoot (window, path);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(CabSession) session = NULL;
  g_autoptr(CabSession) demo_session = NULL;
  g_autoptr(CabLedger) ledger = NULL;

  if (argc != 4)
    {
      g_printerr ("Usage: %s SERVER-BINARY PO-BUILD-DIR OUT-DIR\n", argv[0]);
      return 2;
    }

  data_dir = g_dir_make_tmp ("cab-consumption-look-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, argv[2]);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  server = ct_start_server (argv[1], data_dir, "look", &url);
  /* the demo ledger as served (no volumes until the server sends them) */
  demo_session = ct_sign_in (url, "look-demo");
  show (demo_session, argv[3], "demo", FALSE, 1280, 800);
  show (demo_session, argv[3], "demo", TRUE, 360, 720);

  /* a ledger with volumes, read offline */
  session = ct_sign_in (url, "look-volumes");
  ledger = ct_volume_ledger ();
  ct_save_ledger (session, ledger);
  cab_session_set_offline (session, TRUE);
  cab_session_set_offline (demo_session, TRUE);
  ct_stop_server (server);

  for (guint dark = 0; dark <= 1; dark++)
    {
      show (session, argv[3], "volumes", dark, 1280, 800);
      show (session, argv[3], "volumes", dark, 360, 720);
    }

  ct_remove_dir (data_dir);
  return 0;
}
