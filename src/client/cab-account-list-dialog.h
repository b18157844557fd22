/* cab-account-list-dialog.h: which contracts the Contract selector lists (manual 4, Fig. 6).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-session.h"

G_BEGIN_DECLS

#define CAB_TYPE_ACCOUNT_LIST_DIALOG (cab_account_list_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CabAccountListDialog, cab_account_list_dialog, CAB, ACCOUNT_LIST_DIALOG, AdwWindow)

/* Apply sends PUT /me/visible-accounts and, on success, sets the session's user and closes. */
CabAccountListDialog *cab_account_list_dialog_new (GtkWindow  *parent,
                                                   CabSession *session);

G_END_DECLS
