/* cab-demo-data.h: the deterministic demo data of --demo (issue 4, docs/api.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-store.h"

G_BEGIN_DECLS

/* Seeds @store (which must be empty) in one transaction. Monthly data runs up to @today.
 * Documents are stored with their render specs; the PDFs are rendered later, on need. */
gboolean     cab_demo_data_seed           (CabStore     *store,
                                           const GDate  *today,
                                           GError      **error);

/* The demo tariff of @account for the month of @month, in hundredths of a kopeck per kWh
 * with VAT (cab-demo-data.c says how it is made); 0 for an account without volumes. */
gint64       cab_demo_data_tariff         (const char   *account,
                                           const GDate  *month);

/* A 10-digit INN: @prefix (9 digits) and its check digit. */
char        *cab_demo_data_make_inn       (const char   *prefix);

G_END_DECLS
