/* cab-demo-data.c: the deterministic demo data of --demo.
 *
 * Account 1234567890 holds exactly the manual's Fig. 8 ledger (docs/domain.md). Accounts
 * 1234567891 and the neighbour's 3456789012 hold generated months (advance bills, invoices
 * with volume acts, payments, occasional corrections) from fixed seeds, up to today.
 *
 * Invoices and corrections carry the kWh they bill (issue 17), derived from their amounts and
 * the contract's tariff (demo_tariffs[]), so that amount = volume × tariff rounded to
 * kopecks while the amounts, which the figure tests know, stay as they were. The volume acts
 * print the same watt-hours as the ledger entry they belong to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cab-demo-data.h"
#include "cab-password.h"
#include "cab-payment-qr.h"

#define SUPPLIER "ООО «ТЭК-Энерго», филиал «Брянскэнергосбыт»"

static const char * const month_names[] = {
  "январь", "февраль", "март", "апрель", "май", "июнь",
  "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
};

char *
cab_demo_data_make_inn (const char *prefix)
{
  static const guint weights[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  guint sum = 0;

  for (guint i = 0; i < 9; i++)
    sum += weights[i] * (guint) (prefix[i] - '0');
  return g_strdup_printf ("%.9s%u", prefix, (sum % 11) % 10);
}

/* A business's single-rate tariff (medium voltage, under 670 kW), in hundredths of a kopeck
 * per kWh without VAT: the rate of @first_year, indexed by 4 % every 1 July after it (as the
 * regulated part is each year), plus the VAT in force in the billed month:
 *   1234567890: 5.5000 руб./кВт·ч in 2016, with 18 % VAT 6.4900;
 *   1234567891: 6.5000 in the first half of 2024 (7.8000 with 20 % VAT), 6.7600 from July 2024
 *               (8.1120), 7.0304 from July 2025 (8.4365), 8.5771 with 22 % VAT from 2026,
 *               7.3116 from July 2026 (8.9202);
 *   3456789012: 6.5800 in the first half of 2025 (7.8960 with VAT), and so on.
 * Below 10 руб./кВт·ч (until 2029) a watt-hour costs under a kopeck, so the amount is exactly
 * the volume times the tariff rounded to kopecks; above, the nearest watt-hour. */
typedef struct
{
  const char *account;
  gint64      base;          /* hundredths of a kopeck per kWh, without VAT */
  guint       first_year;
} DemoTariff;

static const DemoTariff demo_tariffs[] = {
  { "1234567890", 55000, 2016 },
  { "1234567891", 65000, 2024 },
  { "3456789012", 65800, 2025 },
};

gint64
cab_demo_data_tariff (const char  *account,
                      const GDate *month)
{
  g_return_val_if_fail (account != NULL && month != NULL && g_date_valid (month), 0);

  for (guint i = 0; i < G_N_ELEMENTS (demo_tariffs); i++)
    {
      const DemoTariff *t = &demo_tariffs[i];
      guint year = g_date_get_year (month);
      gint64 rate = t->base;
      gint64 indexations;
      GDate first;

      if (!g_str_equal (account, t->account))
        continue;
      indexations = (gint64) year - t->first_year + (g_date_get_month (month) >= 7 ? 1 : 0);
      for (gint64 n = 0; n < indexations; n++)
        rate = (rate * 104 + 50) / 100;
      first = *month;
      g_date_set_day (&first, 1);
      return (rate * (100 + cab_payment_vat_percent (&first)) + 50) / 100;
    }
  return 0;
}

/* The nearest watt-hour to @amount at @tariff (hundredths of a kopeck per kWh). */
static CabVolume
volume_for_amount (CabMoney amount,
                   gint64   tariff)
{
  gint64 magnitude = ABS (amount) * 100000;
  gint64 wh = (magnitude + tariff / 2) / tariff;

  return amount < 0 ? -wh : wh;
}

/* "74 398,305 кВт·ч": the volume act's three fraction digits, grouped as money is. */
static char *
kwh_text (CabVolume wh)
{
  guint64 magnitude = wh < 0 ? (guint64) -wh : (guint64) wh;
  g_autofree char *whole = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 1000);
  g_autoptr(GString) out = g_string_new (wh < 0 ? "-" : "");
  gsize n = strlen (whole);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, "\xc2\xa0");
      g_string_append_c (out, whole[i]);
    }
  g_string_append_printf (out, ",%03u кВт·ч", (guint) (magnitude % 1000));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  CabStore          *store;
  const CabPartner  *partner;
  const CabContract *contract;
  char              *contract_text;   /* "Договор № 12-3456 от 01.12.2015" */
} Seeder;

static void
seeder_clear (Seeder *s)
{
  g_clear_pointer (&s->contract_text, g_free);
}

static char *
rub (CabMoney amount)
{
  g_autofree char *text = cab_money_format (amount, CAB_MONEY_STYLE_RUSSIAN);

  return g_strdup_printf ("%s руб.", text);
}

static char *
period_text (const GDate *date)
{
  return g_strdup_printf ("%s %u г.", month_names[g_date_get_month (date) - 1],
                          g_date_get_year (date));
}

static guint
vat_percent (const GDate *date)
{
  /* The rate in force on the document's date (22 % from 2026), the same the payment
   * purpose states. */
  return cab_payment_vat_percent (date);
}

/* A spec for the scan renderer, as JSON (see cab_document_render_spec()). */
static char *
make_spec (Seeder       *s,
           const char   *title,
           const char   *number,
           const GDate  *date,
           const char  **lines,   /* label, value, label, value, ..., NULL */
           const char   *total)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *seed_text = g_strdup_printf ("%s|%s|%s", s->contract->account, title, number);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "number");
  json_builder_add_string_value (builder, number);
  cab_json_builder_add_date (builder, "date", date);
  json_builder_set_member_name (builder, "supplier");
  json_builder_add_string_value (builder, SUPPLIER);
  json_builder_set_member_name (builder, "partner_name");
  json_builder_add_string_value (builder, s->partner->name);
  json_builder_set_member_name (builder, "partner_address");
  json_builder_add_string_value (builder, s->contract->branch_address
                                          ? s->contract->branch_address : s->partner->address);
  json_builder_set_member_name (builder, "inn");
  json_builder_add_string_value (builder, s->contract->inn);
  json_builder_set_member_name (builder, "kpp");
  json_builder_add_string_value (builder, s->contract->kpp);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, s->contract->account);
  json_builder_set_member_name (builder, "contract");
  json_builder_add_string_value (builder, s->contract_text);
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i += 2)
    {
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, lines[i]);
      json_builder_add_string_value (builder, lines[i + 1]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_string_value (builder, total);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, g_str_hash (seed_text) & 0x7fffffff);
  json_builder_set_member_name (builder, "pages");
  json_builder_add_int_value (builder, 1);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
add_document (Seeder          *s,
              gint64           entry_id,
              CabDocumentKind  kind,
              const char      *title,
              const char      *number,
              const GDate     *date,
              const char     **lines,
              const char      *total,
              GError         **error)
{
  g_autofree char *spec = make_spec (s, title, number, date, lines, total);
  g_autofree char *iso = cab_date_to_iso (date);
  g_autofree char *file_name = NULL;
  g_autofree char *kind_name = g_strdup (cab_document_kind_to_string (kind));

  g_strdelimit (kind_name, "_", '-');
  file_name = g_strdup_printf ("%s-%s-%s.pdf", kind_name, s->contract->account, iso);
  return cab_store_add_document (s->store, entry_id, kind, title, file_name, spec, error) != 0;
}

/* One ledger entry with its scanned documents. @corrected: the month a correction corrects. */
static gboolean
add_entry (Seeder        *s,
           CabEntryKind   kind,
           const GDate   *date,
           CabMoney       amount,
           const char    *number,
           const GDate   *corrected,
           GError       **error)
{
  g_autofree char *shown_date = cab_date_to_display (date);
  g_autofree char *title = NULL;
  g_autofree char *amount_text = rub (amount);
  g_autofree char *period = period_text (date);
  g_autofree char *total = NULL;
  g_autofree char *vat_label = g_strdup_printf ("В т. ч. НДС (%u%%)", vat_percent (date));
  g_autofree char *vat = NULL;
  g_autofree char *kwh = NULL;
  g_autofree char *kwh_total = NULL;
  CabMoney vat_amount = cab_money_vat_included (amount, vat_percent (date));
  CabEntry entry = { .kind = kind, .date = *date, .amount = amount, };
  gint64 entry_id;

  g_date_clear (&entry.period, 1);
  if (kind == CAB_ENTRY_CORRECTION)
    {
      g_assert (corrected != NULL);
      entry.period = *corrected;
      g_date_set_day (&entry.period, 1);
    }
  if (kind == CAB_ENTRY_INVOICE || kind == CAB_ENTRY_CORRECTION)
    {
      GDate month;

      /* One value for the ledger and the documents, so the volume act prints the entry's. */
      cab_entry_get_supply_month (&entry, &month);
      entry.volume = volume_for_amount (amount, cab_demo_data_tariff (s->contract->account,
                                                                      &month));
      entry.has_volume = TRUE;
      kwh = kwh_text (entry.volume);
      kwh_total = g_strdup_printf ("Итого: %s", kwh);
    }

  vat = rub (vat_amount);

  switch (kind)
    {
    case CAB_ENTRY_ADVANCE_BILL_1:
    case CAB_ENTRY_ADVANCE_BILL_2:
      title = g_strdup_printf ("Счет на оплату текущего потребления от %s", shown_date);
      break;
    case CAB_ENTRY_INVOICE:
      title = g_strdup_printf ("Счет-фактура от %s", shown_date);
      break;
    case CAB_ENTRY_CORRECTION:
      title = g_strdup_printf ("Счет-фактура (корректировка) от %s", shown_date);
      break;
    case CAB_ENTRY_PAYMENT:
    default:
      title = g_strdup_printf ("Поступление платежа от %s", shown_date);
      break;
    }

  entry_id = cab_store_add_entry_full (s->store, s->contract->account, &entry, number, title,
                                       error);
  if (entry_id == 0)
    return FALSE;

  total = g_strdup_printf ("Итого к оплате: %s", amount_text);
  switch (kind)
    {
    case CAB_ENTRY_ADVANCE_BILL_1:
    case CAB_ENTRY_ADVANCE_BILL_2:
      {
        GDate due = *date;
        g_autofree char *due_text = NULL;
        const char *lines[] = { "Назначение", NULL, "Срок оплаты", NULL, "Сумма", amount_text,
                                vat_label, vat, NULL };
        g_autofree char *purpose = g_strdup_printf ("%s авансовый платеж за %s",
                                                    kind == CAB_ENTRY_ADVANCE_BILL_1
                                                    ? "1-й" : "2-й", period);

        g_date_set_day (&due, kind == CAB_ENTRY_ADVANCE_BILL_1
                              ? s->contract->terms.bill1_due_day
                              : s->contract->terms.bill2_due_day);
        due_text = cab_date_to_display (&due);
        lines[1] = purpose;
        lines[3] = due_text;
        return add_document (s, entry_id, CAB_DOCUMENT_ADVANCE_BILL,
                             "Счет на оплату текущего потребления", number, date, lines, total,
                             error);
      }
    case CAB_ENTRY_INVOICE:
      {
        g_autofree char *act_number = g_strdup_printf ("АО-%s", number);
        const char *invoice_lines[] = { "Расчетный период", period, "Объем", kwh,
                                        "Стоимость с НДС", amount_text, vat_label, vat, NULL };
        const char *act_lines[] = { "Расчетный период", period, "Точка поставки",
                                    s->contract->branch_address ? s->contract->branch_address
                                                                : s->partner->address,
                                    "Объем", kwh, NULL };

        return add_document (s, entry_id, CAB_DOCUMENT_INVOICE, "Счет-фактура", number, date,
                             invoice_lines, total, error)
               && add_document (s, entry_id, CAB_DOCUMENT_VOLUME_ACT, "Акт объема", act_number,
                                date, act_lines, kwh_total, error);
      }
    case CAB_ENTRY_CORRECTION:
      {
        g_autofree char *corrected_period = NULL;
        g_autofree char *act_number = g_strdup_printf ("АО-%s", number);
        g_autofree char *change = g_strdup_printf ("Изменение стоимости: %s", amount_text);
        const char *invoice_lines[] = { "Корректируемый период", NULL, "Изменение объема", kwh,
                                        "Изменение стоимости", amount_text, vat_label, vat,
                                        NULL };
        const char *act_lines[] = { "Корректируемый период", NULL, "Изменение объема", kwh,
                                    NULL };

        corrected_period = period_text (&entry.period);
        invoice_lines[1] = corrected_period;
        act_lines[1] = corrected_period;
        return add_document (s, entry_id, CAB_DOCUMENT_CORRECTION_INVOICE,
                             "Счет-фактура (корректировка)", number, date, invoice_lines, change,
                             error)
               && add_document (s, entry_id, CAB_DOCUMENT_CORRECTION_VOLUME_ACT,
                                "Акт объема (корректировка)", act_number, date, act_lines,
                                kwh_total, error);
      }
    case CAB_ENTRY_PAYMENT:
    default:
      return TRUE;
    }
}

static gboolean
add_partner_user (CabStore          *store,
                  const CabPartner  *partner,
                  gint64            *out_partner_id,
                  GError           **error)
{
  *out_partner_id = cab_store_add_partner (store, partner, error);
  return *out_partner_id != 0;
}

static gboolean
add_user (CabStore    *store,
          gint64       partner_id,
          const char  *login,
          const char  *email,
          const char  *phone,
          const char  *password,
          GError     **error)
{
  g_autofree char *hash = cab_password_hash_sync (password, error);

  return hash != NULL
         && cab_store_create_user (store, partner_id, login, email, phone, hash, error) != 0;
}

static CabContract *
make_contract (const char *account,
               const char *number,
               guint       year,
               guint       month,
               guint       day,
               const char *branch_name,
               const char *branch_address,
               const char *inn_prefix,
               const char *kpp)
{
  CabContract *c = cab_contract_new ();

  c->account = g_strdup (account);
  c->contract_number = g_strdup (number);
  cab_date_set_ymd (&c->contract_date, year, month, day);
  c->branch_name = g_strdup (branch_name);
  c->branch_address = g_strdup (branch_address);
  c->inn = cab_demo_data_make_inn (inn_prefix);
  c->kpp = g_strdup (kpp);
  return c;
}

static void
seeder_init (Seeder            *s,
             CabStore          *store,
             const CabPartner  *partner,
             const CabContract *contract)
{
  g_autofree char *date = cab_date_to_display (&contract->contract_date);

  s->store = store;
  s->partner = partner;
  s->contract = contract;
  s->contract_text = g_strdup_printf ("Договор № %s от %s", contract->contract_number, date);
}

/* The manual's Fig. 8, exactly. */
static gboolean
seed_fig8 (Seeder  *s,
           GError **error)
{
  static const struct
  {
    CabEntryKind kind;
    guint        month;
    guint        day;
    CabMoney     amount;
    const char  *number;
  } rows[] = {
    { CAB_ENTRY_ADVANCE_BILL_1, 5, 1, 17311879, "А-0501" },
    { CAB_ENTRY_ADVANCE_BILL_2, 5, 16, 40510324, "А-0516" },
    { CAB_ENTRY_CORRECTION, 5, 24, -19868501, "К-0524/1" },
    { CAB_ENTRY_PAYMENT, 5, 25, 97999044, "П-118" },
    { CAB_ENTRY_INVOICE, 5, 31, 48284486, "СФ-0531/12" },
    { CAB_ENTRY_ADVANCE_BILL_1, 6, 1, 24422301, "А-0601" },
    { CAB_ENTRY_ADVANCE_BILL_2, 6, 16, 19313974, "А-0616" },
    { CAB_ENTRY_PAYMENT, 6, 20, 42499921, "П-163" },
    { CAB_ENTRY_ADVANCE_BILL_1, 7, 1, 16734526, "А-0701" },
  };

  GDate corrected;

  /* The correction of 24.05.2016 corrects April. */
  cab_date_set_ymd (&corrected, 2016, 4, 1);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GDate date;

      cab_date_set_ymd (&date, 2016, rows[i].month, rows[i].day);
      if (!add_entry (s, rows[i].kind, &date, rows[i].amount, rows[i].number, &corrected,
                      error))
        return FALSE;
    }
  return TRUE;
}

/* Months from @first_year/@first_month up to @today: advance bills on the 1st and 16th,
 * the month's invoice on its last day, payments around the due days, a correction now and
 * then. Winter months cost more. */
static gboolean
seed_months (Seeder       *s,
             guint32       seed,
             CabMoney      monthly_base,
             guint         first_year,
             guint         first_month,
             const GDate  *today,
             GError      **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint year = first_year, month = first_month;
  guint payment_number = 1, correction_number = 1;
  CabMoney previous_charge = monthly_base;

  while (year < g_date_get_year (today)
         || (year == g_date_get_year (today) && month <= g_date_get_month (today)))
    {
      double season = 1.0 + 0.35 * cos (2.0 * G_PI * (month - 1) / 12.0);
      CabMoney charge = (CabMoney) (monthly_base * season * g_rand_double_range (rand, 0.9, 1.1));
      CabMoney bill1 = previous_charge * 30 / 100;
      CabMoney bill2 = previous_charge * 40 / 100;
      GDate d1, d2, last, pay1, pay2, settle, corr;
      g_autofree char *n1 = g_strdup_printf ("А-%02u%02u/%u", month, 1, year % 100);
      g_autofree char *n2 = g_strdup_printf ("А-%02u%02u/%u", month, 16, year % 100);
      g_autofree char *ni = NULL;

      cab_date_set_clamped (&d1, year, month, s->contract->terms.bill1_issue_day);
      cab_date_set_clamped (&d2, year, month, s->contract->terms.bill2_issue_day);
      cab_date_last_of_month (&last, year, month);
      ni = g_strdup_printf ("СФ-%02u%02u/%u", month, g_date_get_day (&last), year % 100);

      if (g_date_compare (&d1, today) <= 0
          && !add_entry (s, CAB_ENTRY_ADVANCE_BILL_1, &d1, bill1, n1, NULL, error))
        return FALSE;
      if (g_date_compare (&d2, today) <= 0
          && !add_entry (s, CAB_ENTRY_ADVANCE_BILL_2, &d2, bill2, n2, NULL, error))
        return FALSE;

      /* Payments a few days before the due days; one month in eight is paid late. */
      cab_date_set_clamped (&pay1, year, month,
                            s->contract->terms.bill1_due_day - g_rand_int_range (rand, 0, 4));
      cab_date_set_clamped (&pay2, year, month,
                            s->contract->terms.bill2_due_day - g_rand_int_range (rand, 0, 4));
      if (g_rand_int_range (rand, 0, 8) == 0)
        g_date_add_days (&pay2, g_rand_int_range (rand, 3, 9));
      if (g_date_compare (&pay1, today) <= 0)
        {
          g_autofree char *n = g_strdup_printf ("П-%u", payment_number++);

          if (!add_entry (s, CAB_ENTRY_PAYMENT, &pay1, bill1, n, NULL, error))
            return FALSE;
        }
      if (g_date_compare (&pay2, today) <= 0)
        {
          g_autofree char *n = g_strdup_printf ("П-%u", payment_number++);

          if (!add_entry (s, CAB_ENTRY_PAYMENT, &pay2, bill2, n, NULL, error))
            return FALSE;
        }

      if (g_date_compare (&last, today) <= 0)
        {
          if (!add_entry (s, CAB_ENTRY_INVOICE, &last, charge, ni, NULL, error))
            return FALSE;

          /* The final settlement by the invoice's due day of the next month. */
          settle = last;
          g_date_add_days (&settle, s->contract->terms.invoice_due_day
                                    - g_rand_int_range (rand, 1, 5));
          if (charge - bill1 - bill2 > 0 && g_date_compare (&settle, today) <= 0)
            {
              g_autofree char *n = g_strdup_printf ("П-%u", payment_number++);

              if (!add_entry (s, CAB_ENTRY_PAYMENT, &settle, charge - bill1 - bill2, n, NULL, error))
                return FALSE;
            }

          /* Now and then a meter reading arrives late and corrects the month. */
          if (g_rand_int_range (rand, 0, 6) == 0)
            {
              CabMoney delta = charge * g_rand_int_range (rand, -5, 6) / 100;

              corr = last;
              g_date_add_days (&corr, g_rand_int_range (rand, 5, 20));
              if (delta != 0 && g_date_compare (&corr, today) <= 0)
                {
                  g_autofree char *n = g_strdup_printf ("К-%02u%02u/%u",
                                                        g_date_get_month (&corr),
                                                        g_date_get_day (&corr),
                                                        correction_number++);

                  if (!add_entry (s, CAB_ENTRY_CORRECTION, &corr, delta, n, &last, error))
                    return FALSE;
                }
            }
        }

      previous_charge = charge;
      if (++month > 12)
        {
          month = 1;
          year++;
        }
    }
  return TRUE;
}

static gboolean
seed_all (CabStore     *store,
          const GDate  *today,
          GError      **error)
{
  CabPartner romashka = {
    .dp_code = (char *) "7700001234",
    .name = (char *) "ООО «Ромашка»",
    .address = (char *) "241050, г. Брянск, ул. Советская, д. 1",
    .contacts = (char *) "+7 4832 00-00-00, info@romashka.example",
  };
  CabPartner lyutik = {
    .dp_code = (char *) "7700005678",
    .name = (char *) "ООО «Лютик»",
    .address = (char *) "241007, г. Брянск, ул. Дуки, д. 17",
    .contacts = (char *) "+7 4832 11-22-33",
  };
  CabPartner vasilek = {
    .dp_code = (char *) "7700009999",
    .name = (char *) "АО «Василек»",
    .address = (char *) "241019, г. Брянск, ул. Красноармейская, д. 100",
    .contacts = (char *) "+7 4832 99-99-99, office@vasilek.example",
  };
  g_autoptr(CabContract) fig8 = make_contract ("1234567890", "12-3456", 2015, 12, 1, NULL, NULL,
                                               "770708389", "773601001");
  g_autoptr(CabContract) second = make_contract ("1234567891", "12-3457", 2023, 12, 15,
                                                 "Филиал «Ромашка-Север»",
                                                 "241020, г. Брянск, пр-т Московский, д. 10",
                                                 "770708389", "325743001");
  g_autoptr(CabContract) lyutik_contract = make_contract ("2345678901", "34-5678", 2019, 3, 1,
                                                          NULL, NULL, "325701234", "325701001");
  g_autoptr(CabContract) vasilek_contract = make_contract ("3456789012", "56-7890", 2024, 12, 20,
                                                           "Склад № 2",
                                                           "241035, г. Брянск, ул. Ульянова, д. 4",
                                                           "325098765", "325001001");
  Seeder s = { 0 };
  gint64 romashka_id, lyutik_id, vasilek_id;
  GDate opening;
  gboolean ok;

  if (!add_partner_user (store, &romashka, &romashka_id, error)
      || !add_partner_user (store, &lyutik, &lyutik_id, error)
      || !add_partner_user (store, &vasilek, &vasilek_id, error))
    return FALSE;

  cab_date_set_ymd (&opening, 2016, 5, 1);
  if (!cab_store_add_account (store, romashka_id, fig8, &opening, 60882279, error))
    return FALSE;
  cab_date_set_ymd (&opening, 2024, 1, 1);
  if (!cab_store_add_account (store, romashka_id, second, &opening, 0, error))
    return FALSE;
  cab_date_set_ymd (&opening, 2019, 3, 1);
  if (!cab_store_add_account (store, lyutik_id, lyutik_contract, &opening, 0, error))
    return FALSE;
  cab_date_set_ymd (&opening, 2025, 1, 1);
  if (!cab_store_add_account (store, vasilek_id, vasilek_contract, &opening, 0, error))
    return FALSE;

  if (!add_user (store, romashka_id, "1234567890", "demo@example.org", "+79991234567",
                 "demo-password", error)
      || !add_user (store, vasilek_id, "3456789012", "other@example.org", NULL,
                    "other-password", error))
    return FALSE;

  seeder_init (&s, store, &romashka, fig8);
  ok = seed_fig8 (&s, error);
  seeder_clear (&s);
  if (!ok)
    return FALSE;

  seeder_init (&s, store, &romashka, second);
  ok = seed_months (&s, 20240101, 38000000, 2024, 1, today, error);
  seeder_clear (&s);
  if (!ok)
    return FALSE;

  seeder_init (&s, store, &vasilek, vasilek_contract);
  ok = seed_months (&s, 20250101, 12500000, 2025, 1, today, error);
  seeder_clear (&s);
  return ok;
}

/* Demo requisites (GET /api/v1/supplier): made up, but each passes the core's checks. */
static gboolean
seed_supplier (CabStore  *store,
               GError   **error)
{
  g_autoptr(CabSupplier) supplier = cab_supplier_new ();
  g_autofree char *inn = cab_demo_data_make_inn ("325700000");
  const char *pairs[] = {
    "name", SUPPLIER,
    "inn", inn,
    "kpp", "325701001",
    "bank_account", "40702810400000000001",
    "bank_name", "ПАО «Демо-Банк», г. Брянск",
    "bic", "041501601",
    "correspondent_account", "30101810400000000601",
    "support_email", "support@tek-energo.example",
    "phone", "+7 (4832) 00-00-00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i += 2)
    if (!cab_supplier_set (supplier, pairs[i], pairs[i + 1], error))
      return FALSE;
  return cab_store_set_supplier (store, supplier, error);
}

gboolean
cab_demo_data_seed (CabStore     *store,
                    const GDate  *today,
                    GError      **error)
{
  if (!cab_store_begin (store, error))
    return FALSE;
  if (!seed_supplier (store, error) || !seed_all (store, today, error))
    {
      cab_store_rollback (store);
      return FALSE;
    }
  return cab_store_commit (store, error);
}
