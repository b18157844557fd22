/* cab-validate.h: checks of what people type. Each failure is its own CabError code, so a UI
 * can translate it and a server can name the field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAB_PASSWORD_MIN_CHARS 8

/* Exactly 10 digits: CAB_ERROR_INVALID_ACCOUNT. */
gboolean     cab_validate_account        (const char  *text,
                                          GError     **error);
/* Exactly 10 digits: CAB_ERROR_INVALID_DP_CODE. */
gboolean     cab_validate_dp_code        (const char  *text,
                                          GError     **error);
/* local@domain.tld, no spaces, at most 254 bytes: CAB_ERROR_INVALID_EMAIL. */
gboolean     cab_validate_email          (const char  *text,
                                          GError     **error);
/* Russian numbers: "+7 999 123-45-67", "8 (999) 123 45 67", "9991234567" -> "+79991234567".
 * Returns the normalised number or NULL with CAB_ERROR_INVALID_PHONE. */
char        *cab_validate_phone          (const char  *text,
                                          GError     **error);
/* At least CAB_PASSWORD_MIN_CHARS characters (not bytes): CAB_ERROR_PASSWORD_TOO_SHORT. */
gboolean     cab_validate_password       (const char  *text,
                                          GError     **error);
/* 10 digits (legal entity) or 12 (individual) with the official check digits:
 * CAB_ERROR_INVALID_INN for the form, CAB_ERROR_INN_CHECKSUM for a wrong check digit. */
gboolean     cab_validate_inn            (const char  *text,
                                          GError     **error);
/* NNNNXXNNN: 4 digits, 2 digits or capital Latin letters, 3 digits: CAB_ERROR_INVALID_KPP. */
gboolean     cab_validate_kpp            (const char  *text,
                                          GError     **error);
/* 3 to 64 characters of Latin letters, digits, '.', '_', '-', '@': CAB_ERROR_INVALID_LOGIN. */
gboolean     cab_validate_login          (const char  *text,
                                          GError     **error);

/* @length bytes of UTF-8 text without control characters (Unicode category Cc: NUL and the
 * other C0 codes, DEL, C1); tab, line feed and carriage return are allowed when
 * @allow_line_breaks. Invalid UTF-8 or a control character: CAB_ERROR_INVALID_VALUE. */
gboolean     cab_validate_text           (const char  *text,
                                          gsize        length,
                                          gboolean     allow_line_breaks,
                                          GError     **error);

G_END_DECLS
