/* cab-forgot-password-page.h: password recovery (manual 3.2): login + email.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-api-client.h"

G_BEGIN_DECLS

#define CAB_TYPE_FORGOT_PASSWORD_PAGE (cab_forgot_password_page_get_type ())
G_DECLARE_FINAL_TYPE (CabForgotPasswordPage, cab_forgot_password_page, CAB, FORGOT_PASSWORD_PAGE, AdwBin)

void cab_forgot_password_page_set_api   (CabForgotPasswordPage *self,
                                         CabApiClient          *api);
/* Clears the form and fills in @login (may be NULL). */
void cab_forgot_password_page_reset     (CabForgotPasswordPage *self,
                                         const char            *login);

G_END_DECLS
