/* test-export-csv.c: the reconciliation act as CSV in a Russian locale, read back by the rules
 * Excel and LibreOffice Calc apply with their Russian defaults (issue 15, item 7): a UTF-8 byte
 * order mark tells the encoding, ';' separates the fields, and a cell is a number when it is
 * an optional '-', digits and optionally a decimal comma with digits; anything else is text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "account/cab-statement-export.h"
#include "fig8.h"

typedef enum { CELL_EMPTY, CELL_NUMBER, CELL_TEXT } CellKind;

typedef struct
{
  CellKind  kind;
  double    number;
  char     *text;
} Cell;

typedef struct
{
  GArray *rows;   /* GPtrArray * of Cell *, one per record */
} Sheet;

static void
cell_free (Cell *cell)
{
  g_free (cell->text);
  g_free (cell);
}

/* A Russian spreadsheet's reading of one unquoted cell. */
static Cell *
read_cell (const char *field)
{
  static GRegex *number_re;
  Cell *cell = g_new0 (Cell, 1);

  if (number_re == NULL)
    number_re = g_regex_new ("^-?[0-9]+(,[0-9]+)?$", 0, 0, NULL);

  cell->text = g_strdup (field);
  if (*field == '\0')
    cell->kind = CELL_EMPTY;
  else if (g_regex_match (number_re, field, 0, NULL))
    {
      g_autofree char *c_number = g_strdelimit (g_strdup (field), ",", '.');

      cell->kind = CELL_NUMBER;
      cell->number = g_ascii_strtod (c_number, NULL);
    }
  else
    cell->kind = CELL_TEXT;

  return cell;
}

static gboolean
on_record (const char * const  *fields,
           guint                n_fields,
           guint64              line,
           gpointer             user_data,
           GError             **error)
{
  Sheet *sheet = user_data;
  GPtrArray *row = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);

  for (guint i = 0; i < n_fields; i++)
    g_ptr_array_add (row, read_cell (fields[i]));
  g_array_append_val (sheet->rows, row);

  return TRUE;
}

static Cell *
cell_at (Sheet *sheet,
         guint  row,
         guint  column)
{
  GPtrArray *cells = g_array_index (sheet->rows, GPtrArray *, row);

  g_assert_cmpuint (column, <, cells->len);
  return g_ptr_array_index (cells, column);
}

static void
assert_number (Sheet  *sheet,
               guint   row,
               guint   column,
               double  expected)
{
  Cell *cell = cell_at (sheet, row, column);

  if (cell->kind != CELL_NUMBER)
    g_error ("row %u, column %u: “%s” is not read as a number", row, column, cell->text);
  g_assert_cmpfloat_with_epsilon (cell->number, expected, 0.001);
}

static void
assert_empty (Sheet *sheet,
              guint  row,
              guint  column)
{
  g_assert_cmpint (cell_at (sheet, row, column)->kind, ==, CELL_EMPTY);
}

static void
assert_text (Sheet      *sheet,
             guint       row,
             guint       column,
             const char *expected)
{
  Cell *cell = cell_at (sheet, row, column);

  g_assert_cmpint (cell->kind, ==, CELL_TEXT);
  g_assert_cmpstr (cell->text, ==, expected);
}

static void
sheet_clear (Sheet *sheet)
{
  for (guint i = 0; i < sheet->rows->len; i++)
    g_ptr_array_unref (g_array_index (sheet->rows, GPtrArray *, i));
  g_array_unref (sheet->rows);
}

static void
test_russian_spreadsheet (void)
{
  static const guchar bom[] = { 0xef, 0xbb, 0xbf };
  g_autoptr(CabStatement) statement = fig8_statement ();
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  Sheet sheet = { g_array_new (FALSE, FALSE, sizeof (GPtrArray *)) };

  if (setlocale (LC_ALL, "ru_RU.UTF-8") == NULL)
    {
      g_test_skip ("no ru_RU.UTF-8 locale");
      sheet_clear (&sheet);
      return;
    }
  csv = cab_statement_export_csv (statement);
  setlocale (LC_ALL, "C.UTF-8");

  /* Without the mark Excel reads the bytes as Windows-1251. */
  g_assert_cmpmem (csv, 3, bom, 3);
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  g_assert_true (cab_csv_parse_buffer (csv + 3, strlen (csv + 3), ';', on_record, &sheet,
                                       &error));
  g_assert_no_error (error);

  g_assert_cmpuint (sheet.rows->len, ==, 8);
  for (guint i = 0; i < sheet.rows->len; i++)
    g_assert_cmpuint (g_array_index (sheet.rows, GPtrArray *, i)->len, ==, 3);

  /* The words are the catalogue's (English here: no catalogue is bound). */
  assert_text (&sheet, 0, 0, "Operation");
  assert_text (&sheet, 1, 0, "Balance on 01.05.2016");
  assert_number (&sheet, 1, 1, 608822.79);
  assert_empty (&sheet, 1, 2);
  assert_number (&sheet, 2, 1, -198685.01);
  assert_number (&sheet, 3, 2, 979990.44);
  assert_number (&sheet, 4, 1, 482844.86);
  assert_number (&sheet, 5, 2, 424999.21);
  assert_text (&sheet, 6, 0, "Total turnovers");
  assert_number (&sheet, 6, 1, 284159.85);
  assert_number (&sheet, 6, 2, 1404989.65);
  assert_text (&sheet, 7, 0, "Balance on 01.08.2016");
  assert_empty (&sheet, 7, 1);
  assert_number (&sheet, 7, 2, 512007.01);

  sheet_clear (&sheet);
}

/* Outside a decimal-comma locale the file stays as it was: comma-separated, decimal point,
 * no byte order mark. */
static void
test_english_unchanged (void)
{
  g_autoptr(CabStatement) statement = fig8_statement ();
  g_autofree char *csv = NULL;
  g_autofree char *explicit = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  csv = cab_statement_export_csv (statement);
  g_assert_true (g_str_has_prefix (csv, "Operation,Debit,Credit\r\nBalance on 01.05.2016,608822.79,\r\n"));

  explicit = cab_statement_export_csv_with_style (statement, CAB_MONEY_STYLE_ENGLISH);
  g_assert_cmpstr (explicit, ==, csv);
}

/* The Russian style asked for outright, whatever the locale. */
static void
test_russian_style_explicit (void)
{
  g_autoptr(CabStatement) statement = fig8_statement ();
  g_autofree char *csv = cab_statement_export_csv_with_style (statement, CAB_MONEY_STYLE_RUSSIAN);

  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf" "Operation;Debit;Credit\r\n"
                                        "Balance on 01.05.2016;608822,79;\r\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/csv/russian-spreadsheet", test_russian_spreadsheet);
  g_test_add_func ("/export/csv/english-unchanged", test_english_unchanged);
  g_test_add_func ("/export/csv/russian-style", test_russian_style_explicit);

  return g_test_run ();
}
