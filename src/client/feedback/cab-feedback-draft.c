/* cab-feedback-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cab-feedback-draft"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cab-core.h"
#include "cab-feedback-draft.h"

#define DRAFT_FORMAT_VERSION 1
#define DEFAULT_DELAY_MS 500

struct _CabFeedbackDraft
{
  GObject  parent_instance;

  char    *path;
  char    *text;
  char    *attachment;
  guint    save_source;
  guint    delay;
};

G_DEFINE_FINAL_TYPE (CabFeedbackDraft, cab_feedback_draft, G_TYPE_OBJECT)

static void
cab_feedback_draft_dispose (GObject *object)
{
  CabFeedbackDraft *self = (CabFeedbackDraft *)object;

  if (self->save_source != 0)
    {
      g_autoptr(GError) error = NULL;

      if (!cab_feedback_draft_save (self, &error))
        g_message ("Could not save the feedback draft: %s", error->message);
    }

  G_OBJECT_CLASS (cab_feedback_draft_parent_class)->dispose (object);
}

static void
cab_feedback_draft_finalize (GObject *object)
{
  CabFeedbackDraft *self = (CabFeedbackDraft *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->attachment, g_free);

  G_OBJECT_CLASS (cab_feedback_draft_parent_class)->finalize (object);
}

static void
cab_feedback_draft_class_init (CabFeedbackDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cab_feedback_draft_dispose;
  object_class->finalize = cab_feedback_draft_finalize;
}

static void
cab_feedback_draft_init (CabFeedbackDraft *self)
{
  self->text = g_strdup ("");
  self->delay = DEFAULT_DELAY_MS;
}

CabFeedbackDraft *
cab_feedback_draft_new (const char *path)
{
  CabFeedbackDraft *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CAB_TYPE_FEEDBACK_DRAFT, NULL);
  self->path = g_strdup (path);

  return self;
}

const char *
cab_feedback_draft_get_path (CabFeedbackDraft *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_DRAFT (self), NULL);
  return self->path;
}

gboolean
cab_feedback_draft_load (CabFeedbackDraft  *self,
                         GError           **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  const char *text;
  const char *attachment = NULL;
  gint64 version;
  gsize length;

  g_return_val_if_fail (CAB_IS_FEEDBACK_DRAFT (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_free (self->text);
  self->text = g_strdup ("");
  g_clear_pointer (&self->attachment, g_free);

  if (!g_file_get_contents (self->path, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!(root = cab_json_parse_object (data, length, error)) ||
      !(object = cab_json_object (root, "feedback draft", error)) ||
      !cab_json_get_int (object, "version", &version, error) ||
      !(text = cab_json_get_string (object, "text", error)) ||
      !cab_json_get_nullable_string (object, "attachment", &attachment, error))
    return FALSE;

  if (version != DRAFT_FORMAT_VERSION)
    {
      /* The number apart: gettext cannot see through G_GINT64_FORMAT in a msgid. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   _("Unknown draft format version %s"), number);
      return FALSE;
    }

  g_free (self->text);
  self->text = g_strdup (text);
  self->attachment = g_strdup (attachment);

  return TRUE;
}

const char *
cab_feedback_draft_get_text (CabFeedbackDraft *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_DRAFT (self), NULL);
  return self->text;
}

const char *
cab_feedback_draft_get_attachment (CabFeedbackDraft *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_DRAFT (self), NULL);
  return self->attachment;
}

static gboolean
save_cb (gpointer user_data)
{
  CabFeedbackDraft *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;
  if (!cab_feedback_draft_save (self, &error))
    g_message ("Could not save the feedback draft: %s", error->message);

  return G_SOURCE_REMOVE;
}

static void
schedule_save (CabFeedbackDraft *self)
{
  /* Debounced: each keystroke pushes the save back. */
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (self->delay, save_cb, self);
  g_source_set_name_by_id (self->save_source, "[cab] feedback draft save");
}

void
cab_feedback_draft_set_text (CabFeedbackDraft *self,
                             const char       *text)
{
  g_return_if_fail (CAB_IS_FEEDBACK_DRAFT (self));

  if (text == NULL)
    text = "";
  if (g_str_equal (self->text, text))
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  schedule_save (self);
}

void
cab_feedback_draft_set_attachment (CabFeedbackDraft *self,
                                   const char       *path)
{
  g_return_if_fail (CAB_IS_FEEDBACK_DRAFT (self));

  if (g_strcmp0 (self->attachment, path) == 0)
    return;

  g_free (self->attachment);
  self->attachment = g_strdup (path);
  schedule_save (self);
}

void
cab_feedback_draft_set_delay (CabFeedbackDraft *self,
                              guint             delay_ms)
{
  g_return_if_fail (CAB_IS_FEEDBACK_DRAFT (self));
  self->delay = delay_ms;
}

gboolean
cab_feedback_draft_get_pending (CabFeedbackDraft *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_DRAFT (self), FALSE);
  return self->save_source != 0;
}

static gboolean
remove_file (const char  *path,
             GError     **error)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not remove “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
cab_feedback_draft_save (CabFeedbackDraft  *self,
                         GError           **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *data = NULL;

  g_return_val_if_fail (CAB_IS_FEEDBACK_DRAFT (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (*self->text == '\0' && self->attachment == NULL)
    return remove_file (self->path, error);

  folder = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DRAFT_FORMAT_VERSION);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, self->text);
  cab_json_builder_add_nullable_string (builder, "attachment", self->attachment);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  data = cab_json_to_string (root);

  return g_file_set_contents_full (self->path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}

void
cab_feedback_draft_clear (CabFeedbackDraft *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CAB_IS_FEEDBACK_DRAFT (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_free (self->text);
  self->text = g_strdup ("");
  g_clear_pointer (&self->attachment, g_free);

  if (!remove_file (self->path, &error))
    g_message ("Could not remove the feedback draft: %s", error->message);
}
