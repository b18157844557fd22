/* cab-password.h: Argon2id password hashes and session tokens (libsodium).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Must be called once before anything else here (sodium_init). */
gboolean     cab_password_init           (GError             **error);

/* Blocking: ~64 MiB and tens of milliseconds. Call from a worker thread. */
char        *cab_password_hash_sync      (const char          *password,
                                          GError             **error);
gboolean     cab_password_verify_sync    (const char          *hash,
                                          const char          *password);

/* The same, on a worker thread so the main loop never waits. */
void         cab_password_hash_async     (const char          *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
char        *cab_password_hash_finish    (GAsyncResult        *result,
                                          GError             **error);

/* Verifies @password against each of @hashes (NULL entries skipped) on a worker thread;
 * the result is the index of the first match, or -1. */
void         cab_password_verify_async   (const char * const  *hashes,
                                          guint                n_hashes,
                                          const char          *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
int          cab_password_verify_finish  (GAsyncResult        *result);

/* 32 random bytes as 64 lowercase hex characters. */
char        *cab_token_generate          (void);
/* SHA-256 of @token as 64 hex characters: the only form a token is stored in. */
char        *cab_token_hash              (const char          *token);
/* A readable random temporary password (16 characters, no look-alike characters). */
char        *cab_password_generate_temporary (void);

G_END_DECLS
