/* test-demo-consumption.c: the demo ledgers carry consumption (issue 17), through the real
 * server: every invoice has its kWh, every correction its kWh and the month it corrects, the
 * volumes agree with the amounts at the demo tariff, winter takes more than summer, and the
 * scanned volume acts print the ledger's kWh (read back with pdftotext).
 *
 * Arguments: PATH-TO-tek-cabinet-server [--postgresql] (then on a PostgreSQL cluster the test
 * starts, each server a database in it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cab-demo-data.h"
#include "server-test-pg.h"
#include "server-test-util.h"

typedef struct
{
  GDate      date;
  char      *kind;
  CabMoney   amount;
  gboolean   has_volume;
  CabVolume  volume;
  GDate      month;      /* the supply month: "period", else the date's */
  gboolean   has_period;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->kind);
}

/* The account's ledger as rows, checked field by field on the way. */
static GArray *
fetch_ledger (Server     *s,
              const char *token,
              const char *account)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/accounts/%s/ledger", account);
  g_autoptr(Response) r = request (s, "GET", path, token, NULL);
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));
  JsonArray *entries;

  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);
  g_assert_cmpuint (r->status, ==, 200);
  entries = json_object_get_array_member (object_of (r), "entries");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *e = json_array_get_object_element (entries, i);
      g_autoptr(GError) error = NULL;
      Row row = { 0, };

      row.kind = g_strdup (json_object_get_string_member (e, "kind"));
      g_assert_true (cab_date_parse_iso (json_object_get_string_member (e, "date"), &row.date,
                                         &error));
      g_assert_true (cab_money_parse (json_object_get_string_member (e, "amount"), &row.amount,
                                      &error));
      g_assert_no_error (error);
      row.has_volume = json_object_has_member (e, "volume_kwh");
      if (row.has_volume)
        {
          g_assert_true (cab_volume_parse (json_object_get_string_member (e, "volume_kwh"),
                                           &row.volume, &error));
          g_assert_no_error (error);
        }
      row.has_period = json_object_has_member (e, "period");
      row.month = row.date;
      if (row.has_period)
        {
          g_assert_true (cab_month_parse (json_object_get_string_member (e, "period"),
                                          &row.month, &error));
          g_assert_no_error (error);
        }
      g_date_set_day (&row.month, 1);
      g_array_append_val (rows, row);
    }
  return rows;
}

static guint
month_index (const GDate *date)
{
  return g_date_get_year (date) * 12 + g_date_get_month (date) - 1;
}

/* Every invoice and correction has a volume of the amount's sign that is the nearest
 * watt-hour to the amount at the demo tariff (and, under 10 roubles a kWh, gives the amount
 * back rounded to kopecks); every correction names an earlier month; bills and payments have
 * neither. Returns the number of corrections. */
static guint
check_rows (const char *account,
            GArray     *rows)
{
  guint corrections = 0;
  guint invoices = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      gboolean invoice = g_str_equal (row->kind, "invoice");
      gboolean correction = g_str_equal (row->kind, "correction");
      gint64 tariff;
      gint64 exact;

      if (!invoice && !correction)
        {
          g_assert_false (row->has_volume);
          g_assert_false (row->has_period);
          continue;
        }
      if (!row->has_volume)
        g_error ("%s: the %s of %u.%u.%u has no volume_kwh", account, row->kind,
                 g_date_get_day (&row->date), g_date_get_month (&row->date),
                 g_date_get_year (&row->date));
      g_assert_cmpint (row->volume < 0, ==, row->amount < 0);
      g_assert_cmpint (row->volume, !=, 0);
      if (correction)
        {
          g_assert_true (row->has_period);
          g_assert_cmpuint (month_index (&row->month), <, month_index (&row->date));
          corrections++;
        }
      else
        {
          g_assert_cmpuint (month_index (&row->month), ==, month_index (&row->date));
          invoices++;
        }

      /* A business's price with VAT: between 4 and 15 roubles a kWh, whatever the table says. */
      g_assert_cmpint (ABS (row->amount) * 1000 / 400, >=, ABS (row->volume));
      g_assert_cmpint (ABS (row->amount) * 1000 / 1500, <=, ABS (row->volume));

      tariff = cab_demo_data_tariff (account, &row->month);
      g_assert_cmpint (tariff, >, 0);
      /* |amount - volume × tariff| within half a watt-hour's price, in 1/100000 kopeck. */
      exact = row->volume * tariff;
      g_assert_cmpint (ABS (row->amount * 100000 - exact), <=, tariff / 2);
      if (tariff < 100000)
        {
          gint64 rounded = (ABS (exact) + 50000) / 100000;

          g_assert_cmpint (exact < 0 ? -rounded : rounded, ==, row->amount);
        }
    }
  g_assert_cmpuint (invoices, >, 0);
  return corrections;
}

static void
test_fig8 (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(GArray) rows = fetch_ledger (s, token, "1234567890");
  gboolean saw_invoice = FALSE, saw_correction = FALSE;

  g_assert_cmpuint (check_rows ("1234567890", rows), ==, 1);
  /* The manual's amounts, unchanged; April is what the correction of 24 May corrects. */
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);

      if (g_str_equal (row->kind, "invoice"))
        {
          g_assert_cmpint (row->amount, ==, 48284486);
          saw_invoice = TRUE;
        }
      else if (g_str_equal (row->kind, "correction"))
        {
          g_assert_cmpint (row->amount, ==, -19868501);
          g_assert_cmpuint (g_date_get_month (&row->month), ==, 4);
          g_assert_cmpuint (g_date_get_year (&row->month), ==, 2016);
          saw_correction = TRUE;
        }
    }
  g_assert_true (saw_invoice && saw_correction);
  server_stop (s);
}

/* kWh per supply month, corrections counted in the month they correct. */
static GHashTable *
volume_by_month (GArray *rows)
{
  GHashTable *months = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      gpointer key = GUINT_TO_POINTER (month_index (&row->month));
      gint64 *sum;

      if (!row->has_volume)
        continue;
      sum = g_hash_table_lookup (months, key);
      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (months, key, sum);
        }
      *sum += row->volume;
    }
  return months;
}

static gint64
month_volume (GHashTable *months,
              guint       year,
              guint       month)
{
  gint64 *sum = g_hash_table_lookup (months, GUINT_TO_POINTER (year * 12 + month - 1));

  return sum != NULL ? *sum : -1;
}

static void
check_generated (Server     *s,
                 const char *token,
                 const char *account,
                 guint       first_year)
{
  g_autoptr(GArray) rows = fetch_ledger (s, token, account);
  g_autoptr(GHashTable) months = NULL;
  guint last = 0;
  guint full_years = 0;

  check_rows (account, rows);
  months = volume_by_month (rows);

  /* Volumes throughout: every month from the first January to the last invoice's. */
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (g_array_index (rows, Row, i).kind, "invoice"))
      last = MAX (last, month_index (&g_array_index (rows, Row, i).month));
  g_assert_cmpuint (last, >=, first_year * 12 + 10);
  for (guint m = first_year * 12; m <= last; m++)
    if (month_volume (months, m / 12, m % 12 + 1) <= 0)
      g_error ("%s: no volume in %u-%02u", account, m / 12, m % 12 + 1);

  /* Seasonal: each year's January takes more than its July, and winter (January, February,
   * December) more than summer (June, July, August). */
  for (guint year = first_year; year * 12 + 11 <= last; year++)
    {
      gint64 winter = month_volume (months, year, 1) + month_volume (months, year, 2)
                      + month_volume (months, year, 12);
      gint64 summer = month_volume (months, year, 6) + month_volume (months, year, 7)
                      + month_volume (months, year, 8);

      g_assert_cmpint (month_volume (months, year, 1), >, month_volume (months, year, 7));
      g_assert_cmpint (winter, >, summer);
      full_years++;
    }
  g_assert_cmpuint (full_years, >=, 1);
}

static void
test_generated (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autofree char *other = sign_in (s, OTHER_LOGIN, OTHER_PASSWORD);

  check_generated (s, token, "1234567891", 2024);
  check_generated (s, other, "3456789012", 2025);
  server_stop (s);
}

/* "74 398,284 кВт·ч" -> watt-hours, for every such number in @text. */
static GArray *
kwh_in_text (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("(-?[0-9][0-9 \\x{00A0}\\x{202F}]*,[0-9]{3})\\s*кВт",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GArray *found = g_array_new (FALSE, FALSE, sizeof (CabVolume));

  g_regex_match (regex, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *number = g_match_info_fetch (match, 1);
      g_autoptr(GString) wire = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      CabVolume wh;

      for (const char *p = number; *p != '\0'; p++)
        if (g_ascii_isdigit (*p) || *p == '-')
          g_string_append_c (wire, *p);
        else if (*p == ',')
          g_string_append_c (wire, '.');
      g_assert_true (cab_volume_parse (wire->str, &wh, &error));
      g_assert_no_error (error);
      g_array_append_val (found, wh);
    }
  return found;
}

static char *
pdf_text (Server     *s,
          const char *token,
          const char *id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/documents/%s", id);
  g_autoptr(Response) pdf = request (s, "GET", path, token, NULL);
  g_autofree char *file = g_build_filename (s->dir, "act.pdf", NULL);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", file, "-", NULL };
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_assert_cmpuint (pdf->status, ==, 200);
  g_assert_true (g_file_set_contents (file, g_bytes_get_data (pdf->body, NULL),
                                      g_bytes_get_size (pdf->body), &error));
  p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (p) && g_subprocess_get_exit_status (p) == 0);
  g_unlink (file);
  return out;
}

/* The volume acts of @account from @from to @to print their entry's volume_kwh. */
static guint
check_acts (Server      *s,
            const char  *token,
            const char  *account,
            GArray      *rows,
            const char  *from,
            const char  *to)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/accounts/%s/statement?from=%s&to=%s",
                                           account, from, to);
  g_autoptr(Response) st = request (s, "GET", path, token, NULL);
  JsonArray *statement_rows;
  guint checked = 0;

  g_assert_cmpuint (st->status, ==, 200);
  statement_rows = json_object_get_array_member (object_of (st), "rows");
  for (guint i = 0; i < json_array_get_length (statement_rows); i++)
    {
      JsonObject *srow = json_array_get_object_element (statement_rows, i);
      JsonArray *docs = json_object_get_array_member (srow, "documents");
      const char *kind = json_object_get_string_member (srow, "kind");
      const Row *entry = NULL;
      GDate date;

      g_assert_true (cab_date_parse_iso (json_object_get_string_member (srow, "date"), &date,
                                         NULL));
      /* Invoices and corrections are one a day of their kind: the ledger's by date and kind. */
      for (guint j = 0; j < rows->len; j++)
        {
          const Row *row = &g_array_index (rows, Row, j);

          if (g_date_compare (&row->date, &date) == 0 && g_str_equal (row->kind, kind))
            entry = row;
        }
      for (guint d = 0; d < json_array_get_length (docs); d++)
        {
          JsonObject *doc = json_array_get_object_element (docs, d);
          const char *doc_kind = json_object_get_string_member (doc, "kind");
          g_autofree char *text = NULL;
          g_autoptr(GArray) found = NULL;

          if (!g_str_equal (doc_kind, "volume_act")
              && !g_str_equal (doc_kind, "correction_volume_act"))
            continue;
          g_assert_nonnull (entry);
          g_assert_true (entry->has_volume);
          text = pdf_text (s, token, json_object_get_string_member (doc, "id"));
          found = kwh_in_text (text);
          if (found->len == 0)
            g_error ("No kWh in the %s of %s:\n%s", doc_kind, from, text);
          for (guint k = 0; k < found->len; k++)
            g_assert_cmpint (g_array_index (found, CabVolume, k), ==, entry->volume);
          checked++;
        }
    }
  return checked;
}

static void
test_volume_acts (void)
{
  Server *s = server_start ();
  g_autofree char *token = sign_in (s, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(GArray) fig8 = fetch_ledger (s, token, "1234567890");
  g_autoptr(GArray) second = fetch_ledger (s, token, "1234567891");
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const Row *correction = NULL;
  GDate next;

  /* The manual's act and the correction's act. */
  g_assert_cmpuint (check_acts (s, token, "1234567890", fig8, "2016-05-01", "2016-06-01"), ==, 2);

  /* The month of the generated account's first correction: its act and the invoice's. */
  for (guint i = 0; i < second->len && correction == NULL; i++)
    if (g_str_equal (g_array_index (second, Row, i).kind, "correction"))
      correction = &g_array_index (second, Row, i);
  if (correction == NULL)
    g_error ("1234567891 has no correction");
  from = g_strdup_printf ("%04u-%02u-01", g_date_get_year (&correction->date),
                          g_date_get_month (&correction->date));
  next = correction->date;
  g_date_set_day (&next, 1);
  g_date_add_months (&next, 1);
  to = cab_date_to_iso (&next);
  g_assert_cmpuint (check_acts (s, token, "1234567891", second, from, to), >=, 2);
  server_stop (s);
}

int
main (int   argc,
      char *argv[])
{
  PgCluster *cluster = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!server_test_init (argc, argv))
    return 77;
  if (argc > 2 && g_str_equal (argv[2], "--postgresql"))
    cluster = pg_cluster_new ();

  g_test_add_func ("/demo-consumption/fig8", test_fig8);
  g_test_add_func ("/demo-consumption/generated", test_generated);
  g_test_add_func ("/demo-consumption/volume-acts", test_volume_acts);
  status = g_test_run ();
  g_clear_pointer (&cluster, pg_cluster_free);
  return status;
}
