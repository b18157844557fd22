/* cab-mail-options.h: the mail options that tek-cabinet-server and tek-cabinet-admin share
 * (--mail-dir, --smtp, --smtp-user, --smtp-password-file, --mail-from), checked in one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-mail-worker.h"
#include "cab-smtp-sender.h"

G_BEGIN_DECLS

typedef struct
{
  char         *mail_dir;
  char         *smtp;
  char         *smtp_user;
  char         *smtp_password_file;
  char         *mail_from;
  GOptionEntry  entries[6];
} CabMailOptions;

/* The option entries filling @options (which must outlive the parsing). */
const GOptionEntry *cab_mail_options_entries (CabMailOptions  *options);
/* Checks the options together: one of --smtp and --mail-dir, a user name and password file
 * only with --smtp, a sender address. With --smtp, *@out_smtp is the relay. */
gboolean     cab_mail_options_check      (const CabMailOptions  *options,
                                          CabSmtpSender        **out_smtp,
                                          GError               **error);
/* The folder of --mail-dir, or mail/ beside @db_path. */
char        *cab_mail_options_get_mail_dir (const CabMailOptions *options,
                                          const char           *db_path);
void         cab_mail_options_clear      (CabMailOptions       *options);

G_END_DECLS
