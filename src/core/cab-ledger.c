/* cab-ledger.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-date.h"
#include "cab-error.h"
#include "cab-json.h"
#include "cab-ledger.h"

struct _CabLedger
{
  GObject   parent_instance;

  GDate     opening_date;
  CabMoney  opening_balance;
  CabTerms  terms;
  GArray   *entries;  /* of CabEntry, in date order */
};

G_DEFINE_FINAL_TYPE (CabLedger, cab_ledger, G_TYPE_OBJECT)

static const char * const entry_kind_names[] = {
  [CAB_ENTRY_ADVANCE_BILL_1] = "advance_bill_1",
  [CAB_ENTRY_ADVANCE_BILL_2] = "advance_bill_2",
  [CAB_ENTRY_INVOICE] = "invoice",
  [CAB_ENTRY_CORRECTION] = "correction",
  [CAB_ENTRY_PAYMENT] = "payment",
};

const char *
cab_entry_kind_to_string (CabEntryKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (entry_kind_names), NULL);

  return entry_kind_names[kind];
}

gboolean
cab_entry_kind_from_string (const char    *text,
                            CabEntryKind  *out_kind,
                            GError       **error)
{
  g_autofree char *shown = NULL;

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (entry_kind_names); i++)
    {
      if (g_str_equal (text, entry_kind_names[i]))
        {
          if (out_kind != NULL)
            *out_kind = (CabEntryKind) i;
          return TRUE;
        }
    }

  shown = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_set_error (error, CAB_ERROR, CAB_ERROR_UNKNOWN_ENUM,
               "“%s” is not a kind of ledger entry", shown);
  return FALSE;
}

static void
cab_ledger_finalize (GObject *object)
{
  CabLedger *self = (CabLedger *) object;

  g_clear_pointer (&self->entries, g_array_unref);

  G_OBJECT_CLASS (cab_ledger_parent_class)->finalize (object);
}

static void
cab_ledger_class_init (CabLedgerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cab_ledger_finalize;
}

static void
cab_ledger_init (CabLedger *self)
{
  g_date_clear (&self->opening_date, 1);
  cab_terms_init_default (&self->terms);
  self->entries = g_array_new (FALSE, TRUE, sizeof (CabEntry));
}

CabLedger *
cab_ledger_new (const GDate    *opening_date,
                CabMoney        opening_balance,
                const CabTerms *terms)
{
  CabLedger *self;

  g_return_val_if_fail (opening_date != NULL && g_date_valid (opening_date), NULL);

  self = g_object_new (CAB_TYPE_LEDGER, NULL);
  self->opening_date = *opening_date;
  self->opening_balance = opening_balance;
  if (terms != NULL)
    self->terms = *terms;

  return self;
}

void
cab_entry_get_supply_month (const CabEntry *entry,
                            GDate          *out_first_day)
{
  g_return_if_fail (entry != NULL && out_first_day != NULL);

  *out_first_day = g_date_valid (&entry->period) ? entry->period : entry->date;
  g_date_set_day (out_first_day, 1);
}

void
cab_ledger_add (CabLedger    *self,
                CabEntryKind  kind,
                const GDate  *date,
                CabMoney      amount,
                gint64        id)
{
  CabEntry entry = { 0, };

  g_return_if_fail (date != NULL && g_date_valid (date));

  entry.kind = kind;
  entry.date = *date;
  entry.amount = amount;
  entry.id = id;
  g_date_clear (&entry.period, 1);

  cab_ledger_add_entry (self, &entry);
}

static gboolean
entry_kind_bills_energy (CabEntryKind kind)
{
  return kind == CAB_ENTRY_INVOICE || kind == CAB_ENTRY_CORRECTION;
}

void
cab_ledger_add_entry (CabLedger      *self,
                      const CabEntry *entry)
{
  CabEntry copy;
  guint position;

  g_return_if_fail (CAB_IS_LEDGER (self));
  g_return_if_fail (entry != NULL && g_date_valid (&entry->date));
  g_return_if_fail ((guint) entry->kind < G_N_ELEMENTS (entry_kind_names));

  copy = *entry;
  if (!entry_kind_bills_energy (copy.kind) || !copy.has_volume)
    {
      copy.volume = 0;
      copy.has_volume = copy.has_volume && entry_kind_bills_energy (copy.kind);
    }
  if (!entry_kind_bills_energy (copy.kind) || !g_date_valid (&copy.period))
    g_date_clear (&copy.period, 1);
  else
    g_date_set_day (&copy.period, 1);

  /* After every entry of the same day or earlier: stable for equal dates. */
  position = self->entries->len;
  while (position > 0 &&
         g_date_compare (&g_array_index (self->entries, CabEntry, position - 1).date,
                         &copy.date) > 0)
    position--;

  g_array_insert_val (self->entries, position, copy);
}

const GDate *
cab_ledger_get_opening_date (CabLedger *self)
{
  g_return_val_if_fail (CAB_IS_LEDGER (self), NULL);

  return &self->opening_date;
}

CabMoney
cab_ledger_get_opening_balance (CabLedger *self)
{
  g_return_val_if_fail (CAB_IS_LEDGER (self), 0);

  return self->opening_balance;
}

const CabTerms *
cab_ledger_get_terms (CabLedger *self)
{
  g_return_val_if_fail (CAB_IS_LEDGER (self), NULL);

  return &self->terms;
}

guint
cab_ledger_get_n_entries (CabLedger *self)
{
  g_return_val_if_fail (CAB_IS_LEDGER (self), 0);

  return self->entries->len;
}

const CabEntry *
cab_ledger_get_entry (CabLedger *self,
                      guint      position)
{
  g_return_val_if_fail (CAB_IS_LEDGER (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return &g_array_index (self->entries, CabEntry, position);
}

JsonNode *
cab_ledger_to_json (CabLedger  *self,
                    const char *account)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (CAB_IS_LEDGER (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, account != NULL ? account : "");
  cab_json_builder_add_date (builder, "opening_date", &self->opening_date);
  cab_json_builder_add_money (builder, "opening_balance", self->opening_balance);
  json_builder_set_member_name (builder, "terms");
  json_builder_add_value (builder, cab_terms_to_json (&self->terms));

  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const CabEntry *entry = &g_array_index (self->entries, CabEntry, i);

      json_builder_begin_object (builder);
      cab_json_builder_add_date (builder, "date", &entry->date);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, cab_entry_kind_to_string (entry->kind));
      cab_json_builder_add_money (builder, "amount", entry->amount);
      /* Only when known, so that a ledger without volumes reads as it always did. */
      if (entry->has_volume)
        {
          g_autofree char *volume = cab_volume_to_wire (entry->volume);

          json_builder_set_member_name (builder, "volume_kwh");
          json_builder_add_string_value (builder, volume);
        }
      if (g_date_valid (&entry->period))
        {
          g_autofree char *period = cab_month_to_wire (&entry->period);

          json_builder_set_member_name (builder, "period");
          json_builder_add_string_value (builder, period);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
read_optional_string (JsonObject  *object,
                      const char  *field,
                      const char **out_text,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  *out_text = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  return cab_json_get_nullable_string (object, field, out_text, error);
}

static gboolean
read_entry (JsonNode   *node,
            guint       index,
            CabLedger  *ledger,
            GError    **error)
{
  JsonObject *object;
  const char *kind_text;
  const char *volume_text;
  const char *period_text;
  CabEntry entry = { 0, };

  g_date_clear (&entry.period, 1);

  if (!(object = cab_json_object (node, "entries", error)) ||
      !cab_json_get_date (object, "date", &entry.date, error) ||
      !(kind_text = cab_json_get_string (object, "kind", error)))
    goto failed;

  if (!cab_entry_kind_from_string (kind_text, &entry.kind, error))
    {
      g_prefix_error (error, "Field “kind”: ");
      goto failed;
    }

  if (!cab_json_get_money (object, "amount", &entry.amount, error))
    goto failed;

  /* Both optional: older servers and saved ledgers have neither. */
  if (!read_optional_string (object, "volume_kwh", &volume_text, error))
    goto failed;
  if (volume_text != NULL)
    {
      if (!cab_volume_parse (volume_text, &entry.volume, error))
        {
          g_prefix_error (error, "Field “volume_kwh”: ");
          goto failed;
        }
      entry.has_volume = TRUE;
    }

  if (!read_optional_string (object, "period", &period_text, error))
    goto failed;
  if (period_text != NULL && !cab_month_parse (period_text, &entry.period, error))
    {
      g_prefix_error (error, "Field “period”: ");
      goto failed;
    }

  cab_ledger_add_entry (ledger, &entry);
  return TRUE;

failed:
  g_prefix_error (error, "“entries” item %u: ", index);
  return FALSE;
}

CabLedger *
cab_ledger_from_json (JsonNode  *node,
                      char     **out_account,
                      GError   **error)
{
  g_autoptr(CabLedger) ledger = NULL;
  JsonObject *object;
  JsonObject *terms_object;
  JsonArray *entries;
  const char *account;
  GDate opening_date;
  CabMoney opening_balance;
  CabTerms terms;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(object = cab_json_object (node, "ledger", error)) ||
      !(account = cab_json_get_string (object, "account", error)) ||
      !cab_json_get_date (object, "opening_date", &opening_date, error) ||
      !cab_json_get_money (object, "opening_balance", &opening_balance, error) ||
      !(terms_object = cab_json_get_object (object, "terms", error)))
    return NULL;

  if (!cab_terms_from_json (json_object_get_member (object, "terms"), &terms, error))
    {
      g_prefix_error (error, "Field “terms”: ");
      return NULL;
    }

  if (!(entries = cab_json_get_array (object, "entries", error)))
    return NULL;

  ledger = cab_ledger_new (&opening_date, opening_balance, &terms);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      if (!read_entry (json_array_get_element (entries, i), i, ledger, error))
        return NULL;
    }

  if (out_account != NULL)
    *out_account = g_strdup (account);

  return g_steal_pointer (&ledger);
}
