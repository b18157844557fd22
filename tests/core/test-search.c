/* test-search.c: a document number typed in Latin letters finds the one written in Cyrillic
 * look-alikes, and the other way round (issue 15).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-core.h"

static void
test_fold (void)
{
  g_autofree char *cyrillic = cab_search_fold ("А-0701");   /* Cyrillic А */
  g_autofree char *latin = cab_search_fold ("a-0701");      /* Latin a */
  g_autofree char *upper = cab_search_fold ("ВЕКМНОРСТУХ");
  g_autofree char *yo = cab_search_fold ("Ё");
  g_autofree char *wide = cab_search_fold ("\357\274\241-07");  /* full-width Ａ */
  g_autofree char *word = cab_search_fold ("Счет-фактура");

  g_assert_cmpstr (cyrillic, ==, "a-0701");
  g_assert_cmpstr (latin, ==, "a-0701");
  g_assert_cmpstr (upper, ==, "bekmhopctyx");
  g_assert_cmpstr (yo, ==, "e");
  g_assert_cmpstr (wide, ==, "a-07");
  /* Letters without a Latin twin stay as they are. */
  g_assert_cmpstr (word, ==, "c" "\321\207" "et-" "\321\204" "aktypa");  /* ч and ф stay */

  g_assert_null (cab_search_fold ("\377"));
  g_assert_null (cab_search_fold (NULL));
}

static void
test_matches (void)
{
  const char *haystack = "Счет на оплату текущего потребления\nА-0701\n01.07.2016\n1234567890";

  /* Latin A, Cyrillic А, either case */
  g_assert_true (cab_search_matches (haystack, "A-07"));
  g_assert_true (cab_search_matches (haystack, "а-07"));
  g_assert_true (cab_search_matches (haystack, "a-0701 01.07"));
  g_assert_true (cab_search_matches ("СФ-0531/12", "CФ-0531"));   /* Latin C */
  g_assert_true (cab_search_matches ("Счет-фактура", "СЧЕТ"));
  g_assert_true (cab_search_matches (haystack, ""));
  g_assert_true (cab_search_matches (haystack, NULL));
  g_assert_true (cab_search_matches (haystack, "  оплату   "));

  /* The hyphen belongs to the word: "A-08" is not "A" somewhere and "08" elsewhere. */
  g_assert_false (cab_search_matches (haystack, "A-08"));
  g_assert_false (cab_search_matches (haystack, "A-07 1234567891"));
  g_assert_false (cab_search_matches (NULL, "A"));
  g_assert_false (cab_search_matches (haystack, "\377"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/fold", test_fold);
  g_test_add_func ("/search/matches", test_matches);

  return g_test_run ();
}
