/* cab-window-private.h: the window's state, shared by the signed-in shell (cab-window.c) and
 * the sign-in flow (cab-window-sign-in.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-change-password-page.h"
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
  CabApiClient          *api;
  char                  *server_id;
  gboolean               demo;
  gulong                 unauthorized_id;
  GCancellable          *probe_cancellable;

  CabSession            *session;
  GCancellable          *session_cancellable;
  GStrv                  contract_accounts;   /* parallel to contract_model */
  gboolean               updating_contracts;
  char                  *first_page;          /* opened when the session starts */
  gboolean               remember_pending;    /* store the password set after a temporary one */
  gboolean               password_stored;
  GPtrArray             *page_names;          /* sidebar order; row i shows page_names[i] */

  /* template */
  GtkStack              *main_stack;
  GtkStack              *auth_stack;
  GtkButton             *auth_back_button;
  AdwWindowTitle        *auth_title;
  GtkLabel              *starting_label;
  CabSignInPage         *sign_in_page;
  CabRegisterPage       *register_page;
  CabForgotPasswordPage *forgot_password_page;
  CabChangePasswordPage *change_password_page;
  AdwLeaflet            *leaflet;
  GtkListBox            *sidebar;
  GtkBox                *content_box;
  GtkDropDown           *contract_dropdown;
  GtkStringList         *contract_model;
  GtkRevealer           *offline_revealer;
  GtkLabel              *offline_label;
  GtkLabel              *strip_login_label;
  GtkLabel              *strip_contract_label;
  GtkLabel              *strip_name_label;
  GtkLabel              *strip_address_label;
  GtkStack              *content_stack;
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
void cab_window_end_session              (CabWindow   *self,
                                          const char  *message);

/* cab-window-sign-in.c: the keyring, the server probe and the sign-in pages */
void cab_window_on_keyring_available     (CabWindow    *self);
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
