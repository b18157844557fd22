/* cab-mailer.c: composing RFC 5322 messages, and .eml files in a folder, written atomically.
 *
 * Messages are composed when they are queued (cab-mail-queue.c) without the From: line, which
 * the delivery adds from --mail-from. With --mail-dir (development and tests) the queue is
 * delivered into the folder; tests read the files to see exactly what would be sent.
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

#define MAIL_FROM_NAME            "ТЭК-Энерго, личный кабинет"
#define MAIL_FROM_DEFAULT_ADDRESS "no-reply@tek-energo.example"
#define MAIL_ID_DOMAIN            "tek-cabinet.invalid"

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
cab_mailer_compose (const char  *to,
                    const char  *subject,
                    const char  *body,
                    gint64       now,
                    char       **out_message_id,
                    GError     **error)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GString) msg = g_string_new (NULL);
  g_autofree char *date = NULL;
  g_autofree char *enc_subject = cab_mailer_encode_header (subject);
  g_autofree char *stamp = NULL;
  g_autofree char *message_id = NULL;
  guint8 raw[8];
  char unique[17];

  if (utc == NULL)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INTERNAL, "Bad mail date");
      return NULL;
    }
  if (*to == '\0' || strpbrk (to, "\r\n<>") != NULL || !is_ascii_printable (to))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_EMAIL, "Bad recipient");
      return NULL;
    }
  local = g_date_time_to_local (utc);
  date = rfc5322_date (local);
  stamp = g_date_time_format (local, "%Y%m%dT%H%M%S");
  randombytes_buf (raw, sizeof raw);
  sodium_bin2hex (unique, sizeof unique, raw, sizeof raw);
  message_id = g_strdup_printf ("<%s.%s@%s>", stamp, unique, MAIL_ID_DOMAIN);

  g_string_append_printf (msg, "To: <%s>\r\n", to);
  g_string_append_printf (msg, "Subject: %s\r\n", enc_subject);
  g_string_append_printf (msg, "Date: %s\r\n", date);
  g_string_append_printf (msg, "Message-ID: %s\r\n", message_id);
  g_string_append (msg, "MIME-Version: 1.0\r\n");
  g_string_append (msg, "Content-Type: text/plain; charset=utf-8\r\n");
  g_string_append (msg, "Content-Transfer-Encoding: 8bit\r\n");
  g_string_append (msg, "\r\n");
  append_crlf_text (msg, body);

  if (out_message_id != NULL)
    *out_message_id = g_steal_pointer (&message_id);
  return g_string_free (g_steal_pointer (&msg), FALSE);
}

char *
cab_mailer_from_header (const char *address)
{
  g_autofree char *from_name = cab_mailer_encode_header (MAIL_FROM_NAME);

  return g_strdup_printf ("From: %s <%s>\r\n", from_name,
                          address != NULL ? address : MAIL_FROM_DEFAULT_ADDRESS);
}

char *
cab_mailer_write (CabMailer   *self,
                  const char  *file_stem,
                  const char  *message,
                  GError     **error)
{
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;

  if (strchr (file_stem, G_DIR_SEPARATOR) != NULL || file_stem[0] == '.')
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INTERNAL, "Bad mail file name");
      return NULL;
    }
  /* g_file_set_contents writes a temporary file and renames it, so a reader never sees half
   * a message; the same stem written twice is one file, not two. */
  file_name = g_strconcat (file_stem, ".eml", NULL);
  path = g_build_filename (self->dir, file_name, NULL);
  if (!g_file_set_contents_full (path, message, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return NULL;
  return g_steal_pointer (&path);
}

char *
cab_mailer_send (CabMailer   *self,
                 const char  *to,
                 const char  *subject,
                 const char  *body,
                 GError     **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *message_id = NULL;
  g_autofree char *composed = cab_mailer_compose (to, subject, body, now, &message_id, error);
  g_autofree char *from = NULL;
  g_autofree char *full = NULL;
  g_autoptr(GDateTime) local = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (local, "%Y%m%dT%H%M%S");
  g_autofree char *stem = NULL;

  if (composed == NULL)
    return NULL;
  from = cab_mailer_from_header (NULL);
  full = g_strconcat (from, composed, NULL);
  /* The counter orders files written in the same second. */
  stem = g_strdup_printf ("%s-%04u-%.16s", stamp, ++self->counter,
                          strchr (message_id, '.') + 1);
  return cab_mailer_write (self, stem, full, error);
}
