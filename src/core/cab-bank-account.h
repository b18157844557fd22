/* cab-bank-account.h: Russian bank requisites checked before money is sent to them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exactly 9 digits: CAB_ERROR_INVALID_VALUE. */
gboolean     cab_bank_check_bic          (const char  *bic,
                                          GError     **error);

/* A 20-digit account whose control key (its 9th digit) matches @bic by the Bank of Russia's
 * rule: weights 7, 1, 3 over the 23 digits of a three-digit prefix taken from the BIC and the
 * account. @correspondent is TRUE for a bank's correspondent account (prefix "0" and the BIC's
 * 5th and 6th digits), FALSE for a client's account at that bank (the BIC's last three digits;
 * for a Bank of Russia or Treasury BIC ending in 000, 001 or 002, the correspondent prefix).
 * CAB_ERROR_INVALID_VALUE names @what ("PersonalAcc", "ПлательщикСчет", ...) on failure. */
gboolean     cab_bank_check_account      (const char  *account,
                                          const char  *bic,
                                          gboolean     correspondent,
                                          const char  *what,
                                          GError     **error);

G_END_DECLS
