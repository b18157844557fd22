/* cab-page-registry.h: the sidebar pages that exist in this build.
 *
 * Generated from meson's client_pages list (cab-page-registry.c.in), so a page appears in the
 * sidebar only when its area is built. Names: "client-info", "account-state", "profile",
 * "feedback", "downloads".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The page types, in the order meson listed them; @n receives their number. Free with g_free. */
GType              *cab_page_registry_get_types   (guint       *n);
/* The page names, parallel to cab_page_registry_get_types(); static, NULL-terminated. */
const char * const *cab_page_registry_get_names   (guint       *n);
/* The page type registered under @name, or G_TYPE_INVALID. */
GType               cab_page_registry_lookup      (const char  *name);

G_END_DECLS
