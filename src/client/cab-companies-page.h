/* cab-companies-page.h: the "Companies" overview: every company's debt, recommended payment
 * and next due date in one list (CabCompanyOverview's model; no networking here).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cab-company-overview.h"

G_BEGIN_DECLS

#define CAB_TYPE_COMPANIES_PAGE (cab_companies_page_get_type ())
G_DECLARE_FINAL_TYPE (CabCompaniesPage, cab_companies_page, CAB, COMPANIES_PAGE, AdwBin)

void cab_companies_page_set_overview (CabCompaniesPage   *self,
                                      CabCompanyOverview *overview);

G_END_DECLS
