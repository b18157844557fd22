/* fuzz-feedback-form.c: the multipart/form-data body of POST /api/v1/feedback as the server
 * parses it (cab_feedback_form_parse). The input's first line is the Content-Type header, the
 * rest the body, so the boundary is fuzzed too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-feedback-form.h"
#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const uint8_t *newline = memchr (data, '\n', size);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(CabFeedbackForm) form = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = NULL;
  const char *field = NULL;

  if (newline == NULL)
    return 0;
  content_type = fuzz_strndup (data, (size_t) (newline - data));
  if (!g_utf8_validate (content_type, -1, NULL))
    return 0;
  soup_message_headers_replace (headers, "Content-Type", content_type);
  body = g_bytes_new (newline + 1, size - (size_t) (newline + 1 - data));

  form = cab_feedback_form_parse (headers, body, &field, &error);
  if (form == NULL)
    {
      FUZZ_ASSERT (error != NULL && error->domain == CAB_ERROR);
      return 0;
    }

  FUZZ_ASSERT (error == NULL);
  FUZZ_ASSERT (cab_validate_text (form->text, strlen (form->text), TRUE, NULL));
  FUZZ_ASSERT (g_utf8_strlen (form->text, -1) >= 1
               && g_utf8_strlen (form->text, -1) <= CAB_FEEDBACK_MAX_TEXT_CHARS);
  FUZZ_ASSERT (form->client_id == NULL
               || cab_validate_text (form->client_id, strlen (form->client_id), FALSE, NULL));
  FUZZ_ASSERT ((form->file == NULL) == (form->file_name == NULL));
  FUZZ_ASSERT (form->file_name == NULL || strchr (form->file_name, '/') == NULL
               || g_str_equal (form->file_name, "/"));
  return 0;
}
