/* test-documents.c: CabDocuments, the one way to documents, with no display: its file-name
 * scheme, and opening, downloading and listing against the real demo server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"
#include "offline/cab-documents.h"
#include "profile-test-utils.h"

static void
test_file_name (void)
{
  GDate date;
  g_autofree char *full = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *hostile = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 31, 5, 2016);

  full = cab_documents_file_name (CAB_DOCUMENT_INVOICE, "1234567890", &date, "17");
  g_assert_cmpstr (full, ==, "invoice-1234567890-2016-05-31-17.pdf");
  bare = cab_documents_file_name (CAB_DOCUMENT_ADVANCE_BILL, NULL, NULL, "40");
  g_assert_cmpstr (bare, ==, "advance_bill-40.pdf");
  /* Nothing in a part can leave the folder or split the name. */
  hostile = cab_documents_file_name (CAB_DOCUMENT_VOLUME_ACT, "../a b", NULL, "x/-y");
  g_assert_cmpstr (hostile, ==, "volume_act-.._a_b-x__y.pdf");
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  w->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Wait *w)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (w->result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  return w->result;
}

static CabStatement *
fig8_statement (CabSession *session)
{
  Wait w = { 0 };
  g_autoptr(GError) error = NULL;
  CabStatement *statement;
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 5, 2016);
  g_date_set_dmy (&to, 1, 8, 2016);
  cab_api_client_get_statement_async (cab_session_get_api (session), "1234567890", &from, &to,
                                      NULL, done_cb, &w);
  statement = cab_api_client_get_statement_finish (cab_session_get_api (session),
                                                   wait_result (&w), &error);
  g_assert_no_error (error);
  g_clear_object (&w.result);

  return statement;
}

static GBytes *
open_document (CabDocuments         *documents,
               const CabDocumentRef *ref,
               const GDate          *date,
               GError              **error)
{
  Wait w = { 0 };
  GBytes *pdf;

  cab_documents_open_async (documents, ref, "1234567890", "СФ-1", date, NULL, done_cb, &w);
  pdf = cab_documents_open_finish (documents, wait_result (&w), NULL, error);
  g_clear_object (&w.result);

  return pdf;
}

static gboolean
download_document (CabDocuments         *documents,
                   const CabDocumentRef *ref,
                   gboolean             *fetched)
{
  Wait w = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  cab_documents_download_async (documents, ref, "1234567890", NULL, NULL, NULL, done_cb, &w);
  ok = cab_documents_download_finish (documents, wait_result (&w), fetched, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&w.result);

  return ok;
}

static void
test_open_download_list (void)
{
  g_autoptr(TestServer) server = test_server_start (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CabSession) session = test_sign_in (server->url, "1234567890", "demo-password",
                                                &error);
  g_autoptr(CabStatement) statement = NULL;
  g_autoptr(GPtrArray) refs = g_ptr_array_new ();
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(CabSavedDocument) saved = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *listed_name = NULL;
  const CabDocumentRef *first;
  const GDate *first_date = NULL;
  CabDocuments *documents;
  GListModel *list;
  gboolean fetched = TRUE;

  g_assert_no_error (error);
  documents = cab_session_get_documents (session);
  g_assert_true (CAB_IS_DOCUMENTS (documents));
  list = cab_documents_get_saved (documents);
  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  statement = fig8_statement (session);
  for (guint i = 0; i < cab_statement_get_n_rows (statement); i++)
    {
      CabStatementRow *row = cab_statement_get_row (statement, i);

      for (guint j = 0; row->documents != NULL && j < row->documents->len; j++)
        {
          if (refs->len == 0)
            first_date = &row->date;
          g_ptr_array_add (refs, g_ptr_array_index (row->documents, j));
        }
    }
  g_assert_cmpuint (refs->len, >=, 2);
  first = g_ptr_array_index (refs, 0);

  /* Online: downloaded, kept, and listed under the one name. */
  pdf = open_document (documents, first, first_date, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  saved = cab_documents_lookup_saved (documents, first->id);
  g_assert_nonnull (saved);
  g_assert_cmpstr (cab_saved_document_get_sha256 (saved), ==, first->sha256);
  expected = cab_documents_file_name (first->kind, "1234567890", first_date, first->id);
  listed_name = cab_documents_saved_file_name (saved);
  g_assert_cmpstr (listed_name, ==, expected);

  /* Already saved and unchanged: nothing fetched. */
  g_assert_true (download_document (documents, first, &fetched));
  g_assert_false (fetched);

  /* Offline: the saved copy opens; one never saved does not. */
  cab_session_set_offline (session, TRUE);
  again = open_document (documents, first, first_date, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (pdf, again));
  g_assert_null (open_document (documents, g_ptr_array_index (refs, 1), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Download All's way: fetched into the store, listed, readable as saved. */
  cab_session_set_offline (session, FALSE);
  g_assert_true (download_document (documents, g_ptr_array_index (refs, 1), &fetched));
  g_assert_true (fetched);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  {
    Wait w = { 0 };
    g_autoptr(GBytes) read = NULL;

    cab_documents_open_saved_async (documents, ((CabDocumentRef *) g_ptr_array_index (refs, 1))->id,
                                    NULL, done_cb, &w);
    read = cab_documents_open_saved_finish (documents, wait_result (&w), &error);
    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (read, NULL), 5, "%PDF-", 5);
    g_clear_object (&w.result);
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;
  g_autofree char *data_home = g_dir_make_tmp ("documents-data-XXXXXX", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/documents/file-name", test_file_name);
  g_test_add_func ("/documents/open-download-list", test_open_download_list);

  ret = g_test_run ();
  test_rm_rf (data_home);
  return ret;
}
