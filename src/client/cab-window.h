/* cab-window.h: the main window: the sign-in flow, then the sidebar of pages for a session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-session.h"

G_BEGIN_DECLS

#define CAB_TYPE_WINDOW (cab_window_get_type ())
G_DECLARE_FINAL_TYPE (CabWindow, cab_window, CAB, WINDOW, AdwApplicationWindow)

CabWindow   *cab_window_new                 (GtkApplication *app,
                                             GSettings      *settings);

/* A spinner page with @message (e.g. while the demo server starts). */
void         cab_window_show_starting       (CabWindow      *self,
                                             const char     *message);
/* Uses the server at @url. @server_id names it for the keyring and the offline store
 * ("demo" for the embedded server; NULL: derived from the URL). An unusable URL shows the
 * sign-in page with the reason under "Server". Then signs in by itself when the keyring holds
 * the last login's password. */
void         cab_window_set_server          (CabWindow      *self,
                                             const char     *url,
                                             const char     *server_id,
                                             gboolean        demo);
/* The sign-in page with @message (error style), e.g. when the demo server failed. */
void         cab_window_show_error          (CabWindow      *self,
                                             const char     *message);

/* The session of the company shown, else NULL. */
CabSession  *cab_window_get_session         (CabWindow      *self);
/* "starting", "sign-in", "register", "forgot-password", "change-password", "main" or
 * "companies" (the overview). */
const char  *cab_window_get_view            (CabWindow      *self);
/* The visible sidebar page's name ("client-info", "account-state", ...), or NULL. */
const char  *cab_window_get_page            (CabWindow      *self);
/* Shows the page @name; FALSE when it does not exist. */
gboolean     cab_window_select_page         (CabWindow      *self,
                                             const char     *name);
/* The page widget @name, or NULL. */
GtkWidget   *cab_window_get_page_widget     (CabWindow      *self,
                                             const char     *name);
/* Shows the company of @login on @server_id (as the offline folder names it, see
 * cab_session_services_dup_user_dir()) and its page @name (NULL or "": the page it shows);
 * FALSE when that company is not open in this window. */
gboolean     cab_window_show_company_page   (CabWindow      *self,
                                             const char     *server_id,
                                             const char     *login,
                                             const char     *name);
/* How many companies are open (signed in, or shown from saved data). */
guint        cab_window_get_n_companies     (CabWindow      *self);
/* The info bar text while offline; the offline area may replace it ("Offline: showing data
 * saved on ..."). */
void         cab_window_set_offline_message (CabWindow      *self,
                                             const char     *message);

G_END_DECLS
