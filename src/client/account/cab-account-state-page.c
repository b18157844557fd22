/* cab-account-state-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-account-state-page-internal.h"
#include "cab-account-states.h"
#include "cab-debt-row-item.h"
#include "cab-debt-words.h"
#include "cab-period.h"
#include "cab-statement-row-item.h"
#include "cab-error-text.h"


G_DEFINE_FINAL_TYPE (CabAccountStatePage, cab_account_state_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- Small helpers --- */

void
cab_account_state_page_set_status (GtkLabel   *label,
                                   const char *text)
{
  /* A late callback may find the page disposed. */
  if (label == NULL)
    return;
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

void
cab_account_state_page_show_store_error (CabAccountStatePage *self,
                                         const GError        *error)
{
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup_printf (_("Data cannot be kept for offline reading: %s"), error->message);
  cab_account_state_page_set_status (self->source_label, text);
}

const char *
cab_account_state_page_account (CabAccountStatePage *self)
{
  return self->state != NULL ? cab_account_state_get_account (self->state) : NULL;
}

/* The act to export; none while it is stale (another period was asked for and refused). */
CabStatement *
cab_account_state_page_statement (CabAccountStatePage *self)
{
  return self->state != NULL && !self->stale ? cab_account_state_get_statement (self->state) : NULL;
}

/* "Offline: as saved on DD.MM.YYYY at HH:MM." (local time) */
static char *
saved_note (GDateTime *saved_at)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (saved_at == NULL)
    return g_strdup (_("Offline: as saved earlier."));

  local = g_date_time_to_local (saved_at);
  date = g_date_time_format (local, "%d.%m.%Y");
  time = g_date_time_format (local, "%H:%M");

  /* Translators: a date (DD.MM.YYYY) and a time (HH:MM) */
  return g_strdup_printf (_("Offline: as saved on %s at %s."), date, time);
}

/* What a block says under it, by where its content comes from. The window's info bar tells
 * when the data was saved; each block says what it shows. */
static char *
block_note (CabAccountStatePage *self,
            CabAccountBlock      block)
{
  switch (cab_account_state_get_block_state (self->state, block))
    {
    case CAB_ACCOUNT_BLOCK_EMPTY:
      if (block == CAB_ACCOUNT_BLOCK_STATEMENT && cab_account_state_get_account (self->state) == NULL)
        return g_strdup (_("Choose a contract to see its account state."));
      return NULL;
    case CAB_ACCOUNT_BLOCK_LOADING:
      return block == CAB_ACCOUNT_BLOCK_STATEMENT ? g_strdup (_("Loading…")) : NULL;
    case CAB_ACCOUNT_BLOCK_SAVED:
      return saved_note (cab_account_state_get_saved_at (self->state, block));
    case CAB_ACCOUNT_BLOCK_FAILED:
      return cab_error_text (cab_account_state_get_error (self->state, block));
    case CAB_ACCOUNT_BLOCK_COMPUTED:
      if (block == CAB_ACCOUNT_BLOCK_BALANCE)
        return g_strdup (_("Computed offline from the saved ledger of the account."));
      if (block == CAB_ACCOUNT_BLOCK_STATEMENT)
        return g_strdup (_("Offline: computed from the saved ledger; the documents of this period were not saved."));
      return g_strdup (_("Offline: computed from the saved ledger; the scans were not saved."));
    case CAB_ACCOUNT_BLOCK_NOT_SAVED:
      if (block == CAB_ACCOUNT_BLOCK_BALANCE)
        return g_strdup (_("Nothing about this account has been saved on this computer yet."));
      if (block == CAB_ACCOUNT_BLOCK_STATEMENT)
        return g_strdup (_("The reconciliation act of this period has not been saved on this computer."));
      return g_strdup (_("The advance bills of this period have not been saved on this computer."));
    case CAB_ACCOUNT_BLOCK_ONLINE:
    default:
      return NULL;
    }
}

/* --- Block 1 --- */

static void
show_balance (CabAccountStatePage *self,
              const GDate         *on,
              CabMoney             debt,
              CabMoney             recommended,
              const char          *note)
{
  g_autofree char *day = cab_date_to_display (on);
  g_autofree char *debt_title = NULL;
  g_autofree char *recommended_title = NULL;
  g_autofree char *debt_money = cab_money_format (debt, CAB_MONEY_STYLE_LOCALE);
  g_autofree char *debt_text = NULL;
  g_autofree char *recommended_text = cab_money_format (recommended, CAB_MONEY_STYLE_LOCALE);

  /* Translators: %s is a date, DD.MM.YYYY */
  debt_title = g_strdup_printf (_("Debt (+) / overpayment (-) as of %s"), day);
  /* Translators: %s is a date, DD.MM.YYYY */
  recommended_title = g_strdup_printf (_("Recommended payment as of %s"), day);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->debt_row), debt_title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->recommended_row), recommended_title);

  if (debt < 0)
    {
      /* Translators: %s is an amount of money the client overpaid, e.g. "-74 644,26" */
      debt_text = g_strdup_printf (_("%s (overpayment)"), debt_money);
      gtk_widget_add_css_class (GTK_WIDGET (self->debt_label), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->debt_label), "warning");
    }
  else
    {
      debt_text = g_strdup (debt_money);
      gtk_widget_remove_css_class (GTK_WIDGET (self->debt_label), "success");
      if (debt > 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->debt_label), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->debt_label), "warning");
    }

  gtk_label_set_text (self->debt_label, debt_text);
  gtk_label_set_text (self->recommended_label, recommended_text);
  {
    /* Read out with what it is: "Debt (+) / overpayment (-) as of 28.06.2016: -74 644,26" */
    g_autofree char *debt_name = g_strdup_printf ("%s: %s", debt_title, debt_text);
    g_autofree char *recommended_name = g_strdup_printf ("%s: %s", recommended_title,
                                                         recommended_text);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->debt_label),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, debt_name, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->recommended_label),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, recommended_name, -1);
  }
  cab_account_state_page_set_status (self->debt_status_label, note);
}

static void
clear_balance (CabAccountStatePage *self,
               const char          *note)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->debt_row),
                                 _("Debt (+) / overpayment (-)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->recommended_row),
                                 _("Recommended payment"));
  gtk_label_set_text (self->debt_label, "");
  gtk_label_set_text (self->recommended_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->debt_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->debt_label), "warning");
  cab_account_state_page_set_status (self->debt_status_label, note);
}

/* One line of a breakdown; its layout is data/ui/cab-debt-row.ui. */
static GtkWidget *
create_debt_row (gpointer item,
                 gpointer user_data)
{
  CabDebtRowItem *row_item = item;
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/ru/tek_energo/Cabinet/ui/cab-debt-row.ui");
  GtkWidget *row = GTK_WIDGET (gtk_builder_get_object (builder, "row"));

  gtk_label_set_text (GTK_LABEL (gtk_builder_get_object (builder, "title")),
                      cab_debt_row_item_get_title (row_item));
  gtk_label_set_text (GTK_LABEL (gtk_builder_get_object (builder, "amount")),
                      cab_debt_row_item_get_amount (row_item));
  gtk_label_set_text (GTK_LABEL (gtk_builder_get_object (builder, "reason")),
                      cab_debt_row_item_get_reason (row_item));
  if (!cab_debt_row_item_get_counts (row_item))
    gtk_widget_add_css_class (row, "dim-label");
  /* Read as one sentence: the item, its amount, why it counts or not. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cab_debt_row_item_get_sentence (row_item), -1);

  return g_object_ref (row);
}

static void
show_breakdown (CabAccountStatePage *self,
                GtkWidget           *expander,
                GtkListBox          *list,
                GListModel          *rows,
                CabDebtBasis         basis)
{
  const CabBalance *balance = NULL;

  gtk_list_box_bind_model (list, rows, rows != NULL ? create_debt_row : NULL, NULL, NULL);
  gtk_widget_set_visible (expander, rows != NULL);
  if (rows == NULL)
    return;

  balance = cab_account_state_get_balance (self->state);
  if (balance != NULL)
    {
      /* "What the debt on 28.06.2016 is made of": which figure the expander explains. */
      g_autofree char *heading = cab_debt_words_heading (basis, &balance->on);

      gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      heading, -1);
    }
}

static void
on_breakdowns_changed (CabAccountStatePage *self)
{
  show_breakdown (self, self->debt_breakdown_expander, self->debt_breakdown_list,
                  cab_account_state_get_debt_breakdown (self->state), CAB_DEBT_BASIS_DUE);
  show_breakdown (self, self->payment_breakdown_expander, self->payment_breakdown_list,
                  cab_account_state_get_payment_breakdown (self->state), CAB_DEBT_BASIS_ISSUED);
}

static void
on_balance_changed (CabAccountStatePage *self)
{
  const CabBalance *balance = cab_account_state_get_balance (self->state);
  g_autofree char *note = block_note (self, CAB_ACCOUNT_BLOCK_BALANCE);

  if (balance != NULL)
    show_balance (self, &balance->on, balance->debt, balance->recommended_payment, note);
  else
    clear_balance (self, note);
}

/* --- Blocks 2 and 3 --- */

static guint
count_documents (GListModel *rows)
{
  guint n = 0;

  for (guint i = 0; rows != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CabStatementRowItem) item = g_list_model_get_item (rows, i);

      n += cab_statement_row_item_get_documents (item)->len;
    }

  return n;
}

void
cab_account_state_page_update_actions (CabAccountStatePage *self)
{
  gboolean shown = self->state != NULL && !self->stale;
  gboolean has_act = shown && cab_account_state_get_statement (self->state) != NULL;
  gboolean has_documents = shown &&
                           (count_documents (cab_account_state_get_rows (self->state)) > 0 ||
                            count_documents (cab_account_state_get_bill_rows (self->state)) > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-state.export-csv", has_act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-state.export-pdf", has_act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-state.download-all",
                                 has_documents && self->download_cancellable == NULL &&
                                 !cab_session_get_offline (self->session));
}

/* Blocks 2 and 3 as they stand: greyed and explained while the period entered was refused. */
static void
show_stale (CabAccountStatePage *self)
{
  g_autofree char *note = NULL;

  gtk_widget_set_sensitive (self->statement_squeezer, !self->stale);
  gtk_widget_set_sensitive (self->bills_squeezer, !self->stale);
  if (self->stale && cab_account_state_get_statement (self->state) != NULL)
    {
      GDate from, to;
      g_autofree char *from_text = NULL;
      g_autofree char *to_text = NULL;

      cab_account_state_get_period (self->state, &from, &to);
      from_text = cab_date_to_display (&from);
      to_text = cab_date_to_display (&to);
      /* Translators: the period still shown after another one was refused, DD.MM.YYYY */
      note = g_strdup_printf (_("Still showing the previous period, %s – %s: correct the dates and press Show."),
                              from_text, to_text);
    }
  else
    note = block_note (self, CAB_ACCOUNT_BLOCK_STATEMENT);
  cab_account_state_page_set_status (self->statement_status_label, note);
  cab_account_state_page_update_actions (self);
}

static void
on_statement_changed (CabAccountStatePage *self)
{
  GListModel *rows = cab_account_state_get_rows (self->state);
  const char *titles[] = { _("Operation"), _("Debit"), _("Credit"), _("Documents"), NULL };

  cab_account_state_page_fill_table (self, self->statement_table,
                                     rows != NULL && g_list_model_get_n_items (rows) > 0 ? rows : NULL,
                                     titles);
  cab_account_state_page_fill_cards (self, self->statement_list, rows, _("Debit"), _("Credit"));
  show_stale (self);
  {
    CabStatement *statement = cab_account_state_get_statement (self->state);
    g_autofree char *coverage = statement != NULL ? cab_debt_words_statement_coverage (statement)
                                                  : NULL;

    /* "No data before 01.05.2016: …": never a balance invented before the data starts. */
    cab_account_state_page_set_status (self->coverage_label, coverage);
  }
}

static void
on_bills_changed (CabAccountStatePage *self)
{
  const CabBillList *bills = cab_account_state_get_bills (self->state);
  GListModel *rows = cab_account_state_get_bill_rows (self->state);
  const char *titles[] = { _("Document"), _("Amount"), _("Scans"), NULL };
  g_autofree char *note = block_note (self, CAB_ACCOUNT_BLOCK_BILLS);

  if (rows != NULL && bills != NULL && bills->bills->len == 0 && note == NULL)
    note = g_strdup (_("No advance bills were issued in this period."));
  /* no lines, no table: not a header row over nothing */
  cab_account_state_page_fill_table (self, self->bills_table,
                                     rows != NULL && g_list_model_get_n_items (rows) > 0 ? rows : NULL,
                                     titles);
  cab_account_state_page_fill_cards (self, self->bills_list, rows, _("Amount"), NULL);
  cab_account_state_page_set_status (self->bills_status_label, note);
  cab_account_state_page_update_actions (self);
}

static void
on_started (CabAccountStatePage *self)
{
  if (self->stale)
    {
      self->stale = FALSE;
      show_stale (self);
    }
  cab_account_state_page_set_status (self->source_label, NULL);
  cab_account_state_page_set_status (self->action_status_label, NULL);
}

static void
on_store_error (CabAccountStatePage *self)
{
  cab_account_state_page_show_store_error (self, cab_account_state_get_store_error (self->state));
}

static void
on_loading (CabAccountStatePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* --- The period --- */

static void
on_period_changed (CabAccountStatePage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  cab_account_state_page_set_status (self->period_error_label, NULL);
}

static void
on_show_clicked (CabAccountStatePage *self)
{
  g_autoptr(GError) error = NULL;
  CabPeriodField field = CAB_PERIOD_FIELD_NONE;
  GDate from, to;

  if (!cab_period_parse (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)),
                         gtk_editable_get_text (GTK_EDITABLE (self->to_entry)),
                         &from, &to, &field, &error))
    {
      GtkWidget *blamed = field == CAB_PERIOD_FIELD_FROM ? GTK_WIDGET (self->from_entry)
                                                         : GTK_WIDGET (self->to_entry);

      /* Explained here and never sent. */
      gtk_widget_add_css_class (blamed, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (blamed),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (blamed),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      cab_account_state_page_set_status (self->period_error_label, error->message);
      gtk_widget_grab_focus (blamed);
      /* What stays on screen is not the period entered: it must not look current, nor be
       * downloaded or exported as if it were. */
      if (self->state != NULL && !self->stale)
        {
          self->stale = TRUE;
          show_stale (self);
        }
      return;
    }

  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->from_entry), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->to_entry), GTK_ACCESSIBLE_STATE_INVALID);
  if (self->state != NULL)
    cab_account_state_set_period (self->state, &from, &to);
}

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  on_show_clicked (CAB_ACCOUNT_STATE_PAGE (widget));
}

static void
on_entry_activate (CabAccountStatePage *self)
{
  on_show_clicked (self);
}

static void
set_period_entries (CabAccountStatePage *self,
                    const GDate         *from,
                    const GDate         *to)
{
  g_autofree char *from_text = cab_date_to_display (from);
  g_autofree char *to_text = cab_date_to_display (to);

  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from_text);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to_text);
}

static void
sync_calendar (CabAccountStatePage *self,
               GtkEntry            *entry,
               GtkCalendar         *calendar)
{
  GDate date;

  if (!cab_date_parse_display (gtk_editable_get_text (GTK_EDITABLE (entry)), &date, NULL))
    return;

  {
    g_autoptr(GDateTime) when = g_date_time_new_local (g_date_get_year (&date),
                                                       g_date_get_month (&date),
                                                       g_date_get_day (&date), 12, 0, 0);

    self->syncing_calendar = TRUE;
    gtk_calendar_select_day (calendar, when);
    self->syncing_calendar = FALSE;
  }
}

static void
calendar_picked (CabAccountStatePage *self,
                 GtkCalendar         *calendar,
                 GtkEntry            *entry,
                 GtkPopover          *popover)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  if (self->syncing_calendar)
    return;

  when = gtk_calendar_get_date (calendar);
  text = g_date_time_format (when, "%d.%m.%Y");
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_popover_popdown (popover);
}

static void
on_from_popover_show (CabAccountStatePage *self)
{
  sync_calendar (self, self->from_entry, self->from_calendar);
}

static void
on_to_popover_show (CabAccountStatePage *self)
{
  sync_calendar (self, self->to_entry, self->to_calendar);
}

static void
on_from_day_selected (CabAccountStatePage *self)
{
  calendar_picked (self, self->from_calendar, self->from_entry, self->from_popover);
}

static void
on_to_day_selected (CabAccountStatePage *self)
{
  calendar_picked (self, self->to_calendar, self->to_entry, self->to_popover);
}

/* Shows the session's model of the selected contract (shared with the notifier: made on
 * first need, it fetches at once; one already loaded is shown as it is). The period shown stays
 * when the contract changes. Without the session's services (a page on its own), a model of
 * the page's own follows the selected contract. */
static void
bind_state (CabAccountStatePage *self)
{
  CabAccountStates *states = cab_session_get_account_states (self->session);
  g_autoptr(CabAccountState) state = NULL;
  GDate from, to;

  if (states != NULL)
    g_set_object (&state, cab_account_states_get (states, cab_session_get_account (self->session)));
  else if (self->state == NULL)
    state = cab_account_state_new (self->session);
  if (state == NULL || state == self->state)
    return;

  if (self->state != NULL)
    {
      GDate shown_from, shown_to;

      cab_account_state_get_period (self->state, &shown_from, &shown_to);
      cab_account_state_get_period (state, &from, &to);
      g_signal_handlers_disconnect_by_data (self->state, self);
      if (g_date_compare (&from, &shown_from) != 0 || g_date_compare (&to, &shown_to) != 0)
        cab_account_state_set_period (state, &shown_from, &shown_to);
    }
  g_set_object (&self->state, state);

  /* The page paints each block as it changes. */
  cab_account_state_get_period (self->state, &from, &to);
  set_period_entries (self, &from, &to);
  g_signal_connect_object (self->state, "started", G_CALLBACK (on_started), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::store-error", G_CALLBACK (on_store_error), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::loading", G_CALLBACK (on_loading), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::balance-state", G_CALLBACK (on_balance_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::statement-state",
                           G_CALLBACK (on_statement_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::bills-state", G_CALLBACK (on_bills_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::debt-breakdown",
                           G_CALLBACK (on_breakdowns_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::payment-breakdown",
                           G_CALLBACK (on_breakdowns_changed), self, G_CONNECT_SWAPPED);
  cab_payment_panel_set_state (self->payment_panel, self->state);
  /* As when the model starts a fetch: another contract is on screen. */
  on_started (self);
  on_loading (self);
  on_store_error (self);
  on_balance_changed (self);
  on_statement_changed (self);
  on_bills_changed (self);
  on_breakdowns_changed (self);
}

/* --- The object --- */

static void
cab_account_state_page_constructed (GObject *object)
{
  CabAccountStatePage *self = (CabAccountStatePage *)object;
  GDate from, to;

  G_OBJECT_CLASS (cab_account_state_page_parent_class)->constructed (object);

  if (self->session == NULL)
    {
      GDate today;

      cab_date_today_supplier (&today);
      cab_period_default (&today, &from, &to);
      set_period_entries (self, &from, &to);
      return;
    }

  g_signal_connect_object (self->session, "notify::account", G_CALLBACK (bind_state), self,
                           G_CONNECT_SWAPPED);
  bind_state (self);
}

static void
cab_account_state_page_dispose (GObject *object)
{
  CabAccountStatePage *self = (CabAccountStatePage *)object;

  g_cancellable_cancel (self->lifetime);
  g_cancellable_cancel (self->download_cancellable);
  g_clear_object (&self->lifetime);
  g_clear_object (&self->download_cancellable);
  /* Nothing is painted into a disposed page; the session's model goes on for the others. */
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);

  if (self->export_dialog != NULL)
    gtk_native_dialog_destroy (self->export_dialog);
  g_clear_object (&self->export_dialog);

  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_ACCOUNT_STATE_PAGE);

  G_OBJECT_CLASS (cab_account_state_page_parent_class)->dispose (object);
}

static void
cab_account_state_page_finalize (GObject *object)
{
  CabAccountStatePage *self = (CabAccountStatePage *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (cab_account_state_page_parent_class)->finalize (object);
}

static void
cab_account_state_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CabAccountStatePage *self = CAB_ACCOUNT_STATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, cab_account_state_page_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_account_state_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CabAccountStatePage *self = CAB_ACCOUNT_STATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_account_state_page_class_init (CabAccountStatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cab_account_state_page_constructed;
  object_class->dispose = cab_account_state_page_dispose;
  object_class->finalize = cab_account_state_page_finalize;
  object_class->get_property = cab_account_state_page_get_property;
  object_class->set_property = cab_account_state_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CAB_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "account-state.show", NULL, show_action);
  gtk_widget_class_install_action (widget_class, "account-state.download-all", NULL,
                                   cab_account_state_page_download_all_action);
  gtk_widget_class_install_action (widget_class, "account-state.cancel-download", NULL,
                                   cab_account_state_page_cancel_download_action);
  gtk_widget_class_install_action (widget_class, "account-state.export-csv", NULL,
                                   cab_account_state_page_export_action);
  gtk_widget_class_install_action (widget_class, "account-state.export-pdf", NULL,
                                   cab_account_state_page_export_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-account-state-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, source_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, from_popover);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, to_popover);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, period_error_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, debt_row);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, recommended_row);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, debt_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, recommended_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, debt_status_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, debt_breakdown_expander);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, debt_breakdown_list);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, payment_breakdown_expander);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, payment_breakdown_list);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, coverage_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, download_box);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, download_progress);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, action_status_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, statement_squeezer);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, statement_table);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, statement_list);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, statement_status_label);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, bills_squeezer);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, bills_table);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, bills_list);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, bills_status_label);
  g_type_ensure (CAB_TYPE_PAYMENT_PANEL);
  gtk_widget_class_bind_template_child (widget_class, CabAccountStatePage, payment_panel);

  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_from_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_to_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_from_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_to_day_selected);
}

/* The squeezer keeps the form it does not show: a screen reader must not read the act twice. */
static void
on_layout_switched (AdwSqueezer *squeezer)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (squeezer);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (squeezer)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN,
                                 child != shown, -1);
}

static void
cab_account_state_page_init (CabAccountStatePage *self)
{
  self->lifetime = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->statement_squeezer, "notify::visible-child",
                    G_CALLBACK (on_layout_switched), NULL);
  g_signal_connect (self->bills_squeezer, "notify::visible-child",
                    G_CALLBACK (on_layout_switched), NULL);
  on_layout_switched (ADW_SQUEEZER (self->statement_squeezer));
  on_layout_switched (ADW_SQUEEZER (self->bills_squeezer));
}

GtkWidget *
cab_account_state_page_new (CabSession *session)
{
  return g_object_new (CAB_TYPE_ACCOUNT_STATE_PAGE, "session", session, NULL);
}

void
cab_account_state_page_show_period (CabAccountStatePage *self,
                                    const char          *from_text,
                                    const char          *to_text)
{
  g_return_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from_text);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to_text);
  on_show_clicked (self);
}

gboolean
cab_account_state_page_get_loading (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), FALSE);
  return self->state != NULL && cab_account_state_get_loading (self->state);
}

GListModel *
cab_account_state_page_get_rows (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), NULL);
  return self->state != NULL ? cab_account_state_get_rows (self->state) : NULL;
}

GListModel *
cab_account_state_page_get_bills (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), NULL);
  return self->state != NULL ? cab_account_state_get_bill_rows (self->state) : NULL;
}

const char *
cab_account_state_page_get_debt_text (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), NULL);
  return gtk_label_get_text (self->debt_label);
}

const char *
cab_account_state_page_get_recommended_text (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), NULL);
  return gtk_label_get_text (self->recommended_label);
}

gboolean
cab_account_state_page_get_computed_offline (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), FALSE);
  return self->state != NULL && cab_account_state_get_computed_offline (self->state);
}

const char *
cab_account_state_page_get_status_text (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), NULL);
  return gtk_label_get_text (self->action_status_label);
}

const char *
cab_account_state_page_get_statement_note (CabAccountStatePage *self)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATE_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->statement_status_label))
         ? gtk_label_get_text (self->statement_status_label) : NULL;
}
