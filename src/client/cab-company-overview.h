/* cab-company-overview.h: the "Companies" overview's model, no widgets: for every company
 * signed in to, its debt and recommended payment today and its next due date, summed over
 * its contracts, from the ledgers (GET /accounts/{a}/ledger, saved in the company's offline
 * store; read from there while offline or without a token).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cab-core.h"
#include "cab-session.h"

G_BEGIN_DECLS

typedef enum
{
  CAB_COMPANY_FIGURES_LOADING,   /* a ledger is still being fetched or read */
  CAB_COMPANY_FIGURES_READY,     /* every contract's ledger was there */
  CAB_COMPANY_FIGURES_PARTIAL,   /* some contracts' ledgers are missing: the sums leave them out */
  CAB_COMPANY_FIGURES_NONE,      /* no ledger at all (never seen, nothing saved) */
} CabCompanyFiguresState;

#define CAB_TYPE_COMPANY_FIGURES (cab_company_figures_get_type ())
G_DECLARE_FINAL_TYPE (CabCompanyFigures, cab_company_figures, CAB, COMPANY_FIGURES, GObject)

CabSession            *cab_company_figures_get_session     (CabCompanyFigures *self);
/* "state" notifies when the figures change. */
CabCompanyFiguresState cab_company_figures_get_state       (CabCompanyFigures *self);
/* TRUE when some figure comes from saved data rather than the server. */
gboolean               cab_company_figures_get_saved       (CabCompanyFigures *self);
guint                  cab_company_figures_get_n_accounts  (CabCompanyFigures *self);
guint                  cab_company_figures_get_n_missing   (CabCompanyFigures *self);
/* On the session's today: positive = debt, negative = overpaid. */
CabMoney               cab_company_figures_get_debt        (CabCompanyFigures *self);
CabMoney               cab_company_figures_get_recommended (CabCompanyFigures *self);
/* The earliest due date from today on (FALSE when none is known) and what is due that day
 * over every contract, as far as the documents are issued (@out_amount_known FALSE when one
 * of that day is not issued yet: the amount is then only the issued ones'). */
gboolean               cab_company_figures_get_next_due    (CabCompanyFigures *self,
                                                            GDate             *out_due,
                                                            CabMoney          *out_amount,
                                                            gboolean          *out_amount_known);

#define CAB_TYPE_COMPANY_OVERVIEW (cab_company_overview_get_type ())
G_DECLARE_FINAL_TYPE (CabCompanyOverview, cab_company_overview, CAB, COMPANY_OVERVIEW, GObject)

CabCompanyOverview *cab_company_overview_new       (void);
/* A GListModel of CabCompanyFigures, one per company, in the order added. */
GListModel         *cab_company_overview_get_model (CabCompanyOverview *self);
/* Adds @session's company (its figures computed now) or, if there, computes them again. */
void                cab_company_overview_add       (CabCompanyOverview *self,
                                                    CabSession         *session);
void                cab_company_overview_remove    (CabCompanyOverview *self,
                                                    CabSession         *session);
/* Computes every company's figures again (the page does when shown). */
void                cab_company_overview_refresh   (CabCompanyOverview *self);

G_END_DECLS
