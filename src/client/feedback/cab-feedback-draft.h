/* cab-feedback-draft.h: the feedback form's text and attachment, saved while typing so an
 * unsent question survives a restart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CAB_TYPE_FEEDBACK_DRAFT (cab_feedback_draft_get_type ())
G_DECLARE_FINAL_TYPE (CabFeedbackDraft, cab_feedback_draft, CAB, FEEDBACK_DRAFT, GObject)

/* @path: the draft's JSON file (written 0600, atomically). */
CabFeedbackDraft *cab_feedback_draft_new                (const char        *path);
const char       *cab_feedback_draft_get_path           (CabFeedbackDraft  *self);

/* Reads the file; a missing file is an empty draft. On a damaged file the draft stays empty
 * and the error says why. */
gboolean          cab_feedback_draft_load               (CabFeedbackDraft  *self,
                                                         GError           **error);

const char       *cab_feedback_draft_get_text           (CabFeedbackDraft  *self);
/* The path of the file the user attached (not a copy), or NULL. */
const char       *cab_feedback_draft_get_attachment     (CabFeedbackDraft  *self);

/* Both schedule a save after the debounce delay (default 500 ms). */
void              cab_feedback_draft_set_text           (CabFeedbackDraft  *self,
                                                         const char        *text);
void              cab_feedback_draft_set_attachment     (CabFeedbackDraft  *self,
                                                         const char        *path);
void              cab_feedback_draft_set_delay          (CabFeedbackDraft  *self,
                                                         guint              delay_ms);
/* TRUE while a change waits for its save. */
gboolean          cab_feedback_draft_get_pending        (CabFeedbackDraft  *self);

/* Writes a pending change now (an empty draft removes the file). Also done on dispose. */
gboolean          cab_feedback_draft_save               (CabFeedbackDraft  *self,
                                                         GError           **error);
/* Forgets the draft and removes its file: the message was sent or queued. */
void              cab_feedback_draft_clear              (CabFeedbackDraft  *self);

G_END_DECLS
