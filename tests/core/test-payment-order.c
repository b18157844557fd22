/* test-payment-order.c: the 1CClientBankExchange file, parsed back field by field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"
#include "cab-payment-order.h"

#define PAYEE_NAME "ООО «ТЭК-Энерго», филиал «Брянскэнергосбыт»"
#define PURPOSE "Оплата по счету № 7 от 01.06.2016 за электроэнергию по договору № 12-3456 " \
                "от 01.12.2015, л/с 1234567890. В т.ч. НДС (18%) 37254-36"

typedef struct
{
  GDate            date;
  CabPaymentOrder  order;
  GDateTime       *created;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  cab_date_set_ymd (&f->date, 2016, 6, 28);
  f->created = g_date_time_new_local (2016, 6, 28, 9, 5, 7);
  f->order = (CabPaymentOrder) {
    .number = "152",
    .date = &f->date,
    .amount = 24422301,
    .payer = {
      .name = "ООО \"Ромашка\"",
      .inn = "7700000009",
      .kpp = "770001001",
      .account = "40702810400000000001",
      .bank_name = "ПАО «Демо-Банк», г. Брянск",
      .bic = "041501601",
      .correspondent_account = "30101810400000000601",
    },
    .payee = {
      .name = PAYEE_NAME,
      .inn = "3257000008",
      .kpp = "325701001",
      .account = "40702810400000000001",
      .bank_name = "ПАО Сбербанк",
      .bic = "041501601",
      .correspondent_account = NULL,
    },
    .purpose = PURPOSE,
  };
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_date_time_unref (f->created);
}

typedef struct
{
  GPtrArray  *lines;     /* of char *, UTF-8, without line ends */
  GHashTable *header;    /* key → value before СекцияДокумент */
  GHashTable *document;  /* key → value inside it */
} Parsed;

static void
parsed_clear (Parsed *p)
{
  g_clear_pointer (&p->lines, g_ptr_array_unref);
  g_clear_pointer (&p->header, g_hash_table_unref);
  g_clear_pointer (&p->document, g_hash_table_unref);
}

/* Reads the file as a bank client would: windows-1251, CRLF only, sections in order. */
static void
parse (GBytes *bytes,
       Parsed *p)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *section = NULL;
  guint n;

  /* Every line ends in CRLF: no bare LF, no bare CR. */
  g_assert_cmpuint (len, >, 2);
  g_assert_true (data[len - 2] == '\r' && data[len - 1] == '\n');
  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '\n')
        g_assert_true (i > 0 && data[i - 1] == '\r');
      if (data[i] == '\r')
        g_assert_true (i + 1 < len && data[i + 1] == '\n');
    }

  text = g_convert (data, (gssize) len, "UTF-8", "WINDOWS-1251", NULL, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\r\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpstr (lines[n - 1], ==, "");

  p->lines = g_ptr_array_new_with_free_func (g_free);
  p->header = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p->document = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  section = p->header;

  g_assert_cmpstr (lines[0], ==, "1CClientBankExchange");
  g_assert_cmpstr (lines[n - 2], ==, "КонецФайла");
  for (guint i = 0; i < n - 1; i++)
    {
      const char *eq = strchr (lines[i], '=');
      g_autofree char *key = NULL;

      g_ptr_array_add (p->lines, g_strdup (lines[i]));
      if (g_str_has_prefix (lines[i], "СекцияДокумент="))
        section = p->document;
      if (g_str_equal (lines[i], "КонецДокумента"))
        section = NULL;
      if (eq == NULL || section == NULL)
        continue;
      /* A key appears once in its section. */
      key = g_strndup (lines[i], (gsize) (eq - lines[i]));
      g_assert_false (g_hash_table_contains (section, key));
      g_hash_table_insert (section, g_steal_pointer (&key), g_strdup (eq + 1));
    }
}

static void
assert_field (GHashTable *section,
              const char *key,
              const char *value)
{
  g_test_message ("%s", key);
  g_assert_true (g_hash_table_contains (section, key));
  g_assert_cmpstr (g_hash_table_lookup (section, key), ==, value);
}

static void
test_every_field (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cab_payment_order_write (&f->order, f->created, &error);
  Parsed p = { 0 };
  static const char * const order_of_lines[] = {
    "1CClientBankExchange", "ВерсияФормата=", "Кодировка=", "СекцияДокумент=", "Номер=",
    "НазначениеПлатежа=", "КонецДокумента", "КонецФайла",
  };
  guint at = 0;

  g_assert_no_error (error);
  parse (bytes, &p);

  assert_field (p.header, "ВерсияФормата", "1.03");
  assert_field (p.header, "Кодировка", "Windows");
  assert_field (p.header, "Отправитель", "TEK Cabinet");
  assert_field (p.header, "ДатаСоздания", "28.06.2016");
  assert_field (p.header, "ВремяСоздания", "09:05:07");
  assert_field (p.header, "ДатаНачала", "28.06.2016");
  assert_field (p.header, "ДатаКонца", "28.06.2016");
  assert_field (p.header, "РасчСчет", "40702810400000000001");
  assert_field (p.header, "Документ", "Платежное поручение");

  assert_field (p.document, "СекцияДокумент", "Платежное поручение");
  assert_field (p.document, "Номер", "152");
  assert_field (p.document, "Дата", "28.06.2016");
  assert_field (p.document, "Сумма", "244223.01");
  assert_field (p.document, "ПлательщикСчет", "40702810400000000001");
  assert_field (p.document, "Плательщик", "ООО \"Ромашка\"");
  assert_field (p.document, "Плательщик1", "ООО \"Ромашка\"");
  assert_field (p.document, "ПлательщикИНН", "7700000009");
  assert_field (p.document, "ПлательщикКПП", "770001001");
  assert_field (p.document, "ПлательщикРасчСчет", "40702810400000000001");
  assert_field (p.document, "ПлательщикБанк1", "ПАО «Демо-Банк», г. Брянск");
  assert_field (p.document, "ПлательщикБИК", "041501601");
  assert_field (p.document, "ПлательщикКорсчет", "30101810400000000601");
  assert_field (p.document, "ПолучательСчет", "40702810400000000001");
  assert_field (p.document, "Получатель", PAYEE_NAME);
  assert_field (p.document, "Получатель1", PAYEE_NAME);
  assert_field (p.document, "ПолучательИНН", "3257000008");
  assert_field (p.document, "ПолучательКПП", "325701001");
  assert_field (p.document, "ПолучательРасчСчет", "40702810400000000001");
  assert_field (p.document, "ПолучательБанк1", "ПАО Сбербанк");
  assert_field (p.document, "ПолучательБИК", "041501601");
  assert_field (p.document, "ПолучательКорсчет", "");
  assert_field (p.document, "ВидПлатежа", "электронно");
  assert_field (p.document, "ВидОплаты", "01");
  assert_field (p.document, "Очередность", "5");
  assert_field (p.document, "НазначениеПлатежа", PURPOSE);
  g_assert_cmpuint (g_hash_table_size (p.document), ==, 26);

  /* The sections come in the format's order. */
  for (guint i = 0; i < p.lines->len && at < G_N_ELEMENTS (order_of_lines); i++)
    if (g_str_has_prefix (g_ptr_array_index (p.lines, i), order_of_lines[at]))
      at++;
  g_assert_cmpuint (at, ==, G_N_ELEMENTS (order_of_lines));

  parsed_clear (&p);
}

static void
test_encoding (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cab_payment_order_write (&f->order, f->created, &error);
  gsize len;
  const guint8 *raw = g_bytes_get_data (bytes, &len);
  /* "Очередность=5" in windows-1251: О=CE ч=F7 е=E5 р=F0 е=E5 д=E4 н=ED о=EE с=F1 т=F2 ь=FC */
  static const guint8 queue[] = { 0xCE, 0xF7, 0xE5, 0xF0, 0xE5, 0xE4, 0xED, 0xEE, 0xF1, 0xF2,
                                  0xFC, '=', '5', '\r', '\n' };
  /* "№" is 0xB9, "«" 0xAB, "»" 0xBB. */
  static const guint8 number_sign[] = { 0xB9, ' ', '7' };
  static const guint8 quote[] = { 0xAB };
  gboolean found_queue = FALSE, found_number = FALSE, found_quote = FALSE;

  g_assert_no_error (error);
  /* Cyrillic in windows-1251 is never valid UTF-8. */
  g_assert_false (g_utf8_validate ((const char *) raw, (gssize) len, NULL));
  for (gsize i = 0; i < len; i++)
    {
      found_queue |= i + sizeof queue <= len && memcmp (raw + i, queue, sizeof queue) == 0;
      found_number |= i + sizeof number_sign <= len &&
                      memcmp (raw + i, number_sign, sizeof number_sign) == 0;
      found_quote |= raw[i] == quote[0];
    }
  g_assert_true (found_queue);
  g_assert_true (found_number);
  g_assert_true (found_quote);
}

static void
test_text_cleaned (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  Parsed p = { 0 };

  /* A line break in text would start a forged "Key=Value" line. */
  f->order.purpose = "Оплата\r\nСумма=1.00\nконец";
  bytes = cab_payment_order_write (&f->order, f->created, &error);
  g_assert_no_error (error);
  parse (bytes, &p);
  assert_field (p.document, "НазначениеПлатежа", "Оплата  Сумма=1.00 конец");
  assert_field (p.document, "Сумма", "244223.01");
  parsed_clear (&p);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  CabPaymentOrder good = f->order;
  GError *error = NULL;
  static const char * const bad_numbers[] = { "", "1234567", "12a", "-1", NULL };

  f->order.amount = 0;
  g_assert_null (cab_payment_order_write (&f->order, f->created, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY);
  g_clear_error (&error);
  f->order.amount = -100;
  g_assert_null (cab_payment_order_write (&f->order, f->created, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY);
  g_clear_error (&error);
  f->order = good;

  for (guint i = 0; i < G_N_ELEMENTS (bad_numbers); i++)
    {
      f->order.number = bad_numbers[i];
      g_assert_null (cab_payment_order_write (&f->order, f->created, &error));
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
      g_clear_error (&error);
    }
  f->order = good;

  /* Not writable in windows-1251: refused, never replaced with '?'. */
  f->order.purpose = "Оплата 😀";
  g_assert_null (cab_payment_order_write (&f->order, f->created, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "НазначениеПлатежа"));
  g_clear_error (&error);
  f->order = good;

  f->order.payer.account = "40702810400000000002";
  g_assert_null (cab_payment_order_write (&f->order, f->created, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  f->order = good;

  f->order.payee.correspondent_account = "30101810400000000602";
  g_assert_null (cab_payment_order_write (&f->order, f->created, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  f->order = good;

  f->order.payer.inn = "7700000001";
  g_assert_null (cab_payment_order_write (&f->order, f->created, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INN_CHECKSUM);
  g_clear_error (&error);
  f->order = good;

  f->order.payee.name = NULL;
  g_assert_null (cab_payment_order_write (&f->order, f->created, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  f->order = good;

  f->order.purpose = NULL;
  g_assert_null (cab_payment_order_write (&f->order, f->created, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
}

static void
test_from_supplier (void)
{
  g_autoptr(CabSupplier) supplier = cab_supplier_new ();
  CabPaymentParty party = { 0 };

  g_assert_true (cab_supplier_set (supplier, "name", PAYEE_NAME, NULL));
  g_assert_true (cab_supplier_set (supplier, "bic", "041501601", NULL));
  g_assert_true (cab_supplier_set (supplier, "bank_account", "40702810400000000001", NULL));
  cab_payment_party_from_supplier (&party, supplier);
  g_assert_cmpstr (party.name, ==, PAYEE_NAME);
  g_assert_cmpstr (party.bic, ==, "041501601");
  g_assert_cmpstr (party.account, ==, "40702810400000000001");
  g_assert_null (party.inn);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/payment-order/every-field", Fixture, NULL, fixture_set_up, test_every_field,
              fixture_tear_down);
  g_test_add ("/payment-order/encoding", Fixture, NULL, fixture_set_up, test_encoding,
              fixture_tear_down);
  g_test_add ("/payment-order/text-cleaned", Fixture, NULL, fixture_set_up, test_text_cleaned,
              fixture_tear_down);
  g_test_add ("/payment-order/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);
  g_test_add_func ("/payment-order/from-supplier", test_from_supplier);

  return g_test_run ();
}
