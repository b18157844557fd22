/* cab-pdf-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif

#include "cab-pdf-document.h"

#include <math.h>

#include "cab-image-downscale.h"
#include "cab-pdf-image-sizes.h"

#define MAX_TEXTURE_SIDE 16384.0
#define MAX_TEXTURE_PIXELS (32.0 * 1024 * 1024)

/* A scanned page shown smaller than 3/4 of its image's size costs cairo a separable
 * convolution filter (its CAIRO_FILTER_GOOD beyond a 4/3 shrink): two thirds of the page's
 * render time (perf: pixman, for a 150 dpi A4 at fit width). Such a page is rendered at 4/5 of the image's size, where cairo's filter is a cheap
 * bilinear one, and shrunk to the size shown with a box filter on both cores: the same sharp
 * page, sooner. Not beyond 2.5 times the size shown (a thumbnail of a fine scan), where the
 * larger render would cost more than it saves. */
#define SCAN_RENDER_FRACTION 0.8
#define SCAN_MAX_OVERSCALE 2.5
/* How many distinct image sizes are remembered per document. */
#define SCAN_MAX_IMAGE_SIZES 64

/* poppler-glib 22.12 declares no autoptr cleanups of its own. */
typedef PopplerDocument CabPopplerDocument;
typedef PopplerPage CabPopplerPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabPopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabPopplerPage, g_object_unref)

typedef struct
{
  double width;
  double height;
} PageSize;

struct _CabPdfDocument
{
  GObject          parent_instance;

  /* Guards every call into @poppler and the PopplerPage objects it hands out. */
  GMutex           lock;
  PopplerDocument *poppler;
  GBytes          *bytes;
  PageSize        *sizes;
  guint            n_pages;

  /* The pixel sizes of the document's images, and per page the pixels per point of the one
   * image that covers it (0: not such a page; negative: not looked at yet; under the lock). */
  GArray          *image_sizes;
  double          *scan_scales;
  gboolean         scan_path;
  gint             n_scan_renders;  /* atomic */
  /* Where a scan is rendered larger before it is shrunk (under the lock). */
  guint8          *scratch;
  gsize            scratch_size;
};

G_DEFINE_FINAL_TYPE (CabPdfDocument, cab_pdf_document, G_TYPE_OBJECT)

static void
cab_pdf_document_finalize (GObject *object)
{
  CabPdfDocument *self = (CabPdfDocument *)object;

  g_clear_object (&self->poppler);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->sizes, g_free);
  g_clear_pointer (&self->image_sizes, g_array_unref);
  g_clear_pointer (&self->scan_scales, g_free);
  g_clear_pointer (&self->scratch, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cab_pdf_document_parent_class)->finalize (object);
}

static void
cab_pdf_document_class_init (CabPdfDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cab_pdf_document_finalize;

#ifdef __GLIBC__
  /* A scanned page decodes to buffers of several megabytes in the render thread. glibc raises
   * its mmap threshold to the size of each such buffer freed, after which the next ones come
   * from the thread's heap arena, which fragments and never shrinks: memory would grow with
   * every page viewed. A fixed threshold keeps big buffers as mmaps returned on free. (Process
   * wide, and harmless for an app whose big allocations are these.) */
  mallopt (M_MMAP_THRESHOLD, 1024 * 1024);
#endif
}

static void
cab_pdf_document_init (CabPdfDocument *self)
{
  g_mutex_init (&self->lock);
  self->scan_path = TRUE;
}

static gboolean
looks_like_pdf (GBytes *bytes)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  /* The header may follow some junk (PDF 1.7, 7.5.2 tolerates up to 1024 bytes). */
  for (gsize i = 0; i + 5 <= len && i < 1024; i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

CabPdfDocument *
cab_pdf_document_load (GBytes  *bytes,
                       GError **error)
{
  g_autoptr(CabPdfDocument) self = NULL;
  g_autoptr(CabPopplerDocument) poppler = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_pages;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (g_bytes_get_size (bytes) == 0)
    {
      g_set_error_literal (error, POPPLER_ERROR, POPPLER_ERROR_DAMAGED,
                           _("The file is empty"));
      return NULL;
    }

  if (!looks_like_pdf (bytes))
    {
      g_set_error_literal (error, POPPLER_ERROR, POPPLER_ERROR_DAMAGED,
                           _("The file is damaged or is not a PDF"));
      return NULL;
    }

  poppler = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (poppler == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error_literal (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED,
                             _("This document is protected by a password"));
      else
        g_set_error_literal (error, POPPLER_ERROR, POPPLER_ERROR_DAMAGED,
                             _("The file is damaged or is not a PDF"));
      return NULL;
    }

  /* Poppler rebuilds a lost cross-reference table, so a cut file may still open; without a
   * single page with a sane size there is nothing to show. */
  n_pages = poppler_document_get_n_pages (poppler);
  if (n_pages == 0)
    {
      g_set_error_literal (error, POPPLER_ERROR, POPPLER_ERROR_DAMAGED,
                           _("The file is damaged or is not a PDF"));
      return NULL;
    }

  self = g_object_new (CAB_TYPE_PDF_DOCUMENT, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->n_pages = n_pages;
  self->sizes = g_new0 (PageSize, n_pages);
  self->scan_scales = g_new (double, n_pages);
  for (guint i = 0; i < n_pages; i++)
    self->scan_scales[i] = -1;
  self->image_sizes = cab_pdf_find_image_sizes (g_bytes_get_data (bytes, NULL),
                                                g_bytes_get_size (bytes),
                                                SCAN_MAX_IMAGE_SIZES);

  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(CabPopplerPage) page = poppler_document_get_page (poppler, i);
      double w = 0, h = 0;

      if (page != NULL)
        poppler_page_get_size (page, &w, &h);

      if (page == NULL || !(w >= 1 && h >= 1 && w <= 14400 && h <= 14400))
        {
          g_set_error_literal (error, POPPLER_ERROR, POPPLER_ERROR_DAMAGED,
                               _("The file is damaged or is not a PDF"));
          return NULL;
        }

      self->sizes[i].width = w;
      self->sizes[i].height = h;
    }

  self->poppler = g_steal_pointer (&poppler);

  return g_steal_pointer (&self);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  CabPdfDocument *self;
  GError *error = NULL;

  if ((self = cab_pdf_document_load (bytes, &error)) != NULL)
    g_task_return_pointer (task, self, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
cab_pdf_document_load_async (GBytes              *bytes,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (bytes != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_pdf_document_load_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify)g_bytes_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

CabPdfDocument *
cab_pdf_document_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GBytes *
cab_pdf_document_get_bytes (CabPdfDocument *self)
{
  g_return_val_if_fail (CAB_IS_PDF_DOCUMENT (self), NULL);

  return self->bytes;
}

guint
cab_pdf_document_get_n_pages (CabPdfDocument *self)
{
  g_return_val_if_fail (CAB_IS_PDF_DOCUMENT (self), 0);

  return self->n_pages;
}

void
cab_pdf_document_get_page_size (CabPdfDocument *self,
                                guint           page,
                                double         *width,
                                double         *height)
{
  g_return_if_fail (CAB_IS_PDF_DOCUMENT (self));
  g_return_if_fail (page < self->n_pages);

  if (width != NULL)
    *width = self->sizes[page].width;
  if (height != NULL)
    *height = self->sizes[page].height;
}

static void
destroy_surface (gpointer data)
{
  cairo_surface_destroy (data);
}

/* Pixels per point of @page's scan: the image of one of the document's known sizes that is the
 * page's only image and covers most of it (scanners place it on the whole page, sometimes
 * turned or with a margin). 0 when the page is not such a scan. Called with the lock held. */
static double
scan_scale (CabPdfDocument *self,
            PopplerPage    *page,
            guint           index)
{
  GList *mapping;
  double result = 0;

  if (self->scan_scales[index] >= 0)
    return self->scan_scales[index];

  mapping = self->image_sizes->len > 0 ? poppler_page_get_image_mapping (page) : NULL;
  if (mapping != NULL && mapping->next == NULL)
    {
      PopplerImageMapping *image = mapping->data;
      double aw = fabs (image->area.x2 - image->area.x1);
      double ah = fabs (image->area.y2 - image->area.y1);
      double area_long = MAX (aw, ah), area_short = MIN (aw, ah);
      double page_area = self->sizes[index].width * self->sizes[index].height;

      if (area_short >= 1 && aw * ah >= 0.8 * page_area)
        for (guint i = 0; i < self->image_sizes->len; i++)
          {
            const CabPdfImageSize *size = &g_array_index (self->image_sizes, CabPdfImageSize, i);
            double image_long = MAX (size->width, size->height);
            double image_short = MIN (size->width, size->height);
            double aspect = area_long / area_short;

            /* Of several sizes that fit, the largest: rendering a little larger costs a little
             * time, a little smaller would cost the slow filter. */
            if (fabs (image_long / image_short - aspect) <= 0.01 * aspect)
              result = MAX (result, image_long / area_long);
          }
    }
  poppler_page_free_image_mapping (mapping);

  self->scan_scales[index] = result;
  return result;
}

/* The scale to render @page at so that shown at @scale it is sharp and quick (see
 * SCAN_RENDER_FRACTION): @scale itself unless it is a scan shown much smaller than its image. */
static double
render_scale_for (CabPdfDocument *self,
                  PopplerPage    *page,
                  guint           index,
                  double          scale)
{
  double w = self->sizes[index].width, h = self->sizes[index].height;
  double native, larger;

  if (!self->scan_path || (native = scan_scale (self, page, index)) <= 0)
    return scale;

  larger = native * SCAN_RENDER_FRACTION;
  if (larger <= scale || larger > scale * SCAN_MAX_OVERSCALE ||
      w * larger > MAX_TEXTURE_SIDE || h * larger > MAX_TEXTURE_SIDE ||
      w * larger * h * larger > MAX_TEXTURE_PIXELS)
    return scale;

  return larger;
}

static void
page_pixels (double  w,
             double  h,
             double  scale,
             guint   rotation,
             int    *pw,
             int    *ph)
{
  *pw = MAX (1, (int)(w * scale + 0.5));
  *ph = MAX (1, (int)(h * scale + 0.5));
  if (rotation == 90 || rotation == 270)
    {
      int t = *pw;
      *pw = *ph;
      *ph = t;
    }
}

/* A cairo context on @surface, painted white, set up to draw the page on it in points. */
static cairo_t *
page_cairo_new (cairo_surface_t *surface,
                double           scale,
                guint            rotation)
{
  int pw = cairo_image_surface_get_width (surface);
  int ph = cairo_image_surface_get_height (surface);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  switch (rotation)
    {
    case 90:
      cairo_translate (cr, pw, 0);
      break;
    case 180:
      cairo_translate (cr, pw, ph);
      break;
    case 270:
      cairo_translate (cr, 0, ph);
      break;
    default:
      break;
    }
  cairo_rotate (cr, rotation * G_PI / 180.0);
  cairo_scale (cr, scale, scale);

  return cr;
}

static cairo_surface_t *
image_surface_new (int pw,
                   int ph)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    g_clear_pointer (&surface, cairo_surface_destroy);
  return surface;
}

/* Draws @page (blank paper if NULL) at @scale on a new surface of @pw x @ph. Called with the
 * lock held. */
static cairo_surface_t *
render_direct (PopplerPage *page,
               int          pw,
               int          ph,
               double       scale,
               guint        rotation)
{
  cairo_surface_t *surface = image_surface_new (pw, ph);
  cairo_t *cr;

  if (surface == NULL)
    return NULL;
  cr = page_cairo_new (surface, scale, rotation);
  if (page != NULL)
    poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* Draws @page at the larger @render_scale on the document's scratch buffer (kept between
 * pages: a fresh one would cost its page faults every time) and shrinks it into a new surface
 * of @pw x @ph. Called with the lock held, which guards the scratch buffer. */
static cairo_surface_t *
render_scan (CabPdfDocument *self,
             PopplerPage    *page,
             int             rw,
             int             rh,
             double          render_scale,
             guint           rotation,
             int             pw,
             int             ph)
{
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, rw);
  gsize size = (gsize)stride * rh;
  cairo_surface_t *large, *shown;
  cairo_t *cr;

  if (stride <= 0 || (shown = image_surface_new (pw, ph)) == NULL)
    return NULL;
  if (self->scratch_size < size)
    {
      g_clear_pointer (&self->scratch, g_free);
      self->scratch_size = 0;
      if ((self->scratch = g_try_malloc (size)) == NULL)
        {
          cairo_surface_destroy (shown);
          return NULL;
        }
      self->scratch_size = size;
    }

  large = cairo_image_surface_create_for_data (self->scratch, CAIRO_FORMAT_ARGB32, rw, rh, stride);
  cr = page_cairo_new (large, render_scale, rotation);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (large);
  cab_image_downscale (large, shown);
  cairo_surface_destroy (large);
  g_atomic_int_inc (&self->n_scan_renders);

  return shown;
}

GdkTexture *
cab_pdf_document_render_page (CabPdfDocument  *self,
                              guint            page_index,
                              double           scale,
                              guint            rotation,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(CabPopplerPage) page = NULL;
  g_autoptr(GBytes) pixels = NULL;
  cairo_surface_t *surface = NULL;
  double w, h;
  int pw, ph;

  g_return_val_if_fail (CAB_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (page_index < self->n_pages, NULL);
  g_return_val_if_fail (scale > 0, NULL);
  g_return_val_if_fail (rotation % 90 == 0 && rotation < 360, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  w = self->sizes[page_index].width;
  h = self->sizes[page_index].height;

  /* A poster-sized page at 400 % would need gigabytes: beyond what a GPU texture can hold, the
   * page is rendered smaller and shown stretched. */
  if (w * scale > MAX_TEXTURE_SIDE || h * scale > MAX_TEXTURE_SIDE)
    scale = MAX_TEXTURE_SIDE / MAX (w, h);
  if (w * scale * h * scale > MAX_TEXTURE_PIXELS)
    scale = sqrt (MAX_TEXTURE_PIXELS / (w * h));
  page_pixels (w, h, scale, rotation, &pw, &ph);

  /* Another request may have been cancelled while this one waited for the lock. */
  locker = g_mutex_locker_new (&self->lock);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  page = poppler_document_get_page (self->poppler, page_index);
  if (page == NULL)
    surface = render_direct (NULL, pw, ph, scale, rotation);
  else
    {
      double render_scale = render_scale_for (self, page, page_index, scale);
      int rw, rh;

      page_pixels (w, h, render_scale, rotation, &rw, &rh);
      if (rw > pw && rh > ph)
        surface = render_scan (self, page, rw, rh, render_scale, rotation, pw, ph);
      else
        surface = render_direct (page, pw, ph, scale, rotation);
    }
  g_clear_object (&page);
  g_clear_pointer (&locker, g_mutex_locker_free);

  if (surface == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("Not enough memory to show the page"));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  pixels = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                       (gsize)cairo_image_surface_get_stride (surface) * ph,
                                       destroy_surface, surface);

  return gdk_memory_texture_new (pw, ph, GDK_MEMORY_DEFAULT, pixels,
                                 cairo_image_surface_get_stride (surface));
}

void
cab_pdf_document_set_scan_path (CabPdfDocument *self,
                                gboolean        enabled)
{
  g_return_if_fail (CAB_IS_PDF_DOCUMENT (self));

  g_mutex_lock (&self->lock);
  self->scan_path = !!enabled;
  g_mutex_unlock (&self->lock);
}

guint
cab_pdf_document_get_n_scan_renders (CabPdfDocument *self)
{
  g_return_val_if_fail (CAB_IS_PDF_DOCUMENT (self), 0);

  return (guint)g_atomic_int_get (&self->n_scan_renders);
}

void
cab_pdf_document_render_for_printing (CabPdfDocument *self,
                                      guint           page_index,
                                      cairo_t        *cr)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(CabPopplerPage) page = NULL;

  g_return_if_fail (CAB_IS_PDF_DOCUMENT (self));
  g_return_if_fail (page_index < self->n_pages);

  locker = g_mutex_locker_new (&self->lock);
  page = poppler_document_get_page (self->poppler, page_index);
  if (page != NULL)
    poppler_page_render_for_printing (page, cr);
  g_clear_object (&page);
}
