/* cab-statement.h: the reconciliation act (manual 4.2, block 2) for [from, to).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-document-ref.h"
#include "cab-ledger.h"

G_BEGIN_DECLS

typedef enum
{
  CAB_STATEMENT_ROW_INVOICE,     /* "invoice" (debit) */
  CAB_STATEMENT_ROW_CORRECTION,  /* "correction" (debit, may be negative) */
  CAB_STATEMENT_ROW_PAYMENT,     /* "payment" (credit) */
} CabStatementRowKind;

const char  *cab_statement_row_kind_to_string   (CabStatementRowKind   kind);
gboolean     cab_statement_row_kind_from_string (const char           *text,
                                                 CabStatementRowKind  *out_kind,
                                                 GError              **error);

typedef enum
{
  CAB_COLUMN_DEBIT,
  CAB_COLUMN_CREDIT,
} CabColumn;

/* A positive (or zero) balance is shown in the debit column, a negative one as its absolute
 * value in the credit column. */
CabColumn    cab_balance_column          (CabMoney balance);

typedef struct
{
  GDate                date;
  CabStatementRowKind  kind;
  char                *number;     /* may be NULL when computed from a bare ledger */
  char                *title;      /* may be NULL when computed from a bare ledger */
  gboolean             has_debit;
  CabMoney             debit;
  gboolean             has_credit;
  CabMoney             credit;
  GPtrArray           *documents;  /* of CabDocumentRef, never NULL */
  gint64               entry_id;   /* CabEntry.id of the ledger entry (not on the wire) */
} CabStatementRow;

/* How much of the period the account's data covers. The data starts on the ledger's opening
 * date: nothing is known before it, so no balance is shown for a day before it. */
typedef enum
{
  CAB_STATEMENT_COVERAGE_FULL,          /* from >= the data start (or the start is unknown) */
  CAB_STATEMENT_COVERAGE_STARTS_LATER,  /* from < the data start < to: the opening balance is the
                                         * one on the data start, not on from */
  CAB_STATEMENT_COVERAGE_NONE,          /* to <= the data start: no data in the period; the
                                         * balances are 0 and must not be shown */
} CabStatementCoverage;

#define CAB_TYPE_STATEMENT (cab_statement_get_type ())
G_DECLARE_FINAL_TYPE (CabStatement, cab_statement, CAB, STATEMENT, GObject)

/* Opening balance on @from (the ledger's opening balance plus every non-advance entry before
 * @from; on the ledger's opening date instead when @from is before it), the rows with from <= date < to in date order (no advance bills), the turnovers and
 * the closing balance. CAB_ERROR_INVALID_PERIOD unless @from < @to. */
CabStatement          *cab_statement_compute           (CabLedger     *ledger,
                                                        const GDate   *from,
                                                        const GDate   *to,
                                                        GError       **error);

const char            *cab_statement_get_account       (CabStatement  *self);
void                   cab_statement_set_account       (CabStatement  *self,
                                                        const char    *account);
const GDate           *cab_statement_get_from          (CabStatement  *self);
const GDate           *cab_statement_get_to            (CabStatement  *self);
CabMoney               cab_statement_get_opening_balance (CabStatement *self);
/* The day the account's data starts (the ledger's opening date, "data_from" on the wire);
 * invalid when unknown (a statement saved by an older version). */
const GDate           *cab_statement_get_data_from     (CabStatement  *self);
CabStatementCoverage   cab_statement_get_coverage      (CabStatement  *self);
/* The day the opening balance is the balance of: @from, or the data start when the period
 * starts before it (COVERAGE_STARTS_LATER). */
const GDate           *cab_statement_get_opening_balance_date (CabStatement *self);
CabMoney               cab_statement_get_debit_total   (CabStatement  *self);
CabMoney               cab_statement_get_credit_total  (CabStatement  *self);
CabMoney               cab_statement_get_closing_balance (CabStatement *self);
guint                  cab_statement_get_n_rows        (CabStatement  *self);
/* Mutable so that the server can attach numbers, titles and documents after compute. */
CabStatementRow       *cab_statement_get_row           (CabStatement  *self,
                                                        guint          position);

JsonNode              *cab_statement_to_json           (CabStatement  *self);
/* Appends to @out the same text as cab_json_to_string (cab_statement_to_json (@self)), written
 * directly: a long statement's tree and its generator cost more than the rest of the answer. */
void                   cab_statement_append_json       (CabStatement  *self,
                                                        GString       *out);
CabStatement          *cab_statement_from_json         (JsonNode      *node,
                                                        GError       **error);

G_END_DECLS
