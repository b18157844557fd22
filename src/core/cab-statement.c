/* cab-statement.c: the reconciliation act (manual 4.2, block 2).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-date.h"
#include "cab-error.h"
#include "cab-json.h"
#include "cab-statement.h"

struct _CabStatement
{
  GObject   parent_instance;

  char     *account;
  GDate     from;
  GDate     to;
  GDate     data_from;
  CabMoney  opening_balance;
  CabMoney  debit_total;
  CabMoney  credit_total;
  CabMoney  closing_balance;
  GArray   *rows;  /* of CabStatementRow */
};

G_DEFINE_FINAL_TYPE (CabStatement, cab_statement, G_TYPE_OBJECT)

static const char * const row_kind_names[] = {
  [CAB_STATEMENT_ROW_INVOICE] = "invoice",
  [CAB_STATEMENT_ROW_CORRECTION] = "correction",
  [CAB_STATEMENT_ROW_PAYMENT] = "payment",
};

const char *
cab_statement_row_kind_to_string (CabStatementRowKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (row_kind_names), NULL);

  return row_kind_names[kind];
}

gboolean
cab_statement_row_kind_from_string (const char           *text,
                                    CabStatementRowKind  *out_kind,
                                    GError              **error)
{
  g_autofree char *shown = NULL;

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (row_kind_names); i++)
    {
      if (g_str_equal (text, row_kind_names[i]))
        {
          if (out_kind != NULL)
            *out_kind = (CabStatementRowKind) i;
          return TRUE;
        }
    }

  shown = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_set_error (error, CAB_ERROR, CAB_ERROR_UNKNOWN_ENUM,
               "“%s” is not a kind of statement row", shown);
  return FALSE;
}

CabColumn
cab_balance_column (CabMoney balance)
{
  return balance >= 0 ? CAB_COLUMN_DEBIT : CAB_COLUMN_CREDIT;
}

static void
row_clear (gpointer data)
{
  CabStatementRow *row = data;

  g_clear_pointer (&row->number, g_free);
  g_clear_pointer (&row->title, g_free);
  g_clear_pointer (&row->documents, g_ptr_array_unref);
}

static void
cab_statement_finalize (GObject *object)
{
  CabStatement *self = (CabStatement *) object;

  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (cab_statement_parent_class)->finalize (object);
}

static void
cab_statement_class_init (CabStatementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cab_statement_finalize;
}

static void
cab_statement_init (CabStatement *self)
{
  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
  g_date_clear (&self->data_from, 1);
  self->rows = g_array_new (FALSE, TRUE, sizeof (CabStatementRow));
  g_array_set_clear_func (self->rows, row_clear);
}

static GPtrArray *
new_documents (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cab_document_ref_free);
}

static gboolean
check_period (const GDate  *from,
              const GDate  *to,
              GError      **error)
{
  if (g_date_compare (from, to) >= 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_PERIOD,
                           "The period must end after it starts (“from” before “to”)");
      return FALSE;
    }

  return TRUE;
}

CabStatement *
cab_statement_compute (CabLedger    *ledger,
                       const GDate  *from,
                       const GDate  *to,
                       GError      **error)
{
  g_autoptr(CabStatement) self = NULL;
  guint n_entries;

  g_return_val_if_fail (CAB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_period (from, to, error))
    return NULL;

  self = g_object_new (CAB_TYPE_STATEMENT, NULL);
  self->from = *from;
  self->to = *to;
  self->data_from = *cab_ledger_get_opening_date (ledger);
  self->opening_balance = cab_ledger_get_opening_balance (ledger);

  n_entries = cab_ledger_get_n_entries (ledger);
  for (guint i = 0; i < n_entries; i++)
    {
      const CabEntry *entry = cab_ledger_get_entry (ledger, i);
      CabStatementRow row = { 0, };

      switch (entry->kind)
        {
        case CAB_ENTRY_ADVANCE_BILL_1:
        case CAB_ENTRY_ADVANCE_BILL_2:
          /* Advance bills are not part of the act (block 3 lists them). */
          continue;

        case CAB_ENTRY_INVOICE:
          row.kind = CAB_STATEMENT_ROW_INVOICE;
          break;

        case CAB_ENTRY_CORRECTION:
          row.kind = CAB_STATEMENT_ROW_CORRECTION;
          break;

        case CAB_ENTRY_PAYMENT:
        default:
          row.kind = CAB_STATEMENT_ROW_PAYMENT;
          break;
        }

      if (g_date_compare (&entry->date, to) >= 0)
        continue;

      if (g_date_compare (&entry->date, from) < 0)
        {
          if (row.kind == CAB_STATEMENT_ROW_PAYMENT)
            self->opening_balance -= entry->amount;
          else
            self->opening_balance += entry->amount;
          continue;
        }

      row.date = entry->date;
      row.entry_id = entry->id;
      row.documents = new_documents ();

      if (row.kind == CAB_STATEMENT_ROW_PAYMENT)
        {
          row.has_credit = TRUE;
          row.credit = entry->amount;
          self->credit_total += entry->amount;
        }
      else
        {
          row.has_debit = TRUE;
          row.debit = entry->amount;
          self->debit_total += entry->amount;
        }

      g_array_append_val (self->rows, row);
    }

  /* The period ends before the data starts: there is no balance to tell, not the opening one. */
  if (cab_statement_get_coverage (self) == CAB_STATEMENT_COVERAGE_NONE)
    self->opening_balance = 0;

  self->closing_balance = self->opening_balance + self->debit_total - self->credit_total;

  return g_steal_pointer (&self);
}

const GDate *
cab_statement_get_data_from (CabStatement *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT (self), NULL);

  return &self->data_from;
}

CabStatementCoverage
cab_statement_get_coverage (CabStatement *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT (self), CAB_STATEMENT_COVERAGE_FULL);

  if (!g_date_valid (&self->data_from) || g_date_compare (&self->from, &self->data_from) >= 0)
    return CAB_STATEMENT_COVERAGE_FULL;
  if (g_date_compare (&self->to, &self->data_from) <= 0)
    return CAB_STATEMENT_COVERAGE_NONE;

  return CAB_STATEMENT_COVERAGE_STARTS_LATER;
}

const GDate *
cab_statement_get_opening_balance_date (CabStatement *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT (self), NULL);

  if (cab_statement_get_coverage (self) == CAB_STATEMENT_COVERAGE_STARTS_LATER)
    return &self->data_from;

  return &self->from;
}

const char *
cab_statement_get_account (CabStatement *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT (self), NULL);

  return self->account;
}

void
cab_statement_set_account (CabStatement *self,
                           const char   *account)
{
  g_return_if_fail (CAB_IS_STATEMENT (self));

  g_free (self->account);
  self->account = g_strdup (account);
}

const GDate *
cab_statement_get_from (CabStatement *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT (self), NULL);

  return &self->from;
}

const GDate *
cab_statement_get_to (CabStatement *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT (self), NULL);

  return &self->to;
}

CabMoney
cab_statement_get_opening_balance (CabStatement *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT (self), 0);

  return self->opening_balance;
}

CabMoney
cab_statement_get_debit_total (CabStatement *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT (self), 0);

  return self->debit_total;
}

CabMoney
cab_statement_get_credit_total (CabStatement *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT (self), 0);

  return self->credit_total;
}

CabMoney
cab_statement_get_closing_balance (CabStatement *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT (self), 0);

  return self->closing_balance;
}

guint
cab_statement_get_n_rows (CabStatement *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT (self), 0);

  return self->rows->len;
}

CabStatementRow *
cab_statement_get_row (CabStatement *self,
                       guint         position)
{
  g_return_val_if_fail (CAB_IS_STATEMENT (self), NULL);
  g_return_val_if_fail (position < self->rows->len, NULL);

  return &g_array_index (self->rows, CabStatementRow, position);
}

static void
add_nullable_money (JsonBuilder *builder,
                    const char  *field,
                    gboolean     has_value,
                    CabMoney     value)
{
  if (has_value)
    {
      cab_json_builder_add_money (builder, field, value);
    }
  else
    {
      json_builder_set_member_name (builder, field);
      json_builder_add_null_value (builder);
    }
}

JsonNode *
cab_statement_to_json (CabStatement *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (CAB_IS_STATEMENT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, self->account != NULL ? self->account : "");
  cab_json_builder_add_date (builder, "from", &self->from);
  cab_json_builder_add_date (builder, "to", &self->to);
  if (g_date_valid (&self->data_from))
    cab_json_builder_add_date (builder, "data_from", &self->data_from);
  cab_json_builder_add_money (builder, "opening_balance", self->opening_balance);

  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const CabStatementRow *row = &g_array_index (self->rows, CabStatementRow, i);

      json_builder_begin_object (builder);
      cab_json_builder_add_date (builder, "date", &row->date);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, cab_statement_row_kind_to_string (row->kind));
      cab_json_builder_add_nullable_string (builder, "number", row->number);
      cab_json_builder_add_nullable_string (builder, "title", row->title);
      add_nullable_money (builder, "debit", row->has_debit, row->debit);
      add_nullable_money (builder, "credit", row->has_credit, row->credit);
      json_builder_set_member_name (builder, "documents");
      json_builder_add_value (builder, cab_document_refs_to_json (row->documents));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  cab_json_builder_add_money (builder, "debit_total", self->debit_total);
  cab_json_builder_add_money (builder, "credit_total", self->credit_total);
  cab_json_builder_add_money (builder, "closing_balance", self->closing_balance);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ---- the same text without the tree (cab_statement_append_json()) ---- */

/* @field is one of the literals below: plain ASCII that needs no escaping. */
static void
append_member (GString    *out,
               const char *field)
{
  g_string_append_c (out, '"');
  g_string_append (out, field);
  g_string_append_len (out, "\":", 2);
}

static void
append_string_member (GString    *out,
                      const char *field,
                      const char *value)
{
  append_member (out, field);
  cab_json_append_string (out, value);
}

static void
append_date_member (GString     *out,
                    const char  *field,
                    const GDate *value)
{
  append_member (out, field);
  if (!g_date_valid (value))
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  cab_date_append_iso (out, value);
  g_string_append_c (out, '"');
}

static void
append_money_member (GString    *out,
                     const char *field,
                     gboolean    has_value,
                     CabMoney    value)
{
  append_member (out, field);
  if (!has_value)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  cab_money_append_wire (out, value);
  g_string_append_c (out, '"');
}

static void
append_int64 (GString *out,
              gint64   value)
{
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
  char digits[24];
  gsize start = sizeof digits;

  do
    {
      digits[--start] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    digits[--start] = '-';
  g_string_append_len (out, digits + start, sizeof digits - start);
}

/* As cab_document_ref_to_json() and cab_document_refs_to_json() write them. */
static void
append_documents (GString   *out,
                  GPtrArray *refs)
{
  g_string_append_c (out, '[');
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      const CabDocumentRef *ref = g_ptr_array_index (refs, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      append_string_member (out, "id", ref->id != NULL ? ref->id : "");
      g_string_append_c (out, ',');
      append_string_member (out, "kind", cab_document_kind_to_string (ref->kind));
      g_string_append_c (out, ',');
      append_string_member (out, "title", ref->title != NULL ? ref->title : "");
      g_string_append_c (out, ',');
      append_member (out, "size");
      append_int64 (out, ref->size);
      g_string_append_c (out, ',');
      append_string_member (out, "sha256", ref->sha256 != NULL ? ref->sha256 : "");
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

void
cab_statement_append_json (CabStatement *self,
                           GString      *out)
{
  g_return_if_fail (CAB_IS_STATEMENT (self));
  g_return_if_fail (out != NULL);

  /* Member for member in the order of cab_statement_to_json(). */
  g_string_append_c (out, '{');
  append_string_member (out, "account", self->account != NULL ? self->account : "");
  g_string_append_c (out, ',');
  append_date_member (out, "from", &self->from);
  g_string_append_c (out, ',');
  append_date_member (out, "to", &self->to);
  g_string_append_c (out, ',');
  if (g_date_valid (&self->data_from))
    {
      append_date_member (out, "data_from", &self->data_from);
      g_string_append_c (out, ',');
    }
  append_money_member (out, "opening_balance", TRUE, self->opening_balance);
  g_string_append_c (out, ',');

  append_member (out, "rows");
  g_string_append_c (out, '[');
  for (guint i = 0; i < self->rows->len; i++)
    {
      const CabStatementRow *row = &g_array_index (self->rows, CabStatementRow, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      append_date_member (out, "date", &row->date);
      g_string_append_c (out, ',');
      append_string_member (out, "kind", cab_statement_row_kind_to_string (row->kind));
      g_string_append_c (out, ',');
      append_string_member (out, "number", row->number);
      g_string_append_c (out, ',');
      append_string_member (out, "title", row->title);
      g_string_append_c (out, ',');
      append_money_member (out, "debit", row->has_debit, row->debit);
      g_string_append_c (out, ',');
      append_money_member (out, "credit", row->has_credit, row->credit);
      g_string_append_c (out, ',');
      append_member (out, "documents");
      append_documents (out, row->documents);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
  g_string_append_c (out, ',');

  append_money_member (out, "debit_total", TRUE, self->debit_total);
  g_string_append_c (out, ',');
  append_money_member (out, "credit_total", TRUE, self->credit_total);
  g_string_append_c (out, ',');
  append_money_member (out, "closing_balance", TRUE, self->closing_balance);
  g_string_append_c (out, '}');
}

static gboolean
read_row (JsonNode         *node,
          CabStatementRow  *row,
          GError          **error)
{
  JsonObject *object;
  JsonArray *documents;
  const char *kind_text;
  const char *number;
  const char *title;

  if (!(object = cab_json_object (node, "rows", error)) ||
      !cab_json_get_date (object, "date", &row->date, error) ||
      !(kind_text = cab_json_get_string (object, "kind", error)))
    return FALSE;

  if (!cab_statement_row_kind_from_string (kind_text, &row->kind, error))
    {
      g_prefix_error (error, "Field “kind”: ");
      return FALSE;
    }

  if (!cab_json_get_nullable_string (object, "number", &number, error) ||
      !cab_json_get_nullable_string (object, "title", &title, error) ||
      !cab_json_get_nullable_money (object, "debit", &row->debit, &row->has_debit, error) ||
      !cab_json_get_nullable_money (object, "credit", &row->credit, &row->has_credit, error) ||
      !(documents = cab_json_get_array (object, "documents", error)))
    return FALSE;

  /* The column follows from the kind; a row with the amount elsewhere is not one we wrote. */
  if (row->kind == CAB_STATEMENT_ROW_PAYMENT ? (!row->has_credit || row->has_debit)
                                             : (!row->has_debit || row->has_credit))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "Field “%s” must hold the amount of a “%s” row, and the other column null",
                   row->kind == CAB_STATEMENT_ROW_PAYMENT ? "credit" : "debit", kind_text);
      return FALSE;
    }

  if (!(row->documents = cab_document_refs_from_json (documents, error)))
    return FALSE;

  row->number = g_strdup (number);
  row->title = g_strdup (title);

  return TRUE;
}

CabStatement *
cab_statement_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(CabStatement) self = NULL;
  JsonObject *object;
  JsonArray *rows;
  const char *account;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CAB_TYPE_STATEMENT, NULL);

  if (!(object = cab_json_object (node, "statement", error)) ||
      !(account = cab_json_get_string (object, "account", error)) ||
      !cab_json_get_date (object, "from", &self->from, error) ||
      !cab_json_get_date (object, "to", &self->to, error) ||
      !cab_json_get_money (object, "opening_balance", &self->opening_balance, error) ||
      !(rows = cab_json_get_array (object, "rows", error)))
    return NULL;

  if (!check_period (&self->from, &self->to, error))
    {
      g_prefix_error (error, "Field “to”: ");
      return NULL;
    }

  /* Optional: statements saved before it was written have none (coverage then FULL). */
  if (json_object_has_member (object, "data_from") &&
      !cab_json_get_date (object, "data_from", &self->data_from, error))
    return NULL;

  self->account = g_strdup (account);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      CabStatementRow row = { 0, };

      if (!read_row (json_array_get_element (rows, i), &row, error))
        {
          row_clear (&row);
          g_prefix_error (error, "“rows” item %u: ", i);
          return NULL;
        }

      g_array_append_val (self->rows, row);
    }

  if (!cab_json_get_money (object, "debit_total", &self->debit_total, error) ||
      !cab_json_get_money (object, "credit_total", &self->credit_total, error) ||
      !cab_json_get_money (object, "closing_balance", &self->closing_balance, error))
    return NULL;

  return g_steal_pointer (&self);
}
