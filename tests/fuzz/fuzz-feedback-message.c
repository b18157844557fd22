/* fuzz-feedback-message.c: CabFeedbackMessage from the API's JSON (cab_feedback_message_from_json), and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-util.h"

FUZZ_DECODER (CabFeedbackMessage, cab_feedback_message_from_json, cab_feedback_message_to_json, cab_feedback_message_free)
