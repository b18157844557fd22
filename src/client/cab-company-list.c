/* cab-company-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cab-company-list.h"

/* A hostile or damaged file is read no further than this. */
#define MAX_FILE_SIZE (256 * 1024)
#define MAX_FIELD     512

struct _CabCompanyList
{
  GObject    parent_instance;

  char      *path;
  GPtrArray *entries;   /* CabCompanyEntry */
};

G_DEFINE_FINAL_TYPE (CabCompanyList, cab_company_list, G_TYPE_OBJECT)

static void
entry_free (CabCompanyEntry *entry)
{
  g_free (entry->server_id);
  g_free (entry->server_url);
  g_free (entry->login);
  g_free (entry->name);
  g_free (entry);
}

static gboolean
field_ok (const char *text,
          gboolean    required)
{
  if (text == NULL)
    return !required;

  return *text != '\0' && strlen (text) <= MAX_FIELD && g_utf8_validate (text, -1, NULL);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static void
load (CabCompanyList *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  JsonNode *root;
  JsonArray *array;

  if (!g_file_get_contents (self->path, &contents, &length, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Company list not read: %s", error->message);
      return;
    }
  if (length > MAX_FILE_SIZE || !json_parser_load_from_data (parser, contents, length, &error))
    {
      g_debug ("Company list damaged, ignored: %s", error != NULL ? error->message : "too big");
      return;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return;
  array = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (array)
                    && self->entries->len < CAB_COMPANY_LIST_MAX; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *server_id, *server_url, *login, *name;
      CabCompanyEntry *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      server_id = member_string (object, "server_id");
      server_url = member_string (object, "server_url");
      login = member_string (object, "login");
      name = member_string (object, "name");
      /* an entry that is not whole is skipped, not guessed at */
      if (!field_ok (server_id, TRUE) || !field_ok (server_url, TRUE) || !field_ok (login, TRUE)
          || !field_ok (name, FALSE)
          || cab_company_list_lookup (self, server_id, login) != NULL)
        continue;

      entry = g_new0 (CabCompanyEntry, 1);
      entry->server_id = g_strdup (server_id);
      entry->server_url = g_strdup (server_url);
      entry->login = g_strdup (login);
      entry->name = g_strdup (name);
      g_ptr_array_add (self->entries, entry);
    }
}

static gboolean
save (CabCompanyList  *self,
      GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->entries->len; i++)
    {
      CabCompanyEntry *entry = g_ptr_array_index (self->entries, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "server_id");
      json_builder_add_string_value (builder, entry->server_id);
      json_builder_set_member_name (builder, "server_url");
      json_builder_add_string_value (builder, entry->server_url);
      json_builder_set_member_name (builder, "login");
      json_builder_add_string_value (builder, entry->login);
      if (entry->name != NULL)
        {
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, entry->name);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* the list says which companies the user keeps: the user's eyes only */
  return g_file_set_contents_full (self->path, text, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

CabCompanyList *
cab_company_list_new (const char *path)
{
  CabCompanyList *self = g_object_new (CAB_TYPE_COMPANY_LIST, NULL);

  self->path = path != NULL ? g_strdup (path)
                            : g_build_filename (g_get_user_data_dir (), "tek-cabinet",
                                                "companies.json", NULL);
  load (self);

  return self;
}

guint
cab_company_list_get_n (CabCompanyList *self)
{
  g_return_val_if_fail (CAB_IS_COMPANY_LIST (self), 0);

  return self->entries->len;
}

const CabCompanyEntry *
cab_company_list_get (CabCompanyList *self,
                      guint           position)
{
  g_return_val_if_fail (CAB_IS_COMPANY_LIST (self), NULL);

  return position < self->entries->len ? g_ptr_array_index (self->entries, position) : NULL;
}

const CabCompanyEntry *
cab_company_list_lookup (CabCompanyList *self,
                         const char     *server_id,
                         const char     *login)
{
  g_return_val_if_fail (CAB_IS_COMPANY_LIST (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      CabCompanyEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (entry->server_id, server_id) == 0 && g_strcmp0 (entry->login, login) == 0)
        return entry;
    }

  return NULL;
}

gboolean
cab_company_list_put (CabCompanyList  *self,
                      const char      *server_id,
                      const char      *server_url,
                      const char      *login,
                      const char      *name,
                      GError         **error)
{
  CabCompanyEntry *entry;

  g_return_val_if_fail (CAB_IS_COMPANY_LIST (self), FALSE);

  if (!field_ok (server_id, TRUE) || !field_ok (server_url, TRUE) || !field_ok (login, TRUE)
      || !field_ok (name, FALSE))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "A company needs a server, its address and a login");
      return FALSE;
    }

  entry = (CabCompanyEntry *) cab_company_list_lookup (self, server_id, login);
  if (entry == NULL)
    {
      if (self->entries->len >= CAB_COMPANY_LIST_MAX)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       "No more than %d companies", CAB_COMPANY_LIST_MAX);
          return FALSE;
        }
      entry = g_new0 (CabCompanyEntry, 1);
      entry->server_id = g_strdup (server_id);
      entry->login = g_strdup (login);
      g_ptr_array_add (self->entries, entry);
    }
  else if (g_strcmp0 (entry->server_url, server_url) == 0
           && (name == NULL || g_strcmp0 (entry->name, name) == 0))
    return TRUE;

  g_free (entry->server_url);
  entry->server_url = g_strdup (server_url);
  if (name != NULL)
    {
      g_free (entry->name);
      entry->name = g_strdup (name);
    }

  return save (self, error);
}

gboolean
cab_company_list_remove (CabCompanyList  *self,
                         const char      *server_id,
                         const char      *login,
                         GError         **error)
{
  const CabCompanyEntry *entry;

  g_return_val_if_fail (CAB_IS_COMPANY_LIST (self), FALSE);

  entry = cab_company_list_lookup (self, server_id, login);
  if (entry == NULL)
    return TRUE;
  g_ptr_array_remove (self->entries, (gpointer) entry);

  return save (self, error);
}

static void
cab_company_list_finalize (GObject *object)
{
  CabCompanyList *self = (CabCompanyList *)object;

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (cab_company_list_parent_class)->finalize (object);
}

static void
cab_company_list_class_init (CabCompanyListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cab_company_list_finalize;
}

static void
cab_company_list_init (CabCompanyList *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
}
