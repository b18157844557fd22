/* test-roundtrip.c: every resource encoder's output is read back by its own decoder, through
 * the text on the wire, for dates from year 1 to 9999 and money at the ends of its range.
 * The decoded value encodes to the same text again, so nothing is lost on the way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"

static const guint years[] = { 1, 9, 10, 99, 100, 999, 1000, 2016, 9998, 9999 };
static const CabMoney amounts[] = { 0, 1, -1, 100, -74464426, G_MAXINT64, G_MININT64 };

/* The wire text of @node (consumed), parsed again as the server or client would. */
static JsonNode *
through_wire (JsonNode  *node,
              char     **out_text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *parsed;

  *out_text = cab_json_to_string (node);
  json_node_unref (node);
  parsed = cab_json_parse_object (*out_text, strlen (*out_text), &error);
  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  return parsed;
}

static char *
encode_to_string (JsonNode *node)
{
  char *text = cab_json_to_string (node);

  json_node_unref (node);
  return text;
}

/* Encodes, decodes, encodes again; asserts the two texts are equal. */
#define ROUND_TRIP(Type, value, to_json, from_json, free_func)                       \
  G_STMT_START {                                                                     \
    g_autofree char *first = NULL;                                                   \
    g_autofree char *second = NULL;                                                  \
    g_autoptr(JsonNode) node = through_wire (to_json (value), &first);              \
    g_autoptr(GError) error = NULL;                                                  \
    Type *decoded = from_json (node, &error);                                        \
    if (error != NULL)                                                               \
      g_test_message ("Refused: %s", first);                                         \
    g_assert_no_error (error);                                                       \
    g_assert_nonnull (decoded);                                                      \
    second = encode_to_string (to_json (decoded));                                   \
    g_assert_cmpstr (first, ==, second);                                             \
    free_func (decoded);                                                             \
  } G_STMT_END

static void
set_date (GDate *date,
          guint  year,
          guint  month,
          guint  day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
test_balance (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    for (guint j = 0; j < G_N_ELEMENTS (amounts); j++)
      {
        g_autoptr(CabBalance) balance = g_new0 (CabBalance, 1);
        g_autoptr(CabBalance) decoded = NULL;
        g_autoptr(JsonNode) node = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *first = NULL;
        g_autofree char *second = NULL;

        balance->account = g_strdup ("1234567890");
        set_date (&balance->on, years[i], 12, 31);
        balance->debt = amounts[j];
        balance->recommended_payment = amounts[j] > 0 ? amounts[j] : 0;

        node = through_wire (cab_balance_to_json (balance), &first);
        decoded = cab_balance_from_json (node, &error);
        g_assert_no_error (error);
        second = encode_to_string (cab_balance_to_json (decoded));
        g_assert_cmpstr (first, ==, second);
        g_assert_cmpint (decoded->debt, ==, amounts[j]);
        g_assert_cmpint (g_date_get_year (&decoded->on), ==, years[i]);
      }
}

static GPtrArray *
some_documents (void)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_document_ref_free);
  g_autofree char *sha = g_strnfill (64, 'a');

  g_ptr_array_add (documents, cab_document_ref_new ("doc-1", CAB_DOCUMENT_INVOICE,
                                                    "Счет-фактура №1\nот 31.05.2016", 1234, sha));
  g_ptr_array_add (documents, cab_document_ref_new ("doc-2", CAB_DOCUMENT_ADVANCE_BILL,
                                                    "Счет на аванс", 0, sha));
  return documents;
}

static void
test_bill_list (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autoptr(CabBillList) list = g_new0 (CabBillList, 1);
      g_autoptr(CabBillList) decoded = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      CabBill *bill = g_new0 (CabBill, 1);

      list->account = g_strdup ("1234567890");
      set_date (&list->from, years[i], 1, 1);
      set_date (&list->to, years[i], 12, 31);
      list->bills = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_bill_free);
      set_date (&bill->date, years[i], 6, 1);
      bill->kind = CAB_ENTRY_ADVANCE_BILL_1;
      bill->number = g_strdup ("А-1");
      bill->amount = amounts[i % G_N_ELEMENTS (amounts)];
      bill->documents = some_documents ();
      g_ptr_array_add (list->bills, bill);

      node = through_wire (cab_bill_list_to_json (list), &first);
      decoded = cab_bill_list_from_json (node, &error);
      if (error != NULL)
        g_test_message ("Refused: %s", first);
      g_assert_no_error (error);
      second = encode_to_string (cab_bill_list_to_json (decoded));
      g_assert_cmpstr (first, ==, second);
    }
}

static CabContract *
some_contract (guint year)
{
  CabContract *contract = cab_contract_new ();

  contract->account = g_strdup ("1234567890");
  contract->contract_number = g_strdup ("ТЭ-1/2016");
  set_date (&contract->contract_date, year, 2, 28);
  contract->branch_name = g_strdup ("Филиал «Центр»");
  contract->branch_address = NULL;
  contract->inn = g_strdup ("7707083893");
  contract->kpp = g_strdup ("773601001");
  cab_terms_init_default (&contract->terms);
  return contract;
}

static void
test_contract (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autoptr(CabContract) contract = some_contract (years[i]);

      ROUND_TRIP (CabContract, contract, cab_contract_to_json, cab_contract_from_json,
                  cab_contract_free);
    }
}

static void
test_document_ref (void)
{
  g_autoptr(GPtrArray) documents = some_documents ();

  for (guint i = 0; i < documents->len; i++)
    ROUND_TRIP (CabDocumentRef, (CabDocumentRef *) g_ptr_array_index (documents, i),
                cab_document_ref_to_json, cab_document_ref_from_json, cab_document_ref_free);
}

static void
test_feedback_message (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autoptr(GTimeZone) moscow = g_time_zone_new_offset (3 * 3600);
      g_autoptr(GTimeZone) west = g_time_zone_new_offset (-(5 * 3600 + 30 * 60));
      GTimeZone *zones[] = { NULL, moscow, west };

      for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
        {
          g_autoptr(CabFeedbackMessage) message = cab_feedback_message_new ();

          message->id = 42;
          /* The last second of the year: 9999-12-31 23:59:59 in the zone exists. */
          message->created_at = zones[z] != NULL
                                ? g_date_time_new (zones[z], (int) years[i], 12, 31, 23, 59, 59)
                                : g_date_time_new_utc ((int) years[i], 1, 1, 0, 0, 0);
          g_assert_nonnull (message->created_at);
          message->text = g_strdup ("Строка 1\r\n\tстрока 2");
          message->file_name = z == 1 ? g_strdup ("скан.pdf") : NULL;
          message->file_size = z == 1 ? 10 : -1;
          message->status = CAB_FEEDBACK_IN_PROGRESS;

          ROUND_TRIP (CabFeedbackMessage, message, cab_feedback_message_to_json,
                      cab_feedback_message_from_json, cab_feedback_message_free);
        }
    }
}

static void
test_feedback_messages (void)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (
                                    (GDestroyNotify) cab_feedback_message_free);
  g_autoptr(GPtrArray) decoded = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      CabFeedbackMessage *message = cab_feedback_message_new ();

      message->id = i + 1;
      message->created_at = g_date_time_new_utc ((int) years[i], 6, 15, 12, 0, 0);
      message->text = g_strdup ("x");
      message->file_size = -1;
      g_ptr_array_add (messages, message);
    }

  node = through_wire (cab_feedback_messages_to_json (messages), &first);
  decoded = cab_feedback_messages_from_json (node, &error);
  g_assert_no_error (error);
  second = encode_to_string (cab_feedback_messages_to_json (decoded));
  g_assert_cmpstr (first, ==, second);
}

static CabLedger *
some_ledger (guint year)
{
  CabTerms terms;
  GDate opening, date;
  CabLedger *ledger;

  cab_terms_init_default (&terms);
  set_date (&opening, year, 1, 1);
  ledger = cab_ledger_new (&opening, 60882279, &terms);
  set_date (&date, year, 1, 1);
  cab_ledger_add (ledger, CAB_ENTRY_ADVANCE_BILL_1, &date, 100000, 1);
  set_date (&date, year, 1, 31);
  cab_ledger_add (ledger, CAB_ENTRY_INVOICE, &date, 250000, 2);
  set_date (&date, year, 2, 5);
  cab_ledger_add (ledger, CAB_ENTRY_PAYMENT, &date, 300000, 3);
  set_date (&date, year, 2, 10);
  cab_ledger_add (ledger, CAB_ENTRY_CORRECTION, &date, -1234, 4);
  return ledger;
}

static void
test_ledger (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autoptr(CabLedger) ledger = some_ledger (years[i]);
      g_autoptr(CabLedger) decoded = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autofree char *account = NULL;

      node = through_wire (cab_ledger_to_json (ledger, "1234567890"), &first);
      decoded = cab_ledger_from_json (node, &account, &error);
      if (error != NULL)
        g_test_message ("Refused: %s", first);
      g_assert_no_error (error);
      g_assert_cmpstr (account, ==, "1234567890");
      second = encode_to_string (cab_ledger_to_json (decoded, account));
      g_assert_cmpstr (first, ==, second);
    }
}

static void
test_me (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autoptr(CabMe) me = cab_me_new ();
      g_autoptr(GStrvBuilder) visible = g_strv_builder_new ();

      me->login = g_strdup ("1234567890");
      me->email = g_strdup ("user@example.ru");
      me->phone = i % 2 ? g_strdup ("+79991234567") : NULL;
      me->subscribed = i % 2;
      me->must_change_password = !(i % 2);
      me->partner.dp_code = g_strdup ("1234567890");
      me->partner.name = g_strdup ("ООО «Ромашка»");
      me->partner.address = g_strdup ("г. Москва,\nул. Ленина, 1");
      me->partner.contacts = g_strdup ("Тел.\t+7 999 123-45-67");
      g_ptr_array_add (me->contracts, some_contract (years[i]));
      g_strv_builder_add (visible, "1234567890");
      g_strfreev (me->visible_accounts);
      me->visible_accounts = g_strv_builder_end (visible);

      ROUND_TRIP (CabMe, me, cab_me_to_json, cab_me_from_json, cab_me_free);
    }
}

static void
test_statement (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autoptr(CabLedger) ledger = some_ledger (years[i]);
      g_autoptr(CabStatement) statement = NULL;
      g_autoptr(CabStatement) decoded = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      GDate from, to;

      set_date (&from, years[i], 1, 1);
      set_date (&to, years[i], 12, 31);
      statement = cab_statement_compute (ledger, &from, &to, &error);
      g_assert_no_error (error);
      cab_statement_set_account (statement, "1234567890");

      node = through_wire (cab_statement_to_json (statement), &first);
      decoded = cab_statement_from_json (node, &error);
      if (error != NULL)
        g_test_message ("Refused: %s", first);
      g_assert_no_error (error);
      second = encode_to_string (cab_statement_to_json (decoded));
      g_assert_cmpstr (first, ==, second);
    }
}

static void
test_terms (void)
{
  CabTerms terms, decoded;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  cab_terms_init_default (&terms);
  terms.bill1_issue_day = 2;
  node = through_wire (cab_terms_to_json (&terms), &first);
  g_assert_true (cab_terms_from_json (node, &decoded, &error));
  g_assert_no_error (error);
  second = encode_to_string (cab_terms_to_json (&decoded));
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpmem (&terms, sizeof terms, &decoded, sizeof decoded);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/roundtrip/balance", test_balance);
  g_test_add_func ("/roundtrip/bill-list", test_bill_list);
  g_test_add_func ("/roundtrip/contract", test_contract);
  g_test_add_func ("/roundtrip/document-ref", test_document_ref);
  g_test_add_func ("/roundtrip/feedback-message", test_feedback_message);
  g_test_add_func ("/roundtrip/feedback-messages", test_feedback_messages);
  g_test_add_func ("/roundtrip/ledger", test_ledger);
  g_test_add_func ("/roundtrip/me", test_me);
  g_test_add_func ("/roundtrip/statement", test_statement);
  g_test_add_func ("/roundtrip/terms", test_terms);

  return g_test_run ();
}
