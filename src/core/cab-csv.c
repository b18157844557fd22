/* cab-csv.c: a streaming RFC 4180 reader; see cab-csv.h.
 *
 * A byte-at-a-time state machine: a record may be split across feeds anywhere, even inside
 * a CR LF pair or a doubled quote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-csv.h"
#include "cab-error.h"

typedef enum
{
  STATE_FIELD_START,   /* at the start of a field */
  STATE_UNQUOTED,      /* inside a field without quotes */
  STATE_QUOTED,        /* inside "..." */
  STATE_QUOTE_IN_QUOTED, /* a '"' seen inside "...": the end, or the first of "" */
  STATE_AFTER_CR,      /* a CR ended a record; a LF may follow */
  STATE_FAILED,
} State;

struct _CabCsvReader
{
  char              delimiter;
  CabCsvRecordFunc  func;
  gpointer          user_data;
  State             state;
  GString          *field;
  GPtrArray        *fields;        /* char *, owned */
  guint64           line;          /* the line the reader is on */
  guint64           record_line;   /* the line the current record started on */
  guint             bom_seen;      /* bytes of a leading BOM matched so far */
  gboolean          started;       /* past the possible BOM */
  gboolean          record_open;   /* something of the current record has been read */
};

static const guchar bom[] = { 0xef, 0xbb, 0xbf };

CabCsvReader *
cab_csv_reader_new (char              delimiter,
                    CabCsvRecordFunc  func,
                    gpointer          user_data)
{
  CabCsvReader *self = g_new0 (CabCsvReader, 1);

  self->delimiter = delimiter;
  self->func = func;
  self->user_data = user_data;
  self->state = STATE_FIELD_START;
  self->field = g_string_sized_new (64);
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->line = 1;
  self->record_line = 1;
  return self;
}

void
cab_csv_reader_free (CabCsvReader *self)
{
  if (self == NULL)
    return;
  g_string_free (self->field, TRUE);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

guint64
cab_csv_reader_get_line (CabCsvReader *self)
{
  return self->line;
}

static gboolean
fail (CabCsvReader  *self,
      GError       **error,
      const char    *what)
{
  self->state = STATE_FAILED;
  g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "%" G_GUINT64_FORMAT ": %s",
               self->line, what);
  return FALSE;
}

static gboolean
end_field (CabCsvReader  *self,
           GError       **error)
{
  if (self->fields->len >= CAB_CSV_MAX_FIELDS)
    return fail (self, error, "too many fields in one record");
  g_ptr_array_add (self->fields, g_strndup (self->field->str, self->field->len));
  g_string_truncate (self->field, 0);
  return TRUE;
}

static gboolean
end_record (CabCsvReader  *self,
            GError       **error)
{
  gboolean ok;

  if (!end_field (self, error))
    return FALSE;
  g_ptr_array_add (self->fields, NULL);
  ok = self->func ((const char * const *) self->fields->pdata, self->fields->len - 1,
                   self->record_line, self->user_data, error);
  g_ptr_array_set_size (self->fields, 0);
  self->record_open = FALSE;
  if (!ok)
    self->state = STATE_FAILED;
  return ok;
}

static gboolean
append (CabCsvReader  *self,
        char           c,
        GError       **error)
{
  if (self->field->len >= CAB_CSV_MAX_FIELD_BYTES)
    return fail (self, error, "a field longer than 64 KiB");
  g_string_append_c (self->field, c);
  return TRUE;
}

/* Starts a new record at a line break, unless the line was empty (those are skipped). */
static gboolean
line_break (CabCsvReader  *self,
            GError       **error)
{
  gboolean ok = TRUE;

  if (self->record_open || self->fields->len > 0 || self->field->len > 0)
    ok = end_record (self, error);
  self->line++;
  self->record_line = self->line;
  return ok;
}

static gboolean
feed_byte (CabCsvReader  *self,
           char           c,
           GError       **error)
{
  switch (self->state)
    {
    case STATE_AFTER_CR:
      self->state = STATE_FIELD_START;
      if (c == '\n')
        return TRUE;
      G_GNUC_FALLTHROUGH;
    case STATE_FIELD_START:
      if (c == '"')
        {
          self->record_open = TRUE;
          self->state = STATE_QUOTED;
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case STATE_UNQUOTED:
      if (c == self->delimiter)
        {
          self->record_open = TRUE;
          self->state = STATE_FIELD_START;
          return end_field (self, error);
        }
      if (c == '\r' || c == '\n')
        {
          self->state = c == '\r' ? STATE_AFTER_CR : STATE_FIELD_START;
          return line_break (self, error);
        }
      if (c == '"')
        return fail (self, error, "a quote inside a field that does not start with one");
      self->record_open = TRUE;
      self->state = STATE_UNQUOTED;
      return append (self, c, error);
    case STATE_QUOTED:
      if (c == '"')
        {
          self->state = STATE_QUOTE_IN_QUOTED;
          return TRUE;
        }
      if (c == '\n')
        self->line++;
      return append (self, c, error);
    case STATE_QUOTE_IN_QUOTED:
      if (c == '"')
        {
          self->state = STATE_QUOTED;
          return append (self, c, error);
        }
      if (c == self->delimiter)
        {
          self->state = STATE_FIELD_START;
          return end_field (self, error);
        }
      if (c == '\r' || c == '\n')
        {
          self->state = c == '\r' ? STATE_AFTER_CR : STATE_FIELD_START;
          return line_break (self, error);
        }
      return fail (self, error, "text after the closing quote of a field");
    case STATE_FAILED:
    default:
      return FALSE;
    }
}

gboolean
cab_csv_reader_feed (CabCsvReader  *self,
                     const char    *data,
                     gsize          length,
                     GError       **error)
{
  gsize i = 0;

  if (self->state == STATE_FAILED)
    return fail (self, error, "the reader has already failed");

  /* A leading BOM may itself arrive split over feeds. */
  while (!self->started && i < length)
    {
      if ((guchar) data[i] == bom[self->bom_seen])
        {
          self->bom_seen++;
          i++;
          if (self->bom_seen == G_N_ELEMENTS (bom))
            self->started = TRUE;
          continue;
        }
      self->started = TRUE;
      /* A partial BOM was text after all. */
      for (guint k = 0; k < self->bom_seen; k++)
        if (!feed_byte (self, (char) bom[k], error))
          return FALSE;
    }

  for (; i < length; i++)
    if (!feed_byte (self, data[i], error))
      return FALSE;
  return TRUE;
}

gboolean
cab_csv_reader_finish (CabCsvReader  *self,
                       GError       **error)
{
  if (self->state == STATE_FAILED)
    return fail (self, error, "the reader has already failed");
  if (!self->started)
    {
      self->started = TRUE;
      for (guint k = 0; k < self->bom_seen; k++)
        if (!feed_byte (self, (char) bom[k], error))
          return FALSE;
    }
  if (self->state == STATE_QUOTED)
    return fail (self, error, "the file ends inside a quoted field");
  if (self->record_open || self->fields->len > 0 || self->field->len > 0)
    return end_record (self, error);
  return TRUE;
}

gboolean
cab_csv_parse_buffer (const char        *data,
                      gsize              length,
                      char               delimiter,
                      CabCsvRecordFunc   func,
                      gpointer           user_data,
                      GError           **error)
{
  g_autoptr(CabCsvReader) reader = cab_csv_reader_new (delimiter, func, user_data);

  return cab_csv_reader_feed (reader, data, length, error)
         && cab_csv_reader_finish (reader, error);
}
