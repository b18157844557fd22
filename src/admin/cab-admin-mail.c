/* cab-admin-mail.c: see cab-admin-mail.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-admin-mail.h"

gboolean
cab_admin_send_mail (CabStore    *store,
                     CabMailer   *mailer,
                     const char  *to,
                     const char  *subject,
                     const char  *body,
                     GError     **error)
{
  g_autofree char *path = cab_mailer_send (mailer, to, subject, body, error);

  return path != NULL;
}
