/* cab-api-client.c: every route of docs/api.md as an async GTask pair over one SoupSession.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "cab-api-client.h"

#define DEFAULT_TIMEOUT_SECONDS 30
#define API_PREFIX "api/v1/"

struct _CabApiClient
{
  GObject      parent_instance;

  SoupSession *soup;
  char        *base_url;   /* always ends with '/' */
  char        *token;
  guint        timeout;
};

G_DEFINE_FINAL_TYPE (CabApiClient, cab_api_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_REACHABLE,
  SIGNAL_UNREACHABLE,
  SIGNAL_UNAUTHORIZED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- error details ---------------------------------------------------------------------- */

/* A GError holds only a code and a message, and CAB_ERROR is not an extended error domain;
 * the field and Retry-After of the last few API errors are kept here, matched by the error
 * pointer and its message. A small ring: old entries fall out. */
#define DETAILS_RING 32

typedef struct
{
  gconstpointer error;
  gint          code;
  char         *message;
  char         *field;
  guint         retry_after;
} ErrorDetails;

static ErrorDetails details_ring[DETAILS_RING];
static guint        details_next;
G_LOCK_DEFINE_STATIC (details);

static void
remember_details (const GError *error,
                  const char   *field,
                  guint         retry_after)
{
  ErrorDetails *d;

  G_LOCK (details);
  d = &details_ring[details_next];
  details_next = (details_next + 1) % DETAILS_RING;
  g_free (d->message);
  g_free (d->field);
  d->error = error;
  d->code = error->code;
  d->message = g_strdup (error->message);
  d->field = g_strdup (field);
  d->retry_after = retry_after;
  G_UNLOCK (details);
}

static const ErrorDetails *
find_details (const GError *error)
{
  const ErrorDetails *by_content = NULL;

  if (error == NULL || error->domain != CAB_ERROR)
    return NULL;

  for (guint i = 0; i < DETAILS_RING; i++)
    {
      /* newest first */
      const ErrorDetails *d = &details_ring[(details_next + DETAILS_RING - 1 - i) % DETAILS_RING];

      if (d->message == NULL || d->code != error->code
          || g_strcmp0 (d->message, error->message) != 0)
        continue;
      if (d->error == error)
        return d;
      if (by_content == NULL)
        by_content = d;
    }

  return by_content;
}

guint
cab_api_client_error_get_retry_after (const GError *error)
{
  const ErrorDetails *d;
  guint ret;

  G_LOCK (details);
  d = find_details (error);
  ret = d != NULL ? d->retry_after : 0;
  G_UNLOCK (details);

  return ret;
}

const char *
cab_api_client_error_get_field (const GError *error)
{
  const ErrorDetails *d;
  const char *ret = NULL;

  G_LOCK (details);
  d = find_details (error);
  if (d != NULL && d->field != NULL)
    ret = g_intern_string (d->field);
  G_UNLOCK (details);

  return ret;
}

/* --- messages --------------------------------------------------------------------------- */

static char *
describe_invalid_field (const char *field)
{
  if (g_strcmp0 (field, "email") == 0)
    return g_strdup (_("Enter a valid email address, like name@example.org."));
  if (g_strcmp0 (field, "password") == 0 || g_strcmp0 (field, "new_password") == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The password needs at least %d character.",
                                         "The password needs at least %d characters.",
                                         CAB_PASSWORD_MIN_CHARS),
                            CAB_PASSWORD_MIN_CHARS);
  if (g_strcmp0 (field, "phone") == 0)
    return g_strdup (_("Enter a Russian phone number, like +7 999 123-45-67."));
  if (g_strcmp0 (field, "login") == 0)
    return g_strdup (_("A login has 3 to 64 Latin letters, digits, “.”, “_”, “-” or “@”."));
  if (g_strcmp0 (field, "account") == 0)
    return g_strdup (_("An account number has 10 digits."));
  if (g_strcmp0 (field, "dp_code") == 0)
    return g_strdup (_("A DP code has 10 digits."));
  if (g_strcmp0 (field, "accounts") == 0)
    return g_strdup (_("The account list holds an account that is not yours."));
  if (g_strcmp0 (field, "text") == 0)
    return g_strdup (_("The question must have 1 to 4000 characters."));
  if (field != NULL)
    /* Translators: %s is the name of a form field as the server calls it */
    return g_strdup_printf (_("The value of “%s” is not valid."), field);
  return g_strdup (_("The server did not accept the data."));
}

/* The person-readable text of @code; @dp_code and @account are what was sent for the
 * registration codes (may be NULL). */
static char *
describe_error (CabError    code,
                const char *field,
                guint       retry_after,
                const char *dp_code,
                const char *account)
{
  switch (code)
    {
    case CAB_ERROR_NETWORK:
      return g_strdup (_("Cannot reach the server. Check the connection and the server address."));
    case CAB_ERROR_TIMEOUT:
      return g_strdup (_("The server did not answer in time. Try again later."));
    case CAB_ERROR_SERVER:
    case CAB_ERROR_INTERNAL:
    case CAB_ERROR_UNAVAILABLE:
      return g_strdup (_("The server could not handle the request. Try again later."));
    case CAB_ERROR_MALFORMED_RESPONSE:
    case CAB_ERROR_MALFORMED_JSON:
    case CAB_ERROR_MISSING_FIELD:
    case CAB_ERROR_WRONG_TYPE:
    case CAB_ERROR_UNKNOWN_ENUM:
    case CAB_ERROR_INVALID_VALUE:
      return g_strdup (_("The server sent an answer this app cannot read."));
    case CAB_ERROR_INSECURE_SERVER:
      return g_strdup (_("Only https:// server addresses are allowed, except this computer."));
    case CAB_ERROR_UNAUTHORIZED:
      return g_strdup (_("The session has ended. Please log in again."));
    case CAB_ERROR_INVALID_CREDENTIALS:
      return g_strdup (_("Wrong login or password."));
    case CAB_ERROR_PASSWORD_CHANGE_REQUIRED:
      return g_strdup (_("You logged in with a temporary password: set a new password first."));
    case CAB_ERROR_WRONG_PASSWORD:
      return g_strdup (_("The current password is wrong."));
    case CAB_ERROR_NOT_FOUND:
      return g_strdup (_("Not found."));
    case CAB_ERROR_METHOD_NOT_ALLOWED:
    case CAB_ERROR_UNSUPPORTED_MEDIA_TYPE:
      return g_strdup (_("The server does not support this request. The app may need an update."));
    case CAB_ERROR_LOGIN_TAKEN:
      return g_strdup (_("This login is already taken."));
    case CAB_ERROR_TOO_LARGE:
      return g_strdup (_("The file is too large: at most 10 MB."));
    case CAB_ERROR_INVALID_FIELD:
      return describe_invalid_field (field);
    case CAB_ERROR_DP_CODE_NOT_FOUND:
      /* Translators: registration error under the form; %s is the DP code typed. Russian
       * text from the web cabinet's manual: "Не найден код ДП %s" */
      return g_strdup_printf (_("DP code %s not found"), dp_code != NULL ? dp_code : "");
    case CAB_ERROR_ACCOUNT_NOT_FOUND:
      /* Translators: registration error; %s is the account number typed. Russian text from
       * the manual: "Лицевой счет %s не найден" */
      return g_strdup_printf (_("Account %s not found"), account != NULL ? account : "");
    case CAB_ERROR_ACCOUNT_DP_MISMATCH:
      /* Translators: registration error; the first %s is the account number, the second the
       * DP code. Russian text from the manual: "ЛС %s не соответствует коду ДП %s" */
      return g_strdup_printf (_("Account %s does not match DP code %s"),
                              account != NULL ? account : "", dp_code != NULL ? dp_code : "");
    case CAB_ERROR_ALREADY_REGISTERED:
      return g_strdup (_("This client is already registered. Log in, or restore the password."));
    case CAB_ERROR_NO_VISIBLE_ACCOUNT:
      return g_strdup (_("Keep at least one contract in the list."));
    case CAB_ERROR_RATE_LIMITED:
      if (retry_after >= 60)
        {
          guint minutes = (retry_after + 59) / 60;

          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Too many failed attempts. Try again in %u minute.",
                                               "Too many failed attempts. Try again in %u minutes.",
                                               minutes),
                                  minutes);
        }
      if (retry_after > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Too many failed attempts. Try again in %u second.",
                                             "Too many failed attempts. Try again in %u seconds.",
                                             retry_after),
                                retry_after);
      return g_strdup (_("Too many failed attempts. Try again later."));
    case CAB_ERROR_FAILED:
    case CAB_ERROR_INVALID_MONEY:
    case CAB_ERROR_MONEY_OVERFLOW:
    case CAB_ERROR_INVALID_DATE:
    case CAB_ERROR_INVALID_PERIOD:
    case CAB_ERROR_INVALID_ACCOUNT:
    case CAB_ERROR_INVALID_DP_CODE:
    case CAB_ERROR_INVALID_EMAIL:
    case CAB_ERROR_INVALID_PHONE:
    case CAB_ERROR_PASSWORD_TOO_SHORT:
    case CAB_ERROR_INVALID_INN:
    case CAB_ERROR_INN_CHECKSUM:
    case CAB_ERROR_INVALID_KPP:
    case CAB_ERROR_INVALID_LOGIN:
    default:
      return g_strdup (_("Something went wrong."));
    }
}

static GError *
new_error (CabError    code,
           const char *field,
           guint       retry_after,
           const char *dp_code,
           const char *account)
{
  g_autofree char *message = describe_error (code, field, retry_after, dp_code, account);
  GError *error = g_error_new_literal (CAB_ERROR, code, message);

  if (field != NULL || retry_after > 0)
    remember_details (error, field, retry_after);

  return error;
}

/* --- the client ------------------------------------------------------------------------- */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* GUri keeps IPv6 literals without brackets, but be lenient */
  if (host[0] == '[')
    bare = g_strndup (host + 1, strlen (host) - 2);
  else
    bare = g_strdup (host);
  address = g_inet_address_new_from_string (bare);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

CabApiClient *
cab_api_client_new (const char  *base_url,
                    GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;
  CabApiClient *self;

  g_return_val_if_fail (base_url != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_NETWORK,
                   _("“%s” is not a server address; it looks like https://example.org/."),
                   base_url);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0
      && !(g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri))))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INSECURE_SERVER,
                           _("Only https:// server addresses are allowed, except this computer."));
      return NULL;
    }

  self = g_object_new (CAB_TYPE_API_CLIENT, NULL);
  if (g_str_has_suffix (base_url, "/"))
    self->base_url = g_strdup (base_url);
  else
    self->base_url = g_strconcat (base_url, "/", NULL);

  return self;
}

const char *
cab_api_client_get_base_url (CabApiClient *self)
{
  g_return_val_if_fail (CAB_IS_API_CLIENT (self), NULL);

  return self->base_url;
}

const char *
cab_api_client_get_token (CabApiClient *self)
{
  g_return_val_if_fail (CAB_IS_API_CLIENT (self), NULL);

  return self->token;
}

void
cab_api_client_set_token (CabApiClient *self,
                          const char   *token)
{
  g_return_if_fail (CAB_IS_API_CLIENT (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;

  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  self->token = g_strdup (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

void
cab_api_client_set_timeout (CabApiClient *self,
                            guint         seconds)
{
  g_return_if_fail (CAB_IS_API_CLIENT (self));

  self->timeout = seconds;
  soup_session_set_timeout (self->soup, seconds);
}

static void
cab_api_client_finalize (GObject *object)
{
  CabApiClient *self = (CabApiClient *)object;

  cab_api_client_set_token (self, NULL);
  if (self->soup != NULL)
    soup_session_abort (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (cab_api_client_parent_class)->finalize (object);
}

static void
cab_api_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CabApiClient *self = CAB_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TOKEN:
      /* Readable only as "set or not"; the token itself never goes through GValue dumps. */
      g_value_set_string (value, self->token != NULL ? "set" : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_api_client_class_init (CabApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cab_api_client_finalize;
  object_class->get_property = cab_api_client_get_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* "set" while signed in, NULL otherwise; notify::token tells sign-in and sign-out. */
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Any HTTP answer arrived: the server is reachable. */
  signals[SIGNAL_REACHABLE] =
    g_signal_new ("reachable", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A request failed with CAB_ERROR_NETWORK or CAB_ERROR_TIMEOUT. */
  signals[SIGNAL_UNREACHABLE] =
    g_signal_new ("unreachable", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* An authenticated request answered 401: the token is dead. */
  signals[SIGNAL_UNAUTHORIZED] =
    g_signal_new ("unauthorized", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cab_api_client_init (CabApiClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("tek-cabinet/%s", PACKAGE_VERSION);

  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->soup = soup_session_new_with_options ("timeout", self->timeout,
                                              "user-agent", user_agent,
                                              NULL);
}

/* --- requests --------------------------------------------------------------------------- */

typedef struct _Request Request;

/* Called with a 2xx (or 304) answer. @node is the parsed JSON object, or NULL for an empty
 * or non-JSON (raw) body. Returns the task's result through g_task_return_*. */
typedef void (*DecodeFunc) (CabApiClient *self,
                            GTask        *task,
                            Request      *request,
                            JsonNode     *node,
                            GBytes       *body);

struct _Request
{
  SoupMessage *message;
  DecodeFunc   decode;
  gboolean     raw;            /* the body is not JSON (documents) */
  gboolean     authenticated;
  char        *dp_code;        /* for the registration messages */
  char        *account;
  char        *etag;
  gboolean     not_modified;
  gulong       progress_id;
  CabApiProgressFunc progress;
  gpointer     progress_data;
  goffset      sent;
  goffset      total;
  GBytes      *upload;         /* multipart body while it goes out */
  GFile       *file;
  char        *file_name;
  char        *text;
  char        *client_id;
};

static void
request_free (Request *request)
{
  if (request->progress_id != 0)
    g_signal_handler_disconnect (request->message, request->progress_id);
  g_clear_object (&request->message);
  g_clear_pointer (&request->dp_code, g_free);
  g_clear_pointer (&request->account, g_free);
  g_clear_pointer (&request->etag, g_free);
  g_clear_pointer (&request->upload, g_bytes_unref);
  g_clear_object (&request->file);
  g_clear_pointer (&request->file_name, g_free);
  g_clear_pointer (&request->text, g_free);
  g_clear_pointer (&request->client_id, g_free);
  g_free (request);
}

static char *
build_url (CabApiClient *self,
           const char   *path)
{
  return g_strconcat (self->base_url, API_PREFIX, path, NULL);
}

static GError *
map_transport_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return new_error (CAB_ERROR_TIMEOUT, NULL, 0, NULL, NULL);
  if (error->domain == SOUP_SESSION_ERROR)
    return new_error (CAB_ERROR_MALFORMED_RESPONSE, NULL, 0, NULL, NULL);
  /* refused, reset, DNS, unreachable, TLS: the server cannot be reached */
  return new_error (CAB_ERROR_NETWORK, NULL, 0, NULL, NULL);
}

static void
return_error (CabApiClient *self,
              GTask        *task,
              GError       *error)
{
  if (error->domain == CAB_ERROR
      && (error->code == CAB_ERROR_NETWORK || error->code == CAB_ERROR_TIMEOUT))
    g_signal_emit (self, signals[SIGNAL_UNREACHABLE], 0, error);

  g_task_return_error (task, error);
}

/* The answer of a failed request: the API's error object, else a code for the status. */
static GError *
error_from_answer (SoupMessage *message,
                   GBytes      *body,
                   Request     *request)
{
  guint status = soup_message_get_status (message);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *error_object;
  const char *code = NULL;
  const char *field = NULL;
  guint retry_after = 0;
  const char *retry_header;
  CabError cab_code;

  if (status >= 500)
    return new_error (CAB_ERROR_SERVER, NULL, 0, NULL, NULL);

  if (body != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (body, &length);

      node = cab_json_parse_object (data, length, NULL);
    }
  if (node == NULL)
    return new_error (CAB_ERROR_MALFORMED_RESPONSE, NULL, 0, NULL, NULL);

  root = json_node_get_object (node);
  if (!json_object_has_member (root, "error")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "error")))
    return new_error (CAB_ERROR_MALFORMED_RESPONSE, NULL, 0, NULL, NULL);

  error_object = json_object_get_object_member (root, "error");
  if (json_object_has_member (error_object, "code")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (error_object, "code"))
      && json_node_get_value_type (json_object_get_member (error_object, "code")) == G_TYPE_STRING)
    code = json_object_get_string_member (error_object, "code");
  if (code == NULL)
    return new_error (CAB_ERROR_MALFORMED_RESPONSE, NULL, 0, NULL, NULL);

  if (json_object_has_member (error_object, "field")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (error_object, "field"))
      && json_node_get_value_type (json_object_get_member (error_object, "field")) == G_TYPE_STRING)
    field = json_object_get_string_member (error_object, "field");

  if (json_object_has_member (error_object, "retry_after")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (error_object, "retry_after"))
      && json_node_get_value_type (json_object_get_member (error_object, "retry_after")) == G_TYPE_INT64)
    retry_after = (guint) CLAMP (json_object_get_int_member (error_object, "retry_after"), 0, G_MAXINT);

  retry_header = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                               "Retry-After");
  if (retry_after == 0 && retry_header != NULL)
    {
      guint64 value;

      if (g_ascii_string_to_unsigned (retry_header, 10, 0, G_MAXINT, &value, NULL))
        retry_after = (guint) value;
    }

  cab_code = cab_error_from_api_code (code);
  if (cab_code == CAB_ERROR_INTERNAL)
    cab_code = CAB_ERROR_SERVER;

  return new_error (cab_code, field, retry_after, request->dp_code, request->account);
}

static void
on_send_and_read (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CabApiClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      return_error (self, task, map_transport_error (error));
      return;
    }

  g_signal_emit (self, signals[SIGNAL_REACHABLE], 0);

  status = soup_message_get_status (request->message);
  if (status == SOUP_STATUS_NOT_MODIFIED && request->etag != NULL)
    {
      request->not_modified = TRUE;
      request->decode (self, task, request, NULL, NULL);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      GError *answer_error = error_from_answer (request->message, body, request);

      if (answer_error->code == CAB_ERROR_UNAUTHORIZED && request->authenticated)
        g_signal_emit (self, signals[SIGNAL_UNAUTHORIZED], 0);
      return_error (self, task, answer_error);
      return;
    }

  if (!request->raw && g_bytes_get_size (body) > 0)
    {
      gsize length;
      const char *data = g_bytes_get_data (body, &length);

      node = cab_json_parse_object (data, length, NULL);
      if (node == NULL)
        {
          return_error (self, task, new_error (CAB_ERROR_MALFORMED_RESPONSE, NULL, 0, NULL, NULL));
          return;
        }
    }

  request->decode (self, task, request, node, body);
}

static GTask *
request_new (CabApiClient        *self,
             const char          *method,
             const char          *path,
             JsonNode            *json_body,
             gboolean             authenticated,
             DecodeFunc           decode,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autofree char *url = build_url (self, path);
  GTask *task;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  request = g_new0 (Request, 1);
  request->decode = decode;
  request->authenticated = authenticated;
  request->message = soup_message_new (method, url);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (request->message == NULL)
    {
      g_task_return_error (task, new_error (CAB_ERROR_NETWORK, NULL, 0, NULL, NULL));
      g_clear_object (&task);
      return NULL;
    }

  soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                "Accept", "application/json");
  if (authenticated && self->token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                    "Authorization", value);
      memset (value, 0, strlen (value));
    }

  if (json_body != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GBytes) bytes = NULL;
      char *text;
      gsize length;

      json_generator_set_root (generator, json_body);
      text = json_generator_to_data (generator, &length);
      /* may hold a password: it lives only as long as the message, and is never logged */
      bytes = g_bytes_new_take (text, length);
      soup_message_set_request_body_from_bytes (request->message, "application/json", bytes);
    }

  return task;
}

static void
request_send (CabApiClient *self,
              GTask        *task)
{
  Request *request;

  if (task == NULL)
    return;

  request = g_task_get_task_data (task);
  soup_session_send_and_read_async (self->soup, request->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task),
                                    on_send_and_read, task);
}

static JsonNode *
build_object (const char *first_field,
              ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_field);
  for (const char *field = first_field; field != NULL; field = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      json_builder_set_member_name (builder, field);
      json_builder_add_string_value (builder, value != NULL ? value : "");
    }
  va_end (args);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
return_malformed (CabApiClient *self,
                  GTask        *task)
{
  return_error (self, task, new_error (CAB_ERROR_MALFORMED_RESPONSE, NULL, 0, NULL, NULL));
}

/* --- GET /health ------------------------------------------------------------------------ */

static void
decode_health (CabApiClient *self,
               GTask        *task,
               Request      *request,
               JsonNode     *node,
               GBytes       *body)
{
  JsonObject *object;
  GDate *today;

  if (node == NULL || (object = cab_json_object (node, "health", NULL)) == NULL)
    {
      return_malformed (self, task);
      return;
    }

  today = g_date_new ();
  if (!cab_json_get_date (object, "today", today, NULL))
    {
      g_date_free (today);
      return_malformed (self, task);
      return;
    }

  g_task_return_pointer (task, today, (GDestroyNotify) g_date_free);
}

void
cab_api_client_get_today_async (CabApiClient        *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CAB_IS_API_CLIENT (self));

  request_send (self, request_new (self, "GET", "health", NULL, FALSE, decode_health,
                                   cab_api_client_get_today_async,
                                   cancellable, callback, user_data));
}

gboolean
cab_api_client_get_today_finish (CabApiClient  *self,
                                 GAsyncResult  *result,
                                 GDate         *out_today,
                                 GError       **error)
{
  g_autoptr(GDate) today = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  today = g_task_propagate_pointer (G_TASK (result), error);
  if (today == NULL)
    return FALSE;
  if (out_today != NULL)
    *out_today = *today;

  return TRUE;
}

/* --- registration ----------------------------------------------------------------------- */

static void
decode_empty (CabApiClient *self,
              GTask        *task,
              Request      *request,
              JsonNode     *node,
              GBytes       *body)
{
  g_task_return_boolean (task, TRUE);
}

void
cab_api_client_check_registration_async (CabApiClient        *self,
                                         const char          *dp_code,
                                         const char          *account,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  GTask *task;
  Request *request;

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  body = build_object ("dp_code", dp_code, "account", account, NULL);
  task = request_new (self, "POST", "registration/check", body, FALSE, decode_empty,
                      cab_api_client_check_registration_async,
                      cancellable, callback, user_data);
  if (task != NULL)
    {
      request = g_task_get_task_data (task);
      request->dp_code = g_strdup (dp_code);
      request->account = g_strdup (account);
    }
  request_send (self, task);
}

gboolean
cab_api_client_check_registration_finish (CabApiClient  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
decode_token (CabApiClient *self,
              GTask        *task,
              Request      *request,
              JsonNode     *node,
              GBytes       *body)
{
  JsonObject *object;
  const char *token;
  const char *login;

  if (node == NULL
      || (object = cab_json_object (node, "registration", NULL)) == NULL
      || (token = cab_json_get_string (object, "token", NULL)) == NULL
      || (login = cab_json_get_string (object, "login", NULL)) == NULL
      || *token == '\0')
    {
      return_malformed (self, task);
      return;
    }

  cab_api_client_set_token (self, token);
  g_task_return_pointer (task, g_strdup (login), g_free);
}

void
cab_api_client_register_async (CabApiClient        *self,
                               const char          *dp_code,
                               const char          *account,
                               const char          *email,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  GTask *task;
  Request *request;

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  body = build_object ("dp_code", dp_code, "account", account,
                       "email", email, "password", password, NULL);
  task = request_new (self, "POST", "registration", body, FALSE, decode_token,
                      cab_api_client_register_async, cancellable, callback, user_data);
  if (task != NULL)
    {
      request = g_task_get_task_data (task);
      request->dp_code = g_strdup (dp_code);
      request->account = g_strdup (account);
    }
  request_send (self, task);
}

char *
cab_api_client_register_finish (CabApiClient  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- session ---------------------------------------------------------------------------- */

static void
decode_session (CabApiClient *self,
                GTask        *task,
                Request      *request,
                JsonNode     *node,
                GBytes       *body)
{
  JsonObject *object;
  const char *token;
  gboolean must_change = FALSE;

  if (node == NULL
      || (object = cab_json_object (node, "session", NULL)) == NULL
      || (token = cab_json_get_string (object, "token", NULL)) == NULL
      || *token == '\0'
      || !cab_json_get_bool (object, "must_change_password", &must_change, NULL))
    {
      return_malformed (self, task);
      return;
    }

  cab_api_client_set_token (self, token);
  /* TRUE + 1 so that FALSE still reads as a value, not as "no result" */
  g_task_return_int (task, must_change ? 2 : 1);
}

void
cab_api_client_sign_in_async (CabApiClient        *self,
                              const char          *login,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  body = build_object ("login", login, "password", password, NULL);
  request_send (self, request_new (self, "POST", "session", body, FALSE, decode_session,
                                   cab_api_client_sign_in_async,
                                   cancellable, callback, user_data));
}

gboolean
cab_api_client_sign_in_finish (CabApiClient  *self,
                               GAsyncResult  *result,
                               gboolean      *out_must_change_password,
                               GError       **error)
{
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  value = g_task_propagate_int (G_TASK (result), error);
  if (value <= 0)
    return FALSE;
  if (out_must_change_password != NULL)
    *out_must_change_password = value == 2;

  return TRUE;
}

void
cab_api_client_sign_out_async (CabApiClient        *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  task = request_new (self, "DELETE", "session", NULL, TRUE, decode_empty,
                      cab_api_client_sign_out_async, cancellable, callback, user_data);
  /* dropped locally whatever the answer: the header is already set on the message */
  cab_api_client_set_token (self, NULL);
  request_send (self, task);
}

gboolean
cab_api_client_sign_out_finish (CabApiClient  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
cab_api_client_reset_password_async (CabApiClient        *self,
                                     const char          *login,
                                     const char          *email,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  body = build_object ("login", login, "email", email, NULL);
  request_send (self, request_new (self, "POST", "password-reset", body, FALSE, decode_empty,
                                   cab_api_client_reset_password_async,
                                   cancellable, callback, user_data));
}

gboolean
cab_api_client_reset_password_finish (CabApiClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- the user --------------------------------------------------------------------------- */

static void
decode_me (CabApiClient *self,
           GTask        *task,
           Request      *request,
           JsonNode     *node,
           GBytes       *body)
{
  CabMe *me;

  if (node == NULL || (me = cab_me_from_json (node, NULL)) == NULL)
    {
      return_malformed (self, task);
      return;
    }

  g_task_return_pointer (task, me, (GDestroyNotify) cab_me_free);
}

void
cab_api_client_get_me_async (CabApiClient        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CAB_IS_API_CLIENT (self));

  request_send (self, request_new (self, "GET", "me", NULL, TRUE, decode_me,
                                   cab_api_client_get_me_async,
                                   cancellable, callback, user_data));
}

CabMe *
cab_api_client_get_me_finish (CabApiClient  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cab_api_client_set_visible_accounts_async (CabApiClient        *self,
                                           const char * const  *accounts,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "accounts");
  json_builder_begin_array (builder);
  for (guint i = 0; accounts != NULL && accounts[i] != NULL; i++)
    json_builder_add_string_value (builder, accounts[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  request_send (self, request_new (self, "PUT", "me/visible-accounts", body, TRUE, decode_me,
                                   cab_api_client_set_visible_accounts_async,
                                   cancellable, callback, user_data));
}

CabMe *
cab_api_client_set_visible_accounts_finish (CabApiClient  *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cab_api_client_update_profile_async (CabApiClient        *self,
                                     const char          *current_password,
                                     const char          *login,
                                     const char          *new_password,
                                     const char          *email,
                                     const char          *phone,
                                     gboolean             clear_phone,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "current_password");
  json_builder_add_string_value (builder, current_password != NULL ? current_password : "");
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email != NULL ? email : "");
  if (login != NULL)
    {
      json_builder_set_member_name (builder, "login");
      json_builder_add_string_value (builder, login);
    }
  if (new_password != NULL)
    {
      json_builder_set_member_name (builder, "new_password");
      json_builder_add_string_value (builder, new_password);
    }
  if (phone != NULL)
    {
      json_builder_set_member_name (builder, "phone");
      json_builder_add_string_value (builder, phone);
    }
  else if (clear_phone)
    {
      json_builder_set_member_name (builder, "phone");
      json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  request_send (self, request_new (self, "PATCH", "me", body, TRUE, decode_me,
                                   cab_api_client_update_profile_async,
                                   cancellable, callback, user_data));
}

CabMe *
cab_api_client_update_profile_finish (CabApiClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
decode_subscription (CabApiClient *self,
                     GTask        *task,
                     Request      *request,
                     JsonNode     *node,
                     GBytes       *body)
{
  JsonObject *object;
  gboolean subscribed;

  if (node == NULL
      || (object = cab_json_object (node, "subscription", NULL)) == NULL
      || !cab_json_get_bool (object, "subscribed", &subscribed, NULL))
    {
      return_malformed (self, task);
      return;
    }

  g_task_return_int (task, subscribed ? 2 : 1);
}

void
cab_api_client_set_subscription_async (CabApiClient        *self,
                                       gboolean             subscribed,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "subscribed");
  json_builder_add_boolean_value (builder, subscribed);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  request_send (self, request_new (self, "PUT", "me/subscription", body, TRUE,
                                   decode_subscription,
                                   cab_api_client_set_subscription_async,
                                   cancellable, callback, user_data));
}

gboolean
cab_api_client_set_subscription_finish (CabApiClient  *self,
                                        GAsyncResult  *result,
                                        gboolean      *out_subscribed,
                                        GError       **error)
{
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  value = g_task_propagate_int (G_TASK (result), error);
  if (value <= 0)
    return FALSE;
  if (out_subscribed != NULL)
    *out_subscribed = value == 2;

  return TRUE;
}

/* --- account state ---------------------------------------------------------------------- */

static char *
account_path (const char  *account,
              const char  *what,
              const GDate *from,
              const GDate *to,
              const GDate *on)
{
  g_autofree char *escaped = g_uri_escape_string (account != NULL ? account : "", NULL, FALSE);
  GString *path = g_string_new ("accounts/");

  g_string_append (path, escaped);
  g_string_append_c (path, '/');
  g_string_append (path, what);
  if (on != NULL && g_date_valid (on))
    {
      g_autofree char *text = cab_date_to_iso (on);

      g_string_append_printf (path, "?on=%s", text);
    }
  if (from != NULL && to != NULL)
    {
      g_autofree char *from_text = cab_date_to_iso (from);
      g_autofree char *to_text = cab_date_to_iso (to);

      g_string_append_printf (path, "?from=%s&to=%s", from_text, to_text);
    }

  return g_string_free (path, FALSE);
}

static void
decode_balance (CabApiClient *self,
                GTask        *task,
                Request      *request,
                JsonNode     *node,
                GBytes       *body)
{
  CabBalance *balance;

  if (node == NULL || (balance = cab_balance_from_json (node, NULL)) == NULL)
    {
      return_malformed (self, task);
      return;
    }

  g_task_return_pointer (task, balance, (GDestroyNotify) cab_balance_free);
}

void
cab_api_client_get_balance_async (CabApiClient        *self,
                                  const char          *account,
                                  const GDate         *on,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  path = account_path (account, "balance", NULL, NULL, on);
  request_send (self, request_new (self, "GET", path, NULL, TRUE, decode_balance,
                                   cab_api_client_get_balance_async,
                                   cancellable, callback, user_data));
}

CabBalance *
cab_api_client_get_balance_finish (CabApiClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
decode_statement (CabApiClient *self,
                  GTask        *task,
                  Request      *request,
                  JsonNode     *node,
                  GBytes       *body)
{
  CabStatement *statement;

  if (node == NULL || (statement = cab_statement_from_json (node, NULL)) == NULL)
    {
      return_malformed (self, task);
      return;
    }

  g_task_return_pointer (task, statement, g_object_unref);
}

void
cab_api_client_get_statement_async (CabApiClient        *self,
                                    const char          *account,
                                    const GDate         *from,
                                    const GDate         *to,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CAB_IS_API_CLIENT (self));
  g_return_if_fail (from != NULL && to != NULL);

  path = account_path (account, "statement", from, to, NULL);
  request_send (self, request_new (self, "GET", path, NULL, TRUE, decode_statement,
                                   cab_api_client_get_statement_async,
                                   cancellable, callback, user_data));
}

CabStatement *
cab_api_client_get_statement_finish (CabApiClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
decode_bills (CabApiClient *self,
              GTask        *task,
              Request      *request,
              JsonNode     *node,
              GBytes       *body)
{
  CabBillList *bills;

  if (node == NULL || (bills = cab_bill_list_from_json (node, NULL)) == NULL)
    {
      return_malformed (self, task);
      return;
    }

  g_task_return_pointer (task, bills, (GDestroyNotify) cab_bill_list_free);
}

void
cab_api_client_get_bills_async (CabApiClient        *self,
                                const char          *account,
                                const GDate         *from,
                                const GDate         *to,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CAB_IS_API_CLIENT (self));
  g_return_if_fail (from != NULL && to != NULL);

  path = account_path (account, "bills", from, to, NULL);
  request_send (self, request_new (self, "GET", path, NULL, TRUE, decode_bills,
                                   cab_api_client_get_bills_async,
                                   cancellable, callback, user_data));
}

CabBillList *
cab_api_client_get_bills_finish (CabApiClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
decode_ledger (CabApiClient *self,
               GTask        *task,
               Request      *request,
               JsonNode     *node,
               GBytes       *body)
{
  g_autofree char *account = NULL;
  CabLedger *ledger;

  if (node == NULL || (ledger = cab_ledger_from_json (node, &account, NULL)) == NULL)
    {
      return_malformed (self, task);
      return;
    }

  g_task_return_pointer (task, ledger, g_object_unref);
}

void
cab_api_client_get_ledger_async (CabApiClient        *self,
                                 const char          *account,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  path = account_path (account, "ledger", NULL, NULL, NULL);
  request_send (self, request_new (self, "GET", path, NULL, TRUE, decode_ledger,
                                   cab_api_client_get_ledger_async,
                                   cancellable, callback, user_data));
}

CabLedger *
cab_api_client_get_ledger_finish (CabApiClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- documents -------------------------------------------------------------------------- */

static char *
unquote_etag (const char *etag)
{
  g_autofree char *copy = NULL;

  if (etag == NULL)
    return NULL;
  if (g_str_has_prefix (etag, "W/"))
    etag += 2;
  copy = g_strstrip (g_strdup (etag));
  if (copy[0] == '"' && strlen (copy) >= 2 && copy[strlen (copy) - 1] == '"')
    return g_strndup (copy + 1, strlen (copy) - 2);

  return g_steal_pointer (&copy);
}

static void
decode_document (CabApiClient *self,
                 GTask        *task,
                 Request      *request,
                 JsonNode     *node,
                 GBytes       *body)
{
  g_autofree char *etag = NULL;
  g_autofree char *digest = NULL;

  if (request->not_modified)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (body == NULL)
    {
      return_malformed (self, task);
      return;
    }

  etag = unquote_etag (soup_message_headers_get_one (soup_message_get_response_headers (request->message),
                                                     "ETag"));
  if (etag != NULL)
    {
      digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
      if (g_ascii_strcasecmp (digest, etag) != 0)
        {
          return_malformed (self, task);
          return;
        }
    }

  g_task_return_pointer (task, g_bytes_ref (body), (GDestroyNotify) g_bytes_unref);
}

void
cab_api_client_download_document_async (CabApiClient        *self,
                                        const char          *id,
                                        const char          *etag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GTask *task;
  Request *request;

  g_return_if_fail (CAB_IS_API_CLIENT (self));
  g_return_if_fail (id != NULL);

  escaped = g_uri_escape_string (id, NULL, FALSE);
  path = g_strconcat ("documents/", escaped, NULL);
  task = request_new (self, "GET", path, NULL, TRUE, decode_document,
                      cab_api_client_download_document_async, cancellable, callback, user_data);
  if (task != NULL)
    {
      request = g_task_get_task_data (task);
      request->raw = TRUE;
      soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                    "Accept", "application/pdf, application/json");
      if (etag != NULL && *etag != '\0')
        {
          g_autofree char *quoted = g_strdup_printf ("\"%s\"", etag);

          request->etag = g_strdup (etag);
          soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                        "If-None-Match", quoted);
        }
    }
  request_send (self, task);
}

GBytes *
cab_api_client_download_document_finish (CabApiClient  *self,
                                         GAsyncResult  *result,
                                         gboolean      *out_not_modified,
                                         GError       **error)
{
  Request *request;
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  request = g_task_get_task_data (G_TASK (result));
  bytes = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (out_not_modified != NULL)
    *out_not_modified = request != NULL && request->not_modified;

  return bytes;
}

/* --- feedback --------------------------------------------------------------------------- */

static void
decode_feedback_id (CabApiClient *self,
                    GTask        *task,
                    Request      *request,
                    JsonNode     *node,
                    GBytes       *body)
{
  JsonObject *object;
  gint64 id;
  gint64 *result;

  if (node == NULL
      || (object = cab_json_object (node, "feedback", NULL)) == NULL
      || !cab_json_get_int (object, "id", &id, NULL))
    {
      return_malformed (self, task);
      return;
    }

  result = g_new (gint64, 1);
  *result = id;
  g_task_return_pointer (task, result, g_free);
}

static gboolean
report_progress_idle (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  if (request->progress != NULL)
    request->progress (request->sent, request->total, request->progress_data);

  return G_SOURCE_REMOVE;
}

static void
on_wrote_body_data (SoupMessage *message,
                    guint        chunk_size,
                    gpointer     user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  request->sent = MIN (request->sent + chunk_size, request->total);
  /* already on the main context (libsoup emits where the request runs) */
  report_progress_idle (task);
}

static void
feedback_send (CabApiClient *self,
               GTask        *task,
               GBytes       *file_contents)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = build_url (self, "feedback");
  SoupMessageHeaders *headers;
  GBytes *multipart_body = NULL;

  soup_multipart_append_form_string (multipart, "text", request->text);
  if (request->client_id != NULL)
    soup_multipart_append_form_string (multipart, "client_id", request->client_id);
  if (file_contents != NULL)
    {
      g_autofree char *content_type = g_content_type_guess (request->file_name,
                                                            g_bytes_get_data (file_contents, NULL),
                                                            MIN (g_bytes_get_size (file_contents), 4096),
                                                            NULL);
      g_autofree char *mime = g_content_type_get_mime_type (content_type);

      soup_multipart_append_form_file (multipart, "file", request->file_name,
                                       mime != NULL ? mime : "application/octet-stream",
                                       file_contents);
    }

  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  soup_multipart_to_message (multipart, headers, &multipart_body);

  g_clear_object (&request->message);
  request->message = soup_message_new ("POST", url);
  /* the Content-Type with its boundary */
  soup_message_set_request_body_from_bytes (request->message,
                                            soup_message_headers_get_one (headers, "Content-Type"),
                                            multipart_body);
  soup_message_headers_unref (headers);
  request->total = (goffset) g_bytes_get_size (multipart_body);
  request->upload = multipart_body;

  soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                "Accept", "application/json");
  if (self->token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                    "Authorization", value);
      memset (value, 0, strlen (value));
    }
  if (request->progress != NULL)
    request->progress_id = g_signal_connect (request->message, "wrote-body-data",
                                             G_CALLBACK (on_wrote_body_data), task);

  request_send (self, task);
}

static void
on_feedback_file_loaded (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CabApiClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  char *data = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &data, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_FAILED,
                                 _("Cannot read the file: %s"), error->message);
      return;
    }

  contents = g_bytes_new_take (data, length);
  if ((gint64) length > CAB_FEEDBACK_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size ((guint64) length);

      g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_TOO_LARGE,
                               _("The file is %s; at most 10 MB can be attached."), size);
      return;
    }

  feedback_send (self, g_steal_pointer (&task), contents);
}

static void
on_feedback_file_info (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  goffset size;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_FAILED,
                                 _("Cannot read the file: %s"), error->message);
      return;
    }

  size = g_file_info_get_size (info);
  if (size > CAB_FEEDBACK_MAX_FILE_SIZE)
    {
      /* refused before anything is uploaded */
      g_autofree char *size_text = g_format_size ((guint64) size);

      g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_TOO_LARGE,
                               _("The file is %s; at most 10 MB can be attached."), size_text);
      return;
    }

  if (g_file_info_get_display_name (info) != NULL)
    {
      g_free (request->file_name);
      request->file_name = g_strdup (g_file_info_get_display_name (info));
    }

  g_file_load_contents_async (request->file, g_task_get_cancellable (task),
                              on_feedback_file_loaded, g_object_ref (task));
}

void
cab_api_client_send_feedback_async (CabApiClient        *self,
                                    const char          *text,
                                    GFile               *file,
                                    const char          *client_id,
                                    CabApiProgressFunc   progress,
                                    gpointer             progress_data,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (CAB_IS_API_CLIENT (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_api_client_send_feedback_async);
  request = g_new0 (Request, 1);
  request->decode = decode_feedback_id;
  request->authenticated = TRUE;
  request->text = g_strdup (text);
  request->client_id = g_strdup (client_id);
  request->progress = progress;
  request->progress_data = progress_data;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (file == NULL)
    {
      feedback_send (self, g_steal_pointer (&task), NULL);
      return;
    }

  request->file = g_object_ref (file);
  request->file_name = g_file_get_basename (file);
  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, cancellable,
                           on_feedback_file_info, g_steal_pointer (&task));
}

gint64
cab_api_client_send_feedback_finish (CabApiClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  id = g_task_propagate_pointer (G_TASK (result), error);

  return id != NULL ? *id : -1;
}

static void
decode_feedback_list (CabApiClient *self,
                      GTask        *task,
                      Request      *request,
                      JsonNode     *node,
                      GBytes       *body)
{
  GPtrArray *messages;

  if (node == NULL || (messages = cab_feedback_messages_from_json (node, NULL)) == NULL)
    {
      return_malformed (self, task);
      return;
    }

  g_task_return_pointer (task, messages, (GDestroyNotify) g_ptr_array_unref);
}

void
cab_api_client_list_feedback_async (CabApiClient        *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CAB_IS_API_CLIENT (self));

  request_send (self, request_new (self, "GET", "feedback", NULL, TRUE, decode_feedback_list,
                                   cab_api_client_list_feedback_async,
                                   cancellable, callback, user_data));
}

GPtrArray *
cab_api_client_list_feedback_finish (CabApiClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
