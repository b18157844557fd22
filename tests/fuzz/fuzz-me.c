/* fuzz-me.c: CabMe from the API's JSON (cab_me_from_json), and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-util.h"

FUZZ_DECODER (CabMe, cab_me_from_json, cab_me_to_json, cab_me_free)
