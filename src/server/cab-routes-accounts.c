/* cab-routes-accounts.c: an account's state (manual 4.2): balance, statement, bills, ledger.
 *
 * The figures come from the core library's rules on a CabLedger read from the store; the
 * server only attaches numbers, titles and documents to the rows by entry id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-routes.h"

#define MAX_PERIOD_DAYS (20 * 366)

/* An account of another partner is answered exactly as an unknown one. */
static gboolean
check_account (CabRequest *req,
               const char *account)
{
  g_autoptr(GError) error = NULL;
  gint64 partner_id = 0;

  if (!cab_validate_account (account, NULL)
      || !cab_store_lookup_account (cab_server_get_store (req->server), account, &partner_id,
                                    &error)
      || partner_id != req->user->partner_id)
    {
      if (error != NULL)
        cab_request_reply_gerror (req, error, NULL);
      else
        cab_request_reply_not_found (req);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_date (CabRequest *req,
            const char *name,
            gboolean    required,
            GDate      *out_date)
{
  const char *text = cab_request_get_query (req, name);
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    {
      if (!required)
        return TRUE;
      cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, name,
                               "A date parameter is missing");
      return FALSE;
    }
  if (!cab_date_parse_iso (text, out_date, &error))
    {
      cab_request_reply_gerror (req, error, name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_period (CabRequest *req,
              GDate      *from,
              GDate      *to)
{
  if (!query_date (req, "from", TRUE, from) || !query_date (req, "to", TRUE, to))
    return FALSE;
  if (g_date_compare (from, to) >= 0)
    {
      cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, "to",
                               "“to” must be after “from”");
      return FALSE;
    }
  if (g_date_days_between (from, to) > MAX_PERIOD_DAYS)
    {
      cab_request_reply_error (req, CAB_ERROR_INVALID_FIELD, "to",
                               "The period is longer than 20 years");
      return FALSE;
    }
  return TRUE;
}

static CabLedger *
load_ledger (CabRequest  *req,
             const char  *account,
             const GDate *until)
{
  g_autoptr(GError) error = NULL;
  CabLedger *ledger = cab_store_load_ledger (cab_server_get_store (req->server), account, until,
                                             &error);

  if (ledger == NULL)
    cab_request_reply_gerror (req, error, NULL);
  return ledger;
}

static void
balance (CabRequest *req)
{
  const char *account = req->params[0];
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(CabBalance) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  GDate on, until;

  if (!check_account (req, account))
    return;
  cab_server_today (req->server, &on);
  if (!query_date (req, "on", FALSE, &on))
    return;
  /* Nothing dated after @on counts on @on (every document counts from its date or later). */
  until = on;
  g_date_add_days (&until, 1);
  if (!(ledger = load_ledger (req, account, &until)))
    return;
  result = cab_balance_compute (ledger, account, &on);
  root = cab_balance_to_json (result);
  cab_request_reply_json (req, SOUP_STATUS_OK, root);
}

static void
ledger (CabRequest *req)
{
  const char *account = req->params[0];
  g_autoptr(CabLedger) result = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!check_account (req, account) || !(result = load_ledger (req, account, NULL)))
    return;
  root = cab_ledger_to_json (result, account);
  cab_request_reply_json (req, SOUP_STATUS_OK, root);
}

/* ---- documents attached to rows ---- */

typedef void (*BuildFunc) (CabRequest *req,
                           const char *account,
                           const GDate *from,
                           const GDate *to,
                           GHashTable *refs_by_entry);

typedef struct
{
  CabRequest *req;
  char       *account;
  GDate       from;
  GDate       to;
  gboolean    advance;
  BuildFunc   build;
} Listing;

static void
listing_free (Listing *listing)
{
  cab_request_unref (listing->req);
  g_free (listing->account);
  g_free (listing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Listing, listing_free)

/* The documents of the period for the statement (everything but advance bills) or for the
 * bills (advance bills only). */
static GPtrArray *
list_documents (Listing  *listing,
                GError  **error)
{
  GPtrArray *docs = cab_store_list_documents (cab_server_get_store (listing->req->server),
                                              listing->account, &listing->from, &listing->to,
                                              error);

  for (guint i = 0; docs != NULL && i < docs->len;)
    {
      CabStoreDocument *doc = g_ptr_array_index (docs, i);

      if ((doc->kind == CAB_DOCUMENT_ADVANCE_BILL) != listing->advance)
        g_ptr_array_remove_index (docs, i);
      else
        i++;
    }
  return docs;
}

static void
build_listing (Listing   *listing,
               GPtrArray *docs)
{
  g_autoptr(GHashTable) refs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < docs->len; i++)
    {
      CabStoreDocument *doc = g_ptr_array_index (docs, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, doc->id);
      GPtrArray *list = g_hash_table_lookup (refs, &doc->entry_id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_document_ref_free);
          g_hash_table_insert (refs, g_memdup2 (&doc->entry_id, sizeof doc->entry_id), list);
        }
      g_ptr_array_add (list, cab_document_ref_new (id, doc->kind, doc->title, doc->size,
                                                   doc->sha256));
    }
  listing->build (listing->req, listing->account, &listing->from, &listing->to, refs);
}

static void
documents_rendered (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Listing) listing = user_data;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  if (!cab_document_renderer_ensure_finish (CAB_DOCUMENT_RENDERER (source), result, &error)
      || !(docs = list_documents (listing, &error)))
    {
      cab_request_reply_gerror (listing->req, error, NULL);
      return;
    }
  build_listing (listing, docs);
}

/* Builds the answer once every listed document has its true size and sha256: the missing
 * PDFs are rendered first, off the main thread. */
static void
with_documents (CabRequest  *req,
                const GDate *from,
                const GDate *to,
                gboolean     advance,
                BuildFunc    build)
{
  g_autoptr(Listing) listing = g_new0 (Listing, 1);
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  gboolean all_rendered = TRUE;

  listing->req = cab_request_ref (req);
  listing->account = g_strdup (req->params[0]);
  listing->from = *from;
  listing->to = *to;
  listing->advance = advance;
  listing->build = build;

  docs = list_documents (listing, &error);
  if (docs == NULL)
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }
  for (guint i = 0; i < docs->len && all_rendered; i++)
    all_rendered = ((CabStoreDocument *) g_ptr_array_index (docs, i))->sha256 != NULL;
  if (all_rendered)
    {
      build_listing (listing, docs);
      return;
    }
  cab_request_pause (req);
  cab_document_renderer_ensure_async (cab_server_get_renderer (req->server), docs,
                                      NULL, documents_rendered,
                                      g_steal_pointer (&listing));
}

static void
attach (GPtrArray  *documents,
        GHashTable *refs_by_entry,
        gint64      entry_id)
{
  GPtrArray *refs = g_hash_table_lookup (refs_by_entry, &entry_id);

  for (guint i = 0; refs != NULL && i < refs->len; i++)
    g_ptr_array_add (documents, cab_document_ref_copy (g_ptr_array_index (refs, i)));
}

static void
build_statement (CabRequest  *req,
                 const char  *account,
                 const GDate *from,
                 const GDate *to,
                 GHashTable  *refs_by_entry)
{
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(CabStatement) statement = NULL;
  g_autoptr(GHashTable) infos = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (!(ledger = load_ledger (req, account, to)))
    return;
  statement = cab_statement_compute (ledger, from, to, &error);
  if (statement == NULL)
    {
      cab_request_reply_gerror (req, error, "to");
      return;
    }
  infos = cab_store_list_entry_infos (cab_server_get_store (req->server), account, from, to,
                                      &error);
  if (infos == NULL)
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }
  cab_statement_set_account (statement, account);
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
      attach (row->documents, refs_by_entry, row->entry_id);
    }
  root = cab_statement_to_json (statement);
  cab_request_reply_json (req, SOUP_STATUS_OK, root);
}

static void
statement (CabRequest *req)
{
  GDate from, to;

  if (!check_account (req, req->params[0]) || !query_period (req, &from, &to))
    return;
  with_documents (req, &from, &to, FALSE, build_statement);
}

static void
build_bills (CabRequest  *req,
             const char  *account,
             const GDate *from,
             const GDate *to,
             GHashTable  *refs_by_entry)
{
  g_autoptr(CabLedger) ledger = NULL;
  g_autoptr(CabBillList) bills = NULL;
  g_autoptr(GHashTable) infos = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (!(ledger = load_ledger (req, account, to)))
    return;
  bills = cab_bill_list_compute (ledger, account, from, to, &error);
  if (bills == NULL)
    {
      cab_request_reply_gerror (req, error, "to");
      return;
    }
  infos = cab_store_list_entry_infos (cab_server_get_store (req->server), account, from, to,
                                      &error);
  if (infos == NULL)
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }
  for (guint i = 0; i < bills->bills->len; i++)
    {
      CabBill *bill = g_ptr_array_index (bills->bills, i);
      CabStoreEntryInfo *info = g_hash_table_lookup (infos, &bill->entry_id);

      if (info != NULL)
        {
          g_free (bill->number);
          bill->number = g_strdup (info->number);
        }
      attach (bill->documents, refs_by_entry, bill->entry_id);
    }
  root = cab_bill_list_to_json (bills);
  cab_request_reply_json (req, SOUP_STATUS_OK, root);
}

static void
bills (CabRequest *req)
{
  GDate from, to;

  if (!check_account (req, req->params[0]) || !query_period (req, &from, &to))
    return;
  with_documents (req, &from, &to, TRUE, build_bills);
}

void
cab_routes_add_accounts (CabServer *server)
{
  cab_server_add_route (server, "GET", "/api/v1/accounts/{}/balance", CAB_ROUTE_AUTH, balance);
  cab_server_add_route (server, "GET", "/api/v1/accounts/{}/statement", CAB_ROUTE_AUTH,
                        statement);
  cab_server_add_route (server, "GET", "/api/v1/accounts/{}/bills", CAB_ROUTE_AUTH, bills);
  cab_server_add_route (server, "GET", "/api/v1/accounts/{}/ledger", CAB_ROUTE_AUTH, ledger);
}
