/* cab-error-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-core.h"

#include "cab-error-text.h"

char *
cab_error_text_for_field (const char *field)
{
  if (g_strcmp0 (field, "email") == 0)
    return g_strdup (_("Enter a valid email address, like name@example.org."));
  if (g_strcmp0 (field, "password") == 0 || g_strcmp0 (field, "new_password") == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The password needs at least %d character.",
                                         "The password needs at least %d characters.",
                                         CAB_PASSWORD_MIN_CHARS),
                            CAB_PASSWORD_MIN_CHARS);
  if (g_strcmp0 (field, "phone") == 0)
    return g_strdup (_("Enter a Russian phone number, like +7 999 123-45-67."));
  if (g_strcmp0 (field, "login") == 0)
    return g_strdup (_("A login has 3 to 64 Latin letters, digits, “.”, “_”, “-” or “@”."));
  if (g_strcmp0 (field, "account") == 0)
    return g_strdup (_("An account number has 10 digits."));
  if (g_strcmp0 (field, "dp_code") == 0)
    return g_strdup (_("A DP code has 10 digits."));
  if (g_strcmp0 (field, "accounts") == 0)
    return g_strdup (_("The account list holds an account that is not yours."));
  if (g_strcmp0 (field, "text") == 0)
    return g_strdup (_("The question must have 1 to 4000 characters."));
  if (field != NULL)
    /* Translators: %s is the name of a form field as the server calls it */
    return g_strdup_printf (_("The value of “%s” is not valid."), field);
  return g_strdup (_("The server did not accept the data."));
}

static char *
text_for_rate_limit (guint retry_after)
{
  if (retry_after >= 60)
    {
      guint minutes = (retry_after + 59) / 60;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Too many failed attempts. Try again in %u minute.",
                                           "Too many failed attempts. Try again in %u minutes.",
                                           minutes),
                              minutes);
    }
  if (retry_after > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Too many failed attempts. Try again in %u second.",
                                         "Too many failed attempts. Try again in %u seconds.",
                                         retry_after),
                            retry_after);
  return g_strdup (_("Too many failed attempts. Try again later."));
}

char *
cab_error_text (const GError *error)
{
  if (error == NULL)
    return g_strdup ("");
  if (error->domain != CAB_ERROR || !cab_error_is_from_api (error))
    return g_strdup (error->message);

  switch ((CabError) error->code)
    {
    case CAB_ERROR_NETWORK:
      return g_strdup (_("Cannot reach the server. Check the connection and the server address."));
    case CAB_ERROR_TIMEOUT:
      return g_strdup (_("The server did not answer in time. Try again later."));
    case CAB_ERROR_SERVER:
    case CAB_ERROR_INTERNAL:
    case CAB_ERROR_UNAVAILABLE:
      return g_strdup (_("The server could not handle the request. Try again later."));
    case CAB_ERROR_MALFORMED_RESPONSE:
    case CAB_ERROR_MALFORMED_JSON:
    case CAB_ERROR_MISSING_FIELD:
    case CAB_ERROR_WRONG_TYPE:
    case CAB_ERROR_UNKNOWN_ENUM:
    case CAB_ERROR_INVALID_VALUE:
      return g_strdup (_("The server sent an answer this app cannot read."));
    case CAB_ERROR_INSECURE_SERVER:
      return g_strdup (_("Only https:// server addresses are allowed, except this computer."));
    case CAB_ERROR_UNAUTHORIZED:
      return g_strdup (_("The session has ended. Please log in again."));
    case CAB_ERROR_INVALID_CREDENTIALS:
      return g_strdup (_("Wrong login or password."));
    case CAB_ERROR_PASSWORD_CHANGE_REQUIRED:
      return g_strdup (_("You logged in with a temporary password: set a new password first."));
    case CAB_ERROR_WRONG_PASSWORD:
      return g_strdup (_("The current password is wrong."));
    case CAB_ERROR_NOT_FOUND:
      return g_strdup (_("Not found."));
    case CAB_ERROR_METHOD_NOT_ALLOWED:
    case CAB_ERROR_UNSUPPORTED_MEDIA_TYPE:
      return g_strdup (_("The server does not support this request. The app may need an update."));
    case CAB_ERROR_LOGIN_TAKEN:
      return g_strdup (_("This login is already taken."));
    case CAB_ERROR_TOO_LARGE:
      {
        /* in the units of every other size shown (IEC: the limit is 10 × 1024 × 1024) */
        g_autofree char *limit = g_format_size_full (CAB_FEEDBACK_MAX_FILE_SIZE,
                                                     G_FORMAT_SIZE_IEC_UNITS);

        /* Translators: %s is the size limit, "10.0 MiB" */
        return g_strdup_printf (_("The file is too large: at most %s."), limit);
      }
    case CAB_ERROR_INVALID_FIELD:
      return cab_error_text_for_field (cab_error_get_field (error));
    case CAB_ERROR_DP_CODE_NOT_FOUND:
    case CAB_ERROR_ACCOUNT_NOT_FOUND:
    case CAB_ERROR_ACCOUNT_DP_MISMATCH:
      return cab_error_text_for_registration (error, NULL, NULL);
    case CAB_ERROR_ALREADY_REGISTERED:
      return g_strdup (_("This client is already registered. Log in, or restore the password."));
    case CAB_ERROR_NO_VISIBLE_ACCOUNT:
      return g_strdup (_("Keep at least one contract in the list."));
    case CAB_ERROR_RATE_LIMITED:
      return text_for_rate_limit (cab_error_get_retry_after (error));
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
    default:
      return g_strdup (_("Something went wrong."));
    }
}

char *
cab_error_text_for_registration (const GError *error,
                                 const char   *dp_code,
                                 const char   *account)
{
  if (!cab_error_is_from_api (error))
    return cab_error_text (error);

  if (g_error_matches (error, CAB_ERROR, CAB_ERROR_DP_CODE_NOT_FOUND))
    /* Translators: registration error under the form; %s is the DP code typed. Russian
     * text from the web cabinet's manual: "Не найден код ДП %s" */
    return g_strdup_printf (_("DP code %s not found"), dp_code != NULL ? dp_code : "");
  if (g_error_matches (error, CAB_ERROR, CAB_ERROR_ACCOUNT_NOT_FOUND))
    /* Translators: registration error; %s is the account number typed. Russian text from
     * the manual: "Лицевой счет %s не найден" */
    return g_strdup_printf (_("Account %s not found"), account != NULL ? account : "");
  if (g_error_matches (error, CAB_ERROR, CAB_ERROR_ACCOUNT_DP_MISMATCH))
    /* Translators: registration error; the first %s is the account number, the second the
     * DP code. Russian text from the manual: "Лицевой счет %s не соответствует коду ДП %s" */
    return g_strdup_printf (_("Account %s does not match DP code %s"),
                            account != NULL ? account : "", dp_code != NULL ? dp_code : "");

  return cab_error_text (error);
}

char *
cab_error_text_for_server (const GError *error,
                           const char   *url)
{
  if (g_error_matches (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE) && cab_error_is_from_api (error))
    return g_strdup_printf (_("“%s” is not a server address; it looks like https://example.org/."),
                            url != NULL ? url : "");

  return cab_error_text (error);
}
