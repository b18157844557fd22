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

/* The company signed in (its login): shows its payer's bank details (CabPayerRequisites,
 * kept in @dir, NULL: the default folder) to edit. NULL @login hides them. */
void                  cab_preferences_window_set_login (CabPreferencesWindow *self,
                                                        const char           *login,
                                                        const char           *dir);

G_END_DECLS
