/* fuzz-pdf-image-sizes.c: the viewer's scan of a PDF's bytes for image dictionaries
 * (src/client/viewer/cab-pdf-image-sizes.c), which reads every document opened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-util.h"

#include "cab-pdf-image-sizes.h"

static gboolean
contains_number (const uint8_t *data,
                 size_t         size,
                 guint          number)
{
  char text[16];
  size_t n = (size_t)g_snprintf (text, sizeof text, "%u", number);

  for (size_t i = 0; i + n <= size; i++)
    if (memcmp (data + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GArray) sizes = cab_pdf_find_image_sizes (data, size, 8);

  FUZZ_ASSERT (sizes != NULL && sizes->len <= 8);
  for (guint i = 0; i < sizes->len; i++)
    {
      const CabPdfImageSize *s = &g_array_index (sizes, CabPdfImageSize, i);

      FUZZ_ASSERT (s->width >= 1 && s->width <= CAB_PDF_IMAGE_SIDE_MAX);
      FUZZ_ASSERT (s->height >= 1 && s->height <= CAB_PDF_IMAGE_SIDE_MAX);
      for (guint j = 0; j < i; j++)
        FUZZ_ASSERT (g_array_index (sizes, CabPdfImageSize, j).width != s->width ||
                     g_array_index (sizes, CabPdfImageSize, j).height != s->height);
    }

  /* Nothing invented: each number found is written in the bytes, and a second scan agrees. */
  for (guint i = 0; i < sizes->len; i++)
    {
      const CabPdfImageSize *s = &g_array_index (sizes, CabPdfImageSize, i);

      FUZZ_ASSERT (contains_number (data, size, s->width));
      FUZZ_ASSERT (contains_number (data, size, s->height));
    }
  {
    g_autoptr(GArray) again = cab_pdf_find_image_sizes (data, size, 8);

    FUZZ_ASSERT (again->len == sizes->len);
    FUZZ_ASSERT (sizes->len == 0 ||
                 memcmp (again->data, sizes->data, sizes->len * sizeof (CabPdfImageSize)) == 0);
  }
  return 0;
}
