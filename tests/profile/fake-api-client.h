/* fake-api-client.h: a CabApiClient whose POST /feedback answers are scripted, for the
 * outbox tests that need no server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-api-client.h"

G_BEGIN_DECLS

CabApiClient *fake_api_client_new             (void);
/* The next send answers @id (>0) or fails with CAB_ERROR @code (when @id is 0). Without a
 * scripted answer a send fails with CAB_ERROR_NETWORK. */
void          fake_api_client_push_answer     (CabApiClient *self,
                                               gint64        id,
                                               CabError      code);
/* client_id of every send so far, in order (NULL-terminated, owned by the fake). */
GPtrArray    *fake_api_client_get_sent_ids    (CabApiClient *self);
/* Text and attached file's bytes of the last send. */
const char   *fake_api_client_get_last_text   (CabApiClient *self);
GBytes       *fake_api_client_get_last_file   (CabApiClient *self);
char         *fake_api_client_dup_last_file_name (CabApiClient *self);

G_END_DECLS
