/* fuzz-statement.c: CabStatement from the API's JSON (cab_statement_from_json), and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-util.h"

FUZZ_DECODER (CabStatement, cab_statement_from_json, cab_statement_to_json, g_object_unref)
