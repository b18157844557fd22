/* cab-sqlite-store-private.h: what the SQLite store's files share: cab-sqlite-store.c (the
 * database, its schema, transactions, partners and accounts), -users.c, -documents.c,
 * -mail.c and -admin.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "cab-sqlite-store.h"

G_BEGIN_DECLS

#define CAB_SQLITE_USER_FIELDS \
  "u.id, u.partner_id, p.dp_code, u.login, u.email, u.phone, u.subscribed," \
  " u.must_change_password, u.password_hash, u.password_expires, u.temp_hash, u.temp_expires," \
  " u.disabled"
#define CAB_SQLITE_USER_N_FIELDS 13
#define CAB_SQLITE_USER_COLUMNS \
  CAB_SQLITE_USER_FIELDS " FROM users u JOIN partners p ON p.id = u.partner_id"

sqlite3      *cab_sqlite_store_get_handle       (CabSqliteStore     *self);
/* The cached statement for @sql (a string literal: cached by its address), reset. */
sqlite3_stmt *cab_sqlite_store_prepare          (CabSqliteStore     *self,
                                                 const char         *sql,
                                                 GError            **error);
/* Each fills in the methods of its file. */
void          cab_sqlite_store_users_iface_init (CabStoreInterface  *iface);
void          cab_sqlite_store_documents_iface_init (CabStoreInterface *iface);
void          cab_sqlite_store_mail_iface_init  (CabStoreInterface  *iface);
void          cab_sqlite_store_admin_iface_init (CabStoreInterface  *iface);
void          cab_sqlite_store_limits_iface_init (CabStoreInterface *iface);
void          cab_sqlite_store_ledger_iface_init (CabStoreInterface *iface);

/* The statement helpers of cab-sqlite-store.c, for the other files. */
/* What a ledger of @account starts from: its opening date and balance, its terms and its
 * partner. An unknown account: CAB_ERROR_NOT_FOUND; a failing database: its error. */
gboolean      cab_sqlite_store_read_ledger_start (CabSqliteStore    *self,
                                                  const char        *account,
                                                  GDate             *out_opening,
                                                  CabMoney          *out_balance,
                                                  CabTerms          *out_terms,
                                                  gint64            *out_partner_id,
                                                  GError           **error);
gboolean      cab_sqlite_store_read_entries     (CabSqliteStore     *self,
                                                 sqlite3_stmt       *stmt,
                                                 CabLedger          *ledger,
                                                 GError            **error);
gboolean      cab_sqlite_store_set_error        (CabSqliteStore     *self,
                                                 GError            **error);
gboolean      cab_sqlite_store_exec             (CabSqliteStore     *self,
                                                 const char         *sql,
                                                 GError            **error);
/* Steps @stmt once, resets it, and fails unless it was done. */
gboolean      cab_sqlite_store_step_done        (CabSqliteStore     *self,
                                                 sqlite3_stmt       *stmt,
                                                 GError            **error);
/* NULL binds SQL NULL. */
void          cab_sqlite_bind_text              (sqlite3_stmt       *stmt,
                                                 int                 column,
                                                 const char         *text);
/* A copy of the column's text, NULL for SQL NULL. */
char         *cab_sqlite_column_text            (sqlite3_stmt       *stmt,
                                                 int                 column);
/* The user of the row @stmt is on: its first CAB_SQLITE_USER_N_FIELDS columns, selected as
 * CAB_SQLITE_USER_FIELDS (from "users u" joined to "partners p"). */
CabStoreUser *cab_sqlite_store_user_from_row    (sqlite3_stmt       *stmt);
/* A Julian day number column as a date. */
void          cab_sqlite_column_date            (sqlite3_stmt       *stmt,
                                                 int                 column,
                                                 GDate              *date);
/* The five day columns of a contract's terms from @first on (bill1_issue_day, bill1_due_day,
 * bill2_issue_day, bill2_due_day, invoice_due_day). */
void          cab_sqlite_column_terms           (sqlite3_stmt       *stmt,
                                                 int                 first,
                                                 CabTerms           *terms);
/* SAVEPOINT cab, RELEASE cab, and ROLLBACK TO cab then RELEASE cab: a method's own
 * transaction, nested in the caller's if there is one. */
gboolean      cab_sqlite_store_savepoint        (CabSqliteStore     *self,
                                                 GError            **error);
gboolean      cab_sqlite_store_release          (CabSqliteStore     *self,
                                                 GError            **error);
void          cab_sqlite_store_rollback_savepoint (CabSqliteStore   *self);

G_END_DECLS
