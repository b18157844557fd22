/* test-export.c: the reconciliation act exported as CSV and PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <poppler.h>

#include "account/cab-statement-export.h"
#include "fig8.h"

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static const char me_json[] =
  "{\"login\": \"1234567890\", \"email\": \"demo@example.org\", \"phone\": null,"
  " \"subscribed\": false, \"must_change_password\": false,"
  " \"partner\": {\"dp_code\": \"7700001234\", \"name\": \"ООО «Ромашка»\","
  "   \"address\": \"241050, г. Брянск, ул. Советская, д. 1\", \"contacts\": \"+7 4832 00-00-00\"},"
  " \"contracts\": [{\"account\": \"1234567890\", \"contract_number\": \"12-3456\","
  "   \"contract_date\": \"2015-12-01\", \"branch_name\": null, \"branch_address\": null,"
  "   \"inn\": \"7707083893\", \"kpp\": \"773601001\","
  "   \"terms\": {\"bill1_issue_day\": 1, \"bill1_due_day\": 10, \"bill2_issue_day\": 16,"
  "             \"bill2_due_day\": 25, \"invoice_due_day\": 18}}],"
  " \"visible_accounts\": [\"1234567890\"]}";

static CabMe *
demo_me (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = cab_json_parse_object (me_json, sizeof me_json - 1, &error);
  CabMe *me;

  g_assert_no_error (error);
  me = cab_me_from_json (node, &error);
  g_assert_no_error (error);
  return me;
}

static void
test_csv_fig8 (void)
{
  g_autoptr(CabStatement) statement = fig8_statement ();
  g_autofree char *csv = cab_statement_export_csv (statement);

  g_assert_cmpstr (csv, ==,
                   "Operation,Debit,Credit\r\n"
                   "Balance on 01.05.2016,608822.79,\r\n"
                   "Correction invoice of 24.05.2016,-198685.01,\r\n"
                   "Payment received on 25.05.2016,,979990.44\r\n"
                   "Invoice of 31.05.2016,482844.86,\r\n"
                   "Payment received on 20.06.2016,,424999.21\r\n"
                   "Total turnovers,284159.85,1404989.65\r\n"
                   "Balance on 01.08.2016,,512007.01\r\n");
  g_assert_true (g_utf8_validate (csv, -1, NULL));
}

static char *
pdf_text (GBytes          *pdf,
          PopplerDocument **out_document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) document = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_autoptr(PopplerPage) page = NULL;
  char *text;

  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  page = poppler_document_get_page (document, 0);
  text = poppler_page_get_text (page);

  /* Digit groups are U+00A0 in the Russian style; compare with plain spaces. */
  {
    g_auto(GStrv) parts = g_strsplit (text, "\302\240", -1);

    g_free (text);
    text = g_strjoinv (" ", parts);
  }

  if (out_document != NULL)
    *out_document = g_steal_pointer (&document);
  return text;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
test_pdf_fig8_russian (void)
{
  g_autoptr(CabStatement) statement = fig8_statement ();
  g_autoptr(CabMe) me = demo_me ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = cab_statement_export_pdf (statement, me, CAB_MONEY_STYLE_RUSSIAN, &error);
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autofree char *text = NULL;
  GList *matches;
  double width, height;

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);

  text = pdf_text (pdf, &document);
  assert_contains (text, "Reconciliation act");
  assert_contains (text, "1234567890");
  assert_contains (text, "12-3456 of 01.12.2015");
  assert_contains (text, "ООО «Ромашка» (DP code 7700001234)");
  assert_contains (text, "7707083893 / 773601001");
  assert_contains (text, "01.05.2016 – 01.08.2016");
  assert_contains (text, "Balance on 01.05.2016");
  assert_contains (text, "608 822,79");
  assert_contains (text, "Correction invoice of 24.05.2016");
  assert_contains (text, "-198 685,01");
  assert_contains (text, "979 990,44");
  assert_contains (text, "482 844,86");
  assert_contains (text, "424 999,21");
  assert_contains (text, "Total turnovers");
  assert_contains (text, "284 159,85");
  assert_contains (text, "1 404 989,65");
  assert_contains (text, "Balance on 01.08.2016");
  assert_contains (text, "512 007,01");
  g_assert_null (strstr (text, "-512"));

  /* A4, and the closing balance stands in the credit (rightmost) column. */
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.276, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);
  matches = poppler_page_find_text (page, "512");
  g_assert_cmpuint (g_list_length (matches), ==, 1);
  g_assert_cmpfloat (((PopplerRectangle *)matches->data)->x1, >, width - 56.0 - 110.0);
  g_list_free_full (matches, (GDestroyNotify)poppler_rectangle_free);

  /* The opening balance in the debit column, left of the credit one. */
  matches = poppler_page_find_text (page, "608");
  g_assert_cmpuint (g_list_length (matches), ==, 1);
  g_assert_cmpfloat (((PopplerRectangle *)matches->data)->x2, <, width - 56.0 - 110.0);
  g_assert_cmpfloat (((PopplerRectangle *)matches->data)->x1, >, width / 2);
  g_list_free_full (matches, (GDestroyNotify)poppler_rectangle_free);
}

static void
test_pdf_english_without_me (void)
{
  g_autoptr(CabStatement) statement = fig8_statement ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = cab_statement_export_pdf (statement, NULL, CAB_MONEY_STYLE_ENGLISH, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = pdf_text (pdf, NULL);
  assert_contains (text, "284,159.85");
  assert_contains (text, "1,404,989.65");
  assert_contains (text, "512,007.01");
  g_assert_null (strstr (text, "Partner:"));
}

static void
test_pdf_many_rows (void)
{
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(CabStatement) statement = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(PopplerPage) last = NULL;
  g_autofree char *text = NULL;
  GDate from, to;

  /* 120 payments do not fit one page: the table goes on, the closing balance ends it. */
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 1, 2016);
  g_date_set_dmy (&to, 1, 1, 2017);
  ledger = cab_ledger_new (&from, 0, NULL);
  for (guint i = 0; i < 120; i++)
    {
      GDate day = from;

      g_date_add_days (&day, i * 3);
      cab_ledger_add (ledger, CAB_ENTRY_PAYMENT, &day, 100, i + 1);
    }
  statement = cab_statement_compute (ledger, &from, &to, &error);
  g_assert_no_error (error);
  pdf = cab_statement_export_pdf (statement, NULL, CAB_MONEY_STYLE_ENGLISH, &error);
  g_assert_no_error (error);

  document = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), >=, 3);
  last = poppler_document_get_page (document, poppler_document_get_n_pages (document) - 1);
  text = poppler_page_get_text (last);
  assert_contains (text, "Balance on 01.01.2017");
  assert_contains (text, "120.00");
  assert_contains (text, "Operation");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/csv/fig8", test_csv_fig8);
  g_test_add_func ("/export/pdf/fig8-russian", test_pdf_fig8_russian);
  g_test_add_func ("/export/pdf/english-without-me", test_pdf_english_without_me);
  g_test_add_func ("/export/pdf/many-rows", test_pdf_many_rows);

  return g_test_run ();
}
