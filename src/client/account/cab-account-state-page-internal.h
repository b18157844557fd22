/* cab-account-state-page-internal.h: the Account State page's state, shared by the files of
 * its concerns (the page and its blocks in cab-account-state-page.c, documents and Download All
 * in cab-account-state-page-documents.c, the exports in cab-account-state-page-export.c, the
 * table and the cards of the lines in cab-account-state-page-cells.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-account-state.h"
#include "cab-account-state-page.h"
#include "cab-statement-model.h"
#include "pay/cab-payment-panel.h"

G_BEGIN_DECLS

struct _CabAccountStatePage
{
  AdwBin                parent_instance;

  CabSession           *session;
  /* What is shown: fetched, kept and recomputed by the model; the page only paints it. */
  CabAccountState      *state;

  /* What outlives a fetch (documents being opened, exports): cancelled with the page. */
  GCancellable         *lifetime;
  GCancellable         *download_cancellable;
  GtkNativeDialog      *export_dialog;
  gboolean              syncing_calendar;
  /* The period entered was refused: what is shown is the previous period's, greyed, and
   * Download All and the exports stay off until a period is shown again. */
  gboolean              stale;

  /* Template */
  GtkLabel             *source_label;
  GtkEntry             *from_entry;
  GtkEntry             *to_entry;
  GtkPopover           *from_popover;
  GtkPopover           *to_popover;
  GtkCalendar          *from_calendar;
  GtkCalendar          *to_calendar;
  GtkLabel             *period_error_label;
  AdwActionRow         *debt_row;
  AdwActionRow         *recommended_row;
  GtkLabel             *debt_label;
  GtkLabel             *recommended_label;
  GtkLabel             *debt_status_label;
  GtkWidget            *debt_breakdown_expander;
  GtkListBox           *debt_breakdown_list;
  GtkWidget            *payment_breakdown_expander;
  GtkListBox           *payment_breakdown_list;
  GtkLabel             *coverage_label;
  GtkWidget            *download_box;
  GtkProgressBar       *download_progress;
  GtkLabel             *action_status_label;
  GtkWidget            *statement_squeezer;
  GtkGrid              *statement_table;
  GtkBox               *statement_list;
  GtkLabel             *statement_status_label;
  GtkWidget            *bills_squeezer;
  GtkGrid              *bills_table;
  GtkBox               *bills_list;
  GtkLabel             *bills_status_label;
  CabPaymentPanel      *payment_panel;
};

/* cab-account-state-page.c: small helpers */
void             cab_account_state_page_set_status       (GtkLabel            *label,
                                                          const char          *text);
void             cab_account_state_page_show_store_error (CabAccountStatePage *self,
                                                          const GError        *error);
const char      *cab_account_state_page_account          (CabAccountStatePage *self);
/* NULL while stale. */
CabStatement    *cab_account_state_page_statement        (CabAccountStatePage *self);
/* Enables Download All and the exports for what is shown (none while stale). */
void             cab_account_state_page_update_actions   (CabAccountStatePage *self);

/* cab-account-state-page-documents.c: opening a document, Download All (CabDocuments) */
void cab_account_state_page_document_clicked        (CabAccountStatePage      *self,
                                                     GtkButton                *button);
void cab_account_state_page_download_all_action     (GtkWidget                *widget,
                                                     const char               *action_name,
                                                     GVariant                 *parameter);
void cab_account_state_page_cancel_download_action  (GtkWidget                *widget,
                                                     const char               *action_name,
                                                     GVariant                 *parameter);

/* cab-account-state-page-export.c */
void cab_account_state_page_export_action           (GtkWidget                *widget,
                                                     const char               *action_name,
                                                     GVariant                 *parameter);

/* cab-account-state-page-cells.c: the lines of the act or the bills as a table (@titles: one
 * per column, the amounts' one or two, then the documents') and as cards, for a narrow window
 * (@credit_name NULL: one amount a line, the advance bills). */
void cab_account_state_page_fill_table              (CabAccountStatePage      *self,
                                                     GtkGrid                  *table,
                                                     GListModel               *rows,
                                                     const char * const       *titles);
void cab_account_state_page_fill_cards              (CabAccountStatePage      *self,
                                                     GtkBox                   *list,
                                                     GListModel               *rows,
                                                     const char               *debit_name,
                                                     const char               *credit_name);

G_END_DECLS
