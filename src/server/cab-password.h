/* cab-password.h: Argon2id password hashes and session tokens (libsodium).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Hashes and checks waiting for a worker, past those running, before G_IO_ERROR_BUSY
 * (settable with $CAB_SERVER_HASH_QUEUE; the workers, one per core, with
 * $CAB_SERVER_HASH_WORKERS: both for tests and benchmarks). */
#define CAB_PASSWORD_DEFAULT_QUEUE        32
/* The Retry-After of a 503 answered because the queue is full. */
#define CAB_PASSWORD_BUSY_RETRY_AFTER     2

/* Must be called once before anything else here (sodium_init, the worker pool). */
gboolean     cab_password_init           (GError             **error);
guint        cab_password_get_workers    (void);

/* Blocking: ~64 MiB and tens of milliseconds. Call from a worker thread. */
char        *cab_password_hash_sync      (const char          *password,
                                          GError             **error);
gboolean     cab_password_verify_sync    (const char          *hash,
                                          const char          *password);

/* The same, on a worker of the bounded pool so the main loop never waits. Fails with
 * G_IO_ERROR_BUSY when the queue is full, G_IO_ERROR_CANCELLED when @cancellable was
 * cancelled before a worker took it (then nothing is hashed). */
void         cab_password_hash_async     (const char          *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
char        *cab_password_hash_finish    (GAsyncResult        *result,
                                          GError             **error);

/* Verifies @password against each of @hashes (NULL entries skipped) on a worker; the
 * result is the index of the first match, or -1: with @error set when nothing was checked
 * (busy or cancelled, as above). */
void         cab_password_verify_async   (const char * const  *hashes,
                                          guint                n_hashes,
                                          const char          *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
int          cab_password_verify_finish  (GAsyncResult        *result,
                                          GError             **error);

/* 32 random bytes as 64 lowercase hex characters. */
char        *cab_token_generate          (void);
/* SHA-256 of @token as 64 hex characters: the only form a token is stored in. */
char        *cab_token_hash              (const char          *token);
/* A readable random temporary password (16 characters, no look-alike characters). */
char        *cab_password_generate_temporary (void);

G_END_DECLS
