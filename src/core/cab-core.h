/* cab-core.h: the whole core library in one include.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-error.h"
#include "cab-money.h"
#include "cab-volume.h"
#include "cab-date.h"
#include "cab-terms.h"
#include "cab-ledger.h"
#include "cab-debt.h"
#include "cab-debt-breakdown.h"
#include "cab-statement.h"
#include "cab-balance.h"
#include "cab-bill-list.h"
#include "cab-document-ref.h"
#include "cab-contract.h"
#include "cab-me.h"
#include "cab-feedback-message.h"
#include "cab-validate.h"
#include "cab-json.h"
#include "cab-supplier.h"
#include "cab-csv.h"
#include "cab-search.h"
#include "cab-consumption.h"
