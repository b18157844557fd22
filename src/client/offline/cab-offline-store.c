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

#include "cab-offline-store.h"

#define INDEX_VERSION 1

struct _CabOfflineStore
{
  GObject     parent_instance;

  char       *root;
  char       *server_id;
  char       *login;
  char       *directory;
  char       *documents_dir;
  char       *index_path;
  char       *meta_path;

  /* Guards index and saved_at, which worker threads change. */
  GMutex      lock;
  GPtrArray  *index;     /* of CabSavedDocument */
  GDateTime  *saved_at;

  /* The main-thread mirror of index. */
  GListStore *documents;
};

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
 * left by a crash mid-write. */
static gboolean
is_stale_temp (const char *name)
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
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_stale_temps (path);
      else if (is_stale_temp (name))
        g_unlink (path);
    }
}

static char *
sha256_of_bytes (GBytes *bytes)
{
  gsize length;
  const guchar *data = g_bytes_get_data (bytes, &length);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
}

/* --- The index (call with the lock held) --- */

static gboolean
write_index_locked (CabOfflineStore  *self,
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

static gint
find_in_index_locked (CabOfflineStore *self,
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
static void
mirror_put (CabOfflineStore  *self,
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

static void
mirror_remove (CabOfflineStore *self,
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

typedef struct
{
  CabOfflineKind    kind;
  char             *account;
  gboolean          has_from;
  GDate             from;
  gboolean          has_to;
  GDate             to;
  JsonNode         *data;
  GDateTime        *saved_at;
  char             *id;
  CabDocumentRef   *ref;
  char             *number;
  gboolean          has_date;
  GDate             date;
  GBytes           *bytes;
  CabSavedDocument *doc;
  gboolean          dropped;   /* the entry was dropped from the index */
  gboolean          resync;    /* the whole index may have changed */
  GTask            *outer;     /* the caller's task, finished after the mirror is updated */
} Op;

static void
op_free (Op *op)
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

static Op *
op_new (CabOfflineKind  kind,
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

  op = op_new (kind, account, from, to);
  op->data = json_node_copy (data);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_offline_store_put_json_async);
  g_task_set_task_data (task, op, (GDestroyNotify)op_free);
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
  g_task_set_task_data (task, op_new (kind, account, from, to), (GDestroyNotify)op_free);
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

/* --- Documents --- */

GListModel *
cab_offline_store_get_documents (CabOfflineStore *self)
{
  g_return_val_if_fail (CAB_IS_OFFLINE_STORE (self), NULL);
  return G_LIST_MODEL (self->documents);
}

CabSavedDocument *
cab_offline_store_lookup_document (CabOfflineStore *self,
                                   const char      *id)
{
  CabSavedDocument *ret = NULL;
  gint pos;

  g_return_val_if_fail (CAB_IS_OFFLINE_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->lock);
  if ((pos = find_in_index_locked (self, id)) >= 0)
    ret = g_object_ref (g_ptr_array_index (self->index, pos));
  g_mutex_unlock (&self->lock);

  return ret;
}

GFile *
cab_offline_store_get_document_file (CabOfflineStore *self,
                                     const char      *id)
{
  g_autofree char *part = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CAB_IS_OFFLINE_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  part = cab_offline_store_escape_component (id);
  name = g_strconcat (part, ".pdf", NULL);

  return g_file_new_build_filename (self->documents_dir, name, NULL);
}

static char *
document_path (CabOfflineStore *self,
               const char      *id)
{
  g_autoptr(GFile) file = cab_offline_store_get_document_file (self, id);

  return g_file_get_path (file);
}

static gpointer
ref_copy (gconstpointer src,
          gpointer      data)
{
  return g_object_ref ((gpointer)src);
}

/* Runs @thread_func with a task whose completion updates the mirror (op_mirror_done) before
 * @op->outer, the caller's task, finishes. */
static void
op_mirror_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CabOfflineStore *self = CAB_OFFLINE_STORE (object);
  Op *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GTask) outer = g_object_ref (op->outer);
  GError *error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Whatever the outcome, the index on disk may have changed. */
  if (op->dropped && op->id != NULL)
    mirror_remove (self, op->id);
  if (op->doc != NULL)
    mirror_put (self, op->doc);
  if (op->resync)
    {
      g_autoptr(GPtrArray) snapshot = NULL;

      g_mutex_lock (&self->lock);
      snapshot = g_ptr_array_copy (self->index, ref_copy, NULL);
      g_mutex_unlock (&self->lock);

      g_ptr_array_set_free_func (snapshot, g_object_unref);
      g_list_store_splice (self->documents, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->documents)),
                           snapshot->pdata, snapshot->len);
    }

  if (!ok)
    g_task_return_error (outer, error);
  else if (op->bytes != NULL && op->doc == NULL)
    g_task_return_pointer (outer, g_bytes_ref (op->bytes), (GDestroyNotify)g_bytes_unref);
  else if (op->doc != NULL)
    g_task_return_pointer (outer, g_object_ref (op->doc), g_object_unref);
  else
    g_task_return_boolean (outer, TRUE);
}

static void
op_run (CabOfflineStore    *self,
        Op                 *op,
        gpointer            source_tag,
        GTaskThreadFunc     thread_func,
        GCancellable       *cancellable,
        GAsyncReadyCallback callback,
        gpointer            user_data)
{
  g_autoptr(GTask) inner = NULL;

  op->outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->outer, source_tag);
  /* Once the disk has changed, the mirror must follow even if the caller gave up. */
  inner = g_task_new (self, NULL, op_mirror_done, NULL);
  g_task_set_task_data (inner, op, (GDestroyNotify)op_free);
  g_task_run_in_thread (inner, thread_func);
}

static void
save_document_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  CabOfflineStore *self = source_object;
  Op *op = task_data;
  g_autofree char *sha256 = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CabSavedDocument) doc = NULL;
  CabSavedDocument *previous = NULL;
  GError *error = NULL;
  gsize length;
  const char *data;
  gint pos;
  gboolean existed;

  if (g_task_return_error_if_cancelled (task))
    return;

  sha256 = sha256_of_bytes (op->bytes);
  if (g_ascii_strcasecmp (sha256, op->ref->sha256) != 0)
    {
      g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                               _("The document “%s” does not match its checksum; it was not saved"),
                               op->ref->title);
      return;
    }

  data = g_bytes_get_data (op->bytes, &length);
  if (op->ref->size > 0 && (gint64)length != op->ref->size)
    {
      g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                               _("The document “%s” does not have its announced size; it was not saved"),
                               op->ref->title);
      return;
    }

  path = document_path (self, op->id);
  doc = cab_saved_document_new (op->id, op->account, op->ref->kind, op->ref->title, op->number,
                                op->has_date ? &op->date : NULL, (gint64)length, sha256, NULL);

  g_mutex_lock (&self->lock);

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!cab_offline_store_write_file (path, data != NULL ? data : "", length, &error))
    goto failed;

  pos = find_in_index_locked (self, op->id);
  if (pos >= 0)
    {
      previous = g_ptr_array_index (self->index, pos);
      self->index->pdata[pos] = g_object_ref (doc);
    }
  else
    g_ptr_array_add (self->index, g_object_ref (doc));

  if (!write_index_locked (self, &error))
    {
      /* Keep the index as it was on disk. */
      if (pos >= 0)
        {
          g_object_unref (self->index->pdata[pos]);
          self->index->pdata[pos] = previous;
        }
      else
        {
          g_ptr_array_remove_index (self->index, self->index->len - 1);
          if (!existed)
            g_unlink (path);
        }
      goto failed;
    }

  g_clear_object (&previous);
  g_mutex_unlock (&self->lock);

  op->doc = g_steal_pointer (&doc);
  g_task_return_boolean (task, TRUE);
  return;

failed:
  g_mutex_unlock (&self->lock);
  g_task_return_error (task, error);
}

void
cab_offline_store_save_document_async (CabOfflineStore      *self,
                                       const CabDocumentRef *ref,
                                       const char           *account,
                                       const char           *number,
                                       const GDate          *date,
                                       GBytes               *pdf,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  Op *op;

  g_return_if_fail (CAB_IS_OFFLINE_STORE (self));
  g_return_if_fail (ref != NULL && ref->id != NULL && ref->sha256 != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (pdf != NULL);

  op = op_new (CAB_OFFLINE_ME, account, NULL, NULL);
  op->id = g_strdup (ref->id);
  op->ref = cab_document_ref_copy (ref);
  op->number = g_strdup (number);
  if (date != NULL && g_date_valid (date))
    {
      op->has_date = TRUE;
      op->date = *date;
    }
  op->bytes = g_bytes_ref (pdf);

  op_run (self, op, cab_offline_store_save_document_async, save_document_thread,
          cancellable, callback, user_data);
}

CabSavedDocument *
cab_offline_store_save_document_finish (CabOfflineStore  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Drops @id from the index and its file; with the lock held. */
static gboolean
drop_locked (CabOfflineStore  *self,
             const char       *id,
             GError          **error)
{
  g_autofree char *path = document_path (self, id);
  gint pos = find_in_index_locked (self, id);

  if (pos < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The document is not saved on this computer"));
      return FALSE;
    }

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot remove “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  g_ptr_array_remove_index (self->index, pos);
  return write_index_locked (self, error);
}

static void
load_document_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  CabOfflineStore *self = source_object;
  Op *op = task_data;
  g_autoptr(CabSavedDocument) doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  gsize length;
  gint pos;

  path = document_path (self, op->id);

  /* Under the lock, so that a save of a newer copy cannot slip between reading the file
   * and checking it against the index. */
  g_mutex_lock (&self->lock);
  if ((pos = find_in_index_locked (self, op->id)) >= 0)
    doc = g_object_ref (g_ptr_array_index (self->index, pos));
  if (doc != NULL && g_file_get_contents (path, &contents, &length, &error))
    {
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      sha256 = sha256_of_bytes (bytes);
    }
  g_clear_error (&error);

  if (doc == NULL)
    {
      g_mutex_unlock (&self->lock);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The document is not saved on this computer"));
      return;
    }

  if (sha256 == NULL || strcmp (sha256, cab_saved_document_get_sha256 (doc)) != 0)
    {
      /* A damaged or missing copy is worse than none: forget it, so it is fetched again. */
      op->dropped = drop_locked (self, op->id, NULL);
      g_mutex_unlock (&self->lock);

      g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                               _("The saved copy of “%s” is damaged"),
                               cab_saved_document_get_title (doc));
      return;
    }

  g_mutex_unlock (&self->lock);
  op->bytes = g_steal_pointer (&bytes);
  g_task_return_boolean (task, TRUE);
}

void
cab_offline_store_load_document_async (CabOfflineStore     *self,
                                       const char          *id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CAB_IS_OFFLINE_STORE (self));
  g_return_if_fail (id != NULL);

  op = op_new (CAB_OFFLINE_ME, NULL, NULL, NULL);
  op->id = g_strdup (id);

  op_run (self, op, cab_offline_store_load_document_async, load_document_thread,
          cancellable, callback, user_data);
}

GBytes *
cab_offline_store_load_document_finish (CabOfflineStore  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
remove_document_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  CabOfflineStore *self = source_object;
  Op *op = task_data;
  GError *error = NULL;
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = drop_locked (self, op->id, &error);
  g_mutex_unlock (&self->lock);

  op->dropped = ok;
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cab_offline_store_remove_document_async (CabOfflineStore     *self,
                                         const char          *id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CAB_IS_OFFLINE_STORE (self));
  g_return_if_fail (id != NULL);

  op = op_new (CAB_OFFLINE_ME, NULL, NULL, NULL);
  op->id = g_strdup (id);

  op_run (self, op, cab_offline_store_remove_document_async, remove_document_thread,
          cancellable, callback, user_data);
}

gboolean
cab_offline_store_remove_document_finish (CabOfflineStore  *self,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
remove_all_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CabOfflineStore *self = source_object;
  g_autoptr(GDir) dir = NULL;
  GError *error = NULL;
  const char *name;
  gboolean ok = TRUE;

  g_mutex_lock (&self->lock);

  /* Every file in the folder, so strays the index lost track of go too. */
  if ((dir = g_dir_open (self->documents_dir, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (self->documents_dir, name, NULL);

          if (g_unlink (path) != 0 && errno != ENOENT && ok)
            {
              int saved_errno = errno;

              g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           _("Cannot remove “%s”: %s"), path, g_strerror (saved_errno));
              ok = FALSE;
            }
        }
    }

  for (guint i = self->index->len; i > 0; i--)
    {
      g_autofree char *path = document_path (self, cab_saved_document_get_id (self->index->pdata[i - 1]));

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        g_ptr_array_remove_index (self->index, i - 1);
    }

  if (!write_index_locked (self, ok ? &error : NULL))
    ok = FALSE;

  g_mutex_unlock (&self->lock);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cab_offline_store_remove_all_documents_async (CabOfflineStore     *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CAB_IS_OFFLINE_STORE (self));

  op = op_new (CAB_OFFLINE_ME, NULL, NULL, NULL);
  op->resync = TRUE;

  op_run (self, op, cab_offline_store_remove_all_documents_async, remove_all_thread,
          cancellable, callback, user_data);
}

gboolean
cab_offline_store_remove_all_documents_finish (CabOfflineStore  *self,
                                               GAsyncResult     *result,
                                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
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
