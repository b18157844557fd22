/* cab-supplier.h: the supplier's own requisites, as GET /api/v1/supplier serves them and
 * `tek-cabinet-admin supplier set` stores them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Every field is NULL when the supplier has not set it. */
typedef struct
{
  char *name;
  char *inn;
  char *kpp;
  char *bank_account;            /* 20 digits */
  char *bank_name;
  char *bic;                     /* 9 digits */
  char *correspondent_account;   /* 20 digits */
  char *support_email;
  char *phone;                   /* normalised, "+74832000000" */
} CabSupplier;

CabSupplier        *cab_supplier_new        (void);
CabSupplier        *cab_supplier_copy       (const CabSupplier *self);
void                cab_supplier_free       (CabSupplier       *self);

/* The keys in their order: "name", "inn", "kpp", "bank_account", "bank_name", "bic",
 * "correspondent_account", "support_email", "phone" (NULL-terminated). */
const char * const *cab_supplier_keys       (void);
const char         *cab_supplier_get        (const CabSupplier *self,
                                             const char        *key);
/* Validates @value for @key (INN and KPP by the core rules, accounts 20 digits, BIC 9,
 * e-mail, phone normalised) and stores it; an empty @value clears the field.
 * CAB_ERROR_INVALID_VALUE for an unknown key, the validator's code otherwise. */
gboolean            cab_supplier_set        (CabSupplier       *self,
                                             const char        *key,
                                             const char        *value,
                                             GError           **error);

/* {"name": ..., ...}: every key, null when unset. */
JsonNode           *cab_supplier_to_json    (const CabSupplier *self);
/* Missing keys are unset; every value present is validated as by cab_supplier_set(). */
CabSupplier        *cab_supplier_from_json  (JsonNode          *node,
                                             GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabSupplier, cab_supplier_free)

G_END_DECLS
