/* cab-account-state.h: what "Account State" (manual 4.2) shows, without widgets.
 *
 * For the session's selected contract and a period: the balance on the session's today
 * (block 1), the reconciliation act (block 2) and the advance bills (block 3). Everything
 * fetched is kept in the offline store as it arrives; when the server cannot be reached (or
 * the session is offline) the blocks come from what was kept, and the debt for today is
 * recomputed from the saved ledger by the same rules as the server.
 *
 * It follows the session by itself: a new contract, going offline or back online, and the
 * session's "refresh" fetch again (the "started" signal tells). Each block says where its content comes from
 * (CabAccountBlockState); the page chooses the words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-core.h"
#include "cab-session.h"

G_BEGIN_DECLS

typedef enum
{
  CAB_ACCOUNT_BLOCK_EMPTY,      /* nothing asked yet (or no contract chosen) */
  CAB_ACCOUNT_BLOCK_LOADING,    /* asked from the server */
  CAB_ACCOUNT_BLOCK_ONLINE,     /* as the server answered */
  CAB_ACCOUNT_BLOCK_SAVED,      /* offline: as saved (see the saved-at time) */
  CAB_ACCOUNT_BLOCK_COMPUTED,   /* offline: computed from the saved ledger */
  CAB_ACCOUNT_BLOCK_NOT_SAVED,  /* offline: nothing of it was saved */
  CAB_ACCOUNT_BLOCK_FAILED,     /* the server refused (see the error) */
} CabAccountBlockState;

/* The three blocks of the page. */
typedef enum
{
  CAB_ACCOUNT_BLOCK_BALANCE,
  CAB_ACCOUNT_BLOCK_STATEMENT,
  CAB_ACCOUNT_BLOCK_BILLS,
} CabAccountBlock;

#define CAB_TYPE_ACCOUNT_BLOCK_STATE (cab_account_block_state_get_type ())
GType cab_account_block_state_get_type (void) G_GNUC_CONST;

#define CAB_TYPE_ACCOUNT_STATE (cab_account_state_get_type ())
G_DECLARE_FINAL_TYPE (CabAccountState, cab_account_state, CAB, ACCOUNT_STATE, GObject)

/* Starts with the default period of the session's today and fetches at once. */
CabAccountState      *cab_account_state_new                 (CabSession       *session);
/* The model of @account alone (NULL: no contract, always empty), whichever contract the
 * session has selected; it still follows going offline, back online and "refresh". It holds
 * @session weakly: the session's CabAccountStates (cab-account-states.h) makes these, one per
 * contract, for the page, its payment panel and the notifier to share. */
CabAccountState      *cab_account_state_new_for_account     (CabSession       *session,
                                                             const char       *account);
/* NULL once the session of a model made for one account is gone. */
CabSession           *cab_account_state_get_session         (CabAccountState  *self);
/* When its last fetch from the server began (g_get_monotonic_time ()), or 0 when what it shows
 * did not come from the server (nothing yet, offline, a session opened offline). */
gint64                cab_account_state_get_fetched_at      (CabAccountState  *self);

/* The contract shown ("account" property), NULL if none is chosen. */
const char           *cab_account_state_get_account         (CabAccountState  *self);
void                  cab_account_state_get_period          (CabAccountState  *self,
                                                             GDate            *from,
                                                             GDate            *to);
/* Shows (fetches) another period. */
void                  cab_account_state_set_period          (CabAccountState  *self,
                                                             const GDate      *from,
                                                             const GDate      *to);
/* Fetches the shown period again. */
void                  cab_account_state_reload              (CabAccountState  *self);
/* TRUE while requests are out ("loading" property). */
gboolean              cab_account_state_get_loading         (CabAccountState  *self);
/* Why the offline store cannot keep anything, or NULL ("store-error" property). */
const GError         *cab_account_state_get_store_error     (CabAccountState  *self);

/* Where @block's content comes from; notified as "balance-state", "statement-state" and
 * "bills-state" whenever the block changes (also when only its content does). */
CabAccountBlockState  cab_account_state_get_block_state     (CabAccountState  *self,
                                                             CabAccountBlock   block);
/* For a SAVED block: when it was saved (NULL if unknown). */
GDateTime            *cab_account_state_get_saved_at        (CabAccountState  *self,
                                                             CabAccountBlock   block);
/* For a FAILED block: what the server answered. */
const GError         *cab_account_state_get_error           (CabAccountState  *self,
                                                             CabAccountBlock   block);

/* Block 1: set for ONLINE, SAVED and COMPUTED. */
const CabBalance     *cab_account_state_get_balance         (CabAccountState  *self);
/* TRUE when the balance was computed locally from the saved ledger. */
gboolean              cab_account_state_get_computed_offline (CabAccountState *self);
/* Block 2: the act and its lines (CabStatementRowItem). */
CabStatement         *cab_account_state_get_statement       (CabAccountState  *self);
GListModel           *cab_account_state_get_rows            (CabAccountState  *self);
/* Block 3: the advance bills and their lines. */
const CabBillList    *cab_account_state_get_bills           (CabAccountState  *self);
GListModel           *cab_account_state_get_bill_rows       (CabAccountState  *self);

/* What block 1's figures are made of (issue 15): GListModels of CabDebtRowItem, START first,
 * TOTAL last, for the debt ("debt-breakdown") and the recommended payment
 * ("payment-breakdown"), on the balance's day, starting no later than the period's "from" and
 * numbered from the act and the bills shown. NULL until both the balance and the ledger (fetched
 * or saved) are there, and when they disagree. Notified whenever the balance, the act, the bills
 * or the ledger change. */
GListModel           *cab_account_state_get_debt_breakdown  (CabAccountState  *self);
GListModel           *cab_account_state_get_payment_breakdown (CabAccountState *self);
/* TRUE when the act shown starts before the account's data ("starts-before-data", notified
 * with "statement-state"): cab_debt_words_statement_coverage() says so, and
 * cab_debt_words_statement_opening() names the day of its opening balance. */
gboolean              cab_account_state_get_starts_before_data (CabAccountState *self);

/* The account's ledger, fetched or saved (notified with "payment-breakdown"); NULL if none. */
CabLedger            *cab_account_state_get_ledger          (CabAccountState  *self);

G_END_DECLS
