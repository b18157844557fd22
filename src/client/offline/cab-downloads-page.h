/* cab-downloads-page.h: "Downloaded Documents": every document kept in the offline store for
 * the signed-in user, across their accounts; searchable, openable and removable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-session.h"

G_BEGIN_DECLS

#define CAB_TYPE_DOWNLOADS_PAGE (cab_downloads_page_get_type ())
G_DECLARE_FINAL_TYPE (CabDownloadsPage, cab_downloads_page, CAB, DOWNLOADS_PAGE, AdwBin)

GtkWidget   *cab_downloads_page_new             (CabSession       *session);

/* The documents shown after the search filter (CabSavedDocument), or NULL without a store. */
GListModel  *cab_downloads_page_get_shown       (CabDownloadsPage *self);
void         cab_downloads_page_set_search      (CabDownloadsPage *self,
                                                 const char       *query);
/* The last action's outcome as shown, or "". */
const char  *cab_downloads_page_get_status_text (CabDownloadsPage *self);

G_END_DECLS
