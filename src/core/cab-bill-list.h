/* cab-bill-list.h: the advance bills issued in a period (manual 4.2, block 3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-document-ref.h"
#include "cab-ledger.h"

G_BEGIN_DECLS

typedef struct
{
  GDate         date;
  CabEntryKind  kind;       /* CAB_ENTRY_ADVANCE_BILL_1 or _2 */
  char         *number;
  CabMoney      amount;
  GPtrArray    *documents;  /* of CabDocumentRef, never NULL */
  gint64        entry_id;   /* not on the wire */
} CabBill;

typedef struct
{
  char       *account;
  GDate       from;
  GDate       to;
  GPtrArray  *bills;        /* of CabBill, in date order */
} CabBillList;

#define CAB_TYPE_BILL_LIST (cab_bill_list_get_type ())
GType         cab_bill_list_get_type     (void) G_GNUC_CONST;
/* The advance bills of @ledger with from <= date < to; numbers and documents empty. */
CabBillList  *cab_bill_list_compute      (CabLedger          *ledger,
                                          const char         *account,
                                          const GDate        *from,
                                          const GDate        *to,
                                          GError            **error);
CabBillList  *cab_bill_list_copy         (const CabBillList  *self);
void          cab_bill_list_free         (CabBillList        *self);
void          cab_bill_free              (CabBill            *bill);

JsonNode     *cab_bill_list_to_json      (const CabBillList  *self);
CabBillList  *cab_bill_list_from_json    (JsonNode           *node,
                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabBillList, cab_bill_list_free)

G_END_DECLS
