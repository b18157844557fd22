/* cab-session-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-reconnector.h"
#include "cab-session-store.h"

/* The first wait before asking an unreachable server again; it doubles up to a minute. */
#define RECONNECT_FIRST_MS 5000

static void
on_me_saved (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cab_offline_store_put_json_finish (CAB_OFFLINE_STORE (object), result, &error))
    g_debug ("The user could not be kept for offline reading: %s", error->message);
}

/* The user (partner, contracts) is what an offline start needs first. */
static void
save_me (CabSession      *session,
         GParamSpec      *pspec,
         CabOfflineStore *store)
{
  const CabMe *me = cab_session_get_me (session);
  g_autoptr(JsonNode) node = NULL;

  if (me == NULL || cab_session_get_offline (session))
    return;

  node = cab_me_to_json (me);
  cab_offline_store_put_json_async (store, CAB_OFFLINE_ME, NULL, NULL, NULL, node,
                                    NULL, on_me_saved, NULL);
}

/* The last user's record is written off the main thread, and two writes (a sign-in, then a
 * change of login) may run at once on the thread pool: each carries the order it was asked
 * in, and one older than what is already written is dropped, so the newest always wins. */
typedef struct
{
  guint64  order;
  char    *server_id;
  char    *login;
  char    *base_url;
} LastUser;

static GMutex last_user_lock;
static guint64 last_user_asked;    /* main thread */
static guint64 last_user_written;  /* under last_user_lock */

static void
last_user_free (LastUser *record)
{
  g_free (record->server_id);
  g_free (record->login);
  g_free (record->base_url);
  g_free (record);
}

static void
write_last_user_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  LastUser *record = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&last_user_lock);

  if (record->order < last_user_written)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  last_user_written = record->order;
  /* Not fatal: only an offline start needs it. */
  if (!cab_offline_store_set_last_user (NULL, record->server_id, record->login,
                                        record->base_url, &error))
    g_debug ("The last signed-in user was not recorded: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* Opens the store of the session's login and puts it on the session, in place of the one
 * there (whose saving of /me stops). */
static gboolean
open_store (CabSession  *session,
            GError     **error)
{
  g_autoptr(CabOfflineStore) store = NULL;
  CabOfflineStore *old;
  const char *server_id;
  const char *login;

  server_id = cab_session_get_server_id (session);
  login = cab_session_get_login (session);
  if (server_id == NULL || login == NULL)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_FAILED,
                           "The session has no server or login to store data under");
      return FALSE;
    }

  if (!(store = cab_offline_store_new (NULL, server_id, login, error)))
    return FALSE;

  if (!cab_session_get_offline (session))
    {
      CabApiClient *api = cab_session_get_api (session);
      g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
      LastUser *record = g_new0 (LastUser, 1);

      /* Off the main thread: the write is synced to disk. */
      record->order = ++last_user_asked;
      record->server_id = g_strdup (server_id);
      record->login = g_strdup (login);
      record->base_url = api != NULL ? g_strdup (cab_api_client_get_base_url (api)) : NULL;
      g_task_set_source_tag (task, cab_session_store_open);
      g_task_set_task_data (task, record, (GDestroyNotify) last_user_free);
      g_task_run_in_thread (task, write_last_user_thread);
    }

  if ((old = cab_session_get_offline_store (session)) != NULL)
    g_signal_handlers_disconnect_by_func (session, save_me, old);
  cab_session_set_offline_store (session, store);
  g_signal_connect_object (session, "notify::me", G_CALLBACK (save_me), store, 0);
  save_me (session, NULL, store);

  return TRUE;
}

gboolean
cab_session_store_open (CabSession  *session,
                        guint        reconnect_first_ms,
                        GError     **error)
{
  g_return_val_if_fail (CAB_IS_SESSION (session), FALSE);
  g_return_val_if_fail (cab_session_get_offline_store (session) == NULL, FALSE);

  if (!open_store (session, error))
    return FALSE;

  /* Offline reading goes with coming back online by itself. */
  {
    g_autoptr(CabReconnector) reconnector = NULL;

    reconnector = cab_reconnector_new (session, reconnect_first_ms > 0 ? reconnect_first_ms
                                                                       : RECONNECT_FIRST_MS);
    cab_session_set_reconnector (session, reconnector);
  }

  return TRUE;
}

gboolean
cab_session_store_reopen (CabSession  *session,
                          GError     **error)
{
  g_return_val_if_fail (CAB_IS_SESSION (session), FALSE);

  return open_store (session, error);
}

CabOfflineStore *
cab_session_store_get (CabSession  *session,
                       GError     **error)
{
  CabOfflineStore *store;

  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);

  if ((store = cab_session_get_offline_store (session)) == NULL)
    g_set_error_literal (error, CAB_ERROR, CAB_ERROR_FAILED,
                         "The offline store of this session could not be opened at sign-in");

  return store;
}

char *
cab_session_store_dup_offline_message (CabSession *session)
{
  CabOfflineStore *store;
  g_autoptr(GDateTime) saved_at = NULL;

  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);

  if (!(store = cab_session_get_offline_store (session)))
    return g_strdup (_("Offline: the server cannot be reached"));

  saved_at = cab_offline_store_dup_saved_at (store);
  return cab_offline_store_format_offline_message (saved_at);
}

gboolean
cab_session_store_load_last_user (const char  *server_id,
                                  char       **out_login,
                                  CabMe      **out_me,
                                  GDateTime  **out_saved_at,
                                  GError     **error)
{
  g_autofree char *last_server_id = NULL;
  g_autofree char *login = NULL;
  g_autoptr(CabOfflineStore) store = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) saved_at = NULL;
  CabMe *me;

  g_return_val_if_fail (server_id != NULL, FALSE);

  if (!cab_offline_store_get_last_user (NULL, &last_server_id, &login, NULL, error))
    return FALSE;

  if (g_strcmp0 (last_server_id, server_id) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Nobody has signed in to this server on this computer yet"));
      return FALSE;
    }

  if (!(store = cab_offline_store_new (NULL, server_id, login, error)) ||
      !(node = cab_offline_store_get_json (store, CAB_OFFLINE_ME, NULL, NULL, NULL, &saved_at,
                                           error)) ||
      !(me = cab_me_from_json (node, error)))
    return FALSE;

  if (out_login != NULL)
    *out_login = g_steal_pointer (&login);
  if (out_saved_at != NULL)
    *out_saved_at = g_steal_pointer (&saved_at);
  if (out_me != NULL)
    *out_me = me;
  else
    cab_me_free (me);

  return TRUE;
}
