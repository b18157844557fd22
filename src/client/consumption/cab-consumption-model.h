/* cab-consumption-model.h: what the Consumption page shows, without widgets.
 *
 * Reads the selected contract's ledger through a CabAccountState (which fetches it, keeps it
 * in the offline store and reads it back offline: no request of its own), and gives the last
 * 12, 24 or 36 months with a volume as a GListModel of CabConsumptionMonthItem, oldest first,
 * each with the same month a year before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "account/cab-account-state.h"

G_BEGIN_DECLS

typedef enum
{
  CAB_CONSUMPTION_EMPTY,        /* no contract chosen */
  CAB_CONSUMPTION_LOADING,      /* the ledger is asked for */
  CAB_CONSUMPTION_UNAVAILABLE,  /* no ledger: refused, or offline and never saved */
  CAB_CONSUMPTION_NO_VOLUMES,   /* a ledger without a single volume */
  CAB_CONSUMPTION_READY,        /* months to show */
} CabConsumptionState;

#define CAB_TYPE_CONSUMPTION_STATE (cab_consumption_state_get_type ())
GType cab_consumption_state_get_type (void) G_GNUC_CONST;

#define CAB_TYPE_CONSUMPTION_MODEL (cab_consumption_model_get_type ())
G_DECLARE_FINAL_TYPE (CabConsumptionModel, cab_consumption_model, CAB, CONSUMPTION_MODEL, GObject)

CabConsumptionModel *cab_consumption_model_new            (CabAccountState     *account_state);
CabAccountState     *cab_consumption_model_get_account_state (CabConsumptionModel *self);
void                 cab_consumption_model_set_account_state (CabConsumptionModel *self,
                                                              CabAccountState     *account_state);

/* "state", notified when it changes. */
CabConsumptionState  cab_consumption_model_get_state      (CabConsumptionModel *self);

/* "n-months": 12 (default), 24 or 36; any other value is refused. */
guint                cab_consumption_model_get_n_months   (CabConsumptionModel *self);
void                 cab_consumption_model_set_n_months   (CabConsumptionModel *self,
                                                           guint                n_months);

/* The months shown (CabConsumptionMonthItem): n-months of them when READY, else none. The
 * same object for the model's life; its items are replaced. */
GListModel          *cab_consumption_model_get_months     (CabConsumptionModel *self);
/* The month the range ends with (the latest with a volume); FALSE unless READY. */
gboolean             cab_consumption_model_get_last_month (CabConsumptionModel *self,
                                                           GDate               *out_first_day);
/* The contract of the months shown ("account" of the CabAccountState), NULL if none. */
const char          *cab_consumption_model_get_account    (CabConsumptionModel *self);

G_END_DECLS
