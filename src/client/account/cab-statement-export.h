/* cab-statement-export.h: the reconciliation act of a period as CSV and as PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-core.h"

G_BEGIN_DECLS

/* UTF-8 CSV (RFC 4180, CRLF line ends): the header "Operation,Debit,Credit", then one line
 * per line of the act (opening balance, operations, turnovers, closing balance) with money in
 * the wire format ("608822.79"), an empty field for an empty column. That is in an English
 * @style; in a Russian one (a decimal comma, for CAB_MONEY_STYLE_LOCALE in LC_NUMERIC) it is
 * what Excel and LibreOffice Calc read right with their Russian defaults: a UTF-8 byte order
 * mark, ';' between fields and a decimal comma ("608822,79"). */
char        *cab_statement_export_csv_with_style (CabStatement   *statement,
                                                  CabMoneyStyle   style);
/* In the current locale's style. */
char        *cab_statement_export_csv    (CabStatement   *statement);

/* What the act says about paying it (issue 16): the recommended payment on the act's date
 * with its payment QR code, or the sentence why there is no code. */
typedef struct
{
  const GDate *on;        /* the act's date: the day of the recommended payment */
  CabMoney     amount;    /* the recommended payment */
  const char  *payload;   /* the QR code's text (cab_payment_qr_payload()); NULL: no code */
  const char  *payee;     /* the supplier's name, nullable */
  const char  *purpose;   /* the payment's purpose, printed beside the code */
  const char  *note;      /* without a payload: why there is no code */
} CabStatementPayment;

/* An A4 PDF laid out like the manual's act: the title "Reconciliation act", the account, its
 * contract and partner (from @me, nullable), the period, and the table Operation | Debit |
 * Credit with turnovers and closing balance; money in @style. */
GBytes      *cab_statement_export_pdf    (CabStatement   *statement,
                                          const CabMe    *me,
                                          CabMoneyStyle   style,
                                          GError        **error);
/* The same, with @payment (nullable) under the table: the QR code (drawn as vectors by
 * cab_qr_draw(), 150 points a side, on the last page or a new one when it does not fit) with
 * its caption (the date, the amount, the payee and the purpose), or the sentence why none. */
GBytes      *cab_statement_export_pdf_with_payment (CabStatement              *statement,
                                                    const CabMe               *me,
                                                    const CabStatementPayment *payment,
                                                    CabMoneyStyle              style,
                                                    GError                   **error);

G_END_DECLS
