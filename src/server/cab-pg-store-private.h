/* cab-pg-store-private.h: what the PostgreSQL store's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-pg-conn.h"
#include "cab-pg-store.h"

G_BEGIN_DECLS

#define CAB_PG_USER_FIELDS \
  "u.id, u.partner_id, p.dp_code, u.login, u.email, u.phone, u.subscribed," \
  " u.must_change_password, u.password_hash, u.password_expires, u.temp_hash, u.temp_expires," \
  " u.disabled"
#define CAB_PG_USER_N_FIELDS 13
#define CAB_PG_USER_COLUMNS \
  CAB_PG_USER_FIELDS " FROM users u JOIN partners p ON p.id = u.partner_id"
/* The partner of the session whose token's hash is $4 (NULL for none): what a read made
 * before the token is checked is narrowed to (cab_store_expect_ledger_since()). */
#define CAB_PG_SESSION_PARTNER \
  "(SELECT u.partner_id FROM sessions s JOIN users u ON u.id = s.user_id" \
  " WHERE s.token_hash = $4)"

CabPgConn *cab_pg_store_get_conn             (CabPgStore        *self);
#define CONN(store) cab_pg_store_get_conn (CAB_PG_STORE (store))

/* Fills in the ledger, document and feedback methods. */
void       cab_pg_store_documents_iface_init (CabStoreInterface *iface);
/* Fills in the mail queue and the supplier's desk (tek-cabinet-admin) methods. */
void       cab_pg_store_admin_iface_init     (CabStoreInterface *iface);
/* Fills in the import's upserts. */
void       cab_pg_store_import_iface_init    (CabStoreInterface *iface);
/* Fills in the rate limiter's counts. */
void       cab_pg_store_limits_iface_init    (CabStoreInterface *iface);
void       cab_pg_store_ledger_iface_init    (CabStoreInterface *iface);
/* The five day columns of a contract's terms from @first on (bill1_issue_day, bill1_due_day,
 * bill2_issue_day, bill2_due_day, invoice_due_day) in @row of @res. */
void       cab_pg_store_get_terms            (PGresult          *res,
                                              int                row,
                                              int                first,
                                              CabTerms          *terms);
/* The entry columns (id, kind, date, amount, volume_wh, period) from @first on; rows with a
 * NULL id are skipped. */
void       cab_pg_store_read_entries         (PGresult          *res,
                                              int                first,
                                              CabLedger         *ledger);
/* The user of @row of @res: its first CAB_PG_USER_N_FIELDS columns, selected as
 * CAB_PG_USER_FIELDS (from "users u" joined to "partners p"). */
CabStoreUser *cab_pg_store_user_from_row     (PGresult          *res,
                                              int                row);

G_END_DECLS
