/* cab-smtp-sender.h: sending one message to the supplier's mail relay (libcurl's SMTP).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CAB_TYPE_SMTP_SENDER (cab_smtp_sender_get_type ())
G_DECLARE_FINAL_TYPE (CabSmtpSender, cab_smtp_sender, CAB, SMTP_SENDER, GObject)

/* @url: smtp://HOST[:PORT] (STARTTLS required unless HOST is loopback) or smtps://HOST[:PORT],
 * optionally with a user name (never a password) before the host. @user: the user name when
 * the URL has none, or NULL. @password_file: the password (one line), or NULL. Checks
 * everything but the relay itself; CAB_ERROR_INVALID_VALUE saying what is wrong. */
CabSmtpSender *cab_smtp_sender_new  (const char     *url,
                                     const char     *user,
                                     const char     *password_file,
                                     GError        **error);
/* The URL without the user name, for messages. */
const char    *cab_smtp_sender_get_url (CabSmtpSender *self);
/* Sends @message (CRLF lines) from @from to @to; blocks, at most the connect and total
 * timeouts; @cancellable aborts it (the relay then has not accepted the message). On a
 * failure the error says why (never the password). */
gboolean       cab_smtp_sender_send (CabSmtpSender  *self,
                                     const char     *from,
                                     const char     *to,
                                     const char     *message,
                                     GCancellable   *cancellable,
                                     GError        **error);

G_END_DECLS
