/* cab-offline-store.h: what the user has seen, kept on disk for reading without the server.
 *
 * Lives under $XDG_DATA_HOME/tek-cabinet/<server_id>/<login>/ (the user's own data, not a
 * cache): the JSON resources as they arrive (me, and per account the balance, the ledger, and
 * the statement and bills of each period), and the PDFs of opened or downloaded documents,
 * each checked against its sha256, with an index (index.json). Folders are 0700, files 0600;
 * every write goes to a temporary file in the same folder, is synced and renamed over the old
 * one, so a crash or a full disk leaves the previous file whole.
 *
 * The document index is mirrored in a GListModel of CabSavedDocument owned by the thread
 * that created the store; it changes only on that thread, just before an async call finishes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-core.h"
#include "cab-saved-document.h"

G_BEGIN_DECLS

typedef enum
{
  CAB_OFFLINE_ME,         /* GET /me: one per user */
  CAB_OFFLINE_BALANCE,    /* GET /accounts/{a}/balance: the latest one per account */
  CAB_OFFLINE_LEDGER,     /* GET /accounts/{a}/ledger: one per account */
  CAB_OFFLINE_STATEMENT,  /* GET /accounts/{a}/statement: one per account and period */
  CAB_OFFLINE_BILLS,      /* GET /accounts/{a}/bills: one per account and period */
} CabOfflineKind;

#define CAB_TYPE_OFFLINE_STORE (cab_offline_store_get_type ())
G_DECLARE_FINAL_TYPE (CabOfflineStore, cab_offline_store, CAB, OFFLINE_STORE, GObject)

/* $XDG_DATA_HOME/tek-cabinet (g_get_user_data_dir ()), the root of every store. */
char            *cab_offline_store_default_root       (void);
/* A path component from text the server chose: safe characters stay, the rest (and a leading
 * dot, so never "." or "..") is percent-encoded. Every folder kept per server and login is
 * named with it, so one user's files share one folder. */
char            *cab_offline_store_escape_component   (const char       *text);

/* Opens (creating 0700 folders as needed) the store of @login on @server_id under @root (NULL
 * for the default root), reads its index, and removes temporary files a crash left behind. */
CabOfflineStore *cab_offline_store_new                (const char       *root,
                                                       const char       *server_id,
                                                       const char       *login,
                                                       GError          **error);

const char      *cab_offline_store_get_root           (CabOfflineStore  *self);
const char      *cab_offline_store_get_server_id      (CabOfflineStore  *self);
const char      *cab_offline_store_get_login          (CabOfflineStore  *self);
/* The folder of this user's data. */
const char      *cab_offline_store_get_directory      (CabOfflineStore  *self);

/* When anything was last saved into this store (transfer full), or NULL if never. A copy:
 * worker threads may replace it at any time. */
GDateTime       *cab_offline_store_dup_saved_at       (CabOfflineStore  *self);

/* "Offline: showing data saved on DD.MM.YYYY at HH:MM" (local time), translated; or
 * "Offline: no saved data" when @saved_at is NULL. */
char            *cab_offline_store_format_offline_message (GDateTime    *saved_at);

/* --- JSON resources. @account is ignored for CAB_OFFLINE_ME; @from/@to are needed only for
 * statements and bills. Synchronous versions are for worker threads and tests. --- */
gboolean         cab_offline_store_put_json           (CabOfflineStore  *self,
                                                       CabOfflineKind    kind,
                                                       const char       *account,
                                                       const GDate      *from,
                                                       const GDate      *to,
                                                       JsonNode         *data,
                                                       GError          **error);
/* G_IO_ERROR_NOT_FOUND when nothing is saved. @out_saved_at (nullable) gets the save time. */
JsonNode        *cab_offline_store_get_json           (CabOfflineStore  *self,
                                                       CabOfflineKind    kind,
                                                       const char       *account,
                                                       const GDate      *from,
                                                       const GDate      *to,
                                                       GDateTime       **out_saved_at,
                                                       GError          **error);

void             cab_offline_store_put_json_async     (CabOfflineStore     *self,
                                                       CabOfflineKind       kind,
                                                       const char          *account,
                                                       const GDate         *from,
                                                       const GDate         *to,
                                                       JsonNode            *data,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean         cab_offline_store_put_json_finish    (CabOfflineStore     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void             cab_offline_store_get_json_async     (CabOfflineStore     *self,
                                                       CabOfflineKind       kind,
                                                       const char          *account,
                                                       const GDate         *from,
                                                       const GDate         *to,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
JsonNode        *cab_offline_store_get_json_finish    (CabOfflineStore     *self,
                                                       GAsyncResult        *result,
                                                       GDateTime          **out_saved_at,
                                                       GError             **error);

/* --- Documents --- */

/* The live index: a GListModel of CabSavedDocument, in the order they were saved. */
GListModel      *cab_offline_store_get_documents      (CabOfflineStore  *self);
/* The index entry of document @id, or NULL (transfer full). */
CabSavedDocument *cab_offline_store_lookup_document   (CabOfflineStore  *self,
                                                       const char       *id);
/* The file holding document @id (whether or not it exists). */
GFile           *cab_offline_store_get_document_file  (CabOfflineStore  *self,
                                                       const char       *id);

/* Saves @pdf as document @ref (of @account; @number and @date describe the row or bill it
 * belongs to, both nullable). Refused with CAB_ERROR_INVALID_VALUE, writing nothing, unless
 * the bytes' sha256 is @ref->sha256 (and the size @ref->size when that is not 0). Returns the
 * new index entry. */
void             cab_offline_store_save_document_async  (CabOfflineStore      *self,
                                                         const CabDocumentRef *ref,
                                                         const char           *account,
                                                         const char           *number,
                                                         const GDate          *date,
                                                         GBytes               *pdf,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CabSavedDocument *cab_offline_store_save_document_finish (CabOfflineStore     *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Reads document @id, checking it against the index's sha256: G_IO_ERROR_NOT_FOUND if it is
 * not saved, CAB_ERROR_INVALID_VALUE if the file no longer matches (it is then dropped from
 * the index). */
void             cab_offline_store_load_document_async  (CabOfflineStore     *self,
                                                         const char          *id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GBytes          *cab_offline_store_load_document_finish (CabOfflineStore     *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Removes document @id (its file and its index entry); G_IO_ERROR_NOT_FOUND if not saved. */
void             cab_offline_store_remove_document_async  (CabOfflineStore     *self,
                                                           const char          *id,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean         cab_offline_store_remove_document_finish (CabOfflineStore     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Removes every saved document of this user. */
void             cab_offline_store_remove_all_documents_async  (CabOfflineStore     *self,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
gboolean         cab_offline_store_remove_all_documents_finish (CabOfflineStore     *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);

/* --- The last signed-in user, one record per app under @root (NULL: the default root). --- */
gboolean         cab_offline_store_set_last_user      (const char       *root,
                                                       const char       *server_id,
                                                       const char       *login,
                                                       const char       *base_url,
                                                       GError          **error);
/* FALSE with G_IO_ERROR_NOT_FOUND when nobody signed in yet. @out_base_url may be NULL. */
gboolean         cab_offline_store_get_last_user      (const char       *root,
                                                       char            **out_server_id,
                                                       char            **out_login,
                                                       char            **out_base_url,
                                                       GError          **error);

/* Writes @contents to @path atomically (temp file in the same folder, fsync, rename), 0600. */
gboolean         cab_offline_store_write_file         (const char       *path,
                                                       const char       *contents,
                                                       gsize             length,
                                                       GError          **error);

G_END_DECLS
