/* cab-company-list.h: the companies signed in to in the window, remembered between runs in
 * $XDG_DATA_HOME/tek-cabinet/companies.json (server, its address, login and the partner's name;
 * nothing secret: a password is only ever in the keyring).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *server_id;   /* as the offline store names the server: "demo", "host:port" */
  char *server_url;  /* the API's base URL, to reach it again */
  char *login;
  char *name;        /* the partner's name, or NULL before the first GET /me */
} CabCompanyEntry;

#define CAB_COMPANY_LIST_MAX 64

#define CAB_TYPE_COMPANY_LIST (cab_company_list_get_type ())
G_DECLARE_FINAL_TYPE (CabCompanyList, cab_company_list, CAB, COMPANY_LIST, GObject)

/* @path NULL: the default file in the user's data folder. Loads it (a missing or damaged
 * file is an empty list; a damaged one is replaced at the next change). */
CabCompanyList        *cab_company_list_new     (const char     *path);
guint                  cab_company_list_get_n   (CabCompanyList *self);
const CabCompanyEntry *cab_company_list_get     (CabCompanyList *self,
                                                 guint           position);
const CabCompanyEntry *cab_company_list_lookup  (CabCompanyList *self,
                                                 const char     *server_id,
                                                 const char     *login);
/* Adds or updates the entry of (@server_id, @login) and saves the file; @name NULL keeps the
 * one known. FALSE with @error when the values are unusable or the file cannot be written. */
gboolean               cab_company_list_put     (CabCompanyList *self,
                                                 const char     *server_id,
                                                 const char     *server_url,
                                                 const char     *login,
                                                 const char     *name,
                                                 GError        **error);
gboolean               cab_company_list_remove  (CabCompanyList *self,
                                                 const char     *server_id,
                                                 const char     *login,
                                                 GError        **error);

G_END_DECLS
