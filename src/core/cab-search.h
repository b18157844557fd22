/* cab-search.h: matching what a person types against what the cabinet shows.
 *
 * Document numbers mix scripts: the supplier writes «А-0701» in Cyrillic, a person types
 * "A-07" on a Latin keyboard layout and sees the same letters. Both sides are folded to one
 * form (case, compatibility forms, and Cyrillic letters that look like Latin ones) before
 * they are compared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text casefolded, NFKC-normalised, with each Cyrillic letter that looks like a Latin one
 * (а в е ё к м н о р с т у х і ј ѕ) replaced by that Latin letter. Invalid UTF-8 gives NULL. */
char     *cab_search_fold    (const char *text);

/* TRUE when every word of @query (split at white space) occurs in @haystack, both folded by
 * cab_search_fold(). An empty or NULL @query matches everything. */
gboolean  cab_search_matches (const char *haystack,
                              const char *query);

G_END_DECLS
