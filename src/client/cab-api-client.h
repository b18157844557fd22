/* cab-api-client.h: every route of docs/api.md as an async GTask pair over one SoupSession.
 *
 * Failures arrive as CAB_ERROR codes: CAB_ERROR_NETWORK (server down, DNS, refused),
 * CAB_ERROR_TIMEOUT, CAB_ERROR_SERVER (5xx), CAB_ERROR_MALFORMED_RESPONSE (answer not as
 * documented), or the API's own code (CAB_ERROR_INVALID_CREDENTIALS, ...). They are made by
 * cab_error_new_from_api(): the field and Retry-After the server named ride on the GError
 * (cab_error_get_field(), cab_error_get_retry_after()) and the message is for logs only; the
 * pages choose the words (cab-error-text.h). Cancellation is G_IO_ERROR_CANCELLED.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-core.h"

G_BEGIN_DECLS

#define CAB_TYPE_API_CLIENT (cab_api_client_get_type ())
G_DECLARE_FINAL_TYPE (CabApiClient, cab_api_client, CAB, API_CLIENT, GObject)

/* @base_url like "http://127.0.0.1:8080/"; only https:// unless loopback
 * (CAB_ERROR_INSECURE_SERVER); what is no URL at all is CAB_ERROR_INVALID_VALUE, field
 * "server" (words: cab_error_text_for_server()). */
CabApiClient  *cab_api_client_new                (const char          *base_url,
                                                  GError             **error);
const char    *cab_api_client_get_base_url       (CabApiClient        *self);
/* The bearer token of the signed-in session, or NULL. Set by sign-in and registration. */
const char    *cab_api_client_get_token          (CabApiClient        *self);
void           cab_api_client_set_token          (CabApiClient        *self,
                                                  const char          *token);
/* Seconds to wait for an answer (default 30). */
void           cab_api_client_set_timeout        (CabApiClient        *self,
                                                  guint                seconds);

/* GET /health -> the server's "today" */
void           cab_api_client_get_today_async    (CabApiClient        *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       cab_api_client_get_today_finish   (CabApiClient        *self,
                                                  GAsyncResult        *result,
                                                  GDate               *out_today,
                                                  GError             **error);

/* GET /supplier (public) -> the supplier's requisites and support address */
void           cab_api_client_get_supplier_async  (CabApiClient        *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CabSupplier   *cab_api_client_get_supplier_finish (CabApiClient        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* POST /registration/check: TRUE when the pair is fine. */
void           cab_api_client_check_registration_async  (CabApiClient        *self,
                                                         const char          *dp_code,
                                                         const char          *account,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean       cab_api_client_check_registration_finish (CabApiClient        *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* POST /registration: on success the client holds the new token; returns the login. */
void           cab_api_client_register_async     (CabApiClient        *self,
                                                  const char          *dp_code,
                                                  const char          *account,
                                                  const char          *email,
                                                  const char          *password,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
char          *cab_api_client_register_finish    (CabApiClient        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* POST /session: on success the client holds the token. */
void           cab_api_client_sign_in_async      (CabApiClient        *self,
                                                  const char          *login,
                                                  const char          *password,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       cab_api_client_sign_in_finish     (CabApiClient        *self,
                                                  GAsyncResult        *result,
                                                  gboolean            *out_must_change_password,
                                                  GError             **error);

/* DELETE /session; the token is dropped locally whatever the answer. */
void           cab_api_client_sign_out_async     (CabApiClient        *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       cab_api_client_sign_out_finish    (CabApiClient        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* POST /password-reset */
void           cab_api_client_reset_password_async  (CabApiClient        *self,
                                                     const char          *login,
                                                     const char          *email,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean       cab_api_client_reset_password_finish (CabApiClient        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* GET /me */
void           cab_api_client_get_me_async       (CabApiClient        *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CabMe         *cab_api_client_get_me_finish      (CabApiClient        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* PUT /me/visible-accounts -> the updated user */
void           cab_api_client_set_visible_accounts_async  (CabApiClient        *self,
                                                           const char * const  *accounts,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
CabMe         *cab_api_client_set_visible_accounts_finish (CabApiClient        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* PATCH /me. NULL login/new_password: unchanged. @phone NULL with @clear_phone FALSE:
 * unchanged; NULL with TRUE: cleared. -> the updated user */
void           cab_api_client_update_profile_async  (CabApiClient        *self,
                                                     const char          *current_password,
                                                     const char          *login,
                                                     const char          *new_password,
                                                     const char          *email,
                                                     const char          *phone,
                                                     gboolean             clear_phone,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
CabMe         *cab_api_client_update_profile_finish (CabApiClient        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* PUT /me/subscription -> the subscription the server now holds */
void           cab_api_client_set_subscription_async  (CabApiClient        *self,
                                                       gboolean             subscribed,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean       cab_api_client_set_subscription_finish (CabApiClient        *self,
                                                       GAsyncResult        *result,
                                                       gboolean            *out_subscribed,
                                                       GError             **error);

/* GET /accounts/{account}/balance?on= (@on NULL: the server's today) */
void           cab_api_client_get_balance_async  (CabApiClient        *self,
                                                  const char          *account,
                                                  const GDate         *on,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CabBalance    *cab_api_client_get_balance_finish (CabApiClient        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* GET /accounts/{account}/statement?from=&to= */
void           cab_api_client_get_statement_async  (CabApiClient        *self,
                                                    const char          *account,
                                                    const GDate         *from,
                                                    const GDate         *to,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
CabStatement  *cab_api_client_get_statement_finish (CabApiClient        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* GET /accounts/{account}/bills?from=&to= */
void           cab_api_client_get_bills_async    (CabApiClient        *self,
                                                  const char          *account,
                                                  const GDate         *from,
                                                  const GDate         *to,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CabBillList   *cab_api_client_get_bills_finish   (CabApiClient        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* GET /accounts/{account}/ledger */
void           cab_api_client_get_ledger_async   (CabApiClient        *self,
                                                  const char          *account,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CabLedger     *cab_api_client_get_ledger_finish  (CabApiClient        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* GET /documents/{id}. With @etag (the sha256 the client already holds) a 304 gives
 * *out_not_modified = TRUE and NULL bytes. The body is checked against the ETag
 * (CAB_ERROR_MALFORMED_RESPONSE on a mismatch). */
void           cab_api_client_download_document_async  (CabApiClient        *self,
                                                        const char          *id,
                                                        const char          *etag,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GBytes        *cab_api_client_download_document_finish (CabApiClient        *self,
                                                        GAsyncResult        *result,
                                                        gboolean            *out_not_modified,
                                                        GError             **error);

typedef void (*CabApiProgressFunc) (goffset  sent,
                                    goffset  total,
                                    gpointer user_data);

/* POST /feedback (multipart). @file may be NULL. @client_id makes a resend safe.
 * A file over 10 MiB fails with CAB_ERROR_TOO_LARGE before anything is sent.
 * @progress is called on the main context while the body goes out. Returns the message id. */
void           cab_api_client_send_feedback_async  (CabApiClient        *self,
                                                    const char          *text,
                                                    GFile               *file,
                                                    const char          *client_id,
                                                    CabApiProgressFunc   progress,
                                                    gpointer             progress_data,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gint64         cab_api_client_send_feedback_finish (CabApiClient        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* GET /feedback -> array of CabFeedbackMessage */
void           cab_api_client_list_feedback_async  (CabApiClient        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray     *cab_api_client_list_feedback_finish (CabApiClient        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
