/* cab-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cab-error.h"
#include "cab-money.h"

#define NBSP "\xc2\xa0"

/* A printable copy of @text for an error message: invalid UTF-8 must not reach a log. */
static char *
quote_input (const char *text)
{
  return g_utf8_make_valid (text, -1);
}

static void
set_invalid (GError     **error,
             const char  *text)
{
  g_autofree char *shown = quote_input (text);

  g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY,
               "“%s” is not an amount of money (expected digits, a point and two digits)",
               shown);
}

static void
set_overflow (GError     **error,
              const char  *text)
{
  g_autofree char *shown = quote_input (text);

  g_set_error (error, CAB_ERROR, CAB_ERROR_MONEY_OVERFLOW,
               "“%s” is too large an amount of money", shown);
}

/* Builds the signed value of @magnitude kopecks; FALSE when it does not fit a gint64. */
static gboolean
apply_sign (guint64   magnitude,
            gboolean  negative,
            CabMoney *out)
{
  if (negative)
    {
      if (magnitude > (guint64) G_MAXINT64 + 1)
        return FALSE;
      if (magnitude == (guint64) G_MAXINT64 + 1)
        *out = G_MININT64;
      else
        *out = -(gint64) magnitude;
    }
  else
    {
      if (magnitude > (guint64) G_MAXINT64)
        return FALSE;
      *out = (gint64) magnitude;
    }

  return TRUE;
}

/* magnitude = magnitude * 10 + digit, FALSE on overflow of a guint64. */
static gboolean
push_digit (guint64 *magnitude,
            guint    digit)
{
  if (*magnitude > (G_MAXUINT64 - digit) / 10)
    return FALSE;
  *magnitude = *magnitude * 10 + digit;
  return TRUE;
}

gboolean
cab_money_parse (const char  *text,
                 CabMoney    *out_kopecks,
                 GError     **error)
{
  const char *p;
  guint64 magnitude = 0;
  gboolean negative = FALSE;
  gboolean overflow = FALSE;
  guint n_int = 0;
  CabMoney value;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";

  p = text;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  for (; g_ascii_isdigit (*p); p++, n_int++)
    {
      if (!push_digit (&magnitude, *p - '0'))
        overflow = TRUE;
    }

  if (n_int == 0 || p[0] != '.' ||
      !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) || p[3] != '\0')
    {
      set_invalid (error, text);
      return FALSE;
    }

  if (overflow ||
      !push_digit (&magnitude, p[1] - '0') ||
      !push_digit (&magnitude, p[2] - '0') ||
      !apply_sign (magnitude, negative, &value))
    {
      set_overflow (error, text);
      return FALSE;
    }

  if (out_kopecks != NULL)
    *out_kopecks = value;

  return TRUE;
}

static guint64
magnitude_of (CabMoney kopecks)
{
  if (kopecks >= 0)
    return (guint64) kopecks;

  /* -G_MININT64 does not fit a gint64; do it in unsigned arithmetic. */
  return (guint64) 0 - (guint64) kopecks;
}

/* Written digit by digit: a year's statement writes a few hundred sums, and printf was a
 * third of writing it. */
void
cab_money_append_wire (GString  *out,
                       CabMoney  kopecks)
{
  guint64 magnitude = magnitude_of (kopecks);
  char digits[24];
  gsize start = sizeof digits;

  g_return_if_fail (out != NULL);

  digits[--start] = (char) ('0' + magnitude % 10);
  magnitude /= 10;
  digits[--start] = (char) ('0' + magnitude % 10);
  magnitude /= 10;
  digits[--start] = '.';
  do
    {
      digits[--start] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (kopecks < 0)
    digits[--start] = '-';
  g_string_append_len (out, digits + start, sizeof digits - start);
}

char *
cab_money_to_wire (CabMoney kopecks)
{
  GString *out = g_string_sized_new (24);

  cab_money_append_wire (out, kopecks);
  return g_string_free (out, FALSE);
}

static CabMoneyStyle
resolve_style (CabMoneyStyle style)
{
  switch (style)
    {
    case CAB_MONEY_STYLE_LOCALE:
      {
        const struct lconv *lc = localeconv ();

        if (lc != NULL && lc->decimal_point != NULL && lc->decimal_point[0] == ',')
          return CAB_MONEY_STYLE_RUSSIAN;
        return CAB_MONEY_STYLE_ENGLISH;
      }

    case CAB_MONEY_STYLE_RUSSIAN:
    case CAB_MONEY_STYLE_ENGLISH:
    default:
      return style;
    }
}

char *
cab_money_format (CabMoney      kopecks,
                  CabMoneyStyle style)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *digits = NULL;
  const char *group;
  const char *decimal;
  guint64 magnitude = magnitude_of (kopecks);
  gsize n_digits;

  if (resolve_style (style) == CAB_MONEY_STYLE_RUSSIAN)
    {
      group = NBSP;
      decimal = ",";
    }
  else
    {
      group = ",";
      decimal = ".";
    }

  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 100);
  n_digits = strlen (digits);

  if (kopecks < 0)
    g_string_append_c (out, '-');

  for (gsize i = 0; i < n_digits; i++)
    {
      if (i > 0 && (n_digits - i) % 3 == 0)
        g_string_append (out, group);
      g_string_append_c (out, digits[i]);
    }

  g_string_append_printf (out, "%s%02u", decimal, (guint) (magnitude % 100));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Spaces people and locales put between digit groups: space, U+00A0, U+202F, U+2009. */
static gsize
group_space_length (const char *p)
{
  if (*p == ' ' || *p == '\'')
    return 1;
  if (g_str_has_prefix (p, NBSP))
    return 2;
  if (g_str_has_prefix (p, "\xe2\x80\xaf") || g_str_has_prefix (p, "\xe2\x80\x89"))
    return 3;
  return 0;
}

gboolean
cab_money_parse_display (const char  *text,
                         CabMoney    *out_kopecks,
                         GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p;
  const char *last_sep = NULL;
  guint64 magnitude = 0;
  gboolean negative = FALSE;
  guint n_frac = 0;
  CabMoney value;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";

  trimmed = g_strstrip (g_strdup (text));
  p = trimmed;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  else if (g_str_has_prefix (p, "\xe2\x88\x92"))  /* U+2212 MINUS SIGN */
    {
      negative = TRUE;
      p += 3;
    }

  /* The decimal separator is the last '.' or ','; a different one before it groups
   * ("1,234.56"), the same one twice is an error. */
  for (const char *q = p; *q != '\0'; q++)
    {
      if (*q == '.' || *q == ',')
        last_sep = q;
    }

  for (; *p != '\0'; )
    {
      gsize space = group_space_length (p);

      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          p++;
        }
      else if (space > 0 && digits->len > 0 && g_ascii_isdigit (p[space]) &&
               (last_sep == NULL || p < last_sep))
        {
          p += space;
        }
      else if (p == last_sep)
        {
          break;
        }
      else if ((*p == '.' || *p == ',') && last_sep != NULL && *p != *last_sep &&
               digits->len > 0 && g_ascii_isdigit (p[1]))
        {
          p++;
        }
      else
        {
          goto invalid;
        }
    }

  if (digits->len == 0)
    goto invalid;

  if (p == last_sep && last_sep != NULL)
    {
      p++;
      for (; g_ascii_isdigit (*p) && n_frac < 3; p++, n_frac++)
        g_string_append_c (digits, *p);
      if (*p != '\0' || n_frac == 0 || n_frac > 2)
        goto invalid;
    }

  for (guint i = n_frac; i < 2; i++)
    g_string_append_c (digits, '0');

  for (gsize i = 0; i < digits->len; i++)
    {
      if (!push_digit (&magnitude, digits->str[i] - '0'))
        {
          set_overflow (error, text);
          return FALSE;
        }
    }

  if (!apply_sign (magnitude, negative, &value))
    {
      set_overflow (error, text);
      return FALSE;
    }

  if (out_kopecks != NULL)
    *out_kopecks = value;

  return TRUE;

invalid:
  {
    g_autofree char *shown = quote_input (text);

    g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY,
                 "“%s” is not an amount of money", shown);
    return FALSE;
  }
}

gboolean
cab_money_add_checked (CabMoney  a,
                       CabMoney  b,
                       CabMoney *out_sum)
{
  CabMoney sum;

  if (__builtin_add_overflow (a, b, &sum))
    return FALSE;

  if (out_sum != NULL)
    *out_sum = sum;

  return TRUE;
}

CabMoney
cab_money_vat_included (CabMoney gross,
                        guint    percent)
{
  /* Split so nothing overflows: q × percent ≤ |gross| and r × percent is small. */
  guint64 magnitude = magnitude_of (gross);
  guint64 divisor = 100 + (guint64) percent;
  guint64 q = magnitude / divisor;
  guint64 r = magnitude % divisor;
  guint64 vat = q * percent + (2 * r * percent + divisor) / (2 * divisor);

  return gross < 0 ? -(CabMoney) vat : (CabMoney) vat;
}

gboolean
cab_money_parse_export (const char  *text,
                        CabMoney    *out_kopecks,
                        GError     **error)
{
  const char *p = text != NULL ? text : "";
  const char *end;
  guint64 magnitude = 0;
  gboolean negative = FALSE;
  gboolean grouped = FALSE;
  guint group_digits = 0;     /* digits since the start or the last group separator */
  guint n_digits = 0;
  guint n_frac = 0;
  CabMoney value;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  while (*p == ' ')
    p++;
  end = p + strlen (p);
  while (end > p && end[-1] == ' ')
    end--;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';

  while (p < end)
    {
      gsize space = 0;

      if (*p == ' ')
        space = 1;
      else if (end - p >= 2 && memcmp (p, NBSP, 2) == 0)
        space = 2;
      else if (end - p >= 3 && memcmp (p, "\xe2\x80\xaf", 3) == 0)
        space = 3;

      if (g_ascii_isdigit (*p))
        {
          if (!push_digit (&magnitude, *p - '0'))
            goto overflow;
          group_digits++;
          n_digits++;
          p++;
        }
      else if (space > 0)
        {
          /* The first group holds 1 to 3 digits, every later one exactly 3. */
          if (group_digits == 0 || group_digits > 3 || (grouped && group_digits != 3))
            goto invalid;
          grouped = TRUE;
          group_digits = 0;
          p += space;
        }
      else
        break;
    }

  if (n_digits == 0 || (grouped && group_digits != 3))
    goto invalid;

  if (p < end && (*p == ',' || *p == '.'))
    {
      p++;
      for (; p < end && g_ascii_isdigit (*p); p++, n_frac++)
        {
          if (n_frac == 2)
            goto invalid;
          if (!push_digit (&magnitude, *p - '0'))
            goto overflow;
        }
      if (n_frac == 0)
        goto invalid;
    }
  if (p != end)
    goto invalid;

  for (; n_frac < 2; n_frac++)
    if (!push_digit (&magnitude, 0))
      goto overflow;

  if (!apply_sign (magnitude, negative, &value))
    goto overflow;
  if (out_kopecks != NULL)
    *out_kopecks = value;
  return TRUE;

overflow:
  set_overflow (error, text != NULL ? text : "");
  return FALSE;

invalid:
  {
    g_autofree char *shown = quote_input (text != NULL ? text : "");

    g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY,
                 "“%s” is not an amount of money", shown);
    return FALSE;
  }
}
