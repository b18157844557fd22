/* cab-payer-requisites.c: the payer's bank requisites kept locally per login.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

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

CabPayerRequisites *
cab_payer_requisites_load (const char  *dir,
                           const char  *login,
                           GError     **error)
{
  g_autoptr(CabPayerRequisites) self = NULL;
  g_autoptr(GKeyFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *saved_login = NULL;
  g_autofree char *account = NULL;
  g_autofree char *bic = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;
  GStatBuf st;

  g_return_val_if_fail (login != NULL && *login != '\0', NULL);

  self = cab_payer_requisites_new (dir, login);
  path = file_path (self);
  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return g_steal_pointer (&self);
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
  if (g_strcmp0 (saved_login, login) != 0)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                           "The payer's requisites file belongs to another login");
      return NULL;
    }

  account = g_key_file_get_string (file, GROUP, "BankAccount", NULL);
  bic = g_key_file_get_string (file, GROUP, "BIC", NULL);
  name = g_key_file_get_string (file, GROUP, "BankName", NULL);
  if (!cab_payer_requisites_set (self, account, bic, name, error))
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

gboolean
cab_payer_requisites_save (CabPayerRequisites  *self,
                           GError             **error)
{
  g_autoptr(GKeyFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (CAB_IS_PAYER_REQUISITES (self), FALSE);

  path = file_path (self);
  if (self->bank_account == NULL && self->bic == NULL && self->bank_name == NULL)
    {
      if (g_remove (path) != 0 && errno != ENOENT)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       "Cannot remove the payer's requisites: %s", g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot create %s: %s", self->dir, g_strerror (errno));
      return FALSE;
    }

  file = g_key_file_new ();
  g_key_file_set_string (file, GROUP, "Login", self->login);
  if (self->bank_account != NULL)
    g_key_file_set_string (file, GROUP, "BankAccount", self->bank_account);
  if (self->bic != NULL)
    g_key_file_set_string (file, GROUP, "BIC", self->bic);
  if (self->bank_name != NULL)
    g_key_file_set_string (file, GROUP, "BankName", self->bank_name);
  data = g_key_file_to_data (file, &length, NULL);

  return g_file_set_contents_full (path, data, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                   0600, error);
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
}
