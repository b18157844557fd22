/* cab-admin-commands.h: the subcommands of tek-cabinet-admin other than import. Each
 * returns the exit status: 0, 1 (bad input, every error listed) or 2 (cannot run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-sqlite-store.h"

G_BEGIN_DECLS

int  cab_admin_feedback_list          (CabStore *store, gboolean unanswered_only);
int  cab_admin_feedback_show          (CabStore *store, const char *id);
int  cab_admin_feedback_export        (CabStore *store, const char *id, const char *dir);
int  cab_admin_feedback_mark_answered (CabStore *store, const char *id);

int  cab_admin_users_list             (CabStore *store);
int  cab_admin_users_set_disabled     (CabStore *store, const char *login, gboolean disabled);
int  cab_admin_users_reset_password   (CabStore *store, const char *login);

int  cab_admin_supplier_set           (CabStore *store, char **pairs);
int  cab_admin_supplier_show          (CabStore *store);

int  cab_admin_backup                 (CabSqliteStore *store, const char *path);
int  cab_admin_stats                  (CabStore *store);

G_END_DECLS
