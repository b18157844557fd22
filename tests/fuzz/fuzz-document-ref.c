/* fuzz-document-ref.c: CabDocumentRef from the API's JSON (cab_document_ref_from_json), and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-util.h"

FUZZ_DECODER (CabDocumentRef, cab_document_ref_from_json, cab_document_ref_to_json, cab_document_ref_free)
