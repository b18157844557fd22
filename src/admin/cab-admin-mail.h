/* cab-admin-mail.h: the one way tek-cabinet-admin sends mail (import notices, password
 * resets), so it can be pointed at the server's mail queue in one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-mailer.h"
#include "cab-store.h"

G_BEGIN_DECLS

/* @store is where a queued message would go (in the caller's transaction, if any); today the
 * message is written through @mailer. */
gboolean     cab_admin_send_mail         (CabStore    *store,
                                          CabMailer   *mailer,
                                          const char  *to,
                                          const char  *subject,
                                          const char  *body,
                                          GError     **error);

G_END_DECLS
