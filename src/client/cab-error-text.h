/* cab-error-text.h: the words a page shows for an error.
 *
 * The API client's errors carry a code (and a field or a Retry-After) and a message meant for
 * logs; what a person reads is chosen here, by the pages. Errors from elsewhere (files, the
 * core's checks of what was typed) already carry their words and keep them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The usual sentence for @error ("" for NULL). */
char *cab_error_text                  (const GError *error);

/* The sentence for a value of @field the server refused (CAB_ERROR_INVALID_FIELD). */
char *cab_error_text_for_field        (const char   *field);

/* The registration form's words: @dp_code and @account are what was typed (may be NULL). */
char *cab_error_text_for_registration (const GError *error,
                                       const char   *dp_code,
                                       const char   *account);

/* The words for a refused server address @url (from cab_api_client_new()). */
char *cab_error_text_for_server       (const GError *error,
                                       const char   *url);

G_END_DECLS
