/* test-qr-texture.c: the demo's payment QR codes, drawn as a texture and onto cairo, saved as
 * PNG and read back by a real scanner (zbarimg from Debian's zbar-tools); every field compared.
 *
 * The payments come from the real demo server: its supplier requisites, the demo user's
 * contracts and ledgers, and the recommended payment the core computes from them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <qrencode.h>

#include "cab-core.h"
#include "cab-payment-qr.h"
#include "pay/cab-qr-texture.h"
#include "server-test-util.h"

typedef struct
{
  char     *payload;
  char     *what;
} Case;

static const char *zbarimg;
static Server *server;
static char *work_dir;
static GPtrArray *cases;   /* of Case */

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->payload);
  g_free (c->what);
  g_free (c);
}

static JsonNode *
get_json (const char *path,
          const char *token)
{
  g_autoptr(Response) r = request (server, "GET", path, token, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_nonnull (r->json);
  return json_node_ref (r->json);
}

static void
add_case (const CabSupplier  *supplier,
          const CabContract  *contract,
          CabMoney            sum,
          const GDate        *on,
          const char         *bill_number,
          const GDate        *bill_date,
          const char         *what)
{
  CabPaymentPurpose purpose = {
    .contract_number = contract->contract_number,
    .contract_date = &contract->contract_date,
    .account = contract->account,
    .bill_number = bill_number,
    .bill_date = bill_date,
    .amount = sum,
    .vat_percent = cab_payment_vat_percent (bill_date != NULL ? bill_date : on),
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = cab_payment_purpose_build (&purpose, &error);
  Case *c = g_new0 (Case, 1);

  g_assert_no_error (error);
  c->payload = cab_payment_qr_payload (supplier, sum, text, contract->inn, contract->account,
                                       &error);
  g_assert_no_error (error);
  c->what = g_strdup (what);
  g_ptr_array_add (cases, c);
}

/* The demo's payments: each account's recommended payment today, when there is one, and the
 * manual's Fig. 8 account on 01.06.2016 (recommended 157 215,21) and its bill of that day. */
static void
collect_cases (void)
{
  g_autoptr(JsonNode) supplier_json = get_json ("/api/v1/supplier", NULL);
  g_autoptr(JsonNode) health = get_json ("/api/v1/health", NULL);
  g_autofree char *token = sign_in (server, DEMO_LOGIN, DEMO_PASSWORD);
  g_autoptr(JsonNode) me_json = get_json ("/api/v1/me", token);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabSupplier) supplier = cab_supplier_from_json (supplier_json, &error);
  g_autoptr(CabMe) me = NULL;
  GDate today, fig8_day;

  g_assert_no_error (error);
  me = cab_me_from_json (me_json, &error);
  g_assert_no_error (error);
  g_assert_true (cab_date_parse_iso (json_object_get_string_member (json_node_get_object (health),
                                                                    "today"), &today, &error));
  cab_date_set_ymd (&fig8_day, 2016, 6, 1);

  for (guint i = 0; i < me->contracts->len; i++)
    {
      CabContract *contract = g_ptr_array_index (me->contracts, i);
      g_autofree char *path = g_strdup_printf ("/api/v1/accounts/%s/ledger", contract->account);
      g_autoptr(JsonNode) ledger_json = get_json (path, token);
      g_autoptr(CabLedger) ledger = cab_ledger_from_json (ledger_json, NULL, &error);
      CabMoney recommended;

      g_assert_no_error (error);
      recommended = cab_debt_recommended_payment (ledger, &today);
      if (recommended > 0)
        {
          g_autofree char *what = g_strdup_printf ("%s today", contract->account);

          add_case (supplier, contract, recommended, &today, NULL, NULL, what);
        }
      else
        {
          /* Nothing to pay: no QR code, and the core says why. */
          g_autofree char *none = cab_payment_qr_payload (supplier, recommended, NULL, NULL, NULL,
                                                          &error);

          g_assert_null (none);
          g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_MONEY);
          g_clear_error (&error);
        }

      if (g_str_equal (contract->account, DEMO_LOGIN))
        {
          g_autoptr(JsonNode) bills_json = NULL;
          g_autoptr(CabBillList) bills = NULL;
          CabBill *bill;

          g_assert_cmpint (cab_debt_recommended_payment (ledger, &fig8_day), ==, 15721521);
          add_case (supplier, contract, 15721521, &fig8_day, NULL, NULL, "Fig. 8, 01.06.2016");

          g_clear_pointer (&path, g_free);
          path = g_strdup_printf ("/api/v1/accounts/%s/bills?from=2016-06-01&to=2016-06-02",
                                  contract->account);
          bills_json = get_json (path, token);
          bills = cab_bill_list_from_json (bills_json, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (bills->bills->len, ==, 1);
          bill = g_ptr_array_index (bills->bills, 0);
          g_assert_cmpint (bill->amount, ==, 24422301);
          add_case (supplier, contract, bill->amount, &fig8_day, bill->number, &bill->date,
                    "Fig. 8 bill of 01.06.2016");
        }
    }
  g_assert_cmpuint (cases->len, >=, 2);
}

/* What zbarimg reads in @png: exactly one QR code, its text. */
static char *
scan (const char *png)
{
  const char * const argv[] = { zbarimg, "--quiet", "--raw", "--nodbus", png, NULL };
  g_autoptr(GSubprocess) process = spawn (argv, NULL, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  /* One code, one line. */
  g_assert_true (g_str_has_suffix (out, "\n"));
  out[strlen (out) - 1] = '\0';
  g_assert_null (strchr (out, '\n'));
  return g_steal_pointer (&out);
}

static void
assert_same_fields (const char *expected,
                    const char *scanned)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) want = cab_payment_qr_parse (expected, &error);
  g_autoptr(GHashTable) got = NULL;
  GHashTableIter iter;
  gpointer key, value;
  static const char * const keys[] = {
    "Name", "PersonalAcc", "BankName", "BIC", "CorrespAcc", "Sum", "Purpose", "PayeeINN", "KPP",
    "PayerINN", "PersAcc",
  };

  g_assert_no_error (error);
  got = cab_payment_qr_parse (scanned, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (g_hash_table_contains (got, keys[i]));
  g_assert_cmpuint (g_hash_table_size (got), ==, g_hash_table_size (want));
  g_hash_table_iter_init (&iter, want);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_test_message ("%s", (const char *) key);
      g_assert_cmpstr (g_hash_table_lookup (got, key), ==, value);
    }
  g_assert_cmpstr (scanned, ==, expected);
}

static void
test_texture_scans (void)
{
  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = g_ptr_array_index (cases, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = cab_qr_texture_new (c->payload, 3, &error);
      g_autofree char *png = g_build_filename (work_dir, "texture.png", NULL);
      g_autofree char *scanned = NULL;

      g_test_message ("%s: %s", c->what, c->payload);
      g_assert_no_error (error);
      g_assert_true (gdk_texture_save_to_png (texture, png));
      scanned = scan (png);
      assert_same_fields (c->payload, scanned);
      g_unlink (png);
    }
}

static void
test_cairo_scans (void)
{
  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = g_ptr_array_index (cases, i);
      g_autoptr(GError) error = NULL;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 400);
      cairo_t *cr = cairo_create (surface);
      g_autofree char *png = g_build_filename (work_dir, "cairo.png", NULL);
      g_autofree char *scanned = NULL;

      /* A grey page with the code somewhere on it, as on the act. */
      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0.2, 0.4, 0.6);
      g_assert_true (cab_qr_draw (cr, c->payload, 40, 30, 330, &error));
      g_assert_no_error (error);
      /* The source and the rest of the state are the caller's again. */
      {
        double r, g, b;

        g_assert_cmpint (cairo_pattern_get_rgba (cairo_get_source (cr), &r, &g, &b, NULL), ==,
                         CAIRO_STATUS_SUCCESS);
        g_assert_cmpfloat (b, ==, 0.6);
      }
      cairo_destroy (cr);
      g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
      scanned = scan (png);
      assert_same_fields (c->payload, scanned);
      g_unlink (png);
    }
}

/* What the panel and the bill's popover draw on screen: whole pixels per module, fitted into
 * any allocation, and scanned back; the side asked for stays within 2 to 4 pixels per module. */
static void
test_fitted_on_screen (void)
{
  const Case *c = g_ptr_array_index (cases, 0);
  guint modules = cab_qr_count_modules (c->payload, NULL);
  guint side = cab_qr_screen_side (c->payload, 300);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 333, 517);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *png = g_build_filename (work_dir, "fitted.png", NULL);
  g_autofree char *scanned = NULL;
  guint32 *pixels;
  int stride, drawn;

  g_assert_cmpuint (modules, >, 0);
  g_assert_cmpuint (side % modules, ==, 0);
  g_assert_cmpuint (side / modules, >=, 2);
  g_assert_cmpuint (side / modules, <=, 4);
  g_assert_true (side <= 300 || side / modules == 2);
  g_assert_cmpuint (cab_qr_screen_side (NULL, 300), ==, 0);

  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
  cab_qr_draw_fitted (cr, c->payload, 333, 517);
  cab_qr_draw_fitted (cr, NULL, 333, 517);  /* nothing, no crash */
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The square is the largest whole multiple of the modules within 333 px; red beyond it. */
  drawn = (333 / (int) modules) * (int) modules;
  pixels = (guint32 *) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  g_assert_cmphex (pixels[0] & 0xffffff, ==, 0xffffff);              /* quiet zone */
  g_assert_cmphex (pixels[drawn - 1] & 0xffffff, ==, 0xffffff);
  g_assert_cmphex (pixels[drawn] & 0xffffff, ==, 0xff0000);
  g_assert_cmphex (pixels[drawn * stride] & 0xffffff, ==, 0xff0000);

  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  scanned = scan (png);
  assert_same_fields (c->payload, scanned);
  g_unlink (png);
}

static void
test_crisp_at_every_scale (void)
{
  const Case *c = g_ptr_array_index (cases, 0);
  g_autoptr(GError) error = NULL;
  guint modules = cab_qr_count_modules (c->payload, &error);
  g_autofree guint8 *one = NULL;
  gsize one_stride = (gsize) modules * 4;

  g_assert_no_error (error);
  g_assert_cmpuint (modules, >=, 21 + 2 * CAB_QR_QUIET_ZONE);
  g_assert_cmpuint ((modules - 2 * CAB_QR_QUIET_ZONE - 17) % 4, ==, 0);

  for (guint scale = 1; scale <= 7; scale++)
    {
      g_autoptr(GdkTexture) texture = cab_qr_texture_new (c->payload, scale, &error);
      guint side = modules * scale;
      gsize stride = (gsize) side * 4;
      g_autofree guint8 *pixels = g_malloc (stride * side);

      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, side);
      g_assert_cmpint (gdk_texture_get_height (texture), ==, side);
      gdk_texture_download (texture, pixels, stride);
      if (scale == 1)
        one = g_memdup2 (pixels, stride * side);

      for (guint y = 0; y < side; y++)
        for (guint x = 0; x < side; x++)
          {
            const guint8 *px = pixels + y * stride + x * 4;
            const guint8 *module = one + (y / scale) * one_stride + (x / scale) * 4;
            gboolean quiet = x / scale < CAB_QR_QUIET_ZONE || y / scale < CAB_QR_QUIET_ZONE ||
                             x / scale >= modules - CAB_QR_QUIET_ZONE ||
                             y / scale >= modules - CAB_QR_QUIET_ZONE;

            /* Pure black or white, opaque; each pixel is its module's colour. */
            g_assert_true (px[0] == 0 || px[0] == 0xFF);
            g_assert_true (px[0] == px[1] && px[1] == px[2]);
            g_assert_cmpuint (px[3], ==, 0xFF);
            g_assert_cmpuint (px[0], ==, module[0]);
            if (quiet)
              g_assert_cmpuint (px[0], ==, 0xFF);
          }
    }

  /* The finder pattern's corner sits right after the quiet zone. */
  g_assert_cmpuint (one[CAB_QR_QUIET_ZONE * one_stride + CAB_QR_QUIET_ZONE * 4], ==, 0);

  /* Module for module the code of error correction level M, and not that of level L. */
  for (guint level = 0; level < 2; level++)
    {
      QRcode *code = QRcode_encodeData ((int) strlen (c->payload),
                                        (const unsigned char *) c->payload, 0,
                                        level == 0 ? QR_ECLEVEL_M : QR_ECLEVEL_L);
      gboolean same = (guint) code->width + 2 * CAB_QR_QUIET_ZONE == modules;

      for (int y = 0; same && y < code->width; y++)
        for (int x = 0; same && x < code->width; x++)
          {
            const guint8 *px = one + (gsize) (y + CAB_QR_QUIET_ZONE) * one_stride +
                               (gsize) (x + CAB_QR_QUIET_ZONE) * 4;

            same = ((code->data[y * code->width + x] & 1) != 0) == (px[0] == 0);
          }
      g_assert_true (level == 0 ? same : !same);
      QRcode_free (code);
    }
}

static void
test_refused (void)
{
  g_autoptr(GString) huge = g_string_new (CAB_PAYMENT_QR_HEADER);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 10, 10);
  cairo_t *cr = cairo_create (surface);
  GError *error = NULL;

  g_assert_null (cab_qr_texture_new ("", 1, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_null (cab_qr_texture_new ("\xff", 1, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_null (cab_qr_texture_new ("x", 0, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_null (cab_qr_texture_new ("x", 1000, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* Past what a version 40 code holds at level M (2331 bytes). */
  while (huge->len < 2400)
    g_string_append (huge, "|Purpose=xxxxxxxx");
  g_assert_null (cab_qr_texture_new (huge->str, 1, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (cab_qr_draw (cr, huge->str, 0, 0, 10, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (cab_qr_draw (cr, "x", 0, 0, 0, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!server_test_init (argc, argv))
    return 1;
  zbarimg = argc > 2 ? argv[2] : NULL;
  if (zbarimg == NULL || !g_file_test (zbarimg, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("usage: %s PATH-TO-tek-cabinet-server PATH-TO-zbarimg\n", argv[0]);
      return 1;
    }

  work_dir = g_dir_make_tmp ("test-qr-texture-XXXXXX", &error);
  g_assert_no_error (error);
  server = server_start ();
  cases = g_ptr_array_new_with_free_func (case_free);
  collect_cases ();
  server_stop (server);

  g_test_add_func ("/qr-texture/texture-scans", test_texture_scans);
  g_test_add_func ("/qr-texture/cairo-scans", test_cairo_scans);
  g_test_add_func ("/qr-texture/crisp-at-every-scale", test_crisp_at_every_scale);
  g_test_add_func ("/qr-texture/fitted-on-screen", test_fitted_on_screen);
  g_test_add_func ("/qr-texture/refused", test_refused);

  status = g_test_run ();
  g_ptr_array_unref (cases);
  remove_tree (work_dir);
  g_free (work_dir);
  return status;
}
