/* test-order-number.c: the company's payment order numbers (issue 16), kept with the payer's
 * requisites: each written order takes the next one, never the same twice (threads with their
 * own copies of the requisites race for them), the user's "next number" and the bank details
 * saved from Preferences do not undo numbers taken meanwhile, a failed write gives its number
 * back, the numbering wraps after six digits, damaged numbers are refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cab-core.h"
#include "pay/cab-payer-requisites.h"

#define BIC     "041501601"
#define ACCOUNT "40702810400000000001"
#define LOGIN   "1234567890"

#define THREADS 8
#define CLAIMS_PER_THREAD 25

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("order-number-XXXXXX", &error);

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

static CabPayerRequisites *
load (const char *dir)
{
  g_autoptr(GError) error = NULL;
  CabPayerRequisites *self = cab_payer_requisites_load (dir, LOGIN, &error);

  g_assert_no_error (error);
  g_assert_nonnull (self);
  return self;
}

static guint
claim (CabPayerRequisites *self)
{
  g_autoptr(GError) error = NULL;
  guint number = cab_payer_requisites_claim_number (self, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (number, >=, 1);
  return number;
}

/* The only file in @dir. */
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
test_sequence (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(CabPayerRequisites) first = load (dir);
  g_autoptr(CabPayerRequisites) again = NULL;
  g_autoptr(GError) error = NULL;

  /* No order written yet: number 1, and nothing on disk until one is. */
  g_assert_cmpuint (cab_payer_requisites_get_next_number (first), ==, 1);
  g_assert_cmpuint (claim (first), ==, 1);
  g_assert_cmpuint (claim (first), ==, 2);
  g_assert_cmpuint (cab_payer_requisites_get_next_number (first), ==, 3);

  /* Kept on disk, per login. */
  again = load (dir);
  g_assert_cmpuint (cab_payer_requisites_get_next_number (again), ==, 3);
  {
    g_autoptr(GError) other_error = NULL;
    g_autoptr(CabPayerRequisites) other = cab_payer_requisites_load (dir, "0987654321",
                                                                     &other_error);

    g_assert_no_error (other_error);
    g_assert_cmpuint (cab_payer_requisites_get_next_number (other), ==, 1);
  }

  /* Preferences saves the bank details from a copy loaded before: the numbers taken since
   * stay taken. */
  g_assert_cmpuint (claim (again), ==, 3);
  g_assert_true (cab_payer_requisites_set (first, ACCOUNT, BIC, "ПАО «Демо-Банк»", &error));
  g_assert_true (cab_payer_requisites_save (first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cab_payer_requisites_get_next_number (first), ==, 4);
  g_assert_cmpuint (claim (again), ==, 4);
  {
    g_autoptr(CabPayerRequisites) reread = load (dir);

    g_assert_cmpstr (cab_payer_requisites_get_bank_account (reread), ==, ACCOUNT);
    g_assert_cmpuint (cab_payer_requisites_get_next_number (reread), ==, 5);
  }

  /* The user continues the numbering of their accounting program. */
  g_assert_true (cab_payer_requisites_set_next_number (first, 120, &error));
  g_assert_no_error (error);
  g_assert_true (cab_payer_requisites_save (first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (claim (again), ==, 120);
  /* ...and claiming does not change the bank details saved. */
  {
    g_autoptr(CabPayerRequisites) reread = load (dir);

    g_assert_cmpstr (cab_payer_requisites_get_bic (reread), ==, BIC);
    g_assert_cmpstr (cab_payer_requisites_get_bank_name (reread), ==, "ПАО «Демо-Банк»");
    g_assert_cmpuint (cab_payer_requisites_get_next_number (reread), ==, 121);
  }

  /* Clearing the bank details keeps the numbering: the file stays. */
  g_assert_true (cab_payer_requisites_set (again, NULL, NULL, NULL, &error));
  g_assert_true (cab_payer_requisites_save (again, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CabPayerRequisites) reread = load (dir);

    g_assert_false (cab_payer_requisites_is_complete (reread));
    g_assert_cmpuint (cab_payer_requisites_get_next_number (reread), ==, 121);
  }

  remove_dir (dir);
}

static void
test_release (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(CabPayerRequisites) a = load (dir);
  g_autoptr(CabPayerRequisites) b = load (dir);
  g_autoptr(GError) error = NULL;
  guint n;

  /* The order could not be written: its number is given back and taken again. */
  n = claim (a);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (cab_payer_requisites_release_number (a, n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cab_payer_requisites_get_next_number (a), ==, 1);
  g_assert_cmpuint (claim (b), ==, 1);

  /* Another order took a number since: the failed one's stays used, never given twice. */
  n = claim (a);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (claim (b), ==, 3);
  g_assert_true (cab_payer_requisites_release_number (a, n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (claim (a), ==, 4);

  remove_dir (dir);
}

static void
test_wraps_and_refuses (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(CabPayerRequisites) self = load (dir);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *bad[] = { "0", "1000000", "-5", "12a", "", "99999999999999999999" };

  g_assert_false (cab_payer_requisites_set_next_number (self, 0, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_assert_cmpstr (cab_error_get_field (error), ==, "next_number");
  g_clear_error (&error);
  g_assert_false (cab_payer_requisites_set_next_number (self, CAB_PAYER_ORDER_NUMBER_MAX + 1,
                                                        &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpuint (cab_payer_requisites_get_next_number (self), ==, 1);

  /* Six digits at most, then 1 again. */
  g_assert_true (cab_payer_requisites_set_next_number (self, CAB_PAYER_ORDER_NUMBER_MAX, &error));
  g_assert_true (cab_payer_requisites_save (self, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (claim (self), ==, 999999);
  g_assert_cmpuint (claim (self), ==, 1);

  /* A number edited by hand into nonsense: the file is refused, no order is numbered. */
  path = saved_file (dir);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf ("[Payer]\nLogin=" LOGIN "\nNextNumber=%s\n", bad[i]);
      g_autoptr(CabPayerRequisites) loaded = NULL;

      g_test_message ("NextNumber=%s", bad[i]);
      g_assert_true (g_file_set_contents (path, text, -1, &error));
      loaded = cab_payer_requisites_load (dir, LOGIN, &error);
      g_assert_null (loaded);
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
      g_assert_cmpstr (cab_error_get_field (error), ==, "next_number");
      g_clear_error (&error);
      g_assert_cmpuint (cab_payer_requisites_claim_number (self, &error), ==, 0);
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE);
      g_clear_error (&error);
    }

  remove_dir (dir);
}

typedef struct
{
  const char *dir;
  guint       numbers[CLAIMS_PER_THREAD];
} Worker;

static gpointer
claim_many (gpointer data)
{
  Worker *worker = data;
  /* Each thread its own copy, as each window or process would have. */
  g_autoptr(CabPayerRequisites) self = cab_payer_requisites_new (worker->dir, LOGIN);

  for (guint i = 0; i < CLAIMS_PER_THREAD; i++)
    {
      g_autoptr(GError) error = NULL;

      worker->numbers[i] = cab_payer_requisites_claim_number (self, &error);
      g_assert_no_error (error);
    }
  return NULL;
}

static void
test_concurrent (void)
{
  g_autofree char *dir = make_dir ();
  Worker workers[THREADS];
  GThread *threads[THREADS];
  g_autofree gboolean *seen = g_new0 (gboolean, THREADS * CLAIMS_PER_THREAD + 1);
  g_autoptr(CabPayerRequisites) after = NULL;

  for (guint t = 0; t < THREADS; t++)
    {
      workers[t].dir = dir;
      threads[t] = g_thread_new ("claim", claim_many, &workers[t]);
    }
  for (guint t = 0; t < THREADS; t++)
    g_thread_join (threads[t]);

  /* Every number from 1 on exactly once, in order within each thread. */
  for (guint t = 0; t < THREADS; t++)
    for (guint i = 0; i < CLAIMS_PER_THREAD; i++)
      {
        guint n = workers[t].numbers[i];

        g_assert_cmpuint (n, >=, 1);
        g_assert_cmpuint (n, <=, THREADS * CLAIMS_PER_THREAD);
        g_assert_false (seen[n]);
        seen[n] = TRUE;
        if (i > 0)
          g_assert_cmpuint (n, >, workers[t].numbers[i - 1]);
      }
  after = load (dir);
  g_assert_cmpuint (cab_payer_requisites_get_next_number (after), ==,
                    THREADS * CLAIMS_PER_THREAD + 1);

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pay/order-number/sequence", test_sequence);
  g_test_add_func ("/pay/order-number/release", test_release);
  g_test_add_func ("/pay/order-number/wraps-and-refuses", test_wraps_and_refuses);
  g_test_add_func ("/pay/order-number/concurrent", test_concurrent);

  return g_test_run ();
}
