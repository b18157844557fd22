/* cab-account-today.h: the figures of Account State's block 1 for any contract.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-core.h"
#include "cab-session.h"

G_BEGIN_DECLS

/* The ledger of @account and its balance on @on (NULL: the server's today), asked together:
 * the figures of block 1, for those who watch every contract (the notifier). The ledger is
 * required (its failure is the error); a balance that failed is NULL. */
void      cab_account_today_fetch_async  (CabSession          *session,
                                         const char          *account,
                                         const GDate         *on,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  cab_account_today_fetch_finish (GAsyncResult        *result,
                                         CabLedger          **out_ledger,
                                         CabBalance         **out_balance,
                                         GError             **error);

G_END_DECLS
