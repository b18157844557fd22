/* cab-account-state-saved.h: what CabAccountState reads from the offline store when the server
 * cannot be reached, on a worker thread (private to cab-account-state.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-core.h"

G_BEGIN_DECLS

/* The task's data: what to read (account, period) and, once read, what was saved. */
typedef struct
{
  char         *account;
  GDate         from;
  GDate         to;
  CabLedger    *ledger;
  CabStatement *statement;
  GDateTime    *statement_saved_at;
  CabBillList  *bills;
  GDateTime    *bills_saved_at;
  CabBalance   *balance;
  GDateTime    *balance_saved_at;
} CabAccountStateSaved;

void cab_account_state_saved_free        (CabAccountStateSaved *data);
/* A GTaskThreadFunc on a CabOfflineStore (the source object) with a CabAccountStateSaved as
 * its task data; a damaged file counts as not saved. */
void cab_account_state_saved_load_thread (GTask                *task,
                                          gpointer              source_object,
                                          gpointer              task_data,
                                          GCancellable         *cancellable);

G_END_DECLS
