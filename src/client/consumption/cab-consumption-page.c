/* cab-consumption-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cab-consumption-chart.h"
#include "cab-consumption-export.h"
#include "cab-consumption-month-item.h"
#include "cab-consumption-page.h"
#include "account/cab-account-states.h"

struct _CabConsumptionPage
{
  AdwBin               parent_instance;

  CabSession          *session;
  CabAccountState     *account_state;
  CabConsumptionModel *model;
  GCancellable        *lifetime;       /* the exports' writes */
  GtkNativeDialog     *export_dialog;

  GtkStack            *stack;
  GtkWidget           *chart;
  GtkColumnView       *table;
  GtkColumnViewColumn *month_column;
  GtkColumnViewColumn *kwh_column;
  GtkColumnViewColumn *previous_column;
  GtkColumnViewColumn *amount_column;
  GtkColumnViewColumn *price_column;
  GtkLabel            *status_label;
  GtkSpinner          *spinner;
};

G_DEFINE_FINAL_TYPE (CabConsumptionPage, cab_consumption_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_N_MONTHS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  COLUMN_MONTH,
  COLUMN_KWH,
  COLUMN_PREVIOUS,
  COLUMN_AMOUNT,
  COLUMN_PRICE,
} Column;

/* --- The table --- */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  /* figures line up on the right, in tabular digits */
  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_MONTH ? 0 : 1);
  if (column != COLUMN_MONTH)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static char *
cell_text (CabConsumptionMonthItem *item,
           Column                   column)
{
  switch (column)
    {
    case COLUMN_MONTH:
      return cab_consumption_month_item_format_month (item);
    case COLUMN_KWH:
      return cab_consumption_month_item_format_kwh (item, FALSE, CAB_MONEY_STYLE_LOCALE);
    case COLUMN_PREVIOUS:
      return cab_consumption_month_item_format_kwh (item, TRUE, CAB_MONEY_STYLE_LOCALE);
    case COLUMN_AMOUNT:
      return cab_consumption_month_item_format_amount (item, CAB_MONEY_STYLE_LOCALE);
    case COLUMN_PRICE:
    default:
      return cab_consumption_month_item_format_price (item, CAB_MONEY_STYLE_LOCALE);
    }
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  CabConsumptionMonthItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = cell_text (item, GPOINTER_TO_INT (user_data));

  gtk_label_set_text (GTK_LABEL (label), text);
  /* "—" would be read as a dash */
  if (g_str_equal (text, "—"))
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("no data"), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
set_factory (GtkColumnViewColumn *column,
             Column               which)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (which));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (which));
  gtk_column_view_column_set_factory (column, factory);
}

/* --- Following the model --- */

static void
on_state_changed (CabConsumptionPage *self)
{
  static const char * const views[] = {
    [CAB_CONSUMPTION_EMPTY] = "empty",
    [CAB_CONSUMPTION_LOADING] = "loading",
    [CAB_CONSUMPTION_UNAVAILABLE] = "unavailable",
    [CAB_CONSUMPTION_NO_VOLUMES] = "no-volumes",
    [CAB_CONSUMPTION_READY] = "ready",
  };
  CabConsumptionState state = cab_consumption_model_get_state (self->model);
  gboolean ready = state == CAB_CONSUMPTION_READY;

  gtk_stack_set_visible_child_name (self->stack, views[state]);
  gtk_spinner_set_spinning (self->spinner, state == CAB_CONSUMPTION_LOADING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consumption.export-csv", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consumption.export-png", ready);
}

/* The toggles follow the page's "n-months", which is the model's. */
static void
on_n_months_changed (CabConsumptionPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MONTHS]);
}

/* --- Export --- */

static void
set_status (CabConsumptionPage *self,
            const char         *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static void
on_export_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CabConsumptionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("The consumption cannot be saved: %s"), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (object));

      text = g_strdup_printf (_("The consumption is saved as “%s”."), name);
    }

  set_status (self, text);
}

void
cab_consumption_page_export (CabConsumptionPage *self,
                             GFile              *file,
                             gboolean            png)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (CAB_IS_CONSUMPTION_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  set_status (self, NULL);
  if (cab_consumption_model_get_state (self->model) != CAB_CONSUMPTION_READY)
    return;

  if (png)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = cab_consumption_chart_render (CAB_CONSUMPTION_CHART (self->chart),
                                                                    &error);

      if (texture == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("The chart cannot be saved: %s"),
                                                   error->message);

          set_status (self, text);
          return;
        }
      bytes = gdk_texture_save_to_png_bytes (texture);
    }
  else
    {
      char *csv = cab_consumption_export_csv (cab_consumption_model_get_months (self->model));

      bytes = g_bytes_new_take (csv, strlen (csv));
    }

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       self->lifetime, on_export_written, g_object_ref (self));
}

static void
on_export_response (GtkNativeDialog    *dialog,
                    int                 response,
                    CabConsumptionPage *self)
{
  gboolean png = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "cab-export-png"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    cab_consumption_page_export (self, file, png);

  if (self->export_dialog == dialog)
    g_clear_object (&self->export_dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CabConsumptionPage *self = CAB_CONSUMPTION_PAGE (widget);
  gboolean png = g_str_equal (action_name, "consumption.export-png");
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *last_text = NULL;
  const char *account = cab_consumption_model_get_account (self->model);
  GtkFileChooserNative *native;
  GDate last;

  if (!cab_consumption_model_get_last_month (self->model, &last))
    return;

  if (self->export_dialog != NULL)
    gtk_native_dialog_destroy (self->export_dialog);
  g_clear_object (&self->export_dialog);

  native = gtk_file_chooser_native_new (png ? _("Export the Chart as PNG")
                                            : _("Export the Consumption as CSV"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  self->export_dialog = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_set_modal (self->export_dialog, TRUE);

  last_text = cab_month_to_wire (&last);
  /* Translators: a file name: "consumption-<account>-<months>-<last month>.<ext>" */
  name = g_strdup_printf (_("consumption-%s-%um-%s.%s"), account != NULL ? account : "",
                          cab_consumption_model_get_n_months (self->model), last_text,
                          png ? "png" : "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  gtk_file_filter_set_name (filter, png ? _("PNG images") : _("CSV tables"));
  gtk_file_filter_add_mime_type (filter, png ? "image/png" : "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  g_object_set_data (G_OBJECT (native), "cab-export-png", GINT_TO_POINTER (png));
  g_signal_connect_object (native, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (self->export_dialog);
}

/* --- The object --- */

/* The session's model of the selected contract; a page without the session's services (on
 * its own, in a test) keeps one of its own that follows the selected contract. */
static CabAccountState *
selected_account_state (CabConsumptionPage *self)
{
  CabAccountStates *states = cab_session_get_account_states (self->session);

  if (states != NULL)
    return g_object_ref (cab_account_states_get (states, cab_session_get_account (self->session)));
  if (self->account_state != NULL)
    return g_object_ref (self->account_state);
  return cab_account_state_new (self->session);
}

static void
on_account_changed (CabConsumptionPage *self)
{
  g_autoptr(CabAccountState) state = selected_account_state (self);

  if (state == NULL || state == self->account_state)
    return;

  g_set_object (&self->account_state, state);
  cab_consumption_model_set_account_state (self->model, state);
}

static void
cab_consumption_page_constructed (GObject *object)
{
  CabConsumptionPage *self = (CabConsumptionPage *)object;

  G_OBJECT_CLASS (cab_consumption_page_parent_class)->constructed (object);

  g_assert (CAB_IS_SESSION (self->session));

  /* The account state fetches the ledger (and keeps and reads it offline); this page makes
   * no request of its own. The session's model of the selected contract is the one Account
   * State shows, so a ledger fetched there is not fetched again here. */
  self->account_state = selected_account_state (self);
  self->model = cab_consumption_model_new (self->account_state);
  g_signal_connect_object (self->session, "notify::account",
                           G_CALLBACK (on_account_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::state", G_CALLBACK (on_state_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::n-months", G_CALLBACK (on_n_months_changed),
                           self, G_CONNECT_SWAPPED);

  {
    GListModel *months = cab_consumption_model_get_months (self->model);
    g_autoptr(GtkSelectionModel) selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (months)));

    gtk_column_view_set_model (self->table, selection);
    cab_consumption_chart_set_model (CAB_CONSUMPTION_CHART (self->chart), months);
  }
  on_state_changed (self);
}

static void
cab_consumption_page_dispose (GObject *object)
{
  CabConsumptionPage *self = (CabConsumptionPage *)object;

  g_cancellable_cancel (self->lifetime);
  if (self->export_dialog != NULL)
    gtk_native_dialog_destroy (self->export_dialog);
  g_clear_object (&self->export_dialog);
  g_clear_object (&self->model);
  g_clear_object (&self->account_state);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cab_consumption_page_parent_class)->dispose (object);
}

static void
cab_consumption_page_finalize (GObject *object)
{
  CabConsumptionPage *self = (CabConsumptionPage *)object;

  g_clear_object (&self->lifetime);

  G_OBJECT_CLASS (cab_consumption_page_parent_class)->finalize (object);
}

static void
cab_consumption_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CabConsumptionPage *self = CAB_CONSUMPTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_N_MONTHS:
      g_value_set_uint (value, self->model != NULL ? cab_consumption_model_get_n_months (self->model) : 12);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_consumption_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CabConsumptionPage *self = CAB_CONSUMPTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_N_MONTHS:
      if (self->model != NULL)
        cab_consumption_model_set_n_months (self->model, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_consumption_page_class_init (CabConsumptionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cab_consumption_page_constructed;
  object_class->dispose = cab_consumption_page_dispose;
  object_class->finalize = cab_consumption_page_finalize;
  object_class->get_property = cab_consumption_page_get_property;
  object_class->set_property = cab_consumption_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CAB_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the 12/24/36 toggles, through the "consumption.n-months" action */
  properties[PROP_N_MONTHS] =
    g_param_spec_uint ("n-months", NULL, NULL, 12, 36, 12,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CAB_TYPE_CONSUMPTION_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-consumption-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CabConsumptionPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CabConsumptionPage, chart);
  gtk_widget_class_bind_template_child (widget_class, CabConsumptionPage, table);
  gtk_widget_class_bind_template_child (widget_class, CabConsumptionPage, month_column);
  gtk_widget_class_bind_template_child (widget_class, CabConsumptionPage, kwh_column);
  gtk_widget_class_bind_template_child (widget_class, CabConsumptionPage, previous_column);
  gtk_widget_class_bind_template_child (widget_class, CabConsumptionPage, amount_column);
  gtk_widget_class_bind_template_child (widget_class, CabConsumptionPage, price_column);
  gtk_widget_class_bind_template_child (widget_class, CabConsumptionPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CabConsumptionPage, spinner);

  gtk_widget_class_install_property_action (widget_class, "consumption.n-months", "n-months");
  gtk_widget_class_install_action (widget_class, "consumption.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "consumption.export-png", NULL, export_action);
}

static void
cab_consumption_page_init (CabConsumptionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the sidebar's name of the page */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Consumption"), -1);

  self->lifetime = g_cancellable_new ();
  set_factory (self->month_column, COLUMN_MONTH);
  set_factory (self->kwh_column, COLUMN_KWH);
  set_factory (self->previous_column, COLUMN_PREVIOUS);
  set_factory (self->amount_column, COLUMN_AMOUNT);
  set_factory (self->price_column, COLUMN_PRICE);
}

GtkWidget *
cab_consumption_page_new (CabSession *session)
{
  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);

  return g_object_new (CAB_TYPE_CONSUMPTION_PAGE, "session", session, NULL);
}

CabConsumptionModel *
cab_consumption_page_get_model (CabConsumptionPage *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_PAGE (self), NULL);

  return self->model;
}

GtkWidget *
cab_consumption_page_get_chart (CabConsumptionPage *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_PAGE (self), NULL);

  return self->chart;
}

GtkWidget *
cab_consumption_page_get_table (CabConsumptionPage *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_PAGE (self), NULL);

  return GTK_WIDGET (self->table);
}

const char *
cab_consumption_page_get_view (CabConsumptionPage *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
cab_consumption_page_get_status_text (CabConsumptionPage *self)
{
  g_return_val_if_fail (CAB_IS_CONSUMPTION_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->status_label)))
    return NULL;
  return gtk_label_get_text (self->status_label);
}
