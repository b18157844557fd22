/* cab-payer-requisites.c: the payer's bank requisites kept locally per login.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "cab-bank-account.h"
#include "cab-core.h"
#include "cab-payer-requisites.h"

#define GROUP "Payer"
/* The file holds three short lines; a larger one is not ours. */
#define MAX_FILE_SIZE (16 * 1024)

struct _CabPayerRequisites
{
  GObject  parent_instance;

  char    *dir;
  char    *login;
  char    *bank_account;
  char    *bic;
  char    *bank_name;
  guint    next_number;
  /* set_next_number() called since loading: save() writes it instead of keeping the file's */
  gboolean number_set;
};

G_DEFINE_FINAL_TYPE (CabPayerRequisites, cab_payer_requisites, G_TYPE_OBJECT)

char *
cab_payer_requisites_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "tek-cabinet", "payer", NULL);
}

/* The login hashed: any login makes a plain file name that cannot leave the folder. */
static char *
file_path (CabPayerRequisites *self)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, self->login, -1);
  g_autofree char *name = g_strconcat (digest, ".ini", NULL);

  return g_build_filename (self->dir, name, NULL);
}

/* NULL for empty; otherwise the text without spaces. */
static char *
without_spaces (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ' && *p != '\t')
      g_string_append_c (out, *p);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
fail (GError     **error,
      GError      *cause,
      const char  *field,
      const char  *message)
{
  GError *result;

  if (cause != NULL && cause->domain == CAB_ERROR)
    result = cause;
  else
    {
      result = g_error_new_literal (CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                                    cause != NULL ? cause->message : message);
      g_clear_error (&cause);
    }
  cab_error_set_details (result, field, 0);
  g_propagate_error (error, result);
  return FALSE;
}

gboolean
cab_payer_requisites_set (CabPayerRequisites  *self,
                          const char          *bank_account,
                          const char          *bic,
                          const char          *bank_name,
                          GError             **error)
{
  g_autofree char *account = without_spaces (bank_account);
  g_autofree char *code = without_spaces (bic);
  g_autofree char *name = NULL;
  GError *cause = NULL;

  g_return_val_if_fail (CAB_IS_PAYER_REQUISITES (self), FALSE);

  if (bank_name != NULL)
    {
      if (!cab_validate_text (bank_name, strlen (bank_name), FALSE, &cause))
        return fail (error, cause, "bank_name", NULL);
      name = g_strstrip (g_strdup (bank_name));
      if (g_utf8_strlen (name, -1) > CAB_PAYER_BANK_NAME_MAX)
        return fail (error, NULL, "bank_name", "The bank name is too long");
      if (*name == '\0')
        g_clear_pointer (&name, g_free);
    }

  if (code != NULL && !cab_bank_check_bic (code, &cause))
    return fail (error, cause, "bic", NULL);
  if (account != NULL && code == NULL)
    return fail (error, NULL, "bic", "The account needs the BIC of its bank");
  if (code != NULL && account == NULL)
    return fail (error, NULL, "bank_account", "The BIC needs the account at that bank");
  if (account != NULL && !cab_bank_check_account (account, code, FALSE, "ПлательщикСчет", &cause))
    return fail (error, cause, "bank_account", NULL);

  g_free (self->bank_account);
  self->bank_account = g_steal_pointer (&account);
  g_free (self->bic);
  self->bic = g_steal_pointer (&code);
  g_free (self->bank_name);
  self->bank_name = g_steal_pointer (&name);

  return TRUE;
}

CabPayerRequisites *
cab_payer_requisites_new (const char *dir,
                          const char *login)
{
  CabPayerRequisites *self;

  g_return_val_if_fail (login != NULL && *login != '\0', NULL);

  self = g_object_new (CAB_TYPE_PAYER_REQUISITES, NULL);
  self->dir = dir != NULL ? g_strdup (dir) : cab_payer_requisites_default_dir ();
  self->login = g_strdup (login);

  return self;
}

/* The login's file as saved, or NULL: with @error, or without when there is none. */
static GKeyFile *
read_key_file (CabPayerRequisites  *self,
               GError             **error)
{
  g_autoptr(GKeyFile) file = NULL;
  g_autofree char *path = file_path (self);
  g_autofree char *contents = NULL;
  g_autofree char *saved_login = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      if (errno != ENOENT)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                     "Cannot read the payer's requisites: %s", g_strerror (errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > MAX_FILE_SIZE)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                           "The payer's requisites file is not a small regular file");
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  file = g_key_file_new ();
  if (length > MAX_FILE_SIZE
      || !g_key_file_load_from_data (file, contents, length, G_KEY_FILE_NONE, NULL))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                           "The payer's requisites file is damaged");
      return NULL;
    }

  /* the hash names the file; the login inside guards against a file copied over */
  saved_login = g_key_file_get_string (file, GROUP, "Login", NULL);
  if (g_strcmp0 (saved_login, self->login) != 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                           "The payer's requisites file belongs to another login");
      return NULL;
    }

  return g_steal_pointer (&file);
}

/* "NextNumber": 1 when absent, else 1 to CAB_PAYER_ORDER_NUMBER_MAX in decimal. */
static guint
read_number (GKeyFile  *file,
             GError   **error)
{
  g_autofree char *text = g_key_file_get_string (file, GROUP, "NextNumber", NULL);
  guint64 number = 0;

  if (text == NULL)
    return 1;
  if (!g_ascii_string_to_unsigned (text, 10, 1, CAB_PAYER_ORDER_NUMBER_MAX, &number, NULL))
    {
      fail (error, NULL, "next_number", "The payer's next payment order number is damaged");
      return 0;
    }
  return (guint) number;
}

static guint
number_after (guint number)
{
  return number >= CAB_PAYER_ORDER_NUMBER_MAX ? 1 : number + 1;
}

CabPayerRequisites *
cab_payer_requisites_load (const char  *dir,
                           const char  *login,
                           GError     **error)
{
  g_autoptr(CabPayerRequisites) self = NULL;
  g_autoptr(GKeyFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account = NULL;
  g_autofree char *bic = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (login != NULL && *login != '\0', NULL);

  self = cab_payer_requisites_new (dir, login);
  if ((file = read_key_file (self, &local_error)) == NULL)
    {
      if (local_error == NULL)
        return g_steal_pointer (&self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  account = g_key_file_get_string (file, GROUP, "BankAccount", NULL);
  bic = g_key_file_get_string (file, GROUP, "BIC", NULL);
  name = g_key_file_get_string (file, GROUP, "BankName", NULL);
  if (!cab_payer_requisites_set (self, account, bic, name, error))
    return NULL;
  if ((self->next_number = read_number (file, error)) == 0)
    return NULL;

  return g_steal_pointer (&self);
}

const char *
cab_payer_requisites_get_login (CabPayerRequisites *self)
{
  g_return_val_if_fail (CAB_IS_PAYER_REQUISITES (self), NULL);
  return self->login;
}

const char *
cab_payer_requisites_get_bank_account (CabPayerRequisites *self)
{
  g_return_val_if_fail (CAB_IS_PAYER_REQUISITES (self), NULL);
  return self->bank_account;
}

const char *
cab_payer_requisites_get_bic (CabPayerRequisites *self)
{
  g_return_val_if_fail (CAB_IS_PAYER_REQUISITES (self), NULL);
  return self->bic;
}

const char *
cab_payer_requisites_get_bank_name (CabPayerRequisites *self)
{
  g_return_val_if_fail (CAB_IS_PAYER_REQUISITES (self), NULL);
  return self->bank_name;
}

gboolean
cab_payer_requisites_is_complete (CabPayerRequisites *self)
{
  g_return_val_if_fail (CAB_IS_PAYER_REQUISITES (self), FALSE);
  return self->bank_account != NULL && self->bic != NULL;
}

guint
cab_payer_requisites_get_next_number (CabPayerRequisites *self)
{
  g_return_val_if_fail (CAB_IS_PAYER_REQUISITES (self), 1);
  return self->next_number;
}

gboolean
cab_payer_requisites_set_next_number (CabPayerRequisites  *self,
                                      guint                number,
                                      GError             **error)
{
  g_return_val_if_fail (CAB_IS_PAYER_REQUISITES (self), FALSE);

  if (number < 1 || number > CAB_PAYER_ORDER_NUMBER_MAX)
    return fail (error, NULL, "next_number", "A payment order number has 1 to 6 digits");
  self->next_number = number;
  self->number_set = TRUE;
  return TRUE;
}

/* The lock on the folder, held until the descriptor is closed (flock: per open file, so
 * threads of one process exclude each other too), or -1 with @error. The folder, not a file of
 * the login: each login keeps one file, replaced by rename, so readers need no lock; only
 * read-modify-write does, and that is short. */
static int
lock_login (CabPayerRequisites  *self,
            GError             **error)
{
  int fd;

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot create %s: %s", self->dir, g_strerror (errno));
      return -1;
    }
  fd = g_open (self->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot open %s: %s", self->dir, g_strerror (errno));
      return -1;
    }
  while (flock (fd, LOCK_EX) != 0)
    if (errno != EINTR)
      {
        int saved = errno;

        close (fd);
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                     "Cannot lock the payer's requisites: %s", g_strerror (saved));
        return -1;
      }
  return fd;
}

static void
unlock_login (int fd)
{
  if (fd >= 0)
    close (fd);
}

static gboolean
write_key_file (CabPayerRequisites  *self,
                GKeyFile            *file,
                GError             **error)
{
  g_autofree char *path = file_path (self);
  g_autofree char *data = NULL;
  gsize length = 0;

  data = g_key_file_to_data (file, &length, NULL);
  return g_file_set_contents_full (path, data, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                   0600, error);
}

static void
set_or_remove (GKeyFile   *file,
               const char *key,
               const char *value)
{
  if (value != NULL)
    g_key_file_set_string (file, GROUP, key, value);
  else
    g_key_file_remove_key (file, GROUP, key, NULL);
}

gboolean
cab_payer_requisites_save (CabPayerRequisites  *self,
                           GError             **error)
{
  g_autoptr(GKeyFile) file = NULL;
  g_autoptr(GKeyFile) saved = NULL;
  g_autofree char *path = NULL;
  g_autofree char *number = NULL;
  gboolean ok = FALSE;
  int lock;

  g_return_val_if_fail (CAB_IS_PAYER_REQUISITES (self), FALSE);

  if ((lock = lock_login (self, error)) < 0)
    return FALSE;

  /* The numbering goes on from the file unless the user set it: orders written since this
   * was loaded must not get their numbers again. A damaged file is overwritten. */
  if (!self->number_set && (saved = read_key_file (self, NULL)) != NULL)
    {
      guint on_disk = read_number (saved, NULL);

      if (on_disk != 0)
        self->next_number = on_disk;
    }

  path = file_path (self);
  if (self->bank_account == NULL && self->bic == NULL && self->bank_name == NULL
      && self->next_number == 1)
    {
      if (g_remove (path) != 0 && errno != ENOENT)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                     "Cannot remove the payer's requisites: %s", g_strerror (errno));
      else
        ok = TRUE;
    }
  else
    {
      file = g_key_file_new ();
      g_key_file_set_string (file, GROUP, "Login", self->login);
      set_or_remove (file, "BankAccount", self->bank_account);
      set_or_remove (file, "BIC", self->bic);
      set_or_remove (file, "BankName", self->bank_name);
      number = g_strdup_printf ("%u", self->next_number);
      g_key_file_set_string (file, GROUP, "NextNumber", number);
      ok = write_key_file (self, file, error);
    }

  if (ok)
    self->number_set = FALSE;
  unlock_login (lock);
  return ok;
}

/* Under the lock: the file as saved (or a new one with the login) and its next number. */
static GKeyFile *
read_for_update (CabPayerRequisites  *self,
                 guint               *out_number,
                 GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GKeyFile) file = read_key_file (self, &local_error);

  if (file == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      file = g_key_file_new ();
      g_key_file_set_string (file, GROUP, "Login", self->login);
    }
  if ((*out_number = read_number (file, error)) == 0)
    return NULL;
  return g_steal_pointer (&file);
}

static gboolean
write_number (CabPayerRequisites  *self,
              GKeyFile            *file,
              guint                number,
              GError             **error)
{
  g_autofree char *text = g_strdup_printf ("%u", number);

  g_key_file_set_string (file, GROUP, "NextNumber", text);
  return write_key_file (self, file, error);
}

guint
cab_payer_requisites_claim_number (CabPayerRequisites  *self,
                                   GError             **error)
{
  g_autoptr(GKeyFile) file = NULL;
  guint number = 0;
  int lock;

  g_return_val_if_fail (CAB_IS_PAYER_REQUISITES (self), 0);

  if ((lock = lock_login (self, error)) < 0)
    return 0;
  if ((file = read_for_update (self, &number, error)) == NULL
      || !write_number (self, file, number_after (number), error))
    number = 0;
  else if (!self->number_set)
    self->next_number = number_after (number);
  unlock_login (lock);

  return number;
}

gboolean
cab_payer_requisites_release_number (CabPayerRequisites  *self,
                                     guint                number,
                                     GError             **error)
{
  g_autoptr(GKeyFile) file = NULL;
  guint next = 0;
  gboolean ok = TRUE;
  int lock;

  g_return_val_if_fail (CAB_IS_PAYER_REQUISITES (self), FALSE);
  g_return_val_if_fail (number >= 1 && number <= CAB_PAYER_ORDER_NUMBER_MAX, FALSE);

  if ((lock = lock_login (self, error)) < 0)
    return FALSE;
  if ((file = read_for_update (self, &next, error)) == NULL)
    ok = FALSE;
  else if (next == number_after (number))
    {
      ok = write_number (self, file, number, error);
      if (ok && !self->number_set)
        self->next_number = number;
    }
  unlock_login (lock);

  return ok;
}

static void
cab_payer_requisites_finalize (GObject *object)
{
  CabPayerRequisites *self = (CabPayerRequisites *)object;

  g_free (self->dir);
  g_free (self->login);
  g_free (self->bank_account);
  g_free (self->bic);
  g_free (self->bank_name);

  G_OBJECT_CLASS (cab_payer_requisites_parent_class)->finalize (object);
}

static void
cab_payer_requisites_class_init (CabPayerRequisitesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cab_payer_requisites_finalize;
}

static void
cab_payer_requisites_init (CabPayerRequisites *self)
{
  self->next_number = 1;
}
