/* cab-pdf-image-sizes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-pdf-image-sizes.h"

/* How far before "/Subtype" and after "/Image" the dictionary's other keys are looked for. */
#define WINDOW 1024

static gboolean
is_space (guint8 c)
{
  /* PDF 32000-1, 7.2.2: NUL, HT, LF, FF, CR, SP. */
  return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static gboolean
is_delimiter (guint8 c)
{
  return is_space (c) || c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
         c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

static const guint8 *
find (const guint8 *from,
      const guint8 *end,
      const char   *needle)
{
  gsize n = strlen (needle);

  /* memmem() is a GNU extension: memchr() to each candidate first byte instead. */
  while (from < end && (gsize)(end - from) >= n)
    {
      const guint8 *hit = memchr (from, needle[0], (end - from) - n + 1);

      if (hit == NULL)
        return NULL;
      if (memcmp (hit, needle, n) == 0)
        return hit;
      from = hit + 1;
    }
  return NULL;
}

/* The last @needle that starts in [@from, @end), or NULL. */
static const guint8 *
find_last (const guint8 *from,
           const guint8 *end,
           const char   *needle)
{
  const guint8 *last = NULL, *p = from;

  while ((p = find (p, end, needle)) != NULL)
    {
      last = p;
      p++;
    }
  return last;
}

static const guint8 *
skip_spaces (const guint8 *p,
             const guint8 *end)
{
  while (p < end && is_space (*p))
    p++;
  return p;
}

/* The direct positive integer that follows the name @key (e.g. "/Width") in [@from, @end), or
 * 0: missing, too big, not an integer, or an indirect reference ("/Width 12 0 R"). */
static guint
int_after_key (const guint8 *from,
               const guint8 *end,
               const char   *key)
{
  gsize key_len = strlen (key);
  const guint8 *p = from;

  while ((p = find (p, end, key)) != NULL)
    {
      const guint8 *q = p + key_len;
      guint64 value = 0;
      int digits = 0;

      p++;
      /* "/Widths" is another key. */
      if (q < end && !is_delimiter (*q))
        continue;
      q = skip_spaces (q, end);
      while (q < end && g_ascii_isdigit (*q) && digits < 7)
        {
          value = value * 10 + (guint64)(*q - '0');
          digits++;
          q++;
        }
      if (digits == 0 || digits == 7 || value == 0 || value > CAB_PDF_IMAGE_SIDE_MAX)
        return 0;
      /* A number cut by the end of the bytes may be the start of a larger one. */
      if (q >= end || !is_delimiter (*q))
        return 0;

      /* "12 0 R": the size is elsewhere. */
      {
        const guint8 *r = skip_spaces (q, end);

        if (r < end && g_ascii_isdigit (*r))
          {
            while (r < end && g_ascii_isdigit (*r))
              r++;
            r = skip_spaces (r, end);
            if (r < end && *r == 'R')
              return 0;
          }
      }
      return (guint)value;
    }

  return 0;
}

GArray *
cab_pdf_find_image_sizes (const guint8 *data,
                          gsize         len,
                          guint         max_sizes)
{
  GArray *sizes = g_array_new (FALSE, FALSE, sizeof (CabPdfImageSize));
  const guint8 *end, *p;
  guint n_dicts = 0;

  if (data == NULL || len == 0)
    return sizes;
  end = data + len;
  p = data;

  while (sizes->len < max_sizes && n_dicts < CAB_PDF_IMAGE_DICTS_MAX &&
         (p = find (p, end, "/Subtype")) != NULL)
    {
      const guint8 *subtype = p;
      const guint8 *value = skip_spaces (p + strlen ("/Subtype"), end);
      const guint8 *from, *to, *obj, *stream;
      CabPdfImageSize size;
      gboolean seen = FALSE;

      p = value;
      if ((gsize)(end - value) < strlen ("/Image") || memcmp (value, "/Image", 6) != 0 ||
          (value + 6 < end && !is_delimiter (value[6])))
        continue;
      n_dicts++;
      p = value + 6;

      /* The dictionary: from its object's "obj" (or a window before) to its "stream" (or a
       * window after), so that another object's keys are not read. */
      from = subtype - MIN ((gsize)(subtype - data), (gsize)WINDOW);
      to = p + MIN ((gsize)(end - p), (gsize)WINDOW);
      if ((obj = find_last (from, subtype, "obj")) != NULL)
        from = obj;
      if ((stream = find (p, to, "stream")) != NULL)
        to = stream;

      size.width = int_after_key (from, to, "/Width");
      size.height = int_after_key (from, to, "/Height");
      if (size.width == 0 || size.height == 0)
        continue;

      for (guint i = 0; i < sizes->len && !seen; i++)
        {
          const CabPdfImageSize *s = &g_array_index (sizes, CabPdfImageSize, i);

          seen = s->width == size.width && s->height == size.height;
        }
      if (!seen)
        g_array_append_val (sizes, size);
    }

  return sizes;
}
