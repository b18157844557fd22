/* cab-offline-store-private.h: the store's state, shared by its files: cab-offline-store.c
 * (folders, the index, JSON resources, the last user) and cab-offline-store-documents.c (the
 * saved documents).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-offline-store.h"

G_BEGIN_DECLS

struct _CabOfflineStore
{
  GObject     parent_instance;

  char       *root;
  char       *server_id;
  char       *login;
  char       *directory;
  char       *documents_dir;
  char       *index_path;
  char       *meta_path;

  /* Guards index and saved_at, which worker threads change. */
  GMutex      lock;
  GPtrArray  *index;     /* of CabSavedDocument */
  GDateTime  *saved_at;

  /* The main-thread mirror of index. */
  GListStore *documents;
};

/* What a worker thread works on, and what it gives back. */
typedef struct
{
  CabOfflineKind    kind;
  char             *account;
  gboolean          has_from;
  GDate             from;
  gboolean          has_to;
  GDate             to;
  JsonNode         *data;
  GDateTime        *saved_at;
  char             *id;
  CabDocumentRef   *ref;
  char             *number;
  gboolean          has_date;
  GDate             date;
  GBytes           *bytes;
  CabSavedDocument *doc;
  gboolean          dropped;   /* the entry was dropped from the index */
  gboolean          resync;    /* the whole index may have changed */
  GTask            *outer;     /* the caller's task, finished after the mirror is updated */
} Op;

Op       *cab_offline_store_op_new               (CabOfflineKind    kind,
                                                  const char       *account,
                                                  const GDate      *from,
                                                  const GDate      *to);
void      cab_offline_store_op_free              (Op               *op);
char     *cab_offline_store_sha256_of_bytes      (GBytes           *bytes);

/* The index: call with the lock held. */
gboolean  cab_offline_store_write_index_locked   (CabOfflineStore  *self,
                                                  GError          **error);
gint      cab_offline_store_find_in_index_locked (CabOfflineStore  *self,
                                                  const char       *id);
/* The main-thread mirror of the index. */
void      cab_offline_store_mirror_put           (CabOfflineStore  *self,
                                                  CabSavedDocument *doc);
void      cab_offline_store_mirror_remove        (CabOfflineStore  *self,
                                                  const char       *id);

G_END_DECLS
