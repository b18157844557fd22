/* cab-bill-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-bill-list.h"
#include "cab-error.h"
#include "cab-json.h"

G_DEFINE_BOXED_TYPE (CabBillList, cab_bill_list, cab_bill_list_copy, cab_bill_list_free)

void
cab_bill_free (CabBill *bill)
{
  if (bill == NULL)
    return;

  g_free (bill->number);
  g_clear_pointer (&bill->documents, g_ptr_array_unref);
  g_free (bill);
}

static GPtrArray *
new_documents (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cab_document_ref_free);
}

static CabBillList *
bill_list_new (const char  *account,
               const GDate *from,
               const GDate *to)
{
  CabBillList *self = g_new0 (CabBillList, 1);

  self->account = g_strdup (account);
  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
  if (from != NULL)
    self->from = *from;
  if (to != NULL)
    self->to = *to;
  self->bills = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_bill_free);

  return self;
}

CabBillList *
cab_bill_list_compute (CabLedger    *ledger,
                       const char   *account,
                       const GDate  *from,
                       const GDate  *to,
                       GError      **error)
{
  CabBillList *self;
  guint n_entries;

  g_return_val_if_fail (CAB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_date_compare (from, to) >= 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_PERIOD,
                           "The period must end after it starts (“from” before “to”)");
      return NULL;
    }

  self = bill_list_new (account, from, to);

  n_entries = cab_ledger_get_n_entries (ledger);
  for (guint i = 0; i < n_entries; i++)
    {
      const CabEntry *entry = cab_ledger_get_entry (ledger, i);
      CabBill *bill;

      if (entry->kind != CAB_ENTRY_ADVANCE_BILL_1 && entry->kind != CAB_ENTRY_ADVANCE_BILL_2)
        continue;
      if (g_date_compare (&entry->date, from) < 0 || g_date_compare (&entry->date, to) >= 0)
        continue;

      bill = g_new0 (CabBill, 1);
      bill->date = entry->date;
      bill->kind = entry->kind;
      bill->amount = entry->amount;
      bill->entry_id = entry->id;
      bill->documents = new_documents ();
      g_ptr_array_add (self->bills, bill);
    }

  return self;
}

static CabBill *
bill_copy (const CabBill *bill)
{
  CabBill *copy = g_memdup2 (bill, sizeof *bill);

  copy->number = g_strdup (bill->number);
  copy->documents = new_documents ();
  for (guint i = 0; bill->documents != NULL && i < bill->documents->len; i++)
    g_ptr_array_add (copy->documents, cab_document_ref_copy (g_ptr_array_index (bill->documents, i)));

  return copy;
}

CabBillList *
cab_bill_list_copy (const CabBillList *self)
{
  CabBillList *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = bill_list_new (self->account, &self->from, &self->to);
  for (guint i = 0; i < self->bills->len; i++)
    g_ptr_array_add (copy->bills, bill_copy (g_ptr_array_index (self->bills, i)));

  return copy;
}

void
cab_bill_list_free (CabBillList *self)
{
  if (self == NULL)
    return;

  g_free (self->account);
  g_clear_pointer (&self->bills, g_ptr_array_unref);
  g_free (self);
}

JsonNode *
cab_bill_list_to_json (const CabBillList *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, self->account != NULL ? self->account : "");
  cab_json_builder_add_date (builder, "from", &self->from);
  cab_json_builder_add_date (builder, "to", &self->to);

  json_builder_set_member_name (builder, "bills");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->bills->len; i++)
    {
      const CabBill *bill = g_ptr_array_index (self->bills, i);

      json_builder_begin_object (builder);
      cab_json_builder_add_date (builder, "date", &bill->date);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, cab_entry_kind_to_string (bill->kind));
      cab_json_builder_add_nullable_string (builder, "number", bill->number);
      cab_json_builder_add_money (builder, "amount", bill->amount);
      json_builder_set_member_name (builder, "documents");
      json_builder_add_value (builder, cab_document_refs_to_json (bill->documents));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static CabBill *
read_bill (JsonNode  *node,
           GError   **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  JsonObject *object;
  JsonArray *documents_array;
  const char *kind_text;
  const char *number;
  CabBill *bill;
  CabEntryKind kind;
  GDate date;
  CabMoney amount;

  if (!(object = cab_json_object (node, "bills", error)) ||
      !cab_json_get_date (object, "date", &date, error) ||
      !(kind_text = cab_json_get_string (object, "kind", error)))
    return NULL;

  if (!cab_entry_kind_from_string (kind_text, &kind, error) ||
      (kind != CAB_ENTRY_ADVANCE_BILL_1 && kind != CAB_ENTRY_ADVANCE_BILL_2))
    {
      g_clear_error (error);
      g_set_error (error, CAB_ERROR, CAB_ERROR_UNKNOWN_ENUM,
                   "Field “kind”: “%s” is not a kind of advance bill", kind_text);
      return NULL;
    }

  if (!cab_json_get_nullable_string (object, "number", &number, error) ||
      !cab_json_get_money (object, "amount", &amount, error) ||
      !(documents_array = cab_json_get_array (object, "documents", error)) ||
      !(documents = cab_document_refs_from_json (documents_array, error)))
    return NULL;

  bill = g_new0 (CabBill, 1);
  bill->date = date;
  bill->kind = kind;
  bill->number = g_strdup (number);
  bill->amount = amount;
  bill->documents = g_steal_pointer (&documents);

  return bill;
}

CabBillList *
cab_bill_list_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(CabBillList) self = NULL;
  JsonObject *object;
  JsonArray *bills;
  const char *account;
  GDate from;
  GDate to;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(object = cab_json_object (node, "bill list", error)) ||
      !(account = cab_json_get_string (object, "account", error)) ||
      !cab_json_get_date (object, "from", &from, error) ||
      !cab_json_get_date (object, "to", &to, error) ||
      !(bills = cab_json_get_array (object, "bills", error)))
    return NULL;

  self = bill_list_new (account, &from, &to);

  for (guint i = 0; i < json_array_get_length (bills); i++)
    {
      CabBill *bill = read_bill (json_array_get_element (bills, i), error);

      if (bill == NULL)
        {
          g_prefix_error (error, "“bills” item %u: ", i);
          return NULL;
        }

      g_ptr_array_add (self->bills, bill);
    }

  return g_steal_pointer (&self);
}
