/* cab-store.h: everything the routes keep, behind one interface. Routes never see SQL, so a
 * second backend (PostgreSQL for a supplier with many clients) needs no change to them.
 *
 * Every call is synchronous and runs on the main thread; they are short indexed look-ups.
 * Times are Unix seconds (the server's clock, see cab_server_now()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-core.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  gint64    partner_id;
  char     *dp_code;
  char     *login;
  char     *email;
  char     *phone;                 /* NULL when none */
  gboolean  subscribed;
  gboolean  must_change_password;
  char     *password_hash;
  gint64    password_expires;      /* 0: never (set while a temporary password is in use) */
  char     *temp_hash;             /* a mailed temporary password not used yet, or NULL */
  gint64    temp_expires;
  gboolean  disabled;              /* by the supplier: cannot sign in */
} CabStoreUser;

void          cab_store_user_free         (CabStoreUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabStoreUser, cab_store_user_free)

typedef struct
{
  gint64           id;
  gint64           entry_id;       /* the ledger entry it belongs to */
  char            *account;
  CabDocumentKind  kind;
  char            *title;
  char            *file_name;
  char            *spec_json;      /* what the scan renderer needs; NULL if none */
  char            *sha256;         /* NULL until rendered */
  gint64           size;           /* -1 until rendered */
} CabStoreDocument;

void          cab_store_document_free     (CabStoreDocument *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabStoreDocument, cab_store_document_free)

typedef struct
{
  gint64     id;
  char      *number;
  char      *title;
  GPtrArray *documents;   /* CabStoreDocument of the entry, by id */
} CabStoreEntryInfo;

CabStoreEntryInfo *cab_store_entry_info_new (gint64 id, const char *number, const char *title);
void          cab_store_entry_info_free   (CabStoreEntryInfo *info);
/* Orders each info's documents by id (for the stores: a join gives them in any order). */
void          cab_store_entry_infos_sort_documents (GHashTable *infos);

/* What an import's upsert did to a row. */
typedef enum
{
  CAB_STORE_UNCHANGED,
  CAB_STORE_ADDED,
  CAB_STORE_CHANGED,
} CabStoreChange;

/* A feedback message as the supplier reads it. */
typedef struct
{
  gint64             id;
  gint64             user_id;
  char              *login;
  char              *dp_code;
  gint64             created_at;   /* Unix seconds */
  char              *text;
  char              *file_name;    /* NULL when none */
  gint64             file_size;    /* -1 when none */
  CabFeedbackStatus  status;
} CabStoreFeedback;

void          cab_store_feedback_free     (CabStoreFeedback *feedback);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabStoreFeedback, cab_store_feedback_free)

typedef struct
{
  gint64 partners;
  gint64 accounts;
  gint64 users;
  gint64 entries;
  gint64 documents;
  gint64 unanswered_feedback;
  gint64 queued_mail;
} CabStoreStats;
/* A queued message being delivered (see cab-mail-queue.h). */
typedef struct
{
  gint64   id;
  char    *message_id;     /* "<...>", the relay's and the reader's de-duplication key */
  char    *recipient;
  char    *message;        /* RFC 5322 text, every header but From: */
  gint64   created_at;
  guint    attempts;       /* this one included */
} CabStoreMail;

void          cab_store_mail_free         (CabStoreMail *mail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabStoreMail, cab_store_mail_free)

#define CAB_TYPE_STORE (cab_store_get_type ())
G_DECLARE_INTERFACE (CabStore, cab_store, CAB, STORE, GObject)

/* How cab_store_load_ledger_since() sums the entries of the months before its day's into
 * the opening balance. */
typedef enum
{
  /* Charges - payments, an advance bill only when no invoice is dated in its month: the
   * debt and the recommended payment on a day whose cab_debt_settled_before() is @since. */
  CAB_LEDGER_FOLD_DEBT,
  /* Invoices and corrections - payments, no advance bills: the statement's opening balance
   * on @since (cab_statement_compute()). */
  CAB_LEDGER_FOLD_STATEMENT,
} CabLedgerFold;

/* Told that the store waits for another's turn (cab_store_begin_import()). */
typedef void (*CabStoreWaitingFunc) (gpointer user_data);

struct _CabStoreInterface
{
  GTypeInterface parent_iface;

  gboolean      (*begin)                  (CabStore *self, GError **error);
  /* Optional: begin as an import, waiting for any other import's transaction to end (calling
   * @waiting first, when it must). */
  gboolean      (*begin_import)           (CabStore *self, CabStoreWaitingFunc waiting,
                                           gpointer user_data, GError **error);
  gboolean      (*commit)                 (CabStore *self, GError **error);
  void          (*rollback)               (CabStore *self);
  gboolean      (*is_empty)               (CabStore *self, GError **error);

  /* Partners and accounts */
  gint64        (*add_partner)            (CabStore *self, const CabPartner *partner,
                                           GError **error);
  gboolean      (*add_account)            (CabStore *self, gint64 partner_id,
                                           const CabContract *contract,
                                           const GDate *opening_date, CabMoney opening_balance,
                                           GError **error);
  /* FALSE with no error when unknown. */
  gboolean      (*lookup_partner)         (CabStore *self, const char *dp_code,
                                           gint64 *out_partner_id, gboolean *out_has_user,
                                           GError **error);
  gboolean      (*lookup_account)         (CabStore *self, const char *account,
                                           gint64 *out_partner_id, GError **error);
  CabPartner   *(*get_partner)            (CabStore *self, gint64 partner_id, GError **error);
  GPtrArray    *(*list_contracts)         (CabStore *self, gint64 partner_id, GError **error);

  /* Users */
  gint64        (*create_user)            (CabStore *self, gint64 partner_id, const char *login,
                                           const char *email, const char *phone,
                                           const char *password_hash, GError **error);
  CabStoreUser *(*get_user)               (CabStore *self, gint64 user_id, GError **error);
  CabStoreUser *(*get_user_by_login)      (CabStore *self, const char *login, GError **error);
  gboolean      (*update_profile)         (CabStore *self, gint64 user_id, const char *login,
                                           const char *email, const char *phone,
                                           const char *password_hash, GError **error);
  gboolean      (*set_subscribed)         (CabStore *self, gint64 user_id, gboolean subscribed,
                                           GError **error);
  GStrv         (*get_visible_accounts)   (CabStore *self, gint64 user_id, GError **error);
  gboolean      (*set_visible_accounts)   (CabStore *self, gint64 user_id,
                                           const char * const *accounts, GError **error);
  gboolean      (*set_temp_password)      (CabStore *self, gint64 user_id, const char *hash,
                                           gint64 expires, GError **error);
  gboolean      (*promote_temp_password)  (CabStore *self, gint64 user_id, GError **error);

  /* Sessions, by the SHA-256 of the token */
  gboolean      (*create_session)         (CabStore *self, const char *token_hash,
                                           gint64 user_id, gint64 now, GError **error);
  gboolean      (*touch_session)          (CabStore *self, const char *token_hash,
                                           gint64 now, gint64 not_used_since,
                                           gint64 created_after,
                                           CabStoreUser **out_user, GError **error);
  gboolean      (*delete_session)         (CabStore *self, const char *token_hash,
                                           GError **error);
  gboolean      (*delete_other_sessions)  (CabStore *self, gint64 user_id,
                                           const char *keep_token_hash, GError **error);

  /* Ledger and documents */
  gint64        (*add_entry)              (CabStore *self, const char *account,
                                           const CabEntry *entry, const char *number,
                                           const char *title, GError **error);
  gint64        (*add_document)           (CabStore *self, gint64 entry_id, CabDocumentKind kind,
                                           const char *title, const char *file_name,
                                           const char *spec_json, GError **error);
  CabLedger    *(*load_ledger)            (CabStore *self, const char *account,
                                           const GDate *until, GError **error);
  GHashTable   *(*list_entry_infos)       (CabStore *self, const char *account,
                                           const GDate *from, const GDate *to, GError **error);
  GPtrArray    *(*list_documents)         (CabStore *self, const char *account,
                                           const GDate *from, const GDate *to, GError **error);
  CabStoreDocument *(*get_document)       (CabStore *self, gint64 id, GError **error);
  GBytes       *(*get_document_pdf)       (CabStore *self, gint64 id, GError **error);
  gboolean      (*set_document_pdf)       (CabStore *self, gint64 id, GBytes *pdf,
                                           const char *sha256, GError **error);
  GPtrArray    *(*list_unrendered)        (CabStore *self, guint limit, GError **error);

  /* Feedback */
  gint64        (*add_feedback)           (CabStore *self, gint64 user_id, const char *client_id,
                                           const char *text, const char *file_name,
                                           GBytes *file, gint64 now, gboolean *out_existed,
                                           GError **error);
  GPtrArray    *(*list_feedback)          (CabStore *self, gint64 user_id, GError **error);

  /* The supplier's desk (tek-cabinet-admin) */
  gint64        (*upsert_partner)         (CabStore *self, const CabPartner *partner,
                                           CabStoreChange *out_change, GError **error);
  gboolean      (*upsert_account)         (CabStore *self, gint64 partner_id,
                                           const CabContract *contract,
                                           const GDate *opening_date, CabMoney opening_balance,
                                           CabStoreChange *out_change, GError **error);
  gint64        (*upsert_entry)           (CabStore *self, const char *account,
                                           const CabEntry *entry, const char *number,
                                           const char *title, CabStoreChange *out_change,
                                           GError **error);
  gint64        (*find_entry)             (CabStore *self, const char *account,
                                           const char *number, CabDocumentKind kind,
                                           GError **error);
  char         *(*get_document_sha256)    (CabStore *self, gint64 entry_id, CabDocumentKind kind,
                                           GError **error);
  gint64        (*upsert_document)        (CabStore *self, gint64 entry_id, CabDocumentKind kind,
                                           const char *title, const char *file_name, GBytes *pdf,
                                           const char *sha256, CabStoreChange *out_change,
                                           GError **error);
  GPtrArray    *(*list_all_feedback)      (CabStore *self, gboolean unanswered_only,
                                           GError **error);
  CabStoreFeedback *(*get_feedback)       (CabStore *self, gint64 id, GBytes **out_file,
                                           GError **error);
  gboolean      (*set_feedback_status)    (CabStore *self, gint64 id, CabFeedbackStatus status,
                                           GError **error);
  GPtrArray    *(*list_users)             (CabStore *self, GError **error);
  gboolean      (*set_user_disabled)      (CabStore *self, gint64 user_id, gboolean disabled,
                                           GError **error);
  CabStoreUser *(*get_user_by_partner)    (CabStore *self, gint64 partner_id, GError **error);
  CabSupplier  *(*get_supplier)           (CabStore *self, GError **error);
  gboolean      (*set_supplier)           (CabStore *self, const CabSupplier *supplier,
                                           GError **error);
  gboolean      (*get_stats)              (CabStore *self, CabStoreStats *out_stats,
                                           GError **error);
  /* Mail queue */
  gint64        (*enqueue_mail)           (CabStore *self, const char *message_id,
                                           const char *recipient, const char *message,
                                           gint64 now, GError **error);
  CabStoreMail *(*claim_due_mail)         (CabStore *self, gint64 now, gint64 lease_until,
                                           GError **error);
  gboolean      (*mark_mail_sent)         (CabStore *self, gint64 id, gint64 now,
                                           GError **error);
  gboolean      (*mark_mail_failed)       (CabStore *self, gint64 id, gint64 next_attempt,
                                           gboolean give_up, const char *reason,
                                           GError **error);
  gint64        (*count_queued_mail)      (CabStore *self, GError **error);

  /* Rate limits (cab-rate-limiter.c) */
  gboolean      (*limit_take)             (CabStore *self, const char *bucket, const char *key,
                                           guint limit, gint64 window, gint64 now,
                                           guint *out_before, GError **error);
  GArray       *(*limit_times)            (CabStore *self, const char *bucket, const char *key,
                                           gint64 window, gint64 now, GError **error);
  gboolean      (*limit_forget)           (CabStore *self, const char *bucket, const char *key,
                                           gint64 at, GError **error);
  gboolean      (*limit_sweep)            (CabStore *self, gint64 now, GError **error);

  /* The hot reads of the balance and statement routes */
  CabLedger    *(*load_ledger_since)      (CabStore *self, const char *account,
                                           const GDate *since, const GDate *until,
                                           CabLedgerFold fold, gint64 *out_partner_id,
                                           GError **error);
  /* Optional (cab_store_expect_ledger_since()) */
  void          (*expect_ledger_since)    (CabStore *self, const char *token_hash,
                                           const char *account, const GDate *since,
                                           const GDate *until, CabLedgerFold fold);
  void          (*expect_entry_infos)     (CabStore *self, const char *token_hash,
                                           const char *account, const GDate *from,
                                           const GDate *to);
  void          (*forget_expected)        (CabStore *self);
};

gboolean      cab_store_begin             (CabStore *self, GError **error);
gboolean      cab_store_begin_import      (CabStore *self, CabStoreWaitingFunc waiting,
                                           gpointer user_data, GError **error);
gboolean      cab_store_commit            (CabStore *self, GError **error);
void          cab_store_rollback          (CabStore *self);
gboolean      cab_store_is_empty          (CabStore *self, GError **error);

gint64        cab_store_add_partner       (CabStore *self, const CabPartner *partner,
                                           GError **error);
gboolean      cab_store_add_account       (CabStore *self, gint64 partner_id,
                                           const CabContract *contract,
                                           const GDate *opening_date, CabMoney opening_balance,
                                           GError **error);
gboolean      cab_store_lookup_partner    (CabStore *self, const char *dp_code,
                                           gint64 *out_partner_id, gboolean *out_has_user,
                                           GError **error);
gboolean      cab_store_lookup_account    (CabStore *self, const char *account,
                                           gint64 *out_partner_id, GError **error);
CabPartner   *cab_store_get_partner       (CabStore *self, gint64 partner_id, GError **error);
void          cab_store_partner_free      (CabPartner *partner);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CabPartner, cab_store_partner_free)
GPtrArray    *cab_store_list_contracts    (CabStore *self, gint64 partner_id, GError **error);

/* CAB_ERROR_ALREADY_REGISTERED if the partner has a user, CAB_ERROR_LOGIN_TAKEN if the
 * login is another user's. Visible accounts start as all of the partner's. */
gint64        cab_store_create_user       (CabStore *self, gint64 partner_id, const char *login,
                                           const char *email, const char *phone,
                                           const char *password_hash, GError **error);
CabStoreUser *cab_store_get_user          (CabStore *self, gint64 user_id, GError **error);
CabStoreUser *cab_store_get_user_by_login (CabStore *self, const char *login, GError **error);
/* @login and @password_hash may be NULL (unchanged); @phone is stored as given (NULL clears).
 * A new password clears must_change_password, the expiry and any mailed temporary one.
 * CAB_ERROR_LOGIN_TAKEN when @login is another user's. */
gboolean      cab_store_update_profile    (CabStore *self, gint64 user_id, const char *login,
                                           const char *email, const char *phone,
                                           const char *password_hash, GError **error);
gboolean      cab_store_set_subscribed    (CabStore *self, gint64 user_id, gboolean subscribed,
                                           GError **error);
GStrv         cab_store_get_visible_accounts (CabStore *self, gint64 user_id, GError **error);
gboolean      cab_store_set_visible_accounts (CabStore *self, gint64 user_id,
                                           const char * const *accounts, GError **error);
gboolean      cab_store_set_temp_password (CabStore *self, gint64 user_id, const char *hash,
                                           gint64 expires, GError **error);
/* The temporary password becomes the password (expiring when it would have), and the user
 * must change it. */
gboolean      cab_store_promote_temp_password (CabStore *self, gint64 user_id, GError **error);

gboolean      cab_store_create_session    (CabStore *self, const char *token_hash,
                                           gint64 user_id, gint64 now, GError **error);
/* TRUE and the user when the session exists, was used after @not_used_since and created
 * after @created_after; then its last use becomes @now. FALSE with no error otherwise (an
 * expired one is removed; a session of no user is not found). */
gboolean      cab_store_touch_session     (CabStore *self, const char *token_hash,
                                           gint64 now, gint64 not_used_since,
                                           gint64 created_after,
                                           CabStoreUser **out_user, GError **error);
gboolean      cab_store_delete_session    (CabStore *self, const char *token_hash,
                                           GError **error);
/* Ends every session of @user_id but @keep_token_hash's (NULL: all of them). */
gboolean      cab_store_delete_other_sessions (CabStore *self, gint64 user_id,
                                           const char *keep_token_hash, GError **error);

gint64        cab_store_add_entry         (CabStore *self, const char *account, CabEntryKind kind,
                                           const GDate *date, CabMoney amount, const char *number,
                                           const char *title, GError **error);
/* The same with @entry's volume and period (kept for invoices and corrections only; see
 * cab_ledger_add_entry()); its id is ignored. */
gint64        cab_store_add_entry_full    (CabStore *self, const char *account,
                                           const CabEntry *entry, const char *number,
                                           const char *title, GError **error);
gint64        cab_store_add_document      (CabStore *self, gint64 entry_id, CabDocumentKind kind,
                                           const char *title, const char *file_name,
                                           const char *spec_json, GError **error);
/* For the stores: what they keep of an entry. The volume (FALSE when none, and for kinds
 * that bill no energy); the billed month as its first day's Julian day (0 when none). */
gboolean      cab_store_entry_volume      (const CabEntry *entry, CabVolume *out_wh);
guint32       cab_store_entry_period      (const CabEntry *entry);
/* The other way, from a row: a volume or month out of range is left out. */
void          cab_store_entry_set_stored  (CabEntry *entry, gboolean has_volume,
                                           gint64 volume_wh, gint64 period_julian);
/* The account's ledger with CabEntry.id = the entry's row id; with @until, only the entries
 * dated before it (all that a balance on the day before, or a period ending there, reads). */
CabLedger    *cab_store_load_ledger       (CabStore *self, const char *account,
                                           const GDate *until, GError **error);
/* Entry id (gint64 *) -> CabStoreEntryInfo, its documents with it, for entries with
 * from <= date < to. */
GHashTable   *cab_store_list_entry_infos  (CabStore *self, const char *account,
                                           const GDate *from, const GDate *to, GError **error);
/* CabStoreDocument of the entries with from <= date < to, by entry then id. */
GPtrArray    *cab_store_list_documents    (CabStore *self, const char *account,
                                           const GDate *from, const GDate *to, GError **error);
CabStoreDocument *cab_store_get_document  (CabStore *self, gint64 id, GError **error);
GBytes       *cab_store_get_document_pdf  (CabStore *self, gint64 id, GError **error);
gboolean      cab_store_set_document_pdf  (CabStore *self, gint64 id, GBytes *pdf,
                                           const char *sha256, GError **error);
/* Up to @limit documents whose PDF is not rendered yet. */
GPtrArray    *cab_store_list_unrendered   (CabStore *self, guint limit, GError **error);

/* A second call with the same (@user_id, @client_id) stores nothing and answers the first
 * id with *@out_existed = TRUE. */
gint64        cab_store_add_feedback      (CabStore *self, gint64 user_id, const char *client_id,
                                           const char *text, const char *file_name,
                                           GBytes *file, gint64 now, gboolean *out_existed,
                                           GError **error);
/* CabFeedbackMessage, newest first. */
GPtrArray    *cab_store_list_feedback     (CabStore *self, gint64 user_id, GError **error);

/* ---- the supplier's desk (tek-cabinet-admin) ---- */

/* Inserts @partner by its dp_code, or updates its name, address and contacts when they
 * differ; *@out_change says which. Returns the partner's id, 0 on error. */
gint64        cab_store_upsert_partner    (CabStore *self, const CabPartner *partner,
                                           CabStoreChange *out_change, GError **error);
/* By the account number. An existing account keeps its terms of payment. */
gboolean      cab_store_upsert_account    (CabStore *self, gint64 partner_id,
                                           const CabContract *contract,
                                           const GDate *opening_date, CabMoney opening_balance,
                                           CabStoreChange *out_change, GError **error);
/* By (account, @entry's kind, number, date); the amount, title, volume and period are updated
 * when they differ (volume and period kept for invoices and corrections only). Returns the
 * entry's id, 0 on error. */
gint64        cab_store_upsert_entry      (CabStore *self, const char *account,
                                           const CabEntry *entry, const char *number,
                                           const char *title, CabStoreChange *out_change,
                                           GError **error);
/* The latest entry of @account numbered @number whose kind carries documents of @kind;
 * 0 with no error when there is none. */
gint64        cab_store_find_entry        (CabStore *self, const char *account,
                                           const char *number, CabDocumentKind kind,
                                           GError **error);
/* The stored file's sha256 of the entry's document of @kind; NULL with no error when none. */
char         *cab_store_get_document_sha256 (CabStore *self, gint64 entry_id,
                                           CabDocumentKind kind, GError **error);
/* By (entry, kind). @pdf is stored once per @sha256; a document whose sha256 is already
 * @sha256 is unchanged. */
gint64        cab_store_upsert_document   (CabStore *self, gint64 entry_id, CabDocumentKind kind,
                                           const char *title, const char *file_name, GBytes *pdf,
                                           const char *sha256, CabStoreChange *out_change,
                                           GError **error);
/* CabStoreFeedback of every user, oldest first. */
GPtrArray    *cab_store_list_all_feedback (CabStore *self, gboolean unanswered_only,
                                           GError **error);
/* @out_file (may be NULL) gets the attachment, NULL when none. CAB_ERROR_NOT_FOUND. */
CabStoreFeedback *cab_store_get_feedback  (CabStore *self, gint64 id, GBytes **out_file,
                                           GError **error);
gboolean      cab_store_set_feedback_status (CabStore *self, gint64 id,
                                           CabFeedbackStatus status, GError **error);
/* CabStoreUser of every user, by login. */
GPtrArray    *cab_store_list_users        (CabStore *self, GError **error);
/* Disabling also ends every session of the user. */
gboolean      cab_store_set_user_disabled (CabStore *self, gint64 user_id, gboolean disabled,
                                           GError **error);
/* NULL with no error when the partner has no user. */
CabStoreUser *cab_store_get_user_by_partner (CabStore *self, gint64 partner_id,
                                           GError **error);
/* Never NULL without an error: an unset supplier has every field NULL. */
CabSupplier  *cab_store_get_supplier      (CabStore *self, GError **error);
gboolean      cab_store_set_supplier      (CabStore *self, const CabSupplier *supplier,
                                           GError **error);
gboolean      cab_store_get_stats         (CabStore *self, CabStoreStats *out_stats,
                                           GError **error);
/* Mail queue. The text is stored until it is sent (a temporary password is in it). */
gint64        cab_store_enqueue_mail      (CabStore *self, const char *message_id,
                                           const char *recipient, const char *message,
                                           gint64 now, GError **error);
/* The oldest message due at @now, or NULL (no error) when none is. Claiming is atomic and
 * makes the message due again only at @lease_until (and counts an attempt): a second worker
 * does not take it, and a worker that dies while sending leaves it to be retried then. */
CabStoreMail *cab_store_claim_due_mail    (CabStore *self, gint64 now, gint64 lease_until,
                                           GError **error);
gboolean      cab_store_mark_mail_sent    (CabStore *self, gint64 id, gint64 now,
                                           GError **error);
/* Due again at @next_attempt, or with @give_up never again (kept, with @reason). */
gboolean      cab_store_mark_mail_failed  (CabStore *self, gint64 id, gint64 next_attempt,
                                           gboolean give_up, const char *reason,
                                           GError **error);
/* Messages not sent yet and not given up. */
gint64        cab_store_count_queued_mail (CabStore *self, GError **error);

/* Rate limits: the times of the events of (@bucket, @key), in a sliding window; shared by
 * every instance on the store. */
#define CAB_STORE_LIMIT_NONE G_MAXUINT
/* Atomically (one statement: two instances never both pass the limit): when fewer than
 * @limit events of (@bucket, @key) are later than @now - @window, adds one at @now and
 * returns TRUE with *@out_before (may be NULL) the number there was; else FALSE with no
 * error, and nothing changes. CAB_STORE_LIMIT_NONE: always adds. At most the newest
 * CAB_STORE_LIMIT_KEPT events are kept per key. */
#define CAB_STORE_LIMIT_KEPT 256
gboolean      cab_store_limit_take        (CabStore *self, const char *bucket, const char *key,
                                           guint limit, gint64 window, gint64 now,
                                           guint *out_before, GError **error);
/* The times of the events later than @now - @window (gint64, in no particular order); NULL
 * only with an error. */
GArray       *cab_store_limit_times       (CabStore *self, const char *bucket, const char *key,
                                           gint64 window, gint64 now, GError **error);
/* Removes one event at @at (when there is one), or with @at < 0 all of the key's. */
gboolean      cab_store_limit_forget      (CabStore *self, const char *bucket, const char *key,
                                           gint64 at, GError **error);
/* Drops the keys whose last event left its window before @now: the table stays bounded. */
gboolean      cab_store_limit_sweep       (CabStore *self, gint64 now, GError **error);

/* The store that @spec names: a PostgreSQL database for a postgresql:// or postgres:// URI or
 * a libpq key=value string, else an SQLite file (created if missing). Migrated to this
 * build's schema; an error if the schema is newer. The server and the admin tool open their
 * stores here, so neither knows which kind it has. */
CabStore     *cab_store_open              (const char *spec, GError **error);
/* Another connection to the store @spec names, for a worker thread (no migration). */
CabStore     *cab_store_open_reader       (const char *spec, GError **error);
/* The schema version this build migrates to. */
guint         cab_store_schema_version    (void);
/* The schema version of the store @spec names, changing nothing: 0 for an empty database.
 * An SQLite file must exist (CAB_ERROR_NOT_FOUND). */
gboolean      cab_store_peek_schema_version (const char *spec, guint *out_version,
                                           GError **error);
/* Whether @spec names a PostgreSQL database (then it is no file path). */
gboolean      cab_store_spec_is_postgresql (const char *spec);

/* The account's ledger with only the entries dated from the first day of @since's month to
 * before @until (all later ones when NULL), CabEntry.id = the row id, opened with the
 * account's opening balance plus the entries of the months before as @fold sums them (the
 * stores keep them summed by month): what a balance or a statement reads, without the older
 * years. @out_partner_id (may be NULL): the account's partner, as
 * cab_store_lookup_account() gives it, read on the way. CAB_ERROR_NOT_FOUND for no account. */
CabLedger    *cab_store_load_ledger_since (CabStore *self, const char *account,
                                           const GDate *since, const GDate *until,
                                           CabLedgerFold fold, gint64 *out_partner_id,
                                           GError **error);
/* Hints that the next reads, once the caller has checked @token_hash (touch_session), will
 * be these: a store that talks to its database in round trips sends them with the token's
 * check and answers them from what came back. What is read ahead is only what the token's
 * partner may see (nothing for an unknown token or another partner's account), is
 * answered to nothing but the same call with the same arguments, and is forgotten at the
 * store's next other statement or cab_store_forget_expected(). Stores without round trips
 * ignore them. @until as cab_store_load_ledger_since() takes it. */
void          cab_store_expect_ledger_since (CabStore *self, const char *token_hash,
                                           const char *account, const GDate *since,
                                           const GDate *until, CabLedgerFold fold);
void          cab_store_expect_entry_infos (CabStore *self, const char *token_hash,
                                           const char *account, const GDate *from,
                                           const GDate *to);
void          cab_store_forget_expected   (CabStore *self);

G_END_DECLS
