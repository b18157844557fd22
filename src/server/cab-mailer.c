/* cab-mailer.c: outgoing mail as RFC 5322 .eml files in a folder, written atomically.
 *
 * The supplier's real mail relay is outside this project: a deployment points a mail
 * transfer agent at the folder. Tests read the files to see exactly what would be sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "cab-error.h"
#include "cab-mailer.h"

#define MAIL_FROM_NAME    "ТЭК-Энерго, личный кабинет"
#define MAIL_FROM_ADDRESS "no-reply@tek-energo.example"

struct _CabMailer
{
  GObject  parent_instance;
  char    *dir;
  guint    counter;
};

G_DEFINE_FINAL_TYPE (CabMailer, cab_mailer, G_TYPE_OBJECT)

static void
cab_mailer_finalize (GObject *object)
{
  CabMailer *self = CAB_MAILER (object);

  g_free (self->dir);
  G_OBJECT_CLASS (cab_mailer_parent_class)->finalize (object);
}

static void
cab_mailer_class_init (CabMailerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cab_mailer_finalize;
}

static void
cab_mailer_init (CabMailer *self)
{
}

CabMailer *
cab_mailer_new (const char  *dir,
                GError     **error)
{
  CabMailer *self;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, CAB_ERROR, CAB_ERROR_INTERNAL, "Cannot create mail folder “%s”: %s",
                   dir, g_strerror (saved));
      return NULL;
    }
  self = g_object_new (CAB_TYPE_MAILER, NULL);
  self->dir = g_strdup (dir);
  return self;
}

const char *
cab_mailer_get_dir (CabMailer *self)
{
  return self->dir;
}

static gboolean
is_ascii_printable (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar) *p < 0x20 || (guchar) *p > 0x7e)
      return FALSE;
  return TRUE;
}

char *
cab_mailer_encode_header (const char *text)
{
  GString *out;
  const char *p = text;

  if (is_ascii_printable (text))
    return g_strdup (text);

  /* Words of at most 45 bytes of whole characters keep each encoded word under 75 columns. */
  out = g_string_new (NULL);
  while (*p)
    {
      const char *end = p;
      g_autofree char *b64 = NULL;

      while (*end)
        {
          const char *next = g_utf8_next_char (end);

          if (next - p > 45)
            break;
          end = next;
        }
      b64 = g_base64_encode ((const guchar *) p, end - p);
      if (out->len > 0)
        g_string_append (out, "\r\n ");
      g_string_append_printf (out, "=?UTF-8?B?%s?=", b64);
      p = end;
    }
  return g_string_free (out, FALSE);
}

/* RFC 5322 dates are English whatever the locale. */
static char *
rfc5322_date (GDateTime *now)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  gint64 offset = g_date_time_get_utc_offset (now) / G_TIME_SPAN_MINUTE;

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
                          days[g_date_time_get_day_of_week (now) - 1],
                          g_date_time_get_day_of_month (now),
                          months[g_date_time_get_month (now) - 1],
                          g_date_time_get_year (now),
                          g_date_time_get_hour (now),
                          g_date_time_get_minute (now),
                          g_date_time_get_second (now),
                          offset < 0 ? '-' : '+',
                          (int) (ABS (offset) / 60), (int) (ABS (offset) % 60));
}

/* Normalises line ends to CRLF, as RFC 5322 wants. */
static void
append_crlf_text (GString    *out,
                  const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '\r')
        continue;
      if (*p == '\n')
        g_string_append (out, "\r\n");
      else
        g_string_append_c (out, *p);
    }
  if (out->len < 2 || strcmp (out->str + out->len - 2, "\r\n") != 0)
    g_string_append (out, "\r\n");
}

char *
cab_mailer_send (CabMailer   *self,
                 const char  *to,
                 const char  *subject,
                 const char  *body,
                 GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GString) msg = g_string_new (NULL);
  g_autofree char *date = rfc5322_date (now);
  g_autofree char *from_name = cab_mailer_encode_header (MAIL_FROM_NAME);
  g_autofree char *enc_subject = cab_mailer_encode_header (subject);
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  guint8 raw[8];
  char unique[17];

  if (strpbrk (to, "\r\n") != NULL)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_EMAIL, "Bad recipient");
      return NULL;
    }

  randombytes_buf (raw, sizeof raw);
  sodium_bin2hex (unique, sizeof unique, raw, sizeof raw);

  g_string_append_printf (msg, "From: %s <%s>\r\n", from_name, MAIL_FROM_ADDRESS);
  g_string_append_printf (msg, "To: <%s>\r\n", to);
  g_string_append_printf (msg, "Subject: %s\r\n", enc_subject);
  g_string_append_printf (msg, "Date: %s\r\n", date);
  g_string_append_printf (msg, "Message-ID: <%s.%s@tek-energo.example>\r\n", stamp, unique);
  g_string_append (msg, "MIME-Version: 1.0\r\n");
  g_string_append (msg, "Content-Type: text/plain; charset=utf-8\r\n");
  g_string_append (msg, "Content-Transfer-Encoding: 8bit\r\n");
  g_string_append (msg, "\r\n");
  append_crlf_text (msg, body);

  /* The counter orders files written in the same second; g_file_set_contents writes a
   * temporary file and renames it, so a reader never sees half a message. */
  file_name = g_strdup_printf ("%s-%04u-%s.eml", stamp, ++self->counter, unique);
  path = g_build_filename (self->dir, file_name, NULL);
  if (!g_file_set_contents_full (path, msg->str, msg->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return NULL;
  return g_steal_pointer (&path);
}
