/* cab-companies-page.c: the "Companies" overview, one row per company; a row opens the
 * company's Account State (app.show-company-page).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-companies-page.h"

struct _CabCompaniesPage
{
  AdwBin              parent_instance;

  CabCompanyOverview *overview;

  /* template */
  GtkListBox         *list;
};

G_DEFINE_FINAL_TYPE (CabCompaniesPage, cab_companies_page, ADW_TYPE_BIN)

static GtkWidget *
line_new (const char *text,
          const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

/* Fills @row with @figures' words; called again whenever they change. */
static void
fill_row (GtkListBoxRow     *row,
          GParamSpec        *pspec,
          CabCompanyFigures *figures)
{
  CabSession *session = cab_company_figures_get_session (figures);
  const CabMe *me = cab_session_get_me (session);
  const char *name = me != NULL && me->partner.name != NULL ? me->partner.name
                                                            : cab_session_get_login (session);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autoptr(GString) sentence = g_string_new (name);
  g_autofree char *where = NULL;
  GDate today, due;
  CabMoney amount = 0;
  gboolean known = FALSE;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), line_new (name, "heading"));
  /* Translators: under a company's name in the overview: login, server */
  where = g_strdup_printf (_("Login %s, server %s"), cab_session_get_login (session),
                           cab_session_get_server_id (session));
  gtk_box_append (GTK_BOX (box), line_new (where, "dim-label"));
  g_string_append_printf (sentence, ". %s.", where);

  cab_session_get_today (session, &today);
  switch (cab_company_figures_get_state (figures))
    {
    case CAB_COMPANY_FIGURES_LOADING:
      gtk_box_append (GTK_BOX (box), line_new (_("Loading…"), "dim-label"));
      g_string_append_printf (sentence, " %s", _("Loading…"));
      break;
    case CAB_COMPANY_FIGURES_NONE:
      gtk_box_append (GTK_BOX (box), line_new (_("No figures yet: open the company online once."),
                                               "dim-label"));
      g_string_append_printf (sentence, " %s", _("No figures yet: open the company online once."));
      break;
    case CAB_COMPANY_FIGURES_READY:
    case CAB_COMPANY_FIGURES_PARTIAL:
    default:
      {
        g_autofree char *on = cab_date_to_display (&today);
        g_autofree char *debt_money = cab_money_format (cab_company_figures_get_debt (figures),
                                                        CAB_MONEY_STYLE_LOCALE);
        g_autofree char *rec_money = cab_money_format (cab_company_figures_get_recommended (figures),
                                                       CAB_MONEY_STYLE_LOCALE);
        g_autofree char *debt = NULL;
        g_autofree char *rec = NULL;
        g_autofree char *next = NULL;

        /* Translators: the overview; date, then money: positive owed, negative overpaid */
        debt = g_strdup_printf (_("Debt (+) / overpayment (-) on %s: %s"), on, debt_money);
        /* Translators: the overview; date, then money */
        rec = g_strdup_printf (_("Recommended payment on %s: %s"), on, rec_money);
        if (cab_company_figures_get_next_due (figures, &due, &amount, &known))
          {
            g_autofree char *due_text = cab_date_to_display (&due);

            if (known)
              {
                g_autofree char *money = cab_money_format (amount, CAB_MONEY_STYLE_LOCALE);

                /* Translators: the overview; date, then the money due that day */
                next = g_strdup_printf (_("Next due date: %s, %s"), due_text, money);
              }
            else if (amount > 0)
              {
                g_autofree char *money = cab_money_format (amount, CAB_MONEY_STYLE_LOCALE);

                /* Translators: the overview; date, the money of the bills issued for that
                 * day, while another contract's bill is not issued yet */
                next = g_strdup_printf (_("Next due date: %s, %s and a bill not issued yet"),
                                        due_text, money);
              }
            else
              /* Translators: the overview; the bill of that day is not issued yet */
              next = g_strdup_printf (_("Next due date: %s, bill not issued yet"), due_text);
          }
        else
          next = g_strdup (_("Next due date: not known"));

        gtk_box_append (GTK_BOX (box), line_new (debt, "heading"));
        gtk_box_append (GTK_BOX (box), line_new (rec, NULL));
        gtk_box_append (GTK_BOX (box), line_new (next, NULL));
        g_string_append_printf (sentence, " %s. %s. %s.", debt, rec, next);

        if (cab_company_figures_get_state (figures) == CAB_COMPANY_FIGURES_PARTIAL)
          {
            const char *text = _("Some contracts have no figures yet; the sums leave them out.");

            gtk_box_append (GTK_BOX (box), line_new (text, "warning"));
            g_string_append_printf (sentence, " %s", text);
          }
        if (cab_company_figures_get_saved (figures))
          {
            const char *text = _("From saved data.");

            gtk_box_append (GTK_BOX (box), line_new (text, "dim-label"));
            g_string_append_printf (sentence, " %s", text);
          }
      }
      break;
    }

  gtk_list_box_row_set_child (row, box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sentence->str, -1);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CabCompanyFigures *figures = item;
  CabSession *session = cab_company_figures_get_session (figures);
  GtkWidget *row = gtk_list_box_row_new ();

  /* activating a row opens that company's Account State */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.show-company-page");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(sss)",
                                    cab_session_get_server_id (session),
                                    cab_session_get_login (session), "account-state");
  fill_row (GTK_LIST_BOX_ROW (row), NULL, figures);
  g_signal_connect_object (figures, "notify::state", G_CALLBACK (fill_row), row,
                           G_CONNECT_SWAPPED);

  return row;
}

void
cab_companies_page_set_overview (CabCompaniesPage   *self,
                                 CabCompanyOverview *overview)
{
  g_return_if_fail (CAB_IS_COMPANIES_PAGE (self));

  if (!g_set_object (&self->overview, overview))
    return;
  gtk_list_box_bind_model (self->list,
                           overview != NULL ? cab_company_overview_get_model (overview) : NULL,
                           create_row, NULL, NULL);
}

static void
cab_companies_page_dispose (GObject *object)
{
  CabCompaniesPage *self = (CabCompaniesPage *)object;

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->overview);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_COMPANIES_PAGE);

  G_OBJECT_CLASS (cab_companies_page_parent_class)->dispose (object);
}

static void
cab_companies_page_class_init (CabCompaniesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_companies_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-companies-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CabCompaniesPage, list);
}

static void
cab_companies_page_init (CabCompaniesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
