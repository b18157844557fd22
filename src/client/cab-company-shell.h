/* cab-company-shell.h: one company signed in to: its sidebar of pages, contract selector, top
 * strip and offline bar over its own CabSession (and so its own services). The window keeps
 * one per company in a stack, so switching keeps each company's page, period and scroll.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-session.h"

G_BEGIN_DECLS

#define CAB_TYPE_COMPANY_SHELL (cab_company_shell_get_type ())
G_DECLARE_FINAL_TYPE (CabCompanyShell, cab_company_shell, CAB, COMPANY_SHELL, AdwBin)

/* @settings for the last contract used; @first_page: opened when the pages are built. */
CabCompanyShell *cab_company_shell_new              (CabSession      *session,
                                                     GSettings       *settings,
                                                     const char      *first_page);
CabSession      *cab_company_shell_get_session      (CabCompanyShell *self);

/* Online: builds the session's services, asks for today and GET /me; the pages are built at
 * the first answer ("ready"); an error before that is "failed" with the words to show.
 * Offline (the session's "offline" set): builds services and pages from @me at once. */
void             cab_company_shell_start            (CabCompanyShell *self,
                                                     const CabMe     *me);
/* Cancels the requests, drops the pages and the session's services (sign-out). */
void             cab_company_shell_stop             (CabCompanyShell *self);
/* TRUE once the pages are built. */
gboolean         cab_company_shell_get_ready        (CabCompanyShell *self);

/* "Partner name" (or the login before GET /me), for the switcher and the overview. */
const char      *cab_company_shell_get_name         (CabCompanyShell *self);

const char      *cab_company_shell_get_page         (CabCompanyShell *self);
GtkWidget       *cab_company_shell_get_page_widget  (CabCompanyShell *self,
                                                     const char      *name);
gboolean         cab_company_shell_select_page      (CabCompanyShell *self,
                                                     const char      *name);
/* @index from 0 in the sidebar's order; FALSE when there is none. */
gboolean         cab_company_shell_select_page_at   (CabCompanyShell *self,
                                                     int              index);
void             cab_company_shell_show_sidebar     (CabCompanyShell *self);
void             cab_company_shell_set_offline_message (CabCompanyShell *self,
                                                        const char      *message);
/* The window's menu of companies, shown by the switcher in the sidebar's header. */
void             cab_company_shell_set_switcher_menu (CabCompanyShell *self,
                                                      GMenuModel      *menu);

G_END_DECLS
