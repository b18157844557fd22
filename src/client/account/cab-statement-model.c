/* cab-statement-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-statement-model.h"
#include "cab-debt-words.h"

char *
cab_statement_operation_label (CabStatementRowKind  kind,
                               const GDate         *date)
{
  g_autofree char *day = cab_date_to_display (date);

  switch (kind)
    {
    case CAB_STATEMENT_ROW_INVOICE:
      /* Translators: %s is a date, DD.MM.YYYY */
      return g_strdup_printf (_("Invoice of %s"), day);
    case CAB_STATEMENT_ROW_CORRECTION:
      /* Translators: %s is a date, DD.MM.YYYY */
      return g_strdup_printf (_("Correction invoice of %s"), day);
    case CAB_STATEMENT_ROW_PAYMENT:
      /* Translators: %s is a date, DD.MM.YYYY */
      return g_strdup_printf (_("Payment received on %s"), day);
    default:
      g_return_val_if_reached (g_strdup (day));
    }
}

static CabStatementRowItem *
balance_item (CabStatementRowType  row_type,
              const GDate         *on,
              CabMoney             balance,
              const char          *known_label,
              CabMoneyStyle        style)
{
  g_autofree char *day = cab_date_to_display (on);
  /* Translators: %s is a date, DD.MM.YYYY */
  g_autofree char *label = known_label != NULL ? g_strdup (known_label)
                                               : g_strdup_printf (_("Balance on %s"), day);
  gboolean debit = cab_balance_column (balance) == CAB_COLUMN_DEBIT;

  return cab_statement_row_item_new (row_type, label, NULL, NULL,
                                     debit, balance,
                                     !debit, -balance,
                                     NULL, style);
}

GListModel *
cab_statement_model_new_with_style (CabStatement  *statement,
                                    CabMoneyStyle  style)
{
  GListStore *store;
  g_autofree char *opening_label = NULL;
  g_autoptr(CabStatementRowItem) opening = NULL;
  g_autoptr(CabStatementRowItem) turnovers = NULL;
  g_autoptr(CabStatementRowItem) closing = NULL;

  g_return_val_if_fail (CAB_IS_STATEMENT (statement), NULL);

  store = g_list_store_new (CAB_TYPE_STATEMENT_ROW_ITEM);

  /* On the day the balance is known, not an invented balance before the data starts; a period
   * that ends before the data has no line to tell (cab_debt_words_statement_coverage() says so). */
  opening_label = cab_debt_words_statement_opening (statement);
  if (opening_label == NULL)
    return G_LIST_MODEL (store);
  opening = balance_item (CAB_STATEMENT_ROW_TYPE_OPENING_BALANCE,
                          cab_statement_get_from (statement),
                          cab_statement_get_opening_balance (statement), opening_label, style);
  g_list_store_append (store, opening);

  for (guint i = 0; i < cab_statement_get_n_rows (statement); i++)
    {
      CabStatementRow *row = cab_statement_get_row (statement, i);
      g_autofree char *label = cab_statement_operation_label (row->kind, &row->date);
      g_autoptr(CabStatementRowItem) item = NULL;

      item = cab_statement_row_item_new (CAB_STATEMENT_ROW_TYPE_OPERATION, label,
                                         &row->date, row->number,
                                         row->has_debit, row->debit,
                                         row->has_credit, row->credit,
                                         row->documents, style);
      g_list_store_append (store, item);
    }

  turnovers = cab_statement_row_item_new (CAB_STATEMENT_ROW_TYPE_TURNOVERS, _("Total turnovers"),
                                          NULL, NULL,
                                          TRUE, cab_statement_get_debit_total (statement),
                                          TRUE, cab_statement_get_credit_total (statement),
                                          NULL, style);
  g_list_store_append (store, turnovers);

  closing = balance_item (CAB_STATEMENT_ROW_TYPE_CLOSING_BALANCE,
                          cab_statement_get_to (statement),
                          cab_statement_get_closing_balance (statement), NULL, style);
  g_list_store_append (store, closing);

  return G_LIST_MODEL (store);
}

GListModel *
cab_statement_model_new (CabStatement *statement)
{
  return cab_statement_model_new_with_style (statement, CAB_MONEY_STYLE_LOCALE);
}

GListModel *
cab_bill_model_new_with_style (const CabBillList *bills,
                               CabMoneyStyle      style)
{
  GListStore *store;

  g_return_val_if_fail (bills != NULL, NULL);

  store = g_list_store_new (CAB_TYPE_STATEMENT_ROW_ITEM);

  for (guint i = 0; i < bills->bills->len; i++)
    {
      CabBill *bill = g_ptr_array_index (bills->bills, i);
      g_autofree char *day = cab_date_to_display (&bill->date);
      /* Translators: %s is a date, DD.MM.YYYY */
      g_autofree char *label = g_strdup_printf (_("Advance bill of %s"), day);
      g_autoptr(CabStatementRowItem) item = NULL;

      item = cab_statement_row_item_new (CAB_STATEMENT_ROW_TYPE_OPERATION, label,
                                         &bill->date, bill->number,
                                         TRUE, bill->amount, FALSE, 0,
                                         bill->documents, style);
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (store);
}
