/* profile-test-utils.h: the real demo server and a signed-in session for the widget tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cab-session.h"
#include "cab-session-services.h"

G_BEGIN_DECLS

typedef struct
{
  GSubprocess  *process;
  GCancellable *watch;    /* the wait that tells a server ending by itself */
  char         *dir;      /* holds db and mail */
  char         *db;
  char         *url;
  guint16       port;
} TestServer;

/* Starts tek-cabinet-server --demo on a new temporary database. @port 0: any free port. */
TestServer   *test_server_start          (guint16      port);
/* Starts it again on the same database and port. */
void          test_server_restart        (TestServer  *server);
void          test_server_stop           (TestServer  *server);
void          test_server_free           (TestServer  *server);

/* Runs the main loop until *@flag is TRUE (fails the test after 20 s). */
void          test_wait_for_flag         (gboolean    *flag);
/* Runs the main loop until @object's boolean @property equals @value. */
void          test_wait_for_property     (gpointer     object,
                                          const char  *property,
                                          gboolean     value);
void          test_spin                  (guint        ms);

typedef gboolean (*TestCondition) (gpointer data);
/* Runs the main loop, looking often, until @condition (@data) holds; fails naming @what
 * after 60 s (a deadline for a loaded machine, not a pace). */
void          test_wait_until            (TestCondition condition,
                                          gpointer      data,
                                          const char   *what);
/* A GAsyncReadyCallback that keeps the result in *(GAsyncResult **) @user_data (unref it),
 * and the condition that it has come. */
void          test_store_result          (GObject      *object,
                                          GAsyncResult *result,
                                          gpointer      user_data);
gboolean      test_have_result           (gpointer      data);

/* A real API client signed in to @url (no session, no services); NULL with @error. */
CabApiClient *test_sign_in_api           (const char  *url,
                                          const char  *login,
                                          const char  *password,
                                          GError     **error);
/* Signs in with the real API client and fetches GET /me; NULL with @error on failure. */
CabSession   *test_sign_in               (const char  *url,
                                          const char  *login,
                                          const char  *password,
                                          GError     **error);
/* test_sign_in() with the services built with @options (NULL: the defaults). */
CabSession   *test_sign_in_full          (const char                      *url,
                                          const char                      *login,
                                          const char                      *password,
                                          const CabSessionServicesOptions *options,
                                          GError                         **error);
/* What a test sets on the session before its services start; a NULL member is left as
 * cab_session_new() and the user's /me make it. */
typedef struct
{
  const char  *server_id;
  const GDate *today;
  const char  *account;
  const CabSessionServicesOptions *services;  /* NULL: the defaults */
} TestSessionSetup;

/* test_sign_in() with @setup (may be NULL) applied before the services start. */
CabSession   *test_sign_in_setup         (const char             *url,
                                          const char             *login,
                                          const char             *password,
                                          const TestSessionSetup *setup,
                                          GError                **error);
void          test_sign_out              (CabApiClient *api);
CabMe        *test_get_me                (CabApiClient *api);
/* Changes the demo user's login to @login (Profile, with "demo-password") and gives the
 * session the new /me, as the Profile page does. */
void          test_change_login          (CabSession   *session,
                                          const char   *login);
GPtrArray    *test_list_feedback         (CabApiClient *api);

/* The password the keyring holds for @login on @session's server, or NULL; NULL with
 * @error when the keyring could not be asked (G_IO_ERROR_NOT_SUPPORTED: no Secret Service). */
char         *test_keyring_lookup        (CabSession   *session,
                                          const char   *login,
                                          GError      **error);
/* Stores @password for @login on @session's server in the keyring. */
void          test_keyring_store         (CabSession   *session,
                                          const char   *login,
                                          const char   *password);

/* A template child of @widget by its id in the .ui file. */
gpointer      test_child                 (gpointer     widget,
                                          GType        type,
                                          const char  *name);

/* The start of a test's main(): LC_ALL=@locale, LANGUAGE=C, a new temporary folder named
 * after @name as XDG_DATA_HOME (returned: the caller removes it with test_rm_rf()), then
 * with @widgets gtk_test_init() and adw_init() (drawing with cairo under the sanitizers),
 * else g_test_init(); and setlocale(). */
char         *test_init                  (int          *argc,
                                          char       ***argv,
                                          const char   *locale,
                                          const char   *name,
                                          gboolean      widgets);

/* Removes @path and everything under it. */
void          test_rm_rf                 (const char  *path);

/* With CAB_TEST_SCREENSHOTS=DIR set, saves @widget as DIR/@name.png (for a look by eye). */
void          test_screenshot            (GtkWidget   *widget,
                                          const char  *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_free)

G_END_DECLS
