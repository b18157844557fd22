/* cab-icalendar.c: see cab-icalendar.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-error.h"
#include "cab-icalendar.h"

#define MAX_LINE_OCTETS 75
#define PRODID "-//TEK-Energo//TEK Cabinet " PACKAGE_VERSION "//EN"

char *
cab_icalendar_escape_text (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 8);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case '\r':
          /* CRLF and a lone CR are one line break, as LF is. */
          if (p[1] == '\n')
            p++;
          g_string_append (out, "\\n");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          if (g_unichar_type (c) == G_UNICODE_CONTROL && c != '\t')
            g_string_append_c (out, ' ');
          else
            g_string_append_unichar (out, c);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/* Appends @line folded (RFC 5545, 3.1): at most 75 octets a line, continuations start with
 * one space; a UTF-8 character is never split. */
static void
add_line (GString    *out,
          const char *line)
{
  gsize limit = MAX_LINE_OCTETS;
  const char *p = line;

  while (strlen (p) > limit)
    {
      const char *cut = p + limit;

      /* Back off to the start of a character: continuation bytes are 10xxxxxx. */
      while (cut > p && ((guchar) *cut & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, p, cut - p);
      g_string_append (out, "\r\n ");
      p = cut;
      limit = MAX_LINE_OCTETS - 1;
    }
  g_string_append (out, p);
  g_string_append (out, "\r\n");
}

static void
add_text_property (GString    *out,
                   const char *name,
                   const char *value)
{
  g_autofree char *escaped = cab_icalendar_escape_text (value);
  g_autofree char *line = g_strconcat (name, ":", escaped, NULL);

  add_line (out, line);
}

static void
add_date_property (GString     *out,
                   const char  *name,
                   const GDate *date)
{
  g_autofree char *line = g_strdup_printf ("%s;VALUE=DATE:%04u%02u%02u", name,
                                           g_date_get_year (date), g_date_get_month (date),
                                           g_date_get_day (date));

  add_line (out, line);
}

static gboolean
check_text (const char  *text,
            gboolean     required,
            const char  *what,
            guint        index,
            GError     **error)
{
  if ((text == NULL || *text == '\0') ? required : !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "Event %u: the %s is missing or not valid UTF-8", index + 1, what);
      return FALSE;
    }
  return TRUE;
}

char *
cab_icalendar_write (const CabCalendarEvent  *events,
                     guint                    n_events,
                     GDateTime               *dtstamp,
                     GError                 **error)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (events != NULL || n_events == 0, NULL);
  g_return_val_if_fail (dtstamp != NULL, NULL);

  for (guint i = 0; i < n_events; i++)
    {
      if (!check_text (events[i].uid, TRUE, "UID", i, error) ||
          !check_text (events[i].summary, TRUE, "summary", i, error) ||
          !check_text (events[i].description, FALSE, "description", i, error))
        return NULL;
      if (events[i].date == NULL || !g_date_valid (events[i].date) ||
          g_date_get_year (events[i].date) > 9998)
        {
          g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                       "Event %u: the date is missing or invalid", i + 1);
          return NULL;
        }
    }

  utc = g_date_time_to_utc (dtstamp);
  stamp = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");

  out = g_string_new (NULL);
  add_line (out, "BEGIN:VCALENDAR");
  add_line (out, "VERSION:2.0");
  add_line (out, "PRODID:" PRODID);
  add_line (out, "CALSCALE:GREGORIAN");
  add_line (out, "METHOD:PUBLISH");

  for (guint i = 0; i < n_events; i++)
    {
      const CabCalendarEvent *event = &events[i];
      GDate end = *event->date;
      g_autofree char *stamp_line = g_strconcat ("DTSTAMP:", stamp, NULL);

      g_date_add_days (&end, 1);
      add_line (out, "BEGIN:VEVENT");
      add_text_property (out, "UID", event->uid);
      add_line (out, stamp_line);
      add_date_property (out, "DTSTART", event->date);
      add_date_property (out, "DTEND", &end);
      add_text_property (out, "SUMMARY", event->summary);
      if (event->description != NULL && *event->description != '\0')
        add_text_property (out, "DESCRIPTION", event->description);
      /* A due date is a deadline, not an appointment: it does not make the day busy. */
      add_line (out, "TRANSP:TRANSPARENT");
      if (event->alarm_days_before > 0)
        {
          g_autofree char *trigger = g_strdup_printf ("TRIGGER:-P%uD", event->alarm_days_before);

          add_line (out, "BEGIN:VALARM");
          add_line (out, "ACTION:DISPLAY");
          add_line (out, trigger);
          add_text_property (out, "DESCRIPTION", event->summary);
          add_line (out, "END:VALARM");
        }
      add_line (out, "END:VEVENT");
    }

  add_line (out, "END:VCALENDAR");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
