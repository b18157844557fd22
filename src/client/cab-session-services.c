/* cab-session-services.c
 *
 * The one place that knows which services a build has: the areas are folders, each one
 * optional (src/client/meson.build), so their services are built here under HAVE_<AREA>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cab-session-services"

#include "config.h"

#include <glib/gstdio.h>

#include "cab-session-services.h"

#ifdef HAVE_OFFLINE
# include "offline/cab-documents.h"
# include "offline/cab-offline-store.h"
# include "offline/cab-session-store.h"
#endif
#ifdef HAVE_ACCOUNT
# include "account/cab-account-states.h"
#endif
#ifdef HAVE_FEEDBACK
# include "feedback/cab-feedback-outbox.h"
#endif
#ifdef HAVE_PROFILE
# include "profile/cab-notifier.h"
#endif

/* Names inside the user's folder. */
#define OUTBOX_FOLDER       "outbox"
#define NOTIFIER_STATE_FILE "notifier-state.json"

/* What follows the session's login; lives as long as the handler on the session. */
typedef struct
{
  GApplication *app;
  char         *login;          /* whose folder the outbox and the notifier use */
} Services;

static void
services_free (gpointer  data,
               GClosure *closure)
{
  Services *services = data;

  g_clear_object (&services->app);
  g_free (services->login);
  g_free (services);
}

char *
cab_session_services_dup_user_dir (CabSession *session,
                                   const char *login)
{
  const char *server_id;
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;

  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);

  server_id = cab_session_get_server_id (session);
  if (server_id == NULL || *server_id == '\0')
    server_id = "default";
  if (login == NULL || *login == '\0')
    login = "default";
#ifdef HAVE_OFFLINE
  server = cab_offline_store_escape_component (server_id);
  user = cab_offline_store_escape_component (login);
#else
  server = g_uri_escape_string (server_id, NULL, FALSE);
  user = g_uri_escape_string (login, NULL, FALSE);
#endif

  return g_build_filename (g_get_user_data_dir (), "tek-cabinet", server, user, NULL);
}

#ifdef HAVE_FEEDBACK
static void
start_outbox (CabSession *session,
              const char *user_dir)
{
  g_autofree char *folder = g_build_filename (user_dir, OUTBOX_FOLDER, NULL);
  g_autoptr(CabFeedbackOutbox) outbox = NULL;
  CabFeedbackOutbox *old = cab_session_get_feedback_outbox (session);
  g_autoptr(GError) error = NULL;

  /* One outbox retries at a time: the old one stops even if a page still holds it. */
  if (old != NULL)
    g_object_run_dispose (G_OBJECT (old));

  outbox = cab_feedback_outbox_new (folder, cab_session_get_api (session));
  /* A failure is kept on the outbox for the Feedback page to tell. */
  if (!cab_feedback_outbox_load (outbox, &error))
    g_message ("The feedback outbox could not be read: %s", error->message);
  cab_feedback_outbox_set_online (outbox, !cab_session_get_offline (session));
  cab_session_set_feedback_outbox (session, outbox);
  if (!cab_session_get_offline (session))
    cab_feedback_outbox_flush (outbox);
}

/* Back online: the outbox sends at once (and starts its delays afresh). */
static void
on_offline_changed (CabSession *session,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  CabFeedbackOutbox *outbox = cab_session_get_feedback_outbox (session);

  if (outbox != NULL)
    cab_feedback_outbox_set_online (outbox, !cab_session_get_offline (session));
}

static void
on_refresh (CabSession *session,
            gpointer    user_data)
{
  CabFeedbackOutbox *outbox = cab_session_get_feedback_outbox (session);

  if (outbox != NULL)
    cab_feedback_outbox_flush (outbox);
}
#endif

#ifdef HAVE_PROFILE
static void
start_notifier (CabSession *session,
                Services   *services,
                const char *user_dir)
{
  g_autofree char *path = g_build_filename (user_dir, NOTIFIER_STATE_FILE, NULL);
  g_autoptr(CabNotifier) notifier = NULL;
  CabNotifier *old = cab_session_get_notifier (session);

  /* Its check under way stops with it. */
  if (old != NULL)
    g_object_run_dispose (G_OBJECT (old));
  notifier = cab_notifier_new (session, services->app, path);
  cab_session_set_notifier (session, notifier);
}
#endif

/* Moves everything under @from into @to, merging folders; where @to already has a file of
 * the same name, @to's is kept (and @from's stays behind). @from goes if emptied. */
static void
move_tree (const char *from,
           const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  if (g_mkdir_with_parents (to, 0700) != 0)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);

      if (!g_file_test (target, G_FILE_TEST_EXISTS))
        {
          if (g_rename (source, target) != 0)
            g_message ("Could not move %s to %s", source, target);
        }
      else if (g_file_test (source, G_FILE_TEST_IS_DIR) &&
               !g_file_test (source, G_FILE_TEST_IS_SYMLINK) &&
               g_file_test (target, G_FILE_TEST_IS_DIR))
        move_tree (source, target);
    }
  g_rmdir (from);
}

#ifdef HAVE_OFFLINE
/* The offline store and the documents that read it, on the login's folder. */
static void
reopen_store (CabSession *session)
{
  g_autoptr(CabDocuments) documents = NULL;
  g_autoptr(GError) error = NULL;

  if (cab_session_get_offline_store (session) == NULL)
    return;
  if (!cab_session_store_reopen (session, &error))
    {
      /* Nothing is kept in the old folder either: the next start opens the new one. */
      g_message ("Nothing will be kept for offline reading: %s", error->message);
      cab_session_set_offline_store (session, NULL);
    }
  documents = cab_documents_new (session, cab_session_get_offline_store (session));
  cab_session_set_documents (session, documents);
}
#endif

/* The login changed (Profile): everything kept for the user follows it (the offline store,
 * the waiting messages, the draft and what the notifier has seen), so the next start, which
 * opens the new login's folder, finds it. Connected after the pages' own handlers, so the
 * Feedback page has written its draft before it moves. A message in flight meanwhile may be
 * sent again from the new folder; the server keeps one per client_id. A save to the store
 * under way meanwhile may land in the old folder: it is fetched again next time. */
static void
on_login_changed (CabSession *session,
                  GParamSpec *pspec,
                  Services   *services)
{
  const char *login = cab_session_get_login (session);
  g_autofree char *old_dir = NULL;
  g_autofree char *new_dir = NULL;

  if (login == NULL || g_strcmp0 (login, services->login) == 0)
    return;

  old_dir = cab_session_services_dup_user_dir (session, services->login);
  new_dir = cab_session_services_dup_user_dir (session, login);
  g_free (services->login);
  services->login = g_strdup (login);

  move_tree (old_dir, new_dir);

#ifdef HAVE_OFFLINE
  reopen_store (session);
#endif
#ifdef HAVE_FEEDBACK
  start_outbox (session, new_dir);
#endif
#ifdef HAVE_PROFILE
  start_notifier (session, services, new_dir);
#endif
}

void
cab_session_services_start (CabSession   *session,
                            GApplication *app)
{
  cab_session_services_start_full (session, app, NULL);
}

void
cab_session_services_start_full (CabSession                      *session,
                                 GApplication                    *app,
                                 const CabSessionServicesOptions *options)
{
  static const CabSessionServicesOptions defaults = { 0 };
  Services *services;
  g_autofree char *user_dir = NULL;

  g_return_if_fail (CAB_IS_SESSION (session));
  g_return_if_fail (app == NULL || G_IS_APPLICATION (app));

  services = g_new0 (Services, 1);
  g_set_object (&services->app, app);
  services->login = g_strdup (cab_session_get_login (session));
  user_dir = cab_session_services_dup_user_dir (session, services->login);

#ifdef HAVE_OFFLINE
  {
    g_autoptr(GError) error = NULL;

    /* Saves what arrives, records the last user for an offline start, reconnects. */
    g_autoptr(CabDocuments) documents = NULL;

    if (options == NULL)
      options = &defaults;
    if (!cab_session_store_open (session, options->reconnect_first_ms, &error))
      g_message ("Nothing will be kept for offline reading: %s", error->message);
    /* Without a store, documents are still opened (downloaded each time). */
    documents = cab_documents_new (session, cab_session_get_offline_store (session));
    cab_session_set_documents (session, documents);
  }
#endif
#ifdef HAVE_ACCOUNT
  {
    /* Before the notifier, which reads them. */
    g_autoptr(CabAccountStates) states = cab_account_states_new (session);

    cab_session_set_account_states (session, states);
  }
#endif
#ifdef HAVE_FEEDBACK
  start_outbox (session, user_dir);
  g_signal_connect (session, "refresh", G_CALLBACK (on_refresh), NULL);
  g_signal_connect (session, "notify::offline", G_CALLBACK (on_offline_changed), NULL);
#endif
#ifdef HAVE_PROFILE
  start_notifier (session, services, user_dir);
#endif

  g_signal_connect_data (session, "notify::login", G_CALLBACK (on_login_changed), services,
                         services_free, G_CONNECT_AFTER);
}
