/* cab-statement-row-item.h: one line of the reconciliation act as the table shows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cab-core.h"

G_BEGIN_DECLS

typedef enum
{
  CAB_STATEMENT_ROW_TYPE_OPENING_BALANCE,
  CAB_STATEMENT_ROW_TYPE_OPERATION,
  CAB_STATEMENT_ROW_TYPE_TURNOVERS,
  CAB_STATEMENT_ROW_TYPE_CLOSING_BALANCE,
} CabStatementRowType;

#define CAB_TYPE_STATEMENT_ROW_ITEM (cab_statement_row_item_get_type ())
G_DECLARE_FINAL_TYPE (CabStatementRowItem, cab_statement_row_item, CAB, STATEMENT_ROW_ITEM, GObject)

/* @has_debit/@has_credit FALSE leave that column empty. @documents (of CabDocumentRef, may be
 * NULL) is copied; @date and @number (nullable) describe the operation, for saving its
 * documents. Texts are formatted in @style. */
CabStatementRowItem *cab_statement_row_item_new          (CabStatementRowType  row_type,
                                                          const char          *operation,
                                                          const GDate         *date,
                                                          const char          *number,
                                                          gboolean             has_debit,
                                                          CabMoney             debit,
                                                          gboolean             has_credit,
                                                          CabMoney             credit,
                                                          GPtrArray           *documents,
                                                          CabMoneyStyle        style);

CabStatementRowType  cab_statement_row_item_get_row_type (CabStatementRowItem *self);
/* "Balance on 01.05.2016", "Payment received on 25.05.2016", "Total turnovers", ... */
const char          *cab_statement_row_item_get_operation (CabStatementRowItem *self);
/* The money as shown ("608 822,79"), or "" for an empty column. */
const char          *cab_statement_row_item_get_debit_text (CabStatementRowItem *self);
const char          *cab_statement_row_item_get_credit_text (CabStatementRowItem *self);
gboolean             cab_statement_row_item_get_debit    (CabStatementRowItem *self,
                                                          CabMoney            *out_debit);
gboolean             cab_statement_row_item_get_credit   (CabStatementRowItem *self,
                                                          CabMoney            *out_credit);
/* NULL for the balance and turnover rows. */
const GDate         *cab_statement_row_item_get_date     (CabStatementRowItem *self);
const char          *cab_statement_row_item_get_number   (CabStatementRowItem *self);
/* Of CabDocumentRef; never NULL. */
GPtrArray           *cab_statement_row_item_get_documents (CabStatementRowItem *self);

G_END_DECLS
