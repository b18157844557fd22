/* cab-supplier.c: the supplier's requisites; see cab-supplier.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-error.h"
#include "cab-json.h"
#include "cab-supplier.h"
#include "cab-validate.h"

static const char * const keys[] = {
  "name", "inn", "kpp", "bank_account", "bank_name", "bic", "correspondent_account",
  "support_email", "phone", NULL,
};

static const gsize offsets[] = {
  G_STRUCT_OFFSET (CabSupplier, name),
  G_STRUCT_OFFSET (CabSupplier, inn),
  G_STRUCT_OFFSET (CabSupplier, kpp),
  G_STRUCT_OFFSET (CabSupplier, bank_account),
  G_STRUCT_OFFSET (CabSupplier, bank_name),
  G_STRUCT_OFFSET (CabSupplier, bic),
  G_STRUCT_OFFSET (CabSupplier, correspondent_account),
  G_STRUCT_OFFSET (CabSupplier, support_email),
  G_STRUCT_OFFSET (CabSupplier, phone),
};

G_STATIC_ASSERT (G_N_ELEMENTS (keys) == G_N_ELEMENTS (offsets) + 1);

#define FIELD(self, i) (G_STRUCT_MEMBER (char *, (self), offsets[i]))

#define MAX_TEXT_CHARS 500

CabSupplier *
cab_supplier_new (void)
{
  return g_new0 (CabSupplier, 1);
}

CabSupplier *
cab_supplier_copy (const CabSupplier *self)
{
  CabSupplier *copy = cab_supplier_new ();

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    FIELD (copy, i) = g_strdup (FIELD (self, i));
  return copy;
}

void
cab_supplier_free (CabSupplier *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    g_free (FIELD (self, i));
  g_free (self);
}

const char * const *
cab_supplier_keys (void)
{
  return keys;
}

static int
key_index (const char *key)
{
  for (guint i = 0; keys[i] != NULL; i++)
    if (g_strcmp0 (keys[i], key) == 0)
      return (int) i;
  return -1;
}

const char *
cab_supplier_get (const CabSupplier *self,
                  const char        *key)
{
  int i = key_index (key);

  return i < 0 ? NULL : FIELD (self, i);
}

static gboolean
check_digits (const char  *value,
              guint        n,
              const char  *what,
              GError     **error)
{
  gsize len = strlen (value);

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (value[i]))
      len = 0;
  if (len != n)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "%s must be %u digits", what, n);
      return FALSE;
    }
  return TRUE;
}

gboolean
cab_supplier_set (CabSupplier  *self,
                  const char   *key,
                  const char   *value,
                  GError      **error)
{
  int i = key_index (key);
  g_autofree char *stored = NULL;

  if (i < 0)
    {
      g_autofree char *shown = g_utf8_make_valid (key ? key : "", -1);

      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "Unknown key “%s”", shown);
      return FALSE;
    }
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE, "Not valid UTF-8");
      return FALSE;
    }

  if (value != NULL && *value != '\0')
    {
      gboolean ok = TRUE;

      if (g_str_equal (key, "inn"))
        ok = cab_validate_inn (value, error);
      else if (g_str_equal (key, "kpp"))
        ok = cab_validate_kpp (value, error);
      else if (g_str_equal (key, "bank_account"))
        ok = check_digits (value, 20, "A bank account", error);
      else if (g_str_equal (key, "correspondent_account"))
        ok = check_digits (value, 20, "A correspondent account", error);
      else if (g_str_equal (key, "bic"))
        ok = check_digits (value, 9, "A BIC", error);
      else if (g_str_equal (key, "support_email"))
        ok = cab_validate_email (value, error);
      else if (g_str_equal (key, "phone"))
        ok = (stored = cab_validate_phone (value, error)) != NULL;
      else if (g_utf8_strlen (value, -1) > MAX_TEXT_CHARS)
        {
          g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                       "Longer than %u characters", MAX_TEXT_CHARS);
          ok = FALSE;
        }
      if (!ok)
        return FALSE;
      if (stored == NULL)
        stored = g_strdup (value);
    }

  g_free (FIELD (self, i));
  FIELD (self, i) = g_steal_pointer (&stored);
  return TRUE;
}

JsonNode *
cab_supplier_to_json (const CabSupplier *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  for (guint i = 0; keys[i] != NULL; i++)
    cab_json_builder_add_nullable_string (builder, keys[i], FIELD (self, i));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

CabSupplier *
cab_supplier_from_json (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(CabSupplier) self = cab_supplier_new ();
  JsonObject *object;

  if (!(object = cab_json_object (node, "supplier", error)))
    return NULL;
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = NULL;

      if (!json_object_has_member (object, keys[i]))
        continue;
      if (!cab_json_get_nullable_string (object, keys[i], &value, error))
        return NULL;
      if (!cab_supplier_set (self, keys[i], value, error))
        {
          g_prefix_error (error, "Field “%s”: ", keys[i]);
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}
