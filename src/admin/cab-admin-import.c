/* cab-admin-import.c: the billing system's export into the store; see docs/import.md.
 *
 * Each file is streamed (64 KiB reads through the CSV reader), each row validated with the
 * core rules and upserted at once inside the run's one transaction: later files see earlier
 * rows (an entry's account may come from accounts.csv of the same run), memory stays flat,
 * and any wrong row rolls the whole run back. A dry run is the same run, rolled back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>

#include "cab-admin-import.h"
#include "cab-admin-import-values.h"
#include "cab-mail-queue.h"

#define MAX_REPORTED_ERRORS 100
#define MAX_TEXT_CHARS      1000
#define MAX_NUMBER_CHARS    100
#define MAX_PDF_BYTES       ((gsize) 50 * 1024 * 1024)
#define MAX_LISTED_PER_MAIL 30
#define READ_CHUNK          (64 * 1024)

typedef struct
{
  const char *name;
  gboolean    required;
} Column;

typedef struct _Import Import;
typedef struct _FileState FileState;

typedef gboolean (*RowFunc) (Import *im, FileState *f, GError **error);

typedef struct
{
  const char   *file_name;
  const Column *columns;
  RowFunc       row;
} FileSpec;

#define MAX_COLUMNS 16

struct _FileState
{
  const FileSpec      *spec;
  int                  index[MAX_COLUMNS];   /* spec column -> field index, -1 when absent */
  guint                n_header_fields;
  gboolean             header_seen;
  gboolean             header_ok;
  const char * const  *fields;
  guint                n_fields;
  guint64              line;
  guint64              rows;
  guint64              added;
  guint64              changed;
};

/* What a partner gained, for its user's mail. */
typedef struct
{
  guint      count;
  GPtrArray *lines;   /* up to MAX_LISTED_PER_MAIL */
} Gained;

struct _Import
{
  CabStore                     *store;
  const CabAdminImportOptions  *options;
  const char                   *dir;
  guint                         n_errors;
  gboolean                      progress_shown;
  GHashTable                   *gained;        /* partner id (gint64 *) -> Gained */
  char                         *last_account;  /* a one-entry cache of account -> partner */
  gint64                        last_partner_id;
};

static void
gained_free (Gained *g)
{
  g_ptr_array_unref (g->lines);
  g_free (g);
}

static void
clear_progress (Import *im)
{
  if (im->progress_shown)
    {
      fputs ("\r\033[K", stderr);
      im->progress_shown = FALSE;
    }
}

static void report (Import *im, FileState *f, const char *column, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

/* One wrong thing in a row: "FILE:LINE: column: what is wrong". */
static void
report (Import      *im,
        FileState   *f,
        const char  *column,
        const char  *format,
        ...)
{
  va_list args;
  g_autofree char *what = NULL;

  im->n_errors++;
  if (im->n_errors > MAX_REPORTED_ERRORS)
    return;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  clear_progress (im);
  if (column != NULL)
    fprintf (stderr, "%s:%" G_GUINT64_FORMAT ": %s: %s\n", f->spec->file_name, f->line, column,
             what);
  else
    fprintf (stderr, "%s:%" G_GUINT64_FORMAT ": %s\n", f->spec->file_name, f->line, what);
}

/* ---- fields ---- */

/* The value of spec column @col, or NULL when the file has no such column. An empty value
 * of an optional column is NULL too. */
static const char *
field (FileState *f,
       guint      col)
{
  int i = f->index[col];
  const char *value;

  if (i < 0)
    return NULL;
  value = f->fields[i];
  if (*value == '\0' && !f->spec->columns[col].required)
    return NULL;
  return value;
}

static const char *
column_name (FileState *f,
             guint      col)
{
  return f->spec->columns[col].name;
}

/* A required text: present, not empty, not too long. */
static const char *
text_field (Import    *im,
            FileState *f,
            guint      col,
            guint      max_chars)
{
  const char *value = field (f, col);

  if (value == NULL)
    return NULL;
  if (f->spec->columns[col].required && *value == '\0')
    {
      report (im, f, column_name (f, col), "must not be empty");
      return NULL;
    }
  if (g_utf8_strlen (value, -1) > max_chars)
    {
      report (im, f, column_name (f, col), "longer than %u characters", max_chars);
      return NULL;
    }
  return value;
}

typedef gboolean (*Validator) (const char *text, GError **error);

static const char *
checked_field (Import    *im,
               FileState *f,
               guint      col,
               Validator  validate)
{
  const char *value = field (f, col);
  g_autoptr(GError) error = NULL;

  if (value == NULL)
    return NULL;
  if (!validate (value, &error))
    {
      report (im, f, column_name (f, col), "%s", error->message);
      return NULL;
    }
  return value;
}

static gboolean
date_field (Import    *im,
            FileState *f,
            guint      col,
            GDate     *out)
{
  const char *value = field (f, col);

  if (value == NULL)
    return FALSE;
  if (cab_date_parse_display (value, out, NULL) || cab_date_parse_iso (value, out, NULL))
    return TRUE;
  report (im, f, column_name (f, col), "“%s” is not a date (DD.MM.YYYY or YYYY-MM-DD)", value);
  return FALSE;
}

static gboolean
money_field (Import    *im,
             FileState *f,
             guint      col,
             CabMoney  *out)
{
  const char *value = field (f, col);
  g_autoptr(GError) error = NULL;

  if (value == NULL)
    return FALSE;
  if (cab_money_parse_export (value, out, &error))
    return TRUE;
  report (im, f, column_name (f, col), "%s", error->message);
  return FALSE;
}

/* The partner of an existing account (in the database or earlier in this run). */
static gboolean
account_partner (Import      *im,
                 FileState   *f,
                 guint        col,
                 const char  *account,
                 gint64      *out_partner_id,
                 GError     **error)
{
  gint64 partner_id = 0;
  g_autoptr(GError) local = NULL;

  if (g_strcmp0 (account, im->last_account) == 0)
    {
      *out_partner_id = im->last_partner_id;
      return TRUE;
    }
  if (!cab_store_lookup_account (im->store, account, &partner_id, &local))
    {
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      report (im, f, column_name (f, col), "no account %s (neither in accounts.csv nor stored)",
              account);
      *out_partner_id = 0;
      return TRUE;
    }
  g_free (im->last_account);
  im->last_account = g_strdup (account);
  im->last_partner_id = partner_id;
  *out_partner_id = partner_id;
  return TRUE;
}

static void
count (FileState      *f,
       CabStoreChange  change)
{
  if (change == CAB_STORE_ADDED)
    f->added++;
  else if (change == CAB_STORE_CHANGED)
    f->changed++;
}

static void
note_gained (Import     *im,
             gint64      partner_id,
             char       *line)
{
  Gained *g = g_hash_table_lookup (im->gained, &partner_id);

  if (g == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = partner_id;
      g = g_new0 (Gained, 1);
      g->lines = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (im->gained, key, g);
    }
  g->count++;
  if (g->lines->len < MAX_LISTED_PER_MAIL)
    g_ptr_array_add (g->lines, line);
  else
    g_free (line);
}

/* ---- partners.csv ---- */

enum { P_DP_CODE, P_NAME, P_ADDRESS, P_CONTACTS };
static const Column partner_columns[] = {
  { "dp_code", TRUE }, { "name", TRUE }, { "address", TRUE }, { "contacts", FALSE }, { NULL },
};

static gboolean
partner_row (Import     *im,
             FileState  *f,
             GError    **error)
{
  CabPartner partner = { 0 };
  CabStoreChange change;
  guint errors = im->n_errors;

  partner.dp_code = (char *) checked_field (im, f, P_DP_CODE, cab_validate_dp_code);
  partner.name = (char *) text_field (im, f, P_NAME, MAX_TEXT_CHARS);
  partner.address = (char *) text_field (im, f, P_ADDRESS, MAX_TEXT_CHARS);
  partner.contacts = (char *) text_field (im, f, P_CONTACTS, MAX_TEXT_CHARS);
  if (im->n_errors != errors)
    return TRUE;
  if (cab_store_upsert_partner (im->store, &partner, &change, error) == 0)
    return FALSE;
  count (f, change);
  return TRUE;
}

/* ---- accounts.csv ---- */

enum { A_ACCOUNT, A_DP_CODE, A_CONTRACT_NUMBER, A_CONTRACT_DATE, A_BRANCH_NAME,
       A_BRANCH_ADDRESS, A_INN, A_KPP, A_OPENING_DATE, A_OPENING_BALANCE };
static const Column account_columns[] = {
  { "account", TRUE }, { "dp_code", TRUE }, { "contract_number", TRUE },
  { "contract_date", TRUE }, { "branch_name", FALSE }, { "branch_address", FALSE },
  { "inn", TRUE }, { "kpp", TRUE }, { "opening_date", TRUE }, { "opening_balance", TRUE },
  { NULL },
};

static gboolean
account_row (Import     *im,
             FileState  *f,
             GError    **error)
{
  CabContract c = { 0 };
  GDate opening;
  CabMoney balance = 0;
  CabStoreChange change;
  const char *dp_code;
  gint64 partner_id = 0;
  guint errors = im->n_errors;
  g_autoptr(GError) local = NULL;

  c.account = (char *) checked_field (im, f, A_ACCOUNT, cab_validate_account);
  dp_code = checked_field (im, f, A_DP_CODE, cab_validate_dp_code);
  c.contract_number = (char *) text_field (im, f, A_CONTRACT_NUMBER, MAX_NUMBER_CHARS);
  date_field (im, f, A_CONTRACT_DATE, &c.contract_date);
  c.branch_name = (char *) text_field (im, f, A_BRANCH_NAME, MAX_TEXT_CHARS);
  c.branch_address = (char *) text_field (im, f, A_BRANCH_ADDRESS, MAX_TEXT_CHARS);
  c.inn = (char *) checked_field (im, f, A_INN, cab_validate_inn);
  c.kpp = (char *) checked_field (im, f, A_KPP, cab_validate_kpp);
  date_field (im, f, A_OPENING_DATE, &opening);
  money_field (im, f, A_OPENING_BALANCE, &balance);
  if (dp_code != NULL)
    {
      if (!cab_store_lookup_partner (im->store, dp_code, &partner_id, NULL, &local))
        {
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          report (im, f, "dp_code", "no partner %s (neither in partners.csv nor stored)",
                  dp_code);
        }
    }
  if (im->n_errors != errors)
    return TRUE;
  cab_terms_init_default (&c.terms);
  if (!cab_store_upsert_account (im->store, partner_id, &c, &opening, balance, &change, error))
    return FALSE;
  /* The account may have moved to another partner. */
  g_clear_pointer (&im->last_account, g_free);
  count (f, change);
  return TRUE;
}

/* ---- entries.csv ---- */

enum { E_ACCOUNT, E_KIND, E_NUMBER, E_DATE, E_AMOUNT, E_VOLUME, E_PERIOD, E_TITLE };
static const Column entry_columns[] = {
  { "account", TRUE }, { "kind", TRUE }, { "number", TRUE }, { "date", TRUE },
  { "amount", TRUE }, { "volume_kwh", FALSE }, { "period", FALSE }, { "title", FALSE },
  { NULL },
};

static guint
month_index (const GDate *date)
{
  return g_date_get_year (date) * 12 + g_date_get_month (date);
}

/* volume_kwh and period: only invoices and corrections bill energy, and a month. */
static void
energy_fields (Import    *im,
               FileState *f,
               gboolean   kind_ok,
               gboolean   date_ok,
               CabEntry  *entry)
{
  const char *volume_text = field (f, E_VOLUME);
  const char *period_text = field (f, E_PERIOD);
  gboolean bills_energy = entry->kind == CAB_ENTRY_INVOICE
                          || entry->kind == CAB_ENTRY_CORRECTION;
  g_autoptr(GError) error = NULL;

  if (volume_text != NULL)
    {
      if (!cab_admin_parse_volume (volume_text, &entry->volume, &error))
        report (im, f, "volume_kwh", "%s", error->message);
      else if (kind_ok && !bills_energy)
        report (im, f, "volume_kwh", "only invoices and corrections have a volume");
      else if (entry->volume < 0 && kind_ok && entry->kind != CAB_ENTRY_CORRECTION)
        report (im, f, "volume_kwh", "only a correction may have a negative volume");
      else
        entry->has_volume = TRUE;
    }
  g_clear_error (&error);
  if (period_text != NULL)
    {
      if (!cab_month_parse (period_text, &entry->period, &error))
        report (im, f, "period", "%s", error->message);
      else if (kind_ok && !bills_energy)
        report (im, f, "period", "only invoices and corrections have a period");
      else if (date_ok && month_index (&entry->period) > month_index (&entry->date))
        report (im, f, "period", "“%s” is later than the month of the date", period_text);
    }
}

static gboolean
entry_row (Import     *im,
           FileState  *f,
           GError    **error)
{
  const char *account, *kind_text, *number, *title;
  CabEntry entry = { .kind = CAB_ENTRY_INVOICE, };
  gboolean kind_ok = FALSE;
  gboolean date_ok;
  gboolean amount_ok;
  gint64 partner_id = 0;
  guint errors = im->n_errors;
  g_autofree char *made_title = NULL;
  CabStoreChange change;

  g_date_clear (&entry.period, 1);
  account = checked_field (im, f, E_ACCOUNT, cab_validate_account);
  kind_text = field (f, E_KIND);
  if (kind_text != NULL)
    {
      kind_ok = cab_entry_kind_from_string (kind_text, &entry.kind, NULL);
      if (!kind_ok)
        report (im, f, "kind", "“%s” is not one of advance_bill_1, advance_bill_2, invoice,"
                " correction, payment", kind_text);
    }
  number = text_field (im, f, E_NUMBER, MAX_NUMBER_CHARS);
  date_ok = date_field (im, f, E_DATE, &entry.date);
  amount_ok = money_field (im, f, E_AMOUNT, &entry.amount);
  if (amount_ok && kind_ok)
    {
      if (entry.kind == CAB_ENTRY_PAYMENT && entry.amount <= 0)
        report (im, f, "amount", "a payment must be positive");
      else if (entry.kind != CAB_ENTRY_CORRECTION && entry.kind != CAB_ENTRY_PAYMENT
               && entry.amount < 0)
        report (im, f, "amount", "only a correction may be negative");
    }
  energy_fields (im, f, kind_ok, date_ok, &entry);
  title = text_field (im, f, E_TITLE, MAX_TEXT_CHARS);
  if (account != NULL && !account_partner (im, f, E_ACCOUNT, account, &partner_id, error))
    return FALSE;
  if (im->n_errors != errors || !date_ok)
    return TRUE;

  if (title == NULL)
    title = made_title = cab_admin_entry_title (entry.kind, &entry.date);
  if (cab_store_upsert_entry (im->store, account, &entry, number, title, &change, error) == 0)
    return FALSE;
  count (f, change);
  if (change == CAB_STORE_ADDED)
    {
      g_autofree char *money = cab_money_format (entry.amount, CAB_MONEY_STYLE_RUSSIAN);

      note_gained (im, partner_id, g_strdup_printf ("%s № %s, %s руб. (лицевой счет %s)",
                                                    title, number, money, account));
    }
  return TRUE;
}

/* ---- documents.csv ---- */

enum { D_ACCOUNT, D_NUMBER, D_KIND, D_FILE };
static const Column document_columns[] = {
  { "account", TRUE }, { "number", TRUE }, { "kind", TRUE }, { "file", TRUE }, { NULL },
};

/* The file, if it is a PDF that poppler opens. The cheap checks (inside the folder, a
 * regular file, not huge, "%PDF-") run first. */
static GBytes *
load_pdf (Import      *im,
          FileState   *f,
          const char  *relative)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GObject) document = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_path_is_absolute (relative) || strstr (relative, "..") != NULL
      || strchr (relative, '\\') != NULL)
    {
      report (im, f, "file", "“%s” must be a path inside the folder, without “..”", relative);
      return NULL;
    }
  path = g_build_filename (im->dir, relative, NULL);
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      report (im, f, "file", "no file “%s” in the folder", relative);
      return NULL;
    }
  if ((gsize) st.st_size > MAX_PDF_BYTES)
    {
      report (im, f, "file", "“%s” is larger than 50 MiB", relative);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      report (im, f, "file", "%s", error->message);
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  if (length < 5 || memcmp (g_bytes_get_data (bytes, NULL), "%PDF-", 5) != 0)
    {
      report (im, f, "file", "“%s” is not a PDF", relative);
      return NULL;
    }
  document = G_OBJECT (poppler_document_new_from_bytes (bytes, NULL, &error));
  if (document == NULL || poppler_document_get_n_pages (POPPLER_DOCUMENT (document)) < 1)
    {
      report (im, f, "file", "“%s” is not a PDF that can be opened: %s", relative,
              error ? error->message : "no pages");
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

static gboolean
document_row (Import     *im,
              FileState  *f,
              GError    **error)
{
  const char *account, *number, *kind_text, *relative;
  CabDocumentKind kind = CAB_DOCUMENT_INVOICE;
  gboolean kind_ok = FALSE;
  gint64 partner_id = 0, entry_id = 0;
  guint errors = im->n_errors;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *kind_name = NULL;
  CabStoreChange change;

  account = checked_field (im, f, D_ACCOUNT, cab_validate_account);
  number = text_field (im, f, D_NUMBER, MAX_NUMBER_CHARS);
  kind_text = field (f, D_KIND);
  if (kind_text != NULL)
    {
      kind_ok = cab_document_kind_from_string (kind_text, &kind, NULL);
      if (!kind_ok)
        report (im, f, "kind", "“%s” is not one of invoice, volume_act, correction_invoice,"
                " correction_volume_act, advance_bill", kind_text);
    }
  relative = text_field (im, f, D_FILE, MAX_TEXT_CHARS);
  if (relative != NULL)
    pdf = load_pdf (im, f, relative);
  if (account != NULL && !account_partner (im, f, D_ACCOUNT, account, &partner_id, error))
    return FALSE;
  if (partner_id != 0 && number != NULL && kind_ok)
    {
      g_autoptr(GError) local = NULL;

      entry_id = cab_store_find_entry (im->store, account, number, kind, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (entry_id == 0)
        report (im, f, "number", "account %s has no entry numbered “%s” that a document of"
                " kind %s belongs to", account, number, kind_text);
    }
  if (im->n_errors != errors || pdf == NULL || entry_id == 0)
    return TRUE;

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  kind_name = g_strdup (kind_text);
  g_strdelimit (kind_name, "_", '-');
  file_name = g_strdup_printf ("%s-%s-%s.pdf", kind_name, account, number);
  /* Characters a file name must not carry (the number is free text). */
  g_strdelimit (file_name, "/\\:*?\"<>|", '-');
  if (cab_store_upsert_document (im->store, entry_id, kind, cab_admin_document_title (kind), file_name,
                                 pdf, sha256, &change, error) == 0)
    return FALSE;
  count (f, change);
  if (change == CAB_STORE_ADDED)
    note_gained (im, partner_id, g_strdup_printf ("документ «%s» к № %s (лицевой счет %s)",
                                                  cab_admin_document_title (kind), number, account));
  return TRUE;
}

/* ---- reading a file ---- */

static const FileSpec file_specs[] = {
  { "partners.csv", partner_columns, partner_row },
  { "accounts.csv", account_columns, account_row },
  { "entries.csv", entry_columns, entry_row },
  { "documents.csv", document_columns, document_row },
};

typedef struct
{
  Import    *im;
  FileState *f;
} RecordData;

static void
read_header (Import              *im,
             FileState           *f,
             const char * const  *fields,
             guint                n_fields)
{
  const Column *columns = f->spec->columns;

  f->header_seen = TRUE;
  f->header_ok = TRUE;
  f->n_header_fields = n_fields;
  for (guint c = 0; columns[c].name != NULL; c++)
    f->index[c] = -1;

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *name = g_strstrip (g_utf8_make_valid (fields[i], -1));
      gboolean known = FALSE;

      for (guint c = 0; columns[c].name != NULL; c++)
        {
          if (!g_str_equal (name, columns[c].name))
            continue;
          known = TRUE;
          if (f->index[c] >= 0)
            {
              report (im, f, name, "the column appears twice");
              f->header_ok = FALSE;
            }
          f->index[c] = (int) i;
        }
      if (!known)
        {
          report (im, f, name, "unknown column");
          f->header_ok = FALSE;
        }
    }
  for (guint c = 0; columns[c].name != NULL; c++)
    {
      if (columns[c].required && f->index[c] < 0)
        {
          report (im, f, columns[c].name, "required column is missing");
          f->header_ok = FALSE;
        }
    }
}

static gboolean
on_record (const char * const  *fields,
           guint                n_fields,
           guint64              line,
           gpointer             user_data,
           GError             **error)
{
  RecordData *data = user_data;
  Import *im = data->im;
  FileState *f = data->f;

  f->line = line;
  if (!f->header_seen)
    {
      read_header (im, f, fields, n_fields);
      return TRUE;
    }
  if (!f->header_ok)
    return TRUE;
  f->rows++;
  if (n_fields != f->n_header_fields)
    {
      report (im, f, NULL, "%u fields where the header has %u", n_fields, f->n_header_fields);
      return TRUE;
    }
  for (guint i = 0; i < n_fields; i++)
    {
      if (strlen (fields[i]) != 0 && !g_utf8_validate (fields[i], -1, NULL))
        {
          report (im, f, NULL, "field %u is not valid %s%s", i + 1,
                  im->options->encoding ? im->options->encoding : "UTF-8",
                  im->options->encoding ? "" : " (is it --encoding=windows-1251?)");
          return TRUE;
        }
    }
  f->fields = fields;
  f->n_fields = n_fields;
  return f->spec->row (im, f, error);
}

static void
show_progress (Import      *im,
               FileState   *f,
               goffset      done,
               goffset      total)
{
  fprintf (stderr, "\r\033[K%s: %d%% (line %" G_GUINT64_FORMAT ")", f->spec->file_name,
           total > 0 ? (int) (done * 100 / total) : 100, f->line);
  fflush (stderr);
  im->progress_shown = TRUE;
}

/* FALSE only when the run cannot go on (I/O or the store); wrong rows are reported. */
static gboolean
import_file (Import          *im,
             const FileSpec  *spec,
             FileState       *f,
             GError         **error)
{
  g_autofree char *path = g_build_filename (im->dir, spec->file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) file_stream = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(CabCsvReader) reader = NULL;
  g_autofree char *buffer = g_malloc (READ_CHUNK);
  g_autoptr(GError) local = NULL;
  RecordData data = { im, f };
  goffset total, done = 0;
  gint64 last_shown = 0;

  f->spec = spec;
  file_stream = g_file_read (file, NULL, &local);
  if (file_stream == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;   /* every file is optional */
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  info = g_file_input_stream_query_info (file_stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL,
                                         NULL);
  total = info ? g_file_info_get_size (info) : 0;

  stream = G_INPUT_STREAM (g_object_ref (file_stream));
  if (im->options->encoding != NULL)
    {
      g_autoptr(GCharsetConverter) converter =
        g_charset_converter_new ("UTF-8", im->options->encoding, error);

      if (converter == NULL)
        return FALSE;
      g_clear_object (&stream);
      stream = g_converter_input_stream_new (G_INPUT_STREAM (file_stream),
                                             G_CONVERTER (converter));
    }

  reader = cab_csv_reader_new (';', on_record, &data);
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, READ_CHUNK, NULL, error);

      if (n < 0)
        {
          g_prefix_error (error, "%s: ", spec->file_name);
          return FALSE;
        }
      if (n == 0)
        break;
      if (!cab_csv_reader_feed (reader, buffer, n, &local))
        break;
      if (im->options->progress)
        {
          gint64 now = g_get_monotonic_time ();

          done = g_seekable_tell (G_SEEKABLE (file_stream));
          if (now - last_shown > G_USEC_PER_SEC / 5)
            {
              show_progress (im, f, done, total);
              last_shown = now;
            }
        }
    }
  if (local == NULL)
    cab_csv_reader_finish (reader, &local);
  if (local != NULL)
    {
      /* The store failing is fatal; a syntax error ends this file's reading. */
      if (!g_error_matches (local, CAB_ERROR, CAB_ERROR_INVALID_VALUE))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      f->line = cab_csv_reader_get_line (reader);
      report (im, f, NULL, "%s", strchr (local->message, ' ') ? strchr (local->message, ' ') + 1
                                                              : local->message);
    }
  return TRUE;
}

/* ---- mail ---- */

/* Queued inside the import's transaction: the mail goes if and only if the import commits. */
static gboolean
mail_gained (Import  *im,
             guint   *out_queued,
             GError **error)
{
  GHashTableIter iter;
  gpointer key, value;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  *out_queued = 0;
  g_hash_table_iter_init (&iter, im->gained);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Gained *g = value;
      g_autoptr(GError) local = NULL;
      g_autoptr(CabStoreUser) user = cab_store_get_user_by_partner (im->store, *(gint64 *) key,
                                                                     &local);
      g_autoptr(GString) body = NULL;

      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (user == NULL || !user->subscribed || user->disabled)
        continue;
      body = g_string_new ("Здравствуйте!\n\nВ личном кабинете появились новые документы:\n\n");
      for (guint i = 0; i < g->lines->len; i++)
        g_string_append_printf (body, "  • %s\n", (const char *) g_ptr_array_index (g->lines, i));
      if (g->count > g->lines->len)
        g_string_append_printf (body, "  … и еще %u.\n", g->count - g->lines->len);
      g_string_append (body, "\nИх можно посмотреть и скачать в личном кабинете.\n"
                             "Вы получили это письмо, потому что подписаны на уведомления; "
                             "отписаться можно в профиле личного кабинета.\n");
      if (!cab_mail_queue_add (im->store, user->email, "Новые документы в личном кабинете",
                               body->str, now, error))
        return FALSE;
      (*out_queued)++;
    }
  return TRUE;
}

/* Another import's transaction is open: this one waits for it to end, which may take
 * minutes; said so that the wait does not look like a hang. */
static void
tell_waiting (gpointer user_data)
{
  g_printerr ("tek-cabinet-admin: waiting for another import to finish…\n");
}

int
cab_admin_import (CabStore                     *store,
                  const char                   *dir,
                  const CabAdminImportOptions  *options)
{
  Import im = { 0 };
  FileState files[G_N_ELEMENTS (file_specs)] = { { 0 } };
  g_autoptr(GError) error = NULL;
  guint64 added = 0, changed = 0;
  guint queued = 0;
  gboolean any = FALSE;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_printerr ("tek-cabinet-admin: “%s” is not a folder\n", dir);
      return 1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (file_specs); i++)
    {
      g_autofree char *path = g_build_filename (dir, file_specs[i].file_name, NULL);

      any = any || g_file_test (path, G_FILE_TEST_EXISTS);
    }
  if (!any)
    {
      g_printerr ("tek-cabinet-admin: “%s” has none of partners.csv, accounts.csv, entries.csv,"
                  " documents.csv\n", dir);
      return 1;
    }
  if (options->encoding != NULL)
    {
      g_autoptr(GCharsetConverter) probe = g_charset_converter_new ("UTF-8", options->encoding,
                                                                    &error);
      if (probe == NULL)
        {
          g_printerr ("tek-cabinet-admin: unknown encoding “%s”\n", options->encoding);
          return 1;
        }
    }

  im.store = store;
  im.options = options;
  im.dir = dir;
  im.gained = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                     (GDestroyNotify) gained_free);

  if (!cab_store_begin_import (store, tell_waiting, NULL, &error))
    goto fatal;
  for (guint i = 0; i < G_N_ELEMENTS (file_specs); i++)
    if (!import_file (&im, &file_specs[i], &files[i], &error))
      {
        cab_store_rollback (store);
        goto fatal;
      }
  clear_progress (&im);

  for (guint i = 0; i < G_N_ELEMENTS (file_specs); i++)
    {
      if (!files[i].header_seen)
        continue;
      g_print ("%s: %" G_GUINT64_FORMAT " row%s, %" G_GUINT64_FORMAT " added, %"
               G_GUINT64_FORMAT " changed\n", file_specs[i].file_name, files[i].rows,
               files[i].rows == 1 ? "" : "s", files[i].added, files[i].changed);
      added += files[i].added;
      changed += files[i].changed;
    }

  if (im.n_errors > 0)
    {
      cab_store_rollback (store);
      if (im.n_errors > MAX_REPORTED_ERRORS)
        g_printerr ("… and %u more errors\n", im.n_errors - MAX_REPORTED_ERRORS);
      g_printerr ("%u error%s: nothing imported\n", im.n_errors, im.n_errors == 1 ? "" : "s");
      goto done_bad;
    }
  if (options->dry_run)
    {
      cab_store_rollback (store);
      g_print ("Dry run, nothing written: %" G_GUINT64_FORMAT " added, %" G_GUINT64_FORMAT
               " changed\n", added, changed);
      goto done_ok;
    }
  if (!mail_gained (&im, &queued, &error) || !cab_store_commit (store, &error))
    {
      cab_store_rollback (store);
      goto fatal;
    }
  g_print ("%" G_GUINT64_FORMAT " added, %" G_GUINT64_FORMAT " changed\n", added, changed);
  if (queued > 0)
    g_print ("Queued a mail to %u subscribed user%s\n", queued, queued == 1 ? "" : "s");

done_ok:
  g_hash_table_unref (im.gained);
  g_free (im.last_account);
  return 0;

done_bad:
  g_hash_table_unref (im.gained);
  g_free (im.last_account);
  return 1;

fatal:
  clear_progress (&im);
  g_printerr ("tek-cabinet-admin: %s: nothing imported\n", error->message);
  g_hash_table_unref (im.gained);
  g_free (im.last_account);
  return 2;
}
