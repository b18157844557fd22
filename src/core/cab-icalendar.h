/* cab-icalendar.h: an RFC 5545 iCalendar file of all-day events with a reminder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One all-day event. Strings are borrowed, UTF-8; the caller writes (and translates) the
 * summary and description. */
typedef struct
{
  const char  *uid;                /* required; the same event keeps the same UID */
  const GDate *date;               /* required */
  const char  *summary;            /* required */
  const char  *description;        /* NULL for none */
  guint        alarm_days_before;  /* a VALARM this many days before; 0 for none */
} CabCalendarEvent;

/* "BEGIN:VCALENDAR … END:VCALENDAR": VERSION, PRODID, CALSCALE, METHOD:PUBLISH, and per event
 * a VEVENT with UID, DTSTAMP (@dtstamp in UTC), DTSTART;VALUE=DATE and DTEND (the next day),
 * SUMMARY, DESCRIPTION, TRANSP:TRANSPARENT and a display VALARM. Text escapes '\', ';', ','
 * and line breaks; other control characters become spaces. Lines end in CRLF and are folded
 * at 75 octets, never inside a UTF-8 character. CAB_ERROR_INVALID_VALUE for a missing field or
 * text that is not UTF-8. */
char        *cab_icalendar_write         (const CabCalendarEvent  *events,
                                          guint                    n_events,
                                          GDateTime               *dtstamp,
                                          GError                 **error);

/* The TEXT escaping alone: "a, b; c\\d\n" → "a\, b\; c\\\\d\\n". */
char        *cab_icalendar_escape_text   (const char              *text);

G_END_DECLS
