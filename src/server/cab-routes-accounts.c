/* cab-routes-accounts.c: an account's state (manual 4.2): balance, statement, bills, ledger.
 *
 * The figures come from the core library's rules on a CabLedger read from the store; the
 * server only attaches numbers, titles and documents to the rows by entry id. The answers
 * are computed on worker threads, each with its own store, so that many clients are served
 * on both cores; the bearer token is checked there first (CAB_ROUTE_AUTH_ON_WORKER), and the
 * main thread only parses and answers. A listing whose PDFs are not rendered yet comes back
 * to the main thread, which renders them (off the main thread too) and answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-debt.h"
#include "cab-routes.h"

#define MAX_PERIOD_DAYS (20 * 366)

typedef enum
{
  QUERY_BALANCE,
  QUERY_STATEMENT,
  QUERY_BILLS,
  QUERY_LEDGER,
} QueryKind;

typedef struct
{
  CabRequest *req;
  QueryKind   kind;
  char       *account;
  gint64      partner_id;   /* the signed-in user's */
  gboolean    params_ok;    /* else the account is checked, then the parameters' error told */
  gboolean    auth_failed;  /* the error is cab_server_authenticate()'s */
  GDate       on;
  GDate       from;
  GDate       to;
} Query;

static void
query_free (Query *query)
{
  cab_request_unref (query->req);
  g_free (query->account);
  g_free (query);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Query, query_free)

/* Marks a listing whose documents must be rendered first (not an API error). */
#define NEEDS_RENDERING CAB_ERROR_FAILED
/* Marks a query of the signed-in partner's account with a bad parameter: the main thread
 * answers which (query_date(), query_period()). */
#define BAD_PARAMETERS CAB_ERROR_INVALID_FIELD

/* Replies the error unless @quiet. */
static gboolean
query_date (CabRequest *req,
            const char *name,
            gboolean    required,
            gboolean    quiet,
            GDate      *out_date)
{
  const char *text = cab_request_get_query (req, name);
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    {
      if (!required)
        return TRUE;
      if (!quiet)
        cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, name,
                                 "A date parameter is missing");
      return FALSE;
    }
  if (!cab_date_parse_iso (text, out_date, &error))
    {
      if (!quiet)
        cab_request_reply_gerror (req, error, name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_period (CabRequest *req,
              gboolean    quiet,
              GDate      *from,
              GDate      *to)
{
  if (!query_date (req, "from", TRUE, quiet, from) || !query_date (req, "to", TRUE, quiet, to))
    return FALSE;
  if (g_date_compare (from, to) >= 0)
    {
      if (!quiet)
        cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, "to",
                                 "“to” must be after “from”");
      return FALSE;
    }
  if (g_date_days_between (from, to) > MAX_PERIOD_DAYS)
    {
      if (!quiet)
        cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, "to",
                                 "The period is longer than 20 years");
      return FALSE;
    }
  return TRUE;
}

/* ---- answers, on any thread, from @store ---- */

/* Adds the documents of @info that the answer shows (the statement: everything but advance
 * bills; the bills: advance bills only) to @refs; NEEDS_RENDERING when one has no PDF yet. */
static gboolean
attach (GPtrArray          *refs,
        CabStoreEntryInfo  *info,
        gboolean            advance,
        GError            **error)
{
  for (guint i = 0; info != NULL && i < info->documents->len; i++)
    {
      CabStoreDocument *doc = g_ptr_array_index (info->documents, i);
      char id[24];

      if ((doc->kind == CAB_DOCUMENT_ADVANCE_BILL) != advance)
        continue;
      if (doc->sha256 == NULL)
        {
          g_set_error_literal (error, CAB_ERROR, NEEDS_RENDERING, "Documents to render");
          return FALSE;
        }
      g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, doc->id);
      g_ptr_array_add (refs, cab_document_ref_new (id, doc->kind, doc->title, doc->size,
                                                   doc->sha256));
    }
  return TRUE;
}

/* The "statement" resource as JSON text, written without the tree
 * (cab_statement_append_json()): for a long period the tree was a fifth of the request. */
static char *
answer_statement (CabStore   *store,
                  Query      *query,
                  CabLedger  *ledger,
                  GError    **error)
{
  g_autoptr(GHashTable) infos = NULL;
  g_autoptr(CabStatement) statement = NULL;
  GString *text;

  if (!(infos = cab_store_list_entry_infos (store, query->account, &query->from, &query->to,
                                            error))
      || !(statement = cab_statement_compute (ledger, &query->from, &query->to, error)))
    return NULL;
  cab_statement_set_account (statement, query->account);
  for (guint i = 0; i < cab_statement_get_n_rows (statement); i++)
    {
      CabStatementRow *row = cab_statement_get_row (statement, i);
      CabStoreEntryInfo *info = g_hash_table_lookup (infos, &row->entry_id);

      if (info != NULL)
        {
          g_free (row->number);
          row->number = g_strdup (info->number);
          g_free (row->title);
          row->title = g_strdup (info->title);
        }
      if (!attach (row->documents, info, FALSE, error))
        return NULL;
    }
  text = g_string_sized_new (256 + 256 * cab_statement_get_n_rows (statement));
  cab_statement_append_json (statement, text);
  return g_string_free (text, FALSE);
}

static JsonNode *
answer_bills (CabStore   *store,
              Query      *query,
              CabLedger  *ledger,
              GError    **error)
{
  g_autoptr(GHashTable) infos = NULL;
  g_autoptr(CabBillList) bills = NULL;

  if (!(infos = cab_store_list_entry_infos (store, query->account, &query->from, &query->to,
                                            error))
      || !(bills = cab_bill_list_compute (ledger, query->account, &query->from, &query->to,
                                          error)))
    return NULL;
  for (guint i = 0; i < bills->bills->len; i++)
    {
      CabBill *bill = g_ptr_array_index (bills->bills, i);
      CabStoreEntryInfo *info = g_hash_table_lookup (infos, &bill->entry_id);

      if (info != NULL)
        {
          g_free (bill->number);
          bill->number = g_strdup (info->number);
        }
      if (!attach (bill->documents, info, TRUE, error))
        return NULL;
    }
  return cab_bill_list_to_json (bills);
}

/* The "balance" resource as cab_balance_to_json() and cab_json_to_string() write it, without
 * the tree: the account is digits (checked), the date and the sums need no escaping. */
static char *
balance_to_text (const CabBalance *balance)
{
  g_autofree char *on = cab_date_to_iso (&balance->on);
  g_autofree char *debt = cab_money_to_wire (balance->debt);
  g_autofree char *payment = cab_money_to_wire (balance->recommended_payment);

  return g_strdup_printf ("{\"account\":\"%s\",\"on\":\"%s\",\"debt\":\"%s\","
                          "\"recommended_payment\":\"%s\"}",
                          balance->account, on, debt, payment);
}

/* The ledger @query reads: to before @until (cleared for all of it; nothing dated on or
 * after the end counts, every document counting from its date or later); for the balance
 * and the statement (TRUE) only from @since, the older entries summed as @fold says. */
static gboolean
ledger_range (Query         *query,
              GDate         *since,
              GDate         *until,
              CabLedgerFold *fold)
{
  switch (query->kind)
    {
    case QUERY_BALANCE:
      *until = query->on;
      g_date_add_days (until, 1);
      /* The older entries come summed (cab_debt_settled_before() says why that is exact). */
      cab_debt_settled_before (&query->on, since);
      *fold = CAB_LEDGER_FOLD_DEBT;
      return TRUE;
    case QUERY_STATEMENT:
      *until = query->to;
      /* The statement sums what is before its period into its opening balance anyway. */
      *since = query->from;
      *fold = CAB_LEDGER_FOLD_STATEMENT;
      return TRUE;
    case QUERY_BILLS:
      *until = query->to;
      return FALSE;
    case QUERY_LEDGER:
    default:
      g_date_clear (until, 1);
      return FALSE;
    }
}

/* Tells the store what answer() will read once the token is checked, so that a store with
 * round trips reads it along with the token (cab_store_expect_ledger_since()). */
static void
expect_reads (CabStore *store,
              Query    *query)
{
  GDate since, until;
  CabLedgerFold fold;

  if (query->req->token_hash == NULL || !query->params_ok
      || !cab_validate_account (query->account, NULL)
      || !ledger_range (query, &since, &until, &fold))
    return;
  cab_store_expect_ledger_since (store, query->req->token_hash, query->account, &since,
                                 &until, fold);
  if (query->kind == QUERY_STATEMENT)
    cab_store_expect_entry_infos (store, query->req->token_hash, query->account, &query->from,
                                  &query->to);
}

/* The answer to @query as JSON text, or an error: CAB_ERROR_NOT_FOUND for an unknown account
 * and, the same, for another partner's. */
static char *
answer (CabStore  *store,
        Query     *query,
        GError   **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(CabBalance) balance = NULL;
  GDate until;
  GDate since;
  CabLedgerFold fold;
  gint64 partner_id = 0;
  GError *local_error = NULL;

  if (!cab_validate_account (query->account, NULL))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "Not found");
      return NULL;
    }

  /* The balance and the statement read the account's partner with the ledger (one query
   * less); nothing else of the account is read before it is checked. A bad parameter is
   * told only after that check, so another partner's account is still answered as an
   * unknown one whatever the parameters. */
  if (!query->params_ok)
    {
      gboolean found = cab_store_lookup_account (store, query->account, &partner_id,
                                                 &local_error);

      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else if (found && partner_id == query->partner_id)
        g_set_error_literal (error, CAB_ERROR, BAD_PARAMETERS, "Bad parameters");
      else
        g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "Not found");
      return NULL;
    }
  if (ledger_range (query, &since, &until, &fold))
    ledger = cab_store_load_ledger_since (store, query->account, &since, &until, fold,
                                          &partner_id, &local_error);
  else if (cab_store_lookup_account (store, query->account, &partner_id, &local_error)
           && partner_id == query->partner_id)
    ledger = cab_store_load_ledger (store, query->account,
                                    g_date_valid (&until) ? &until : NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (ledger == NULL || partner_id != query->partner_id)
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_NOT_FOUND, "Not found");
      return NULL;
    }

  switch (query->kind)
    {
    case QUERY_BALANCE:
      balance = cab_balance_compute (ledger, query->account, &query->on);
      return balance_to_text (balance);
    case QUERY_STATEMENT:
      return answer_statement (store, query, ledger, error);
    case QUERY_BILLS:
      node = answer_bills (store, query, ledger, error);
      break;
    case QUERY_LEDGER:
    default:
      node = cab_ledger_to_json (ledger, query->account);
      break;
    }
  return node != NULL ? cab_json_to_string (node) : NULL;
}

/* ---- the main thread ---- */

static void reply (Query *query, char *text, const GError *error);

static void
documents_rendered (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Query) query = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (cab_document_renderer_ensure_finish (CAB_DOCUMENT_RENDERER (source), result, &error))
    text = answer (cab_server_get_store (query->req->server), query, &error);
  if (error != NULL && error->domain == CAB_ERROR && error->code == NEEDS_RENDERING)
    {
      cab_request_reply_error (query->req, CAB_ERROR_INTERNAL, NULL,
                               "A document cannot be rendered");
      return;
    }
  reply (query, g_steal_pointer (&text), error);
}

/* Renders the documents of the query's period that have no PDF yet, then answers. */
static void
render_then_answer (Query *query)
{
  CabServer *server = query->req->server;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  docs = cab_store_list_documents (cab_server_get_store (server), query->account, &query->from,
                                   &query->to, &error);
  if (docs == NULL)
    {
      cab_request_reply_gerror (query->req, error, NULL);
      query_free (query);
      return;
    }
  cab_request_pause (query->req);
  cab_document_renderer_ensure_async (cab_server_get_renderer (server), docs, NULL,
                                      documents_rendered, query);
}

/* Answers the bad parameter (the check of the account is done). */
static void
reply_bad_parameters (Query *query)
{
  GDate unused, unused_to;

  if (query->kind == QUERY_BALANCE)
    query_date (query->req, "on", FALSE, FALSE, &unused);
  else
    query_period (query->req, FALSE, &unused, &unused_to);
}

/* Takes @text. */
static void
reply (Query          *query,
       char           *text,
       const GError   *error)
{
  if (text != NULL)
    cab_request_reply_json_text (query->req, SOUP_STATUS_OK, text);
  else if (error == NULL)  /* a failure that did not say why: still an answer, never a crash */
    cab_request_reply_error (query->req, CAB_ERROR_INTERNAL, NULL, "Internal error");
  else if (query->auth_failed)
    cab_server_reply_auth_error (query->req, error);
  else if (!query->params_ok && error->domain == CAB_ERROR && error->code == BAD_PARAMETERS)
    reply_bad_parameters (query);
  else if (error->domain == CAB_ERROR && error->code == CAB_ERROR_NOT_FOUND)
    cab_request_reply_not_found (query->req);
  else
    cab_request_reply_gerror (query->req, error, error->code == CAB_ERROR_INVALID_PERIOD
                                                 ? "to" : NULL);
}

/* The answer is serialised here too: the whole JSON tree is made and freed on the worker
 * thread, and only a string travels to the main thread. */
static void
answer_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Query *query = task_data;
  CabServer *server = query->req->server;
  GError *error = NULL;
  CabStore *reader = cab_server_acquire_reader (server, &error);
  char *text = NULL;

  if (reader != NULL)
    {
      /* The token first (CAB_ROUTE_AUTH_ON_WORKER), with the same connection, and what
       * the answer reads sent with it. */
      expect_reads (reader, query);
      if (!cab_server_authenticate (server, query->req, reader, &error))
        query->auth_failed = TRUE;
      else
        {
          query->partner_id = query->req->user->partner_id;
          text = answer (reader, query, &error);
        }
      cab_server_release_reader (server, reader);
    }
  if (text == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, text, g_free);
}

static void
answer_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Query *query = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  char *text = g_task_propagate_pointer (G_TASK (result), &error);

  if (!query->auth_failed && error != NULL && error->domain == CAB_ERROR
      && error->code == NEEDS_RENDERING)
    {
      Query *copy = g_new0 (Query, 1);

      *copy = *query;
      copy->req = cab_request_ref (query->req);
      copy->account = g_strdup (query->account);
      render_then_answer (copy);
      return;
    }
  if (text != NULL)
    cab_request_reply_json_text (query->req, SOUP_STATUS_OK, text);
  else
    reply (query, NULL, error);
}

static void
run_query (CabRequest *req,
           Query      *query)
{
  query->req = cab_request_ref (req);
  query->account = g_strdup (req->params[0]);

  /* With worker threads, the token is checked there (req->user is NULL here until then). */
  if (cab_server_has_readers (req->server))
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, answer_done, NULL);

      g_task_set_source_tag (task, run_query);
      g_task_set_task_data (task, query, (GDestroyNotify) query_free);
      cab_request_pause (req);
      cab_server_run_in_worker (req->server, task, answer_thread);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      char *text;

      query->partner_id = req->user->partner_id;
      text = answer (cab_server_get_store (req->server), query, &error);

      if (error != NULL && error->domain == CAB_ERROR && error->code == NEEDS_RENDERING)
        {
          render_then_answer (query);
          return;
        }
      reply (query, text, error);
      query_free (query);
    }
}

void
cab_route_get_balance (CabRequest *req)
{
  g_autofree Query *query = g_new0 (Query, 1);

  query->kind = QUERY_BALANCE;
  cab_server_today (req->server, &query->on);
  query->params_ok = query_date (req, "on", FALSE, TRUE, &query->on);
  run_query (req, g_steal_pointer (&query));
}

static void
get_period (CabRequest *req,
            QueryKind   kind)
{
  g_autofree Query *query = g_new0 (Query, 1);

  query->kind = kind;
  query->params_ok = query_period (req, TRUE, &query->from, &query->to);
  run_query (req, g_steal_pointer (&query));
}

void
cab_route_get_statement (CabRequest *req)
{
  get_period (req, QUERY_STATEMENT);
}

void
cab_route_get_bills (CabRequest *req)
{
  get_period (req, QUERY_BILLS);
}

void
cab_route_get_ledger (CabRequest *req)
{
  Query *query = g_new0 (Query, 1);

  query->kind = QUERY_LEDGER;
  query->params_ok = TRUE;
  run_query (req, query);
}
