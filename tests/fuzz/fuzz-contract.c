/* fuzz-contract.c: CabContract from the API's JSON (cab_contract_from_json), and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-util.h"

FUZZ_DECODER (CabContract, cab_contract_from_json, cab_contract_to_json, cab_contract_free)
