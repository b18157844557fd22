/* cab-routes-session.c: sign-in, sign-out and the password reset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-password.h"
#include "cab-routes.h"

#define TEMP_PASSWORD_LIFETIME (24 * 60 * 60)

/* POST /password-reset: requests per client address, and mails per login. */
#define RESET_PER_ADDRESS       10
#define RESET_ADDRESS_WINDOW    (60 * 60)
#define RESET_MAILS_PER_LOGIN   3
#define RESET_MAIL_WINDOW       (60 * 60)

typedef struct
{
  CabRequest *req;
  char       *login;
  char       *address;
  char       *password;
  gint64      reserved_at;
  gint64      user_id;     /* 0: no such login */
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  cab_request_unref (sign_in->req);
  g_free (sign_in->login);
  g_free (sign_in->address);
  if (sign_in->password != NULL)
    memset (sign_in->password, 0, strlen (sign_in->password));
  g_free (sign_in->password);
  g_free (sign_in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignIn, sign_in_free)

static void
reply_invalid_credentials (CabRequest *req)
{
  cab_request_reply_error (req, CAB_ERROR_INVALID_CREDENTIALS, NULL,
                           "Wrong login or password");
}

/* Signing in with the mailed temporary password completes the reset: it becomes the
 * password (to be changed at once), and every other session ends, since they may have been
 * opened with the password that the reset replaces. */
static gboolean
open_session (CabStore    *store,
              gint64       user_id,
              gboolean     completes_reset,
              const char    *token_hash,
              gint64         now,
              CabStoreUser **out_user,
              GError       **error)
{
  g_autoptr(CabStoreUser) user = NULL;

  if (!cab_store_begin (store, error))
    return FALSE;
  /* A user the supplier disabled while the password was being checked gets no session:
   * FALSE with no error. */
  if ((completes_reset
       && (!cab_store_promote_temp_password (store, user_id, error)
           || !cab_store_delete_other_sessions (store, user_id, NULL, error)))
      || !cab_store_create_session (store, token_hash, user_id, now, error)
      || !(user = cab_store_get_user (store, user_id, error))
      || user->disabled
      || !cab_store_commit (store, error))
    {
      cab_store_rollback (store);
      return FALSE;
    }
  *out_user = g_steal_pointer (&user);
  return TRUE;
}

static void
sign_in_verified (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SignIn) sign_in = user_data;
  CabRequest *req = sign_in->req;
  CabServer *server = req->server;
  CabStore *store = cab_server_get_store (server);
  CabRateLimiter *limiter = cab_server_get_rate_limiter (server);
  g_autoptr(GError) error = NULL;
  int match = cab_password_verify_finish (result, &error);
  g_autoptr(CabStoreUser) user = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  gint64 user_id = sign_in->user_id;

  if (error != NULL)
    {
      /* Nothing was checked (busy, or the client left): the attempt does not count. */
      cab_rate_limiter_release (limiter, sign_in->login, sign_in->address,
                                sign_in->reserved_at);
      cab_request_reply_busy (req, CAB_PASSWORD_BUSY_RETRY_AFTER);
      return;
    }
  if (match < 0 || user_id == 0)
    {
      /* The reservation stays, as the failure. */
      reply_invalid_credentials (req);
      return;
    }
  cab_rate_limiter_succeeded (limiter, sign_in->login, sign_in->address, sign_in->reserved_at);

  token = cab_token_generate ();
  token_hash = cab_token_hash (token);
  if (!open_session (store, user_id, match == 1, token_hash, cab_server_now (server), &user,
                     &error))
    {
      if (error == NULL)
        reply_invalid_credentials (req);
      else
        cab_request_reply_gerror (req, error, NULL);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "must_change_password");
  json_builder_add_boolean_value (builder, user->must_change_password);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  cab_request_reply_json (req, SOUP_STATUS_OK, root);
}

/* After the delay (if any), so that the hashes are the current ones. */
static gboolean
sign_in_check (gpointer user_data)
{
  SignIn *data = user_data;
  CabServer *server = data->req->server;
  g_autoptr(CabStoreUser) user = NULL;
  const char *hashes[2] = { NULL, NULL };
  gint64 now = cab_server_now (server);
  g_autoptr(GError) error = NULL;

  user = cab_store_get_user_by_login (cab_server_get_store (server), data->login, &error);
  /* The database down is 503, not a wrong password, and nothing was checked. */
  if (g_error_matches (error, CAB_ERROR, CAB_ERROR_UNAVAILABLE))
    {
      cab_rate_limiter_release (cab_server_get_rate_limiter (server), data->login,
                                data->address, data->reserved_at);
      cab_request_reply_gerror (data->req, error, NULL);
      sign_in_free (data);
      return G_SOURCE_REMOVE;
    }
  /* A user the supplier disabled is answered like an unknown login. */
  if (user != NULL && user->disabled)
    g_clear_pointer (&user, cab_store_user_free);
  if (user != NULL)
    {
      if (user->password_expires == 0 || user->password_expires > now)
        hashes[0] = user->password_hash;
      if (user->temp_hash != NULL && user->temp_expires > now)
        hashes[1] = user->temp_hash;
    }
  data->user_id = user ? user->id : 0;
  /* An unknown login is verified against a dummy hash: the answer takes as long. */
  cab_password_verify_async (hashes, user ? 2 : 0, data->password, data->req->cancellable,
                             sign_in_verified, data);
  return G_SOURCE_REMOVE;
}

void
cab_route_post_session (CabRequest *req)
{
  CabServer *server = req->server;
  const char *login, *password;
  gint64 now = cab_server_now (server);
  gint64 retry_after = 0;
  guint delay_ms = 0;
  g_autoptr(GError) error = NULL;
  SignIn *data;

  if (!(login = cab_routes_require_string (req, "login"))
      || !(password = cab_routes_require_string (req, "password")))
    return;

  /* Reserved before the check, so parallel attempts cannot all pass the limit. */
  if (!cab_rate_limiter_reserve_checked (cab_server_get_rate_limiter (server), login,
                                         cab_request_get_client_address (req), now,
                                         &retry_after, &delay_ms, &error))
    {
      if (error != NULL)
        cab_request_reply_gerror (req, error, NULL);
      else
        cab_request_reply_rate_limited (req, retry_after);
      return;
    }

  data = g_new0 (SignIn, 1);
  data->req = cab_request_ref (req);
  data->login = g_strdup (login);
  data->address = g_strdup (cab_request_get_client_address (req));
  data->password = g_strdup (password);
  data->reserved_at = now;
  cab_request_pause (req);
  if (delay_ms > 0)
    g_timeout_add (delay_ms, sign_in_check, data);
  else
    sign_in_check (data);
}

void
cab_route_delete_session (CabRequest *req)
{
  g_autoptr(GError) error = NULL;

  if (!cab_store_delete_session (cab_server_get_store (req->server), req->token_hash, &error))
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }
  cab_request_reply_empty (req, SOUP_STATUS_NO_CONTENT);
}

typedef struct
{
  CabServer *server;
  gint64     user_id;
  char      *email;
  char      *login;
  char      *temporary;
} Reset;

static void
reset_free (Reset *reset)
{
  g_object_unref (reset->server);
  g_free (reset->email);
  g_free (reset->login);
  g_free (reset->temporary);
  g_free (reset);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reset, reset_free)

static void
reset_hashed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Reset) reset = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = cab_password_hash_finish (result, &error);
  g_autofree char *body = NULL;
  CabStore *store = cab_server_get_store (reset->server);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
    {
      /* The answer (202) has gone already; the user asks again. */
      g_warning ("Password reset dropped: too many password checks at once");
      return;
    }
  if (hash == NULL)
    {
      g_warning ("Cannot set a temporary password: %s", error->message);
      return;
    }
  body = g_strdup_printf ("Здравствуйте!\n\n"
                          "Для входа в личный кабинет с логином %s запрошен временный пароль:\n\n"
                          "    %s\n\n"
                          "Он действует 24 часа. После входа задайте новый пароль.\n"
                          "Прежний пароль действует, пока вы не вошли с временным.\n"
                          "Если вы не запрашивали пароль, просто удалите это письмо.\n",
                          reset->login, reset->temporary);
  /* The password and its mail, or neither. */
  if (!cab_store_begin (store, &error))
    {
      g_warning ("Cannot set a temporary password: %s", error->message);
      return;
    }
  if (!cab_store_set_temp_password (store, reset->user_id, hash,
                                    cab_server_now (reset->server) + TEMP_PASSWORD_LIFETIME,
                                    &error)
      || !cab_routes_mail (reset->server, reset->email, "Временный пароль для личного кабинета",
                           body, &error)
      || !cab_store_commit (store, &error))
    {
      cab_store_rollback (store);
      g_warning ("Cannot set a temporary password: %s", error->message);
    }
}

void
cab_route_post_password_reset (CabRequest *req)
{
  CabRateLimiter *limiter = cab_server_get_rate_limiter (req->server);
  gint64 now = cab_server_now (req->server);
  gint64 retry_after = 0;
  const char *login, *email;
  g_autoptr(CabStoreUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!cab_rate_limiter_take_checked (limiter, "password-reset",
                                      cab_request_get_client_address (req), RESET_PER_ADDRESS,
                                      RESET_ADDRESS_WINDOW, now, &retry_after, &error))
    {
      if (error != NULL)
        cab_request_reply_gerror (req, error, NULL);
      else
        cab_request_reply_rate_limited (req, retry_after);
      return;
    }
  if (!(login = cab_routes_require_string (req, "login"))
      || !(email = cab_routes_require_string (req, "email")))
    return;

  user = cab_store_get_user_by_login (cab_server_get_store (req->server), login, &error);
  if (g_error_matches (error, CAB_ERROR, CAB_ERROR_UNAVAILABLE))
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }
  /* Past the mails a login may get in the hour, the request is answered the same and
   * dropped: the answer tells nothing, and nobody can flood the user's mailbox. Only
   * matching requests count, so strangers cannot use up the user's resets. */
  if (user != NULL && !user->disabled && g_ascii_strcasecmp (user->email, email) == 0
      && cab_rate_limiter_take (limiter, "password-reset-mail", user->login,
                                RESET_MAILS_PER_LOGIN, RESET_MAIL_WINDOW, now, NULL))
    {
      Reset *reset = g_new0 (Reset, 1);

      /* The work goes on after the answer, so the answer takes as long with or without
       * a match. */
      reset->server = g_object_ref (req->server);
      reset->user_id = user->id;
      reset->email = g_strdup (user->email);
      reset->login = g_strdup (user->login);
      reset->temporary = cab_password_generate_temporary ();
      cab_password_hash_async (reset->temporary, NULL, reset_hashed, reset);
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "accepted");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  cab_request_reply_json (req, SOUP_STATUS_ACCEPTED, root);
}
