/* cab-notifier.h: desktop notifications beyond the web cabinet. On each refresh the ledger and
 * today's balance of every visible account are compared with what was seen last (a JSON file
 * in the user's folder); a new advance bill or invoice, or a debt that has become positive,
 * becomes a GNotification whose default action opens the right page
 * ("app.show-page" with the page name as its string target).
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
} CabNotice;

void        cab_notice_free             (CabNotice   *notice);
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
