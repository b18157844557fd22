/* test-volume.c: energy as watt-hours on the wire, the month a document bills, and both in
 * the ledger resource.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"

static void
test_volume_wire (void)
{
  static const struct {
    const char *text;
    CabVolume   wh;
  } valid[] = {
    { "0.000", 0 },
    { "48213.125", 48213125 },
    { "-12.500", -12500 },
    { "0.001", 1 },
    { "999999999999.999", CAB_VOLUME_MAX },
    { "-999999999999.999", -CAB_VOLUME_MAX },
  };
  static const char *const invalid[] = {
    "", "-", ".000", "1", "1.", "1.0", "1.00", "1.0000", "1,000", " 1.000", "1.000 ",
    "+1.000", "1e3.000", "1000000000000.000", "0x1.000", "--1.000", "1.00a",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *again = NULL;
      CabVolume wh = -1;

      g_assert_true (cab_volume_parse (valid[i].text, &wh, &error));
      g_assert_no_error (error);
      g_assert_cmpint (wh, ==, valid[i].wh);
      again = cab_volume_to_wire (wh);
      g_assert_cmpstr (again, ==, valid[i].text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      CabVolume wh = 7;

      g_assert_false (cab_volume_parse (invalid[i], &wh, &error));
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
      g_assert_cmpint (wh, ==, 7);
    }
}

static void
test_month_wire (void)
{
  static const char *const invalid[] = {
    "", "2016", "2016-5", "2016-00", "2016-13", "1899-12", "2016/05", "2016-05-01", "20a6-05",
    "-016-05", "2016-0x",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GDate day;

  g_assert_true (cab_month_parse ("2016-05", &day, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_date_get_year (&day), ==, 2016);
  g_assert_cmpuint (g_date_get_month (&day), ==, 5);
  g_assert_cmpuint (g_date_get_day (&day), ==, 1);

  cab_date_set_ymd (&day, 2015, 12, 31);
  text = cab_month_to_wire (&day);
  g_assert_cmpstr (text, ==, "2015-12");

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_clear_error (&error);
      g_assert_false (cab_month_parse (invalid[i], &day, &error));
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_DATE);
    }
}

static const char ledger_json[] =
  "{\"account\":\"1234567890\",\"opening_date\":\"2016-05-01\","
  "\"opening_balance\":\"608822.79\",\"terms\":{\"bill1_issue_day\":1,\"bill1_due_day\":10,"
  "\"bill2_issue_day\":16,\"bill2_due_day\":25,\"invoice_due_day\":18},\"entries\":["
  "{\"date\":\"2016-05-01\",\"kind\":\"advance_bill_1\",\"amount\":\"173118.79\"},"
  "{\"date\":\"2016-05-24\",\"kind\":\"correction\",\"amount\":\"-198685.01\","
  "\"volume_kwh\":\"-41250.500\",\"period\":\"2016-04\"},"
  "{\"date\":\"2016-05-25\",\"kind\":\"payment\",\"amount\":\"979990.44\"},"
  "{\"date\":\"2016-05-31\",\"kind\":\"invoice\",\"amount\":\"482844.86\","
  "\"volume_kwh\":\"98112.000\"}]}";

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = cab_json_parse_object (text, strlen (text), &error);

  g_assert_no_error (error);
  return node;
}

static void
test_ledger_volumes (void)
{
  g_autoptr(JsonNode) node = parse (ledger_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabLedger) ledger = cab_ledger_from_json (node, NULL, &error);
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *text = NULL;
  const CabEntry *correction;
  const CabEntry *invoice;
  const CabEntry *bill;
  GDate month;

  g_assert_no_error (error);
  g_assert_cmpuint (cab_ledger_get_n_entries (ledger), ==, 4);

  bill = cab_ledger_get_entry (ledger, 0);
  g_assert_false (bill->has_volume);
  g_assert_false (g_date_valid (&bill->period));

  /* A correction dated in May that corrects April bills April. */
  correction = cab_ledger_get_entry (ledger, 1);
  g_assert_true (correction->has_volume);
  g_assert_cmpint (correction->volume, ==, -41250500);
  cab_entry_get_supply_month (correction, &month);
  g_assert_cmpuint (g_date_get_month (&month), ==, 4);
  g_assert_cmpuint (g_date_get_day (&month), ==, 1);

  /* An invoice without a period bills the month it is dated in. */
  invoice = cab_ledger_get_entry (ledger, 3);
  g_assert_cmpint (invoice->volume, ==, 98112000);
  cab_entry_get_supply_month (invoice, &month);
  g_assert_cmpuint (g_date_get_month (&month), ==, 5);
  g_assert_cmpuint (g_date_get_year (&month), ==, 2016);

  again = cab_ledger_to_json (ledger, "1234567890");
  text = cab_json_to_string (again);
  g_assert_cmpstr (text, ==, ledger_json);
}

static void
test_ledger_volume_rules (void)
{
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  CabEntry entry = { 0, };
  GDate opening;
  const char *broken[][2] = {
    { "\"volume_kwh\":\"98112.000\"", "\"volume_kwh\":98112" },
    { "\"volume_kwh\":\"98112.000\"", "\"volume_kwh\":\"98112.0\"" },
    { "\"period\":\"2016-04\"", "\"period\":\"2016-4\"" },
    { "\"period\":\"2016-04\"", "\"period\":201604" },
  };

  /* A payment cannot carry energy: what it is given is dropped, not kept. */
  cab_date_set_ymd (&opening, 2016, 5, 1);
  ledger = cab_ledger_new (&opening, 0, NULL);
  entry.kind = CAB_ENTRY_PAYMENT;
  cab_date_set_ymd (&entry.date, 2016, 5, 2);
  entry.amount = 100;
  entry.has_volume = TRUE;
  entry.volume = 5000;
  cab_date_set_ymd (&entry.period, 2016, 4, 1);
  cab_ledger_add_entry (ledger, &entry);
  g_assert_false (cab_ledger_get_entry (ledger, 0)->has_volume);
  g_assert_cmpint (cab_ledger_get_entry (ledger, 0)->volume, ==, 0);
  g_assert_false (g_date_valid (&cab_ledger_get_entry (ledger, 0)->period));

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GString) text = g_string_new (ledger_json);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(CabLedger) decoded = NULL;

      g_assert_cmpint (g_string_replace (text, broken[i][0], broken[i][1], 1), ==, 1);
      node = parse (text->str);
      g_clear_error (&error);
      decoded = cab_ledger_from_json (node, NULL, &error);
      g_assert_null (decoded);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "“entries” item"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/volume/wire", test_volume_wire);
  g_test_add_func ("/core/volume/month", test_month_wire);
  g_test_add_func ("/core/volume/ledger", test_ledger_volumes);
  g_test_add_func ("/core/volume/ledger-rules", test_ledger_volume_rules);

  return g_test_run ();
}
