/* cab-contract.h: one supply contract (account) of a partner, as GET /me lists it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cab-terms.h"

G_BEGIN_DECLS

typedef struct
{
  char     *account;
  char     *contract_number;
  GDate     contract_date;
  char     *branch_name;     /* NULL when none */
  char     *branch_address;  /* NULL when none */
  char     *inn;
  char     *kpp;
  CabTerms  terms;
} CabContract;

#define CAB_TYPE_CONTRACT (cab_contract_get_type ())
GType         cab_contract_get_type      (void) G_GNUC_CONST;
CabContract  *cab_contract_new           (void);
CabContract  *cab_contract_copy          (const CabContract  *self);
void          cab_contract_free          (CabContract        *self);

JsonNode     *cab_contract_to_json       (const CabContract  *self);
CabContract  *cab_contract_from_json     (JsonNode           *node,
                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabContract, cab_contract_free)

G_END_DECLS
