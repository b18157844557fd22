/* cab-session.h: what every page of the main window reads: the API client, the signed-in
 * user, the selected contract, and whether the server is reachable.
 *
 * Pages are GtkWidget subclasses with a construct-only "session" property (CabSession *);
 * they listen to notify::account, notify::me and notify::offline, and tie their requests'
 * GCancellable to their own lifetime.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-api-client.h"

G_BEGIN_DECLS

#define CAB_TYPE_SESSION (cab_session_get_type ())
G_DECLARE_FINAL_TYPE (CabSession, cab_session, CAB, SESSION, GObject)

CabSession    *cab_session_new                   (CabApiClient  *api,
                                                  const char    *login);
CabApiClient  *cab_session_get_api               (CabSession    *self);
const char    *cab_session_get_login             (CabSession    *self);
/* A stable name of the server for local storage: "demo" for the embedded demo server,
 * else the base URL's host[:port]. */
const char    *cab_session_get_server_id         (CabSession    *self);
void           cab_session_set_server_id         (CabSession    *self,
                                                  const char    *server_id);

/* The user as last fetched (GET /me), or NULL before the first answer. */
const CabMe   *cab_session_get_me                (CabSession    *self);
void           cab_session_set_me                (CabSession    *self,
                                                  const CabMe   *me);

/* The selected contract's account number ("account" property). */
const char    *cab_session_get_account           (CabSession    *self);
void           cab_session_set_account           (CabSession    *self,
                                                  const char    *account);
/* The contract of the selected account, or NULL. */
const CabContract *cab_session_get_contract      (CabSession    *self);

/* TRUE while the server cannot be reached ("offline" property). */
gboolean       cab_session_get_offline           (CabSession    *self);
void           cab_session_set_offline           (CabSession    *self,
                                                  gboolean       offline);

/* The supplier's today (from GET /health, else the local date in Europe/Moscow). */
void           cab_session_get_today             (CabSession    *self,
                                                  GDate         *out_today);
void           cab_session_set_today             (CabSession    *self,
                                                  const GDate   *today);

/* Asks pages to fetch again (emits "refresh"); the window's Retry and Ctrl+R use it. */
void           cab_session_refresh               (CabSession    *self);

/* The services of the signed-in user, owned by the session: built once at sign-in by
 * cab-session-services.c, dropped at sign-out (cab_session_clear_services()) or with the
 * session. Pages read them here and create none. NULL when not built (or not in this build).
 *
 * The reconnector and the account states are set once. The offline store, the documents, the
 * feedback outbox and the notifier keep their files in the login's folder, so a login change
 * replaces them ("offline-store", "documents", "feedback-outbox" and "notifier" notify). */
typedef struct _CabOfflineStore CabOfflineStore;
typedef struct _CabReconnector CabReconnector;
typedef struct _CabFeedbackOutbox CabFeedbackOutbox;
typedef struct _CabNotifier CabNotifier;
typedef struct _CabDocuments CabDocuments;
typedef struct _CabAccountStates CabAccountStates;

CabOfflineStore   *cab_session_get_offline_store   (CabSession        *self);
void               cab_session_set_offline_store   (CabSession        *self,
                                                    CabOfflineStore   *store);
CabReconnector    *cab_session_get_reconnector     (CabSession        *self);
void               cab_session_set_reconnector     (CabSession        *self,
                                                    CabReconnector    *reconnector);
CabDocuments      *cab_session_get_documents       (CabSession        *self);
void               cab_session_set_documents       (CabSession        *self,
                                                    CabDocuments      *documents);
/* One CabAccountState per contract (account/cab-account-states.h): the Account State page,
 * its payment panel and the notifier read the same one. */
CabAccountStates  *cab_session_get_account_states  (CabSession        *self);
void               cab_session_set_account_states  (CabSession        *self,
                                                    CabAccountStates  *states);
CabFeedbackOutbox *cab_session_get_feedback_outbox (CabSession        *self);
void               cab_session_set_feedback_outbox (CabSession        *self,
                                                    CabFeedbackOutbox *outbox);
CabNotifier       *cab_session_get_notifier        (CabSession        *self);
void               cab_session_set_notifier        (CabSession        *self,
                                                    CabNotifier       *notifier);
/* Drops every service (sign-out): background work of this user stops now, even if a page
 * still holds the session for a moment. */
void               cab_session_clear_services      (CabSession        *self);

/* Asks for @ref to be shown: emits "open-document", which the window hands to
 * offline/cab-document-opener.c (CabDocuments, then the viewer). */
void           cab_session_open_document         (CabSession           *self,
                                                  const CabDocumentRef *ref);

G_END_DECLS
