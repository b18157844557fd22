/* fuzz-feedback-messages.c: GPtrArray from the API's JSON (cab_feedback_messages_from_json), and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-util.h"

FUZZ_DECODER (GPtrArray, cab_feedback_messages_from_json, cab_feedback_messages_to_json, g_ptr_array_unref)
