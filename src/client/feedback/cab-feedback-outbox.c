/* cab-feedback-outbox.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cab-feedback-outbox"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cab-core.h"
#include "cab-error-text.h"
#include "cab-feedback-outbox.h"
#include "cab-feedback-outbox-files.h"
#include "offline/cab-offline-store.h"

#define DEFAULT_FIRST_DELAY_MS (5 * 1000)
#define DEFAULT_MAX_DELAY_MS   (5 * 60 * 1000)

struct _CabFeedbackOutbox
{
  GObject       parent_instance;

  char         *directory;
  CabApiClient *api;
  GPtrArray    *items;          /* of CabFeedbackOutboxItem, oldest first */
  GCancellable *cancellable;    /* of the automatic flushes */
  guint         n_skipped;
  /* What the last load said, for a page that comes later than the load (the outbox is built
   * at sign-in). */
  GError       *load_error;
  char         *last_problem;

  guint         retry_source;
  guint         retry_delay;    /* of the scheduled retry */
  guint         next_delay;
  guint         first_delay;
  guint         max_delay;

  guint         online : 1;
  guint         flushing : 1;
  /* Replaced or signed out (cab_session_clear_services()): no retry starts any more. */
  guint         disposed : 1;
};

static void cab_feedback_outbox_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CabFeedbackOutbox, cab_feedback_outbox, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cab_feedback_outbox_list_model_init))

enum {
  PROP_0,
  PROP_ONLINE,
  N_PROPS
};

enum {
  DELIVERED,
  PROBLEM,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gint
compare_items (gconstpointer a,
               gconstpointer b)
{
  CabFeedbackOutboxItem *item_a = *(CabFeedbackOutboxItem **) a;
  CabFeedbackOutboxItem *item_b = *(CabFeedbackOutboxItem **) b;
  gint ret;

  ret = g_date_time_compare (cab_feedback_outbox_item_get_created_at (item_a),
                             cab_feedback_outbox_item_get_created_at (item_b));
  if (ret != 0)
    return ret;

  return g_strcmp0 (cab_feedback_outbox_item_get_client_id (item_a),
                    cab_feedback_outbox_item_get_client_id (item_b));
}

static GType
cab_feedback_outbox_get_item_type (GListModel *model)
{
  return CAB_TYPE_FEEDBACK_OUTBOX_ITEM;
}

static guint
cab_feedback_outbox_get_n_items (GListModel *model)
{
  return CAB_FEEDBACK_OUTBOX (model)->items->len;
}

static gpointer
cab_feedback_outbox_get_item (GListModel *model,
                              guint       position)
{
  CabFeedbackOutbox *self = CAB_FEEDBACK_OUTBOX (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
cab_feedback_outbox_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cab_feedback_outbox_get_item_type;
  iface->get_n_items = cab_feedback_outbox_get_n_items;
  iface->get_item = cab_feedback_outbox_get_item;
}

static void
cancel_retry (CabFeedbackOutbox *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_delay = 0;
}

static gboolean
retry_cb (gpointer user_data)
{
  CabFeedbackOutbox *self = user_data;

  self->retry_source = 0;
  self->retry_delay = 0;
  cab_feedback_outbox_flush (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (CabFeedbackOutbox *self)
{
  if (self->retry_source != 0 || self->disposed)
    return;

  self->retry_delay = self->next_delay;
  self->next_delay = MIN (self->next_delay * 2, self->max_delay);
  self->retry_source = g_timeout_add (self->retry_delay, retry_cb, self);
  g_source_set_name_by_id (self->retry_source, "[cab] feedback outbox retry");
}

static void
cab_feedback_outbox_dispose (GObject *object)
{
  CabFeedbackOutbox *self = (CabFeedbackOutbox *)object;

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  cancel_retry (self);

  G_OBJECT_CLASS (cab_feedback_outbox_parent_class)->dispose (object);
}

static void
cab_feedback_outbox_finalize (GObject *object)
{
  CabFeedbackOutbox *self = (CabFeedbackOutbox *)object;

  g_clear_pointer (&self->directory, g_free);
  g_clear_error (&self->load_error);
  g_clear_pointer (&self->last_problem, g_free);
  g_clear_object (&self->api);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cab_feedback_outbox_parent_class)->finalize (object);
}

static void
cab_feedback_outbox_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CabFeedbackOutbox *self = CAB_FEEDBACK_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_feedback_outbox_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CabFeedbackOutbox *self = CAB_FEEDBACK_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      cab_feedback_outbox_set_online (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_feedback_outbox_class_init (CabFeedbackOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cab_feedback_outbox_dispose;
  object_class->finalize = cab_feedback_outbox_finalize;
  object_class->get_property = cab_feedback_outbox_get_property;
  object_class->set_property = cab_feedback_outbox_set_property;

  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (item, server message id): the server has the message; it is gone from disk. */
  signals[DELIVERED] =
    g_signal_new ("delivered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, CAB_TYPE_FEEDBACK_OUTBOX_ITEM, G_TYPE_INT64);

  /* (path, message): a file of the outbox could not be read and was set aside. */
  signals[PROBLEM] =
    g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
cab_feedback_outbox_init (CabFeedbackOutbox *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->online = TRUE;
  self->first_delay = DEFAULT_FIRST_DELAY_MS;
  self->max_delay = DEFAULT_MAX_DELAY_MS;
  self->next_delay = self->first_delay;
}

CabFeedbackOutbox *
cab_feedback_outbox_new (const char   *directory,
                         CabApiClient *api)
{
  CabFeedbackOutbox *self;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (api == NULL || CAB_IS_API_CLIENT (api), NULL);

  self = g_object_new (CAB_TYPE_FEEDBACK_OUTBOX, NULL);
  self->directory = g_strdup (directory);
  g_set_object (&self->api, api);

  return self;
}

const char *
cab_feedback_outbox_get_directory (CabFeedbackOutbox *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX (self), NULL);
  return self->directory;
}

void
cab_feedback_outbox_set_api (CabFeedbackOutbox *self,
                             CabApiClient      *api)
{
  g_return_if_fail (CAB_IS_FEEDBACK_OUTBOX (self));
  g_return_if_fail (api == NULL || CAB_IS_API_CLIENT (api));

  g_set_object (&self->api, api);
}

static gboolean load (CabFeedbackOutbox  *self,
                      GError            **error);

gboolean
cab_feedback_outbox_load (CabFeedbackOutbox  *self,
                          GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX (self), FALSE);

  g_clear_error (&self->load_error);
  g_clear_pointer (&self->last_problem, g_free);
  if (load (self, &local_error))
    return TRUE;

  self->load_error = g_error_copy (local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

const GError *
cab_feedback_outbox_get_load_error (CabFeedbackOutbox *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX (self), NULL);
  return self->load_error;
}

const char *
cab_feedback_outbox_get_last_problem (CabFeedbackOutbox *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX (self), NULL);
  return self->last_problem;
}

static gboolean
load (CabFeedbackOutbox  *self,
      GError            **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) folders = NULL;
  guint old_len;
  const char *name;

  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the outbox folder “%s”: %s"),
                   self->directory, g_strerror (saved_errno));
      return FALSE;
    }
  /* A folder made earlier by someone else's umask still gets locked down. */
  g_chmod (self->directory, 0700);

  if (!(dir = g_dir_open (self->directory, 0, error)))
    return FALSE;

  names = g_ptr_array_new_with_free_func (g_free);
  folders = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->directory, name, NULL);

      if (g_str_has_suffix (name, ".json") && !g_file_test (path, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (names, g_strdup (name));
      else if (cab_feedback_outbox_files_client_id_is_valid (name) && g_file_test (path, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (folders, g_strdup (name));
    }

  old_len = self->items->len;
  g_ptr_array_set_size (self->items, 0);
  self->n_skipped = 0;

  for (guint i = 0; i < names->len; i++)
    {
      const char *file_name = g_ptr_array_index (names, i);
      g_autoptr(GError) local_error = NULL;
      CabFeedbackOutboxItem *item;

      if ((item = cab_feedback_outbox_files_read (self->directory, file_name, &local_error)))
        {
          g_ptr_array_add (self->items, item);
        }
      else
        {
          g_autofree char *path = g_build_filename (self->directory, file_name, NULL);
          g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);

          /* Set aside rather than deleted: it may be the only copy of someone's text. */
          g_message ("Skipping unreadable outbox file %s: %s", path, local_error->message);
          g_rename (path, aside);
          self->n_skipped++;
          g_free (self->last_problem);
          self->last_problem = g_strdup (local_error->message);
          g_signal_emit (self, signals[PROBLEM], 0, path, local_error->message);
        }
    }

  /* A folder without its message is what an interrupted add leaves behind. */
  for (guint i = 0; i < folders->len; i++)
    {
      const char *folder = g_ptr_array_index (folders, i);
      g_autofree char *json = cab_feedback_outbox_files_json_path (self->directory, folder);
      g_autofree char *aside = g_strconcat (json, ".corrupt", NULL);

      if (!g_file_test (json, G_FILE_TEST_EXISTS) && !g_file_test (aside, G_FILE_TEST_EXISTS))
        cab_feedback_outbox_files_remove_folder (self->directory, folder);
    }

  g_ptr_array_sort (self->items, compare_items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);

  return TRUE;
}

guint
cab_feedback_outbox_get_n_skipped (CabFeedbackOutbox *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX (self), 0);
  return self->n_skipped;
}

typedef struct
{
  char      *directory;
  char      *client_id;
  char      *text;
  GFile     *source;
} AddData;

static void
add_data_free (AddData *data)
{
  g_free (data->directory);
  g_free (data->client_id);
  g_free (data->text);
  g_clear_object (&data->source);
  g_free (data);
}

static gboolean
copy_attachment (AddData       *data,
                 GFile        **out_copy,
                 gint64        *out_size,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFile) partial = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *safe_name = NULL;
  g_autofree char *partial_name = NULL;
  gssize copied;
  goffset size;

  info = g_file_query_info (data->source,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return FALSE;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("Only a regular file can be attached"));
      return FALSE;
    }

  size = g_file_info_get_size (info);
  if (size > CAB_FEEDBACK_MAX_FILE_SIZE)
    {
      g_autofree char *message = cab_feedback_too_large_message (size);

      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_TOO_LARGE, message);
      return FALSE;
    }

  folder = g_build_filename (data->directory, data->client_id, NULL);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  basename = g_file_get_basename (data->source);
  safe_name = cab_feedback_outbox_files_sanitize_name (basename);
  /* A leading dot would hide the copy and clash with the partial file's name. */
  if (safe_name[0] == '.')
    safe_name[0] = '_';
  partial_name = g_strconcat (".", safe_name, ".part", NULL);
  partial = g_file_new_build_filename (folder, partial_name, NULL);
  copy = g_file_new_build_filename (folder, safe_name, NULL);

  if (!(in = g_file_read (data->source, cancellable, error)))
    return FALSE;
  /* G_FILE_CREATE_PRIVATE: 0600 from the start. */
  if (!(out = g_file_replace (partial, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error)))
    return FALSE;

  copied = g_output_stream_splice (G_OUTPUT_STREAM (out), G_INPUT_STREAM (in),
                                   G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                   G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                   cancellable, error);
  if (copied < 0)
    return FALSE;

  /* The file may have grown since it was measured. */
  if (copied > CAB_FEEDBACK_MAX_FILE_SIZE)
    {
      g_autofree char *message = cab_feedback_too_large_message (copied);

      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_TOO_LARGE, message);
      return FALSE;
    }

  if (!g_file_move (partial, copy, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, error))
    return FALSE;

  *out_copy = g_steal_pointer (&copy);
  *out_size = copied;

  return TRUE;
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddData *data = task_data;
  g_autoptr(CabFeedbackOutboxItem) item = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) error = NULL;
  gint64 size = -1;

  if (g_mkdir_with_parents (data->directory, 0700) != 0)
    {
      int saved_errno = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not create the outbox folder “%s”: %s"),
                               data->directory, g_strerror (saved_errno));
      return;
    }

  if (data->source != NULL &&
      !copy_attachment (data, &copy, &size, cancellable, &error))
    {
      cab_feedback_outbox_files_remove_folder (data->directory, data->client_id);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  item = cab_feedback_outbox_item_new (data->client_id, data->text, now, copy, size);

  /* The message file is written last: its presence means the message is complete. */
  if (!cab_feedback_outbox_files_write (data->directory, item, &error))
    {
      cab_feedback_outbox_files_remove_folder (data->directory, data->client_id);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&item), g_object_unref);
}

static void
add_thread_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CabFeedbackOutbox *self = CAB_FEEDBACK_OUTBOX (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  CabFeedbackOutboxItem *item;

  if (!(item = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_add (self->items, g_object_ref (item));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);

  g_task_return_pointer (task, item, g_object_unref);
}

void
cab_feedback_outbox_add_async (CabFeedbackOutbox   *self,
                               const char          *client_id,
                               const char          *text,
                               GFile               *attachment,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  AddData *data;

  g_return_if_fail (CAB_IS_FEEDBACK_OUTBOX (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (attachment == NULL || G_IS_FILE (attachment));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_feedback_outbox_add_async);

  if (client_id != NULL && !cab_feedback_outbox_files_client_id_is_valid (client_id))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "Invalid client id");
      return;
    }

  if (client_id != NULL && cab_feedback_outbox_lookup (self, client_id) != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               "A message with this client id is already waiting");
      return;
    }

  if (*text == '\0' || g_utf8_strlen (text, -1) > CAB_FEEDBACK_MAX_TEXT_CHARS)
    {
      g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                               _("The question must have 1 to %d characters"),
                               CAB_FEEDBACK_MAX_TEXT_CHARS);
      return;
    }

  data = g_new0 (AddData, 1);
  data->directory = g_strdup (self->directory);
  data->client_id = client_id != NULL ? g_strdup (client_id) : g_uuid_string_random ();
  data->text = g_strdup (text);
  g_set_object (&data->source, attachment);

  worker = g_task_new (self, cancellable, add_thread_done, g_steal_pointer (&task));
  g_task_set_task_data (worker, data, (GDestroyNotify) add_data_free);
  g_task_run_in_thread (worker, add_thread);
}

CabFeedbackOutboxItem *
cab_feedback_outbox_add_finish (CabFeedbackOutbox  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

CabFeedbackOutboxItem *
cab_feedback_outbox_lookup (CabFeedbackOutbox *self,
                            const char        *client_id)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      CabFeedbackOutboxItem *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (cab_feedback_outbox_item_get_client_id (item), client_id) == 0)
        return item;
    }

  return NULL;
}

gboolean
cab_feedback_outbox_remove (CabFeedbackOutbox      *self,
                            CabFeedbackOutboxItem  *item,
                            GError                **error)
{
  g_autofree char *path = NULL;
  const char *client_id;
  guint position;

  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX (self), FALSE);
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX_ITEM (item), FALSE);

  if (!g_ptr_array_find (self->items, item, &position))
    return TRUE;

  client_id = cab_feedback_outbox_item_get_client_id (item);
  path = cab_feedback_outbox_files_json_path (self->directory, client_id);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not remove “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  cab_feedback_outbox_files_remove_folder (self->directory, client_id);

  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);

  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CabFeedbackOutbox *self = g_task_get_source_object (task);
  CabFeedbackOutboxItem *item = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gint64 id;

  cab_feedback_outbox_item_set_sending (item, FALSE);

  id = cab_api_client_send_feedback_finish (CAB_API_CLIENT (object), result, &error);

  if (error == NULL)
    {
      g_autoptr(GError) remove_error = NULL;

      self->next_delay = self->first_delay;
      /* Delivered; should the file linger, the next resend is a harmless duplicate the
       * server drops by its client_id. */
      if (!cab_feedback_outbox_remove (self, item, &remove_error))
        g_message ("Delivered message left on disk: %s", remove_error->message);
      g_signal_emit (self, signals[DELIVERED], 0, item, id);
      g_task_return_int (task, id);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled by whoever asked; the message waits for the next chance. */
    }
  else if (cab_error_is_transient (error))
    {
      schedule_retry (self);
    }
  else
    {
      g_autoptr(GError) write_error = NULL;

      g_autofree char *words = cab_error_text (error);

      cab_feedback_outbox_item_set_failure (item, words);
      if (!cab_feedback_outbox_files_write (self->directory, item, &write_error))
        g_message ("Could not record the failure of a message: %s", write_error->message);
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

void
cab_feedback_outbox_send_async (CabFeedbackOutbox     *self,
                                CabFeedbackOutboxItem *item,
                                CabApiProgressFunc     progress,
                                gpointer               progress_data,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CAB_IS_FEEDBACK_OUTBOX (self));
  g_return_if_fail (CAB_IS_FEEDBACK_OUTBOX_ITEM (item));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_feedback_outbox_send_async);
  g_task_set_task_data (task, g_object_ref (item), g_object_unref);

  if (!g_ptr_array_find (self->items, item, NULL))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "The message is not in the outbox");
      return;
    }

  if (cab_feedback_outbox_item_get_sending (item))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The message is being sent");
      return;
    }

  if (self->api == NULL)
    {
      g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_NETWORK,
                               _("Not connected to the server"));
      return;
    }

  cab_feedback_outbox_item_set_sending (item, TRUE);
  cab_api_client_send_feedback_async (self->api,
                                      cab_feedback_outbox_item_get_text (item),
                                      cab_feedback_outbox_item_get_attachment (item),
                                      cab_feedback_outbox_item_get_client_id (item),
                                      progress, progress_data,
                                      cancellable,
                                      send_cb,
                                      g_steal_pointer (&task));
}

gint64
cab_feedback_outbox_send_finish (CabFeedbackOutbox  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

static void flush_next (CabFeedbackOutbox *self);

static void
flush_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  CabFeedbackOutbox *self = CAB_FEEDBACK_OUTBOX (object);
  g_autoptr(GError) error = NULL;

  cab_feedback_outbox_send_finish (self, result, &error);

  if (error != NULL &&
      (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
       cab_error_is_transient (error)))
    {
      /* The server is not there; send_cb has scheduled the retry. */
      self->flushing = FALSE;
      return;
    }

  flush_next (self);
}

static void
flush_next (CabFeedbackOutbox *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      CabFeedbackOutboxItem *item = g_ptr_array_index (self->items, i);

      if (cab_feedback_outbox_item_get_sending (item) ||
          cab_feedback_outbox_item_get_failure (item) != NULL)
        continue;

      cab_feedback_outbox_send_async (self, item, NULL, NULL, self->cancellable, flush_cb, NULL);
      return;
    }

  self->flushing = FALSE;
}

void
cab_feedback_outbox_flush (CabFeedbackOutbox *self)
{
  g_return_if_fail (CAB_IS_FEEDBACK_OUTBOX (self));

  if (self->flushing || self->api == NULL || self->disposed)
    return;

  cancel_retry (self);
  self->flushing = TRUE;
  flush_next (self);
}

void
cab_feedback_outbox_set_online (CabFeedbackOutbox *self,
                                gboolean           online)
{
  g_return_if_fail (CAB_IS_FEEDBACK_OUTBOX (self));

  online = !!online;
  if (self->online == online)
    return;

  self->online = online;
  if (online)
    {
      self->next_delay = self->first_delay;
      cab_feedback_outbox_flush (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

gboolean
cab_feedback_outbox_get_online (CabFeedbackOutbox *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX (self), FALSE);
  return self->online;
}

void
cab_feedback_outbox_set_retry_delays (CabFeedbackOutbox *self,
                                      guint              first_ms,
                                      guint              max_ms)
{
  g_return_if_fail (CAB_IS_FEEDBACK_OUTBOX (self));
  g_return_if_fail (first_ms > 0 && first_ms <= max_ms);

  self->first_delay = first_ms;
  self->max_delay = max_ms;
  self->next_delay = first_ms;
}

guint
cab_feedback_outbox_get_retry_delay (CabFeedbackOutbox *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX (self), 0);
  return self->retry_source != 0 ? self->retry_delay : 0;
}

guint
cab_feedback_outbox_get_n_waiting (CabFeedbackOutbox *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX (self), 0);
  return self->items->len;
}
