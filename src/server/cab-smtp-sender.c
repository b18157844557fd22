/* cab-smtp-sender.c: sending one message to the supplier's mail relay (libcurl's SMTP).
 *
 * Blocking, for CabMailWorker's thread: one connection per message, which a relay handles
 * easily at a cabinet's volume and which leaves no idle connection to time out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <curl/curl.h>
#include <string.h>

#include "cab-error.h"
#include "cab-smtp-sender.h"

#define CONNECT_TIMEOUT_S   30
#define TOTAL_TIMEOUT_S     120
#define MAX_PASSWORD_FILE   4096

struct _CabSmtpSender
{
  GObject   parent_instance;
  char     *url;          /* scheme://host:port, no user */
  char     *user;
  char     *password;
  gboolean  implicit_tls;
  gboolean  loopback;
};

G_DEFINE_FINAL_TYPE (CabSmtpSender, cab_smtp_sender, G_TYPE_OBJECT)

static void
cab_smtp_sender_finalize (GObject *object)
{
  CabSmtpSender *self = CAB_SMTP_SENDER (object);

  g_free (self->url);
  g_free (self->user);
  if (self->password != NULL)
    {
      memset (self->password, 0, strlen (self->password));
      g_free (self->password);
    }
  G_OBJECT_CLASS (cab_smtp_sender_parent_class)->finalize (object);
}

static void
cab_smtp_sender_class_init (CabSmtpSenderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cab_smtp_sender_finalize;
}

static void
cab_smtp_sender_init (CabSmtpSender *self)
{
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, message);
  return FALSE;
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
has_control_chars (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

static char *
read_password (const char  *path,
               GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &text, &len, &local))
    {
      invalid (error, "cannot read the SMTP password file: %s", local->message);
      return NULL;
    }
  if (len > MAX_PASSWORD_FILE || strlen (text) != len)
    {
      invalid (error, "the SMTP password file is not one line of text");
      return NULL;
    }
  /* One final line end is the file's, not the password's. */
  if (len > 0 && text[len - 1] == '\n')
    text[--len] = '\0';
  if (len > 0 && text[len - 1] == '\r')
    text[--len] = '\0';
  if (len == 0 || has_control_chars (text))
    {
      invalid (error, "the SMTP password file is empty or not one line of text");
      return NULL;
    }
  return g_steal_pointer (&text);
}

CabSmtpSender *
cab_smtp_sender_new (const char  *url,
                     const char  *user,
                     const char  *password_file,
                     GError     **error)
{
  static gsize curl_ready = 0;
  g_autoptr(CabSmtpSender) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local = NULL;
  const char *scheme, *host, *path;
  int port;

  uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_PATH, &local);
  if (uri == NULL)
    return invalid (error, "--smtp: %s", local->message), NULL;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  path = g_uri_get_path (uri);
  port = g_uri_get_port (uri);
  if (g_ascii_strcasecmp (scheme, "smtp") != 0 && g_ascii_strcasecmp (scheme, "smtps") != 0)
    return invalid (error, "--smtp wants smtp://HOST:PORT or smtps://HOST:PORT"), NULL;
  if (host == NULL || *host == '\0' || has_control_chars (host))
    return invalid (error, "--smtp wants a host name"), NULL;
  if (g_uri_get_password (uri) != NULL)
    return invalid (error, "--smtp must not hold a password: use --smtp-password-file"), NULL;
  if ((path[0] != '\0' && strcmp (path, "/") != 0) || g_uri_get_query (uri) != NULL
      || g_uri_get_fragment (uri) != NULL)
    return invalid (error, "--smtp wants only a scheme, a user name, a host and a port"), NULL;
  if (g_uri_get_user (uri) != NULL && user != NULL)
    return invalid (error, "a user name in --smtp and --smtp-user: give one"), NULL;

  self = g_object_new (CAB_TYPE_SMTP_SENDER, NULL);
  self->implicit_tls = g_ascii_strcasecmp (scheme, "smtps") == 0;
  self->loopback = is_loopback (host);
  self->user = g_strdup (user != NULL ? user : g_uri_get_user (uri));
  if (self->user != NULL && (*self->user == '\0' || has_control_chars (self->user)))
    return invalid (error, "the SMTP user name is empty or not one line of text"), NULL;
  if ((self->user != NULL) != (password_file != NULL))
    return invalid (error, "an SMTP user name and --smtp-password-file go together"), NULL;
  if (password_file != NULL && (self->password = read_password (password_file, error)) == NULL)
    return NULL;
  self->url = g_uri_join (G_URI_FLAGS_NONE, self->implicit_tls ? "smtps" : "smtp", NULL, host,
                          port > 0 ? port : (self->implicit_tls ? 465 : 25), "", NULL, NULL);

  /* curl_global_init is not thread-safe: done once, here, before any worker thread. */
  if (g_once_init_enter (&curl_ready))
    {
      CURLcode rc = curl_global_init (CURL_GLOBAL_DEFAULT);

      g_once_init_leave (&curl_ready, 1);
      if (rc != CURLE_OK)
        {
          g_set_error (error, CAB_ERROR, CAB_ERROR_INTERNAL, "libcurl: %s",
                       curl_easy_strerror (rc));
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

const char *
cab_smtp_sender_get_url (CabSmtpSender *self)
{
  return self->url;
}

typedef struct
{
  const char   *data;
  gsize         left;
  GCancellable *cancellable;
} Upload;

static size_t
read_message (char   *buffer,
              size_t  size,
              size_t  count,
              void   *user_data)
{
  Upload *upload = user_data;
  gsize n = MIN (upload->left, size * count);

  memcpy (buffer, upload->data, n);
  upload->data += n;
  upload->left -= n;
  return n;
}

static int
check_cancelled (void       *user_data,
                 curl_off_t  dltotal,
                 curl_off_t  dlnow,
                 curl_off_t  ultotal,
                 curl_off_t  ulnow)
{
  Upload *upload = user_data;

  return g_cancellable_is_cancelled (upload->cancellable) ? 1 : 0;
}

gboolean
cab_smtp_sender_send (CabSmtpSender  *self,
                      const char     *from,
                      const char     *to,
                      const char     *message,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autofree char *envelope_from = g_strdup_printf ("<%s>", from);
  g_autofree char *envelope_to = g_strdup_printf ("<%s>", to);
  char curl_message[CURL_ERROR_SIZE] = "";
  struct curl_slist *recipients = NULL;
  Upload upload = { message, strlen (message), cancellable };
  CURL *curl;
  CURLcode rc;
  long reply = 0;

  if (strpbrk (from, "\r\n<>") != NULL || strpbrk (to, "\r\n<>") != NULL)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_EMAIL, "Bad address");
      return FALSE;
    }
  curl = curl_easy_init ();
  if (curl == NULL)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INTERNAL, "libcurl: cannot start");
      return FALSE;
    }
  recipients = curl_slist_append (recipients, envelope_to);

  curl_easy_setopt (curl, CURLOPT_URL, self->url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long) CONNECT_TIMEOUT_S);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, (long) TOTAL_TIMEOUT_S);
  /* STARTTLS or nothing, except to a relay on this machine. */
  curl_easy_setopt (curl, CURLOPT_USE_SSL,
                    (long) (self->implicit_tls || !self->loopback ? CURLUSESSL_ALL
                                                                  : CURLUSESSL_NONE));
  if (self->user != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, self->user);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, self->password);
    }
  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, envelope_from);
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt (curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, check_cancelled);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, &upload);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, curl_message);

  rc = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &reply);
  curl_slist_free_all (recipients);
  curl_easy_cleanup (curl);

  if (rc == CURLE_OK)
    return TRUE;
  /* libcurl's detail may quote the relay's reply: one line of it. */
  g_strdelimit (curl_message, "\r\n", ' ');
  g_set_error (error, CAB_ERROR,
               rc == CURLE_OPERATION_TIMEDOUT ? CAB_ERROR_TIMEOUT : CAB_ERROR_NETWORK,
               "%s: %s%s%s (last reply %ld)", self->url, curl_easy_strerror (rc),
               curl_message[0] ? ": " : "", curl_message, reply);
  return FALSE;
}
