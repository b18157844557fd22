/* cab-image-downscale.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cab-image-downscale.h"

/* Weights are in 1/256: a destination pixel's source weights along one axis add up to 256. */
#define ONE 256

/* For each destination index along an axis: the first source index and @n_taps weights. */
typedef struct
{
  int    n_taps;
  int   *first;
  guint *weights;  /* n_dst * n_taps */
} Axis;

static void
axis_init (Axis *axis,
           int   n_src,
           int   n_dst)
{
  double ratio = (double)n_src / n_dst;

  axis->n_taps = (int)ceil (ratio) + 1;
  axis->first = g_new (int, n_dst);
  axis->weights = g_new0 (guint, (gsize)n_dst * axis->n_taps);

  for (int d = 0; d < n_dst; d++)
    {
      double lo = d * ratio, hi = MIN ((d + 1) * ratio, (double)n_src);
      int first = MIN ((int)floor (lo), n_src - 1);
      guint *w = axis->weights + (gsize)d * axis->n_taps;
      guint sum = 0, best = 0;
      int best_tap = 0;

      axis->first[d] = first;
      for (int t = 0; t < axis->n_taps && first + t < n_src; t++)
        {
          double overlap = MIN (hi, first + t + 1.0) - MAX (lo, (double)(first + t));

          if (overlap > 0)
            w[t] = (guint)(overlap / (hi - lo) * ONE);
          sum += w[t];
          if (w[t] > best)
            {
              best = w[t];
              best_tap = t;
            }
        }
      /* The rounding's remainder to the heaviest tap, so a flat area stays exactly flat. */
      w[best_tap] += ONE - sum;
    }
}

static void
axis_clear (Axis *axis)
{
  g_free (axis->first);
  g_free (axis->weights);
}

typedef struct
{
  const guint8 *src;
  int           src_stride;
  int           src_width;
  int           src_height;
  guint8       *dst;
  int           dst_stride;
  int           dst_width;
  Axis          x;
  Axis          y;
} Job;

static void
scale_rows (const Job *job,
            int        row_from,
            int        row_to)
{
  int n_channels = job->src_width * 4;
  int x_taps = job->x.n_taps;
  /* One source-width row of vertically averaged channels, each at most 255 * ONE (so 16 bits
   * hold it), with room for the last pixel's taps to read zeros past the end. */
  g_autofree guint16 *acc = g_new0 (guint16, (gsize)(job->src_width + x_taps) * 4);

  for (int dy = row_from; dy < row_to; dy++)
    {
      const guint *wy = job->y.weights + (gsize)dy * job->y.n_taps;
      guint8 *out = job->dst + (gsize)dy * job->dst_stride;
      gboolean first_tap = TRUE;

      for (int t = 0; t < job->y.n_taps; t++)
        {
          int sy = job->y.first[dy] + t;
          const guint8 *in;
          guint16 weight = (guint16)wy[t];

          if (weight == 0 || sy >= job->src_height)
            continue;
          in = job->src + (gsize)sy * job->src_stride;
          if (first_tap)
            for (int i = 0; i < n_channels; i++)
              acc[i] = (guint16)(in[i] * weight);
          else
            for (int i = 0; i < n_channels; i++)
              acc[i] += (guint16)(in[i] * weight);
          first_tap = FALSE;
        }

      for (int dx = 0; dx < job->dst_width; dx++)
        {
          const guint *wx = job->x.weights + (gsize)dx * x_taps;
          const guint16 *a = acc + (gsize)job->x.first[dx] * 4;
          guint32 s0 = ONE * ONE / 2, s1 = s0, s2 = s0, s3 = s0;

          /* Taps past the source's end have weight 0 and read the zeroed tail. */
          for (int t = 0; t < x_taps; t++, a += 4)
            {
              guint32 weight = wx[t];

              s0 += a[0] * weight;
              s1 += a[1] * weight;
              s2 += a[2] * weight;
              s3 += a[3] * weight;
            }
          out[dx * 4 + 0] = (guint8)(s0 / (ONE * ONE));
          out[dx * 4 + 1] = (guint8)(s1 / (ONE * ONE));
          out[dx * 4 + 2] = (guint8)(s2 / (ONE * ONE));
          out[dx * 4 + 3] = (guint8)(s3 / (ONE * ONE));
        }
    }
}

typedef struct
{
  const Job *job;
  int        row_from;
  int        row_to;
} Part;

static gpointer
scale_part (gpointer data)
{
  Part *part = data;

  scale_rows (part->job, part->row_from, part->row_to);
  return NULL;
}

void
cab_image_downscale (cairo_surface_t *src,
                     cairo_surface_t *dst)
{
  Job job;
  int dst_height;

  g_return_if_fail (cairo_surface_get_type (src) == CAIRO_SURFACE_TYPE_IMAGE);
  g_return_if_fail (cairo_surface_get_type (dst) == CAIRO_SURFACE_TYPE_IMAGE);
  g_return_if_fail (cairo_image_surface_get_format (src) == cairo_image_surface_get_format (dst));
  g_return_if_fail (cairo_image_surface_get_format (src) == CAIRO_FORMAT_ARGB32 ||
                    cairo_image_surface_get_format (src) == CAIRO_FORMAT_RGB24);

  cairo_surface_flush (src);
  cairo_surface_flush (dst);

  job.src = cairo_image_surface_get_data (src);
  job.src_stride = cairo_image_surface_get_stride (src);
  job.src_width = cairo_image_surface_get_width (src);
  job.src_height = cairo_image_surface_get_height (src);
  job.dst = cairo_image_surface_get_data (dst);
  job.dst_stride = cairo_image_surface_get_stride (dst);
  job.dst_width = cairo_image_surface_get_width (dst);
  dst_height = cairo_image_surface_get_height (dst);

  g_return_if_fail (job.src != NULL && job.dst != NULL);
  g_return_if_fail (job.dst_width > 0 && dst_height > 0);
  g_return_if_fail (job.dst_width <= job.src_width && dst_height <= job.src_height);

  axis_init (&job.x, job.src_width, job.dst_width);
  axis_init (&job.y, job.src_height, dst_height);

  /* A page is a million pixels or more: the second core takes the bottom half. A small image
   * is not worth a thread. */
  if ((gint64)job.src_width * job.src_height >= 256 * 1024 && g_get_num_processors () > 1)
    {
      Part bottom = { &job, dst_height / 2, dst_height };
      GThread *thread = g_thread_try_new ("cab-downscale", scale_part, &bottom, NULL);

      if (thread != NULL)
        {
          scale_rows (&job, 0, dst_height / 2);
          g_thread_join (thread);
        }
      else
        scale_rows (&job, 0, dst_height);
    }
  else
    scale_rows (&job, 0, dst_height);

  axis_clear (&job.x);
  axis_clear (&job.y);
  cairo_surface_mark_dirty (dst);
}
