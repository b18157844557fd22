/* cab-pg-conn.h: one libpq connection of the PostgreSQL store.
 *
 * Statements are prepared once per connection (named after their SQL text's address, so the
 * SQL must be a string literal) and run with text parameters (bytea binary). A connection
 * that was lost is replaced before the next statement outside a transaction, and a SELECT
 * that it broke is run once more (safe: it changes nothing). When the database cannot be
 * reached the error is CAB_ERROR_UNAVAILABLE. connect_timeout, statement_timeout,
 * lock_timeout and TCP keepalives bound how long any call waits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

#include "cab-core.h"

G_BEGIN_DECLS

#define CAB_PG_MAX_PARAMS 16

typedef struct _CabPgConn CabPgConn;

/* The parameters of one statement, in order ($1, $2, ...): on the stack, { 0 } to start. */
typedef struct
{
  int         n;
  const char *values[CAB_PG_MAX_PARAMS];
  int         lengths[CAB_PG_MAX_PARAMS];
  int         formats[CAB_PG_MAX_PARAMS];
  char        numbers[CAB_PG_MAX_PARAMS][24];
} CabPgParams;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* CAB_ERROR_UNAVAILABLE if it cannot connect. */
CabPgConn *cab_pg_conn_new        (const char          *conninfo,
                                   GError             **error);
void       cab_pg_conn_free       (CabPgConn           *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabPgConn, cab_pg_conn_free)

/* Applies migrations[version..n_migrations) in one transaction (serialised across instances
 * by an advisory lock); refuses a schema newer than @n_migrations. */
gboolean   cab_pg_migrate         (CabPgConn           *self,
                                   const char * const  *migrations,
                                   guint                n_migrations,
                                   GError             **error);

void       cab_pg_param_text      (CabPgParams *p, const char *text);   /* NULL: SQL NULL */
void       cab_pg_param_int       (CabPgParams *p, gint64 value);
void       cab_pg_param_bytes     (CabPgParams *p, GBytes *bytes);      /* NULL: SQL NULL */

char      *cab_pg_get_text        (PGresult *res, int row, int column); /* NULL for NULL */
gint64     cab_pg_get_int         (PGresult *res, int row, int column);
void       cab_pg_get_date        (PGresult *res, int row, int column, GDate *date);

/* The result (free with PQclear), or NULL and @error. @result_format 1: binary columns. */
PGresult  *cab_pg_run_full        (CabPgConn *self, const char *sql, const CabPgParams *p,
                                   int result_format, GError **error);
PGresult  *cab_pg_run             (CabPgConn *self, const char *sql, const CabPgParams *p,
                                   GError **error);
/* The same for a SELECT that writes nothing: the reads asked for ahead share its
 * transaction, as it has nothing they could undo (if it fails, they go with it and run
 * again when asked for). */
PGresult  *cab_pg_run_read        (CabPgConn *self, const char *sql, const CabPgParams *p,
                                   GError **error);
/* Asks for a read (a SELECT, outside a transaction) that the caller expects to need next:
 * @sql with @p is sent after the next statement, in the same round trip but a transaction
 * of its own (or that of a cab_pg_run_read()), and its result kept for when cab_pg_run()
 * asks for @answers with the first @n_answers of @p (@sql may be @answers narrowed by a
 * further parameter, as a check that the caller is still to make). A statement that is not
 * a read asked for forgets those that were sent; so do a transaction, a lost connection and
 * cab_pg_forget_reads_ahead(). */
void       cab_pg_read_ahead      (CabPgConn *self, const char *sql, const CabPgParams *p,
                                   const char *answers, int n_answers);
void       cab_pg_forget_reads_ahead (CabPgConn *self);
/* For its effect only. */
gboolean   cab_pg_run_done        (CabPgConn *self, const char *sql, const CabPgParams *p,
                                   GError **error);
/* The first column of the first row; 0 with no error when there is no row. */
gint64     cab_pg_run_int         (CabPgConn *self, const char *sql, const CabPgParams *p,
                                   GError **error);
/* Plain SQL, not prepared (transaction control, schema). */
gboolean   cab_pg_exec            (CabPgConn *self, const char *sql, GError **error);
/* Runs @copy_sql (COPY table (columns) FROM STDIN) with @data, rows in COPY's text format:
 * many rows in one round trip (the benchmark's generator). */
gboolean   cab_pg_copy_in         (CabPgConn *self, const char *copy_sql, const char *data,
                                   gsize length, GError **error);
/* Whether the last failure was a unique constraint (another instance won a race). */
gboolean   cab_pg_last_was_unique_violation (CabPgConn *self);

/* Transactions (the store's begin/commit/rollback) and, inside one, savepoints: a method of
 * several statements wraps them in savepoint ... release, or rollback_savepoint on failure. */
gboolean   cab_pg_begin           (CabPgConn *self, GError **error);
gboolean   cab_pg_commit          (CabPgConn *self, GError **error);
void       cab_pg_rollback        (CabPgConn *self);
gboolean   cab_pg_savepoint       (CabPgConn *self, GError **error);
gboolean   cab_pg_release         (CabPgConn *self, GError **error);
void       cab_pg_rollback_savepoint (CabPgConn *self);

G_END_DECLS
