/* fuzz-balance.c: CabBalance from the API's JSON (cab_balance_from_json), and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-util.h"

FUZZ_DECODER (CabBalance, cab_balance_from_json, cab_balance_to_json, cab_balance_free)
