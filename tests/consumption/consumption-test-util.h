/* consumption-test-util.h: the real demo server, a signed-in session, and a ledger with
 * volumes saved in the session's offline store, for the Consumption tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-session.h"

G_BEGIN_DECLS

#define CT_ACCOUNT "1234567890"

typedef gboolean (*CtCondition) (gpointer data);

/* Iterates the default main context until @condition holds; fails after 30 s. */
void         ct_wait_until           (CtCondition   condition,
                                      gpointer      data,
                                      const char   *what);

/* `SERVER-BINARY --demo --db DATA_DIR/NAME.db --listen 127.0.0.1:0`, dying with the test;
 * @out_url gets its address. */
GSubprocess *ct_start_server         (const char   *server_binary,
                                      const char   *data_dir,
                                      const char   *name,
                                      char        **out_url);
void         ct_stop_server          (GSubprocess  *server);

/* Signs in as the demo user, contract CT_ACCOUNT chosen, services started (as the window
 * does), under @server_id in the offline store. */
CabSession  *ct_sign_in              (const char   *url,
                                      const char   *server_id);

/* A ledger of CT_ACCOUNT with volumes, January 2015 to June 2016: an invoice a month with
 * seasonal kWh, except September 2015 (a gap), and a correction dated 24.05.2016 for April
 * 2016 (−41 250,5 kWh, −198 685,01 ₽). */
CabLedger   *ct_volume_ledger        (void);
/* Saves @ledger as CT_ACCOUNT's ledger in @session's offline store, as Account State would
 * have kept it. */
void         ct_save_ledger          (CabSession   *session,
                                      CabLedger    *ledger);

/* Removes the temporary @dir (only under the temporary folder). */
void         ct_remove_dir           (const char   *dir);

G_END_DECLS
