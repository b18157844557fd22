/* cab-routes-documents.c: GET /documents/{id}, the scanned PDF behind a row or a bill.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-routes.h"

static gboolean
parse_id (const char *text,
          gint64     *out_id)
{
  guint64 value = 0;

  if (text == NULL || *text == '\0' || strlen (text) > 18)
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (guint64) (*p - '0');
    }
  *out_id = (gint64) value;
  return value > 0;
}

/* Whether an If-None-Match list names @etag (or is "*"). */
static gboolean
etag_matches (const char *header,
              const char *etag)
{
  g_auto(GStrv) tags = NULL;

  if (header == NULL)
    return FALSE;
  tags = g_strsplit (header, ",", -1);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      const char *tag = g_strstrip (tags[i]);

      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      if (strcmp (tag, "*") == 0 || strcmp (tag, etag) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
send_document (CabRequest       *req,
               CabStoreDocument *doc)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = g_strdup_printf ("\"%s\"", doc->sha256);
  g_autofree char *disposition = NULL;

  soup_message_headers_replace (headers, "ETag", etag);
  soup_message_headers_replace (headers, "Cache-Control", "private, max-age=0");
  if (etag_matches (soup_message_headers_get_one (
                      soup_server_message_get_request_headers (req->msg), "If-None-Match"),
                    etag))
    {
      cab_request_reply_empty (req, SOUP_STATUS_NOT_MODIFIED);
      return;
    }
  pdf = cab_store_get_document_pdf (cab_server_get_store (req->server), doc->id, &error);
  if (pdf == NULL)
    {
      cab_request_reply_gerror (req, error, NULL);
      return;
    }
  disposition = g_strdup_printf ("attachment; filename=\"%s\"", doc->file_name);
  soup_message_headers_replace (headers, "Content-Disposition", disposition);
  cab_request_reply_bytes (req, SOUP_STATUS_OK, "application/pdf", pdf);
}

typedef struct
{
  CabRequest *req;
  gint64      id;
} Download;

static void
download_free (Download *download)
{
  cab_request_unref (download->req);
  g_free (download);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Download, download_free)

static void
document_rendered (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Download) download = user_data;
  g_autoptr(CabStoreDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  if (!cab_document_renderer_ensure_finish (CAB_DOCUMENT_RENDERER (source), result, &error)
      || !(doc = cab_store_get_document (cab_server_get_store (download->req->server),
                                         download->id, &error)))
    {
      cab_request_reply_gerror (download->req, error, NULL);
      return;
    }
  send_document (download->req, doc);
}

void
cab_route_get_document (CabRequest *req)
{
  CabStore *store = cab_server_get_store (req->server);
  g_autoptr(CabStoreDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0, partner_id = 0;

  /* Unknown, malformed and another partner's ids all get the same 404. */
  if (!parse_id (req->params[0], &id)
      || !(doc = cab_store_get_document (store, id, &error))
      || !cab_store_lookup_account (store, doc->account, &partner_id, NULL)
      || partner_id != req->user->partner_id)
    {
      if (error != NULL && error->code != CAB_ERROR_NOT_FOUND)
        cab_request_reply_gerror (req, error, NULL);
      else
        cab_request_reply_not_found (req);
      return;
    }

  if (doc->sha256 == NULL)
    {
      g_autoptr(GPtrArray) docs = g_ptr_array_new ();
      Download *download = g_new0 (Download, 1);

      download->req = cab_request_ref (req);
      download->id = id;
      g_ptr_array_add (docs, doc);
      cab_request_pause (req);
      cab_document_renderer_ensure_async (cab_server_get_renderer (req->server), docs, NULL,
                                          document_rendered, download);
      return;
    }
  send_document (req, doc);
}
