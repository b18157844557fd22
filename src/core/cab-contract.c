/* cab-contract.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-contract.h"
#include "cab-error.h"
#include "cab-json.h"

G_DEFINE_BOXED_TYPE (CabContract, cab_contract, cab_contract_copy, cab_contract_free)

CabContract *
cab_contract_new (void)
{
  CabContract *self = g_new0 (CabContract, 1);

  g_date_clear (&self->contract_date, 1);
  cab_terms_init_default (&self->terms);

  return self;
}

CabContract *
cab_contract_copy (const CabContract *self)
{
  CabContract *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->account = g_strdup (self->account);
  copy->contract_number = g_strdup (self->contract_number);
  copy->branch_name = g_strdup (self->branch_name);
  copy->branch_address = g_strdup (self->branch_address);
  copy->inn = g_strdup (self->inn);
  copy->kpp = g_strdup (self->kpp);

  return copy;
}

void
cab_contract_free (CabContract *self)
{
  if (self == NULL)
    return;

  g_free (self->account);
  g_free (self->contract_number);
  g_free (self->branch_name);
  g_free (self->branch_address);
  g_free (self->inn);
  g_free (self->kpp);
  g_free (self);
}

static void
add_string (JsonBuilder *builder,
            const char  *field,
            const char  *value)
{
  json_builder_set_member_name (builder, field);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

JsonNode *
cab_contract_to_json (const CabContract *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "account", self->account);
  add_string (builder, "contract_number", self->contract_number);
  cab_json_builder_add_date (builder, "contract_date", &self->contract_date);
  cab_json_builder_add_nullable_string (builder, "branch_name", self->branch_name);
  cab_json_builder_add_nullable_string (builder, "branch_address", self->branch_address);
  add_string (builder, "inn", self->inn);
  add_string (builder, "kpp", self->kpp);
  json_builder_set_member_name (builder, "terms");
  json_builder_add_value (builder, cab_terms_to_json (&self->terms));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

CabContract *
cab_contract_from_json (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(CabContract) self = cab_contract_new ();
  JsonObject *object;
  const char *account;
  const char *contract_number;
  const char *branch_name;
  const char *branch_address;
  const char *inn;
  const char *kpp;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(object = cab_json_object (node, "contract", error)) ||
      !(account = cab_json_get_string (object, "account", error)) ||
      !(contract_number = cab_json_get_string (object, "contract_number", error)) ||
      !cab_json_get_date (object, "contract_date", &self->contract_date, error) ||
      !cab_json_get_nullable_string (object, "branch_name", &branch_name, error) ||
      !cab_json_get_nullable_string (object, "branch_address", &branch_address, error) ||
      !(inn = cab_json_get_string (object, "inn", error)) ||
      !(kpp = cab_json_get_string (object, "kpp", error)) ||
      !cab_json_get_object (object, "terms", error))
    return NULL;

  if (!cab_terms_from_json (json_object_get_member (object, "terms"), &self->terms, error))
    {
      g_prefix_error (error, "Field “terms”: ");
      return NULL;
    }

  self->account = g_strdup (account);
  self->contract_number = g_strdup (contract_number);
  self->branch_name = g_strdup (branch_name);
  self->branch_address = g_strdup (branch_address);
  self->inn = g_strdup (inn);
  self->kpp = g_strdup (kpp);

  return g_steal_pointer (&self);
}
