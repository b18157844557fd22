/* pay-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pay-test-util.h"

GHashTable *
pay_test_parse_order (const char *path)
{
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_true (g_file_get_contents (path, &raw, &length, &error));
  g_assert_no_error (error);
  text = g_convert (raw, length, "UTF-8", "WINDOWS-1251", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "1CClientBankExchange\r\n"));
  g_assert_true (g_str_has_suffix (text, "КонецФайла\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *eq = strchr (lines[i], '=');

      g_assert_null (strchr (lines[i], '\n'));
      if (eq != NULL)
        g_hash_table_insert (fields, g_strndup (lines[i], eq - lines[i]), g_strdup (eq + 1));
    }
  return fields;
}

static void
find_panels (GtkWidget *widget,
             GPtrArray *found)
{
  if (CAB_IS_PAYMENT_PANEL (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_panels (child, found);
}

CabPaymentPanel *
pay_test_find_panel (GtkWidget *root)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  find_panels (root, found);
  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}
