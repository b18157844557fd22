/* cab-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-error.h"
#include "cab-validate.h"

#define EMAIL_MAX_BYTES 254
#define EMAIL_LOCAL_MAX_BYTES 64
#define LOGIN_MIN_CHARS 3
#define LOGIN_MAX_CHARS 64

static char *
shown (const char *text)
{
  return g_utf8_make_valid (text != NULL ? text : "", -1);
}

static gboolean
is_n_digits (const char *text,
             gsize       n)
{
  if (text == NULL || strlen (text) != n)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

gboolean
cab_validate_account (const char  *text,
                      GError     **error)
{
  if (!is_n_digits (text, 10))
    {
      g_autofree char *s = shown (text);

      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_ACCOUNT,
                   "“%s” is not an account number (expected 10 digits)", s);
      return FALSE;
    }

  return TRUE;
}

gboolean
cab_validate_dp_code (const char  *text,
                      GError     **error)
{
  if (!is_n_digits (text, 10))
    {
      g_autofree char *s = shown (text);

      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_DP_CODE,
                   "“%s” is not a business partner code (expected 10 digits)", s);
      return FALSE;
    }

  return TRUE;
}

/* One dot-separated part of a domain: letters, digits, '-' (not at either end), or any
 * non-ASCII character (internationalised domains). */
static gboolean
is_domain_label (const char *start,
                 gsize       length)
{
  if (length == 0 || length > 63 || start[0] == '-' || start[length - 1] == '-')
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) start[i];

      if (c < 0x80 && !g_ascii_isalnum (c) && c != '-')
        return FALSE;
    }

  return TRUE;
}

static gboolean
email_is_valid (const char *text)
{
  const char *at;
  const char *domain;
  const char *label;
  gsize length;
  guint n_labels = 0;

  if (text == NULL)
    return FALSE;

  length = strlen (text);
  if (length == 0 || length > EMAIL_MAX_BYTES || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  at = strchr (text, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    return FALSE;

  /* Local part: printable, no spaces, no leading, trailing or double dots. */
  if (at == text || (gsize) (at - text) > EMAIL_LOCAL_MAX_BYTES ||
      text[0] == '.' || at[-1] == '.')
    return FALSE;

  for (const char *p = text; p < at; p++)
    {
      guchar c = (guchar) *p;

      if (c <= ' ' || c == 0x7f || strchr ("\"(),:;<>[\\]", c) != NULL ||
          (c == '.' && p[1] == '.'))
        return FALSE;
    }

  /* Domain: at least two labels. */
  domain = at + 1;
  label = domain;
  for (const char *p = domain; ; p++)
    {
      if (*p == '.' || *p == '\0')
        {
          if (!is_domain_label (label, (gsize) (p - label)))
            return FALSE;
          n_labels++;
          if (*p == '\0')
            break;
          label = p + 1;
        }
    }

  return n_labels >= 2;
}

gboolean
cab_validate_email (const char  *text,
                    GError     **error)
{
  if (!email_is_valid (text))
    {
      g_autofree char *s = shown (text);

      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_EMAIL,
                   "“%s” is not a valid email address", s);
      return FALSE;
    }

  return TRUE;
}

/* The country prefix ("+7", "7", "8" or none) and ten national digits. Parentheses, when
 * present, must follow the prefix, so that "8 (999) 123-45-6" is not read as "(899) 912-34-56". */
char *
cab_validate_phone (const char  *text,
                    GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean plus = FALSE;
  guint n_parens = 0;
  gssize prefix_length = -1;
  const char *national = NULL;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == '+' && digits->len == 0 && !plus)
        plus = TRUE;
      else if (*p == ' ' || *p == '-')
        ;
      else if (*p == '(' && n_parens == 0)
        {
          n_parens++;
          prefix_length = (gssize) digits->len;
        }
      else if (*p == ')' && n_parens == 1)
        n_parens++;
      else
        goto invalid;
    }

  if (n_parens == 1)
    goto invalid;

  if (plus)
    {
      if (digits->len == 11 && digits->str[0] == '7')
        national = digits->str + 1;
    }
  else if (digits->len == 11 && (digits->str[0] == '8' || digits->str[0] == '7'))
    {
      national = digits->str + 1;
    }
  else if (digits->len == 10)
    {
      national = digits->str;
    }

  if (national != NULL && prefix_length >= 0 && prefix_length != national - digits->str)
    national = NULL;

  /* Russian area and mobile codes never start with 0 or 1. */
  if (national == NULL || national[0] == '0' || national[0] == '1')
    goto invalid;

  return g_strconcat ("+7", national, NULL);

invalid:
  {
    g_autofree char *s = shown (text);

    g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_PHONE,
                 "“%s” is not a Russian phone number (expected +7 and ten digits)", s);
    return NULL;
  }
}

gboolean
cab_validate_password (const char  *text,
                       GError     **error)
{
  /* The password itself never goes into a message: messages reach logs. */
  if (text == NULL || !g_utf8_validate (text, -1, NULL) ||
      g_utf8_strlen (text, -1) < CAB_PASSWORD_MIN_CHARS)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_PASSWORD_TOO_SHORT,
                   "The password has fewer than %d characters", CAB_PASSWORD_MIN_CHARS);
      return FALSE;
    }

  return TRUE;
}

/* The check digit of the tax service's INN algorithm: weighted sum mod 11 mod 10. */
static guint
inn_check_digit (const char  *digits,
                 const guint *weights,
                 guint        n_weights)
{
  guint sum = 0;

  for (guint i = 0; i < n_weights; i++)
    sum += (guint) (digits[i] - '0') * weights[i];

  return sum % 11 % 10;
}

gboolean
cab_validate_inn (const char  *text,
                  GError     **error)
{
  static const guint weights_10[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  static const guint weights_11[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  static const guint weights_12[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  gboolean valid;

  if (is_n_digits (text, 10))
    {
      valid = inn_check_digit (text, weights_10, G_N_ELEMENTS (weights_10)) ==
              (guint) (text[9] - '0');
    }
  else if (is_n_digits (text, 12))
    {
      valid = inn_check_digit (text, weights_11, G_N_ELEMENTS (weights_11)) ==
              (guint) (text[10] - '0') &&
              inn_check_digit (text, weights_12, G_N_ELEMENTS (weights_12)) ==
              (guint) (text[11] - '0');
    }
  else
    {
      g_autofree char *s = shown (text);

      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_INN,
                   "“%s” is not an INN (expected 10 or 12 digits)", s);
      return FALSE;
    }

  if (!valid)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INN_CHECKSUM,
                   "“%s” is not an INN: a check digit is wrong", text);
      return FALSE;
    }

  return TRUE;
}

gboolean
cab_validate_kpp (const char  *text,
                  GError     **error)
{
  gboolean valid = text != NULL && strlen (text) == 9;

  for (guint i = 0; valid && i < 9; i++)
    {
      char c = text[i];

      if (i == 4 || i == 5)
        valid = g_ascii_isdigit (c) || (c >= 'A' && c <= 'Z');
      else
        valid = g_ascii_isdigit (c);
    }

  if (!valid)
    {
      g_autofree char *s = shown (text);

      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_KPP,
                   "“%s” is not a KPP (expected 4 digits, 2 digits or capital Latin letters, "
                   "3 digits)", s);
      return FALSE;
    }

  return TRUE;
}

gboolean
cab_validate_login (const char  *text,
                    GError     **error)
{
  gsize length = text != NULL ? strlen (text) : 0;
  gboolean valid = length >= LOGIN_MIN_CHARS && length <= LOGIN_MAX_CHARS;

  for (gsize i = 0; valid && i < length; i++)
    valid = g_ascii_isalnum (text[i]) || strchr ("._-@", text[i]) != NULL;

  if (!valid)
    {
      g_autofree char *s = shown (text);

      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_LOGIN,
                   "“%s” is not a login (3 to 64 Latin letters, digits, “.”, “_”, “-”, “@”)",
                   s);
      return FALSE;
    }

  return TRUE;
}

gboolean
cab_validate_text (const char  *text,
                   gsize        length,
                   gboolean     allow_line_breaks,
                   GError     **error)
{
  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  /* g_utf8_validate_len() also refuses a NUL byte inside @length. */
  if (length > G_MAXSSIZE || !g_utf8_validate_len (text, length, NULL))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                           "The text is not valid UTF-8");
      return FALSE;
    }

  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (allow_line_breaks && (c == '\t' || c == '\n' || c == '\r'))
        continue;
      if (g_unichar_iscntrl (c))
        {
          g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                       "The text contains a control character (U+%04X)", c);
          return FALSE;
        }
    }

  return TRUE;
}
