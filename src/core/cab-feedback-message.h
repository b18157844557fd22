/* cab-feedback-message.h: a message to the supplier (manual 4.4), as GET /feedback lists it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CAB_FEEDBACK_MAX_FILE_SIZE  ((gint64) 10 * 1024 * 1024)
#define CAB_FEEDBACK_MAX_TEXT_CHARS 4000

typedef enum
{
  CAB_FEEDBACK_RECEIVED,      /* "received" */
  CAB_FEEDBACK_IN_PROGRESS,   /* "in_progress" */
  CAB_FEEDBACK_ANSWERED,      /* "answered" */
} CabFeedbackStatus;

const char  *cab_feedback_status_to_string   (CabFeedbackStatus   status);
gboolean     cab_feedback_status_from_string (const char         *text,
                                              CabFeedbackStatus  *out_status,
                                              GError            **error);

typedef struct
{
  gint64             id;
  GDateTime         *created_at;
  char              *text;
  char              *file_name;   /* NULL when none */
  gint64             file_size;   /* -1 when none */
  CabFeedbackStatus  status;
} CabFeedbackMessage;

#define CAB_TYPE_FEEDBACK_MESSAGE (cab_feedback_message_get_type ())
GType               cab_feedback_message_get_type  (void) G_GNUC_CONST;
CabFeedbackMessage *cab_feedback_message_new       (void);
CabFeedbackMessage *cab_feedback_message_copy      (const CabFeedbackMessage *self);
void                cab_feedback_message_free      (CabFeedbackMessage       *self);

JsonNode           *cab_feedback_message_to_json   (const CabFeedbackMessage *self);
CabFeedbackMessage *cab_feedback_message_from_json (JsonNode                 *node,
                                                    GError                  **error);
/* {"messages": [...]} <-> array of CabFeedbackMessage (free func set). */
JsonNode           *cab_feedback_messages_to_json  (GPtrArray                *messages);
GPtrArray          *cab_feedback_messages_from_json (JsonNode                *node,
                                                     GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabFeedbackMessage, cab_feedback_message_free)

G_END_DECLS
