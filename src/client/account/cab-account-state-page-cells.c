/* cab-account-state-page-cells.c: the lines of the act and of the advance bills, as a table
 * where the page is wide enough for it whole, and as cards, one per line, where it is not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-account-state-page-internal.h"
#include "cab-statement-row-item.h"
#include "pay/cab-bill-payment-popover.h"

/* A document of a line: a link with its whole title (wrapped, never cut), read out as what it
 * opens. */
static GtkWidget *
document_button_new (CabAccountStatePage  *self,
                     CabStatementRowItem  *item,
                     const CabDocumentRef *ref)
{
  GtkWidget *button = gtk_button_new_with_label (ref->title);
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));
  g_autofree char *name = NULL;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "link");
  /* Translators: a document's title and the line of the act it belongs to */
  name = g_strdup_printf (_("Open “%s” (%s)"), ref->title,
                          cab_statement_row_item_get_operation (item));
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "cab-document-ref",
                          cab_document_ref_copy (ref), (GDestroyNotify)cab_document_ref_free);
  g_object_set_data_full (G_OBJECT (button), "cab-row-item",
                          g_object_ref (item), g_object_unref);
  g_signal_connect_object (button, "clicked",
                           G_CALLBACK (cab_account_state_page_document_clicked), self,
                           G_CONNECT_SWAPPED);

  return button;
}

/* An amount: copied with the mouse, but no Tab stop (selectable turns focus on, and GTK 4.8's
 * label takes Tab even when not focusable: only can-focus keeps Tab going past it). */
static GtkWidget *
amount_label_new (const char *amount,
                  const char *spoken)
{
  GtkWidget *label = gtk_label_new (amount);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_can_focus (label, FALSE);
  gtk_widget_add_css_class (label, "numeric");
  if (spoken != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);

  return label;
}

static GtkWidget *
operation_label_new (CabStatementRowItem *item)
{
  GtkWidget *label = gtk_label_new (cab_statement_row_item_get_operation (item));

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* The balances and turnovers stand out, as in the manual's act. */
  if (cab_statement_row_item_get_row_type (item) != CAB_STATEMENT_ROW_TYPE_OPERATION)
    gtk_widget_add_css_class (label, "heading");

  return label;
}

/* --- Paying a bill (issue 16) --- */

typedef struct
{
  CabAccountStatePage *page;   /* the button lives in the page's table: the page outlives it */
  CabBill              bill;   /* its number owned */
} PayButtonData;

static void
pay_button_data_free (gpointer data)
{
  PayButtonData *pay = data;

  g_free (pay->bill.number);
  g_free (pay);
}

static void
on_pay_status (CabAccountStatePage *self,
               const char          *text)
{
  cab_account_state_page_set_status (self->action_status_label, text);
}

/* The payee may have come (or changed) since the popover was made. */
static void
on_pay_popover_show (GtkWidget           *popover,
                     CabAccountStatePage *self)
{
  cab_bill_payment_popover_set_supplier (CAB_BILL_PAYMENT_POPOVER (popover),
                                         cab_payment_panel_get_supplier (self->payment_panel));
}

/* Made when first opened: a table of bills draws no QR code nobody asked for. */
static void
create_pay_popover (GtkMenuButton *button,
                    gpointer       user_data)
{
  PayButtonData *pay = user_data;
  GtkWidget *popover;

  if (pay->page->session == NULL)
    return;
  popover = cab_bill_payment_popover_new (pay->page->session, &pay->bill);
  on_pay_popover_show (popover, pay->page);
  g_signal_connect_object (popover, "show", G_CALLBACK (on_pay_popover_show), pay->page, 0);
  g_signal_connect_object (popover, "status", G_CALLBACK (on_pay_status), pay->page,
                           G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (button, popover);
}

/* "Pay…", read out as "Pay bill А-0501": opens the bill's QR code and payment order. */
static GtkWidget *
pay_button_new (CabAccountStatePage *self,
                const CabBill       *bill)
{
  GtkWidget *button = gtk_menu_button_new ();
  g_autofree char *name = cab_bill_payment_describe (bill);
  PayButtonData *pay = g_new0 (PayButtonData, 1);

  pay->page = self;
  pay->bill.date = bill->date;
  pay->bill.kind = bill->kind;
  pay->bill.number = g_strdup (bill->number);
  pay->bill.amount = bill->amount;
  pay->bill.entry_id = bill->entry_id;

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Pay…"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* GTK 4.8's menu button is a box around the toggle button that takes the focus: a screen
   * reader reads that one. */
  if (GTK_IS_ACCESSIBLE (gtk_widget_get_first_child (button)))
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (button)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_pay_popover, pay,
                                         pay_button_data_free);

  return button;
}

/* The bill of line @i when @rows are the page's advance bills, else NULL. */
static const CabBill *
bill_of_row (CabAccountStatePage *self,
             GListModel          *rows,
             guint                i)
{
  const CabBillList *bills;

  if (self->state == NULL || rows == NULL || rows != cab_account_state_get_bill_rows (self->state))
    return NULL;
  bills = cab_account_state_get_bills (self->state);
  /* the lines are made from the bills, one each, in their order */
  if (bills == NULL || i >= bills->bills->len)
    return NULL;
  return g_ptr_array_index (bills->bills, i);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static void
remove_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/* --- The table --- */

static GtkWidget *
header_new (const char *title,
            float       xalign)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

void
cab_account_state_page_fill_table (CabAccountStatePage *self,
                                   GtkGrid             *table,
                                   GListModel          *rows,
                                   const char * const  *titles)
{
  guint n_columns = g_strv_length ((char **) titles);
  int y = 0;

  remove_children (GTK_WIDGET (table));
  if (rows == NULL)
    return;

  for (guint x = 0; x < n_columns; x++)
    gtk_grid_attach (table, header_new (titles[x], x == 0 || x == n_columns - 1 ? 0.0 : 1.0),
                     x, y, 1, 1);
  y++;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CabStatementRowItem) item = g_list_model_get_item (rows, i);
      const char *debit = cab_statement_row_item_get_debit_text (item);
      const char *credit = cab_statement_row_item_get_credit_text (item);
      GPtrArray *documents = cab_statement_row_item_get_documents (item);
      GtkWidget *operation = operation_label_new (item);

      const CabBill *bill = bill_of_row (self, rows, i);

      gtk_grid_attach (table, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, y++, n_columns, 1);
      gtk_widget_set_hexpand (operation, TRUE);
      /* A bill's "Pay…" under its name: no column of its own, which would widen the table
       * past what the page gives it in Russian and leave it as cards. */
      if (bill != NULL)
        {
          GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

          gtk_box_append (GTK_BOX (cell), operation);
          gtk_box_append (GTK_BOX (cell), pay_button_new (self, bill));
          operation = cell;
          gtk_widget_set_hexpand (operation, TRUE);
        }
      gtk_grid_attach (table, operation, 0, y, 1, 1);
      /* An empty cell is no widget at all: nothing for a screen reader to call "label". */
      if (has_text (debit))
        gtk_grid_attach (table, amount_label_new (debit, NULL), 1, y, 1, 1);
      if (n_columns > 3 && has_text (credit))
        gtk_grid_attach (table, amount_label_new (credit, NULL), 2, y, 1, 1);
      if (documents->len > 0)
        {
          GtkWidget *links = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

          for (guint j = 0; j < documents->len; j++)
            gtk_box_append (GTK_BOX (links),
                            document_button_new (self, item, g_ptr_array_index (documents, j)));
          gtk_grid_attach (table, links, n_columns - 1, y, 1, 1);
        }
      y++;
    }
}

/* --- Cards, for a narrow window --- */

/* "Debit          608 822,79", read out as "Debit: 608 822,79" */
static GtkWidget *
amount_line_new (const char *name,
                 const char *amount)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name_label = gtk_label_new (name);
  g_autofree char *spoken = g_strdup_printf ("%s: %s", name, amount);

  gtk_label_set_xalign (GTK_LABEL (name_label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (name_label), TRUE);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_box_append (GTK_BOX (line), name_label);
  gtk_box_append (GTK_BOX (line), amount_label_new (amount, spoken));

  return line;
}

static GtkWidget *
card_new (CabAccountStatePage *self,
          CabStatementRowItem *item,
          const CabBill       *bill,
          const char          *debit_name,
          const char          *credit_name)
{
  const char *debit = cab_statement_row_item_get_debit_text (item);
  const char *credit = cab_statement_row_item_get_credit_text (item);
  GPtrArray *documents = cab_statement_row_item_get_documents (item);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "act-card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cab_statement_row_item_get_operation (item), -1);
  gtk_box_append (GTK_BOX (card), operation_label_new (item));
  if (has_text (debit))
    gtk_box_append (GTK_BOX (card), amount_line_new (debit_name, debit));
  if (credit_name != NULL && has_text (credit))
    gtk_box_append (GTK_BOX (card), amount_line_new (credit_name, credit));
  for (guint i = 0; i < documents->len; i++)
    gtk_box_append (GTK_BOX (card),
                    document_button_new (self, item, g_ptr_array_index (documents, i)));
  if (bill != NULL)
    gtk_box_append (GTK_BOX (card), pay_button_new (self, bill));

  return card;
}

void
cab_account_state_page_fill_cards (CabAccountStatePage *self,
                                   GtkBox              *list,
                                   GListModel          *rows,
                                   const char          *debit_name,
                                   const char          *credit_name)
{
  remove_children (GTK_WIDGET (list));

  for (guint i = 0; rows != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CabStatementRowItem) item = g_list_model_get_item (rows, i);

      gtk_box_append (list, card_new (self, item, bill_of_row (self, rows, i), debit_name,
                                      credit_name));
    }
}
