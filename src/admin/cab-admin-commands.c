/* cab-admin-commands.c: feedback, users, supplier, backup and stats of tek-cabinet-admin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "cab-admin-commands.h"
#include "cab-mail-queue.h"
#include "cab-password.h"

#define TEMP_PASSWORD_LIFETIME (24 * 60 * 60)

static int
fail (GError *error)
{
  g_printerr ("tek-cabinet-admin: %s\n", error->message);
  /* Something the supplier named that is not there is bad input; the rest cannot run. */
  if (error->domain == CAB_ERROR && error->code == CAB_ERROR_NOT_FOUND)
    return 1;
  return 2;
}

static gboolean
parse_id (const char *text,
          gint64     *out_id)
{
  guint64 id;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_printerr ("tek-cabinet-admin: “%s” is not a message number\n", text);
      return FALSE;
    }
  *out_id = (gint64) id;
  return TRUE;
}

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_offset (3 * 3600);
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%d.%m.%Y %H:%M");
}

/* The first line, at most @max characters, for a one-line listing. */
static char *
summary (const char *text,
         glong       max)
{
  g_autofree char *line = g_strndup (text, strcspn (text, "\r\n"));

  if (g_utf8_strlen (line, -1) > max)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, max - 1);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&line);
}

/* ---- feedback ---- */

int
cab_admin_feedback_list (CabStore *store,
                         gboolean  unanswered_only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = cab_store_list_all_feedback (store, unanswered_only, &error);

  if (list == NULL)
    return fail (error);
  for (guint i = 0; i < list->len; i++)
    {
      CabStoreFeedback *f = g_ptr_array_index (list, i);
      g_autofree char *when = format_time (f->created_at);
      g_autofree char *text = summary (f->text, 60);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n", f->id, when, f->login,
               cab_feedback_status_to_string (f->status), f->file_name ? f->file_name : "-",
               text);
    }
  return 0;
}

static void
print_feedback (CabStoreFeedback *f,
                GString          *out)
{
  g_autofree char *when = format_time (f->created_at);

  g_string_append_printf (out, "Message: %" G_GINT64_FORMAT "\n", f->id);
  g_string_append_printf (out, "From: %s (DP code %s)\n", f->login, f->dp_code);
  g_string_append_printf (out, "Sent: %s (Moscow time)\n", when);
  g_string_append_printf (out, "Status: %s\n", cab_feedback_status_to_string (f->status));
  if (f->file_name != NULL)
    g_string_append_printf (out, "Attachment: %s (%" G_GINT64_FORMAT " bytes)\n", f->file_name,
                            f->file_size);
  g_string_append_printf (out, "\n%s\n", f->text);
}

int
cab_admin_feedback_show (CabStore   *store,
                         const char *id_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabStoreFeedback) f = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 id;

  if (!parse_id (id_text, &id))
    return 1;
  if (!(f = cab_store_get_feedback (store, id, NULL, &error)))
    return fail (error);
  print_feedback (f, out);
  g_print ("%s", out->str);
  return 0;
}

/* The client's file name, made safe to create in the export folder. */
static char *
safe_file_name (const char *name)
{
  g_autofree char *base = g_path_get_basename (name);
  g_autofree char *valid = g_utf8_make_valid (base, -1);

  g_strdelimit (valid, "/\\:*?\"<>|\r\n\t", '_');
  if (valid[0] == '.' || valid[0] == '\0')
    return g_strconcat ("attachment-", valid, NULL);
  return g_steal_pointer (&valid);
}

int
cab_admin_feedback_export (CabStore   *store,
                           const char *id_text,
                           const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabStoreFeedback) f = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *text_path = NULL;
  gint64 id;

  if (!parse_id (id_text, &id))
    return 1;
  if (!(f = cab_store_get_feedback (store, id, &file, &error)))
    return fail (error);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_printerr ("tek-cabinet-admin: cannot make “%s”: %s\n", dir, g_strerror (errno));
      return 2;
    }
  print_feedback (f, text);
  text_path = g_build_filename (dir, "message.txt", NULL);
  if (!g_file_set_contents_full (text_path, text->str, text->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    return fail (error);
  g_print ("%s\n", text_path);
  if (file != NULL)
    {
      g_autofree char *name = safe_file_name (f->file_name ? f->file_name : "attachment");
      g_autofree char *path = NULL;
      gsize size;
      gconstpointer data = g_bytes_get_data (file, &size);

      /* message.txt is ours. */
      if (g_str_equal (name, "message.txt"))
        {
          g_free (name);
          name = g_strdup ("attachment-message.txt");
        }
      path = g_build_filename (dir, name, NULL);
      if (!g_file_set_contents_full (path, data ? data : "", size,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        return fail (error);
      g_print ("%s\n", path);
    }
  return 0;
}

int
cab_admin_feedback_mark_answered (CabStore   *store,
                                  const char *id_text)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!parse_id (id_text, &id))
    return 1;
  if (!cab_store_set_feedback_status (store, id, CAB_FEEDBACK_ANSWERED, &error))
    return fail (error);
  g_print ("Message %" G_GINT64_FORMAT " is answered\n", id);
  return 0;
}

/* ---- users ---- */

int
cab_admin_users_list (CabStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = cab_store_list_users (store, &error);

  if (users == NULL)
    return fail (error);
  for (guint i = 0; i < users->len; i++)
    {
      CabStoreUser *u = g_ptr_array_index (users, i);

      g_print ("%s\t%s\t%s\t%s\t%s\n", u->login, u->dp_code, u->email,
               u->subscribed ? "subscribed" : "-", u->disabled ? "disabled" : "enabled");
    }
  return 0;
}

static CabStoreUser *
find_user (CabStore   *store,
           const char *login,
           int        *out_status)
{
  g_autoptr(GError) error = NULL;
  CabStoreUser *user = cab_store_get_user_by_login (store, login, &error);

  if (user == NULL)
    {
      if (g_error_matches (error, CAB_ERROR, CAB_ERROR_NOT_FOUND))
        {
          g_printerr ("tek-cabinet-admin: no user “%s”\n", login);
          *out_status = 1;
        }
      else
        *out_status = fail (error);
    }
  return user;
}

int
cab_admin_users_set_disabled (CabStore   *store,
                              const char *login,
                              gboolean    disabled)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabStoreUser) user = NULL;
  int status = 0;

  if (!(user = find_user (store, login, &status)))
    return status;
  if (!cab_store_set_user_disabled (store, user->id, disabled, &error))
    return fail (error);
  g_print ("%s is %s\n", login, disabled ? "disabled; its sessions have ended" : "enabled");
  return 0;
}

int
cab_admin_users_reset_password (CabStore   *store,
                                const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabStoreUser) user = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *body = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int status = 0;

  if (!(user = find_user (store, login, &status)))
    return status;
  if (user->disabled)
    {
      g_printerr ("tek-cabinet-admin: %s is disabled; enable it first\n", login);
      return 1;
    }
  if (!cab_password_init (&error))
    return fail (error);
  temporary = cab_password_generate_temporary ();
  if (!(hash = cab_password_hash_sync (temporary, &error)))
    return fail (error);
  /* The same words as the recovery form's mail (cab-routes-session.c). */
  body = g_strdup_printf ("Здравствуйте!\n\n"
                          "Для входа в личный кабинет с логином %s запрошен временный пароль:\n\n"
                          "    %s\n\n"
                          "Он действует 24 часа. После входа задайте новый пароль.\n"
                          "Прежний пароль действует, пока вы не вошли с временным.\n"
                          "Если вы не запрашивали пароль, просто удалите это письмо.\n",
                          user->login, temporary);
  if (!cab_store_begin (store, &error))
    return fail (error);
  if (!cab_store_set_temp_password (store, user->id, hash, now + TEMP_PASSWORD_LIFETIME, &error)
      || !cab_mail_queue_add (store, user->email, "Временный пароль для личного кабинета", body,
                              now, &error)
      || !cab_store_commit (store, &error))
    {
      cab_store_rollback (store);
      return fail (error);
    }
  g_print ("A temporary password was mailed to %s's address\n", login);
  return 0;
}

/* ---- supplier ---- */

int
cab_admin_supplier_set (CabStore  *store,
                        char     **pairs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabSupplier) supplier = NULL;
  guint n_errors = 0;

  if (pairs == NULL || pairs[0] == NULL)
    {
      g_printerr ("tek-cabinet-admin: supplier set wants KEY=VALUE arguments (see --help)\n");
      return 1;
    }
  if (!(supplier = cab_store_get_supplier (store, &error)))
    return fail (error);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *key = NULL;
      g_autoptr(GError) local = NULL;

      if (eq == NULL)
        {
          g_printerr ("%s: not KEY=VALUE\n", pairs[i]);
          n_errors++;
          continue;
        }
      key = g_strndup (pairs[i], eq - pairs[i]);
      if (!cab_supplier_set (supplier, key, eq + 1, &local))
        {
          g_printerr ("%s: %s\n", key, local->message);
          n_errors++;
        }
    }
  if (n_errors > 0)
    {
      g_printerr ("%u error%s: nothing changed\n", n_errors, n_errors == 1 ? "" : "s");
      return 1;
    }
  if (!cab_store_set_supplier (store, supplier, &error))
    return fail (error);
  return cab_admin_supplier_show (store);
}

int
cab_admin_supplier_show (CabStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabSupplier) supplier = cab_store_get_supplier (store, &error);
  const char * const *keys = cab_supplier_keys ();

  if (supplier == NULL)
    return fail (error);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = cab_supplier_get (supplier, keys[i]);

      g_print ("%s=%s\n", keys[i], value ? value : "");
    }
  return 0;
}

/* ---- backup and statistics ---- */

int
cab_admin_backup (CabSqliteStore *store,
                  const char     *path)
{
  g_autoptr(GError) error = NULL;

  if (!cab_sqlite_store_backup (store, path, &error))
    return fail (error);
  g_print ("Backed up to %s\n", path);
  return 0;
}

int
cab_admin_stats (CabStore *store)
{
  g_autoptr(GError) error = NULL;
  CabStoreStats stats;

  if (!cab_store_get_stats (store, &stats, &error))
    return fail (error);
  g_print ("partners: %" G_GINT64_FORMAT "\n", stats.partners);
  g_print ("accounts: %" G_GINT64_FORMAT "\n", stats.accounts);
  g_print ("users: %" G_GINT64_FORMAT "\n", stats.users);
  g_print ("entries: %" G_GINT64_FORMAT "\n", stats.entries);
  g_print ("documents: %" G_GINT64_FORMAT "\n", stats.documents);
  g_print ("unanswered feedback: %" G_GINT64_FORMAT "\n", stats.unanswered_feedback);
  if (stats.queued_mail >= 0)
    g_print ("queued mail: %" G_GINT64_FORMAT "\n", stats.queued_mail);
  else
    g_print ("queued mail: none (mail is written to --mail-dir)\n");
  return 0;
}
