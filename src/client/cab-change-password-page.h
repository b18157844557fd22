/* cab-change-password-page.h: the mandatory new password after a temporary-password sign-in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-api-client.h"

G_BEGIN_DECLS

#define CAB_TYPE_CHANGE_PASSWORD_PAGE (cab_change_password_page_get_type ())
G_DECLARE_FINAL_TYPE (CabChangePasswordPage, cab_change_password_page, CAB, CHANGE_PASSWORD_PAGE, AdwBin)

/* Prepares the form for a session of @api opened with @temporary_password (kept in memory
 * only until the change is done). Emits "changed" (CabMe *, new password) on success. */
void cab_change_password_page_start (CabChangePasswordPage *self,
                                     CabApiClient          *api,
                                     const char            *temporary_password);
void cab_change_password_page_reset (CabChangePasswordPage *self);

G_END_DECLS
