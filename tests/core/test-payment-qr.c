/* test-payment-qr.c: the GOST R 56042-2014 payload, the bank checks and the payment purpose.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"
#include "cab-bank-account.h"
#include "cab-payment-qr.h"

#define DEMO_NAME "ООО «ТЭК-Энерго», филиал «Брянскэнергосбыт»"

static CabSupplier *
demo_supplier (void)
{
  g_autoptr(CabSupplier) supplier = cab_supplier_new ();
  const char *pairs[] = {
    "name", DEMO_NAME,
    "inn", "3257000008",
    "kpp", "325701001",
    "bank_account", "40702810400000000001",
    "bank_name", "ПАО «Демо-Банк», г. Брянск",
    "bic", "041501601",
    "correspondent_account", "30101810400000000601",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i += 2)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (cab_supplier_set (supplier, pairs[i], pairs[i + 1], &error));
      g_assert_no_error (error);
    }
  return g_steal_pointer (&supplier);
}

static GHashTable *
parse_ok (const char *payload)
{
  g_autoptr(GError) error = NULL;
  GHashTable *fields = cab_payment_qr_parse (payload, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fields);
  return fields;
}

static void
test_payload_fields (void)
{
  g_autoptr(CabSupplier) supplier = demo_supplier ();
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autoptr(GHashTable) fields = NULL;
  const char *purpose = "Оплата по счету № 7 от 01.06.2016 за электроэнергию";

  payload = cab_payment_qr_payload (supplier, 24422301, purpose, "7700000009", "1234567890",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (payload, ==,
                   "ST00012|Name=" DEMO_NAME "|PersonalAcc=40702810400000000001"
                   "|BankName=ПАО «Демо-Банк», г. Брянск|BIC=041501601"
                   "|CorrespAcc=30101810400000000601|Sum=24422301"
                   "|Purpose=Оплата по счету № 7 от 01.06.2016 за электроэнергию"
                   "|PayeeINN=3257000008|KPP=325701001|PayerINN=7700000009|PersAcc=1234567890");

  fields = parse_ok (payload);
  g_assert_cmpuint (g_hash_table_size (fields), ==, 11);
  g_assert_cmpstr (g_hash_table_lookup (fields, "Name"), ==, DEMO_NAME);
  g_assert_cmpstr (g_hash_table_lookup (fields, "PersonalAcc"), ==, "40702810400000000001");
  g_assert_cmpstr (g_hash_table_lookup (fields, "BankName"), ==, "ПАО «Демо-Банк», г. Брянск");
  g_assert_cmpstr (g_hash_table_lookup (fields, "BIC"), ==, "041501601");
  g_assert_cmpstr (g_hash_table_lookup (fields, "CorrespAcc"), ==, "30101810400000000601");
  g_assert_cmpstr (g_hash_table_lookup (fields, "Sum"), ==, "24422301");
  g_assert_cmpstr (g_hash_table_lookup (fields, "Purpose"), ==, purpose);
  g_assert_cmpstr (g_hash_table_lookup (fields, "PayeeINN"), ==, "3257000008");
  g_assert_cmpstr (g_hash_table_lookup (fields, "KPP"), ==, "325701001");
  g_assert_cmpstr (g_hash_table_lookup (fields, "PayerINN"), ==, "7700000009");
  g_assert_cmpstr (g_hash_table_lookup (fields, "PersAcc"), ==, "1234567890");

  /* Optional keys are left out, not written empty. */
  g_clear_pointer (&payload, g_free);
  g_clear_pointer (&fields, g_hash_table_unref);
  g_clear_pointer (&supplier->kpp, g_free);
  payload = cab_payment_qr_payload (supplier, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fields = parse_ok (payload);
  g_assert_cmpuint (g_hash_table_size (fields), ==, 7);
  g_assert_cmpstr (g_hash_table_lookup (fields, "Sum"), ==, "1");
  g_assert_false (g_hash_table_contains (fields, "KPP"));
  g_assert_false (g_hash_table_contains (fields, "Purpose"));
}

static void
test_separator_in_values (void)
{
  g_autoptr(CabSupplier) supplier = demo_supplier ();
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autoptr(GHashTable) fields = NULL;

  g_free (supplier->name);
  supplier->name = g_strdup ("ООО «A|B»");
  payload = cab_payment_qr_payload (supplier, 100, "Счет|7\r\nза май", NULL, NULL, &error);
  g_assert_no_error (error);
  /* '|' never reaches a value; a line break becomes a space. */
  fields = parse_ok (payload);
  g_assert_cmpstr (g_hash_table_lookup (fields, "Name"), ==, "ООО «A/B»");
  g_assert_cmpstr (g_hash_table_lookup (fields, "Purpose"), ==, "Счет/7  за май");
  g_assert_cmpuint (g_hash_table_size (fields), ==, 9);
}

static void
test_lengths (void)
{
  g_autoptr(CabSupplier) supplier = demo_supplier ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GHashTable) fields = NULL;
  g_autofree char *payload = NULL;
  GError *error = NULL;

  /* Name: 160 characters (320 bytes of Cyrillic) pass, 161 do not. */
  for (guint i = 0; i < 160; i++)
    g_string_append (text, "Я");
  g_free (supplier->name);
  supplier->name = g_strdup (text->str);
  payload = cab_payment_qr_payload (supplier, 100, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&payload, g_free);
  g_string_append (text, "Я");
  g_free (supplier->name);
  supplier->name = g_strdup (text->str);
  g_assert_null (cab_payment_qr_payload (supplier, 100, NULL, NULL, NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_free (supplier->name);
  supplier->name = g_strdup (DEMO_NAME);

  /* Purpose: 210 pass, 211 do not. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 210; i++)
    g_string_append (text, "ж");
  payload = cab_payment_qr_payload (supplier, 100, text->str, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&payload, g_free);
  g_string_append (text, "ж");
  g_assert_null (cab_payment_qr_payload (supplier, 100, text->str, NULL, NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* BankName: cut to 45 characters (the BIC names the bank anyway). */
  g_free (supplier->bank_name);
  supplier->bank_name = g_strdup ("Публичное акционерное общество «Демонстрационный банк»");
  payload = cab_payment_qr_payload (supplier, 100, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fields = parse_ok (payload);
  g_assert_cmpint (g_utf8_strlen (g_hash_table_lookup (fields, "BankName"), -1), ==, 45);
  g_assert_true (g_str_has_prefix ("Публичное акционерное общество «Демонстрационный банк»",
                                   g_hash_table_lookup (fields, "BankName")));
  g_clear_pointer (&payload, g_free);

  /* Sum: at most 18 digits. */
  payload = cab_payment_qr_payload (supplier, G_GINT64_CONSTANT (999999999999999999), NULL,
                                    NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (cab_payment_qr_payload (supplier, G_GINT64_CONSTANT (1000000000000000000),
                                         NULL, NULL, NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY);
  g_clear_error (&error);
}

static void
test_refused (void)
{
  g_autoptr(CabSupplier) supplier = demo_supplier ();
  static const CabMoney nothing[] = { 0, -1, -7464426, G_MININT64 };
  GError *error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (nothing); i++)
    {
      g_assert_null (cab_payment_qr_payload (supplier, nothing[i], NULL, NULL, NULL, &error));
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY);
      g_clear_error (&error);
    }

  /* A typo in the account: the control key no longer matches the BIC. */
  g_free (supplier->bank_account);
  supplier->bank_account = g_strdup ("40702810400000000002");
  g_assert_null (cab_payment_qr_payload (supplier, 100, NULL, NULL, NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "PersonalAcc"));
  g_clear_error (&error);
  g_free (supplier->bank_account);
  supplier->bank_account = g_strdup ("40702810400000000001");

  /* Mandatory requisites unset. */
  g_clear_pointer (&supplier->correspondent_account, g_free);
  g_assert_null (cab_payment_qr_payload (supplier, 100, NULL, NULL, NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  supplier->correspondent_account = g_strdup ("30101810400000000601");
  g_clear_pointer (&supplier->name, g_free);
  g_assert_null (cab_payment_qr_payload (supplier, 100, NULL, NULL, NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  supplier->name = g_strdup (DEMO_NAME);

  /* Payer data must be what it says. */
  g_assert_null (cab_payment_qr_payload (supplier, 100, NULL, "7700000001", NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INN_CHECKSUM);
  g_clear_error (&error);
  g_assert_null (cab_payment_qr_payload (supplier, 100, NULL, NULL, "12345|6789", &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_ACCOUNT);
  g_clear_error (&error);
  g_assert_null (cab_payment_qr_payload (supplier, 100, "\xff", NULL, NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
}

static void
test_parse_malformed (void)
{
  static const char * const cases[] = {
    "",
    "ST00011|Name=a|PersonalAcc=1|BankName=b|BIC=1|CorrespAcc=0",
    "ST00012Name=a|PersonalAcc=1|BankName=b|BIC=1|CorrespAcc=0",
    "ST00012|Name=a|PersonalAcc=1|BankName=b|BIC=1",
    "ST00012|Name=a|Name=b|PersonalAcc=1|BankName=b|BIC=1|CorrespAcc=0",
    "ST00012|Name=a|PersonalAcc=1|BankName=b|BIC=1|CorrespAcc=0|=x",
    "ST00012|Name=a|PersonalAcc=1|BankName=b|BIC=1|CorrespAcc=0|Sum",
    "ST00012|Name=\xff|PersonalAcc=1|BankName=b|BIC=1|CorrespAcc=0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_null (cab_payment_qr_parse (cases[i], &error));
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
    }
}

static void
test_bank_account_key (void)
{
  GError *error = NULL;

  /* Real requisites of a large bank, published on every one of its invoices. */
  g_assert_true (cab_bank_check_account ("30101810400000000225", "044525225", TRUE, "x", &error));
  g_assert_no_error (error);
  g_assert_true (cab_bank_check_account ("30101810400000000601", "041501601", TRUE, "x", &error));
  g_assert_true (cab_bank_check_account ("40702810400000000001", "041501601", FALSE, "x", &error));
  g_assert_no_error (error);

  /* Every single-digit change is caught. */
  for (guint i = 0; i < 20; i++)
    {
      char account[] = "40702810400000000001";

      account[i] = (char) ('0' + (account[i] - '0' + 1) % 10);
      g_assert_false (cab_bank_check_account (account, "041501601", FALSE, "x", &error));
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
      g_clear_error (&error);
    }

  g_assert_false (cab_bank_check_account ("4070281040000000000", "041501601", FALSE, "x", &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (cab_bank_check_account ("40702810400000000001", "04150160", FALSE, "x", &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
}

static void
test_purpose (void)
{
  GDate contract_date, bill_date;
  CabPaymentPurpose purpose = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *recommended = NULL;
  GError *error = NULL;

  cab_date_set_ymd (&contract_date, 2015, 12, 1);
  cab_date_set_ymd (&bill_date, 2016, 6, 1);
  purpose.contract_number = "12-3456";
  purpose.contract_date = &contract_date;
  purpose.account = "1234567890";
  purpose.bill_number = "7";
  purpose.bill_date = &bill_date;
  purpose.amount = 24422301;
  purpose.vat_percent = cab_payment_vat_percent (&bill_date);

  /* 244 223,01 × 18 / 118 = 37 254,357… → 37 254,36 */
  text = cab_payment_purpose_build (&purpose, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Оплата по счету № 7 от 01.06.2016 за электроэнергию по договору "
                             "№ 12-3456 от 01.12.2015, л/с 1234567890. В т.ч. НДС (18%) 37254-36");

  purpose.bill_number = NULL;
  purpose.bill_date = NULL;
  purpose.amount = 3;   /* 3 × 20 / 120 = 0,5 kopeck: half up to 1 */
  purpose.vat_percent = 20;
  recommended = cab_payment_purpose_build (&purpose, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (recommended, ==, "Оплата за электроэнергию по договору № 12-3456 от 01.12.2015, "
                                    "л/с 1234567890. В т.ч. НДС (20%) 0-01");

  /* Too long for a payment order: refused, not cut. */
  purpose.contract_number = "1234567890123456789012345678901234567890123456789012345678901234567890"
                            "1234567890123456789012345678901234567890123456789012345678901234567890"
                            "1234567890123456789012345678901234567890";
  g_assert_null (cab_payment_purpose_build (&purpose, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  purpose.contract_number = NULL;
  g_assert_null (cab_payment_purpose_build (&purpose, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
}

static void
test_vat_and_sum_format (void)
{
  static const struct { guint y, m, d, percent; } rates[] = {
    { 2003, 12, 31, 20 }, { 2004, 1, 1, 18 }, { 2018, 12, 31, 18 }, { 2019, 1, 1, 20 },
    { 2025, 12, 31, 20 }, { 2026, 1, 1, 22 },
  };
  static const struct { CabMoney amount; const char *text; } sums[] = {
    { 0, "0-00" }, { 1, "0-01" }, { 100, "1-00" }, { 24422301, "244223-01" },
    { -7464426, "-74644-26" }, { G_MAXINT64, "92233720368547758-07" },
    { G_MININT64, "-92233720368547758-08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      GDate date;

      cab_date_set_ymd (&date, rates[i].y, rates[i].m, rates[i].d);
      g_assert_cmpuint (cab_payment_vat_percent (&date), ==, rates[i].percent);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sums); i++)
    {
      g_autofree char *text = cab_payment_format_sum (sums[i].amount);

      g_assert_cmpstr (text, ==, sums[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/payment-qr/payload-fields", test_payload_fields);
  g_test_add_func ("/payment-qr/separator-in-values", test_separator_in_values);
  g_test_add_func ("/payment-qr/lengths", test_lengths);
  g_test_add_func ("/payment-qr/refused", test_refused);
  g_test_add_func ("/payment-qr/parse-malformed", test_parse_malformed);
  g_test_add_func ("/payment-qr/bank-account-key", test_bank_account_key);
  g_test_add_func ("/payment-qr/purpose", test_purpose);
  g_test_add_func ("/payment-qr/vat-and-sum-format", test_vat_and_sum_format);

  return g_test_run ();
}
