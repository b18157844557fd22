/* cab-password.c: Argon2id password hashes and session tokens (libsodium).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <malloc.h>
#include <string.h>
#include <sodium.h>

#include "cab-error.h"
#include "cab-password.h"

/* Every hash and check runs on one of @workers threads (one per core): each takes 64 MiB
 * while it runs, so the memory is bounded by the pool, not by the number of clients. At most
 * @queue_limit more wait; past that a request is refused (G_IO_ERROR_BUSY) at once. */
static GThreadPool *pool;
static guint workers;
static guint queue_limit;
static gint outstanding;   /* submitted and not yet done; atomic */

static void run_job (gpointer data, gpointer user_data);

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 parsed;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, 4096, &parsed, NULL))
    return fallback;
  return (guint) parsed;
}

gboolean
cab_password_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INTERNAL, "libsodium failed to start");
      return FALSE;
    }
  /* A hash's 64 MiB must come from mmap and go back to the system when it is freed: with
   * the default dynamic threshold glibc may start serving large blocks from its arenas and
   * keep them after a flood. A fixed threshold also turns the dynamic one off. (Limiting
   * M_ARENA_MAX made no difference in bench/server/login-flood.py.) */
  mallopt (M_MMAP_THRESHOLD, 1024 * 1024);

  workers = env_uint ("CAB_SERVER_HASH_WORKERS", MAX (1, g_get_num_processors ()));
  workers = MAX (workers, 1);
  queue_limit = env_uint ("CAB_SERVER_HASH_QUEUE", CAB_PASSWORD_DEFAULT_QUEUE);
  pool = g_thread_pool_new (run_job, NULL, (int) workers, FALSE, error);
  return pool != NULL;
}

guint
cab_password_get_workers (void)
{
  return workers;
}

char *
cab_password_hash_sync (const char  *password,
                        GError     **error)
{
  char out[crypto_pwhash_STRBYTES];

  if (crypto_pwhash_str (out, password, strlen (password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INTERNAL, "Out of memory hashing a password");
      return NULL;
    }
  return g_strdup (out);
}

gboolean
cab_password_verify_sync (const char *hash,
                          const char *password)
{
  if (hash == NULL || password == NULL)
    return FALSE;
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

static void
secret_free (gpointer data)
{
  char *text = data;

  if (text != NULL)
    sodium_memzero (text, strlen (text));
  g_free (text);
}

static char *hash_job (GTask *task, GError **error);
static int verify_job (GTask *task);

/* Drops the task here, on the pool's thread: its data is the secrets alone, never anything
 * of the main loop's such as a request (cab_server_run_in_worker() is for those). */
static void
run_job (gpointer data,
         gpointer user_data)
{
  g_autoptr(GTask) task = data;
  gboolean is_hash = g_task_get_source_tag (task) == cab_password_hash_async;
  GError *error = NULL;
  char *hash = NULL;
  int match = -1;

  /* A client that has gone does not get its hash computed. */
  if (g_task_return_error_if_cancelled (task))
    {
      (void) g_atomic_int_add (&outstanding, -1);
      return;
    }
  if (is_hash)
    hash = hash_job (task, &error);
  else
    match = verify_job (task);
  /* Give the freed work area back now rather than at the next flood. */
  malloc_trim (0);
  /* Free before the answer: whoever the answer lets ask again must find room. */
  (void) g_atomic_int_add (&outstanding, -1);
  if (!is_hash)
    g_task_return_int (task, match);
  else if (hash == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hash, g_free);
}

/* Queues @task, or answers it at once with G_IO_ERROR_BUSY when the queue is full. */
static void
submit (GTask *task)
{
  GError *error = NULL;

  if ((guint) g_atomic_int_add (&outstanding, 1) >= workers + queue_limit)
    {
      (void) g_atomic_int_add (&outstanding, -1);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               "Too many password checks at once");
      return;
    }
  if (!g_thread_pool_push (pool, g_object_ref (task), &error))
    {
      (void) g_atomic_int_add (&outstanding, -1);
      g_object_unref (task);
      g_task_return_error (task, error);
    }
}

static char *
hash_job (GTask   *task,
          GError **error)
{
  return cab_password_hash_sync (g_task_get_task_data (task), error);
}

void
cab_password_hash_async (const char          *password,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, cab_password_hash_async);
  g_task_set_task_data (task, g_strdup (password), secret_free);
  submit (task);
}

char *
cab_password_hash_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char  **hashes;
  guint   n_hashes;
  char   *password;
} VerifyData;

static void
verify_data_free (gpointer data)
{
  VerifyData *vd = data;

  for (guint i = 0; i < vd->n_hashes; i++)
    g_free (vd->hashes[i]);
  g_free (vd->hashes);
  secret_free (vd->password);
  g_free (vd);
}

/* Verified against when there is nothing to verify, so an unknown login costs as much. */
static const char *
dummy_hash (void)
{
  static gsize once = 0;
  static char *hash;

  if (g_once_init_enter (&once))
    {
      hash = cab_password_hash_sync ("no such user, no such password", NULL);
      g_once_init_leave (&once, 1);
    }
  return hash;
}

static int
verify_job (GTask *task)
{
  VerifyData *vd = g_task_get_task_data (task);
  gboolean tried = FALSE;

  for (guint i = 0; i < vd->n_hashes; i++)
    {
      if (vd->hashes[i] == NULL)
        continue;
      tried = TRUE;
      if (cab_password_verify_sync (vd->hashes[i], vd->password))
        return (int) i;
    }
  if (!tried)
    cab_password_verify_sync (dummy_hash (), vd->password);
  return -1;
}

void
cab_password_verify_async (const char * const  *hashes,
                           guint                n_hashes,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  VerifyData *vd = g_new0 (VerifyData, 1);

  vd->hashes = g_new0 (char *, MAX (n_hashes, 1));
  vd->n_hashes = n_hashes;
  for (guint i = 0; i < n_hashes; i++)
    vd->hashes[i] = g_strdup (hashes[i]);
  vd->password = g_strdup (password);

  g_task_set_source_tag (task, cab_password_verify_async);
  g_task_set_task_data (task, vd, verify_data_free);
  submit (task);
}

int
cab_password_verify_finish (GAsyncResult  *result,
                            GError       **error)
{
  return (int) g_task_propagate_int (G_TASK (result), error);
}

char *
cab_token_generate (void)
{
  guint8 raw[32];
  char hex[65];

  randombytes_buf (raw, sizeof raw);
  sodium_bin2hex (hex, sizeof hex, raw, sizeof raw);
  return g_strdup (hex);
}

char *
cab_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

char *
cab_password_generate_temporary (void)
{
  /* No 0/O, 1/l/I: the password is read from a mail and typed by hand. */
  static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  char out[17];

  for (guint i = 0; i < 16; i++)
    out[i] = alphabet[randombytes_uniform (sizeof alphabet - 1)];
  out[16] = '\0';
  return g_strdup (out);
}
