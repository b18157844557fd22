/* cab-account-states.h: the session's account-state models, one per contract.
 *
 * A service of the signed-in session (cab-session-services.c builds it, the session owns it):
 * the Account State page and its payment panel show the model of the selected contract, and
 * the notifier reads the model of every visible contract, so what one has fetched the others
 * see without asking the server again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-account-state.h"
#include "cab-session.h"

G_BEGIN_DECLS

#define CAB_TYPE_ACCOUNT_STATES (cab_account_states_get_type ())
G_DECLARE_FINAL_TYPE (CabAccountStates, cab_account_states, CAB, ACCOUNT_STATES, GObject)

/* Holds @session weakly: the session owns it. */
CabAccountStates *cab_account_states_new  (CabSession       *session);
/* The model of @account (transfer none), made on first need (it fetches at once) and kept for
 * the session; NULL @account: the empty model of "no contract chosen". NULL once disposed. */
CabAccountState  *cab_account_states_get  (CabAccountStates *self,
                                           const char       *account);
/* The model of @account if one was made, else NULL (transfer none); nothing is fetched. */
CabAccountState  *cab_account_states_peek (CabAccountStates *self,
                                           const char       *account);

G_END_DECLS
