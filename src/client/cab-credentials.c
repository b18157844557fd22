/* cab-credentials.c: passwords in the Secret Service through libsecret's async API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "cab-credentials.h"

struct _CabCredentials
{
  GObject  parent_instance;

  gboolean unavailable;
};

G_DEFINE_FINAL_TYPE (CabCredentials, cab_credentials, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AVAILABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    .name = CAB_CREDENTIALS_SCHEMA_NAME,
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "login", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

CabCredentials *
cab_credentials_new (void)
{
  return g_object_new (CAB_TYPE_CREDENTIALS, NULL);
}

CabCredentials *
cab_credentials_get_default (void)
{
  static CabCredentials *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, cab_credentials_new ());

  return instance;
}

gboolean
cab_credentials_get_available (CabCredentials *self)
{
  g_return_val_if_fail (CAB_IS_CREDENTIALS (self), FALSE);

  return !self->unavailable;
}

void
cab_credentials_free_password (char *password)
{
  if (password != NULL)
    secret_password_free (password);
}

/* Any failure of the service itself (no bus, no provider, locked and no prompter) makes the
 * keyring unusable for this run; a cancellation does not. */
static GError *
note_failure (CabCredentials *self,
              GError         *error)
{
  GError *ret;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  g_debug ("Secret Service failed: %s", error->message);
  if (!self->unavailable)
    {
      self->unavailable = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
    }

  ret = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("No keyring (Secret Service) is available, so the password cannot be remembered."));
  g_error_free (error);

  return ret;
}

static gboolean
fail_if_unavailable (CabCredentials *self,
                     GTask          *task)
{
  if (!self->unavailable)
    return FALSE;

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("No keyring (Secret Service) is available, so the password cannot be remembered."));

  return TRUE;
}

static void
on_lookup (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CabCredentials *self = g_task_get_source_object (task);
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, note_failure (self, error));
      return;
    }

  g_task_return_pointer (task, password, (GDestroyNotify) cab_credentials_free_password);
}

void
cab_credentials_lookup_async (CabCredentials      *self,
                              const char          *server,
                              const char          *login,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CAB_IS_CREDENTIALS (self));
  g_return_if_fail (server != NULL && login != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_credentials_lookup_async);
  if (fail_if_unavailable (self, task))
    return;

  secret_password_lookup (get_schema (), cancellable, on_lookup, g_steal_pointer (&task),
                          "server", server,
                          "login", login,
                          NULL);
}

char *
cab_credentials_lookup_finish (CabCredentials  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_store (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CabCredentials *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, note_failure (self, error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
cab_credentials_store_async (CabCredentials      *self,
                             const char          *server,
                             const char          *login,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (CAB_IS_CREDENTIALS (self));
  g_return_if_fail (server != NULL && login != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_credentials_store_async);
  if (fail_if_unavailable (self, task))
    return;

  /* Translators: the label of the keyring entry; %s is the login, the second %s the server */
  label = g_strdup_printf (_("TEK Cabinet password for %s on %s"), login, server);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, on_store, g_steal_pointer (&task),
                         "server", server,
                         "login", login,
                         NULL);
}

gboolean
cab_credentials_store_finish (CabCredentials  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_clear (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CabCredentials *self = g_task_get_source_object (task);
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, note_failure (self, error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
cab_credentials_clear_async (CabCredentials      *self,
                             const char          *server,
                             const char          *login,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CAB_IS_CREDENTIALS (self));
  g_return_if_fail (server != NULL && login != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_credentials_clear_async);
  if (fail_if_unavailable (self, task))
    return;

  secret_password_clear (get_schema (), cancellable, on_clear, g_steal_pointer (&task),
                         "server", server,
                         "login", login,
                         NULL);
}

gboolean
cab_credentials_clear_finish (CabCredentials  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
cab_credentials_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CabCredentials *self = CAB_CREDENTIALS (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, !self->unavailable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_credentials_class_init (CabCredentialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cab_credentials_get_property;

  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cab_credentials_init (CabCredentials *self)
{
}
