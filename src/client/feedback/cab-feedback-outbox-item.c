/* cab-feedback-outbox-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-feedback-outbox-item.h"

struct _CabFeedbackOutboxItem
{
  GObject    parent_instance;

  char      *client_id;
  char      *text;
  GDateTime *created_at;
  GFile     *attachment;
  gint64     attachment_size;
  char      *failure;
  gboolean   sending;
};

G_DEFINE_FINAL_TYPE (CabFeedbackOutboxItem, cab_feedback_outbox_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SENDING,
  PROP_FAILURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cab_feedback_outbox_item_finalize (GObject *object)
{
  CabFeedbackOutboxItem *self = (CabFeedbackOutboxItem *)object;

  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_object (&self->attachment);
  g_clear_pointer (&self->failure, g_free);

  G_OBJECT_CLASS (cab_feedback_outbox_item_parent_class)->finalize (object);
}

static void
cab_feedback_outbox_item_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CabFeedbackOutboxItem *self = CAB_FEEDBACK_OUTBOX_ITEM (object);

  switch (prop_id)
    {
    case PROP_SENDING:
      g_value_set_boolean (value, self->sending);
      break;

    case PROP_FAILURE:
      g_value_set_string (value, self->failure);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_feedback_outbox_item_class_init (CabFeedbackOutboxItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cab_feedback_outbox_item_finalize;
  object_class->get_property = cab_feedback_outbox_item_get_property;

  properties[PROP_SENDING] =
    g_param_spec_boolean ("sending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILURE] =
    g_param_spec_string ("failure", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cab_feedback_outbox_item_init (CabFeedbackOutboxItem *self)
{
  self->attachment_size = -1;
}

CabFeedbackOutboxItem *
cab_feedback_outbox_item_new (const char *client_id,
                              const char *text,
                              GDateTime  *created_at,
                              GFile      *attachment,
                              gint64      attachment_size)
{
  CabFeedbackOutboxItem *self;

  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (created_at != NULL, NULL);
  g_return_val_if_fail (attachment == NULL || G_IS_FILE (attachment), NULL);

  self = g_object_new (CAB_TYPE_FEEDBACK_OUTBOX_ITEM, NULL);
  self->client_id = g_strdup (client_id);
  self->text = g_strdup (text);
  self->created_at = g_date_time_ref (created_at);
  g_set_object (&self->attachment, attachment);
  self->attachment_size = attachment != NULL ? attachment_size : -1;

  return self;
}

const char *
cab_feedback_outbox_item_get_client_id (CabFeedbackOutboxItem *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX_ITEM (self), NULL);
  return self->client_id;
}

const char *
cab_feedback_outbox_item_get_text (CabFeedbackOutboxItem *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX_ITEM (self), NULL);
  return self->text;
}

GDateTime *
cab_feedback_outbox_item_get_created_at (CabFeedbackOutboxItem *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX_ITEM (self), NULL);
  return self->created_at;
}

GFile *
cab_feedback_outbox_item_get_attachment (CabFeedbackOutboxItem *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX_ITEM (self), NULL);
  return self->attachment;
}

char *
cab_feedback_outbox_item_dup_file_name (CabFeedbackOutboxItem *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX_ITEM (self), NULL);
  return self->attachment != NULL ? g_file_get_basename (self->attachment) : NULL;
}

gint64
cab_feedback_outbox_item_get_attachment_size (CabFeedbackOutboxItem *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX_ITEM (self), -1);
  return self->attachment_size;
}

gboolean
cab_feedback_outbox_item_get_sending (CabFeedbackOutboxItem *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX_ITEM (self), FALSE);
  return self->sending;
}

void
cab_feedback_outbox_item_set_sending (CabFeedbackOutboxItem *self,
                                      gboolean               sending)
{
  g_return_if_fail (CAB_IS_FEEDBACK_OUTBOX_ITEM (self));

  sending = !!sending;
  if (self->sending == sending)
    return;
  self->sending = sending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
}

const char *
cab_feedback_outbox_item_get_failure (CabFeedbackOutboxItem *self)
{
  g_return_val_if_fail (CAB_IS_FEEDBACK_OUTBOX_ITEM (self), NULL);
  return self->failure;
}

void
cab_feedback_outbox_item_set_failure (CabFeedbackOutboxItem *self,
                                      const char            *failure)
{
  g_return_if_fail (CAB_IS_FEEDBACK_OUTBOX_ITEM (self));

  if (g_strcmp0 (self->failure, failure) == 0)
    return;
  g_free (self->failure);
  self->failure = g_strdup (failure);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE]);
}
