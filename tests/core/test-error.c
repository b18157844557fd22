/* test-error.c: CAB_ERROR codes <-> the API's "code" strings and HTTP statuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-core.h"

static const struct {
  CabError    error;
  const char *code;
  guint       status;
} api_table[] = {
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

static void
test_api_codes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (api_table); i++)
    {
      g_assert_cmpstr (cab_error_to_api_code (api_table[i].error), ==, api_table[i].code);
      g_assert_cmpint (cab_error_from_api_code (api_table[i].code), ==, api_table[i].error);
      g_assert_cmpuint (cab_error_http_status (api_table[i].error), ==, api_table[i].status);
    }
}

static void
test_local_codes (void)
{
  static const CabError local[] = {
    CAB_ERROR_FAILED, CAB_ERROR_INVALID_MONEY, CAB_ERROR_MONEY_OVERFLOW, CAB_ERROR_INVALID_DATE,
    CAB_ERROR_INVALID_PERIOD, CAB_ERROR_INVALID_ACCOUNT, CAB_ERROR_INVALID_EMAIL,
    CAB_ERROR_MISSING_FIELD, CAB_ERROR_WRONG_TYPE, CAB_ERROR_UNKNOWN_ENUM,
    CAB_ERROR_INVALID_VALUE, CAB_ERROR_NETWORK, CAB_ERROR_TIMEOUT, CAB_ERROR_SERVER,
    CAB_ERROR_MALFORMED_RESPONSE, CAB_ERROR_INSECURE_SERVER,
  };

  for (guint i = 0; i < G_N_ELEMENTS (local); i++)
    {
      g_assert_null (cab_error_to_api_code (local[i]));
      g_assert_cmpuint (cab_error_http_status (local[i]), ==, 500);
    }
}

static void
test_unknown_code (void)
{
  g_assert_cmpint (cab_error_from_api_code ("teapot"), ==, CAB_ERROR_SERVER);
  g_assert_cmpint (cab_error_from_api_code (""), ==, CAB_ERROR_SERVER);
  g_assert_cmpint (cab_error_from_api_code (NULL), ==, CAB_ERROR_SERVER);
  g_assert_cmpint (cab_error_from_api_code ("NOT_FOUND"), ==, CAB_ERROR_SERVER);
}

static void
test_quark (void)
{
  /* named by G_DEFINE_EXTENDED_ERROR after the enum */
  g_assert_cmpstr (g_quark_to_string (CAB_ERROR), ==, "CabError");
}

static void
test_details (void)
{
  g_autoptr(GError) error = cab_error_new_from_api (CAB_ERROR_RATE_LIMITED, "login", 90, "HTTP 429");
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) plain = g_error_new_literal (CAB_ERROR, CAB_ERROR_INVALID_FIELD, "typed");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "io");

  g_assert_cmpstr (cab_error_get_field (error), ==, "login");
  g_assert_cmpuint (cab_error_get_retry_after (error), ==, 90);
  g_assert_true (cab_error_is_from_api (error));

  /* the details travel with copies and propagation */
  copy = g_error_copy (error);
  g_clear_error (&error);
  g_assert_cmpstr (cab_error_get_field (copy), ==, "login");
  g_assert_cmpuint (cab_error_get_retry_after (copy), ==, 90);
  g_assert_true (cab_error_is_from_api (copy));

  g_assert_null (cab_error_get_field (plain));
  g_assert_cmpuint (cab_error_get_retry_after (plain), ==, 0);
  g_assert_false (cab_error_is_from_api (plain));
  cab_error_set_details (plain, "email", 0);
  g_assert_cmpstr (cab_error_get_field (plain), ==, "email");
  cab_error_set_details (plain, NULL, 0);
  g_assert_null (cab_error_get_field (plain));

  g_assert_null (cab_error_get_field (other));
  g_assert_null (cab_error_get_field (NULL));
  g_assert_cmpuint (cab_error_get_retry_after (other), ==, 0);
}

static void
test_transient (void)
{
  static const CabError transient[] = {
    CAB_ERROR_NETWORK, CAB_ERROR_TIMEOUT, CAB_ERROR_SERVER, CAB_ERROR_INTERNAL,
    CAB_ERROR_MALFORMED_RESPONSE, CAB_ERROR_UNAUTHORIZED, CAB_ERROR_RATE_LIMITED,
  };
  static const CabError final[] = {
    CAB_ERROR_FAILED, CAB_ERROR_INVALID_FIELD, CAB_ERROR_TOO_LARGE, CAB_ERROR_NOT_FOUND,
    CAB_ERROR_INVALID_CREDENTIALS, CAB_ERROR_WRONG_PASSWORD, CAB_ERROR_INSECURE_SERVER,
  };
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "io");

  for (guint i = 0; i < G_N_ELEMENTS (transient); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (CAB_ERROR, transient[i], "x");

      g_assert_true (cab_error_is_transient (error));
      g_assert_true (cab_error_is_unreachable (error) ==
                     (transient[i] == CAB_ERROR_NETWORK || transient[i] == CAB_ERROR_TIMEOUT));
    }
  for (guint i = 0; i < G_N_ELEMENTS (final); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (CAB_ERROR, final[i], "x");

      g_assert_false (cab_error_is_transient (error));
      g_assert_false (cab_error_is_unreachable (error));
    }
  g_assert_false (cab_error_is_transient (io));
  g_assert_false (cab_error_is_transient (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/error/api-codes", test_api_codes);
  g_test_add_func ("/core/error/local-codes", test_local_codes);
  g_test_add_func ("/core/error/unknown-code", test_unknown_code);
  g_test_add_func ("/core/error/quark", test_quark);
  g_test_add_func ("/core/error/details", test_details);
  g_test_add_func ("/core/error/transient", test_transient);

  return g_test_run ();
}
