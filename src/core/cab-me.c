/* cab-me.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-error.h"
#include "cab-json.h"
#include "cab-me.h"

G_DEFINE_BOXED_TYPE (CabMe, cab_me, cab_me_copy, cab_me_free)

CabMe *
cab_me_new (void)
{
  CabMe *self = g_new0 (CabMe, 1);

  self->contracts = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_contract_free);
  self->visible_accounts = g_new0 (char *, 1);

  return self;
}

CabMe *
cab_me_copy (const CabMe *self)
{
  CabMe *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = cab_me_new ();
  copy->login = g_strdup (self->login);
  copy->email = g_strdup (self->email);
  copy->phone = g_strdup (self->phone);
  copy->subscribed = self->subscribed;
  copy->must_change_password = self->must_change_password;
  copy->partner.dp_code = g_strdup (self->partner.dp_code);
  copy->partner.name = g_strdup (self->partner.name);
  copy->partner.address = g_strdup (self->partner.address);
  copy->partner.contacts = g_strdup (self->partner.contacts);

  for (guint i = 0; self->contracts != NULL && i < self->contracts->len; i++)
    g_ptr_array_add (copy->contracts, cab_contract_copy (g_ptr_array_index (self->contracts, i)));

  if (self->visible_accounts != NULL)
    {
      g_strfreev (copy->visible_accounts);
      copy->visible_accounts = g_strdupv (self->visible_accounts);
    }

  return copy;
}

void
cab_me_free (CabMe *self)
{
  if (self == NULL)
    return;

  g_free (self->login);
  g_free (self->email);
  g_free (self->phone);
  g_free (self->partner.dp_code);
  g_free (self->partner.name);
  g_free (self->partner.address);
  g_free (self->partner.contacts);
  g_clear_pointer (&self->contracts, g_ptr_array_unref);
  g_strfreev (self->visible_accounts);
  g_free (self);
}

CabContract *
cab_me_find_contract (const CabMe *self,
                      const char  *account)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (account == NULL || self->contracts == NULL)
    return NULL;

  for (guint i = 0; i < self->contracts->len; i++)
    {
      CabContract *contract = g_ptr_array_index (self->contracts, i);

      if (g_strcmp0 (contract->account, account) == 0)
        return contract;
    }

  return NULL;
}

gboolean
cab_me_is_visible (const CabMe *self,
                   const char  *account)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (account == NULL || self->visible_accounts == NULL)
    return FALSE;

  return g_strv_contains ((const char * const *) self->visible_accounts, account);
}

static void
add_string (JsonBuilder *builder,
            const char  *field,
            const char  *value)
{
  json_builder_set_member_name (builder, field);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

JsonNode *
cab_me_to_json (const CabMe *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "login", self->login);
  add_string (builder, "email", self->email);
  cab_json_builder_add_nullable_string (builder, "phone", self->phone);
  json_builder_set_member_name (builder, "subscribed");
  json_builder_add_boolean_value (builder, self->subscribed);
  json_builder_set_member_name (builder, "must_change_password");
  json_builder_add_boolean_value (builder, self->must_change_password);

  json_builder_set_member_name (builder, "partner");
  json_builder_begin_object (builder);
  add_string (builder, "dp_code", self->partner.dp_code);
  add_string (builder, "name", self->partner.name);
  add_string (builder, "address", self->partner.address);
  add_string (builder, "contacts", self->partner.contacts);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "contracts");
  json_builder_begin_array (builder);
  for (guint i = 0; self->contracts != NULL && i < self->contracts->len; i++)
    json_builder_add_value (builder, cab_contract_to_json (g_ptr_array_index (self->contracts, i)));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "visible_accounts");
  json_builder_begin_array (builder);
  for (guint i = 0; self->visible_accounts != NULL && self->visible_accounts[i] != NULL; i++)
    json_builder_add_string_value (builder, self->visible_accounts[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
read_partner (JsonObject  *object,
              CabPartner  *partner,
              GError     **error)
{
  const char *dp_code;
  const char *name;
  const char *address;
  const char *contacts;

  if (!(dp_code = cab_json_get_string (object, "dp_code", error)) ||
      !(name = cab_json_get_string (object, "name", error)) ||
      !(address = cab_json_get_string (object, "address", error)) ||
      !(contacts = cab_json_get_string (object, "contacts", error)))
    {
      g_prefix_error (error, "Field “partner”: ");
      return FALSE;
    }

  partner->dp_code = g_strdup (dp_code);
  partner->name = g_strdup (name);
  partner->address = g_strdup (address);
  partner->contacts = g_strdup (contacts);

  return TRUE;
}

CabMe *
cab_me_from_json (JsonNode  *node,
                  GError   **error)
{
  g_autoptr(CabMe) self = cab_me_new ();
  g_autoptr(GStrvBuilder) visible = g_strv_builder_new ();
  JsonObject *object;
  JsonObject *partner;
  JsonArray *contracts;
  JsonArray *visible_accounts;
  const char *login;
  const char *email;
  const char *phone;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(object = cab_json_object (node, "me", error)) ||
      !(login = cab_json_get_string (object, "login", error)) ||
      !(email = cab_json_get_string (object, "email", error)) ||
      !cab_json_get_nullable_string (object, "phone", &phone, error) ||
      !cab_json_get_bool (object, "subscribed", &self->subscribed, error) ||
      !cab_json_get_bool (object, "must_change_password", &self->must_change_password, error) ||
      !(partner = cab_json_get_object (object, "partner", error)) ||
      !read_partner (partner, &self->partner, error) ||
      !(contracts = cab_json_get_array (object, "contracts", error)) ||
      !(visible_accounts = cab_json_get_array (object, "visible_accounts", error)))
    return NULL;

  self->login = g_strdup (login);
  self->email = g_strdup (email);
  self->phone = g_strdup (phone);

  for (guint i = 0; i < json_array_get_length (contracts); i++)
    {
      CabContract *contract = cab_contract_from_json (json_array_get_element (contracts, i), error);

      if (contract == NULL)
        {
          g_prefix_error (error, "“contracts” item %u: ", i);
          return NULL;
        }

      g_ptr_array_add (self->contracts, contract);
    }

  for (guint i = 0; i < json_array_get_length (visible_accounts); i++)
    {
      JsonNode *element = json_array_get_element (visible_accounts, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error (error, CAB_ERROR, CAB_ERROR_WRONG_TYPE,
                       "Field “visible_accounts”: item %u is not a string", i);
          return NULL;
        }

      g_strv_builder_add (visible, json_node_get_string (element));
    }

  g_strfreev (self->visible_accounts);
  self->visible_accounts = g_strv_builder_end (visible);

  return g_steal_pointer (&self);
}
