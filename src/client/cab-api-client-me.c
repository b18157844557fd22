/* cab-api-client-me.c: the signed-in user: GET/PATCH /me, visible accounts, subscription.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "cab-api-client-private.h"

static void
decode_me (CabApiClient  *self,
           GTask         *task,
           CabApiRequest *request,
           JsonNode      *node,
           GBytes        *body)
{
  cab_api_return_decoded (self, task, node != NULL ? cab_me_from_json (node, NULL) : NULL,
                          (GDestroyNotify) cab_me_free);
}

void
cab_api_client_get_me_async (CabApiClient        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CAB_IS_API_CLIENT (self));

  cab_api_request_send (self, cab_api_request_new (self, "GET", "me", NULL, TRUE, decode_me,
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

  cab_api_request_send (self, cab_api_request_new (self, "PUT", "me/visible-accounts", body, TRUE, decode_me,
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

  cab_api_request_send (self, cab_api_request_new (self, "PATCH", "me", body, TRUE, decode_me,
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
decode_subscription (CabApiClient  *self,
                     GTask         *task,
                     CabApiRequest *request,
                     JsonNode      *node,
                     GBytes        *body)
{
  JsonObject *object;
  gboolean subscribed;

  if (node == NULL
      || (object = cab_json_object (node, "subscription", NULL)) == NULL
      || !cab_json_get_bool (object, "subscribed", &subscribed, NULL))
    {
      cab_api_return_malformed (self, task);
      return;
    }

  cab_api_return_flag (task, subscribed);
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

  cab_api_request_send (self, cab_api_request_new (self, "PUT", "me/subscription", body, TRUE,
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
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return cab_api_propagate_flag (G_TASK (result), out_subscribed, error);
}
