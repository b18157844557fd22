/* cab-error.h: the project's error domain, shared by core, server and client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAB_ERROR (cab_error_quark ())

/* One code per failure a person may need told apart. The API codes map one to one onto the
 * "code" strings of docs/api.md (see cab_error_to_api_code()). */
typedef enum
{
  CAB_ERROR_FAILED,

  /* Parsing and validation (core) */
  CAB_ERROR_INVALID_MONEY,
  CAB_ERROR_MONEY_OVERFLOW,
  CAB_ERROR_INVALID_DATE,
  CAB_ERROR_INVALID_PERIOD,
  CAB_ERROR_INVALID_ACCOUNT,
  CAB_ERROR_INVALID_DP_CODE,
  CAB_ERROR_INVALID_EMAIL,
  CAB_ERROR_INVALID_PHONE,
  CAB_ERROR_PASSWORD_TOO_SHORT,
  CAB_ERROR_INVALID_INN,
  CAB_ERROR_INN_CHECKSUM,
  CAB_ERROR_INVALID_KPP,
  CAB_ERROR_INVALID_LOGIN,

  /* Decoding API resources (core) */
  CAB_ERROR_MALFORMED_JSON,
  CAB_ERROR_MISSING_FIELD,
  CAB_ERROR_WRONG_TYPE,
  CAB_ERROR_UNKNOWN_ENUM,
  CAB_ERROR_INVALID_VALUE,

  /* Transport (client) */
  CAB_ERROR_NETWORK,
  CAB_ERROR_TIMEOUT,
  CAB_ERROR_SERVER,
  CAB_ERROR_MALFORMED_RESPONSE,
  CAB_ERROR_INSECURE_SERVER,

  /* API error codes (docs/api.md) */
  CAB_ERROR_UNAUTHORIZED,
  CAB_ERROR_INVALID_CREDENTIALS,
  CAB_ERROR_PASSWORD_CHANGE_REQUIRED,
  CAB_ERROR_WRONG_PASSWORD,
  CAB_ERROR_NOT_FOUND,
  CAB_ERROR_METHOD_NOT_ALLOWED,
  CAB_ERROR_LOGIN_TAKEN,
  CAB_ERROR_TOO_LARGE,
  CAB_ERROR_UNSUPPORTED_MEDIA_TYPE,
  CAB_ERROR_INVALID_FIELD,
  CAB_ERROR_DP_CODE_NOT_FOUND,
  CAB_ERROR_ACCOUNT_NOT_FOUND,
  CAB_ERROR_ACCOUNT_DP_MISMATCH,
  CAB_ERROR_ALREADY_REGISTERED,
  CAB_ERROR_NO_VISIBLE_ACCOUNT,
  CAB_ERROR_RATE_LIMITED,
  CAB_ERROR_INTERNAL,
  /* The database cannot be reached now: 503 with Retry-After. */
  CAB_ERROR_UNAVAILABLE,
} CabError;

GQuark       cab_error_quark             (void);

/* CAB_ERROR is an extended error domain: an error of it may carry the form field the server
 * named (CAB_ERROR_INVALID_FIELD and the registration codes) and how many seconds to wait
 * before retrying (CAB_ERROR_RATE_LIMITED). They travel with the GError (copies included). */
void         cab_error_set_details       (GError     *error,
                                          const char *field,
                                          guint       retry_after);
/* NULL / 0 when @error is NULL, of another domain or carries none. */
const char  *cab_error_get_field         (const GError *error);
guint        cab_error_get_retry_after   (const GError *error);

/* An error of the server's API or of the way to it (the client's transport): its @message is
 * for logs, untranslated; what a person reads is chosen by code (see cab_error_is_from_api()). */
GError      *cab_error_new_from_api      (CabError    code,
                                          const char *field,
                                          guint       retry_after,
                                          const char *message);
/* TRUE for an error made by cab_error_new_from_api() (or a copy of one). */
gboolean     cab_error_is_from_api       (const GError *error);

/* Whether the server could not be reached at all (no network, DNS, refused, timeout): the
 * client falls back to its saved data. */
gboolean     cab_error_is_unreachable    (const GError *error);

/* Whether the same request may succeed later without anything changed by the person: the
 * server unreachable, failing (5xx), answering garbage, the session expired or rate-limited.
 * Background senders keep such work for a retry; any other failure is final. */
gboolean     cab_error_is_transient      (const GError *error);

/* The stable API "code" string of @error, e.g. "invalid_credentials"; NULL for codes that never
 * travel on the wire (transport and parsing errors). */
const char  *cab_error_to_api_code       (CabError    error);

/* The CabError for an API "code" string; CAB_ERROR_SERVER for an unknown one. */
CabError     cab_error_from_api_code     (const char *code);

/* The HTTP status the server answers with for an API error code. */
guint        cab_error_http_status       (CabError    error);

G_END_DECLS
