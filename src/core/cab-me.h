/* cab-me.h: the signed-in user, their partner and contracts (GET /api/v1/me).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-contract.h"

G_BEGIN_DECLS

typedef struct
{
  char *dp_code;
  char *name;
  char *address;
  char *contacts;
} CabPartner;

typedef struct
{
  char        *login;
  char        *email;
  char        *phone;                /* NULL when none; else +7XXXXXXXXXX */
  gboolean     subscribed;
  gboolean     must_change_password;
  CabPartner   partner;
  GPtrArray   *contracts;            /* of CabContract */
  GStrv        visible_accounts;     /* never NULL */
} CabMe;

#define CAB_TYPE_ME (cab_me_get_type ())
GType         cab_me_get_type            (void) G_GNUC_CONST;
CabMe        *cab_me_new                 (void);
CabMe        *cab_me_copy                (const CabMe  *self);
void          cab_me_free                (CabMe        *self);

/* The contract of @account, or NULL. */
CabContract  *cab_me_find_contract       (const CabMe  *self,
                                          const char   *account);
gboolean      cab_me_is_visible          (const CabMe  *self,
                                          const char   *account);

JsonNode     *cab_me_to_json             (const CabMe  *self);
CabMe        *cab_me_from_json           (JsonNode     *node,
                                          GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabMe, cab_me_free)

G_END_DECLS
