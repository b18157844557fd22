/* cab-terms.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-error.h"
#include "cab-json.h"
#include "cab-terms.h"

/* Russian Government Decree No. 442, item 82: the only place these days are written down. */
#define DECREE_BILL1_ISSUE_DAY  1
#define DECREE_BILL1_DUE_DAY    10
#define DECREE_BILL2_ISSUE_DAY  16
#define DECREE_BILL2_DUE_DAY    25
#define DECREE_INVOICE_DUE_DAY  18

void
cab_terms_init_default (CabTerms *terms)
{
  g_return_if_fail (terms != NULL);

  terms->bill1_issue_day = DECREE_BILL1_ISSUE_DAY;
  terms->bill1_due_day = DECREE_BILL1_DUE_DAY;
  terms->bill2_issue_day = DECREE_BILL2_ISSUE_DAY;
  terms->bill2_due_day = DECREE_BILL2_DUE_DAY;
  terms->invoice_due_day = DECREE_INVOICE_DUE_DAY;
}

static gboolean
check_day (guint        day,
           const char  *field,
           GError     **error)
{
  if (day < 1 || day > 31)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "Field “%s” is %u, not a day of a month (1 to 31)", field, day);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_before (guint        earlier,
              const char  *earlier_field,
              guint        later,
              const char  *later_field,
              GError     **error)
{
  if (earlier >= later)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "Field “%s” (%u) must be after “%s” (%u)",
                   later_field, later, earlier_field, earlier);
      return FALSE;
    }

  return TRUE;
}

gboolean
cab_terms_validate (const CabTerms  *terms,
                    GError         **error)
{
  g_return_val_if_fail (terms != NULL, FALSE);

  return check_day (terms->bill1_issue_day, "bill1_issue_day", error) &&
         check_day (terms->bill1_due_day, "bill1_due_day", error) &&
         check_day (terms->bill2_issue_day, "bill2_issue_day", error) &&
         check_day (terms->bill2_due_day, "bill2_due_day", error) &&
         check_day (terms->invoice_due_day, "invoice_due_day", error) &&
         check_before (terms->bill1_issue_day, "bill1_issue_day",
                       terms->bill1_due_day, "bill1_due_day", error) &&
         check_before (terms->bill2_issue_day, "bill2_issue_day",
                       terms->bill2_due_day, "bill2_due_day", error) &&
         check_before (terms->bill1_issue_day, "bill1_issue_day",
                       terms->bill2_issue_day, "bill2_issue_day", error) &&
         check_before (terms->bill1_due_day, "bill1_due_day",
                       terms->bill2_due_day, "bill2_due_day", error);
}

JsonNode *
cab_terms_to_json (const CabTerms *terms)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (terms != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "bill1_issue_day");
  json_builder_add_int_value (builder, terms->bill1_issue_day);
  json_builder_set_member_name (builder, "bill1_due_day");
  json_builder_add_int_value (builder, terms->bill1_due_day);
  json_builder_set_member_name (builder, "bill2_issue_day");
  json_builder_add_int_value (builder, terms->bill2_issue_day);
  json_builder_set_member_name (builder, "bill2_due_day");
  json_builder_add_int_value (builder, terms->bill2_due_day);
  json_builder_set_member_name (builder, "invoice_due_day");
  json_builder_add_int_value (builder, terms->invoice_due_day);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
read_day (JsonObject  *object,
          const char  *field,
          guint8      *out_day,
          GError     **error)
{
  gint64 value;

  if (!cab_json_get_int (object, field, &value, error))
    return FALSE;

  if (value < 1 || value > 31)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "Field “%s” is %" G_GINT64_FORMAT ", not a day of a month (1 to 31)",
                   field, value);
      return FALSE;
    }

  *out_day = (guint8) value;
  return TRUE;
}

gboolean
cab_terms_from_json (JsonNode  *node,
                     CabTerms  *out_terms,
                     GError   **error)
{
  JsonObject *object;
  CabTerms terms;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(object = cab_json_object (node, "terms", error)) ||
      !read_day (object, "bill1_issue_day", &terms.bill1_issue_day, error) ||
      !read_day (object, "bill1_due_day", &terms.bill1_due_day, error) ||
      !read_day (object, "bill2_issue_day", &terms.bill2_issue_day, error) ||
      !read_day (object, "bill2_due_day", &terms.bill2_due_day, error) ||
      !read_day (object, "invoice_due_day", &terms.invoice_due_day, error) ||
      !cab_terms_validate (&terms, error))
    return FALSE;

  if (out_terms != NULL)
    *out_terms = terms;

  return TRUE;
}
