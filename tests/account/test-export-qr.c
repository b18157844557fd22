/* test-export-qr.c: the payment QR code printed into the PDF act (issue 16). The act is
 * rasterised by pdftoppm (Debian's poppler-utils) and read by zbarimg (zbar-tools), every field
 * compared with the requisites it was made from; the caption read back by poppler; no code,
 * and the sentence why, when there is nothing to pay.
 *
 * Run as: test-export-qr PDFTOPPM ZBARIMG [g_test options].
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <poppler.h>

#include "account/cab-statement-export.h"
#include "cab-payment-qr.h"
#include "fig8.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static const char *pdftoppm;
static const char *zbarimg;

/* The demo supplier's requisites (made up, each passing the core's checks). */
#define NAME        "ООО «ТЭК-Энерго», филиал «Брянскэнергосбыт»"
#define INN         "3257000008"
#define KPP         "325701001"
#define ACCOUNT     "40702810400000000001"
#define BANK        "ПАО «Демо-Банк», г. Брянск"
#define BIC         "041501601"
#define CORRESP     "30101810400000000601"
/* The manual's Fig. 8 account on 01.06.2016: recommended 157 215,21, VAT 18 % held in it. */
#define PURPOSE     "Оплата за электроэнергию по договору № 12-3456 от 01.12.2015, л/с 1234567890. " \
                    "В т.ч. НДС (18%) 23981-98"

static CabSupplier *
demo_supplier (void)
{
  g_autoptr(CabSupplier) supplier = cab_supplier_new ();
  const char *pairs[] = {
    "name", NAME, "inn", INN, "kpp", KPP, "bank_account", ACCOUNT, "bank_name", BANK,
    "bic", BIC, "correspondent_account", CORRESP,
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i += 2)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (cab_supplier_set (supplier, pairs[i], pairs[i + 1], &error));
      g_assert_no_error (error);
    }
  return g_steal_pointer (&supplier);
}

static char *
work_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("test-export-qr-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
run (const char * const *argv,
     char              **out,
     int                *out_status)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  *out_status = WEXITSTATUS (status);
}

/* The act's first page at 150 dpi, read by zbarimg: the codes' texts, one a line ("" for
 * none). */
static char *
scan_pdf (const char *dir,
          GBytes     *pdf)
{
  g_autofree char *pdf_path = g_build_filename (dir, "act.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_build_filename (dir, "page.png", NULL);
  g_autoptr(GError) error = NULL;
  const char * const render[] = { pdftoppm, "-r", "150", "-f", "1", "-singlefile", "-png",
                                  pdf_path, prefix, NULL };
  const char * const read[] = { zbarimg, "--quiet", "--raw", "--nodbus", png, NULL };
  g_autofree char *ignored = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL),
                                      g_bytes_get_size (pdf), &error));
  g_assert_no_error (error);
  run (render, &ignored, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  run (read, &out, &status);
  /* zbarimg: 0 when it read a code, 4 when the image has none */
  g_assert_true (status == 0 || status == 4);
  if (status == 4)
    g_assert_cmpstr (out, ==, "");
  g_unlink (pdf_path);
  g_unlink (png);
  return out;
}

static char *
pdf_text (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) document = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_autoptr(PopplerPage) page = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  page = poppler_document_get_page (document, 0);
  text = poppler_page_get_text (page);
  /* Wrapped lines and U+00A0 digit groups read as plain spaces. */
  g_strdelimit (text, "\n", ' ');
  parts = g_strsplit (text, "\302\240", -1);
  return g_strjoinv (" ", parts);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
test_qr_in_act (void)
{
  g_autoptr(CabStatement) statement = fig8_statement ();
  g_autoptr(CabSupplier) supplier = demo_supplier ();
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *dir = work_dir ();
  g_autofree char *scanned = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GHashTable) fields = NULL;
  CabStatementPayment payment = { 0 };
  GDate on;
  const char *expected[][2] = {
    { "Name", NAME }, { "PersonalAcc", ACCOUNT }, { "BankName", BANK }, { "BIC", BIC },
    { "CorrespAcc", CORRESP }, { "Sum", "15721521" }, { "Purpose", PURPOSE },
    { "PayeeINN", INN }, { "KPP", KPP }, { "PayerINN", "7707083893" },
    { "PersAcc", "1234567890" },
  };

  cab_date_set_ymd (&on, 2016, 6, 1);
  payload = cab_payment_qr_payload (supplier, 15721521, PURPOSE, "7707083893", "1234567890",
                                    &error);
  g_assert_no_error (error);
  payment.on = &on;
  payment.amount = 15721521;
  payment.payload = payload;
  payment.payee = NAME;
  payment.purpose = PURPOSE;
  pdf = cab_statement_export_pdf_with_payment (statement, NULL, &payment,
                                               CAB_MONEY_STYLE_RUSSIAN, &error);
  g_assert_no_error (error);

  /* One code, every field as given. */
  scanned = scan_pdf (dir, pdf);
  g_strchomp (scanned);
  g_assert_null (strchr (scanned, '\n'));
  fields = cab_payment_qr_parse (scanned, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (fields), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("%s", expected[i][0]);
      g_assert_cmpstr (g_hash_table_lookup (fields, expected[i][0]), ==, expected[i][1]);
    }
  g_assert_cmpstr (scanned, ==, payload);

  /* The caption beside it: the date, the amount, the payee, the purpose; the act above. */
  text = pdf_text (pdf);
  assert_contains (text, "Balance on 01.08.2016");
  assert_contains (text, "Payment by QR code");
  assert_contains (text, "Recommended payment on 01.06.2016: 157 215,21");
  assert_contains (text, "Payee: " NAME);
  assert_contains (text, "Purpose: " PURPOSE);

  remove_dir (dir);
}

static void
test_nothing_to_pay (void)
{
  g_autoptr(CabStatement) statement = fig8_statement ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = work_dir ();
  g_autofree char *scanned = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) plain = NULL;
  CabStatementPayment payment = { 0 };
  GDate on;

  cab_date_set_ymd (&on, 2016, 8, 1);
  payment.on = &on;
  payment.amount = 0;
  payment.note = "No QR code: nothing is to be paid as of 01.08.2016 (the recommended payment is zero).";
  pdf = cab_statement_export_pdf_with_payment (statement, NULL, &payment,
                                               CAB_MONEY_STYLE_ENGLISH, &error);
  g_assert_no_error (error);
  scanned = scan_pdf (dir, pdf);
  g_assert_cmpstr (scanned, ==, "");
  text = pdf_text (pdf);
  assert_contains (text, "Payment by QR code");
  assert_contains (text, payment.note);
  g_assert_null (strstr (text, "Recommended payment on"));

  /* Without a payment at all, the act as before: no code, no section. */
  plain = cab_statement_export_pdf (statement, NULL, CAB_MONEY_STYLE_ENGLISH, &error);
  g_assert_no_error (error);
  g_clear_pointer (&scanned, g_free);
  scanned = scan_pdf (dir, plain);
  g_assert_cmpstr (scanned, ==, "");
  g_clear_pointer (&text, g_free);
  text = pdf_text (plain);
  g_assert_null (strstr (text, "Payment by QR code"));

  remove_dir (dir);
}

/* A payload no QR code holds: the export fails and says why, rather than print no code. */
static void
test_refused (void)
{
  g_autoptr(CabStatement) statement = fig8_statement ();
  g_autoptr(GString) huge = g_string_new (CAB_PAYMENT_QR_HEADER);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  CabStatementPayment payment = { 0 };

  while (huge->len < 2400)
    g_string_append (huge, "|Purpose=xxxxxxxx");
  payment.amount = 100;
  payment.payload = huge->str;
  pdf = cab_statement_export_pdf_with_payment (statement, NULL, &payment,
                                               CAB_MONEY_STYLE_ENGLISH, &error);
  g_assert_null (pdf);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 3)
    {
      g_printerr ("Usage: %s PDFTOPPM ZBARIMG [test options]\n", argv[0]);
      return 2;
    }
  pdftoppm = argv[1];
  zbarimg = argv[2];
  argv[2] = argv[0];
  argv += 2;
  argc -= 2;

  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/pdf/qr-in-act", test_qr_in_act);
  g_test_add_func ("/export/pdf/nothing-to-pay", test_nothing_to_pay);
  g_test_add_func ("/export/pdf/qr-refused", test_refused);

  return g_test_run ();
}
