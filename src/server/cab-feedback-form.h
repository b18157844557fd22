/* cab-feedback-form.h: the multipart/form-data body of POST /api/v1/feedback, read and checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define CAB_FEEDBACK_FORM_MAX_CLIENT_ID_CHARS 64

typedef struct
{
  char   *text;        /* 1 to CAB_FEEDBACK_MAX_TEXT_CHARS characters; tab and line breaks allowed */
  char   *client_id;   /* NULL, or 1 to 64 characters of one line */
  char   *file_name;   /* base name; set exactly when file is */
  GBytes *file;        /* NULL, or at most CAB_FEEDBACK_MAX_FILE_SIZE bytes */
} CabFeedbackForm;

void             cab_feedback_form_free  (CabFeedbackForm     *form);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabFeedbackForm, cab_feedback_form_free)

/* Parses @body as sent with @headers. Fails with CAB_ERROR_INVALID_FIELD (or CAB_ERROR_TOO_LARGE
 * for the file) and sets @out_field to the part at fault ("text", "client_id", "file"; NULL when
 * the body as a whole cannot be read). Takes any bytes: a fuzz target calls it. */
CabFeedbackForm *cab_feedback_form_parse (SoupMessageHeaders  *headers,
                                          GBytes              *body,
                                          const char         **out_field,
                                          GError             **error);

G_END_DECLS
