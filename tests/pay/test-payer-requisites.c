/* test-payer-requisites.c: the payer's bank requisites kept per login (issue 16), without a
 * display: checks at each field, the round trip through the key file, one file per login,
 * damaged and foreign files refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cab-core.h"
#include "pay/cab-payer-requisites.h"

/* A client's account at the demo bank whose control key matches its BIC. */
#define BIC     "041501601"
#define ACCOUNT "40702810400000000001"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("payer-requisites-XXXXXX", &error);

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

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_dir (path);
      else
        g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
assert_refused (CabPayerRequisites *self,
                const char         *account,
                const char         *bic,
                const char         *name,
                const char         *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cab_payer_requisites_set (self, account, bic, name, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_assert_cmpstr (cab_error_get_field (error), ==, field);
}

static void
test_checks (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CabPayerRequisites) self = cab_payer_requisites_load (dir, "1234567890", &error);

  g_assert_no_error (error);
  g_assert_false (cab_payer_requisites_is_complete (self));
  g_assert_null (cab_payer_requisites_get_bank_account (self));

  assert_refused (self, ACCOUNT, "04150160", NULL, "bic");
  assert_refused (self, ACCOUNT, "04150160x", NULL, "bic");
  assert_refused (self, "40702810500000000001", BIC, NULL, "bank_account");   /* control key */
  assert_refused (self, "4070281040000000000", BIC, NULL, "bank_account");    /* 19 digits */
  assert_refused (self, ACCOUNT, NULL, NULL, "bic");
  assert_refused (self, NULL, BIC, NULL, "bank_account");
  assert_refused (self, ACCOUNT, BIC, "Банк\nвторая строка", "bank_name");
  {
    g_autoptr(GString) long_name = g_string_new (NULL);

    for (guint i = 0; i <= CAB_PAYER_BANK_NAME_MAX; i++)
      g_string_append (long_name, "Б");
    assert_refused (self, ACCOUNT, BIC, long_name->str, "bank_name");
  }
  /* a refused value changes nothing */
  g_assert_null (cab_payer_requisites_get_bic (self));

  /* spaces as people paste them are dropped */
  g_assert_true (cab_payer_requisites_set (self, "40702 810 4 0000 0000001", " 041 501 601 ",
                                           "  ПАО «Демо-Банк»  ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cab_payer_requisites_get_bank_account (self), ==, ACCOUNT);
  g_assert_cmpstr (cab_payer_requisites_get_bic (self), ==, BIC);
  g_assert_cmpstr (cab_payer_requisites_get_bank_name (self), ==, "ПАО «Демо-Банк»");
  g_assert_true (cab_payer_requisites_is_complete (self));

  remove_dir (dir);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CabPayerRequisites) first = cab_payer_requisites_load (dir, "1234567890", &error);
  g_autoptr(CabPayerRequisites) again = NULL;
  g_autoptr(CabPayerRequisites) other = NULL;
  g_autoptr(CabPayerRequisites) cleared = NULL;

  g_assert_no_error (error);
  g_assert_true (cab_payer_requisites_set (first, ACCOUNT, BIC, "ПАО «Демо-Банк», г. Брянск", &error));
  g_assert_true (cab_payer_requisites_save (first, &error));
  g_assert_no_error (error);

  again = cab_payer_requisites_load (dir, "1234567890", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cab_payer_requisites_get_login (again), ==, "1234567890");
  g_assert_cmpstr (cab_payer_requisites_get_bank_account (again), ==, ACCOUNT);
  g_assert_cmpstr (cab_payer_requisites_get_bic (again), ==, BIC);
  g_assert_cmpstr (cab_payer_requisites_get_bank_name (again), ==, "ПАО «Демо-Банк», г. Брянск");

  /* another company keeps its own, here none */
  other = cab_payer_requisites_load (dir, "../1234567890", &error);
  g_assert_no_error (error);
  g_assert_null (cab_payer_requisites_get_bank_account (other));

  /* clearing everything removes the file */
  g_assert_true (cab_payer_requisites_set (again, NULL, "", NULL, &error));
  g_assert_true (cab_payer_requisites_save (again, &error));
  g_assert_no_error (error);
  cleared = cab_payer_requisites_load (dir, "1234567890", &error);
  g_assert_no_error (error);
  g_assert_false (cab_payer_requisites_is_complete (cleared));

  remove_dir (dir);
}

/* The only file in @dir (the one just saved). */
static char *
saved_file (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name = g_dir_read_name (handle);

  g_assert_nonnull (name);
  g_assert_null (g_dir_read_name (handle));
  return g_build_filename (dir, name, NULL);
}

static void
test_bad_files (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CabPayerRequisites) self = cab_payer_requisites_load (dir, "1234567890", &error);
  GStatBuf st;
  const char *bad[] = {
    /* edited by hand: the control key no longer matches */
    "[Payer]\nLogin=1234567890\nBankAccount=40702810500000000001\nBIC=" BIC "\n",
    /* another company's file copied over */
    "[Payer]\nLogin=0987654321\nBankAccount=" ACCOUNT "\nBIC=" BIC "\n",
    /* not a key file */
    "\xff\xfe garbage",
  };

  g_assert_true (cab_payer_requisites_set (self, ACCOUNT, BIC, NULL, &error));
  g_assert_true (cab_payer_requisites_save (self, &error));
  g_assert_no_error (error);
  path = saved_file (dir);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CabPayerRequisites) loaded = NULL;

      g_assert_true (g_file_set_contents (path, bad[i], -1, &error));
      loaded = cab_payer_requisites_load (dir, "1234567890", &error);
      g_assert_null (loaded);
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
      g_clear_error (&error);
    }

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pay/payer-requisites/checks", test_checks);
  g_test_add_func ("/pay/payer-requisites/round-trip", test_round_trip);
  g_test_add_func ("/pay/payer-requisites/bad-files", test_bad_files);

  return g_test_run ();
}
