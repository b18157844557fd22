/* cab-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-error.h"

typedef struct
{
  char     *field;
  guint     retry_after;
  gboolean  from_api;
} CabErrorPrivate;

/* The macro's accessor answers NULL for a foreign error (after a critical): the hooks and
 * getters below check, also so that -Wnull-dereference holds. */
static void
cab_error_private_init (CabErrorPrivate *priv)
{
  if (priv == NULL)
    return;
  priv->field = NULL;
  priv->retry_after = 0;
  priv->from_api = FALSE;
}

static void
cab_error_private_copy (const CabErrorPrivate *src,
                        CabErrorPrivate       *dest)
{
  if (src == NULL || dest == NULL)
    return;
  dest->field = g_strdup (src->field);
  dest->retry_after = src->retry_after;
  dest->from_api = src->from_api;
}

static void
cab_error_private_clear (CabErrorPrivate *priv)
{
  if (priv == NULL)
    return;
  g_clear_pointer (&priv->field, g_free);
}

/* GLib's macro casts the error's bytes back to the private part it allocated, suitably
 * aligned; clang's -Wcast-align cannot see that. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-align"
G_DEFINE_EXTENDED_ERROR (CabError, cab_error)
#pragma GCC diagnostic pop

GError *
cab_error_new_from_api (CabError    code,
                        const char *field,
                        guint       retry_after,
                        const char *message)
{
  GError *error = g_error_new_literal (CAB_ERROR, code, message != NULL ? message : "");
  CabErrorPrivate *priv = cab_error_get_private (error);

  cab_error_set_details (error, field, retry_after);
  if (priv != NULL)
    priv->from_api = TRUE;

  return error;
}

gboolean
cab_error_is_from_api (const GError *error)
{
  const CabErrorPrivate *priv;

  if (error == NULL || error->domain != CAB_ERROR)
    return FALSE;
  priv = cab_error_get_private (error);

  return priv != NULL && priv->from_api;
}

void
cab_error_set_details (GError     *error,
                       const char *field,
                       guint       retry_after)
{
  CabErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == CAB_ERROR);

  priv = cab_error_get_private (error);
  if (priv == NULL)
    return;
  if (priv->field != field)
    {
      g_free (priv->field);
      priv->field = g_strdup (field);
    }
  priv->retry_after = retry_after;
}

const char *
cab_error_get_field (const GError *error)
{
  if (error == NULL || error->domain != CAB_ERROR)
    return NULL;

  {
    const CabErrorPrivate *priv = cab_error_get_private (error);

    return priv != NULL ? priv->field : NULL;
  }
}

guint
cab_error_get_retry_after (const GError *error)
{
  if (error == NULL || error->domain != CAB_ERROR)
    return 0;

  {
    const CabErrorPrivate *priv = cab_error_get_private (error);

    return priv != NULL ? priv->retry_after : 0;
  }
}

gboolean
cab_error_is_unreachable (const GError *error)
{
  return g_error_matches (error, CAB_ERROR, CAB_ERROR_NETWORK)
         || g_error_matches (error, CAB_ERROR, CAB_ERROR_TIMEOUT);
}

gboolean
cab_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != CAB_ERROR)
    return FALSE;

  switch ((CabError) error->code)
    {
    case CAB_ERROR_NETWORK:
    case CAB_ERROR_TIMEOUT:
    case CAB_ERROR_SERVER:
    case CAB_ERROR_INTERNAL:
    case CAB_ERROR_UNAVAILABLE:
    case CAB_ERROR_MALFORMED_RESPONSE:
    case CAB_ERROR_UNAUTHORIZED:
    case CAB_ERROR_RATE_LIMITED:
      return TRUE;

    case CAB_ERROR_FAILED:
    case CAB_ERROR_INVALID_MONEY:
    case CAB_ERROR_MONEY_OVERFLOW:
    case CAB_ERROR_INVALID_DATE:
    case CAB_ERROR_INVALID_PERIOD:
    case CAB_ERROR_INVALID_ACCOUNT:
    case CAB_ERROR_INVALID_DP_CODE:
    case CAB_ERROR_INVALID_EMAIL:
    case CAB_ERROR_INVALID_PHONE:
    case CAB_ERROR_PASSWORD_TOO_SHORT:
    case CAB_ERROR_INVALID_INN:
    case CAB_ERROR_INN_CHECKSUM:
    case CAB_ERROR_INVALID_KPP:
    case CAB_ERROR_INVALID_LOGIN:
    case CAB_ERROR_MALFORMED_JSON:
    case CAB_ERROR_MISSING_FIELD:
    case CAB_ERROR_WRONG_TYPE:
    case CAB_ERROR_UNKNOWN_ENUM:
    case CAB_ERROR_INVALID_VALUE:
    case CAB_ERROR_INSECURE_SERVER:
    case CAB_ERROR_INVALID_CREDENTIALS:
    case CAB_ERROR_PASSWORD_CHANGE_REQUIRED:
    case CAB_ERROR_WRONG_PASSWORD:
    case CAB_ERROR_NOT_FOUND:
    case CAB_ERROR_METHOD_NOT_ALLOWED:
    case CAB_ERROR_LOGIN_TAKEN:
    case CAB_ERROR_TOO_LARGE:
    case CAB_ERROR_UNSUPPORTED_MEDIA_TYPE:
    case CAB_ERROR_INVALID_FIELD:
    case CAB_ERROR_DP_CODE_NOT_FOUND:
    case CAB_ERROR_ACCOUNT_NOT_FOUND:
    case CAB_ERROR_ACCOUNT_DP_MISMATCH:
    case CAB_ERROR_ALREADY_REGISTERED:
    case CAB_ERROR_NO_VISIBLE_ACCOUNT:
    default:
      return FALSE;
    }
}

typedef struct
{
  CabError    error;
  const char *code;
  guint       status;
} ApiCode;

/* The table of docs/api.md, "Errors". */
static const ApiCode api_codes[] = {
  { CAB_ERROR_MALFORMED_JSON, "malformed_json", 400 },
  { CAB_ERROR_UNAUTHORIZED, "unauthorized", 401 },
  { CAB_ERROR_INVALID_CREDENTIALS, "invalid_credentials", 401 },
  { CAB_ERROR_PASSWORD_CHANGE_REQUIRED, "password_change_required", 403 },
  { CAB_ERROR_WRONG_PASSWORD, "wrong_password", 403 },
  { CAB_ERROR_NOT_FOUND, "not_found", 404 },
  { CAB_ERROR_METHOD_NOT_ALLOWED, "method_not_allowed", 405 },
  { CAB_ERROR_LOGIN_TAKEN, "login_taken", 409 },
  { CAB_ERROR_TOO_LARGE, "too_large", 413 },
  { CAB_ERROR_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", 415 },
  { CAB_ERROR_INVALID_FIELD, "invalid_field", 422 },
  { CAB_ERROR_DP_CODE_NOT_FOUND, "dp_code_not_found", 422 },
  { CAB_ERROR_ACCOUNT_NOT_FOUND, "account_not_found", 422 },
  { CAB_ERROR_ACCOUNT_DP_MISMATCH, "account_dp_mismatch", 422 },
  { CAB_ERROR_ALREADY_REGISTERED, "already_registered", 422 },
  { CAB_ERROR_NO_VISIBLE_ACCOUNT, "no_visible_account", 422 },
  { CAB_ERROR_RATE_LIMITED, "rate_limited", 429 },
  { CAB_ERROR_INTERNAL, "internal_error", 500 },
  { CAB_ERROR_UNAVAILABLE, "unavailable", 503 },
};

static const ApiCode *
find_by_error (CabError error)
{
  for (guint i = 0; i < G_N_ELEMENTS (api_codes); i++)
    {
      if (api_codes[i].error == error)
        return &api_codes[i];
    }

  return NULL;
}

const char *
cab_error_to_api_code (CabError error)
{
  const ApiCode *entry = find_by_error (error);

  return entry != NULL ? entry->code : NULL;
}

CabError
cab_error_from_api_code (const char *code)
{
  if (code == NULL)
    return CAB_ERROR_SERVER;

  for (guint i = 0; i < G_N_ELEMENTS (api_codes); i++)
    {
      if (g_str_equal (api_codes[i].code, code))
        return api_codes[i].error;
    }

  return CAB_ERROR_SERVER;
}

/* Codes that never travel on the wire answer 500: reaching the network with one is a bug. */
guint
cab_error_http_status (CabError error)
{
  const ApiCode *entry = find_by_error (error);

  return entry != NULL ? entry->status : 500;
}
