/* cab-balance.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-balance.h"
#include "cab-debt.h"
#include "cab-error.h"
#include "cab-json.h"

G_DEFINE_BOXED_TYPE (CabBalance, cab_balance, cab_balance_copy, cab_balance_free)

CabBalance *
cab_balance_compute (CabLedger   *ledger,
                     const char  *account,
                     const GDate *on)
{
  CabBalance *self;

  g_return_val_if_fail (CAB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);

  self = g_new0 (CabBalance, 1);
  self->account = g_strdup (account);
  self->on = *on;
  self->debt = cab_debt_on (ledger, on);
  self->recommended_payment = cab_debt_recommended_payment (ledger, on);

  return self;
}

CabBalance *
cab_balance_copy (const CabBalance *self)
{
  CabBalance *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->account = g_strdup (self->account);

  return copy;
}

void
cab_balance_free (CabBalance *self)
{
  if (self == NULL)
    return;

  g_free (self->account);
  g_free (self);
}

JsonNode *
cab_balance_to_json (const CabBalance *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, self->account != NULL ? self->account : "");
  cab_json_builder_add_date (builder, "on", &self->on);
  cab_json_builder_add_money (builder, "debt", self->debt);
  cab_json_builder_add_money (builder, "recommended_payment", self->recommended_payment);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

CabBalance *
cab_balance_from_json (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(CabBalance) self = g_new0 (CabBalance, 1);
  JsonObject *object;
  const char *account;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(object = cab_json_object (node, "balance", error)) ||
      !(account = cab_json_get_string (object, "account", error)) ||
      !cab_json_get_date (object, "on", &self->on, error) ||
      !cab_json_get_money (object, "debt", &self->debt, error) ||
      !cab_json_get_money (object, "recommended_payment", &self->recommended_payment, error))
    return NULL;

  if (self->recommended_payment < 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                           "Field “recommended_payment” is negative");
      return NULL;
    }

  self->account = g_strdup (account);

  return g_steal_pointer (&self);
}
