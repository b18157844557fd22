/* cab-bank-account.c: see cab-bank-account.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-bank-account.h"
#include "cab-error.h"

static gboolean
all_digits (const char *text,
            gsize       n)
{
  if (text == NULL || strlen (text) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
cab_bank_check_bic (const char  *bic,
                    GError     **error)
{
  if (!all_digits (bic, 9))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "A BIC must be 9 digits");
      return FALSE;
    }
  return TRUE;
}

gboolean
cab_bank_check_account (const char  *account,
                        const char  *bic,
                        gboolean     correspondent,
                        const char  *what,
                        GError     **error)
{
  static const guint weights[] = { 7, 1, 3 };
  char digits[24];
  guint sum = 0;

  if (!all_digits (account, 20))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "%s must be 20 digits", what);
      return FALSE;
    }
  if (!cab_bank_check_bic (bic, error))
    return FALSE;

  /* Accounts at the Bank of Russia and the Treasury (BIC ending 000, 001, 002) take the
   * correspondent prefix too: their BIC has no bank's own three digits. */
  if (correspondent || (bic[6] == '0' && bic[7] == '0' && bic[8] <= '2'))
    {
      digits[0] = '0';
      digits[1] = bic[4];
      digits[2] = bic[5];
    }
  else
    memcpy (digits, bic + 6, 3);
  memcpy (digits + 3, account, 20);
  digits[23] = '\0';

  for (guint i = 0; i < 23; i++)
    sum += (guint) (digits[i] - '0') * weights[i % 3];
  if (sum % 10 != 0)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "%s %s does not match BIC %s (wrong control key)", what, account, bic);
      return FALSE;
    }
  return TRUE;
}
