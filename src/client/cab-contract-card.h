/* cab-contract-card.h: one contract on the Client Info page, with copy buttons.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-core.h"

G_BEGIN_DECLS

#define CAB_TYPE_CONTRACT_CARD (cab_contract_card_get_type ())
G_DECLARE_FINAL_TYPE (CabContractCard, cab_contract_card, CAB, CONTRACT_CARD, AdwBin)

GtkWidget *cab_contract_card_new (const CabContract *contract);

/* "1234567890 · contract No. 12-3456 of 01.12.2015", as the Contract selector lists it. */
char      *cab_contract_describe (const CabContract *contract);

G_END_DECLS
