/* cab-pg-conn.c: one libpq connection of the PostgreSQL store; see cab-pg-conn.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-pg-conn.h"

struct _CabPgConn
{
  char       *conninfo;
  PGconn     *conn;
  GHashTable *prepared;     /* SQL text pointer -> itself, once prepared on this connection */
  guint       depth;        /* 0 outside a transaction; savepoints nest inside */
  char        last_state[6]; /* SQLSTATE of the last failed statement */
  GPtrArray  *ahead;        /* of ReadAhead, in the order they were asked for */
};

/* A read asked for by cab_pg_read_ahead(): its statement and a copy of its parameters, what
 * it answers, then its result once sent with another statement. */
typedef struct
{
  const char *sql;
  const char *answers;
  int         n_answers;    /* the first n parameters are those of @answers */
  int         n;
  char       *values[CAB_PG_MAX_PARAMS];
  int         lengths[CAB_PG_MAX_PARAMS];
  int         formats[CAB_PG_MAX_PARAMS];
  PGresult   *result;       /* NULL until sent */
} ReadAhead;

/* More would only be the sign of a caller that never reads what it asks for. */
#define MAX_READS_AHEAD 4

static void
read_ahead_free (ReadAhead *read)
{
  for (int i = 0; i < read->n; i++)
    g_free (read->values[i]);
  g_clear_pointer (&read->result, PQclear);
  g_free (read);
}

static gboolean
read_ahead_matches (const ReadAhead   *read,
                    const char        *sql,
                    const CabPgParams *p)
{
  if (read->answers != sql || read->n_answers != (p ? p->n : 0))
    return FALSE;
  for (int i = 0; i < read->n_answers; i++)
    {
      if ((read->values[i] == NULL) != (p->values[i] == NULL) || read->formats[i] != p->formats[i])
        return FALSE;
      if (read->values[i] == NULL)
        continue;
      if (read->formats[i] == 0 ? strcmp (read->values[i], p->values[i]) != 0
                                : read->lengths[i] != p->lengths[i]
                                  || memcmp (read->values[i], p->values[i], p->lengths[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

/* ---- parameters and results ---- */

void
cab_pg_param_text (CabPgParams *p, const char *text)
{
  g_assert (p->n < CAB_PG_MAX_PARAMS);
  p->values[p->n] = text;
  p->lengths[p->n] = 0;
  p->formats[p->n] = 0;
  p->n++;
}

void
cab_pg_param_int (CabPgParams *p, gint64 value)
{
  g_assert (p->n < CAB_PG_MAX_PARAMS);
  g_snprintf (p->numbers[p->n], sizeof p->numbers[p->n], "%" G_GINT64_FORMAT, value);
  cab_pg_param_text (p, p->numbers[p->n]);
}

/* @bytes NULL: SQL NULL. */
void
cab_pg_param_bytes (CabPgParams *p, GBytes *bytes)
{
  gsize size = 0;
  gconstpointer data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  g_assert (p->n < CAB_PG_MAX_PARAMS);
  g_assert (size <= G_MAXINT);
  p->values[p->n] = bytes == NULL ? NULL : data != NULL ? data : "";
  p->lengths[p->n] = (int) size;
  p->formats[p->n] = 1;
  p->n++;
}

char *
cab_pg_get_text (PGresult *res, int row, int column)
{
  return PQgetisnull (res, row, column) ? NULL : g_strdup (PQgetvalue (res, row, column));
}

gint64
cab_pg_get_int (PGresult *res, int row, int column)
{
  return g_ascii_strtoll (PQgetvalue (res, row, column), NULL, 10);
}

void
cab_pg_get_date (PGresult *res, int row, int column, GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, (guint32) cab_pg_get_int (res, row, column));
}

/* ---- connection ---- */

static gboolean
set_unavailable (CabPgConn *self, GError **error)
{
  g_autofree char *message = g_strdup (self->conn ? PQerrorMessage (self->conn) : "no connection");

  g_strchomp (message);
  g_set_error (error, CAB_ERROR, CAB_ERROR_UNAVAILABLE, "PostgreSQL unavailable: %s", message);
  return FALSE;
}

/* (Re)connects; each connection gets the timeouts that keep a request from hanging. */
static gboolean
cab_pg_connect (CabPgConn *self, GError **error)
{
  /* Ours first: the caller's string, expanded last, overrides any of them. */
  const char * const keywords[] = { "connect_timeout", "keepalives", "keepalives_idle",
                                    "keepalives_interval", "keepalives_count",
                                    "tcp_user_timeout", "application_name", "dbname", NULL };
  const char * const values[] = { "5", "1", "10", "5", "3", "15000", "tek-cabinet-server",
                                  self->conninfo, NULL };
  PGresult *res;

  g_clear_pointer (&self->conn, PQfinish);
  g_hash_table_remove_all (self->prepared);
  g_ptr_array_set_size (self->ahead, 0);
  self->depth = 0;
  self->conn = PQconnectdbParams (keywords, values, 1);
  if (PQstatus (self->conn) != CONNECTION_OK)
    return set_unavailable (self, error);
  /* A statement, or a lock it waits for, never outlasts a client's patience. */
  res = PQexec (self->conn, "SET statement_timeout = 15000; SET lock_timeout = 10000;"
                            " SET client_min_messages = warning; SET TIME ZONE 'UTC'");
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      PQclear (res);
      return set_unavailable (self, error);
    }
  PQclear (res);
  return TRUE;
}

static gboolean
connection_lost (CabPgConn *self)
{
  return self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK;
}

static gboolean
set_pg_error (CabPgConn *self, PGresult *res, GError **error)
{
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;

  g_strlcpy (self->last_state, state ? state : "", sizeof self->last_state);

  if (connection_lost (self) || (state != NULL && g_str_has_prefix (state, "08"))
      /* admin_shutdown, crash_shutdown, cannot_connect_now */
      || g_strcmp0 (state, "57P01") == 0 || g_strcmp0 (state, "57P02") == 0
      || g_strcmp0 (state, "57P03") == 0)
    return set_unavailable (self, error);
  g_set_error (error, CAB_ERROR, CAB_ERROR_INTERNAL, "PostgreSQL: %s",
               res ? PQresultErrorMessage (res) : PQerrorMessage (self->conn));
  return FALSE;
}

static void
statement_name (const char *sql, char name[32])
{
  g_snprintf (name, 32, "s%" G_GUINTPTR_FORMAT, (guintptr) sql);
}

/* NULL once @sql is prepared on this connection, or PQprepare's failed result. */
static PGresult *
prepare (CabPgConn *self, const char *sql, int n_params)
{
  char name[32];
  PGresult *res;

  if (g_hash_table_contains (self->prepared, sql))
    return NULL;
  statement_name (sql, name);
  res = PQprepare (self->conn, name, sql, n_params, NULL);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    return res;
  PQclear (res);
  g_hash_table_add (self->prepared, (gpointer) sql);
  return NULL;
}

/* The connection is in a state nothing should guess about: it goes, and the next statement
 * outside a transaction connects again. */
static void
drop_connection (CabPgConn *self)
{
  g_clear_pointer (&self->conn, PQfinish);
  g_ptr_array_set_size (self->ahead, 0);
}

/* Forgets the reads that were sent and answered (@answered), or those that were not. */
static void
forget_reads (CabPgConn *self,
              gboolean   answered)
{
  for (guint i = 0; i < self->ahead->len;)
    {
      if ((((ReadAhead *) g_ptr_array_index (self->ahead, i))->result != NULL) == answered)
        g_ptr_array_remove_index (self->ahead, i);
      else
        i++;
    }
}

/* In a pipeline: the NULL that ends a statement's results. */
static gboolean
end_of_result (CabPgConn *self)
{
  PGresult *extra = PQgetResult (self->conn);

  PQclear (extra);
  return extra == NULL;
}

static gboolean
read_sync (CabPgConn *self)
{
  g_autoptr(PGresult) sync = PQgetResult (self->conn);

  return PQresultStatus (sync) == PGRES_PIPELINE_SYNC;
}

/* Runs @sql with the reads asked for ahead in one pipeline, so in one round trip; keeps their
 * results (a read that failed is forgotten: asked again, it runs on its own and fails there).
 * Unless @sql writes nothing (@read_only), a sync after it ends its implicit transaction: a
 * read that fails cannot undo it. The reads share the next one, or @sql's: one transaction
 * instead of two saves PostgreSQL a commit per request. */
static PGresult *
run_with_reads_ahead (CabPgConn         *self,
                      const char        *sql,
                      const CabPgParams *p,
                      int                result_format,
                      gboolean           read_only)
{
  char name[32];
  PGresult *res;
  gboolean sent;

  for (guint i = 0; i < self->ahead->len;)
    {
      ReadAhead *read = g_ptr_array_index (self->ahead, i);
      PGresult *failed = prepare (self, read->sql, read->n);

      if (failed != NULL)
        {
          PQclear (failed);
          g_ptr_array_remove_index (self->ahead, i);
        }
      else
        i++;
    }
  if ((res = prepare (self, sql, p ? p->n : 0)) != NULL)
    return res;
  if (!PQenterPipelineMode (self->conn))
    {
      drop_connection (self);
      return NULL;
    }

  statement_name (sql, name);
  sent = PQsendQueryPrepared (self->conn, name, p ? p->n : 0, p ? p->values : NULL,
                              p ? p->lengths : NULL, p ? p->formats : NULL, result_format)
         && (read_only || PQpipelineSync (self->conn));
  for (guint i = 0; sent && i < self->ahead->len; i++)
    {
      ReadAhead *read = g_ptr_array_index (self->ahead, i);

      statement_name (read->sql, name);
      sent = PQsendQueryPrepared (self->conn, name, read->n, (const char * const *) read->values,
                                  read->lengths, read->formats, 0);
    }
  if (!sent || !PQpipelineSync (self->conn))
    {
      drop_connection (self);
      return NULL;
    }

  /* Each statement's result then NULL, in order, each sync's after its statements. */
  res = PQgetResult (self->conn);
  if (res == NULL || !end_of_result (self) || (!read_only && !read_sync (self)))
    goto broken;
  for (guint i = 0; i < self->ahead->len; i++)
    {
      ReadAhead *read = g_ptr_array_index (self->ahead, i);

      read->result = PQgetResult (self->conn);
      if (read->result == NULL || !end_of_result (self))
        goto broken;
      if (PQresultStatus (read->result) != PGRES_TUPLES_OK)
        g_clear_pointer (&read->result, PQclear);
    }
  if (!read_sync (self) || !PQexitPipelineMode (self->conn))
    goto broken;
  /* Those that failed are forgotten. */
  forget_reads (self, FALSE);
  return res;

broken:
  PQclear (res);
  drop_connection (self);
  return NULL;
}

static PGresult *
run_once (CabPgConn         *self,
          const char        *sql,
          const CabPgParams *p,
          int                result_format,
          gboolean           read_only)
{
  char name[32];
  PGresult *res;

  if (self->depth == 0 && self->ahead->len > 0)
    return run_with_reads_ahead (self, sql, p, result_format, read_only);
  if ((res = prepare (self, sql, p ? p->n : 0)) != NULL)
    return res;
  statement_name (sql, name);
  return PQexecPrepared (self->conn, name, p ? p->n : 0, p ? p->values : NULL,
                         p ? p->lengths : NULL, p ? p->formats : NULL, result_format);
}

/* A read asked for ahead and sent, if it is @sql with @p: its result; otherwise every read
 * sent ahead is forgotten (the caller went another way). */
static PGresult *
take_read_ahead (CabPgConn *self, const char *sql, const CabPgParams *p, int result_format)
{
  for (guint i = 0; i < self->ahead->len; i++)
    {
      ReadAhead *read = g_ptr_array_index (self->ahead, i);

      if (read->result != NULL && result_format == 0 && read_ahead_matches (read, sql, p))
        {
          PGresult *res = g_steal_pointer (&read->result);

          g_ptr_array_remove_index (self->ahead, i);
          return res;
        }
    }
  forget_reads (self, TRUE);
  return NULL;
}

void
cab_pg_read_ahead (CabPgConn         *self,
                   const char        *sql,
                   const CabPgParams *p,
                   const char        *answers,
                   int                n_answers)
{
  ReadAhead *read;

  g_return_if_fail (n_answers >= 0 && n_answers <= (p ? p->n : 0));

  if (self->depth > 0 || self->ahead->len >= MAX_READS_AHEAD)
    return;
  read = g_new0 (ReadAhead, 1);
  read->sql = sql;
  read->answers = answers;
  read->n_answers = n_answers;
  read->n = p ? p->n : 0;
  for (int i = 0; i < read->n; i++)
    {
      read->formats[i] = p->formats[i];
      read->lengths[i] = p->lengths[i];
      if (p->values[i] == NULL)
        continue;
      if (p->formats[i] == 0)
        read->values[i] = g_strdup (p->values[i]);
      else
        {
          /* Never NULL, even for an empty value (NULL would send SQL NULL). */
          read->values[i] = g_malloc (MAX (p->lengths[i], 1));
          memcpy (read->values[i], p->values[i], p->lengths[i]);
        }
    }
  g_ptr_array_add (self->ahead, read);
}

void
cab_pg_forget_reads_ahead (CabPgConn *self)
{
  g_ptr_array_set_size (self->ahead, 0);
}

/* Runs the prepared @sql; NULL (and @error) unless it succeeded. Outside a transaction, a
 * lost connection is replaced first, and a SELECT that it broke is run once more. */
static PGresult *
run (CabPgConn          *self,
     const char         *sql,
     const CabPgParams  *p,
     int                 result_format,
     gboolean            read_only,
     GError            **error)
{
  PGresult *res;
  ExecStatusType status;

  if ((res = take_read_ahead (self, sql, p, result_format)) != NULL)
    return res;
  if (connection_lost (self))
    {
      if (self->depth > 0)
        {
          set_unavailable (self, error);
          return NULL;
        }
      if (!cab_pg_connect (self, error))
        return NULL;
    }

  res = run_once (self, sql, p, result_format, read_only);
  status = PQresultStatus (res);
  if ((status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) && connection_lost (self)
      && self->depth == 0 && g_str_has_prefix (sql, "SELECT"))
    {
      PQclear (res);
      if (!cab_pg_connect (self, error))
        return NULL;
      res = run_once (self, sql, p, result_format, read_only);
      status = PQresultStatus (res);
    }
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_pg_error (self, res, error);
      PQclear (res);
      return NULL;
    }
  return res;
}

PGresult *
cab_pg_run_full (CabPgConn          *self,
                 const char         *sql,
                 const CabPgParams  *p,
                 int                 result_format,
                 GError            **error)
{
  return run (self, sql, p, result_format, FALSE, error);
}

PGresult *
cab_pg_run (CabPgConn *self, const char *sql, const CabPgParams *p, GError **error)
{
  return run (self, sql, p, 0, FALSE, error);
}

PGresult *
cab_pg_run_read (CabPgConn *self, const char *sql, const CabPgParams *p, GError **error)
{
  g_return_val_if_fail (g_str_has_prefix (sql, "SELECT "), NULL);

  return run (self, sql, p, 0, TRUE, error);
}

/* Runs a statement for its effect only. */
gboolean
cab_pg_run_done (CabPgConn *self, const char *sql, const CabPgParams *p, GError **error)
{
  PGresult *res = cab_pg_run (self, sql, p, error);

  PQclear (res);
  return res != NULL;
}

/* The first column of the first row as an integer, 0 (with no error) when there is none. */
gint64
cab_pg_run_int (CabPgConn *self, const char *sql, const CabPgParams *p, GError **error)
{
  g_autoptr(PGresult) res = cab_pg_run (self, sql, p, error);

  if (res == NULL || PQntuples (res) == 0)
    return 0;
  return cab_pg_get_int (res, 0, 0);
}

/* Plain SQL (transaction control), never prepared or retried. */
gboolean
cab_pg_exec (CabPgConn *self, const char *sql, GError **error)
{
  g_autoptr(PGresult) res = NULL;

  /* Reads asked for ahead belong to the statements outside a transaction. */
  g_ptr_array_set_size (self->ahead, 0);
  if (connection_lost (self))
    return set_unavailable (self, error);
  res = PQexec (self->conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    return set_pg_error (self, res, error);
  return TRUE;
}

/* COPY ... FROM STDIN: one round trip for all the rows of @data (the bulk loader's). */
gboolean
cab_pg_copy_in (CabPgConn   *self,
                const char  *copy_sql,
                const char  *data,
                gsize        length,
                GError     **error)
{
  g_autoptr(PGresult) res = NULL;
  gboolean sent;

  if (connection_lost (self))
    return set_unavailable (self, error);
  res = PQexec (self->conn, copy_sql);
  if (PQresultStatus (res) != PGRES_COPY_IN)
    return set_pg_error (self, res, error);
  g_clear_pointer (&res, PQclear);
  /* PQputCopyData takes an int length: the data goes in pieces of at most 1 MiB. */
  sent = TRUE;
  for (gsize done = 0; sent && done < length; done += MIN (length - done, 1 << 20))
    sent = PQputCopyData (self->conn, data + done, MIN (length - done, 1 << 20)) == 1;
  if (PQputCopyEnd (self->conn, sent ? NULL : "the data could not be sent") != 1)
    return set_pg_error (self, NULL, error);
  /* The COPY's result, then NULL. */
  res = PQgetResult (self->conn);
  for (PGresult *more; (more = PQgetResult (self->conn)) != NULL;)
    PQclear (more);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    return set_pg_error (self, res, error);
  return TRUE;
}

/* A unit of several statements: a transaction, or a savepoint inside the caller's. */
gboolean
cab_pg_savepoint (CabPgConn *self, GError **error)
{
  if (self->depth == 0 && connection_lost (self) && !cab_pg_connect (self, error))
    return FALSE;
  if (!cab_pg_exec (self, self->depth == 0 ? "BEGIN" : "SAVEPOINT cab", error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
cab_pg_release (CabPgConn *self, GError **error)
{
  if (!cab_pg_exec (self, self->depth == 1 ? "COMMIT" : "RELEASE cab", error))
    return FALSE;
  self->depth--;
  return TRUE;
}

void
cab_pg_rollback_savepoint (CabPgConn *self)
{
  cab_pg_exec (self, self->depth == 1 ? "ROLLBACK" : "ROLLBACK TO cab; RELEASE cab", NULL);
  self->depth--;
}

gboolean
cab_pg_migrate (CabPgConn          *self,
                const char * const *migrations,
                guint               n_migrations,
                GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 version;

  /* One migrator at a time, even with several instances starting together: one that
   * finds another migrating waits up to the lock timeout, then fails to start (a long
   * migration is best run first, by tek-cabinet-admin migrate). A migration may rewrite a
   * large table for minutes: no statement timeout; the lock timeout stays, so that one
   * waiting behind a long import fails instead of stalling every request. */
  if (!cab_pg_exec (self, "BEGIN; SET LOCAL statement_timeout = 0;"
                          " SELECT pg_advisory_xact_lock (7261130);"
                          "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL);"
                          "INSERT INTO schema_version SELECT 0"
                          " WHERE NOT EXISTS (SELECT 1 FROM schema_version)", error))
    {
      cab_pg_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  self->depth = 1;
  version = cab_pg_run_int (self, "SELECT version FROM schema_version", NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  if (version > (gint64) n_migrations)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INTERNAL,
                   "Database schema version %" G_GINT64_FORMAT " is newer than this server",
                   version);
      goto fail;
    }
  for (gint64 v = version; v < (gint64) n_migrations; v++)
    {
      g_autofree char *bump = g_strdup_printf ("UPDATE schema_version SET version = %"
                                               G_GINT64_FORMAT, v + 1);

      if (!cab_pg_exec (self, migrations[v], error) || !cab_pg_exec (self, bump, error))
        goto fail;
    }
  self->depth = 0;
  return cab_pg_exec (self, "COMMIT", error);

fail:
  self->depth = 0;
  cab_pg_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

CabPgConn *
cab_pg_conn_new (const char  *conninfo,
                 GError     **error)
{
  CabPgConn *self = g_new0 (CabPgConn, 1);

  self->conninfo = g_strdup (conninfo);
  self->prepared = g_hash_table_new (NULL, NULL);
  self->ahead = g_ptr_array_new_with_free_func ((GDestroyNotify) read_ahead_free);
  if (!cab_pg_connect (self, error))
    {
      cab_pg_conn_free (self);
      return NULL;
    }
  return self;
}

void
cab_pg_conn_free (CabPgConn *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->conn, PQfinish);
  g_clear_pointer (&self->prepared, g_hash_table_unref);
  g_clear_pointer (&self->ahead, g_ptr_array_unref);
  g_free (self->conninfo);
  g_free (self);
}

gboolean
cab_pg_begin (CabPgConn *self, GError **error)
{
  return cab_pg_savepoint (self, error);
}

gboolean
cab_pg_commit (CabPgConn *self, GError **error)
{
  gboolean ok = cab_pg_exec (self, "COMMIT", error);

  self->depth = 0;
  return ok;
}

void
cab_pg_rollback (CabPgConn *self)
{
  cab_pg_exec (self, "ROLLBACK", NULL);
  self->depth = 0;
}

gboolean
cab_pg_last_was_unique_violation (CabPgConn *self)
{
  return strcmp (self->last_state, "23505") == 0;
}
