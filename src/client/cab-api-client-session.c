/* cab-api-client-session.c: the unauthenticated routes: GET /health, registration, sign-in and sign-out,
 * password reset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "cab-api-client-private.h"

static void
decode_health (CabApiClient  *self,
               GTask         *task,
               CabApiRequest *request,
               JsonNode      *node,
               GBytes        *body)
{
  JsonObject *object;
  GDate *today;

  if (node == NULL || (object = cab_json_object (node, "health", NULL)) == NULL)
    {
      cab_api_return_malformed (self, task);
      return;
    }

  today = g_date_new ();
  if (!cab_json_get_date (object, "today", today, NULL))
    {
      g_date_free (today);
      cab_api_return_malformed (self, task);
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

  cab_api_request_send (self, cab_api_request_new (self, "GET", "health", NULL, FALSE, decode_health,
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
decode_empty (CabApiClient  *self,
              GTask         *task,
              CabApiRequest *request,
              JsonNode      *node,
              GBytes        *body)
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

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  body = cab_api_build_object ("dp_code", dp_code, "account", account, NULL);
  task = cab_api_request_new (self, "POST", "registration/check", body, FALSE, decode_empty,
                      cab_api_client_check_registration_async,
                      cancellable, callback, user_data);
  cab_api_request_send (self, task);
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
decode_token (CabApiClient  *self,
              GTask         *task,
              CabApiRequest *request,
              JsonNode      *node,
              GBytes        *body)
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
      cab_api_return_malformed (self, task);
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

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  body = cab_api_build_object ("dp_code", dp_code, "account", account,
                       "email", email, "password", password, NULL);
  task = cab_api_request_new (self, "POST", "registration", body, FALSE, decode_token,
                      cab_api_client_register_async, cancellable, callback, user_data);
  cab_api_request_send (self, task);
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
decode_session (CabApiClient  *self,
                GTask         *task,
                CabApiRequest *request,
                JsonNode      *node,
                GBytes        *body)
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
      cab_api_return_malformed (self, task);
      return;
    }

  cab_api_client_set_token (self, token);
  cab_api_return_flag (task, must_change);
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

  body = cab_api_build_object ("login", login, "password", password, NULL);
  cab_api_request_send (self, cab_api_request_new (self, "POST", "session", body, FALSE, decode_session,
                                   cab_api_client_sign_in_async,
                                   cancellable, callback, user_data));
}

gboolean
cab_api_client_sign_in_finish (CabApiClient  *self,
                               GAsyncResult  *result,
                               gboolean      *out_must_change_password,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return cab_api_propagate_flag (G_TASK (result), out_must_change_password, error);
}

void
cab_api_client_sign_out_async (CabApiClient        *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CAB_IS_API_CLIENT (self));

  task = cab_api_request_new (self, "DELETE", "session", NULL, TRUE, decode_empty,
                      cab_api_client_sign_out_async, cancellable, callback, user_data);
  /* dropped locally whatever the answer: the header is already set on the message */
  cab_api_client_set_token (self, NULL);
  cab_api_request_send (self, task);
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

  body = cab_api_build_object ("login", login, "email", email, NULL);
  cab_api_request_send (self, cab_api_request_new (self, "POST", "password-reset", body, FALSE, decode_empty,
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
