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
/* Payment order numbers run from 1 to this (a payment order's number has at most 6 digits,
 * Bank of Russia Regulation No. 762-P), then start at 1 again. */
#define CAB_PAYER_ORDER_NUMBER_MAX 999999

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

/* The number the company's next payment order gets: 1 until one was written. */
guint               cab_payer_requisites_get_next_number  (CabPayerRequisites *self);
/* Sets it (the user continues the numbering of their accounting program); saved by
 * cab_payer_requisites_save(). CAB_ERROR_INVALID_VALUE naming the field "next_number" unless
 * 1 to CAB_PAYER_ORDER_NUMBER_MAX. */
gboolean            cab_payer_requisites_set_next_number  (CabPayerRequisites *self,
                                                           guint               number,
                                                           GError            **error);

/* Writes them atomically (mode 0600, folder 0700); with nothing set and the numbering at 1,
 * removes the file. The next number is written only when set since loading: otherwise the
 * saved one stays, however many orders were numbered meanwhile. */
gboolean            cab_payer_requisites_save             (CabPayerRequisites *self,
                                                           GError            **error);

/* Takes the number of a payment order being written: under a lock on the login's file it
 * reads the saved next number, saves the one after it and returns it (0 with @error set).
 * Two threads or processes never take the same number; the rest of the file is kept. */
guint               cab_payer_requisites_claim_number     (CabPayerRequisites *self,
                                                           GError            **error);
/* Gives back @number, claimed for an order that could not be written, if no number was
 * claimed since (else it stays used: numbers are never given twice). */
gboolean            cab_payer_requisites_release_number   (CabPayerRequisites *self,
                                                           guint               number,
                                                           GError            **error);

G_END_DECLS
