/* fuzz-csv.c: the import's streaming CSV reader (src/core/cab-csv.c).
 *
 * The same bytes are read twice: whole, and fed in two chunks split where the input's first
 * byte says. A streaming reader must not care where its input was cut, so both reads must
 * give the same records (or fail alike), and every record must keep the reader's limits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-util.h"

static gboolean
collect (const char * const  *fields,
         guint                n_fields,
         guint64              line,
         gpointer             user_data,
         GError             **error)
{
  GString *out = user_data;

  FUZZ_ASSERT (n_fields >= 1 && n_fields <= CAB_CSV_MAX_FIELDS);
  FUZZ_ASSERT (line >= 1);
  g_string_append_printf (out, "%" G_GUINT64_FORMAT ":", line);
  for (guint i = 0; i < n_fields; i++)
    {
      gsize length = strlen (fields[i]);

      FUZZ_ASSERT (length <= CAB_CSV_MAX_FIELD_BYTES);
      /* Length-prefixed, so that no field content can fake a boundary. */
      g_string_append_printf (out, "%" G_GSIZE_FORMAT ",", length);
      g_string_append_len (out, fields[i], length);
    }
  g_string_append_c (out, '\n');
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(GString) whole = g_string_new (NULL);
  g_autoptr(GString) chunked = g_string_new (NULL);
  g_autoptr(GError) whole_error = NULL;
  g_autoptr(GError) chunked_error = NULL;
  g_autoptr(CabCsvReader) reader = NULL;
  gboolean whole_ok, chunked_ok;
  gsize split = size > 0 ? data[0] % (size + 1) : 0;

  whole_ok = cab_csv_parse_buffer (text, size, ';', collect, whole, &whole_error);

  reader = cab_csv_reader_new (';', collect, chunked);
  chunked_ok = cab_csv_reader_feed (reader, text, split, &chunked_error)
               && cab_csv_reader_feed (reader, text + split, size - split, &chunked_error)
               && cab_csv_reader_finish (reader, &chunked_error);

  FUZZ_ASSERT (whole_ok == chunked_ok);
  FUZZ_ASSERT (whole_ok == (whole_error == NULL));
  /* Up to a failure, both saw the same records. */
  if (whole_ok)
    FUZZ_ASSERT (g_string_equal (whole, chunked));
  return 0;
}
