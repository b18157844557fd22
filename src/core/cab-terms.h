/* cab-terms.h: a contract's payment schedule (Decree No. 442 defaults, overridable per contract).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint8 bill1_issue_day;   /* 1: advance bill 1 is dated this day of month M */
  guint8 bill1_due_day;     /* 10: and due this day of M */
  guint8 bill2_issue_day;   /* 16 */
  guint8 bill2_due_day;     /* 25 */
  guint8 invoice_due_day;   /* 18: the invoice for M is due this day of M+1 */
} CabTerms;

/* The decree's days: 1/10, 16/25, 18. */
void         cab_terms_init_default      (CabTerms        *terms);

/* Every day in 1..31, issue days before due days, bill 1 before bill 2. */
gboolean     cab_terms_validate          (const CabTerms  *terms,
                                          GError         **error);

JsonNode    *cab_terms_to_json           (const CabTerms  *terms);
gboolean     cab_terms_from_json         (JsonNode        *node,
                                          CabTerms        *out_terms,
                                          GError         **error);

G_END_DECLS
