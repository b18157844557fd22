/* cab-offline-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cab-offline-store-private.h"

#define INDEX_VERSION 1


G_DEFINE_FINAL_TYPE (CabOfflineStore, cab_offline_store, G_TYPE_OBJECT)

static void
cab_offline_store_finalize (GObject *object)
{
  CabOfflineStore *self = (CabOfflineStore *)object;

  g_free (self->root);
  g_free (self->server_id);
  g_free (self->login);
  g_free (self->directory);
  g_free (self->documents_dir);
  g_free (self->index_path);
  g_free (self->meta_path);
  g_clear_pointer (&self->index, g_ptr_array_unref);
  g_clear_pointer (&self->saved_at, g_date_time_unref);
  g_clear_object (&self->documents);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cab_offline_store_parent_class)->finalize (object);
}

static void
cab_offline_store_class_init (CabOfflineStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cab_offline_store_finalize;
}

static void
cab_offline_store_init (CabOfflineStore *self)
{
  g_mutex_init (&self->lock);
  self->index = g_ptr_array_new_with_free_func (g_object_unref);
  self->documents = g_list_store_new (CAB_TYPE_SAVED_DOCUMENT);
}

/* --- Files --- */

gboolean
cab_offline_store_write_file (const char  *path,
                              const char  *contents,
                              gsize        length,
                              GError     **error)
{
  /* CONSISTENT: a temporary file renamed over the old one; DURABLE: fsync before the rename,
   * so after a crash the name points at either the old or the new contents, whole. */
  return g_file_set_contents_full (path, contents, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

static gboolean
ensure_private_dir (const char  *path,
                    GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  /* The folder may predate us with a laxer mode. */
  if (g_chmod (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot protect the folder “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

char *
cab_offline_store_escape_component (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      if ((g_ascii_isalnum (c) || c == '_' || c == '-' || c == '+' || c == '@' || c == ':' ||
           c == '.') && !(c == '.' && p == text))
        g_string_append_c (out, (char)c);
      else
        g_string_append_printf (out, "%%%02X", c);
    }

  return g_string_free (out, FALSE);
}

/* Temporary files of g_file_set_contents() are "<name>.XXXXXX"; one that survives was
 * left by a crash mid-write. A younger one may be another writer's, now (the session saving
 * while a sign-in window reads the last user): it is renamed in a moment, not swept. */
#define STALE_TEMP_AGE_SECONDS (60 * 60)

static gboolean
is_temp_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL || dot == name || strlen (dot + 1) != 6)
    return FALSE;

  for (const char *p = dot + 1; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        return FALSE;
    }

  {
    g_autofree char *base = g_strndup (name, dot - name);

    return g_str_has_suffix (base, ".json") || g_str_has_suffix (base, ".pdf");
  }
}

static void
remove_stale_temps (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      GStatBuf info;

      if (g_lstat (path, &info) != 0)
        continue;
      if (S_ISDIR (info.st_mode))
        remove_stale_temps (path);
      else if (S_ISREG (info.st_mode) && is_temp_name (name)
               && info.st_mtime < now - STALE_TEMP_AGE_SECONDS)
        g_unlink (path);
    }
}

char *
cab_offline_store_sha256_of_bytes (GBytes *bytes)
{
  gsize length;
  const guchar *data = g_bytes_get_data (bytes, &length);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
}

/* --- The index (call with the lock held) --- */

gboolean
cab_offline_store_write_index_locked (CabOfflineStore  *self,
                                      GError          **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, INDEX_VERSION);
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->index->len; i++)
    json_builder_add_value (builder, cab_saved_document_to_json (g_ptr_array_index (self->index, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = cab_json_to_string (root);

  return cab_offline_store_write_file (self->index_path, text, strlen (text), error);
}

static gboolean
read_index (CabOfflineStore  *self,
            GError          **error)
{
  g_autofree char *text = NULL;
  gsize length;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *array;

  if (!g_file_get_contents (self->index_path, &text, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!(root = cab_json_parse_object (text, length, error)) ||
      !(object = cab_json_object (root, "index", error)) ||
      !(array = cab_json_get_array (object, "documents", error)))
    {
      g_prefix_error (error, _("The index of saved documents is damaged: "));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(CabSavedDocument) doc = NULL;

      if (!(doc = cab_saved_document_from_json (json_array_get_element (array, i), error)))
        {
          g_prefix_error (error, _("The index of saved documents is damaged: "));
          return FALSE;
        }

      g_ptr_array_add (self->index, g_object_ref (doc));
      g_list_store_append (self->documents, doc);
    }

  return TRUE;
}

static gboolean
read_meta (CabOfflineStore *self)
{
  g_autofree char *text = NULL;
  gsize length;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *saved_at;

  if (!g_file_get_contents (self->meta_path, &text, &length, NULL) ||
      !(root = cab_json_parse_object (text, length, NULL)) ||
      !(object = cab_json_object (root, "meta", NULL)) ||
      !(saved_at = cab_json_get_string (object, "saved_at", NULL)))
    return FALSE;

  self->saved_at = g_date_time_new_from_iso8601 (saved_at, NULL);
  return self->saved_at != NULL;
}

gint
cab_offline_store_find_in_index_locked (CabOfflineStore *self,
                                        const char      *id)
{
  for (guint i = 0; i < self->index->len; i++)
    {
      if (g_strcmp0 (cab_saved_document_get_id (g_ptr_array_index (self->index, i)), id) == 0)
        return (gint)i;
    }

  return -1;
}

/* Main thread: make the mirror follow the index. */
void
cab_offline_store_mirror_put (CabOfflineStore  *self,
                              CabSavedDocument *doc)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CabSavedDocument) item = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

      if (g_strcmp0 (cab_saved_document_get_id (item), cab_saved_document_get_id (doc)) == 0)
        {
          g_list_store_splice (self->documents, i, 1, (gpointer *)&doc, 1);
          return;
        }
    }

  g_list_store_append (self->documents, doc);
}

void
cab_offline_store_mirror_remove (CabOfflineStore *self,
                                 const char      *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CabSavedDocument) item = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

      if (g_strcmp0 (cab_saved_document_get_id (item), id) == 0)
        {
          g_list_store_remove (self->documents, i);
          return;
        }
    }
}

/* --- Construction --- */

char *
cab_offline_store_default_root (void)
{
  return g_build_filename (g_get_user_data_dir (), "tek-cabinet", NULL);
}

CabOfflineStore *
cab_offline_store_new (const char  *root,
                       const char  *server_id,
                       const char  *login,
                       GError     **error)
{
  g_autoptr(CabOfflineStore) self = NULL;
  g_autofree char *server_part = NULL;
  g_autofree char *login_part = NULL;
  g_autofree char *server_dir = NULL;

  g_return_val_if_fail (server_id != NULL && *server_id != '\0', NULL);
  g_return_val_if_fail (login != NULL && *login != '\0', NULL);

  self = g_object_new (CAB_TYPE_OFFLINE_STORE, NULL);
  self->root = root != NULL ? g_strdup (root) : cab_offline_store_default_root ();
  self->server_id = g_strdup (server_id);
  self->login = g_strdup (login);

  server_part = cab_offline_store_escape_component (server_id);
  login_part = cab_offline_store_escape_component (login);
  server_dir = g_build_filename (self->root, server_part, NULL);
  self->directory = g_build_filename (server_dir, login_part, NULL);
  self->documents_dir = g_build_filename (self->directory, "documents", NULL);
  self->index_path = g_build_filename (self->directory, "index.json", NULL);
  self->meta_path = g_build_filename (self->directory, "meta.json", NULL);

  if (!ensure_private_dir (self->root, error) ||
      !ensure_private_dir (server_dir, error) ||
      !ensure_private_dir (self->directory, error) ||
      !ensure_private_dir (self->documents_dir, error))
    return NULL;

  remove_stale_temps (self->directory);

  if (!read_index (self, error))
    return NULL;
  read_meta (self);

  return g_steal_pointer (&self);
}

const char *
cab_offline_store_get_root (CabOfflineStore *self)
{
  g_return_val_if_fail (CAB_IS_OFFLINE_STORE (self), NULL);
  return self->root;
}

const char *
cab_offline_store_get_server_id (CabOfflineStore *self)
{
  g_return_val_if_fail (CAB_IS_OFFLINE_STORE (self), NULL);
  return self->server_id;
}

const char *
cab_offline_store_get_login (CabOfflineStore *self)
{
  g_return_val_if_fail (CAB_IS_OFFLINE_STORE (self), NULL);
  return self->login;
}

const char *
cab_offline_store_get_directory (CabOfflineStore *self)
{
  g_return_val_if_fail (CAB_IS_OFFLINE_STORE (self), NULL);
  return self->directory;
}

GDateTime *
cab_offline_store_dup_saved_at (CabOfflineStore *self)
{
  GDateTime *ret;

  g_return_val_if_fail (CAB_IS_OFFLINE_STORE (self), NULL);

  g_mutex_lock (&self->lock);
  ret = self->saved_at != NULL ? g_date_time_ref (self->saved_at) : NULL;
  g_mutex_unlock (&self->lock);

  return ret;
}

char *
cab_offline_store_format_offline_message (GDateTime *saved_at)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (saved_at == NULL)
    return g_strdup (_("Offline: no saved data"));

  local = g_date_time_to_local (saved_at);
  date = g_date_time_format (local, "%d.%m.%Y");
  time = g_date_time_format (local, "%H:%M");

  /* Translators: the first %s is a date (DD.MM.YYYY), the second a time (HH:MM) */
  return g_strdup_printf (_("Offline: showing data saved on %s at %s"), date, time);
}

/* --- JSON resources --- */

static char *
resource_path (CabOfflineStore  *self,
               CabOfflineKind    kind,
               const char       *account,
               const GDate      *from,
               const GDate      *to,
               GError          **error)
{
  g_autofree char *account_part = NULL;
  g_autofree char *account_dir = NULL;
  g_autofree char *from_iso = NULL;
  g_autofree char *to_iso = NULL;
  g_autofree char *name = NULL;

  if (kind == CAB_OFFLINE_ME)
    return g_build_filename (self->directory, "me.json", NULL);

  if (account == NULL || *account == '\0')
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_ACCOUNT, _("No account given"));
      return NULL;
    }

  account_part = cab_offline_store_escape_component (account);
  account_dir = g_build_filename (self->directory, "accounts", account_part, NULL);

  switch (kind)
    {
    case CAB_OFFLINE_BALANCE:
      name = g_strdup ("balance.json");
      break;
    case CAB_OFFLINE_LEDGER:
      name = g_strdup ("ledger.json");
      break;
    case CAB_OFFLINE_STATEMENT:
    case CAB_OFFLINE_BILLS:
      if (from == NULL || to == NULL || !g_date_valid (from) || !g_date_valid (to))
        {
          g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_PERIOD, _("No period given"));
          return NULL;
        }
      from_iso = cab_date_to_iso (from);
      to_iso = cab_date_to_iso (to);
      name = g_strdup_printf ("%s-%s_%s.json",
                              kind == CAB_OFFLINE_STATEMENT ? "statement" : "bills",
                              from_iso, to_iso);
      break;
    case CAB_OFFLINE_ME:
    default:
      g_assert_not_reached ();
    }

  return g_build_filename (account_dir, name, NULL);
}

gboolean
cab_offline_store_put_json (CabOfflineStore  *self,
                            CabOfflineKind    kind,
                            const char       *account,
                            const GDate      *from,
                            const GDate      *to,
                            JsonNode         *data,
                            GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *meta = NULL;
  gboolean newer;

  g_return_val_if_fail (CAB_IS_OFFLINE_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!(path = resource_path (self, kind, account, from, to, error)))
    return FALSE;

  dir = g_path_get_dirname (path);
  if (!ensure_private_dir (dir, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "saved_at");
  json_builder_add_string_value (builder, now_text);
  json_builder_set_member_name (builder, "data");
  json_builder_add_value (builder, json_node_copy (data));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = cab_json_to_string (root);

  if (!cab_offline_store_write_file (path, text, strlen (text), error))
    return FALSE;

  g_mutex_lock (&self->lock);
  newer = self->saved_at == NULL || g_date_time_compare (now, self->saved_at) >= 0;
  if (newer)
    {
      g_clear_pointer (&self->saved_at, g_date_time_unref);
      self->saved_at = g_date_time_ref (now);
      meta = g_strdup_printf ("{\"saved_at\":\"%s\"}", now_text);
      /* Under the lock, so two writers cannot put an older time last. */
      if (!cab_offline_store_write_file (self->meta_path, meta, strlen (meta), error))
        {
          g_mutex_unlock (&self->lock);
          return FALSE;
        }
    }
  g_mutex_unlock (&self->lock);

  return TRUE;
}

JsonNode *
cab_offline_store_get_json (CabOfflineStore  *self,
                            CabOfflineKind    kind,
                            const char       *account,
                            const GDate      *from,
                            const GDate      *to,
                            GDateTime       **out_saved_at,
                            GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize length;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *saved_at_text;
  JsonNode *data;
  GDateTime *saved_at;

  g_return_val_if_fail (CAB_IS_OFFLINE_STORE (self), NULL);

  if (!(path = resource_path (self, kind, account, from, to, error)))
    return NULL;

  if (!g_file_get_contents (path, &text, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("Nothing saved for offline reading"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!(root = cab_json_parse_object (text, length, error)) ||
      !(object = cab_json_object (root, "saved resource", error)) ||
      !(saved_at_text = cab_json_get_string (object, "saved_at", error)))
    return NULL;

  if (!(saved_at = g_date_time_new_from_iso8601 (saved_at_text, NULL)))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "Field “saved_at” is not an ISO 8601 timestamp");
      return NULL;
    }

  if (!json_object_has_member (object, "data") ||
      !JSON_NODE_HOLDS_OBJECT ((data = json_object_get_member (object, "data"))))
    {
      g_date_time_unref (saved_at);
      g_set_error (error, CAB_ERROR, CAB_ERROR_MISSING_FIELD, "Missing field “data”");
      return NULL;
    }

  if (out_saved_at != NULL)
    *out_saved_at = saved_at;
  else
    g_date_time_unref (saved_at);

  return json_node_copy (data);
}

/* --- Async plumbing --- */

void
cab_offline_store_op_free (Op *op)
{
  g_free (op->account);
  g_clear_pointer (&op->data, json_node_unref);
  g_clear_pointer (&op->saved_at, g_date_time_unref);
  g_free (op->id);
  g_clear_pointer (&op->ref, cab_document_ref_free);
  g_free (op->number);
  g_clear_pointer (&op->bytes, g_bytes_unref);
  g_clear_object (&op->doc);
  g_clear_object (&op->outer);
  g_free (op);
}

Op *
cab_offline_store_op_new (CabOfflineKind  kind,
                          const char     *account,
                          const GDate    *from,
                          const GDate    *to)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->account = g_strdup (account);
  g_date_clear (&op->from, 1);
  g_date_clear (&op->to, 1);
  g_date_clear (&op->date, 1);
  if (from != NULL && g_date_valid (from))
    {
      op->has_from = TRUE;
      op->from = *from;
    }
  if (to != NULL && g_date_valid (to))
    {
      op->has_to = TRUE;
      op->to = *to;
    }

  return op;
}

static void
put_json_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Op *op = task_data;
  GError *error = NULL;

  if (!cab_offline_store_put_json (source_object, op->kind, op->account,
                                   op->has_from ? &op->from : NULL,
                                   op->has_to ? &op->to : NULL, op->data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
cab_offline_store_put_json_async (CabOfflineStore     *self,
                                  CabOfflineKind       kind,
                                  const char          *account,
                                  const GDate         *from,
                                  const GDate         *to,
                                  JsonNode            *data,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (CAB_IS_OFFLINE_STORE (self));
  g_return_if_fail (data != NULL);

  op = cab_offline_store_op_new (kind, account, from, to);
  op->data = json_node_copy (data);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_offline_store_put_json_async);
  g_task_set_task_data (task, op, (GDestroyNotify) cab_offline_store_op_free);
  g_task_run_in_thread (task, put_json_thread);
}

gboolean
cab_offline_store_put_json_finish (CabOfflineStore  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
get_json_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Op *op = task_data;
  GError *error = NULL;
  JsonNode *node;

  node = cab_offline_store_get_json (source_object, op->kind, op->account,
                                     op->has_from ? &op->from : NULL,
                                     op->has_to ? &op->to : NULL, &op->saved_at, &error);
  if (node == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, node, (GDestroyNotify)json_node_unref);
}

void
cab_offline_store_get_json_async (CabOfflineStore     *self,
                                  CabOfflineKind       kind,
                                  const char          *account,
                                  const GDate         *from,
                                  const GDate         *to,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CAB_IS_OFFLINE_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_offline_store_get_json_async);
  g_task_set_task_data (task, cab_offline_store_op_new (kind, account, from, to),
                        (GDestroyNotify) cab_offline_store_op_free);
  g_task_run_in_thread (task, get_json_thread);
}

JsonNode *
cab_offline_store_get_json_finish (CabOfflineStore  *self,
                                   GAsyncResult     *result,
                                   GDateTime       **out_saved_at,
                                   GError          **error)
{
  JsonNode *node;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  node = g_task_propagate_pointer (G_TASK (result), error);
  if (node != NULL && out_saved_at != NULL)
    {
      Op *op = g_task_get_task_data (G_TASK (result));

      *out_saved_at = op->saved_at != NULL ? g_date_time_ref (op->saved_at) : NULL;
    }

  return node;
}

/* --- The last signed-in user --- */

gboolean
cab_offline_store_set_last_user (const char  *root,
                                 const char  *server_id,
                                 const char  *login,
                                 const char  *base_url,
                                 GError     **error)
{
  g_autofree char *dir = root != NULL ? g_strdup (root) : cab_offline_store_default_root ();
  g_autofree char *path = g_build_filename (dir, "last-user.json", NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (server_id != NULL && login != NULL, FALSE);

  if (!ensure_private_dir (dir, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "server_id");
  json_builder_add_string_value (builder, server_id);
  json_builder_set_member_name (builder, "login");
  json_builder_add_string_value (builder, login);
  cab_json_builder_add_nullable_string (builder, "base_url", base_url);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  text = cab_json_to_string (node);

  return cab_offline_store_write_file (path, text, strlen (text), error);
}

gboolean
cab_offline_store_get_last_user (const char  *root,
                                 char       **out_server_id,
                                 char       **out_login,
                                 char       **out_base_url,
                                 GError     **error)
{
  g_autofree char *dir = root != NULL ? g_strdup (root) : cab_offline_store_default_root ();
  g_autofree char *path = g_build_filename (dir, "last-user.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  const char *server_id, *login, *base_url;
  gsize length;

  if (!g_file_get_contents (path, &text, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("Nobody has signed in on this computer yet"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!(node = cab_json_parse_object (text, length, error)) ||
      !(object = cab_json_object (node, "last user", error)) ||
      !(server_id = cab_json_get_string (object, "server_id", error)) ||
      !(login = cab_json_get_string (object, "login", error)) ||
      !cab_json_get_nullable_string (object, "base_url", &base_url, error))
    return FALSE;

  if (out_server_id != NULL)
    *out_server_id = g_strdup (server_id);
  if (out_login != NULL)
    *out_login = g_strdup (login);
  if (out_base_url != NULL)
    *out_base_url = g_strdup (base_url);

  return TRUE;
}
