/* cab-statement-model.h: the lines of the reconciliation act and of the advance bills, as
 * list models of CabStatementRowItem for the Account State page and the exports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-core.h"
#include "cab-statement-row-item.h"

G_BEGIN_DECLS

/* "Balance on <from>", every operation ("Payment received on DD.MM.YYYY", "Invoice of
 * DD.MM.YYYY", "Correction invoice of DD.MM.YYYY"), "Total turnovers", "Balance on <to>".
 * A balance stands in the debit column when positive or zero, else as its absolute value in
 * the credit column. Money in the locale's style. */
GListModel  *cab_statement_model_new             (CabStatement       *statement);
GListModel  *cab_statement_model_new_with_style  (CabStatement       *statement,
                                                  CabMoneyStyle       style);

/* Block 3: one "Advance bill of DD.MM.YYYY" line per bill, its amount in the debit column. */
GListModel  *cab_bill_model_new_with_style       (const CabBillList  *bills,
                                                  CabMoneyStyle       style);

/* The label of an operation of @kind on @date, e.g. "Invoice of 31.05.2016". */
char        *cab_statement_operation_label       (CabStatementRowKind  kind,
                                                  const GDate         *date);

G_END_DECLS
