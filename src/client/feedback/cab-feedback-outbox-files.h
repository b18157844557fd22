/* cab-feedback-outbox-files.h: the outbox's messages on disk (cab-feedback-outbox-files.c), for
 * the outbox itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-feedback-outbox-item.h"

G_BEGIN_DECLS

/* A file name as the user gave it, minus what could leave its folder. */
char                  *cab_feedback_outbox_files_sanitize_name      (const char             *text);
/* A client_id names files, so only a safe alphabet is accepted back from disk. */
gboolean               cab_feedback_outbox_files_client_id_is_valid (const char             *client_id);
/* DIR/<client_id>.json */
char                  *cab_feedback_outbox_files_json_path          (const char             *directory,
                                                                     const char             *client_id);
char                  *cab_feedback_outbox_files_serialize          (CabFeedbackOutboxItem  *item);
gboolean               cab_feedback_outbox_files_write              (const char             *directory,
                                                                     CabFeedbackOutboxItem  *item,
                                                                     GError                **error);
CabFeedbackOutboxItem *cab_feedback_outbox_files_read               (const char             *directory,
                                                                     const char             *file_name,
                                                                     GError                **error);
/* Removes DIR/<client_id>/ and what it holds (one attachment copy, maybe a partial one). */
void                   cab_feedback_outbox_files_remove_folder      (const char             *directory,
                                                                     const char             *client_id);

G_END_DECLS
