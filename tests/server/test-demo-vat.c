/* test-demo-vat.c: every demo document that states VAT states the rounded share of its
 * amount (issue 15: 482 844,86 at 18 % is 73 654,30, not 73 654,31).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cab-demo-data.h"
#include "cab-sqlite-store.h"

/* "482 844,86 руб." -> kopecks */
static CabMoney
parse_rub (const char *text)
{
  g_autofree char *copy = g_strdup (text);
  char *suffix = strstr (copy, " руб.");
  CabMoney value = 0;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (suffix);
  *suffix = '\0';
  g_assert_true (cab_money_parse_display (copy, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
test_demo_vat (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cab-vat-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "db.sqlite", NULL);
  g_autoptr(CabSqliteStore) sqlite = cab_sqlite_store_new (path, &error);
  g_autoptr(GPtrArray) docs = NULL;
  GDate today;
  guint checked = 0;
  gboolean saw_manual_case = FALSE;

  g_assert_no_error (error);
  cab_date_set_ymd (&today, 2026, 12, 1);
  g_assert_true (cab_demo_data_seed (CAB_STORE (sqlite), &today, &error));
  g_assert_no_error (error);
  docs = cab_store_list_unrendered (CAB_STORE (sqlite), G_MAXINT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, >, 0);

  for (guint i = 0; i < docs->len; i++)
    {
      CabStoreDocument *doc = g_ptr_array_index (docs, i);
      g_autoptr(JsonNode) root = json_from_string (doc->spec_json, &error);
      JsonArray *lines;
      const char *amount_text = NULL;
      const char *vat_text = NULL;
      guint percent = 0;

      g_assert_no_error (error);
      lines = json_object_get_array_member (json_node_get_object (root), "lines");
      for (guint j = 0; j < json_array_get_length (lines); j++)
        {
          JsonArray *pair = json_array_get_array_element (lines, j);
          const char *label = json_array_get_string_element (pair, 0);
          const char *value = json_array_get_string_element (pair, 1);

          if (g_str_equal (label, "Сумма") || g_str_equal (label, "Стоимость с НДС")
              || g_str_equal (label, "Изменение стоимости"))
            amount_text = value;
          else if (sscanf (label, "В т. ч. НДС (%u%%)", &percent) == 1)
            vat_text = value;
        }
      if (vat_text == NULL)
        continue;
      g_assert_nonnull (amount_text);
      {
        /* The rate in force on the document's date, written out independently. */
        const char *date = json_object_get_string_member (json_node_get_object (root), "date");
        guint year = (guint) g_ascii_strtoull (date, NULL, 10);
        guint rate = year >= 2026 ? 22 : year >= 2019 ? 20 : 18;

        if (percent != rate)
          g_error ("Document %" G_GINT64_FORMAT " of %s: VAT at %u%%, expected %u%%",
                   doc->id, date, percent, rate);
      }
      {
        CabMoney amount = parse_rub (amount_text);
        CabMoney vat = parse_rub (vat_text);
        /* Independently of the code under test: the nearest kopeck, in double precision
         * (exact enough for these magnitudes). */
        double exact = (double) amount * percent / (100 + percent);
        CabMoney expected = (CabMoney) (exact < 0 ? exact - 0.5 : exact + 0.5);

        if (vat != expected)
          g_error ("Document %" G_GINT64_FORMAT ": VAT %s of %s at %u%%, expected %"
                   G_GINT64_FORMAT " kopecks", doc->id, vat_text, amount_text, percent, expected);
        if (amount == 48284486)
          {
            g_assert_cmpint (vat, ==, 7365430);
            saw_manual_case = TRUE;
          }
        checked++;
      }
    }
  g_assert_cmpuint (checked, >, 10);
  g_assert_true (saw_manual_case);

  cab_sqlite_store_close (sqlite);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server/demo-data/vat-rounded", test_demo_vat);
  return g_test_run ();
}
