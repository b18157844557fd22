/* cab-window-private.h: the window's state, shared by the signed-in shell (cab-window.c) and
 * the sign-in flow (cab-window-sign-in.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-change-password-page.h"
#include "cab-companies-page.h"
#include "cab-company-list.h"
#include "cab-company-overview.h"
#include "cab-company-shell.h"
#include "cab-credentials.h"
#include "cab-forgot-password-page.h"
#include "cab-register-page.h"
#include "cab-session.h"
#include "cab-sign-in-page.h"
#include "cab-window.h"

G_BEGIN_DECLS

struct _CabWindow
{
  AdwApplicationWindow   parent_instance;

  GSettings             *settings;
  CabCredentials        *credentials;
  CabCompanyList        *company_list;
  CabApiClient          *api;                 /* for the next sign-in, not yet a company's */
  char                  *server_id;
  gboolean               demo;
  GCancellable          *probe_cancellable;
  GCancellable          *cancellable;         /* the window's own requests (keyring, sign-in) */

  GPtrArray             *shells;              /* CabCompanyShell, in the order signed in */
  CabCompanyShell       *current;             /* the company shown, or NULL */
  CabCompanyShell       *pending;             /* signing in: shown once it is ready */
  GHashTable            *remembered;          /* keys of companies with a password in the keyring */
  GHashTable            *needs_sign_in;       /* keys of companies back online without a password */
  char                  *company;             /* "company" property: the current company's key */
  GMenu                 *switcher_menu;       /* the companies, for every shell's switcher */
  GMenu                 *switcher_companies;  /* its first section */
  CabCompanyOverview    *overview;
  char                  *first_page;          /* opened when the next company starts */
  gboolean               remember_pending;    /* store the password set after a temporary one */

  /* template */
  GtkStack              *main_stack;
  GtkStack              *auth_stack;
  GtkButton             *auth_back_button;
  GtkButton             *auth_cancel_button;
  AdwWindowTitle        *auth_title;
  GtkLabel              *starting_label;
  CabSignInPage         *sign_in_page;
  CabRegisterPage       *register_page;
  CabForgotPasswordPage *forgot_password_page;
  CabChangePasswordPage *change_password_page;
  GtkStack              *shell_stack;
  CabCompaniesPage      *companies_page;
};

/* cab-window.c: the views and the signed-in session */
void cab_window_show_auth                (CabWindow   *self,
                                          const char  *name);
void cab_window_start_session            (CabWindow   *self,
                                          const char  *login,
                                          const CabMe *me);
void cab_window_start_offline_session    (CabWindow   *self,
                                          const char  *login,
                                          const CabMe *me);
/* Ends the company being signed in or shown (it stays in the saved list) and shows the
 * sign-in page with @message and its login. */
void cab_window_end_session              (CabWindow   *self,
                                          const char  *message);
/* "server-id\nlogin": names a company in the shell stack and the "company" action */
char *cab_window_company_key             (const char  *server_id,
                                          const char  *login);
/* cab-window-companies.c: opening, switching and removing companies */
CabCompanyShell *cab_window_find_shell   (CabWindow   *self,
                                          const char  *key);
void cab_window_switch_to                (CabWindow   *self,
                                          CabCompanyShell *shell);
void cab_window_update_companies         (CabWindow   *self);
void cab_window_end_company              (CabWindow   *self,
                                          CabCompanyShell *shell,
                                          const char  *message,
                                          gboolean     forget);
void cab_window_open_saved_companies     (CabWindow   *self,
                                          gboolean     offline,
                                          gboolean     show_one);
void cab_window_on_shell_back_online     (CabWindow   *self,
                                          CabCompanyShell *shell);
CabCompanyShell *cab_window_open_company (CabWindow    *self,
                                          CabApiClient *api,
                                          const char   *server_id,
                                          const char   *login,
                                          gboolean      offline);
void cab_window_install_company_actions  (GtkWidgetClass *widget_class);

/* cab-window-sign-in.c: the keyring, the server probe and the sign-in pages */
void cab_window_on_keyring_available     (CabWindow    *self);
void cab_window_set_api                  (CabWindow    *self,
                                          CabApiClient *api);
void cab_window_on_password_cleared      (GObject      *object,
                                          GAsyncResult *result,
                                          gpointer      user_data);
void cab_window_auth_back_action         (GtkWidget    *widget,
                                          const char   *action_name,
                                          GVariant     *parameter);
/* Template callbacks of the sign-in pages. */
void on_server_changed                   (CabWindow  *self,
                                          const char *url);
void on_signed_in                        (CabWindow  *self,
                                          const char *login,
                                          const char *password,
                                          gboolean    remember,
                                          gboolean    must_change);
void on_password_changed                 (CabWindow  *self,
                                          CabMe      *me,
                                          const char *password);
void on_registered                       (CabWindow  *self,
                                          const char *login,
                                          const char *password);
void on_create_account                   (CabWindow  *self);
void on_forgot_password                  (CabWindow  *self);

G_END_DECLS
