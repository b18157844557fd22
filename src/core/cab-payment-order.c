/* cab-payment-order.c: see cab-payment-order.h. The keys follow the public description of
 * the 1C:Enterprise ↔ bank client exchange format, version 1.03 (docs/payments.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-bank-account.h"
#include "cab-date.h"
#include "cab-error.h"
#include "cab-payment-order.h"
#include "cab-validate.h"

#define MAX_PURPOSE_CHARS 210
#define MAX_NAME_CHARS    160

/* The client programs name the program that wrote the file; the format leaves it free. */
#define SENDER "TEK Cabinet"

void
cab_payment_party_from_supplier (CabPaymentParty   *party,
                                 const CabSupplier *supplier)
{
  g_return_if_fail (party != NULL && supplier != NULL);

  party->name = supplier->name;
  party->inn = supplier->inn;
  party->kpp = supplier->kpp;
  party->account = supplier->bank_account;
  party->bank_name = supplier->bank_name;
  party->bic = supplier->bic;
  party->correspondent_account = supplier->correspondent_account;
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
check_text (const char  *text,
            const char  *key,
            glong        max_chars,
            GError     **error)
{
  if (!is_set (text))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "%s is not set", key);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > max_chars)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "%s is not valid UTF-8 of at most %ld characters", key, max_chars);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_party (const CabPaymentParty  *party,
             const char             *side,   /* "Плательщик" or "Получатель" */
             GError                **error)
{
  g_autofree char *name_key = g_strconcat (side, "1", NULL);
  g_autofree char *account_key = g_strconcat (side, "Счет", NULL);
  g_autofree char *corr_key = g_strconcat (side, "Корсчет", NULL);
  g_autofree char *bank_key = g_strconcat (side, "Банк1", NULL);

  if (!check_text (party->name, name_key, MAX_NAME_CHARS, error) ||
      !cab_bank_check_account (party->account, party->bic, FALSE, account_key, error))
    return FALSE;
  if (is_set (party->bank_name) && !check_text (party->bank_name, bank_key, MAX_NAME_CHARS, error))
    return FALSE;
  if (is_set (party->correspondent_account) &&
      !cab_bank_check_account (party->correspondent_account, party->bic, TRUE, corr_key, error))
    return FALSE;
  if (!cab_validate_inn (party->inn, error) ||
      (is_set (party->kpp) && !cab_validate_kpp (party->kpp, error)))
    {
      g_prefix_error (error, "%s: ", side);
      return FALSE;
    }
  return TRUE;
}

/* Appends "key=value\r\n" in windows-1251; a line break inside @value would end the line. */
static gboolean
add_line (GByteArray  *out,
          const char  *key,
          const char  *value,
          GError     **error)
{
  g_autoptr(GString) line = g_string_new (key);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *encoded = NULL;
  gsize encoded_len = 0;

  if (value != NULL)
    {
      g_string_append_c (line, '=');
      for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_type (c) == G_UNICODE_CONTROL)
            g_string_append_c (line, ' ');
          else
            g_string_append_unichar (line, c);
        }
    }

  encoded = g_convert (line->str, (gssize) line->len, "WINDOWS-1251", "UTF-8", NULL,
                       &encoded_len, &local_error);
  if (encoded == NULL)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "%s holds a character that windows-1251 cannot write", key);
      return FALSE;
    }
  g_byte_array_append (out, (const guint8 *) encoded, (guint) encoded_len);
  g_byte_array_append (out, (const guint8 *) "\r\n", 2);
  return TRUE;
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

typedef struct
{
  const char *key;
  const char *value;   /* NULL: the line is the key alone */
} Line;

GBytes *
cab_payment_order_write (const CabPaymentOrder  *order,
                         GDateTime              *created,
                         GError                **error)
{
  g_autoptr(GByteArray) out = NULL;
  g_autofree char *date = NULL;
  g_autofree char *created_date = NULL;
  g_autofree char *created_time = NULL;
  g_autofree char *sum = NULL;
  gsize number_len;

  g_return_val_if_fail (order != NULL && created != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (order->amount <= 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY,
                           "Nothing to pay: the sum is zero or negative");
      return NULL;
    }
  number_len = order->number != NULL ? strlen (order->number) : 0;
  if (number_len < 1 || number_len > 6 ||
      strspn (order->number, "0123456789") != number_len)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                           "Номер must be 1 to 6 digits");
      return NULL;
    }
  if (order->date == NULL || !g_date_valid (order->date))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "Дата is not a valid date");
      return NULL;
    }
  if (!check_party (&order->payer, "Плательщик", error) ||
      !check_party (&order->payee, "Получатель", error) ||
      !check_text (order->purpose, "НазначениеПлатежа", MAX_PURPOSE_CHARS, error))
    return NULL;

  date = cab_date_to_display (order->date);
  created_date = g_date_time_format (created, "%d.%m.%Y");
  created_time = g_date_time_format (created, "%H:%M:%S");
  sum = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", order->amount / 100,
                         (int) (order->amount % 100));

  {
    const CabPaymentParty *payer = &order->payer;
    const CabPaymentParty *payee = &order->payee;
    const Line lines[] = {
      { "1CClientBankExchange", NULL },
      /* The header section. */
      { "ВерсияФормата", "1.03" },
      { "Кодировка", "Windows" },
      { "Отправитель", SENDER },
      { "Получатель", "" },
      { "ДатаСоздания", created_date },
      { "ВремяСоздания", created_time },
      { "ДатаНачала", date },
      { "ДатаКонца", date },
      { "РасчСчет", payer->account },
      { "Документ", "Платежное поручение" },
      /* The document. */
      { "СекцияДокумент", "Платежное поручение" },
      { "Номер", order->number },
      { "Дата", date },
      { "Сумма", sum },
      { "ПлательщикСчет", payer->account },
      { "Плательщик", payer->name },
      { "ПлательщикИНН", payer->inn },
      { "ПлательщикКПП", or_empty (payer->kpp) },
      { "Плательщик1", payer->name },
      { "ПлательщикРасчСчет", payer->account },
      { "ПлательщикБанк1", or_empty (payer->bank_name) },
      { "ПлательщикБИК", payer->bic },
      { "ПлательщикКорсчет", or_empty (payer->correspondent_account) },
      { "ПолучательСчет", payee->account },
      { "Получатель", payee->name },
      { "ПолучательИНН", payee->inn },
      { "ПолучательКПП", or_empty (payee->kpp) },
      { "Получатель1", payee->name },
      { "ПолучательРасчСчет", payee->account },
      { "ПолучательБанк1", or_empty (payee->bank_name) },
      { "ПолучательБИК", payee->bic },
      { "ПолучательКорсчет", or_empty (payee->correspondent_account) },
      { "ВидПлатежа", "электронно" },
      { "ВидОплаты", "01" },
      { "Очередность", "5" },
      { "НазначениеПлатежа", order->purpose },
      { "КонецДокумента", NULL },
      { "КонецФайла", NULL },
    };

    out = g_byte_array_new ();
    for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
      if (!add_line (out, lines[i].key, lines[i].value, error))
        return NULL;
  }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
