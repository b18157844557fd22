/* cab-consumption-export.h: the Consumption table as CSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-core.h"

G_BEGIN_DECLS

/* UTF-8 CSV (RFC 4180, CRLF line ends) of @months (CabConsumptionMonthItem): the header
 * "Month,kWh,kWh a year before,"Amount, ₽","Price, ₽/kWh"", then a line per month: the month as
 * "YYYY-MM", kWh with three fraction digits ("98112.000"), money as on the wire ("482844.86"),
 * an empty field where the month has no such figure. In a Russian @style (a decimal comma) as
 * Excel and LibreOffice Calc read it with their defaults: a byte order mark, ';' between
 * fields, a decimal comma; as cab_statement_export_csv() does. */
char        *cab_consumption_export_csv_with_style (GListModel    *months,
                                                    CabMoneyStyle  style);
/* In the current locale's style. */
char        *cab_consumption_export_csv            (GListModel    *months);

G_END_DECLS
