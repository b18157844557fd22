/* cab-reconnector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-reconnector.h"

#define MAX_INTERVAL_MS 60000

struct _CabReconnector
{
  GObject       parent_instance;

  GWeakRef      session;
  guint         first_interval_ms;
  guint         interval_ms;
  guint         timeout_id;
  guint         n_probes;
  gulong        offline_id;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (CabReconnector, cab_reconnector, G_TYPE_OBJECT)

static void schedule (CabReconnector *self);

static void
on_probed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CabReconnector) self = user_data;
  g_autoptr(CabSession) session = g_weak_ref_get (&self->session);
  g_autoptr(GError) error = NULL;
  GDate today;

  if (!cab_api_client_get_today_finish (CAB_API_CLIENT (object), result, &today, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Still away: wait longer next time. */
      self->interval_ms = MIN (self->interval_ms * 2, MAX_INTERVAL_MS);
      schedule (self);
      return;
    }

  /* The client emitted "reachable" and the session is online again; make sure of it. */
  if (session != NULL)
    {
      cab_session_set_today (session, &today);
      cab_session_set_offline (session, FALSE);
    }
}

static gboolean
probe (gpointer user_data)
{
  CabReconnector *self = user_data;
  g_autoptr(CabSession) session = g_weak_ref_get (&self->session);

  self->timeout_id = 0;
  if (session == NULL || !cab_session_get_offline (session))
    return G_SOURCE_REMOVE;

  self->n_probes++;
  cab_api_client_get_today_async (cab_session_get_api (session), self->cancellable,
                                  on_probed, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule (CabReconnector *self)
{
  if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add (self->interval_ms, probe, self);
}

static void
on_offline_changed (CabSession     *session,
                    GParamSpec     *pspec,
                    CabReconnector *self)
{
  if (cab_session_get_offline (session))
    {
      self->interval_ms = self->first_interval_ms;
      schedule (self);
    }
  else
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      self->interval_ms = self->first_interval_ms;
    }
}

static void
cab_reconnector_dispose (GObject *object)
{
  CabReconnector *self = (CabReconnector *)object;
  g_autoptr(CabSession) session = g_weak_ref_get (&self->session);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (session != NULL)
    g_clear_signal_handler (&self->offline_id, session);

  G_OBJECT_CLASS (cab_reconnector_parent_class)->dispose (object);
}

static void
cab_reconnector_finalize (GObject *object)
{
  CabReconnector *self = (CabReconnector *)object;

  g_weak_ref_clear (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cab_reconnector_parent_class)->finalize (object);
}

static void
cab_reconnector_class_init (CabReconnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cab_reconnector_dispose;
  object_class->finalize = cab_reconnector_finalize;
}

static void
cab_reconnector_init (CabReconnector *self)
{
  g_weak_ref_init (&self->session, NULL);
  self->cancellable = g_cancellable_new ();
}

CabReconnector *
cab_reconnector_new (CabSession *session,
                     guint       first_interval_ms)
{
  CabReconnector *self;

  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);
  g_return_val_if_fail (first_interval_ms > 0, NULL);

  self = g_object_new (CAB_TYPE_RECONNECTOR, NULL);
  g_weak_ref_set (&self->session, session);
  self->first_interval_ms = first_interval_ms;
  self->interval_ms = first_interval_ms;
  self->offline_id = g_signal_connect_object (session, "notify::offline",
                                              G_CALLBACK (on_offline_changed), self, 0);
  if (cab_session_get_offline (session))
    schedule (self);

  return self;
}

guint
cab_reconnector_get_n_probes (CabReconnector *self)
{
  g_return_val_if_fail (CAB_IS_RECONNECTOR (self), 0);
  return self->n_probes;
}
