/* cab-preferences-window.h: the app's preferences (notifications; the server in use).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CAB_TYPE_PREFERENCES_WINDOW (cab_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CabPreferencesWindow, cab_preferences_window, CAB, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @server_url: the server in use (shown, not edited here), may be NULL. */
CabPreferencesWindow *cab_preferences_window_new (GtkWindow  *parent,
                                                  GSettings  *settings,
                                                  const char *server_url);

G_END_DECLS
