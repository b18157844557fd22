/* cab-admin-import.h: `tek-cabinet-admin import DIR` (the format is docs/import.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-store.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean     dry_run;
  const char  *encoding;    /* NULL: UTF-8 */
  gboolean     progress;    /* show progress on stderr */
} CabAdminImportOptions;

/* Imports the folder in one transaction and mails the subscribed users whose partners
 * gained entries or documents. Returns the exit status: 0, 1 (wrong rows, listed on
 * stderr, nothing imported) or 2 (cannot run). */
int          cab_admin_import            (CabStore                     *store,
                                          const char                   *dir,
                                          const CabAdminImportOptions  *options);

G_END_DECLS
