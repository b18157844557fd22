/* test-supplier-requisites.c: GET /api/v1/supplier carries every requisite a payment needs
 * (issue 16), and the demo's pass the checks a bank makes: INN and KPP, the accounts' control
 * keys against the BIC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"
#include "cab-bank-account.h"
#include "server-test-util.h"

static void
test_demo_requisites (void)
{
  Server *s = server_start ();
  g_autoptr(Response) r = request (s, "GET", "/api/v1/supplier", NULL, NULL);
  g_autoptr(CabSupplier) supplier = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *keys = cab_supplier_keys ();

  /* Public: no token. */
  g_assert_cmpuint (r->status, ==, 200);
  supplier = cab_supplier_from_json (r->json, &error);
  g_assert_no_error (error);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_test_message ("%s", keys[i]);
      g_assert_true (json_object_has_member (object_of (r), keys[i]));
      g_assert_nonnull (cab_supplier_get (supplier, keys[i]));
    }
  g_assert_cmpuint (json_object_get_size (object_of (r)), ==, g_strv_length ((char **) keys));

  g_assert_true (cab_validate_inn (supplier->inn, &error));
  g_assert_true (cab_validate_kpp (supplier->kpp, &error));
  g_assert_true (cab_bank_check_account (supplier->bank_account, supplier->bic, FALSE,
                                         "bank_account", &error));
  g_assert_no_error (error);
  g_assert_true (cab_bank_check_account (supplier->correspondent_account, supplier->bic, TRUE,
                                         "correspondent_account", &error));
  g_assert_no_error (error);
  g_assert_true (cab_validate_email (supplier->support_email, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (supplier->phone, "+7"));
  g_assert_cmpuint (strlen (supplier->phone), ==, 12);

  server_stop (s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!server_test_init (argc, argv))
    return 1;

  g_test_add_func ("/supplier/demo-requisites", test_demo_requisites);

  return g_test_run ();
}
