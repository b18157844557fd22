/* cab-debt-row-item.h: one line of what the debt (or the recommended payment) is made of, as
 * a row of Account State shows it and a screen reader reads it (issue 15, item 1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-core.h"

G_BEGIN_DECLS

#define CAB_TYPE_DEBT_ROW_ITEM (cab_debt_row_item_get_type ())
G_DECLARE_FINAL_TYPE (CabDebtRowItem, cab_debt_row_item, CAB, DEBT_ROW_ITEM, GObject)

/* @item is copied; the texts are made at once (cab-debt-words.h) with money in @style. */
CabDebtRowItem     *cab_debt_row_item_new          (const CabDebtItem      *item,
                                                    CabDebtBasis            basis,
                                                    CabMoneyStyle           style);

const CabDebtItem  *cab_debt_row_item_get_item     (CabDebtRowItem         *self);
/* The "title", "amount", "reason" and "sentence" properties (never NULL). */
const char         *cab_debt_row_item_get_title    (CabDebtRowItem         *self);
const char         *cab_debt_row_item_get_amount   (CabDebtRowItem         *self);
const char         *cab_debt_row_item_get_reason   (CabDebtRowItem         *self);
const char         *cab_debt_row_item_get_sentence (CabDebtRowItem         *self);
/* "counts": FALSE for a document that does not count in the sum (shown dimmed). */
gboolean            cab_debt_row_item_get_counts   (CabDebtRowItem         *self);

/* The rows of @breakdown, a GListModel of CabDebtRowItem. */
GListModel         *cab_debt_row_model_new         (const CabDebtBreakdown *breakdown,
                                                    CabMoneyStyle           style);

/* The breakdown on @balance's day (@basis DUE for its debt, ISSUED for its recommended
 * payment) from @ledger, starting no later than @start_by (nullable), numbered from
 * @statement and @bills (nullable), as rows in the locale's style. NULL when @ledger or
 * @balance is NULL, or when the items do not add up to @balance's figure (a ledger older than
 * the balance): never a sum that contradicts the figure shown. */
GListModel         *cab_debt_row_model_explain     (CabLedger              *ledger,
                                                    const CabBalance       *balance,
                                                    CabDebtBasis            basis,
                                                    const GDate            *start_by,
                                                    CabStatement           *statement,
                                                    const CabBillList      *bills);

G_END_DECLS
