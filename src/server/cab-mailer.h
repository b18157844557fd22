/* cab-mailer.h: outgoing mail as RFC 5322 .eml files in a folder, written atomically.
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

/* RFC 2047 "encoded-word"s for a header value; ASCII text is returned as is. */
char        *cab_mailer_encode_header    (const char  *text);

G_END_DECLS
