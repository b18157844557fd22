/* cab-notifier.h: desktop notifications beyond the web cabinet. On each refresh the ledger and
 * today's balance of every visible account are compared with what was seen last (a JSON file
 * in the user's folder); a new advance bill or invoice, or a debt that has become positive,
 * becomes a GNotification naming the company (partner and login) whose default action opens
 * the right page of that company: "app.show-company-page" with the target (sss) = (server id
 * as the offline folder uses it, login, page name).
 *
 * The figures are those of the session's account states (account/cab-account-states.h), the
 * models the Account State page shows: a contract the page has just loaded is not fetched
 * again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-core.h"
#include "cab-session.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;      /* stable per event, so a repeat replaces rather than piles up */
  char *title;
  char *body;
  char *page;    /* the page to open: "account-state" */
  /* Set when sent (NULL from cab_notifier_diff ()): whose it is. */
  char *company;   /* "Partner, login LOGIN" */
  char *server_id; /* cab_session_get_server_id () */
  char *login;
} CabNotice;

void        cab_notice_free             (CabNotice   *notice);
/* The target of "app.show-company-page": (server id, login, page), floating. */
GVariant   *cab_notice_get_target       (const CabNotice *notice);
/* The desktop notification of @notice: its title, the company then its body, and the default
 * action "app.show-company-page" with cab_notice_get_target (). */
GNotification *cab_notice_to_notification (const CabNotice *notice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabNotice, cab_notice_free)

/* The pure rule: compares @account's @ledger and @balance with @accounts_state (the "accounts"
 * object of the state file; updated in place) and returns the CabNotice array due. An account
 * seen for the first time is only recorded: no flood of old bills on the first start. */
GPtrArray  *cab_notifier_diff           (JsonObject       *accounts_state,
                                         const char       *account,
                                         CabLedger        *ledger,
                                         const CabBalance *balance);

#define CAB_TYPE_NOTIFIER (cab_notifier_get_type ())
G_DECLARE_FINAL_TYPE (CabNotifier, cab_notifier, CAB, NOTIFIER, GObject)

/* @app may be NULL (notices are then only emitted as the "notice" signal). Checks on the
 * session's "refresh", when the user first arrives and every 30 minutes. @session is held
 * weakly: the session owns its notifier (cab-session-services.c builds it). */
CabNotifier *cab_notifier_new           (CabSession      *session,
                                         GApplication    *app,
                                         const char      *state_path);
/* FALSE: nothing is sent, but what is seen is still recorded ("enabled"; follows the
 * GSettings key "notifications"). */
void         cab_notifier_set_enabled   (CabNotifier     *self,
                                         gboolean         enabled);
gboolean     cab_notifier_get_enabled   (CabNotifier     *self);

void         cab_notifier_check_async   (CabNotifier     *self,
                                         GCancellable    *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer         user_data);
/* The number of notices sent. */
guint        cab_notifier_check_finish  (CabNotifier     *self,
                                         GAsyncResult    *result,
                                         GError         **error);

G_END_DECLS
