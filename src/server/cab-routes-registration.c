/* cab-routes-registration.c: POST /registration/check and POST /registration (manual Fig. 1-2).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-password.h"
#include "cab-routes.h"

/* Per client address: the checks tell which accounts and DP codes exist, and a registration
 * costs a password hash. A person filling the form needs a few of each. */
#define CHECKS_PER_ADDRESS         30
#define CHECK_WINDOW               (10 * 60)
#define REGISTRATIONS_PER_ADDRESS  10
#define REGISTRATION_WINDOW        (60 * 60)

/* Counts the request against @bucket's limit for the client's address; answers 429 past it. */
static gboolean
take_address_limit (CabRequest *req,
                    const char *bucket,
                    guint       limit,
                    gint64      window)
{
  gint64 retry_after = 0;
  g_autoptr(GError) error = NULL;

  if (cab_rate_limiter_take_checked (cab_server_get_rate_limiter (req->server), bucket,
                                     cab_request_get_client_address (req), limit, window,
                                     cab_server_now (req->server), &retry_after, &error))
    return TRUE;
  if (error != NULL)
    cab_request_reply_gerror (req, error, NULL);
  else
    cab_request_reply_rate_limited (req, retry_after);
  return FALSE;
}

/* The live checks. An empty value is not checked; a malformed one cannot exist. Returns the
 * partner's id through @out_partner_id when @dp_code is given and everything holds. */
static gboolean
check_partner_account (CabRequest  *req,
                       const char  *dp_code,
                       const char  *account,
                       gint64      *out_partner_id)
{
  CabStore *store = cab_server_get_store (req->server);
  g_autoptr(GError) error = NULL;
  gint64 partner_id = 0, account_partner_id = 0;
  gboolean has_user = FALSE;

  if (*dp_code != '\0')
    {
      if (!cab_validate_dp_code (dp_code, NULL)
          || !cab_store_lookup_partner (store, dp_code, &partner_id, &has_user, &error))
        {
          if (error != NULL)
            cab_request_reply_gerror (req, error, NULL);
          else
            cab_request_reply_error (req, CAB_ERROR_DP_CODE_NOT_FOUND, "dp_code",
                                     "No partner with this DP code");
          return FALSE;
        }
    }

  if (*account != '\0')
    {
      if (!cab_validate_account (account, NULL)
          || !cab_store_lookup_account (store, account, &account_partner_id, &error))
        {
          if (error != NULL)
            cab_request_reply_gerror (req, error, NULL);
          else
            cab_request_reply_error (req, CAB_ERROR_ACCOUNT_NOT_FOUND, "account",
                                     "No such account");
          return FALSE;
        }
      if (*dp_code != '\0' && account_partner_id != partner_id)
        {
          cab_request_reply_error (req, CAB_ERROR_ACCOUNT_DP_MISMATCH, "account",
                                   "The account belongs to another DP code");
          return FALSE;
        }
      if (*dp_code == '\0')
        {
          g_autoptr(CabPartner) partner = NULL;

          partner = cab_store_get_partner (store, account_partner_id, &error);
          if (partner == NULL
              || !cab_store_lookup_partner (store, partner->dp_code, NULL, &has_user, &error))
            {
              cab_request_reply_gerror (req, error, NULL);
              return FALSE;
            }
        }
    }

  if (has_user)
    {
      cab_request_reply_error (req, CAB_ERROR_ALREADY_REGISTERED, "dp_code",
                               "The partner already has a user");
      return FALSE;
    }
  if (out_partner_id)
    *out_partner_id = partner_id;
  return TRUE;
}

void
cab_route_post_registration_check (CabRequest *req)
{
  const char *dp_code, *account;
  g_autoptr(JsonNode) empty = NULL;

  if (!take_address_limit (req, "registration-check", CHECKS_PER_ADDRESS, CHECK_WINDOW))
    return;
  if (!(dp_code = cab_routes_require_string (req, "dp_code"))
      || !(account = cab_routes_require_string (req, "account")))
    return;
  if (!check_partner_account (req, dp_code, account, NULL))
    return;
  empty = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (empty, json_object_new ());
  cab_request_reply_json (req, SOUP_STATUS_OK, empty);
}

typedef struct
{
  CabRequest *req;
  gint64      partner_id;
  char       *account;
  char       *email;
} Registration;

static void
registration_free (Registration *reg)
{
  cab_request_unref (reg->req);
  g_free (reg->account);
  g_free (reg->email);
  g_free (reg);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Registration, registration_free)

static void
registration_hashed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Registration) reg = user_data;
  CabRequest *req = reg->req;
  CabServer *server = req->server;
  CabStore *store = cab_server_get_store (server);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = cab_password_hash_finish (result, &error);
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 user_id;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      cab_request_reply_busy (req, CAB_PASSWORD_BUSY_RETRY_AFTER);
      return;
    }
  if (hash == NULL)
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }

  /* The store refuses a second user for the partner: of two racing registrations, the one
   * finishing second gets already_registered here. */
  token = cab_token_generate ();
  token_hash = cab_token_hash (token);
  body = g_strdup_printf ("Здравствуйте!\n\n"
                          "Вы зарегистрированы в личном кабинете клиента ТЭК-Энерго.\n"
                          "Ваш логин: %s (номер лицевого счета).\n\n"
                          "Если вы не регистрировались, сообщите нам, ответив на это письмо.\n",
                          reg->account);
  if (!cab_store_begin (store, &error))
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }
  user_id = cab_store_create_user (store, reg->partner_id, reg->account, reg->email, NULL,
                                   hash, &error);
  if (user_id == 0
      || !cab_store_create_session (store, token_hash, user_id, cab_server_now (server), &error)
      || !cab_routes_mail (server, reg->email, "Регистрация в личном кабинете", body, &error)
      || !cab_store_commit (store, &error))
    {
      cab_store_rollback (store);
      cab_request_reply_gerror (req, error, error && error->code == CAB_ERROR_ALREADY_REGISTERED
                                            ? "dp_code" : "account");
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "login");
  json_builder_add_string_value (builder, reg->account);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  cab_request_reply_json (req, SOUP_STATUS_CREATED, root);
}

void
cab_route_post_registration (CabRequest *req)
{
  const char *dp_code, *account, *email, *password;
  g_autoptr(GError) error = NULL;
  Registration *reg;
  gint64 partner_id = 0;

  if (!take_address_limit (req, "registration", REGISTRATIONS_PER_ADDRESS, REGISTRATION_WINDOW))
    return;
  if (!(dp_code = cab_routes_require_string (req, "dp_code"))
      || !(account = cab_routes_require_string (req, "account"))
      || !(email = cab_routes_require_string (req, "email"))
      || !(password = cab_routes_require_string (req, "password")))
    return;

  if (!cab_validate_dp_code (dp_code, &error))
    {
      cab_request_reply_gerror (req, error, "dp_code");
      return;
    }
  if (!cab_validate_account (account, &error))
    {
      cab_request_reply_gerror (req, error, "account");
      return;
    }
  if (!check_partner_account (req, dp_code, account, &partner_id))
    return;
  if (!cab_validate_email (email, &error))
    {
      cab_request_reply_gerror (req, error, "email");
      return;
    }
  if (!cab_validate_password (password, &error))
    {
      cab_request_reply_gerror (req, error, "password");
      return;
    }

  reg = g_new0 (Registration, 1);
  reg->req = cab_request_ref (req);
  reg->partner_id = partner_id;
  reg->account = g_strdup (account);
  reg->email = g_strdup (email);
  cab_request_pause (req);
  cab_password_hash_async (password, req->cancellable, registration_hashed, reg);
}
