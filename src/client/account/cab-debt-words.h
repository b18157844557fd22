/* cab-debt-words.h: the words of Account State for what the debt is made of (issue 15, item 1)
 * and for an act asked from before the account's data starts (item 8), in the manual's terms.
 *
 * Every function returns a new string in the current translation; dates are DD.MM.YYYY and
 * money follows @style. The page binds these, the core has no text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-core.h"

G_BEGIN_DECLS

/* The block's heading: "What the debt on 02.12.2026 is made of" (CAB_DEBT_BASIS_DUE) or
 * "What the recommended payment on 02.12.2026 is made of" (CAB_DEBT_BASIS_ISSUED). */
char  *cab_debt_words_heading             (CabDebtBasis        basis,
                                           const GDate        *on);

/* What the item is: "Balance on 01.06.2016", "Advance bill No. А-0601 of 01.06.2016",
 * "Invoice No. СФ-0531 of 31.05.2016", "Payment No. П-131 received on 20.06.2016",
 * "Debt (+) / overpayment (-) on 02.12.2026", "Recommended payment on 02.12.2026". */
char  *cab_debt_words_item_title          (const CabDebtItem  *item,
                                           CabDebtBasis        basis);

/* What it adds to the sum, signed: "608 822,79", "+244 223,01", "-424 999,21"; for a document
 * that does not count "not counted (173 118,79)"; for the total its figure. */
char  *cab_debt_words_item_amount         (const CabDebtItem  *item,
                                           CabMoneyStyle       style);

/* Why, by the manual's rules: "Due 10.06.2016, counted from 11.06.2016. No invoice for June
 * 2016 has been issued, so nothing replaces this bill.", "Not counted: replaced by the invoice
 * for May 2016 from 19.06.2016.", ... */
char  *cab_debt_words_item_reason         (const CabDebtItem  *item,
                                           CabDebtBasis        basis,
                                           CabMoneyStyle       style);

/* Title, amount and reason in one sentence, for a row's accessible label. */
char  *cab_debt_words_item_sentence       (const CabDebtItem  *item,
                                           CabDebtBasis        basis,
                                           CabMoneyStyle       style);

/* The act's opening line: "Balance on 01.05.2016" on the day the balance is known (the data
 * start when the period starts before it); NULL when the period has no data at all. */
char  *cab_debt_words_statement_opening   (CabStatement       *statement);

/* "No data before 01.05.2016: the account's data starts on that day." when the period starts
 * before the data, "No data for this period: the account's data starts on 01.05.2016." when
 * it ends before, NULL when the data covers the period. */
char  *cab_debt_words_statement_coverage  (CabStatement       *statement);

G_END_DECLS
