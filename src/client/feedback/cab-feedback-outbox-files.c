/* cab-feedback-outbox-files.c: the outbox on disk: one DIR/<client_id>.json per message, its
 * attachment's copy in DIR/<client_id>/, and the names and folders they live under.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cab-feedback-outbox"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cab-core.h"
#include "cab-feedback-outbox.h"
#include "cab-feedback-outbox-files.h"
#include "offline/cab-offline-store.h"

#define OUTBOX_FORMAT_VERSION 1

/* A file name as the user gave it, minus what could leave its folder. */
char *
cab_feedback_outbox_files_sanitize_name (const char *text)
{
  GString *out;

  if (text == NULL || *text == '\0' || g_str_equal (text, ".") || g_str_equal (text, ".."))
    return g_strdup ("_");

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '/' || *p == '\\' || (guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_c (out, '_');
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

char *
cab_feedback_escape_component (const char *text)
{
  if (text == NULL || *text == '\0')
    return g_strdup ("_");

  return cab_offline_store_escape_component (text);
}

char *
cab_feedback_user_dir (const char *server_id,
                       const char *login)
{
  g_autofree char *server = cab_feedback_escape_component (server_id);
  g_autofree char *user = cab_feedback_escape_component (login);

  return g_build_filename (g_get_user_data_dir (), "tek-cabinet", server, user, NULL);
}

char *
cab_feedback_too_large_message (goffset size)
{
  g_autofree char *size_text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *limit_text = g_format_size_full (CAB_FEEDBACK_MAX_FILE_SIZE,
                                                    G_FORMAT_SIZE_IEC_UNITS);

  /* Just over the limit rounds to the limit itself; the bytes then tell them apart. */
  if (g_str_equal (size_text, limit_text))
    {
      g_free (size_text);
      size_text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
    }

  /* Translators: "The file is 12.3 MiB; the limit is 10.0 MiB" */
  return g_strdup_printf (_("The file is %s; the limit is %s"), size_text, limit_text);
}

/* A client_id names files, so only a safe alphabet is accepted back from disk. */
gboolean
cab_feedback_outbox_files_client_id_is_valid (const char *client_id)
{
  gsize len = 0;

  if (client_id == NULL)
    return FALSE;

  for (const char *p = client_id; *p != '\0'; p++, len++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }

  return len > 0 && len <= 64;
}

char *
cab_feedback_outbox_files_json_path (const char *directory,
                                     const char *client_id)
{
  g_autofree char *name = g_strconcat (client_id, ".json", NULL);

  return g_build_filename (directory, name, NULL);
}

char *
cab_feedback_outbox_files_serialize (CabFeedbackOutboxItem *item)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *created = NULL;
  g_autofree char *file_name = cab_feedback_outbox_item_dup_file_name (item);

  created = g_date_time_format_iso8601 (cab_feedback_outbox_item_get_created_at (item));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, OUTBOX_FORMAT_VERSION);
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, cab_feedback_outbox_item_get_client_id (item));
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, cab_feedback_outbox_item_get_text (item));
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, created);
  cab_json_builder_add_nullable_string (builder, "file_name", file_name);
  json_builder_set_member_name (builder, "file_size");
  json_builder_add_int_value (builder, cab_feedback_outbox_item_get_attachment_size (item));
  cab_json_builder_add_nullable_string (builder, "failure",
                                        cab_feedback_outbox_item_get_failure (item));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return cab_json_to_string (root);
}

gboolean
cab_feedback_outbox_files_write (const char             *directory,
                                 CabFeedbackOutboxItem  *item,
                                 GError                **error)
{
  g_autofree char *path =
    cab_feedback_outbox_files_json_path (directory, cab_feedback_outbox_item_get_client_id (item));
  g_autofree char *data = cab_feedback_outbox_files_serialize (item);

  return g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

CabFeedbackOutboxItem *
cab_feedback_outbox_files_read (const char  *directory,
                                const char  *file_name,
                                GError     **error)
{
  g_autofree char *path = g_build_filename (directory, file_name, NULL);
  g_autofree char *data = NULL;
  g_autofree char *expected_id = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GFile) attachment = NULL;
  JsonObject *object;
  const char *client_id;
  const char *text;
  const char *created;
  const char *attached_name = NULL;
  const char *failure = NULL;
  gint64 version;
  gint64 file_size;
  gsize length;
  CabFeedbackOutboxItem *item;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;

  if (!(root = cab_json_parse_object (data, length, error)) ||
      !(object = cab_json_object (root, "outbox message", error)) ||
      !cab_json_get_int (object, "version", &version, error) ||
      !(client_id = cab_json_get_string (object, "client_id", error)) ||
      !(text = cab_json_get_string (object, "text", error)) ||
      !(created = cab_json_get_string (object, "created_at", error)) ||
      !cab_json_get_nullable_string (object, "file_name", &attached_name, error) ||
      !cab_json_get_int (object, "file_size", &file_size, error) ||
      !cab_json_get_nullable_string (object, "failure", &failure, error))
    return NULL;

  if (version != OUTBOX_FORMAT_VERSION)
    {
      /* The number apart: gettext cannot see through G_GINT64_FORMAT in a msgid. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   _("Unknown outbox format version %s"), number);
      return NULL;
    }

  expected_id = g_strndup (file_name, strlen (file_name) - strlen (".json"));
  if (!cab_feedback_outbox_files_client_id_is_valid (client_id) || !g_str_equal (client_id, expected_id))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   _("The message id does not match its file name"));
      return NULL;
    }

  if (*text == '\0' || g_utf8_strlen (text, -1) > CAB_FEEDBACK_MAX_TEXT_CHARS)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   _("The message text is empty or too long"));
      return NULL;
    }

  if (!(created_at = g_date_time_new_from_iso8601 (created, NULL)))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   _("The message has an invalid creation time"));
      return NULL;
    }

  if (attached_name != NULL)
    {
      g_autofree char *safe = cab_feedback_outbox_files_sanitize_name (attached_name);
      g_autofree char *attachment_path = NULL;
      GStatBuf st;

      if (!g_str_equal (safe, attached_name) || attached_name[0] == '.')
        {
          g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                       _("The attachment has an invalid file name"));
          return NULL;
        }

      attachment_path = g_build_filename (directory, client_id, attached_name, NULL);
      if (g_stat (attachment_path, &st) != 0 || !S_ISREG (st.st_mode) ||
          (gint64) st.st_size != file_size)
        {
          g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                       _("The copy of the attachment “%s” is missing or damaged"),
                       attached_name);
          return NULL;
        }

      attachment = g_file_new_for_path (attachment_path);
    }

  item = cab_feedback_outbox_item_new (client_id, text, created_at, attachment, file_size);
  cab_feedback_outbox_item_set_failure (item, failure);

  return item;
}

/* Removes DIR/<client_id>/ and what it holds (one attachment copy, maybe a partial one). */
void
cab_feedback_outbox_files_remove_folder (const char *directory,
                                         const char *client_id)
{
  g_autofree char *folder = g_build_filename (directory, client_id, NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_unlink (path);
    }

  g_rmdir (folder);
}

