/* cab-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-error.h"

G_DEFINE_QUARK (cab-error-quark, cab_error)

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
