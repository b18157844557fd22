/* cab-credentials.h: the password of a login on a server, in the Secret Service (keyring).
 *
 * Nothing is ever written anywhere else. When no Secret Service answers, "available" turns
 * FALSE and every later call fails at once with G_IO_ERROR_NOT_SUPPORTED, so the UI can say
 * once why it cannot remember a password.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CAB_CREDENTIALS_SCHEMA_NAME "ru.tek_energo.Cabinet.Credentials"

#define CAB_TYPE_CREDENTIALS (cab_credentials_get_type ())
G_DECLARE_FINAL_TYPE (CabCredentials, cab_credentials, CAB, CREDENTIALS, GObject)

CabCredentials *cab_credentials_new             (void);
/* The process-wide instance (pages updating the keyring after a password change use it). */
CabCredentials *cab_credentials_get_default     (void);

/* FALSE once the Secret Service failed to answer ("available" property). */
gboolean        cab_credentials_get_available   (CabCredentials       *self);

/* The stored password, or NULL (and no error) when none is stored. */
void            cab_credentials_lookup_async    (CabCredentials       *self,
                                                 const char           *server,
                                                 const char           *login,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char           *cab_credentials_lookup_finish   (CabCredentials       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

void            cab_credentials_store_async     (CabCredentials       *self,
                                                 const char           *server,
                                                 const char           *login,
                                                 const char           *password,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        cab_credentials_store_finish    (CabCredentials       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* Removes the stored password of @login on @server (TRUE also when none was stored). */
void            cab_credentials_clear_async     (CabCredentials       *self,
                                                 const char           *server,
                                                 const char           *login,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        cab_credentials_clear_finish    (CabCredentials       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* Frees a password returned by lookup, wiping it first. */
void            cab_credentials_free_password   (char                 *password);

/* g_auto(CabPassword) password = NULL; */
typedef char *CabPassword;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (CabPassword, cab_credentials_free_password, NULL)

G_END_DECLS
