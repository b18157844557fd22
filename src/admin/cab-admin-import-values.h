/* cab-admin-import-values.h: the values of an export's rows that need no store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-core.h"

G_BEGIN_DECLS

/* A volume_kwh of entries.csv: an optional '-', whole kWh (optionally grouped by threes with
 * spaces or no-break spaces, as money is), then optionally ',' or '.' and one to three
 * digits: "74284", "48213,125", "-41 250.5". At most CAB_VOLUME_MAX watt-hours in magnitude.
 * CAB_ERROR_INVALID_VALUE naming @text otherwise. */
gboolean     cab_admin_parse_volume      (const char    *text,
                                          CabVolume     *out_wh,
                                          GError       **error);

/* What the cabinet shows when entries.csv gives no title: «Счет-фактура от 31.05.2016». */
char        *cab_admin_entry_title       (CabEntryKind   kind,
                                          const GDate   *date);
/* A document's title by its kind: «Акт объема». */
const char  *cab_admin_document_title    (CabDocumentKind kind);

G_END_DECLS
