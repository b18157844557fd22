/* test-json.c: strict decoding and encoding of the API resources (docs/api.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"

typedef gpointer (*Decoder) (JsonNode *node, GError **error);

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = cab_json_parse_object (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static char *
to_string (JsonNode *node)
{
  char *text = cab_json_to_string (node);

  json_node_unref (node);
  return text;
}

/* @text with its only occurrence of @from replaced by @to. */
static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *hit = strstr (text, from);

  g_assert_nonnull (hit);
  g_assert_null (strstr (hit + 1, from));

  return g_strdup_printf ("%.*s%s%s", (int) (hit - text), text, to, hit + strlen (from));
}

/* Decodes @text, which must fail with @code and a message holding each of @needles. */
static void
assert_decode_fails (Decoder         decode,
                     GDestroyNotify  free_func,
                     const char     *text,
                     CabError        code,
                     const char     *needle,
                     const char     *needle2)
{
  g_autoptr(JsonNode) node = parse (text);
  g_autoptr(GError) error = NULL;
  gpointer result;

  g_test_message ("decoding %s", text);
  result = decode (node, &error);
  if (result != NULL)
    free_func (result);
  g_assert_null (result);
  g_assert_error (error, CAB_ERROR, (gint) code);
  g_test_message ("-> %s", error->message);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
  if (needle2 != NULL)
    g_assert_nonnull (strstr (error->message, needle2));
}

static void
assert_parse_fails (const char *data,
                    gsize       length,
                    const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = cab_json_parse_object (data, length, &error);

  g_assert_null (node);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_MALFORMED_JSON);
  g_test_message ("-> %s", error->message);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
}

/* Parsing */

static void
test_parse_valid (void)
{
  g_autoptr(JsonNode) node = parse ("{\"a\": [1, {\"b\": \"[{\"}], \"c\": \"ё\"}");
  JsonObject *object = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (object, "c"), ==, "ё");
}

static void
test_parse_strict_valid (void)
{
  g_autoptr(JsonNode) node = parse (" {\"a\": \"\\ud83d\\ude00\\n\\u00e9\", \"b\": -0.5e+10, "
                                    "\"c\": [true, false, null, 0, -0, 1E3, {}, []]}\r\n");
  JsonObject *object = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (object, "a"), ==, "\xf0\x9f\x98\x80\n\xc3\xa9");
  g_assert_cmpfloat (json_object_get_double_member (object, "b"), ==, -0.5e10);
}

static void
test_parse_not_nul_terminated (void)
{
  const char data[] = "{\"a\": 1}GARBAGE";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = cab_json_parse_object (data, 8, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "a"), ==, 1);
}

static void
test_parse_invalid_utf8 (void)
{
  static const char bad[] = "{\"name\": \"\xff\xfe\"}";
  static const char overlong[] = "{\"name\": \"\xc0\xaf\"}";
  static const char nul[] = "{\"name\": \"a\0b\"}";

  assert_parse_fails (bad, strlen (bad), "UTF-8");
  assert_parse_fails (overlong, strlen (overlong), "UTF-8");
  assert_parse_fails (nul, sizeof nul - 1, "UTF-8");
}

static char *
nested (guint depth)
{
  g_autoptr(GString) text = g_string_new ("{\"a\": ");

  /* The object itself is level 1. */
  for (guint i = 1; i < depth; i++)
    g_string_append_c (text, '[');
  g_string_append (text, "0");
  for (guint i = 1; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_parse_depth (void)
{
  g_autofree char *ok = nested (CAB_JSON_MAX_DEPTH);
  g_autofree char *deep = nested (CAB_JSON_MAX_DEPTH + 1);
  g_autofree char *very_deep = nested (100000);
  g_autoptr(GString) objects = g_string_new (NULL);
  g_autofree char *brackets = g_strnfill (1000, '[');
  g_autofree char *in_string = g_strdup_printf ("{\"a\": \"%s\\\"%s\"}", brackets, brackets);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) string_node = NULL;

  node = parse (ok);
  g_assert_nonnull (node);
  assert_parse_fails (deep, strlen (deep), "deeper than 32");
  assert_parse_fails (very_deep, strlen (very_deep), "deeper than 32");

  /* Objects count as much as arrays: 33 nested objects are too deep. */
  for (guint i = 0; i < CAB_JSON_MAX_DEPTH + 1; i++)
    g_string_append (objects, "{\"a\":");
  g_string_append (objects, "1");
  for (guint i = 0; i < CAB_JSON_MAX_DEPTH + 1; i++)
    g_string_append_c (objects, '}');
  assert_parse_fails (objects->str, objects->len, "deeper than 32");

  /* Brackets inside strings (escaped quotes included) are not nesting. */
  string_node = parse (in_string);
  g_assert_nonnull (string_node);
}

static void
test_parse_not_object (void)
{
  static const char * const cases[] = { "[]", "[{}]", "42", "\"text\"", "null", "true" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_parse_fails (cases[i], strlen (cases[i]), "not an object");
}

static void
test_parse_truncated (void)
{
  static const char * const cases[] = {
    "", "{", "{\"account\": \"123", "{\"account\": ", "{\"a\": [1, 2", "{\"a\": 1,",
    "{\"a\" 1}", "{'a': 1}", "{\"a\": 1} {", "{\"a\": tru}", "   ", "{\"a\": 01}",
    "{\"a\": 1.}", "{\"a\": .5}", "{\"a\": +1}", "{\"a\": 1e}", "{\"a\": NaN}",
    "{\"a\": \"\\x\"}", "{\"a\": \"\\ud800\"}", "{\"a\": \"\\udc00\"}",
    "{\"a\": \"\\u12\"}", "{\"a\": [1,]}", "{\"a\": 1,}", "{\"a\": \"tab\there\"}",
    "{/* c */}", "{\"a\": 1} // c", "{a: 1}", "{\"a\": True}", "{\"a\": 1}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("parsing %s", cases[i]);
      assert_parse_fails (cases[i], strlen (cases[i]), NULL);
    }
}

/* Balance */

static const char balance_json[] =
  "{\"account\":\"1234567890\",\"on\":\"2016-06-28\",\"debt\":\"-74644.26\","
  "\"recommended_payment\":\"0.00\"}";

static void
test_balance_round_trip (void)
{
  g_autoptr(JsonNode) node = parse (balance_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabBalance) balance = cab_balance_from_json (node, &error);
  g_autoptr(CabBalance) copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copy_text = NULL;
  GDate on;

  g_assert_no_error (error);
  g_assert_cmpstr (balance->account, ==, "1234567890");
  cab_date_set_ymd (&on, 2016, 6, 28);
  g_assert_cmpint (g_date_compare (&balance->on, &on), ==, 0);
  g_assert_cmpint (balance->debt, ==, -7464426);
  g_assert_cmpint (balance->recommended_payment, ==, 0);

  text = to_string (cab_balance_to_json (balance));
  g_assert_cmpstr (text, ==, balance_json);

  copy = cab_balance_copy (balance);
  copy_text = to_string (cab_balance_to_json (copy));
  g_assert_cmpstr (copy_text, ==, balance_json);
}

static void
test_balance_broken (void)
{
  static const struct {
    const char *from;
    const char *to;
    CabError    code;
    const char *needle;
    const char *needle2;
  } cases[] = {
    { "\"debt\":\"-74644.26\",", "", CAB_ERROR_MISSING_FIELD, "Field “debt” is missing", NULL },
    { "\"account\":\"1234567890\",", "", CAB_ERROR_MISSING_FIELD, "“account”", NULL },
    { "\"-74644.26\"", "-74644.26", CAB_ERROR_WRONG_TYPE, "Field “debt”", NULL },
    { "\"-74644.26\"", "\"12.3\"", CAB_ERROR_INVALID_MONEY, "Field “debt”", "“12.3”" },
    { "\"-74644.26\"", "\"1e5\"", CAB_ERROR_INVALID_MONEY, "Field “debt”", "“1e5”" },
    { "\"-74644.26\"", "\"12.345\"", CAB_ERROR_INVALID_MONEY, "Field “debt”", "“12.345”" },
    { "\"-74644.26\"", "\"1,00\"", CAB_ERROR_INVALID_MONEY, "Field “debt”", NULL },
    { "\"-74644.26\"", "\"\"", CAB_ERROR_INVALID_MONEY, "Field “debt”", NULL },
    { "\"-74644.26\"", "\"92233720368547758.08\"", CAB_ERROR_MONEY_OVERFLOW, "Field “debt”",
      NULL },
    { "\"-74644.26\"", "null", CAB_ERROR_WRONG_TYPE, "Field “debt”", NULL },
    { "\"2016-06-28\"", "\"2016-02-30\"", CAB_ERROR_INVALID_DATE, "Field “on”",
      "“2016-02-30”" },
    { "\"2016-06-28\"", "\"28.06.2016\"", CAB_ERROR_INVALID_DATE, "Field “on”", NULL },
    { "\"2016-06-28\"", "20160628", CAB_ERROR_WRONG_TYPE, "Field “on”", NULL },
    { "\"1234567890\"", "null", CAB_ERROR_WRONG_TYPE, "Field “account”", NULL },
    { "\"1234567890\"", "1234567890", CAB_ERROR_WRONG_TYPE, "Field “account”", NULL },
    { "\"0.00\"", "\"-1.00\"", CAB_ERROR_INVALID_VALUE, "Field “recommended_payment”", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = replace_once (balance_json, cases[i].from, cases[i].to);

      assert_decode_fails ((Decoder) cab_balance_from_json, (GDestroyNotify) cab_balance_free,
                           text, cases[i].code, cases[i].needle, cases[i].needle2);
    }
}

static void
test_wrong_top_level_node (void)
{
  g_autoptr(JsonNode) array = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GError) error = NULL;

  json_node_take_array (array, json_array_new ());
  g_assert_null (cab_balance_from_json (array, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_WRONG_TYPE);
}

/* Statement */

static const char statement_json[] =
  "{\"account\":\"1234567890\",\"from\":\"2016-05-01\",\"to\":\"2016-08-01\","
  "\"opening_balance\":\"608822.79\",\"rows\":["
  "{\"date\":\"2016-05-24\",\"kind\":\"correction\",\"number\":\"К-0524/1\","
  "\"title\":\"Счет-фактура (корректировка) от 24.05.2016\",\"debit\":\"-198685.01\","
  "\"credit\":null,\"documents\":[{\"id\":\"17\",\"kind\":\"correction_invoice\","
  "\"title\":\"Счет-фактура (корректировка)\",\"size\":183422,\"sha256\":"
  "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"},"
  "{\"id\":\"18\",\"kind\":\"correction_volume_act\",\"title\":\"Акт объема\",\"size\":0,"
  "\"sha256\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}]},"
  "{\"date\":\"2016-05-25\",\"kind\":\"payment\",\"number\":\"П-118\","
  "\"title\":\"Поступление платежа от 25.05.2016\",\"debit\":null,\"credit\":\"979990.44\","
  "\"documents\":[]},"
  "{\"date\":\"2016-05-31\",\"kind\":\"invoice\",\"number\":null,\"title\":null,"
  "\"debit\":\"482844.86\",\"credit\":null,\"documents\":[]}],"
  "\"debit_total\":\"284159.85\",\"credit_total\":\"979990.44\","
  "\"closing_balance\":\"-87322.78\"}";

static void
test_statement_round_trip (void)
{
  g_autoptr(JsonNode) node = parse (statement_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabStatement) statement = cab_statement_from_json (node, &error);
  g_autofree char *text = NULL;
  const CabStatementRow *row;
  const CabDocumentRef *ref;

  g_assert_no_error (error);
  g_assert_cmpstr (cab_statement_get_account (statement), ==, "1234567890");
  g_assert_cmpint (cab_statement_get_opening_balance (statement), ==, 60882279);
  g_assert_cmpint (cab_statement_get_debit_total (statement), ==, 28415985);
  g_assert_cmpint (cab_statement_get_credit_total (statement), ==, 97999044);
  g_assert_cmpint (cab_statement_get_closing_balance (statement), ==, -8732278);
  g_assert_cmpuint (cab_statement_get_n_rows (statement), ==, 3);

  row = cab_statement_get_row (statement, 0);
  g_assert_cmpint (row->kind, ==, CAB_STATEMENT_ROW_CORRECTION);
  g_assert_cmpstr (row->number, ==, "К-0524/1");
  g_assert_true (row->has_debit);
  g_assert_cmpint (row->debit, ==, -19868501);
  g_assert_false (row->has_credit);
  g_assert_cmpuint (row->documents->len, ==, 2);
  ref = g_ptr_array_index (row->documents, 0);
  g_assert_cmpstr (ref->id, ==, "17");
  g_assert_cmpint (ref->kind, ==, CAB_DOCUMENT_CORRECTION_INVOICE);
  g_assert_cmpint (ref->size, ==, 183422);
  ref = g_ptr_array_index (row->documents, 1);
  g_assert_cmpint (ref->kind, ==, CAB_DOCUMENT_CORRECTION_VOLUME_ACT);

  row = cab_statement_get_row (statement, 1);
  g_assert_cmpint (row->kind, ==, CAB_STATEMENT_ROW_PAYMENT);
  g_assert_false (row->has_debit);
  g_assert_true (row->has_credit);
  g_assert_cmpint (row->credit, ==, 97999044);

  row = cab_statement_get_row (statement, 2);
  g_assert_cmpint (row->kind, ==, CAB_STATEMENT_ROW_INVOICE);
  g_assert_null (row->number);
  g_assert_null (row->title);

  text = to_string (cab_statement_to_json (statement));
  g_assert_cmpstr (text, ==, statement_json);
}

static void
test_statement_computed_json (void)
{
  GDate opening, day, from, to;
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(CabStatement) statement = NULL;
  g_autoptr(CabStatement) decoded = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;

  cab_date_set_ymd (&opening, 2016, 5, 1);
  ledger = cab_ledger_new (&opening, 60882279, NULL);
  cab_date_set_ymd (&day, 2016, 5, 25);
  cab_ledger_add (ledger, CAB_ENTRY_PAYMENT, &day, 97999044, 4);
  cab_date_set_ymd (&from, 2016, 5, 1);
  cab_date_set_ymd (&to, 2016, 8, 1);
  statement = cab_statement_compute (ledger, &from, &to, NULL);
  cab_statement_set_account (statement, "1234567890");

  text = to_string (cab_statement_to_json (statement));
  g_assert_cmpstr (text, ==,
                   "{\"account\":\"1234567890\",\"from\":\"2016-05-01\",\"to\":\"2016-08-01\","
                   "\"data_from\":\"2016-05-01\","
                   "\"opening_balance\":\"608822.79\",\"rows\":[{\"date\":\"2016-05-25\","
                   "\"kind\":\"payment\",\"number\":null,\"title\":null,\"debit\":null,"
                   "\"credit\":\"979990.44\",\"documents\":[]}],\"debit_total\":\"0.00\","
                   "\"credit_total\":\"979990.44\",\"closing_balance\":\"-371167.65\"}");

  node = parse (text);
  decoded = cab_statement_from_json (node, NULL);
  g_assert_nonnull (decoded);
  again = to_string (cab_statement_to_json (decoded));
  g_assert_cmpstr (again, ==, text);
}

static void
test_statement_broken (void)
{
  static const struct {
    const char *from;
    const char *to;
    CabError    code;
    const char *needle;
    const char *needle2;
  } cases[] = {
    { "\"kind\":\"payment\"", "\"kind\":\"refund\"", CAB_ERROR_UNKNOWN_ENUM, "Field “kind”",
      "“refund”" },
    { "\"kind\":\"payment\"", "\"kind\":\"Payment\"", CAB_ERROR_UNKNOWN_ENUM, "“kind”", NULL },
    { "\"kind\":\"payment\"", "\"kind\":7", CAB_ERROR_WRONG_TYPE, "“kind”", NULL },
    { "\"kind\":\"correction_invoice\"", "\"kind\":\"photo\"", CAB_ERROR_UNKNOWN_ENUM,
      "Field “kind”", "“photo”" },
    { "\"debit\":\"-198685.01\"", "\"debit\":\"-198685.1\"", CAB_ERROR_INVALID_MONEY,
      "Field “debit”", "“-198685.1”" },
    { "\"debit\":\"-198685.01\"", "\"debit\":-198685.01", CAB_ERROR_WRONG_TYPE,
      "Field “debit”", NULL },
    { "\"credit\":\"979990.44\"", "\"credit\":\"979 990.44\"", CAB_ERROR_INVALID_MONEY,
      "Field “credit”", NULL },
    { "\"debit_total\":\"284159.85\"", "\"debit_total\":\"+284159.85\"",
      CAB_ERROR_INVALID_MONEY, "Field “debit_total”", NULL },
    { "\"opening_balance\":\"608822.79\",", "", CAB_ERROR_MISSING_FIELD,
      "Field “opening_balance” is missing", NULL },
    { "\"closing_balance\":\"-87322.78\"", "\"closing\":\"-87322.78\"", CAB_ERROR_MISSING_FIELD,
      "Field “closing_balance” is missing", NULL },
    { "\"date\":\"2016-05-25\"", "\"date\":\"2016-05-32\"", CAB_ERROR_INVALID_DATE,
      "Field “date”", NULL },
    { "\"date\":\"2016-05-25\"", "\"day\":\"2016-05-25\"", CAB_ERROR_MISSING_FIELD,
      "Field “date” is missing", NULL },
    { "\"from\":\"2016-05-01\"", "\"from\":\"2016-5-1\"", CAB_ERROR_INVALID_DATE,
      "Field “from”", NULL },
    { "\"from\":\"2016-05-01\"", "\"from\":\"2016-08-01\"", CAB_ERROR_INVALID_PERIOD,
      "Field “to”", NULL },
    { "\"credit\":\"979990.44\",\"documents\":[]", "\"credit\":\"979990.44\"",
      CAB_ERROR_MISSING_FIELD, "Field “documents” is missing", NULL },
    { "\"credit\":\"979990.44\",\"documents\":[]", "\"credit\":\"979990.44\",\"documents\":{}",
      CAB_ERROR_WRONG_TYPE, "Field “documents”", NULL },
    { "\"number\":\"П-118\"", "\"number\":118", CAB_ERROR_WRONG_TYPE, "Field “number”", NULL },
    { "\"debit\":null,\"credit\":\"979990.44\"", "\"debit\":\"979990.44\",\"credit\":null",
      CAB_ERROR_INVALID_VALUE, "Field “credit”", NULL },
    { "\"number\":\"П-118\",", "", CAB_ERROR_MISSING_FIELD, "Field “number” is missing", NULL },
    { "\"size\":183422", "\"size\":\"183422\"", CAB_ERROR_WRONG_TYPE, "Field “size”", NULL },
    { "\"size\":183422", "\"size\":1.5", CAB_ERROR_WRONG_TYPE, "Field “size”", NULL },
    { "\"size\":183422", "\"size\":-1", CAB_ERROR_INVALID_VALUE, "Field “size”", NULL },
    { "\"id\":\"17\"", "\"id\":17", CAB_ERROR_WRONG_TYPE, "Field “id”", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = replace_once (statement_json, cases[i].from, cases[i].to);

      assert_decode_fails ((Decoder) cab_statement_from_json, g_object_unref,
                           text, cases[i].code, cases[i].needle, cases[i].needle2);
    }
}

static void
test_statement_rows_not_array (void)
{
  g_autofree char *text = g_strdup ("{\"account\":\"1\",\"from\":\"2016-05-01\","
                                    "\"to\":\"2016-08-01\",\"opening_balance\":\"0.00\","
                                    "\"rows\":{},\"debit_total\":\"0.00\","
                                    "\"credit_total\":\"0.00\",\"closing_balance\":\"0.00\"}");
  g_autofree char *row_not_object = replace_once (text, "\"rows\":{}", "\"rows\":[1]");

  assert_decode_fails ((Decoder) cab_statement_from_json, g_object_unref, text,
                       CAB_ERROR_WRONG_TYPE, "Field “rows”", NULL);
  assert_decode_fails ((Decoder) cab_statement_from_json, g_object_unref, row_not_object,
                       CAB_ERROR_WRONG_TYPE, "“rows”", NULL);
}

/* Bill list */

static const char bills_json[] =
  "{\"account\":\"1234567890\",\"from\":\"2016-05-01\",\"to\":\"2016-08-01\",\"bills\":["
  "{\"date\":\"2016-05-01\",\"kind\":\"advance_bill_1\",\"number\":\"А-0501\","
  "\"amount\":\"173118.79\",\"documents\":[{\"id\":\"12\",\"kind\":\"advance_bill\","
  "\"title\":\"Счет на оплату текущего потребления\",\"size\":150211,\"sha256\":\"ab\"}]},"
  "{\"date\":\"2016-05-16\",\"kind\":\"advance_bill_2\",\"number\":null,"
  "\"amount\":\"405103.24\",\"documents\":[]}]}";

static void
test_bill_list_round_trip (void)
{
  g_autoptr(JsonNode) node = parse (bills_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabBillList) list = cab_bill_list_from_json (node, &error);
  g_autoptr(CabBillList) copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copy_text = NULL;
  const CabBill *bill;

  g_assert_no_error (error);
  g_assert_cmpstr (list->account, ==, "1234567890");
  g_assert_cmpuint (list->bills->len, ==, 2);
  bill = g_ptr_array_index (list->bills, 0);
  g_assert_cmpint (bill->kind, ==, CAB_ENTRY_ADVANCE_BILL_1);
  g_assert_cmpstr (bill->number, ==, "А-0501");
  g_assert_cmpint (bill->amount, ==, 17311879);
  g_assert_cmpuint (bill->documents->len, ==, 1);
  bill = g_ptr_array_index (list->bills, 1);
  g_assert_cmpint (bill->kind, ==, CAB_ENTRY_ADVANCE_BILL_2);
  g_assert_null (bill->number);

  text = to_string (cab_bill_list_to_json (list));
  g_assert_cmpstr (text, ==, bills_json);

  copy = cab_bill_list_copy (list);
  copy_text = to_string (cab_bill_list_to_json (copy));
  g_assert_cmpstr (copy_text, ==, bills_json);
}

static void
test_bill_list_broken (void)
{
  static const struct {
    const char *from;
    const char *to;
    CabError    code;
    const char *needle;
    const char *needle2;
  } cases[] = {
    { "\"kind\":\"advance_bill_2\"", "\"kind\":\"invoice\"", CAB_ERROR_UNKNOWN_ENUM,
      "Field “kind”", "“invoice”" },
    { "\"kind\":\"advance_bill_2\"", "\"kind\":\"advance_bill_3\"", CAB_ERROR_UNKNOWN_ENUM,
      "Field “kind”", NULL },
    { "\"amount\":\"405103.24\"", "\"amount\":\"405103\"", CAB_ERROR_INVALID_MONEY,
      "Field “amount”", NULL },
    { "\"kind\":\"advance_bill\"", "\"kind\":\"bill\"", CAB_ERROR_UNKNOWN_ENUM, "Field “kind”",
      "“bill”" },
    { ",\"bills\":[", ",\"bill\":[", CAB_ERROR_MISSING_FIELD, "Field “bills” is missing", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = replace_once (bills_json, cases[i].from, cases[i].to);

      assert_decode_fails ((Decoder) cab_bill_list_from_json,
                           (GDestroyNotify) cab_bill_list_free,
                           text, cases[i].code, cases[i].needle, cases[i].needle2);
    }
}

/* Ledger */

static const char ledger_json[] =
  "{\"account\":\"1234567890\",\"opening_date\":\"2016-05-01\","
  "\"opening_balance\":\"608822.79\",\"terms\":{\"bill1_issue_day\":1,\"bill1_due_day\":10,"
  "\"bill2_issue_day\":16,\"bill2_due_day\":25,\"invoice_due_day\":18},\"entries\":["
  "{\"date\":\"2016-05-01\",\"kind\":\"advance_bill_1\",\"amount\":\"173118.79\"},"
  "{\"date\":\"2016-05-16\",\"kind\":\"advance_bill_2\",\"amount\":\"405103.24\"},"
  "{\"date\":\"2016-05-24\",\"kind\":\"correction\",\"amount\":\"-198685.01\"},"
  "{\"date\":\"2016-05-25\",\"kind\":\"payment\",\"amount\":\"979990.44\"},"
  "{\"date\":\"2016-05-31\",\"kind\":\"invoice\",\"amount\":\"482844.86\"},"
  "{\"date\":\"2016-06-01\",\"kind\":\"advance_bill_1\",\"amount\":\"244223.01\"},"
  "{\"date\":\"2016-06-16\",\"kind\":\"advance_bill_2\",\"amount\":\"193139.74\"},"
  "{\"date\":\"2016-06-20\",\"kind\":\"payment\",\"amount\":\"424999.21\"},"
  "{\"date\":\"2016-07-01\",\"kind\":\"advance_bill_1\",\"amount\":\"167345.26\"}]}";

static gpointer
decode_ledger (JsonNode  *node,
               GError   **error)
{
  return cab_ledger_from_json (node, NULL, error);
}

static void
test_ledger_round_trip (void)
{
  g_autoptr(JsonNode) node = parse (ledger_json);
  g_autoptr(GError) error = NULL;
  g_autofree char *account = NULL;
  g_autoptr(CabLedger) ledger = cab_ledger_from_json (node, &account, &error);
  g_autofree char *text = NULL;
  GDate on;

  g_assert_no_error (error);
  g_assert_cmpstr (account, ==, "1234567890");
  g_assert_cmpuint (cab_ledger_get_n_entries (ledger), ==, 9);
  g_assert_cmpint (cab_ledger_get_entry (ledger, 2)->kind, ==, CAB_ENTRY_CORRECTION);
  g_assert_cmpint (cab_ledger_get_entry (ledger, 2)->amount, ==, -19868501);

  /* A client recomputes the manual's figures offline from this resource. */
  cab_date_set_ymd (&on, 2016, 6, 28);
  g_assert_cmpint (cab_debt_on (ledger, &on), ==, -7464426);
  g_assert_cmpint (cab_debt_recommended_payment (ledger, &on), ==, 0);

  text = to_string (cab_ledger_to_json (ledger, account));
  g_assert_cmpstr (text, ==, ledger_json);
}

static void
test_ledger_custom_terms (void)
{
  g_autofree char *text = replace_once (ledger_json, "\"invoice_due_day\":18",
                                        "\"invoice_due_day\":20");
  g_autoptr(JsonNode) node = parse (text);
  g_autoptr(CabLedger) ledger = cab_ledger_from_json (node, NULL, NULL);
  g_autofree char *again = NULL;
  GDate on;

  g_assert_cmpuint (cab_ledger_get_terms (ledger)->invoice_due_day, ==, 20);
  /* Due on 20.06, the May invoice does not yet replace the May bills on 20.06. */
  cab_date_set_ymd (&on, 2016, 6, 20);
  g_assert_cmpint (cab_debt_on (ledger, &on), ==,
                   60882279 + 17311879 + 40510324 - 19868501 - 97999044 + 24422301 - 42499921);
  again = to_string (cab_ledger_to_json (ledger, "1234567890"));
  g_assert_cmpstr (again, ==, text);
}

static void
test_ledger_broken (void)
{
  static const struct {
    const char *from;
    const char *to;
    CabError    code;
    const char *needle;
    const char *needle2;
  } cases[] = {
    { "\"kind\":\"correction\"", "\"kind\":\"advance_bill_3\"", CAB_ERROR_UNKNOWN_ENUM,
      "Field “kind”", "“advance_bill_3”" },
    { "\"amount\":\"979990.44\"", "\"amount\":\"979990.440\"", CAB_ERROR_INVALID_MONEY,
      "Field “amount”", NULL },
    { "\"invoice_due_day\":18", "\"invoice_due_day\":0", CAB_ERROR_INVALID_VALUE,
      "Field “invoice_due_day”", NULL },
    { "\"invoice_due_day\":18", "\"invoice_due_day\":32", CAB_ERROR_INVALID_VALUE,
      "Field “invoice_due_day”", NULL },
    { "\"bill1_due_day\":10", "\"bill1_due_day\":1.5", CAB_ERROR_WRONG_TYPE,
      "Field “bill1_due_day”", NULL },
    { "\"bill1_due_day\":10", "\"bill1_due_day\":\"10\"", CAB_ERROR_WRONG_TYPE,
      "Field “bill1_due_day”", NULL },
    { "\"bill2_due_day\":25,", "", CAB_ERROR_MISSING_FIELD, "Field “bill2_due_day” is missing",
      NULL },
    { "\"bill2_issue_day\":16", "\"bill2_issue_day\":26", CAB_ERROR_INVALID_VALUE,
      "Field “bill2_due_day”", NULL },
    { "\"opening_date\":\"2016-05-01\"", "\"opening_date\":null", CAB_ERROR_WRONG_TYPE,
      "Field “opening_date”", NULL },
    { "\"date\":\"2016-06-20\"", "\"date\":\"2016-06-20x\"", CAB_ERROR_INVALID_DATE,
      "Field “date”", NULL },
  };
  g_autofree char *no_terms = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = replace_once (ledger_json, cases[i].from, cases[i].to);

      assert_decode_fails (decode_ledger, g_object_unref,
                           text, cases[i].code, cases[i].needle, cases[i].needle2);
    }

  no_terms = replace_once (ledger_json,
                           "\"terms\":{\"bill1_issue_day\":1,\"bill1_due_day\":10,"
                           "\"bill2_issue_day\":16,\"bill2_due_day\":25,\"invoice_due_day\":18},",
                           "");
  assert_decode_fails (decode_ledger, g_object_unref, no_terms, CAB_ERROR_MISSING_FIELD,
                       "Field “terms” is missing", NULL);
}

/* GET /me: contract and partner */

static const char me_json[] =
  "{\"login\":\"1234567890\",\"email\":\"demo@example.org\",\"phone\":\"+79991234567\","
  "\"subscribed\":false,\"must_change_password\":false,\"partner\":{\"dp_code\":\"7700001234\","
  "\"name\":\"ООО «Ромашка»\",\"address\":\"241050, г. Брянск, ул. Советская, д. 1\","
  "\"contacts\":\"+7 4832 00-00-00, info@romashka.example\"},\"contracts\":["
  "{\"account\":\"1234567890\",\"contract_number\":\"12-3456\",\"contract_date\":\"2015-12-01\","
  "\"branch_name\":null,\"branch_address\":null,\"inn\":\"7707083893\",\"kpp\":\"773601001\","
  "\"terms\":{\"bill1_issue_day\":1,\"bill1_due_day\":10,\"bill2_issue_day\":16,"
  "\"bill2_due_day\":25,\"invoice_due_day\":18}},"
  "{\"account\":\"1234567891\",\"contract_number\":\"12-3457\",\"contract_date\":\"2024-01-01\","
  "\"branch_name\":\"Филиал\",\"branch_address\":\"Брянск\",\"inn\":\"7707083893\","
  "\"kpp\":\"773601002\",\"terms\":{\"bill1_issue_day\":2,\"bill1_due_day\":12,"
  "\"bill2_issue_day\":17,\"bill2_due_day\":27,\"invoice_due_day\":20}}],"
  "\"visible_accounts\":[\"1234567890\",\"1234567891\"]}";

static void
test_me_round_trip (void)
{
  g_autoptr(JsonNode) node = parse (me_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabMe) me = cab_me_from_json (node, &error);
  g_autoptr(CabMe) copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copy_text = NULL;
  CabContract *contract;

  g_assert_no_error (error);
  g_assert_cmpstr (me->login, ==, "1234567890");
  g_assert_cmpstr (me->phone, ==, "+79991234567");
  g_assert_false (me->subscribed);
  g_assert_cmpstr (me->partner.dp_code, ==, "7700001234");
  g_assert_cmpstr (me->partner.name, ==, "ООО «Ромашка»");
  g_assert_cmpuint (me->contracts->len, ==, 2);
  g_assert_cmpuint (g_strv_length (me->visible_accounts), ==, 2);

  contract = cab_me_find_contract (me, "1234567890");
  g_assert_nonnull (contract);
  g_assert_null (contract->branch_name);
  g_assert_null (contract->branch_address);
  g_assert_cmpstr (contract->inn, ==, "7707083893");
  g_assert_cmpuint (contract->terms.invoice_due_day, ==, 18);
  contract = cab_me_find_contract (me, "1234567891");
  g_assert_cmpstr (contract->branch_name, ==, "Филиал");
  g_assert_cmpuint (contract->terms.bill1_issue_day, ==, 2);
  g_assert_cmpuint (contract->terms.invoice_due_day, ==, 20);
  g_assert_null (cab_me_find_contract (me, "3456789012"));
  g_assert_true (cab_me_is_visible (me, "1234567891"));
  g_assert_false (cab_me_is_visible (me, "3456789012"));

  text = to_string (cab_me_to_json (me));
  g_assert_cmpstr (text, ==, me_json);

  copy = cab_me_copy (me);
  copy_text = to_string (cab_me_to_json (copy));
  g_assert_cmpstr (copy_text, ==, me_json);
}

static void
test_me_null_phone (void)
{
  g_autofree char *text = replace_once (me_json, "\"+79991234567\"", "null");
  g_autoptr(JsonNode) node = parse (text);
  g_autoptr(CabMe) me = cab_me_from_json (node, NULL);
  g_autofree char *again = NULL;

  g_assert_nonnull (me);
  g_assert_null (me->phone);
  again = to_string (cab_me_to_json (me));
  g_assert_cmpstr (again, ==, text);
}

static void
test_me_empty (void)
{
  g_autoptr(CabMe) me = cab_me_new ();
  g_autofree char *text = to_string (cab_me_to_json (me));

  /* Nullable fields are present as null; lists are empty, never absent. */
  g_assert_nonnull (strstr (text, "\"phone\":null"));
  g_assert_nonnull (strstr (text, "\"contracts\":[]"));
  g_assert_nonnull (strstr (text, "\"visible_accounts\":[]"));
  g_assert_false (cab_me_is_visible (me, "1234567890"));
}

static void
test_me_broken (void)
{
  static const struct {
    const char *from;
    const char *to;
    CabError    code;
    const char *needle;
    const char *needle2;
  } cases[] = {
    { "\"subscribed\":false", "\"subscribed\":\"no\"", CAB_ERROR_WRONG_TYPE,
      "Field “subscribed”", NULL },
    { "\"subscribed\":false", "\"subscribed\":0", CAB_ERROR_WRONG_TYPE, "Field “subscribed”",
      NULL },
    { "\"phone\":\"+79991234567\",", "", CAB_ERROR_MISSING_FIELD, "Field “phone” is missing",
      NULL },
    { "\"dp_code\":\"7700001234\",", "", CAB_ERROR_MISSING_FIELD,
      "Field “dp_code” is missing", "“partner”" },
    { "\"visible_accounts\":[\"1234567890\",", "\"visible_accounts\":[1234567890,",
      CAB_ERROR_WRONG_TYPE, "Field “visible_accounts”", NULL },
    { "\"branch_name\":\"Филиал\"", "\"branch_name\":5", CAB_ERROR_WRONG_TYPE,
      "Field “branch_name”", NULL },
    { "\"branch_name\":null,", "", CAB_ERROR_MISSING_FIELD, "Field “branch_name” is missing",
      NULL },
    { "\"contract_date\":\"2015-12-01\"", "\"contract_date\":\"01.12.2015\"",
      CAB_ERROR_INVALID_DATE, "Field “contract_date”", NULL },
    { "\"invoice_due_day\":20", "\"invoice_due_day\":null", CAB_ERROR_WRONG_TYPE,
      "Field “invoice_due_day”", NULL },
    { "\"contracts\":[", "\"contracts\":5,\"x\":[", CAB_ERROR_WRONG_TYPE, "Field “contracts”",
      NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = replace_once (me_json, cases[i].from, cases[i].to);

      assert_decode_fails ((Decoder) cab_me_from_json, (GDestroyNotify) cab_me_free,
                           text, cases[i].code, cases[i].needle, cases[i].needle2);
    }
}

static void
test_contract_round_trip (void)
{
  g_autoptr(CabContract) contract = cab_contract_new ();
  g_autoptr(CabContract) decoded = NULL;
  g_autoptr(CabContract) copy = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *copy_text = NULL;

  contract->account = g_strdup ("1234567890");
  contract->contract_number = g_strdup ("12-3456");
  cab_date_set_ymd (&contract->contract_date, 2015, 12, 1);
  contract->branch_address = g_strdup ("Брянск");
  contract->inn = g_strdup ("7707083893");
  contract->kpp = g_strdup ("773601001");
  contract->terms.bill2_due_day = 28;

  text = to_string (cab_contract_to_json (contract));
  g_assert_cmpstr (text, ==,
                   "{\"account\":\"1234567890\",\"contract_number\":\"12-3456\","
                   "\"contract_date\":\"2015-12-01\",\"branch_name\":null,"
                   "\"branch_address\":\"Брянск\",\"inn\":\"7707083893\",\"kpp\":\"773601001\","
                   "\"terms\":{\"bill1_issue_day\":1,\"bill1_due_day\":10,\"bill2_issue_day\":16,"
                   "\"bill2_due_day\":28,\"invoice_due_day\":18}}");

  node = parse (text);
  decoded = cab_contract_from_json (node, NULL);
  g_assert_nonnull (decoded);
  g_assert_cmpuint (decoded->terms.bill2_due_day, ==, 28);
  again = to_string (cab_contract_to_json (decoded));
  g_assert_cmpstr (again, ==, text);

  copy = cab_contract_copy (decoded);
  copy_text = to_string (cab_contract_to_json (copy));
  g_assert_cmpstr (copy_text, ==, text);
}

/* Feedback */

static const char feedback_json[] =
  "{\"messages\":[{\"id\":7,\"created_at\":\"2026-11-26T10:15:00+03:00\",\"text\":\"Счёт\","
  "\"file_name\":\"scan.pdf\",\"file_size\":52133,\"status\":\"received\"},"
  "{\"id\":6,\"created_at\":\"2026-11-25T09:00:05+03:00\",\"text\":\"Hello\","
  "\"file_name\":null,\"file_size\":null,\"status\":\"answered\"}]}";

static void
test_feedback_round_trip (void)
{
  g_autoptr(JsonNode) node = parse (feedback_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = cab_feedback_messages_from_json (node, &error);
  g_autoptr(CabFeedbackMessage) copy = NULL;
  g_autoptr(JsonNode) copy_node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copy_text = NULL;
  const CabFeedbackMessage *message;

  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 2);
  message = g_ptr_array_index (messages, 0);
  g_assert_cmpint (message->id, ==, 7);
  g_assert_cmpint (g_date_time_get_hour (message->created_at), ==, 10);
  g_assert_cmpint (g_date_time_get_utc_offset (message->created_at), ==, G_TIME_SPAN_HOUR * 3);
  g_assert_cmpstr (message->text, ==, "Счёт");
  g_assert_cmpstr (message->file_name, ==, "scan.pdf");
  g_assert_cmpint (message->file_size, ==, 52133);
  g_assert_cmpint (message->status, ==, CAB_FEEDBACK_RECEIVED);
  message = g_ptr_array_index (messages, 1);
  g_assert_null (message->file_name);
  g_assert_cmpint (message->file_size, ==, -1);
  g_assert_cmpint (message->status, ==, CAB_FEEDBACK_ANSWERED);

  text = to_string (cab_feedback_messages_to_json (messages));
  g_assert_cmpstr (text, ==, feedback_json);

  copy = cab_feedback_message_copy (g_ptr_array_index (messages, 0));
  copy_node = cab_feedback_message_to_json (copy);
  copy_text = cab_json_to_string (copy_node);
  g_assert_cmpstr (copy_text, ==,
                   "{\"id\":7,\"created_at\":\"2026-11-26T10:15:00+03:00\",\"text\":\"Счёт\","
                   "\"file_name\":\"scan.pdf\",\"file_size\":52133,\"status\":\"received\"}");
}

static void
test_feedback_broken (void)
{
  static const struct {
    const char *from;
    const char *to;
    CabError    code;
    const char *needle;
    const char *needle2;
  } cases[] = {
    { "\"status\":\"answered\"", "\"status\":\"closed\"", CAB_ERROR_UNKNOWN_ENUM,
      "Field “status”", "“closed”" },
    { "\"2026-11-25T09:00:05+03:00\"", "\"2026-11-25T09:00:05\"", CAB_ERROR_INVALID_DATE,
      "Field “created_at”", NULL },
    { "\"2026-11-25T09:00:05+03:00\"", "\"yesterday\"", CAB_ERROR_INVALID_DATE,
      "Field “created_at”", NULL },
    { "\"file_name\":null,\"file_size\":null,", "\"file_name\":null,", CAB_ERROR_MISSING_FIELD,
      "Field “file_size” is missing", NULL },
    { "\"file_size\":52133", "\"file_size\":-1", CAB_ERROR_INVALID_VALUE, "Field “file_size”",
      NULL },
    { "\"file_size\":52133", "\"file_size\":\"52133\"", CAB_ERROR_WRONG_TYPE,
      "Field “file_size”", NULL },
    { "\"id\":7", "\"id\":\"7\"", CAB_ERROR_WRONG_TYPE, "Field “id”", NULL },
    { "\"text\":\"Hello\",", "", CAB_ERROR_MISSING_FIELD, "Field “text” is missing", NULL },
    { "{\"messages\":", "{\"message\":", CAB_ERROR_MISSING_FIELD,
      "Field “messages” is missing", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = replace_once (feedback_json, cases[i].from, cases[i].to);

      assert_decode_fails ((Decoder) cab_feedback_messages_from_json,
                           (GDestroyNotify) g_ptr_array_unref,
                           text, cases[i].code, cases[i].needle, cases[i].needle2);
    }
}

static void
test_enum_strings (void)
{
  static const char * const entry_kinds[] = {
    "advance_bill_1", "advance_bill_2", "invoice", "correction", "payment",
  };
  static const char * const document_kinds[] = {
    "invoice", "volume_act", "correction_invoice", "correction_volume_act", "advance_bill",
  };
  static const char * const statuses[] = { "received", "in_progress", "answered" };

  for (guint i = 0; i < G_N_ELEMENTS (entry_kinds); i++)
    {
      CabEntryKind kind;

      g_assert_cmpstr (cab_entry_kind_to_string ((CabEntryKind) i), ==, entry_kinds[i]);
      g_assert_true (cab_entry_kind_from_string (entry_kinds[i], &kind, NULL));
      g_assert_cmpint (kind, ==, i);
    }

  for (guint i = 0; i < G_N_ELEMENTS (document_kinds); i++)
    {
      CabDocumentKind kind;

      g_assert_cmpstr (cab_document_kind_to_string ((CabDocumentKind) i), ==, document_kinds[i]);
      g_assert_true (cab_document_kind_from_string (document_kinds[i], &kind, NULL));
      g_assert_cmpint (kind, ==, i);
    }

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      CabFeedbackStatus status;

      g_assert_cmpstr (cab_feedback_status_to_string ((CabFeedbackStatus) i), ==, statuses[i]);
      g_assert_true (cab_feedback_status_from_string (statuses[i], &status, NULL));
      g_assert_cmpint (status, ==, i);
    }

  g_assert_false (cab_entry_kind_from_string ("", NULL, NULL));
  g_assert_false (cab_entry_kind_from_string (NULL, NULL, NULL));
  g_assert_false (cab_document_kind_from_string ("INVOICE", NULL, NULL));
  g_assert_false (cab_feedback_status_from_string ("received ", NULL, NULL));
}

static void
test_terms_json (void)
{
  CabTerms terms = { 2, 11, 17, 26, 19 };
  CabTerms decoded = { 0, };
  g_autoptr(JsonNode) node = cab_terms_to_json (&terms);
  g_autofree char *text = cab_json_to_string (node);

  g_assert_cmpstr (text, ==,
                   "{\"bill1_issue_day\":2,\"bill1_due_day\":11,\"bill2_issue_day\":17,"
                   "\"bill2_due_day\":26,\"invoice_due_day\":19}");
  g_assert_true (cab_terms_from_json (node, &decoded, NULL));
  g_assert_cmpmem (&decoded, sizeof decoded, &terms, sizeof terms);
}

static void
test_builders (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  GDate date;
  const char *value = "x";
  CabMoney money = 1;
  gboolean has_value = TRUE;

  cab_date_set_ymd (&date, 2016, 2, 29);
  json_builder_begin_object (builder);
  cab_json_builder_add_money (builder, "m", G_MININT64);
  cab_json_builder_add_date (builder, "d", &date);
  cab_json_builder_add_nullable_string (builder, "s", NULL);
  cab_json_builder_add_nullable_string (builder, "t", "т");
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  text = cab_json_to_string (node);

  g_assert_cmpstr (text, ==, "{\"m\":\"-92233720368547758.08\",\"d\":\"2016-02-29\",\"s\":null,"
                             "\"t\":\"т\"}");

  g_assert_true (cab_json_get_nullable_string (json_node_get_object (node), "s", &value, NULL));
  g_assert_null (value);
  g_assert_true (cab_json_get_nullable_money (json_node_get_object (node), "s", &money,
                                              &has_value, NULL));
  g_assert_false (has_value);
  g_assert_cmpint (money, ==, 0);
  g_assert_true (cab_json_get_money (json_node_get_object (node), "m", &money, NULL));
  g_assert_cmpint (money, ==, G_MININT64);
}

static void
test_error_field (void)
{
  g_autofree char *text = replace_once (me_json, "\"invoice_due_day\":20",
                                        "\"invoice_due_day\":\"20\"");
  g_autoptr(JsonNode) node = parse (text);
  g_autoptr(GError) nested_error = NULL;
  g_autoptr(GError) money_error = NULL;
  g_autoptr(GError) other = NULL;
  g_autoptr(GError) foreign = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_NOENT, "Field “x” is missing");
  g_autoptr(CabMe) me = cab_me_from_json (node, &nested_error);
  g_autoptr(JsonNode) balance = NULL;
  g_autoptr(CabBalance) decoded = NULL;
  g_autofree char *field = NULL;
  g_autofree char *money_field = NULL;
  g_autofree char *balance_text = replace_once (balance_json, "\"0.00\"", "\"0.0\"");

  g_assert_null (me);
  field = cab_json_dup_error_field (nested_error);
  g_assert_cmpstr (field, ==, "invoice_due_day");

  balance = parse (balance_text);
  decoded = cab_balance_from_json (balance, &money_error);
  g_assert_null (decoded);
  money_field = cab_json_dup_error_field (money_error);
  g_assert_cmpstr (money_field, ==, "recommended_payment");

  g_assert_false (cab_money_parse ("1", NULL, &other));
  g_assert_null (cab_json_dup_error_field (other));
  g_assert_null (cab_json_dup_error_field (foreign));
  g_assert_null (cab_json_dup_error_field (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json/parse/valid", test_parse_valid);
  g_test_add_func ("/core/json/parse/strict-valid", test_parse_strict_valid);
  g_test_add_func ("/core/json/parse/not-nul-terminated", test_parse_not_nul_terminated);
  g_test_add_func ("/core/json/parse/invalid-utf8", test_parse_invalid_utf8);
  g_test_add_func ("/core/json/parse/depth", test_parse_depth);
  g_test_add_func ("/core/json/parse/not-object", test_parse_not_object);
  g_test_add_func ("/core/json/parse/truncated", test_parse_truncated);
  g_test_add_func ("/core/json/balance/round-trip", test_balance_round_trip);
  g_test_add_func ("/core/json/balance/broken", test_balance_broken);
  g_test_add_func ("/core/json/wrong-top-level-node", test_wrong_top_level_node);
  g_test_add_func ("/core/json/statement/round-trip", test_statement_round_trip);
  g_test_add_func ("/core/json/statement/computed", test_statement_computed_json);
  g_test_add_func ("/core/json/statement/broken", test_statement_broken);
  g_test_add_func ("/core/json/statement/rows-not-array", test_statement_rows_not_array);
  g_test_add_func ("/core/json/bill-list/round-trip", test_bill_list_round_trip);
  g_test_add_func ("/core/json/bill-list/broken", test_bill_list_broken);
  g_test_add_func ("/core/json/ledger/round-trip", test_ledger_round_trip);
  g_test_add_func ("/core/json/ledger/custom-terms", test_ledger_custom_terms);
  g_test_add_func ("/core/json/ledger/broken", test_ledger_broken);
  g_test_add_func ("/core/json/me/round-trip", test_me_round_trip);
  g_test_add_func ("/core/json/me/null-phone", test_me_null_phone);
  g_test_add_func ("/core/json/me/empty", test_me_empty);
  g_test_add_func ("/core/json/me/broken", test_me_broken);
  g_test_add_func ("/core/json/contract/round-trip", test_contract_round_trip);
  g_test_add_func ("/core/json/feedback/round-trip", test_feedback_round_trip);
  g_test_add_func ("/core/json/feedback/broken", test_feedback_broken);
  g_test_add_func ("/core/json/enum-strings", test_enum_strings);
  g_test_add_func ("/core/json/terms", test_terms_json);
  g_test_add_func ("/core/json/builders", test_builders);
  g_test_add_func ("/core/json/error-field", test_error_field);

  return g_test_run ();
}
