/* main.c: tek-cabinet, the desktop client of the TEK-Energo client cabinet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cab-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CabApplication) app = NULL;

  const char *localedir = g_getenv ("TEK_CABINET_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* `meson devenv` points at the translations in the build tree */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cab_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
