/* fig8.h: the manual's Fig. 8 (account 1234567890) for the account tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cab-core.h"

#define FIG8_SHA_CORRECTION "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define FIG8_SHA_CORRECTION_ACT "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"
#define FIG8_SHA_INVOICE "fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13"
#define FIG8_SHA_VOLUME_ACT "a4e624d686e03ed2767c0abd85c14426b0b1157d2ce81d27bb4fe4f6f01d688a"

/* The statement for 01.05.2016 - 01.08.2016 as GET /statement answers it. */
static const char fig8_statement_json[] =
  "{\"account\": \"1234567890\", \"from\": \"2016-05-01\", \"to\": \"2016-08-01\","
  " \"opening_balance\": \"608822.79\", \"rows\": ["
  "  {\"date\": \"2016-05-24\", \"kind\": \"correction\", \"number\": \"К-0524/1\","
  "   \"title\": \"Счет-фактура (корректировка) от 24.05.2016\", \"debit\": \"-198685.01\","
  "   \"credit\": null, \"documents\": ["
  "    {\"id\": \"17\", \"kind\": \"correction_invoice\", \"title\": \"Счет-фактура (корректировка)\","
  "     \"size\": 183422, \"sha256\": \"" FIG8_SHA_CORRECTION "\"},"
  "    {\"id\": \"18\", \"kind\": \"correction_volume_act\", \"title\": \"Акт объема (корректировка)\","
  "     \"size\": 120000, \"sha256\": \"" FIG8_SHA_CORRECTION_ACT "\"}]},"
  "  {\"date\": \"2016-05-25\", \"kind\": \"payment\", \"number\": \"П-118\","
  "   \"title\": \"Поступление платежа от 25.05.2016\", \"debit\": null, \"credit\": \"979990.44\","
  "   \"documents\": []},"
  "  {\"date\": \"2016-05-31\", \"kind\": \"invoice\", \"number\": \"СФ-0531\","
  "   \"title\": \"Счет-фактура от 31.05.2016\", \"debit\": \"482844.86\", \"credit\": null,"
  "   \"documents\": ["
  "    {\"id\": \"21\", \"kind\": \"invoice\", \"title\": \"Счет-фактура\","
  "     \"size\": 150000, \"sha256\": \"" FIG8_SHA_INVOICE "\"},"
  "    {\"id\": \"22\", \"kind\": \"volume_act\", \"title\": \"Акт объема\","
  "     \"size\": 90000, \"sha256\": \"" FIG8_SHA_VOLUME_ACT "\"}]},"
  "  {\"date\": \"2016-06-20\", \"kind\": \"payment\", \"number\": \"П-131\","
  "   \"title\": \"Поступление платежа от 20.06.2016\", \"debit\": null, \"credit\": \"424999.21\","
  "   \"documents\": []}],"
  " \"debit_total\": \"284159.85\", \"credit_total\": \"1404989.65\","
  " \"closing_balance\": \"-512007.01\"}";

/* The ledger behind it (domain.md, "Golden example"), ids 1 to 9 in date order, on @terms
 * (NULL: the default terms). */
static inline CabLedger *
fig8_ledger_with_terms (const CabTerms *terms)
{
  static const struct { CabEntryKind kind; guint d, m; CabMoney amount; } entries[] = {
    { CAB_ENTRY_ADVANCE_BILL_1, 1, 5, 17311879 },
    { CAB_ENTRY_ADVANCE_BILL_2, 16, 5, 40510324 },
    { CAB_ENTRY_CORRECTION, 24, 5, -19868501 },
    { CAB_ENTRY_PAYMENT, 25, 5, 97999044 },
    { CAB_ENTRY_INVOICE, 31, 5, 48284486 },
    { CAB_ENTRY_ADVANCE_BILL_1, 1, 6, 24422301 },
    { CAB_ENTRY_ADVANCE_BILL_2, 16, 6, 19313974 },
    { CAB_ENTRY_PAYMENT, 20, 6, 42499921 },
    { CAB_ENTRY_ADVANCE_BILL_1, 1, 7, 16734526 },
  };
  GDate opening;
  CabLedger *ledger;

  g_date_clear (&opening, 1);
  g_date_set_dmy (&opening, 1, 5, 2016);
  ledger = cab_ledger_new (&opening, 60882279, terms);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, entries[i].d, entries[i].m, 2016);
      cab_ledger_add (ledger, entries[i].kind, &date, entries[i].amount, i + 1);
    }

  return ledger;
}

static inline CabLedger *
fig8_ledger (void)
{
  return fig8_ledger_with_terms (NULL);
}

static inline CabStatement *
fig8_statement (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = cab_json_parse_object (fig8_statement_json,
                                                    sizeof fig8_statement_json - 1, &error);
  CabStatement *statement;

  g_assert_no_error (error);
  statement = cab_statement_from_json (node, &error);
  g_assert_no_error (error);
  return statement;
}
