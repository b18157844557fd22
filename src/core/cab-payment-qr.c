/* cab-payment-qr.c: see cab-payment-qr.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-bank-account.h"
#include "cab-date.h"
#include "cab-error.h"
#include "cab-payment-qr.h"
#include "cab-validate.h"

#define SEPARATOR '|'

static const char * const mandatory_keys[] = {
  "Name", "PersonalAcc", "BankName", "BIC", "CorrespAcc",
};

/* GOST R 56042-2014 takes the separator to be a character that never occurs in a value; a
 * value holding '|' would split into a bogus pair. Every banking app expects '|' itself, so
 * rather than pick another separator or refuse the payment, free text (Name, BankName,
 * Purpose) has each '|' REPLACED by '/'. Control characters (line breaks included) become
 * spaces: a scanner shows the purpose on one line. Identifiers are digits, checked apart. */
static char *
clean_text (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == SEPARATOR)
        g_string_append_c (out, '/');
      else if (g_unichar_type (c) == G_UNICODE_CONTROL)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
clean_field (const char  *key,
             const char  *value,
             glong        max_chars,
             gboolean     cut,
             GError     **error)
{
  g_autofree char *clean = NULL;

  if (value == NULL || *value == '\0')
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "%s is not set", key);
      return NULL;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "%s is not valid UTF-8", key);
      return NULL;
    }
  clean = clean_text (value);
  if (g_utf8_strlen (clean, -1) > max_chars)
    {
      if (cut)
        {
          char *end = g_utf8_offset_to_pointer (clean, max_chars);

          *end = '\0';
          return g_strchomp (g_steal_pointer (&clean));
        }
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "%s is longer than the %ld characters GOST R 56042-2014 allows", key, max_chars);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

static void
add_pair (GString    *out,
          const char *key,
          const char *value)
{
  g_string_append_c (out, SEPARATOR);
  g_string_append (out, key);
  g_string_append_c (out, '=');
  g_string_append (out, value);
}

static gboolean
prefix_error (gboolean     ok,
              GError     **error,
              const char  *key)
{
  if (!ok)
    g_prefix_error (error, "%s: ", key);
  return ok;
}

char *
cab_payment_qr_payload (const CabSupplier  *payee,
                        CabMoney            sum,
                        const char         *purpose,
                        const char         *payer_inn,
                        const char         *account,
                        GError            **error)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *name = NULL;
  g_autofree char *bank_name = NULL;
  g_autofree char *clean_purpose = NULL;
  g_autofree char *sum_text = NULL;

  g_return_val_if_fail (payee != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sum <= 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY,
                           "Nothing to pay: the sum is zero or negative");
      return NULL;
    }
  sum_text = g_strdup_printf ("%" G_GINT64_FORMAT, sum);
  if (strlen (sum_text) > CAB_PAYMENT_QR_MAX_SUM_DIGITS)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY,
                           "The sum has more than 18 digits in kopecks");
      return NULL;
    }

  if (!(name = clean_field ("Name", payee->name, CAB_PAYMENT_QR_MAX_NAME, FALSE, error)) ||
      !(bank_name = clean_field ("BankName", payee->bank_name, CAB_PAYMENT_QR_MAX_BANK_NAME,
                                 TRUE, error)) ||
      !prefix_error (cab_bank_check_bic (payee->bic, error), error, "BIC") ||
      !cab_bank_check_account (payee->bank_account, payee->bic, FALSE, "PersonalAcc", error) ||
      !cab_bank_check_account (payee->correspondent_account, payee->bic, TRUE, "CorrespAcc",
                               error))
    return NULL;
  if (payee->inn != NULL && !prefix_error (cab_validate_inn (payee->inn, error), error, "PayeeINN"))
    return NULL;
  if (payee->kpp != NULL && !prefix_error (cab_validate_kpp (payee->kpp, error), error, "KPP"))
    return NULL;
  if (payer_inn != NULL && !prefix_error (cab_validate_inn (payer_inn, error), error, "PayerINN"))
    return NULL;
  if (account != NULL && !prefix_error (cab_validate_account (account, error), error, "PersAcc"))
    return NULL;
  if (purpose != NULL &&
      !(clean_purpose = clean_field ("Purpose", purpose, CAB_PAYMENT_QR_MAX_PURPOSE, FALSE, error)))
    return NULL;

  out = g_string_new (CAB_PAYMENT_QR_HEADER);
  add_pair (out, "Name", name);
  add_pair (out, "PersonalAcc", payee->bank_account);
  add_pair (out, "BankName", bank_name);
  add_pair (out, "BIC", payee->bic);
  add_pair (out, "CorrespAcc", payee->correspondent_account);
  add_pair (out, "Sum", sum_text);
  if (clean_purpose != NULL)
    add_pair (out, "Purpose", clean_purpose);
  if (payee->inn != NULL)
    add_pair (out, "PayeeINN", payee->inn);
  if (payee->kpp != NULL)
    add_pair (out, "KPP", payee->kpp);
  if (payer_inn != NULL)
    add_pair (out, "PayerINN", payer_inn);
  if (account != NULL)
    add_pair (out, "PersAcc", account);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

GHashTable *
cab_payment_qr_parse (const char  *payload,
                      GError     **error)
{
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = NULL;
  gsize header_len = strlen (CAB_PAYMENT_QR_HEADER);

  g_return_val_if_fail (payload != NULL, NULL);

  if (!g_utf8_validate (payload, -1, NULL) ||
      strncmp (payload, CAB_PAYMENT_QR_HEADER, header_len) != 0 ||
      payload[header_len] != SEPARATOR)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                           "Not a GOST R 56042-2014 payload in UTF-8 (ST00012|…)");
      return NULL;
    }

  pairs = g_strsplit (payload + header_len + 1, "|", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *key = NULL;

      if (eq == NULL || eq == pairs[i])
        {
          g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                       "Pair %u is not Key=Value", i + 1);
          return NULL;
        }
      key = g_strndup (pairs[i], (gsize) (eq - pairs[i]));
      if (g_hash_table_contains (fields, key))
        {
          g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "Key %s appears twice", key);
          return NULL;
        }
      g_hash_table_insert (fields, g_steal_pointer (&key), g_strdup (eq + 1));
    }

  for (guint i = 0; i < G_N_ELEMENTS (mandatory_keys); i++)
    if (!g_hash_table_contains (fields, mandatory_keys[i]))
      {
        g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                     "Mandatory key %s is missing", mandatory_keys[i]);
        return NULL;
      }

  return g_steal_pointer (&fields);
}

guint
cab_payment_vat_percent (const GDate *date)
{
  guint year;

  g_return_val_if_fail (date != NULL && g_date_valid (date), 20);

  year = g_date_get_year (date);
  if (year >= 2026)
    return 22;
  if (year >= 2019)
    return 20;
  if (year >= 2004)
    return 18;
  return 20;
}

char *
cab_payment_format_sum (CabMoney amount)
{
  guint64 magnitude = amount < 0 ? (guint64) -(amount + 1) + 1 : (guint64) amount;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "-%02u", amount < 0 ? "-" : "",
                          magnitude / 100, (guint) (magnitude % 100));
}

static gboolean
check_text (const char  *text,
            const char  *what,
            gboolean     required,
            GError     **error)
{
  if (text == NULL || *text == '\0')
    {
      if (!required)
        return TRUE;
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "The %s is missing", what);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "The %s is not valid UTF-8", what);
      return FALSE;
    }
  return TRUE;
}

char *
cab_payment_purpose_build (const CabPaymentPurpose  *p,
                           GError                  **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *contract_date = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (p != NULL, NULL);

  if (!check_text (p->contract_number, "contract number", TRUE, error) ||
      !check_text (p->account, "account", TRUE, error) ||
      !check_text (p->bill_number, "bill number", FALSE, error))
    return NULL;
  if (p->contract_date == NULL || !g_date_valid (p->contract_date) ||
      (p->bill_date != NULL && !g_date_valid (p->bill_date)))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "A date is missing");
      return NULL;
    }
  if (p->vat_percent > 100)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "A VAT rate of %u%% is not plausible", p->vat_percent);
      return NULL;
    }

  contract_date = cab_date_to_display (p->contract_date);
  if (p->bill_date != NULL)
    {
      g_autofree char *bill_date = cab_date_to_display (p->bill_date);

      g_string_append (out, "Оплата по счету");
      if (p->bill_number != NULL && *p->bill_number != '\0')
        g_string_append_printf (out, " № %s", p->bill_number);
      g_string_append_printf (out, " от %s за электроэнергию", bill_date);
    }
  else
    g_string_append (out, "Оплата за электроэнергию");
  g_string_append_printf (out, " по договору № %s от %s, л/с %s.",
                          p->contract_number, contract_date, p->account);

  if (p->vat_percent == 0)
    g_string_append (out, " Без НДС");
  else
    {
      g_autofree char *vat = cab_payment_format_sum (cab_money_vat_included (p->amount,
                                                                             p->vat_percent));

      g_string_append_printf (out, " В т.ч. НДС (%u%%) %s", p->vat_percent, vat);
    }

  clean = clean_text (out->str);
  if (g_utf8_strlen (clean, -1) > CAB_PAYMENT_QR_MAX_PURPOSE)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "The payment purpose would be longer than %d characters",
                   CAB_PAYMENT_QR_MAX_PURPOSE);
      return NULL;
    }
  return g_steal_pointer (&clean);
}
