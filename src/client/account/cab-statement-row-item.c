/* cab-statement-row-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-statement-row-item.h"

struct _CabStatementRowItem
{
  GObject              parent_instance;

  CabStatementRowType  row_type;
  char                *operation;
  gboolean             has_date;
  GDate                date;
  char                *number;
  gboolean             has_debit;
  CabMoney             debit;
  gboolean             has_credit;
  CabMoney             credit;
  char                *debit_text;
  char                *credit_text;
  GPtrArray           *documents;
};

G_DEFINE_FINAL_TYPE (CabStatementRowItem, cab_statement_row_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OPERATION,
  PROP_DEBIT_TEXT,
  PROP_CREDIT_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cab_statement_row_item_finalize (GObject *object)
{
  CabStatementRowItem *self = (CabStatementRowItem *)object;

  g_free (self->operation);
  g_free (self->number);
  g_free (self->debit_text);
  g_free (self->credit_text);
  g_clear_pointer (&self->documents, g_ptr_array_unref);

  G_OBJECT_CLASS (cab_statement_row_item_parent_class)->finalize (object);
}

static void
cab_statement_row_item_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CabStatementRowItem *self = CAB_STATEMENT_ROW_ITEM (object);

  switch (prop_id)
    {
    case PROP_OPERATION:
      g_value_set_string (value, self->operation);
      break;
    case PROP_DEBIT_TEXT:
      g_value_set_string (value, self->debit_text);
      break;
    case PROP_CREDIT_TEXT:
      g_value_set_string (value, self->credit_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_statement_row_item_class_init (CabStatementRowItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cab_statement_row_item_finalize;
  object_class->get_property = cab_statement_row_item_get_property;

  properties[PROP_OPERATION] =
    g_param_spec_string ("operation", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEBIT_TEXT] =
    g_param_spec_string ("debit-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREDIT_TEXT] =
    g_param_spec_string ("credit-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cab_statement_row_item_init (CabStatementRowItem *self)
{
  g_date_clear (&self->date, 1);
}

CabStatementRowItem *
cab_statement_row_item_new (CabStatementRowType  row_type,
                            const char          *operation,
                            const GDate         *date,
                            const char          *number,
                            gboolean             has_debit,
                            CabMoney             debit,
                            gboolean             has_credit,
                            CabMoney             credit,
                            GPtrArray           *documents,
                            CabMoneyStyle        style)
{
  CabStatementRowItem *self;

  g_return_val_if_fail (operation != NULL, NULL);

  self = g_object_new (CAB_TYPE_STATEMENT_ROW_ITEM, NULL);
  self->row_type = row_type;
  self->operation = g_strdup (operation);
  if (date != NULL && g_date_valid (date))
    {
      self->has_date = TRUE;
      self->date = *date;
    }
  self->number = g_strdup (number);
  self->has_debit = has_debit;
  self->debit = has_debit ? debit : 0;
  self->has_credit = has_credit;
  self->credit = has_credit ? credit : 0;
  self->debit_text = has_debit ? cab_money_format (debit, style) : g_strdup ("");
  self->credit_text = has_credit ? cab_money_format (credit, style) : g_strdup ("");
  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify)cab_document_ref_free);
  for (guint i = 0; documents != NULL && i < documents->len; i++)
    g_ptr_array_add (self->documents, cab_document_ref_copy (g_ptr_array_index (documents, i)));

  return self;
}

CabStatementRowType
cab_statement_row_item_get_row_type (CabStatementRowItem *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT_ROW_ITEM (self), 0);
  return self->row_type;
}

const char *
cab_statement_row_item_get_operation (CabStatementRowItem *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT_ROW_ITEM (self), NULL);
  return self->operation;
}

const char *
cab_statement_row_item_get_debit_text (CabStatementRowItem *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT_ROW_ITEM (self), NULL);
  return self->debit_text;
}

const char *
cab_statement_row_item_get_credit_text (CabStatementRowItem *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT_ROW_ITEM (self), NULL);
  return self->credit_text;
}

gboolean
cab_statement_row_item_get_debit (CabStatementRowItem *self,
                                  CabMoney            *out_debit)
{
  g_return_val_if_fail (CAB_IS_STATEMENT_ROW_ITEM (self), FALSE);
  if (out_debit != NULL)
    *out_debit = self->debit;
  return self->has_debit;
}

gboolean
cab_statement_row_item_get_credit (CabStatementRowItem *self,
                                   CabMoney            *out_credit)
{
  g_return_val_if_fail (CAB_IS_STATEMENT_ROW_ITEM (self), FALSE);
  if (out_credit != NULL)
    *out_credit = self->credit;
  return self->has_credit;
}

const GDate *
cab_statement_row_item_get_date (CabStatementRowItem *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT_ROW_ITEM (self), NULL);
  return self->has_date ? &self->date : NULL;
}

const char *
cab_statement_row_item_get_number (CabStatementRowItem *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT_ROW_ITEM (self), NULL);
  return self->number;
}

GPtrArray *
cab_statement_row_item_get_documents (CabStatementRowItem *self)
{
  g_return_val_if_fail (CAB_IS_STATEMENT_ROW_ITEM (self), NULL);
  return self->documents;
}
