/* cab-mailer.h: composing RFC 5322 messages, and .eml files in a folder, written atomically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CAB_TYPE_MAILER (cab_mailer_get_type ())
G_DECLARE_FINAL_TYPE (CabMailer, cab_mailer, CAB, MAILER, GObject)

/* Creates @dir if needed. */
CabMailer   *cab_mailer_new              (const char  *dir,
                                          GError     **error);
const char  *cab_mailer_get_dir          (CabMailer   *self);

/* Writes one message (UTF-8 @subject and @body) and returns its file's path. */
char        *cab_mailer_send             (CabMailer   *self,
                                          const char  *to,
                                          const char  *subject,
                                          const char  *body,
                                          GError     **error);

/* The message for @to, dated @now (Unix seconds), with a new Message-ID (returned in
 * @out_message_id, with its angle brackets) and every header but From: (see
 * cab_mailer_from_header()). CAB_ERROR_INVALID_EMAIL for a recipient that could inject
 * headers. */
char        *cab_mailer_compose          (const char  *to,
                                          const char  *subject,
                                          const char  *body,
                                          gint64       now,
                                          char       **out_message_id,
                                          GError     **error);
/* "From: <the cabinet's name> <@address>\r\n"; NULL: the development default. */
char        *cab_mailer_from_header      (const char  *address);
/* Writes @message as @file_stem.eml in the folder (replacing a file of that name) and
 * returns its path. */
char        *cab_mailer_write            (CabMailer   *self,
                                          const char  *file_stem,
                                          const char  *message,
                                          GError     **error);

/* RFC 2047 "encoded-word"s for a header value; ASCII text is returned as is. */
char        *cab_mailer_encode_header    (const char  *text);

G_END_DECLS
