/* cab-routes-session.c: sign-in, sign-out and the password reset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-password.h"
#include "cab-routes.h"

#define TEMP_PASSWORD_LIFETIME (24 * 60 * 60)

typedef struct
{
  CabRequest *req;
  char       *login;
  gint64      user_id;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  cab_request_unref (sign_in->req);
  g_free (sign_in->login);
  g_free (sign_in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignIn, sign_in_free)

static void
reply_invalid_credentials (CabRequest *req)
{
  cab_request_reply_error (req, CAB_ERROR_INVALID_CREDENTIALS, NULL,
                           "Wrong login or password");
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
  int match = cab_password_verify_finish (result);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabStoreUser) user = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  gint64 now = cab_server_now (server);

  if (match < 0 || sign_in->user_id == 0)
    {
      cab_rate_limiter_add_failure (cab_server_get_rate_limiter (server), sign_in->login,
                                    cab_request_get_client_address (req), now);
      reply_invalid_credentials (req);
      return;
    }
  cab_rate_limiter_forget_login (cab_server_get_rate_limiter (server), sign_in->login);

  token = cab_token_generate ();
  token_hash = cab_token_hash (token);
  if (!cab_store_begin (store, &error))
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }
  /* Using the mailed temporary password retires the old one. */
  if ((match == 1 && !cab_store_promote_temp_password (store, sign_in->user_id, &error))
      || !cab_store_create_session (store, token_hash, sign_in->user_id, now, &error)
      || !(user = cab_store_get_user (store, sign_in->user_id, &error))
      || !cab_store_commit (store, &error))
    {
      cab_store_rollback (store);
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

static void
sign_in (CabRequest *req)
{
  CabServer *server = req->server;
  const char *login, *password;
  g_autoptr(CabStoreUser) user = NULL;
  const char *hashes[2] = { NULL, NULL };
  gint64 now = cab_server_now (server);
  gint64 retry_after = 0;
  g_autoptr(GError) error = NULL;
  SignIn *data;

  if (!(login = cab_routes_require_string (req, "login"))
      || !(password = cab_routes_require_string (req, "password")))
    return;

  if (!cab_rate_limiter_check (cab_server_get_rate_limiter (server), login,
                               cab_request_get_client_address (req), now, &retry_after))
    {
      cab_request_reply_rate_limited (req, retry_after);
      return;
    }

  user = cab_store_get_user_by_login (cab_server_get_store (server), login, &error);
  /* The database down is 503, not a wrong password. */
  if (g_error_matches (error, CAB_ERROR, CAB_ERROR_UNAVAILABLE))
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }
  if (user != NULL)
    {
      if (user->password_expires == 0 || user->password_expires > now)
        hashes[0] = user->password_hash;
      if (user->temp_hash != NULL && user->temp_expires > now)
        hashes[1] = user->temp_hash;
    }

  data = g_new0 (SignIn, 1);
  data->req = cab_request_ref (req);
  data->login = g_strdup (login);
  data->user_id = user ? user->id : 0;
  cab_request_pause (req);
  /* An unknown login is verified against a dummy hash: the answer takes as long. */
  cab_password_verify_async (hashes, user ? 2 : 0, password, NULL, sign_in_verified, data);
}

static void
sign_out (CabRequest *req)
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

  if (hash == NULL
      || !cab_store_set_temp_password (cab_server_get_store (reset->server), reset->user_id, hash,
                                       cab_server_now (reset->server) + TEMP_PASSWORD_LIFETIME,
                                       &error))
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
  cab_routes_mail (reset->server, reset->email, "Временный пароль для личного кабинета", body);
}

static void
password_reset (CabRequest *req)
{
  const char *login, *email;
  g_autoptr(CabStoreUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!(login = cab_routes_require_string (req, "login"))
      || !(email = cab_routes_require_string (req, "email")))
    return;

  user = cab_store_get_user_by_login (cab_server_get_store (req->server), login, &error);
  if (g_error_matches (error, CAB_ERROR, CAB_ERROR_UNAVAILABLE))
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }
  if (user != NULL && g_ascii_strcasecmp (user->email, email) == 0)
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

void
cab_routes_add_session (CabServer *server)
{
  cab_server_add_route (server, "POST", "/api/v1/session", CAB_ROUTE_JSON_BODY, sign_in);
  cab_server_add_route (server, "DELETE", "/api/v1/session",
                        CAB_ROUTE_AUTH | CAB_ROUTE_PASSWORD_CHANGE_OK, sign_out);
  cab_server_add_route (server, "POST", "/api/v1/password-reset", CAB_ROUTE_JSON_BODY,
                        password_reset);
}
