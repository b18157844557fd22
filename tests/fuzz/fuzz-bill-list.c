/* fuzz-bill-list.c: CabBillList from the API's JSON (cab_bill_list_from_json), and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-util.h"

FUZZ_DECODER (CabBillList, cab_bill_list_from_json, cab_bill_list_to_json, cab_bill_list_free)
