/* cab-sqlite-store-users.c: the SQLite store's users and their sessions
 * (cab-pg-store.c holds the same for PostgreSQL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-sqlite-store-private.h"

#define prep cab_sqlite_store_prepare
#define set_sqlite_error cab_sqlite_store_set_error
#define step_done cab_sqlite_store_step_done
#define bind_text cab_sqlite_bind_text
#define column_text cab_sqlite_column_text
#define savepoint cab_sqlite_store_savepoint
#define release cab_sqlite_store_release
#define rollback_savepoint cab_sqlite_store_rollback_savepoint

/* ---- users ---- */

static gboolean
login_taken_by_other (CabSqliteStore  *self,
                      const char      *login,
                      gint64           user_id,
                      gboolean        *out_taken,
                      GError         **error)
{
  sqlite3_stmt *stmt = prep (self, "SELECT EXISTS (SELECT 1 FROM users WHERE login = ?"
                                   " AND id != ?)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, login);
  sqlite3_bind_int64 (stmt, 2, user_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return set_sqlite_error (self, error);
  *out_taken = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gint64
store_create_user (CabStore    *store,
                   gint64       partner_id,
                   const char  *login,
                   const char  *email,
                   const char  *phone,
                   const char  *password_hash,
                   GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  gboolean taken = FALSE;
  gint64 user_id;

  if (!savepoint (self, error))
    return 0;

  stmt = prep (self, "SELECT EXISTS (SELECT 1 FROM users WHERE partner_id = ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, partner_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sqlite_error (self, error);
      goto fail;
    }
  taken = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (taken)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_ALREADY_REGISTERED,
                           "The partner already has a user");
      goto fail;
    }
  if (!login_taken_by_other (self, login, 0, &taken, error))
    goto fail;
  if (taken)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_LOGIN_TAKEN, "The login is taken");
      goto fail;
    }

  stmt = prep (self, "INSERT INTO users (partner_id, login, email, phone, password_hash)"
                     " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, partner_id);
  bind_text (stmt, 2, login);
  bind_text (stmt, 3, email);
  bind_text (stmt, 4, phone);
  bind_text (stmt, 5, password_hash);
  if (!step_done (self, stmt, error))
    goto fail;
  user_id = sqlite3_last_insert_rowid (cab_sqlite_store_get_handle (self));

  stmt = prep (self, "INSERT INTO visible_accounts (user_id, account)"
                     " SELECT ?, account FROM accounts WHERE partner_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, partner_id);
  if (!step_done (self, stmt, error) || !release (self, error))
    goto fail;
  return user_id;

fail:
  rollback_savepoint (self);
  return 0;
}

CabStoreUser *
cab_sqlite_store_user_from_row (sqlite3_stmt *stmt)
{
  CabStoreUser *user = g_new0 (CabStoreUser, 1);

  user->id = sqlite3_column_int64 (stmt, 0);
  user->partner_id = sqlite3_column_int64 (stmt, 1);
  user->dp_code = column_text (stmt, 2);
  user->login = column_text (stmt, 3);
  user->email = column_text (stmt, 4);
  user->phone = column_text (stmt, 5);
  user->subscribed = sqlite3_column_int (stmt, 6) != 0;
  user->must_change_password = sqlite3_column_int (stmt, 7) != 0;
  user->password_hash = column_text (stmt, 8);
  user->password_expires = sqlite3_column_int64 (stmt, 9);
  user->temp_hash = column_text (stmt, 10);
  user->temp_expires = sqlite3_column_int64 (stmt, 11);
  user->disabled = sqlite3_column_int (stmt, 12) != 0;
  return user;
}

static CabStoreUser *
read_user (CabSqliteStore  *self,
           sqlite3_stmt    *stmt,
           GError         **error)
{
  CabStoreUser *user;
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        set_sqlite_error (self, error);
      else
        g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "No such user");
      return NULL;
    }
  user = cab_sqlite_store_user_from_row (stmt);
  sqlite3_reset (stmt);
  return user;
}

static CabStoreUser *
store_get_user (CabStore *store, gint64 user_id, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT " CAB_SQLITE_USER_COLUMNS " WHERE u.id = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  return read_user (self, stmt, error);
}

static CabStoreUser *
store_get_user_by_login (CabStore *store, const char *login, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT " CAB_SQLITE_USER_COLUMNS " WHERE u.login = ?", error);

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, login);
  return read_user (self, stmt, error);
}

static gboolean
store_update_profile (CabStore    *store,
                      gint64       user_id,
                      const char  *login,
                      const char  *email,
                      const char  *phone,
                      const char  *password_hash,
                      GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt;

  if (!savepoint (self, error))
    return FALSE;

  if (login != NULL)
    {
      gboolean taken = FALSE;

      if (!login_taken_by_other (self, login, user_id, &taken, error))
        goto fail;
      if (taken)
        {
          g_set_error_literal (error, CAB_ERROR, CAB_ERROR_LOGIN_TAKEN, "The login is taken");
          goto fail;
        }
      stmt = prep (self, "UPDATE users SET login = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      bind_text (stmt, 1, login);
      sqlite3_bind_int64 (stmt, 2, user_id);
      if (!step_done (self, stmt, error))
        goto fail;
    }

  stmt = prep (self, "UPDATE users SET email = ?, phone = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, email);
  bind_text (stmt, 2, phone);
  sqlite3_bind_int64 (stmt, 3, user_id);
  if (!step_done (self, stmt, error))
    goto fail;

  if (password_hash != NULL)
    {
      stmt = prep (self, "UPDATE users SET password_hash = ?, password_expires = 0,"
                         " must_change_password = 0, temp_hash = NULL, temp_expires = 0"
                         " WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      bind_text (stmt, 1, password_hash);
      sqlite3_bind_int64 (stmt, 2, user_id);
      if (!step_done (self, stmt, error))
        goto fail;
    }

  if (!release (self, error))
    goto fail;
  return TRUE;

fail:
  rollback_savepoint (self);
  return FALSE;
}

static gboolean
store_set_subscribed (CabStore *store, gint64 user_id, gboolean subscribed, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "UPDATE users SET subscribed = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, subscribed ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, user_id);
  return step_done (self, stmt, error);
}

static GStrv
store_get_visible_accounts (CabStore *store, gint64 user_id, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "SELECT account FROM visible_accounts WHERE user_id = ?"
                                   " ORDER BY account", error);
  g_autoptr(GStrvBuilder) builder = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  sqlite3_bind_int64 (stmt, 1, user_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

static gboolean
store_set_visible_accounts (CabStore            *store,
                            gint64               user_id,
                            const char * const  *accounts,
                            GError             **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt;

  if (!savepoint (self, error))
    return FALSE;
  stmt = prep (self, "DELETE FROM visible_accounts WHERE user_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (!step_done (self, stmt, error))
    goto fail;
  for (guint i = 0; accounts[i] != NULL; i++)
    {
      stmt = prep (self, "INSERT OR IGNORE INTO visible_accounts (user_id, account)"
                         " VALUES (?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, user_id);
      bind_text (stmt, 2, accounts[i]);
      if (!step_done (self, stmt, error))
        goto fail;
    }
  if (!release (self, error))
    goto fail;
  return TRUE;

fail:
  rollback_savepoint (self);
  return FALSE;
}

static gboolean
store_set_temp_password (CabStore    *store,
                         gint64       user_id,
                         const char  *hash,
                         gint64       expires,
                         GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "UPDATE users SET temp_hash = ?, temp_expires = ?"
                                   " WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, hash);
  sqlite3_bind_int64 (stmt, 2, expires);
  sqlite3_bind_int64 (stmt, 3, user_id);
  return step_done (self, stmt, error);
}

static gboolean
store_promote_temp_password (CabStore *store, gint64 user_id, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self,
    "UPDATE users SET password_hash = temp_hash, password_expires = temp_expires,"
    " must_change_password = 1, temp_hash = NULL, temp_expires = 0"
    " WHERE id = ? AND temp_hash IS NOT NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  return step_done (self, stmt, error);
}

/* ---- sessions ---- */

static gboolean
store_create_session (CabStore    *store,
                      const char  *token_hash,
                      gint64       user_id,
                      gint64       now,
                      GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "INSERT INTO sessions (token_hash, user_id, created, last_used)"
                                   " VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, token_hash);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, now);
  return step_done (self, stmt, error);
}

static gboolean
store_touch_session (CabStore    *store,
                     const char  *token_hash,
                     gint64       now,
                     gint64       not_used_since,
                     gint64       created_after,
                     CabStoreUser **out_user,
                     GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  /* The user comes with the session: one statement less on every request. */
  sqlite3_stmt *stmt = prep (self, "SELECT " CAB_SQLITE_USER_FIELDS ", s.last_used, s.created"
                                   " FROM sessions s JOIN users u ON u.id = s.user_id"
                                   " JOIN partners p ON p.id = u.partner_id"
                                   " WHERE s.token_hash = ?", error);
  g_autoptr(CabStoreUser) user = NULL;
  gint64 last_used, created;
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, token_hash);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        set_sqlite_error (self, error);
      return FALSE;
    }
  user = cab_sqlite_store_user_from_row (stmt);
  last_used = sqlite3_column_int64 (stmt, CAB_SQLITE_USER_N_FIELDS);
  created = sqlite3_column_int64 (stmt, CAB_SQLITE_USER_N_FIELDS + 1);
  sqlite3_reset (stmt);

  if (last_used <= not_used_since || created <= created_after)
    {
      stmt = prep (self, "DELETE FROM sessions WHERE token_hash = ?", error);
      if (stmt != NULL)
        {
          bind_text (stmt, 1, token_hash);
          step_done (self, stmt, error);
        }
      return FALSE;
    }

  /* The last use is refreshed at most every tenth of the lifetime (and every minute at most):
   * a busy client does not write on every read, and the lifetime is off by that much. */
  if (last_used < now - MIN (60, (now - not_used_since) / 10))
    {
      stmt = prep (self, "UPDATE sessions SET last_used = ? WHERE token_hash = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, now);
      bind_text (stmt, 2, token_hash);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  if (out_user)
    *out_user = g_steal_pointer (&user);
  return TRUE;
}

static gboolean
store_delete_session (CabStore *store, const char *token_hash, GError **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "DELETE FROM sessions WHERE token_hash = ?", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, token_hash);
  return step_done (self, stmt, error);
}

static gboolean
store_delete_other_sessions (CabStore    *store,
                             gint64       user_id,
                             const char  *keep_token_hash,
                             GError     **error)
{
  CabSqliteStore *self = CAB_SQLITE_STORE (store);
  sqlite3_stmt *stmt = prep (self, "DELETE FROM sessions WHERE user_id = ?"
                                   " AND token_hash IS NOT ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (keep_token_hash != NULL)
    bind_text (stmt, 2, keep_token_hash);
  else
    sqlite3_bind_null (stmt, 2);
  return step_done (self, stmt, error);
}

void
cab_sqlite_store_users_iface_init (CabStoreInterface *iface)
{
  iface->create_user = store_create_user;
  iface->get_user = store_get_user;
  iface->get_user_by_login = store_get_user_by_login;
  iface->update_profile = store_update_profile;
  iface->set_subscribed = store_set_subscribed;
  iface->get_visible_accounts = store_get_visible_accounts;
  iface->set_visible_accounts = store_set_visible_accounts;
  iface->set_temp_password = store_set_temp_password;
  iface->promote_temp_password = store_promote_temp_password;
  iface->create_session = store_create_session;
  iface->touch_session = store_touch_session;
  iface->delete_session = store_delete_session;
  iface->delete_other_sessions = store_delete_other_sessions;
}
