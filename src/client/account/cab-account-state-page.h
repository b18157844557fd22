/* cab-account-state-page.h: "Account State" (manual 4.2) for the selected contract: the
 * current debt, the reconciliation act of a period with its documents, and the advance bills.
 *
 * Everything fetched is kept in the offline store as it arrives; without the server the page
 * shows what was kept, and recomputes the debt for today from the saved ledger.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-session.h"

G_BEGIN_DECLS

#define CAB_TYPE_ACCOUNT_STATE_PAGE (cab_account_state_page_get_type ())
G_DECLARE_FINAL_TYPE (CabAccountStatePage, cab_account_state_page, CAB, ACCOUNT_STATE_PAGE, AdwBin)

GtkWidget   *cab_account_state_page_new            (CabSession          *session);

/* Types the period into the entries and shows it, as the "Show" button does. */
void         cab_account_state_page_show_period    (CabAccountStatePage *self,
                                                    const char          *from_text,
                                                    const char          *to_text);

/* Writes the act shown to @file as CSV or PDF, as Export does once a file is chosen; the
 * outcome appears in the status text. */
void         cab_account_state_page_export         (CabAccountStatePage *self,
                                                    GFile               *file,
                                                    gboolean             pdf);

/* TRUE while requests of the shown period are out ("loading" property). */
gboolean     cab_account_state_page_get_loading    (CabAccountStatePage *self);
/* The lines of the act shown (CabStatementRowItem), or NULL. */
GListModel  *cab_account_state_page_get_rows       (CabAccountStatePage *self);
/* The lines of the advance bills shown (CabStatementRowItem), or NULL. */
GListModel  *cab_account_state_page_get_bills      (CabAccountStatePage *self);
/* The debt and recommended payment as shown, e.g. "-74 644,26 (overpayment)". */
const char  *cab_account_state_page_get_debt_text  (CabAccountStatePage *self);
const char  *cab_account_state_page_get_recommended_text (CabAccountStatePage *self);
/* TRUE when the debt shown was computed locally from the saved ledger. */
gboolean     cab_account_state_page_get_computed_offline (CabAccountStatePage *self);

/* The last action's outcome as shown (Download All, export, opening a document). */
const char  *cab_account_state_page_get_status_text (CabAccountStatePage *self);
/* What the act says under it (e.g. that it is the previous period's), or NULL. */
const char  *cab_account_state_page_get_statement_note (CabAccountStatePage *self);

G_END_DECLS
