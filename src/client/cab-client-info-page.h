/* cab-client-info-page.h: "Client Info" (manual 4.1): the partner and every contract.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-session.h"

G_BEGIN_DECLS

#define CAB_TYPE_CLIENT_INFO_PAGE (cab_client_info_page_get_type ())
G_DECLARE_FINAL_TYPE (CabClientInfoPage, cab_client_info_page, CAB, CLIENT_INFO_PAGE, AdwBin)

G_END_DECLS
