/* cab-store.c: the storage interface; see cab-store.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#ifdef HAVE_POSTGRESQL
#include "cab-pg-store.h"
#endif
#include "cab-sqlite-store.h"
#include "cab-store.h"

G_DEFINE_INTERFACE (CabStore, cab_store, G_TYPE_OBJECT)

static void
cab_store_default_init (CabStoreInterface *iface)
{
}

void
cab_store_user_free (CabStoreUser *user)
{
  if (user == NULL)
    return;
  g_free (user->dp_code);
  g_free (user->login);
  g_free (user->email);
  g_free (user->phone);
  g_free (user->password_hash);
  g_free (user->temp_hash);
  g_free (user);
}

void
cab_store_document_free (CabStoreDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->account);
  g_free (doc->title);
  g_free (doc->file_name);
  g_free (doc->spec_json);
  g_free (doc->sha256);
  g_free (doc);
}

CabStoreEntryInfo *
cab_store_entry_info_new (gint64      id,
                          const char *number,
                          const char *title)
{
  CabStoreEntryInfo *info = g_new0 (CabStoreEntryInfo, 1);

  info->id = id;
  info->number = g_strdup (number);
  info->title = g_strdup (title);
  info->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_store_document_free);
  return info;
}

void
cab_store_entry_info_free (CabStoreEntryInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->number);
  g_free (info->title);
  g_clear_pointer (&info->documents, g_ptr_array_unref);
  g_free (info);
}

static int
compare_documents_by_id (gconstpointer a,
                         gconstpointer b)
{
  const CabStoreDocument *x = *(CabStoreDocument * const *) a;
  const CabStoreDocument *y = *(CabStoreDocument * const *) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

void
cab_store_entry_infos_sort_documents (GHashTable *infos)
{
  GHashTableIter iter;
  CabStoreEntryInfo *info;

  g_hash_table_iter_init (&iter, infos);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &info))
    if (info->documents->len > 1)
      g_ptr_array_sort (info->documents, compare_documents_by_id);
}

void
cab_store_partner_free (CabPartner *partner)
{
  if (partner == NULL)
    return;
  g_free (partner->dp_code);
  g_free (partner->name);
  g_free (partner->address);
  g_free (partner->contacts);
  g_free (partner);
}

#define IFACE(self) (CAB_STORE_GET_IFACE (self))

gboolean
cab_store_begin (CabStore *self, GError **error)
{
  return IFACE (self)->begin (self, error);
}

/* An import writes many rows in one transaction, locking each as it goes and each account's
 * months with its entries: two at once, meeting rows in different orders, could deadlock
 * (PostgreSQL would roll one back). So imports take turns; a store whose transactions
 * already exclude each other (SQLite's BEGIN IMMEDIATE) needs nothing more, and never
 * calls @waiting (SQLite waits its busy timeout, then fails). */
gboolean
cab_store_begin_import (CabStore            *self,
                        CabStoreWaitingFunc  waiting,
                        gpointer             user_data,
                        GError             **error)
{
  if (IFACE (self)->begin_import != NULL)
    return IFACE (self)->begin_import (self, waiting, user_data, error);
  return IFACE (self)->begin (self, error);
}

gboolean
cab_store_commit (CabStore *self, GError **error)
{
  return IFACE (self)->commit (self, error);
}

void
cab_store_rollback (CabStore *self)
{
  IFACE (self)->rollback (self);
}

gboolean
cab_store_is_empty (CabStore *self, GError **error)
{
  return IFACE (self)->is_empty (self, error);
}

gint64
cab_store_add_partner (CabStore *self, const CabPartner *partner, GError **error)
{
  return IFACE (self)->add_partner (self, partner, error);
}

gboolean
cab_store_add_account (CabStore          *self,
                       gint64             partner_id,
                       const CabContract *contract,
                       const GDate       *opening_date,
                       CabMoney           opening_balance,
                       GError           **error)
{
  return IFACE (self)->add_account (self, partner_id, contract, opening_date, opening_balance,
                                    error);
}

gboolean
cab_store_lookup_partner (CabStore    *self,
                          const char  *dp_code,
                          gint64      *out_partner_id,
                          gboolean    *out_has_user,
                          GError     **error)
{
  return IFACE (self)->lookup_partner (self, dp_code, out_partner_id, out_has_user, error);
}

gboolean
cab_store_lookup_account (CabStore    *self,
                          const char  *account,
                          gint64      *out_partner_id,
                          GError     **error)
{
  return IFACE (self)->lookup_account (self, account, out_partner_id, error);
}

CabPartner *
cab_store_get_partner (CabStore *self, gint64 partner_id, GError **error)
{
  return IFACE (self)->get_partner (self, partner_id, error);
}

GPtrArray *
cab_store_list_contracts (CabStore *self, gint64 partner_id, GError **error)
{
  return IFACE (self)->list_contracts (self, partner_id, error);
}

gint64
cab_store_create_user (CabStore    *self,
                       gint64       partner_id,
                       const char  *login,
                       const char  *email,
                       const char  *phone,
                       const char  *password_hash,
                       GError     **error)
{
  return IFACE (self)->create_user (self, partner_id, login, email, phone, password_hash, error);
}

CabStoreUser *
cab_store_get_user (CabStore *self, gint64 user_id, GError **error)
{
  return IFACE (self)->get_user (self, user_id, error);
}

CabStoreUser *
cab_store_get_user_by_login (CabStore *self, const char *login, GError **error)
{
  return IFACE (self)->get_user_by_login (self, login, error);
}

gboolean
cab_store_update_profile (CabStore    *self,
                          gint64       user_id,
                          const char  *login,
                          const char  *email,
                          const char  *phone,
                          const char  *password_hash,
                          GError     **error)
{
  return IFACE (self)->update_profile (self, user_id, login, email, phone, password_hash, error);
}

gboolean
cab_store_set_subscribed (CabStore *self, gint64 user_id, gboolean subscribed, GError **error)
{
  return IFACE (self)->set_subscribed (self, user_id, subscribed, error);
}

GStrv
cab_store_get_visible_accounts (CabStore *self, gint64 user_id, GError **error)
{
  return IFACE (self)->get_visible_accounts (self, user_id, error);
}

gboolean
cab_store_set_visible_accounts (CabStore            *self,
                                gint64               user_id,
                                const char * const  *accounts,
                                GError             **error)
{
  return IFACE (self)->set_visible_accounts (self, user_id, accounts, error);
}

gboolean
cab_store_set_temp_password (CabStore    *self,
                             gint64       user_id,
                             const char  *hash,
                             gint64       expires,
                             GError     **error)
{
  return IFACE (self)->set_temp_password (self, user_id, hash, expires, error);
}

gboolean
cab_store_promote_temp_password (CabStore *self, gint64 user_id, GError **error)
{
  return IFACE (self)->promote_temp_password (self, user_id, error);
}

gboolean
cab_store_create_session (CabStore    *self,
                          const char  *token_hash,
                          gint64       user_id,
                          gint64       now,
                          GError     **error)
{
  return IFACE (self)->create_session (self, token_hash, user_id, now, error);
}

gboolean
cab_store_touch_session (CabStore    *self,
                         const char  *token_hash,
                         gint64       now,
                         gint64       not_used_since,
                         gint64       created_after,
                         CabStoreUser **out_user,
                         GError     **error)
{
  return IFACE (self)->touch_session (self, token_hash, now, not_used_since, created_after,
                                      out_user, error);
}

gboolean
cab_store_delete_session (CabStore *self, const char *token_hash, GError **error)
{
  return IFACE (self)->delete_session (self, token_hash, error);
}

gboolean
cab_store_delete_other_sessions (CabStore    *self,
                                 gint64       user_id,
                                 const char  *keep_token_hash,
                                 GError     **error)
{
  return IFACE (self)->delete_other_sessions (self, user_id, keep_token_hash, error);
}

gint64
cab_store_add_entry (CabStore      *self,
                     const char    *account,
                     CabEntryKind   kind,
                     const GDate   *date,
                     CabMoney       amount,
                     const char    *number,
                     const char    *title,
                     GError       **error)
{
  CabEntry entry = { 0, };

  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  entry.kind = kind;
  entry.date = *date;
  entry.amount = amount;
  g_date_clear (&entry.period, 1);
  return IFACE (self)->add_entry (self, account, &entry, number, title, error);
}

static gboolean
entry_bills_energy (const CabEntry *entry)
{
  return entry->kind == CAB_ENTRY_INVOICE || entry->kind == CAB_ENTRY_CORRECTION;
}

gboolean
cab_store_entry_volume (const CabEntry *entry,
                        CabVolume      *out_wh)
{
  *out_wh = 0;
  if (!entry_bills_energy (entry) || !entry->has_volume)
    return FALSE;
  *out_wh = entry->volume;
  return TRUE;
}

guint32
cab_store_entry_period (const CabEntry *entry)
{
  GDate first;

  if (!entry_bills_energy (entry) || !g_date_valid (&entry->period))
    return 0;
  first = entry->period;
  g_date_set_day (&first, 1);
  return g_date_get_julian (&first);
}

void
cab_store_entry_set_stored (CabEntry *entry,
                            gboolean  has_volume,
                            gint64    volume_wh,
                            gint64    period_julian)
{
  /* A value the API could not carry (written by hand into the database) is left out. */
  entry->has_volume = has_volume && volume_wh >= -CAB_VOLUME_MAX && volume_wh <= CAB_VOLUME_MAX;
  entry->volume = entry->has_volume ? volume_wh : 0;
  g_date_clear (&entry->period, 1);
  if (period_julian > 0 && period_julian <= G_MAXUINT32
      && g_date_valid_julian ((guint32) period_julian))
    g_date_set_julian (&entry->period, (guint32) period_julian);
}

static gboolean
check_volume (const CabEntry  *entry,
              GError         **error)
{
  if (entry->has_volume && (entry->volume < -CAB_VOLUME_MAX || entry->volume > CAB_VOLUME_MAX))
    {
      g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                           "Volume out of range");
      return FALSE;
    }
  return TRUE;
}

gint64
cab_store_add_entry_full (CabStore        *self,
                          const char      *account,
                          const CabEntry  *entry,
                          const char      *number,
                          const char      *title,
                          GError         **error)
{
  g_return_val_if_fail (entry != NULL && g_date_valid (&entry->date), 0);

  if (!check_volume (entry, error))
    return 0;
  return IFACE (self)->add_entry (self, account, entry, number, title, error);
}

gint64
cab_store_add_document (CabStore         *self,
                        gint64            entry_id,
                        CabDocumentKind   kind,
                        const char       *title,
                        const char       *file_name,
                        const char       *spec_json,
                        GError          **error)
{
  return IFACE (self)->add_document (self, entry_id, kind, title, file_name, spec_json, error);
}

CabLedger *
cab_store_load_ledger (CabStore    *self,
                       const char  *account,
                       const GDate *until,
                       GError     **error)
{
  return IFACE (self)->load_ledger (self, account, until, error);
}

GHashTable *
cab_store_list_entry_infos (CabStore     *self,
                            const char   *account,
                            const GDate  *from,
                            const GDate  *to,
                            GError      **error)
{
  return IFACE (self)->list_entry_infos (self, account, from, to, error);
}

GPtrArray *
cab_store_list_documents (CabStore     *self,
                          const char   *account,
                          const GDate  *from,
                          const GDate  *to,
                          GError      **error)
{
  return IFACE (self)->list_documents (self, account, from, to, error);
}

CabStoreDocument *
cab_store_get_document (CabStore *self, gint64 id, GError **error)
{
  return IFACE (self)->get_document (self, id, error);
}

GBytes *
cab_store_get_document_pdf (CabStore *self, gint64 id, GError **error)
{
  return IFACE (self)->get_document_pdf (self, id, error);
}

gboolean
cab_store_set_document_pdf (CabStore    *self,
                            gint64       id,
                            GBytes      *pdf,
                            const char  *sha256,
                            GError     **error)
{
  return IFACE (self)->set_document_pdf (self, id, pdf, sha256, error);
}

GPtrArray *
cab_store_list_unrendered (CabStore *self, guint limit, GError **error)
{
  return IFACE (self)->list_unrendered (self, limit, error);
}

gint64
cab_store_add_feedback (CabStore    *self,
                        gint64       user_id,
                        const char  *client_id,
                        const char  *text,
                        const char  *file_name,
                        GBytes      *file,
                        gint64       now,
                        gboolean    *out_existed,
                        GError     **error)
{
  return IFACE (self)->add_feedback (self, user_id, client_id, text, file_name, file, now,
                                     out_existed, error);
}

GPtrArray *
cab_store_list_feedback (CabStore *self, gint64 user_id, GError **error)
{
  return IFACE (self)->list_feedback (self, user_id, error);
}

void
cab_store_feedback_free (CabStoreFeedback *feedback)
{
  if (feedback == NULL)
    return;
  g_free (feedback->login);
  g_free (feedback->dp_code);
  g_free (feedback->text);
  g_free (feedback->file_name);
  g_free (feedback);
}

/* ---- the supplier's desk ---- */

gint64
cab_store_upsert_partner (CabStore *self, const CabPartner *partner,
                          CabStoreChange *out_change, GError **error)
{
  return CAB_STORE_GET_IFACE (self)->upsert_partner (self, partner, out_change, error);
}

gboolean
cab_store_upsert_account (CabStore *self, gint64 partner_id, const CabContract *contract,
                          const GDate *opening_date, CabMoney opening_balance,
                          CabStoreChange *out_change, GError **error)
{
  return CAB_STORE_GET_IFACE (self)->upsert_account (self, partner_id, contract, opening_date,
                                                     opening_balance, out_change, error);
}

gint64
cab_store_upsert_entry (CabStore *self, const char *account, const CabEntry *entry,
                        const char *number, const char *title, CabStoreChange *out_change,
                        GError **error)
{
  g_return_val_if_fail (entry != NULL && g_date_valid (&entry->date), 0);

  if (!check_volume (entry, error))
    return 0;
  return CAB_STORE_GET_IFACE (self)->upsert_entry (self, account, entry, number, title,
                                                   out_change, error);
}

gint64
cab_store_find_entry (CabStore *self, const char *account, const char *number,
                      CabDocumentKind kind, GError **error)
{
  return CAB_STORE_GET_IFACE (self)->find_entry (self, account, number, kind, error);
}

char *
cab_store_get_document_sha256 (CabStore *self, gint64 entry_id, CabDocumentKind kind,
                               GError **error)
{
  return CAB_STORE_GET_IFACE (self)->get_document_sha256 (self, entry_id, kind, error);
}

gint64
cab_store_upsert_document (CabStore *self, gint64 entry_id, CabDocumentKind kind,
                           const char *title, const char *file_name, GBytes *pdf,
                           const char *sha256, CabStoreChange *out_change, GError **error)
{
  return CAB_STORE_GET_IFACE (self)->upsert_document (self, entry_id, kind, title, file_name,
                                                      pdf, sha256, out_change, error);
}

GPtrArray *
cab_store_list_all_feedback (CabStore *self, gboolean unanswered_only, GError **error)
{
  return CAB_STORE_GET_IFACE (self)->list_all_feedback (self, unanswered_only, error);
}

CabStoreFeedback *
cab_store_get_feedback (CabStore *self, gint64 id, GBytes **out_file, GError **error)
{
  return CAB_STORE_GET_IFACE (self)->get_feedback (self, id, out_file, error);
}

gboolean
cab_store_set_feedback_status (CabStore *self, gint64 id, CabFeedbackStatus status,
                               GError **error)
{
  return CAB_STORE_GET_IFACE (self)->set_feedback_status (self, id, status, error);
}

GPtrArray *
cab_store_list_users (CabStore *self, GError **error)
{
  return CAB_STORE_GET_IFACE (self)->list_users (self, error);
}

gboolean
cab_store_set_user_disabled (CabStore *self, gint64 user_id, gboolean disabled,
                             GError **error)
{
  return CAB_STORE_GET_IFACE (self)->set_user_disabled (self, user_id, disabled, error);
}

CabStoreUser *
cab_store_get_user_by_partner (CabStore *self, gint64 partner_id, GError **error)
{
  return CAB_STORE_GET_IFACE (self)->get_user_by_partner (self, partner_id, error);
}

CabSupplier *
cab_store_get_supplier (CabStore *self, GError **error)
{
  return CAB_STORE_GET_IFACE (self)->get_supplier (self, error);
}

gboolean
cab_store_set_supplier (CabStore *self, const CabSupplier *supplier, GError **error)
{
  return CAB_STORE_GET_IFACE (self)->set_supplier (self, supplier, error);
}

gboolean
cab_store_get_stats (CabStore *self, CabStoreStats *out_stats, GError **error)
{
  return CAB_STORE_GET_IFACE (self)->get_stats (self, out_stats, error);
}

void
cab_store_mail_free (CabStoreMail *mail)
{
  if (mail == NULL)
    return;
  g_free (mail->message_id);
  g_free (mail->recipient);
  g_free (mail->message);
  g_free (mail);
}

gint64
cab_store_enqueue_mail (CabStore    *self,
                        const char  *message_id,
                        const char  *recipient,
                        const char  *message,
                        gint64       now,
                        GError     **error)
{
  return IFACE (self)->enqueue_mail (self, message_id, recipient, message, now, error);
}

CabStoreMail *
cab_store_claim_due_mail (CabStore *self, gint64 now, gint64 lease_until, GError **error)
{
  return IFACE (self)->claim_due_mail (self, now, lease_until, error);
}

gboolean
cab_store_mark_mail_sent (CabStore *self, gint64 id, gint64 now, GError **error)
{
  return IFACE (self)->mark_mail_sent (self, id, now, error);
}

gboolean
cab_store_mark_mail_failed (CabStore    *self,
                            gint64       id,
                            gint64       next_attempt,
                            gboolean     give_up,
                            const char  *reason,
                            GError     **error)
{
  return IFACE (self)->mark_mail_failed (self, id, next_attempt, give_up, reason, error);
}

gint64
cab_store_count_queued_mail (CabStore *self, GError **error)
{
  return IFACE (self)->count_queued_mail (self, error);
}

gboolean
cab_store_limit_take (CabStore    *self,
                      const char  *bucket,
                      const char  *key,
                      guint        limit,
                      gint64       window,
                      gint64       now,
                      guint       *out_before,
                      GError     **error)
{
  return IFACE (self)->limit_take (self, bucket, key, limit, window, now, out_before, error);
}

GArray *
cab_store_limit_times (CabStore    *self,
                       const char  *bucket,
                       const char  *key,
                       gint64       window,
                       gint64       now,
                       GError     **error)
{
  return IFACE (self)->limit_times (self, bucket, key, window, now, error);
}

gboolean
cab_store_limit_forget (CabStore    *self,
                        const char  *bucket,
                        const char  *key,
                        gint64       at,
                        GError     **error)
{
  return IFACE (self)->limit_forget (self, bucket, key, at, error);
}

gboolean
cab_store_limit_sweep (CabStore *self, gint64 now, GError **error)
{
  return IFACE (self)->limit_sweep (self, now, error);
}

gboolean
cab_store_spec_is_postgresql (const char *spec)
{
  return spec != NULL
         && (g_str_has_prefix (spec, "postgresql://") || g_str_has_prefix (spec, "postgres://")
             || g_regex_match_simple ("^\\s*[a-z_]+\\s*=", spec, 0, 0));
}

#ifndef HAVE_POSTGRESQL
/* A build without libpq (the Flatpak's bundled demo server) says so, rather than take the
 * address for an SQLite file name. */
static CabStore *
no_postgresql (GError **error)
{
  g_set_error_literal (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                       "this build has no PostgreSQL support (meson -Dpostgresql=enabled)");
  return NULL;
}
#endif

CabStore *
cab_store_open (const char  *spec,
                GError     **error)
{
  if (cab_store_spec_is_postgresql (spec))
#ifdef HAVE_POSTGRESQL
    return (CabStore *) cab_pg_store_new (spec, error);
#else
    return no_postgresql (error);
#endif
  return (CabStore *) cab_sqlite_store_new (spec, error);
}

CabStore *
cab_store_open_reader (const char  *spec,
                       GError     **error)
{
  if (cab_store_spec_is_postgresql (spec))
#ifdef HAVE_POSTGRESQL
    return (CabStore *) cab_pg_store_new_reader (spec, error);
#else
    return no_postgresql (error);
#endif
  return (CabStore *) cab_sqlite_store_new (spec, error);
}

CabLedger *
cab_store_load_ledger_since (CabStore       *self,
                             const char     *account,
                             const GDate    *since,
                             const GDate    *until,
                             CabLedgerFold   fold,
                             gint64         *out_partner_id,
                             GError        **error)
{
  gint64 partner_id = 0;

  g_return_val_if_fail (since != NULL && g_date_valid (since), NULL);
  g_return_val_if_fail (until == NULL || g_date_valid (until), NULL);

  return IFACE (self)->load_ledger_since (self, account, since, until, fold,
                                          out_partner_id != NULL ? out_partner_id : &partner_id,
                                          error);
}

void
cab_store_expect_ledger_since (CabStore      *self,
                               const char    *token_hash,
                               const char    *account,
                               const GDate   *since,
                               const GDate   *until,
                               CabLedgerFold  fold)
{
  g_return_if_fail (token_hash != NULL);
  g_return_if_fail (since != NULL && g_date_valid (since));
  g_return_if_fail (until == NULL || g_date_valid (until));

  if (IFACE (self)->expect_ledger_since != NULL)
    IFACE (self)->expect_ledger_since (self, token_hash, account, since, until, fold);
}

void
cab_store_expect_entry_infos (CabStore    *self,
                              const char  *token_hash,
                              const char  *account,
                              const GDate *from,
                              const GDate *to)
{
  g_return_if_fail (token_hash != NULL);

  if (IFACE (self)->expect_entry_infos != NULL)
    IFACE (self)->expect_entry_infos (self, token_hash, account, from, to);
}

void
cab_store_forget_expected (CabStore *self)
{
  if (IFACE (self)->forget_expected != NULL)
    IFACE (self)->forget_expected (self);
}
