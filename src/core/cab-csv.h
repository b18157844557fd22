/* cab-csv.h: a streaming RFC 4180 reader. It does no I/O: bytes are pushed in with
 * cab_csv_reader_feed() in chunks of any size (a GInputStream's reads, a fuzzer's buffer) and
 * each complete record is handed to a callback, so memory is bounded by the longest record,
 * never by the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits that keep a hostile file from using memory without bound. */
#define CAB_CSV_MAX_FIELD_BYTES  (64 * 1024)
#define CAB_CSV_MAX_FIELDS       256

/* One record: @fields[0..@n_fields-1], NUL-terminated (a field may hold NUL bytes: then its
 * C string ends early; callers validate UTF-8 themselves). @line is the 1-based line where
 * the record starts. Return FALSE (with @error set) to stop the reader. */
typedef gboolean (*CabCsvRecordFunc) (const char * const  *fields,
                                      guint                n_fields,
                                      guint64              line,
                                      gpointer             user_data,
                                      GError             **error);

typedef struct _CabCsvReader CabCsvReader;

/* @delimiter: ';' for the import format. A UTF-8 byte order mark at the very start is
 * skipped. */
CabCsvReader *cab_csv_reader_new     (char               delimiter,
                                      CabCsvRecordFunc   func,
                                      gpointer           user_data);
void          cab_csv_reader_free    (CabCsvReader      *self);
/* FALSE on a syntax error (CAB_ERROR_INVALID_VALUE, the message starts with the line
 * number as "LINE: ") or when the callback stops; the reader cannot be fed after that. */
gboolean      cab_csv_reader_feed    (CabCsvReader      *self,
                                      const char        *data,
                                      gsize              length,
                                      GError           **error);
/* Ends the input: hands over a last record without a line break, fails on an open quote. */
gboolean      cab_csv_reader_finish  (CabCsvReader      *self,
                                      GError           **error);
/* The line the reader has reached (for progress and errors). */
guint64       cab_csv_reader_get_line (CabCsvReader     *self);

/* The whole of @data at once: what a fuzzer calls. */
gboolean      cab_csv_parse_buffer   (const char        *data,
                                      gsize              length,
                                      char               delimiter,
                                      CabCsvRecordFunc   func,
                                      gpointer           user_data,
                                      GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabCsvReader, cab_csv_reader_free)

G_END_DECLS
