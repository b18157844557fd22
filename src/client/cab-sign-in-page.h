/* cab-sign-in-page.h: Login, Password, Remember me, "Log In"; links to Create Account and
 * Forgot Password; the server address under an expander "Server".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-api-client.h"

G_BEGIN_DECLS

#define CAB_TYPE_SIGN_IN_PAGE (cab_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (CabSignInPage, cab_sign_in_page, CAB, SIGN_IN_PAGE, AdwBin)

/* NULL while no server is usable (then "Log In" explains why). */
void        cab_sign_in_page_set_api            (CabSignInPage *self,
                                                 CabApiClient  *api);
CabApiClient *cab_sign_in_page_get_api          (CabSignInPage *self);
/* Shows the demo server's credentials (or hides them with FALSE). */
void        cab_sign_in_page_set_demo           (CabSignInPage *self,
                                                 gboolean       demo);
void        cab_sign_in_page_set_login          (CabSignInPage *self,
                                                 const char    *login);
const char *cab_sign_in_page_get_login          (CabSignInPage *self);
void        cab_sign_in_page_set_server_url     (CabSignInPage *self,
                                                 const char    *url);
/* An inline message (error style); NULL hides it. */
void        cab_sign_in_page_show_message       (CabSignInPage *self,
                                                 const char    *message);
/* FALSE: says (once) that passwords cannot be remembered and disables "Remember me". */
void        cab_sign_in_page_set_keyring_available (CabSignInPage *self,
                                                    gboolean       available);
/* Signs in as if the user typed @login and @password (a password from the keyring). */
void        cab_sign_in_page_sign_in_with       (CabSignInPage *self,
                                                 const char    *login,
                                                 const char    *password,
                                                 gboolean       remember);
/* Clears the password entry and any message. */
void        cab_sign_in_page_reset              (CabSignInPage *self);

G_END_DECLS
