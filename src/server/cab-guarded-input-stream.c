/* cab-guarded-input-stream.c: a connection's input as libsoup reads it, with the end of an idle
 * keep-alive connection held back and reported instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-guarded-input-stream.h"

struct _CabGuardedInputStream
{
  GInputStream          parent_instance;
  GIOStream            *base;
  GInputStream         *base_input;     /* pollable */
  GSocket              *socket;
  gboolean              idle;
  gboolean              ended;          /* the end was held back: never readable again */
  CabGuardedClosedFunc  closed_func;
  gpointer              closed_data;
};

static void pollable_iface_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CabGuardedInputStream, cab_guarded_input_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      pollable_iface_init))

static void
cab_guarded_input_stream_finalize (GObject *object)
{
  CabGuardedInputStream *self = CAB_GUARDED_INPUT_STREAM (object);

  g_clear_object (&self->base);
  g_clear_object (&self->socket);
  G_OBJECT_CLASS (cab_guarded_input_stream_parent_class)->finalize (object);
}

/* An end of stream or an error while idle: hold it back and tell the owner. */
static gboolean
hold_back_end (CabGuardedInputStream *self)
{
  CabGuardedClosedFunc func = self->closed_func;

  if (!self->idle)
    return FALSE;
  self->ended = TRUE;
  self->closed_func = NULL;
  if (func != NULL)
    func (self->closed_data);
  return TRUE;
}

static gssize
cab_guarded_input_stream_read (GInputStream  *stream,
                               void          *buffer,
                               gsize          count,
                               GCancellable  *cancellable,
                               GError       **error)
{
  CabGuardedInputStream *self = CAB_GUARDED_INPUT_STREAM (stream);

  /* libsoup's server reads without blocking; a blocking read is passed through unchanged. */
  return g_input_stream_read (self->base_input, buffer, count, cancellable, error);
}

static gboolean
cab_guarded_input_stream_close (GInputStream  *stream,
                                GCancellable  *cancellable,
                                GError       **error)
{
  CabGuardedInputStream *self = CAB_GUARDED_INPUT_STREAM (stream);

  /* The socket first: closing TLS would otherwise try to send close_notify to a peer that may
   * never read it. Errors do not matter any more: the connection is over either way. */
  if (self->socket != NULL && !g_socket_is_closed (self->socket))
    g_socket_close (self->socket, NULL);
  g_io_stream_close (self->base, NULL, NULL);
  return TRUE;
}

static gboolean
cab_guarded_input_stream_can_poll (GPollableInputStream *stream)
{
  return TRUE;
}

static gboolean
cab_guarded_input_stream_is_readable (GPollableInputStream *stream)
{
  CabGuardedInputStream *self = CAB_GUARDED_INPUT_STREAM (stream);

  if (self->ended)
    return FALSE;
  return g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (self->base_input));
}

static GSource *
cab_guarded_input_stream_create_source (GPollableInputStream *stream,
                                        GCancellable         *cancellable)
{
  CabGuardedInputStream *self = CAB_GUARDED_INPUT_STREAM (stream);
  g_autoptr(GSource) base_source = NULL;

  /* Once ended, a source that never fires: libsoup waits until the owner takes it back. */
  if (self->ended)
    return g_pollable_source_new_full (stream, NULL, cancellable);
  base_source = g_pollable_input_stream_create_source (
                  G_POLLABLE_INPUT_STREAM (self->base_input), NULL);
  return g_pollable_source_new_full (stream, base_source, cancellable);
}

static gssize
cab_guarded_input_stream_read_nonblocking (GPollableInputStream  *stream,
                                           void                  *buffer,
                                           gsize                  count,
                                           GError               **error)
{
  CabGuardedInputStream *self = CAB_GUARDED_INPUT_STREAM (stream);
  g_autoptr(GError) local_error = NULL;
  gssize n;

  if (self->ended)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK, "Connection closed");
      return -1;
    }
  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (self->base_input),
                                                buffer, count, NULL, &local_error);
  if (n <= 0 && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)
      && hold_back_end (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK, "Connection closed");
      return -1;
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return n;
}

static void
pollable_iface_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = cab_guarded_input_stream_can_poll;
  iface->is_readable = cab_guarded_input_stream_is_readable;
  iface->create_source = cab_guarded_input_stream_create_source;
  iface->read_nonblocking = cab_guarded_input_stream_read_nonblocking;
}

static void
cab_guarded_input_stream_class_init (CabGuardedInputStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *input_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = cab_guarded_input_stream_finalize;
  input_class->read_fn = cab_guarded_input_stream_read;
  input_class->close_fn = cab_guarded_input_stream_close;
}

static void
cab_guarded_input_stream_init (CabGuardedInputStream *self)
{
}

CabGuardedInputStream *
cab_guarded_input_stream_new (GIOStream *base,
                              GSocket   *socket)
{
  CabGuardedInputStream *self = g_object_new (CAB_TYPE_GUARDED_INPUT_STREAM, NULL);

  self->base = g_object_ref (base);
  self->base_input = g_io_stream_get_input_stream (base);
  self->socket = socket ? g_object_ref (socket) : NULL;
  return self;
}

void
cab_guarded_input_stream_set_idle (CabGuardedInputStream *self,
                                   gboolean               idle)
{
  self->idle = idle;
}

void
cab_guarded_input_stream_set_closed_func (CabGuardedInputStream *self,
                                          CabGuardedClosedFunc   func,
                                          gpointer               user_data)
{
  self->closed_func = func;
  self->closed_data = user_data;
}
