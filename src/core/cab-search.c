/* cab-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-search.h"

/* Lower-case Cyrillic letters and the Latin letter each is read as, in print. The upper-case
 * forms are folded to these first. "н" and "в" look like "H" and "B" in capitals, which is how
 * document numbers are written. */
static const struct
{
  gunichar cyrillic;
  gunichar latin;
} lookalikes[] = {
  { 0x0430, 'a' },  /* а */
  { 0x0432, 'b' },  /* в */
  { 0x0435, 'e' },  /* е */
  { 0x0451, 'e' },  /* ё */
  { 0x043A, 'k' },  /* к */
  { 0x043C, 'm' },  /* м */
  { 0x043D, 'h' },  /* н */
  { 0x043E, 'o' },  /* о */
  { 0x0440, 'p' },  /* р */
  { 0x0441, 'c' },  /* с */
  { 0x0442, 't' },  /* т */
  { 0x0443, 'y' },  /* у */
  { 0x0445, 'x' },  /* х */
  { 0x0456, 'i' },  /* і */
  { 0x0458, 'j' },  /* ј */
  { 0x0455, 's' },  /* ѕ */
};

static gunichar
latin_lookalike (gunichar c)
{
  for (guint i = 0; i < G_N_ELEMENTS (lookalikes); i++)
    if (lookalikes[i].cyrillic == c)
      return lookalikes[i].latin;

  return c;
}

char *
cab_search_fold (const char *text)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  /* Composed, so that "ё" is one letter; compatibility forms (full-width digits, ligatures)
   * become the plain ones. */
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (normal, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_unichar (out, latin_lookalike (g_utf8_get_char (p)));

  return g_string_free (out, FALSE);
}

gboolean
cab_search_matches (const char *haystack,
                    const char *query)
{
  g_autofree char *folded_query = NULL;
  g_autofree char *folded_haystack = NULL;
  g_auto(GStrv) words = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;
  if (haystack == NULL)
    return FALSE;

  folded_query = cab_search_fold (query);
  folded_haystack = cab_search_fold (haystack);
  if (folded_query == NULL || folded_haystack == NULL)
    return FALSE;

  /* Whole words as typed: "А-07" is looked for with its hyphen, not as "а" and "07" apart. */
  words = g_strsplit_set (folded_query, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0' && strstr (folded_haystack, words[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}
