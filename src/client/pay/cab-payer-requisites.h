/* cab-payer-requisites.h: the paying company's own bank account, BIC and bank name, which the
 * user enters once per company (login) in Preferences: the payer of the 1C payment order.
 * Kept on this computer only, one key file per login.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The longest bank name kept, in characters. */
#define CAB_PAYER_BANK_NAME_MAX 160

#define CAB_TYPE_PAYER_REQUISITES (cab_payer_requisites_get_type ())
G_DECLARE_FINAL_TYPE (CabPayerRequisites, cab_payer_requisites, CAB, PAYER_REQUISITES, GObject)

/* $XDG_DATA_HOME/tek-cabinet/payer: where they are kept by default. */
char               *cab_payer_requisites_default_dir  (void);

/* Empty requisites of @login, kept in @dir (NULL: the default) once saved. */
CabPayerRequisites *cab_payer_requisites_new          (const char          *dir,
                                                       const char          *login);

/* The requisites saved for @login in @dir (NULL: the default), or empty ones when none were
 * saved. A damaged file or one whose values fail the checks of cab_payer_requisites_set() is
 * an error: nothing unchecked reaches a payment order. */
CabPayerRequisites *cab_payer_requisites_load         (const char          *dir,
                                                       const char          *login,
                                                       GError             **error);

const char         *cab_payer_requisites_get_login        (CabPayerRequisites *self);
/* NULL when not set. */
const char         *cab_payer_requisites_get_bank_account (CabPayerRequisites *self);
const char         *cab_payer_requisites_get_bic          (CabPayerRequisites *self);
const char         *cab_payer_requisites_get_bank_name    (CabPayerRequisites *self);
/* The account and the BIC are both set: a payment order can name the payer's bank. */
gboolean            cab_payer_requisites_is_complete      (CabPayerRequisites *self);

/* Checks and takes all three (spaces inside the account and the BIC are dropped; an empty or
 * NULL value clears it). The BIC by cab_bank_check_bic(), the account (a client's account,
 * "ПлательщикСчет") by cab_bank_check_account() against that BIC; an account without a BIC or
 * a BIC without an account is refused too; the bank name is one line of at most
 * CAB_PAYER_BANK_NAME_MAX characters. On failure nothing changes and the CAB_ERROR names
 * the field (cab_error_get_field()): "bic", "bank_account" or "bank_name". */
gboolean            cab_payer_requisites_set              (CabPayerRequisites *self,
                                                           const char         *bank_account,
                                                           const char         *bic,
                                                           const char         *bank_name,
                                                           GError            **error);

/* Writes them atomically (mode 0600, folder 0700); with nothing set, removes the file. */
gboolean            cab_payer_requisites_save             (CabPayerRequisites *self,
                                                           GError            **error);

G_END_DECLS
