/* cab-api-client.c: the client object and its request core over one SoupSession: URLs, the
 * bearer token, deadlines, errors from answers. Each resource's routes are in
 * cab-api-client-<resource>.c.
 *
 * Error messages here are for logs: the pages choose what a person reads (cab-error-text.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "cab-api-client-private.h"

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
      g_propagate_error (error, cab_error_new_from_api (CAB_ERROR_INVALID_VALUE, "server", 0,
                                           "Not a server address"));
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0
      && !(g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri))))
    {
      g_propagate_error (error, cab_error_new_from_api (CAB_ERROR_INSECURE_SERVER, "server", 0,
                                           "Plain http:// to another computer"));
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

void
cab_api_request_free (CabApiRequest *request)
{
  if (request->progress_id != 0)
    g_signal_handler_disconnect (request->message, request->progress_id);
  g_clear_object (&request->message);
  g_clear_pointer (&request->etag, g_free);
  g_clear_pointer (&request->upload, g_bytes_unref);
  g_clear_object (&request->file);
  g_clear_pointer (&request->file_name, g_free);
  g_clear_pointer (&request->text, g_free);
  g_clear_pointer (&request->client_id, g_free);
  g_free (request);
}

char *
cab_api_client_build_url (CabApiClient *self,
                          const char   *path)
{
  return g_strconcat (self->base_url, API_PREFIX, path, NULL);
}

void
cab_api_client_authorize (CabApiClient *self,
                          SoupMessage  *message)
{
  g_autofree char *value = NULL;

  if (self->token == NULL)
    return;

  value = g_strconcat ("Bearer ", self->token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", value);
  memset (value, 0, strlen (value));
}

static GError *
map_transport_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return cab_error_new_from_api (CAB_ERROR_TIMEOUT, NULL, 0, error->message);
  if (error->domain == SOUP_SESSION_ERROR)
    return cab_error_new_from_api (CAB_ERROR_MALFORMED_RESPONSE, NULL, 0, error->message);
  /* refused, reset, DNS, unreachable, TLS: the server cannot be reached */
  return cab_error_new_from_api (CAB_ERROR_NETWORK, NULL, 0, error->message);
}

void
cab_api_return_error (CabApiClient *self,
                      GTask        *task,
                      GError       *error)
{
  if (cab_error_is_unreachable (error))
    g_signal_emit (self, signals[SIGNAL_UNREACHABLE], 0, error);

  g_task_return_error (task, error);
}

/* The answer of a failed request: the API's error object, else a code for the status. */
static GError *
error_from_answer (SoupMessage   *message,
                   GBytes        *body,
                   CabApiRequest *request)
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
    {
      g_autofree char *text = g_strdup_printf ("HTTP %u", status);

      return cab_error_new_from_api (CAB_ERROR_SERVER, NULL, 0, text);
    }

  if (body != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (body, &length);

      node = cab_json_parse_object (data, length, NULL);
    }
  if (node == NULL)
    return cab_error_new_from_api (CAB_ERROR_MALFORMED_RESPONSE, NULL, 0, "The answer is not the expected JSON");

  root = json_node_get_object (node);
  if (!json_object_has_member (root, "error")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "error")))
    return cab_error_new_from_api (CAB_ERROR_MALFORMED_RESPONSE, NULL, 0, "The answer is not the expected JSON");

  error_object = json_object_get_object_member (root, "error");
  if (json_object_has_member (error_object, "code")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (error_object, "code"))
      && json_node_get_value_type (json_object_get_member (error_object, "code")) == G_TYPE_STRING)
    code = json_object_get_string_member (error_object, "code");
  if (code == NULL)
    return cab_error_new_from_api (CAB_ERROR_MALFORMED_RESPONSE, NULL, 0, "The answer is not the expected JSON");

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

  {
    g_autofree char *text = g_strdup_printf ("HTTP %u, error code “%s”", status, code);

    return cab_error_new_from_api (cab_code, field, retry_after, text);
  }
}

static void
on_send_and_read (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CabApiClient *self = g_task_get_source_object (task);
  CabApiRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      cab_api_return_error (self, task, map_transport_error (error));
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
      cab_api_return_error (self, task, answer_error);
      return;
    }

  if (!request->raw && g_bytes_get_size (body) > 0)
    {
      gsize length;
      const char *data = g_bytes_get_data (body, &length);

      node = cab_json_parse_object (data, length, NULL);
      if (node == NULL)
        {
          cab_api_return_error (self, task, cab_error_new_from_api (CAB_ERROR_MALFORMED_RESPONSE, NULL, 0, "The answer is not the expected JSON"));
          return;
        }
    }

  request->decode (self, task, request, node, body);
}

GTask *
cab_api_request_new (CabApiClient        *self,
                     const char          *method,
                     const char          *path,
                     JsonNode            *json_body,
                     gboolean             authenticated,
                     CabApiDecodeFunc     decode,
                     gpointer             source_tag,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autofree char *url = cab_api_client_build_url (self, path);
  GTask *task;
  CabApiRequest *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  request = g_new0 (CabApiRequest, 1);
  request->decode = decode;
  request->authenticated = authenticated;
  request->message = soup_message_new (method, url);
  g_task_set_task_data (task, request, (GDestroyNotify) cab_api_request_free);

  if (request->message == NULL)
    {
      g_task_return_error (task, cab_error_new_from_api (CAB_ERROR_NETWORK, NULL, 0, "The URL cannot be requested"));
      g_clear_object (&task);
      return NULL;
    }

  soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                "Accept", "application/json");
  if (authenticated)
    cab_api_client_authorize (self, request->message);

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

void
cab_api_request_send (CabApiClient *self,
                      GTask        *task)
{
  CabApiRequest *request;

  if (task == NULL)
    return;

  request = g_task_get_task_data (task);
  soup_session_send_and_read_async (self->soup, request->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task),
                                    on_send_and_read, task);
}

JsonNode *
cab_api_build_object (const char *first_field,
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

void
cab_api_return_malformed (CabApiClient *self,
                          GTask        *task)
{
  cab_api_return_error (self, task, cab_error_new_from_api (CAB_ERROR_MALFORMED_RESPONSE, NULL, 0, "The answer is not the expected JSON"));
}

void
cab_api_return_decoded (CabApiClient   *self,
                        GTask          *task,
                        gpointer        value,
                        GDestroyNotify  value_free)
{
  if (value == NULL)
    {
      cab_api_return_malformed (self, task);
      return;
    }

  g_task_return_pointer (task, value, value_free);
}

void
cab_api_return_flag (GTask    *task,
                     gboolean  flag)
{
  g_task_return_int (task, flag ? 2 : 1);
}

gboolean
cab_api_propagate_flag (GTask     *task,
                        gboolean  *out_flag,
                        GError   **error)
{
  gssize value = g_task_propagate_int (task, error);

  if (value <= 0)
    return FALSE;
  if (out_flag != NULL)
    *out_flag = value == 2;

  return TRUE;
}

