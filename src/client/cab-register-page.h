/* cab-register-page.h: registration (manual section 2) with the live account/DP checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-api-client.h"

G_BEGIN_DECLS

/* How long typing must pause before the account/DP pair is checked with the server. */
#define CAB_REGISTER_CHECK_DELAY_MS 400

#define CAB_TYPE_REGISTER_PAGE (cab_register_page_get_type ())
G_DECLARE_FINAL_TYPE (CabRegisterPage, cab_register_page, CAB, REGISTER_PAGE, AdwBin)

void        cab_register_page_set_api     (CabRegisterPage *self,
                                           CabApiClient    *api);
/* Clears the form. */
void        cab_register_page_reset       (CabRegisterPage *self);

G_END_DECLS
