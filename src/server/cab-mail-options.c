/* cab-mail-options.c: see cab-mail-options.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"
#include "cab-mail-options.h"

const GOptionEntry *
cab_mail_options_entries (CabMailOptions *options)
{
  const GOptionEntry entries[] = {
    { "mail-dir", 0, 0, G_OPTION_ARG_FILENAME, &options->mail_dir,
      "Without --smtp: where outgoing mail is written as .eml files (default: mail/ beside the "
      "database)", "DIR" },
    { "smtp", 0, 0, G_OPTION_ARG_STRING, &options->smtp,
      "Send mail through this relay: smtp://HOST:PORT (STARTTLS required unless HOST is "
      "loopback) or smtps://HOST:PORT, optionally with USER@ before HOST", "URL" },
    { "smtp-user", 0, 0, G_OPTION_ARG_STRING, &options->smtp_user,
      "The relay's user name (if not in the URL)", "NAME" },
    { "smtp-password-file", 0, 0, G_OPTION_ARG_FILENAME, &options->smtp_password_file,
      "A file holding the relay's password (one line)", "FILE" },
    { "mail-from", 0, 0, G_OPTION_ARG_STRING, &options->mail_from,
      "The sender's address (required with --smtp)", "ADDRESS" },
    { NULL }
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (entries) == G_N_ELEMENTS (options->entries));
  memcpy (options->entries, entries, sizeof entries);
  return options->entries;
}

gboolean
cab_mail_options_check (const CabMailOptions  *options,
                        CabSmtpSender        **out_smtp,
                        GError               **error)
{
  *out_smtp = NULL;
  if (options->smtp != NULL && options->mail_dir != NULL)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                           "--smtp and --mail-dir: give one");
      return FALSE;
    }
  if (options->smtp == NULL && (options->smtp_user != NULL || options->smtp_password_file != NULL))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                           "--smtp-user and --smtp-password-file need --smtp");
      return FALSE;
    }
  if (options->smtp != NULL && options->mail_from == NULL)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "--smtp needs --mail-from");
      return FALSE;
    }
  /* The sender goes into a header as it is: nothing that could end or extend it. */
  if (options->mail_from != NULL && (!cab_validate_email (options->mail_from, NULL)
                                     || strpbrk (options->mail_from, "<>\"() ,;") != NULL))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "--mail-from wants an e-mail address, not “%s”", options->mail_from);
      return FALSE;
    }
  if (options->smtp != NULL)
    {
      *out_smtp = cab_smtp_sender_new (options->smtp, options->smtp_user,
                                       options->smtp_password_file, error);
      return *out_smtp != NULL;
    }
  return TRUE;
}

char *
cab_mail_options_get_mail_dir (const CabMailOptions *options,
                               const char           *db_path)
{
  g_autofree char *db_dir = NULL;

  if (options->mail_dir != NULL)
    return g_strdup (options->mail_dir);
  db_dir = g_path_get_dirname (db_path);
  return g_build_filename (db_dir, "mail", NULL);
}

void
cab_mail_options_clear (CabMailOptions *options)
{
  g_clear_pointer (&options->mail_dir, g_free);
  g_clear_pointer (&options->smtp, g_free);
  g_clear_pointer (&options->smtp_user, g_free);
  g_clear_pointer (&options->smtp_password_file, g_free);
  g_clear_pointer (&options->mail_from, g_free);
}
