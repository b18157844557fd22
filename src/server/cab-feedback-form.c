/* cab-feedback-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"
#include "cab-feedback-form.h"

void
cab_feedback_form_free (CabFeedbackForm *form)
{
  if (form == NULL)
    return;
  g_free (form->text);
  g_free (form->client_id);
  g_free (form->file_name);
  g_clear_pointer (&form->file, g_bytes_unref);
  g_free (form);
}

static gboolean
fail (const char  **out_field,
      const char   *field,
      GError      **error,
      CabError      code,
      const char   *message)
{
  *out_field = field;
  g_set_error_literal (error, CAB_ERROR, code, message);
  return FALSE;
}

/* The part's bytes as text: UTF-8 without NUL or other control characters. */
static char *
part_text (GBytes   *bytes,
           gboolean  allow_line_breaks)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!cab_validate_text (data, size, allow_line_breaks, NULL))
    return NULL;
  return g_strndup (data, size);
}

static gboolean
check_form (CabFeedbackForm  *form,
            GBytes           *text_bytes,
            GBytes           *client_id_bytes,
            const char      **out_field,
            GError          **error)
{
  glong n_chars;

  if (form->file != NULL && (gint64) g_bytes_get_size (form->file) > CAB_FEEDBACK_MAX_FILE_SIZE)
    return fail (out_field, "file", error, CAB_ERROR_TOO_LARGE, "The file is larger than 10 MiB");
  if (text_bytes == NULL)
    return fail (out_field, "text", error, CAB_ERROR_INVALID_FIELD, "The text is missing");
  form->text = part_text (text_bytes, TRUE);
  if (form->text == NULL)
    return fail (out_field, "text", error, CAB_ERROR_INVALID_FIELD,
                 "The text is not UTF-8 without control characters");
  n_chars = g_utf8_strlen (form->text, -1);
  if (n_chars < 1 || n_chars > CAB_FEEDBACK_MAX_TEXT_CHARS)
    return fail (out_field, "text", error, CAB_ERROR_INVALID_FIELD,
                 "The text must have 1 to 4000 characters");
  if (client_id_bytes != NULL)
    {
      form->client_id = part_text (client_id_bytes, FALSE);
      if (form->client_id == NULL || *form->client_id == '\0'
          || g_utf8_strlen (form->client_id, -1) > CAB_FEEDBACK_FORM_MAX_CLIENT_ID_CHARS)
        return fail (out_field, "client_id", error, CAB_ERROR_INVALID_FIELD,
                     "client_id must have 1 to 64 characters");
    }
  if (form->file != NULL && (form->file_name == NULL || *form->file_name == '\0'
                             || !cab_validate_text (form->file_name, strlen (form->file_name),
                                                    FALSE, NULL)))
    return fail (out_field, "file", error, CAB_ERROR_INVALID_FIELD,
                 "The file needs a file name");
  return TRUE;
}

CabFeedbackForm *
cab_feedback_form_parse (SoupMessageHeaders  *headers,
                         GBytes              *body,
                         const char         **out_field,
                         GError             **error)
{
  g_autoptr(CabFeedbackForm) form = g_new0 (CabFeedbackForm, 1);
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(GBytes) text_bytes = NULL;
  g_autoptr(GBytes) client_id_bytes = NULL;
  g_autoptr(GBytes) terminated = NULL;

  *out_field = NULL;
  /* libsoup 3.2 runs strstr() over the part headers, which reads past the end of a body that
   * is not followed by a NUL (a heap overflow found by tests/fuzz/fuzz-feedback-form): parse a
   * copy with a NUL just past its end. */
  {
    gsize size;
    const char *data = g_bytes_get_data (body, &size);
    char *copy = g_malloc (size + 1);

    if (size > 0)
      memcpy (copy, data, size);
    copy[size] = '\0';
    terminated = g_bytes_new_take (copy, size);
  }
  multipart = soup_multipart_new_from_message (headers, terminated);
  if (multipart == NULL)
    {
      fail (out_field, NULL, error, CAB_ERROR_INVALID_FIELD, "The multipart body cannot be read");
      return NULL;
    }

  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *part_headers = NULL;
      GBytes *part_body = NULL;
      g_autoptr(GHashTable) params = NULL;
      const char *name;

      if (!soup_multipart_get_part (multipart, i, &part_headers, &part_body)
          || !soup_message_headers_get_content_disposition (part_headers, NULL, &params))
        continue;
      name = g_hash_table_lookup (params, "name");
      if (g_strcmp0 (name, "text") == 0 && text_bytes == NULL)
        text_bytes = g_bytes_ref (part_body);
      else if (g_strcmp0 (name, "client_id") == 0 && client_id_bytes == NULL)
        client_id_bytes = g_bytes_ref (part_body);
      else if (g_strcmp0 (name, "file") == 0 && form->file == NULL)
        {
          const char *filename = g_hash_table_lookup (params, "filename");

          form->file = g_bytes_ref (part_body);
          form->file_name = filename ? g_path_get_basename (filename) : NULL;
        }
    }

  if (!check_form (form, text_bytes, client_id_bytes, out_field, error))
    return NULL;
  return g_steal_pointer (&form);
}
