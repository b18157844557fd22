/* cab-routes-me.c: the signed-in user's profile (manual 4.3): GET/PATCH /me,
 * PUT /me/visible-accounts, PUT /me/subscription.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-password.h"
#include "cab-routes.h"

JsonNode *
cab_routes_me_json (CabRequest  *req,
                    GError     **error)
{
  CabStore *store = cab_server_get_store (req->server);
  g_autoptr(CabStoreUser) user = NULL;
  g_autoptr(CabPartner) partner = NULL;
  g_autoptr(GPtrArray) contracts = NULL;
  g_auto(GStrv) visible = NULL;
  g_autoptr(CabMe) me = NULL;

  /* Read again: a handler may just have changed it. */
  if (!(user = cab_store_get_user (store, req->user->id, error))
      || !(partner = cab_store_get_partner (store, user->partner_id, error))
      || !(contracts = cab_store_list_contracts (store, user->partner_id, error))
      || !(visible = cab_store_get_visible_accounts (store, user->id, error)))
    return NULL;

  me = cab_me_new ();
  me->login = g_strdup (user->login);
  me->email = g_strdup (user->email);
  me->phone = g_strdup (user->phone);
  me->subscribed = user->subscribed;
  me->must_change_password = user->must_change_password;
  me->partner.dp_code = g_strdup (partner->dp_code);
  me->partner.name = g_strdup (partner->name);
  me->partner.address = g_strdup (partner->address);
  me->partner.contacts = g_strdup (partner->contacts);
  g_ptr_array_extend_and_steal (me->contracts, g_steal_pointer (&contracts));
  g_strfreev (me->visible_accounts);
  me->visible_accounts = g_steal_pointer (&visible);
  return cab_me_to_json (me);
}

static void
reply_me (CabRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = cab_routes_me_json (req, &error);

  if (root == NULL)
    cab_request_reply_gerror (req, error, NULL);
  else
    cab_request_reply_json (req, SOUP_STATUS_OK, root);
}

void
cab_route_get_me (CabRequest *req)
{
  reply_me (req);
}

void
cab_route_put_visible_accounts (CabRequest *req)
{
  CabStore *store = cab_server_get_store (req->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) accounts = NULL;
  JsonArray *array;

  array = cab_json_get_array (cab_request_get_object (req), "accounts", &error);
  if (array == NULL)
    {
      cab_request_reply_gerror (req, error, "accounts");
      return;
    }
  if (json_array_get_length (array) == 0)
    {
      cab_request_reply_error (req, CAB_ERROR_NO_VISIBLE_ACCOUNT, "accounts",
                               "At least one account must stay visible");
      return;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *account;
      gint64 partner_id = 0;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, "accounts",
                                   "Accounts are strings");
          return;
        }
      account = json_node_get_string (node);
      if (!cab_store_lookup_account (store, account, &partner_id, &error)
          || partner_id != req->user->partner_id)
        {
          if (error != NULL)
            cab_request_reply_gerror (req, error, NULL);
          else
            cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, "accounts",
                                     "Not an account of this partner");
          return;
        }
      g_strv_builder_add (builder, account);
    }
  accounts = g_strv_builder_end (builder);
  if (!cab_store_set_visible_accounts (store, req->user->id, (const char * const *) accounts,
                                       &error))
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }
  reply_me (req);
}

typedef struct
{
  CabRequest *req;
  char       *login;          /* NULL: unchanged */
  char       *new_password;   /* NULL: unchanged */
  char       *email;
  char       *phone;          /* valid only when phone_given */
  gboolean    phone_given;
  char       *limit_login;    /* the login whose password check is reserved */
  gint64      reserved_at;
} ProfileChange;

static void
profile_change_free (ProfileChange *change)
{
  cab_request_unref (change->req);
  g_free (change->login);
  if (change->new_password != NULL)
    memset (change->new_password, 0, strlen (change->new_password));
  g_free (change->new_password);
  g_free (change->email);
  g_free (change->phone);
  g_free (change->limit_login);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ProfileChange, profile_change_free)

static void
apply_profile_change (ProfileChange *change,
                      const char    *password_hash)
{
  CabRequest *req = change->req;
  CabStore *store = cab_server_get_store (req->server);
  g_autoptr(GError) error = NULL;
  const char *phone = change->phone_given ? change->phone : req->user->phone;
  const char *login = change->login;

  if (login != NULL && g_strcmp0 (login, req->user->login) == 0)
    login = NULL;
  /* A new password ends every other session: whoever knew the old one is signed out. */
  if (!cab_store_begin (store, &error)
      || !cab_store_update_profile (store, req->user->id, login, change->email, phone,
                                    password_hash, &error)
      || (password_hash != NULL
          && !cab_store_delete_other_sessions (store, req->user->id, req->token_hash, &error))
      || !cab_store_commit (store, &error))
    {
      cab_store_rollback (store);
      cab_request_reply_gerror (req, error,
                                error->code == CAB_ERROR_LOGIN_TAKEN ? "login" : NULL);
      return;
    }
  reply_me (req);
}

static void
new_password_hashed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ProfileChange) change = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = cab_password_hash_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      cab_request_reply_busy (change->req, CAB_PASSWORD_BUSY_RETRY_AFTER);
      return;
    }
  if (hash == NULL)
    {
      cab_request_reply_gerror (change->req, error, NULL);
      return;
    }
  apply_profile_change (change, hash);
}

static void
current_password_verified (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(ProfileChange) change = user_data;
  CabRequest *req = change->req;
  CabRateLimiter *limiter = cab_server_get_rate_limiter (req->server);
  const char *address = cab_request_get_client_address (req);
  g_autoptr(GError) error = NULL;
  int match = cab_password_verify_finish (result, &error);

  if (error != NULL)
    {
      /* Nothing was checked: the attempt does not count. */
      cab_rate_limiter_release (limiter, change->limit_login, address, change->reserved_at);
      cab_request_reply_busy (req, CAB_PASSWORD_BUSY_RETRY_AFTER);
      return;
    }
  if (match != 0)
    {
      /* The reservation stays, as the failure: like a failed sign-in. */
      cab_request_reply_error (req, CAB_ERROR_WRONG_PASSWORD, "current_password",
                               "The current password does not match");
      return;
    }
  cab_rate_limiter_succeeded (limiter, change->limit_login, address, change->reserved_at);
  if (change->new_password != NULL)
    {
      ProfileChange *owned = g_steal_pointer (&change);

      cab_password_hash_async (owned->new_password, req->cancellable, new_password_hashed,
                               owned);
      return;
    }
  apply_profile_change (change, NULL);
}

void
cab_route_patch_me (CabRequest *req)
{
  JsonObject *object = cab_request_get_object (req);
  g_autoptr(ProfileChange) change = g_new0 (ProfileChange, 1);
  g_autoptr(GError) error = NULL;
  const char *current, *email, *value = NULL;
  const char *hashes[1];
  gint64 now = cab_server_now (req->server);
  gint64 retry_after = 0;

  change->req = cab_request_ref (req);
  if (!(current = cab_routes_require_string (req, "current_password"))
      || !(email = cab_routes_require_string (req, "email")))
    return;

  if (json_object_has_member (object, "login"))
    {
      if (!(value = cab_routes_require_string (req, "login")))
        return;
      if (!cab_validate_login (value, &error))
        {
          cab_request_reply_gerror (req, error, "login");
          return;
        }
      change->login = g_strdup (value);
    }
  if (json_object_has_member (object, "new_password"))
    {
      if (!(value = cab_routes_require_string (req, "new_password")))
        return;
      if (!cab_validate_password (value, &error))
        {
          cab_request_reply_gerror (req, error, "new_password");
          return;
        }
      change->new_password = g_strdup (value);
    }
  if (!cab_validate_email (email, &error))
    {
      cab_request_reply_gerror (req, error, "email");
      return;
    }
  change->email = g_strdup (email);
  if (json_object_has_member (object, "phone"))
    {
      if (!cab_json_get_nullable_string (object, "phone", &value, &error))
        {
          cab_request_reply_gerror (req, error, "phone");
          return;
        }
      change->phone_given = TRUE;
      if (value != NULL)
        {
          change->phone = cab_validate_phone (value, &error);
          if (change->phone == NULL)
            {
              cab_request_reply_gerror (req, error, "phone");
              return;
            }
        }
    }

  /* Guesses of current_password count like failed sign-ins of the user's login (reserved
   * before the check, so parallel guesses cannot pass the limit). */
  if (!cab_rate_limiter_reserve_checked (cab_server_get_rate_limiter (req->server),
                                         req->user->login, cab_request_get_client_address (req),
                                         now, &retry_after, NULL, &error))
    {
      if (error != NULL)
        cab_request_reply_gerror (req, error, NULL);
      else
        cab_request_reply_rate_limited (req, retry_after);
      return;
    }
  change->limit_login = g_strdup (req->user->login);
  change->reserved_at = now;

  /* An expired temporary password no longer counts as the current one. */
  hashes[0] = (req->user->password_expires == 0 || req->user->password_expires > now)
              ? req->user->password_hash : NULL;
  cab_request_pause (req);
  cab_password_verify_async (hashes, 1, current, req->cancellable, current_password_verified,
                             g_steal_pointer (&change));
}

void
cab_route_put_subscription (CabRequest *req)
{
  CabStore *store = cab_server_get_store (req->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  gboolean subscribed = FALSE;

  if (!cab_json_get_bool (cab_request_get_object (req), "subscribed", &subscribed, &error))
    {
      cab_request_reply_gerror (req, error, "subscribed");
      return;
    }
  /* The change and its mail, or neither. */
  if (!cab_store_begin (store, &error))
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }
  if (!cab_store_set_subscribed (store, req->user->id, subscribed, &error)
      || !cab_routes_mail (req->server, req->user->email,
                           subscribed ? "Подписка на рассылку оформлена"
                                      : "Подписка на рассылку отменена",
                           subscribed
                           ? "Здравствуйте!\n\nВы подписались на рассылку новостей и уведомлений "
                             "ТЭК-Энерго.\nОтписаться можно в профиле личного кабинета.\n"
                           : "Здравствуйте!\n\nВы отписались от рассылки ТЭК-Энерго.\n",
                           &error)
      || !cab_store_commit (store, &error))
    {
      cab_store_rollback (store);
      cab_request_reply_gerror (req, error, NULL);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "subscribed");
  json_builder_add_boolean_value (builder, subscribed);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  cab_request_reply_json (req, SOUP_STATUS_OK, root);
}
