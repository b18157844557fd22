/* cab-profile-page.h: the Profile page (manual 4.3): login, password, email, phone and the
 * email subscription of the signed-in user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-session.h"

G_BEGIN_DECLS

#define CAB_TYPE_PROFILE_PAGE (cab_profile_page_get_type ())
G_DECLARE_FINAL_TYPE (CabProfilePage, cab_profile_page, CAB, PROFILE_PAGE, AdwBin)

GtkWidget  *cab_profile_page_new          (CabSession     *session);
CabSession *cab_profile_page_get_session  (CabProfilePage *self);
/* TRUE while an update or a subscription change waits for the server ("busy" property). */
gboolean    cab_profile_page_get_busy     (CabProfilePage *self);

G_END_DECLS
