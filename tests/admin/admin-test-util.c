/* admin-test-util.c: what the tests of tek-cabinet-admin share (admin-test-util.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <string.h>

#include "admin-test-util.h"

const char *admin_binary;

void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

gboolean
admin_test_init (int   argc,
                 char *argv[])
{
  if (!server_test_init (argc, argv))
    return FALSE;
  admin_binary = argc > 2 ? argv[2] : g_getenv ("CAB_ADMIN_BINARY");
  if (admin_binary == NULL)
    {
      g_printerr ("usage: %s PATH-TO-tek-cabinet-server PATH-TO-tek-cabinet-admin\n", argv[0]);
      return FALSE;
    }
  return TRUE;
}

void
admin_run (Run        *r,
           const char *db,
           const char *mail_dir,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) admin_binary);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  g_ptr_array_add (argv, (char *) "--mail-dir");
  g_ptr_array_add (argv, (char *) mail_dir);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run_clear (r);
  process = spawn ((const char * const *) argv->pdata, NULL,
                   G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &r->out, &r->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  r->status = g_subprocess_get_exit_status (process);
  if (g_test_verbose ())
    g_printerr ("admin %s → %d\n%s%s", first, r->status, r->out, r->err);
}

void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

char *
make_inn (const char *prefix)
{
  static const guint weights[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  guint sum = 0;

  for (guint i = 0; i < 9; i++)
    sum += weights[i] * (guint) (prefix[i] - '0');
  return g_strdup_printf ("%.9s%u", prefix, (sum % 11) % 10);
}

void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
}

void
write_pdf (const char *dir,
           const char *name,
           const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 200, 100);
  cairo_t *cr = cairo_create (surface);

  cairo_move_to (cr, 10, 50);
  cairo_show_text (cr, text);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}
