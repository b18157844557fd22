/* cab-ledger.h: the documents of one account that the debt rules and the statement read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cab-money.h"
#include "cab-terms.h"
#include "cab-volume.h"

G_BEGIN_DECLS

typedef enum
{
  CAB_ENTRY_ADVANCE_BILL_1,  /* "advance_bill_1" */
  CAB_ENTRY_ADVANCE_BILL_2,  /* "advance_bill_2" */
  CAB_ENTRY_INVOICE,         /* "invoice": the whole month M, dated its last day */
  CAB_ENTRY_CORRECTION,      /* "correction": amount may be negative */
  CAB_ENTRY_PAYMENT,         /* "payment": amount positive, subtracted */
} CabEntryKind;

const char  *cab_entry_kind_to_string    (CabEntryKind   kind);
gboolean     cab_entry_kind_from_string  (const char    *text,
                                          CabEntryKind  *out_kind,
                                          GError       **error);

typedef struct
{
  CabEntryKind kind;
  GDate        date;
  CabMoney     amount;
  gint64       id;       /* the owner's handle (the server's row id); 0 when none */
  /* Invoices and corrections only: the energy the document bills (a correction's may be
   * negative), when the billing system gave it; and the month it bills, when it is not the
   * month of @date (a correction dated in June may correct April). */
  CabVolume    volume;
  gboolean     has_volume;
  GDate        period;     /* the month's first day; invalid when not given */
} CabEntry;

/* The first day of the month @entry bills: its "period" when given, else its date's month. */
void            cab_entry_get_supply_month   (const CabEntry  *entry,
                                              GDate           *out_first_day);

#define CAB_TYPE_LEDGER (cab_ledger_get_type ())
G_DECLARE_FINAL_TYPE (CabLedger, cab_ledger, CAB, LEDGER, GObject)

/* @terms may be NULL for the decree's defaults. */
CabLedger      *cab_ledger_new               (const GDate     *opening_date,
                                              CabMoney         opening_balance,
                                              const CabTerms  *terms);
void            cab_ledger_add               (CabLedger       *self,
                                              CabEntryKind     kind,
                                              const GDate     *date,
                                              CabMoney         amount,
                                              gint64           id);
/* The same with every field of @entry (its volume and period too); volume and period are
 * kept only for invoices and corrections. */
void            cab_ledger_add_entry         (CabLedger       *self,
                                              const CabEntry  *entry);
const GDate    *cab_ledger_get_opening_date  (CabLedger       *self);
CabMoney        cab_ledger_get_opening_balance (CabLedger     *self);
const CabTerms *cab_ledger_get_terms         (CabLedger       *self);
/* Entries in date order (stable for equal dates: the order they were added). */
guint           cab_ledger_get_n_entries     (CabLedger       *self);
const CabEntry *cab_ledger_get_entry         (CabLedger       *self,
                                              guint            position);

/* The "ledger" resource of docs/api.md. */
JsonNode       *cab_ledger_to_json           (CabLedger       *self,
                                              const char      *account);
CabLedger      *cab_ledger_from_json         (JsonNode        *node,
                                              char           **out_account,
                                              GError         **error);

G_END_DECLS
