/* cab-account-state-page-cells.c: the cells of the act's and the bills' column views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-account-state-page-internal.h"
#include "cab-statement-row-item.h"

/* --- Table cells --- */

void
cab_account_state_page_text_setup (GtkSignalListItemFactory *factory,
                                   GtkListItem              *list_item,
                                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (list_item, label);
}

void
cab_account_state_page_money_setup (GtkSignalListItemFactory *factory,
                                    GtkListItem              *list_item,
                                    gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_text (GtkListItem *list_item,
           const char  *text)
{
  CabStatementRowItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), text);
  /* The balances and turnovers stand out, as in the manual's act. */
  if (cab_statement_row_item_get_row_type (item) != CAB_STATEMENT_ROW_TYPE_OPERATION)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
}

void
cab_account_state_page_operation_bind (GtkSignalListItemFactory *factory,
                                       GtkListItem              *list_item,
                                       gpointer                  user_data)
{
  bind_text (list_item, cab_statement_row_item_get_operation (gtk_list_item_get_item (list_item)));
}

void
cab_account_state_page_debit_bind (GtkSignalListItemFactory *factory,
                                   GtkListItem              *list_item,
                                   gpointer                  user_data)
{
  bind_text (list_item, cab_statement_row_item_get_debit_text (gtk_list_item_get_item (list_item)));
}

void
cab_account_state_page_credit_bind (GtkSignalListItemFactory *factory,
                                    GtkListItem              *list_item,
                                    gpointer                  user_data)
{
  bind_text (list_item, cab_statement_row_item_get_credit_text (gtk_list_item_get_item (list_item)));
}

void
cab_account_state_page_documents_setup (GtkSignalListItemFactory *factory,
                                        GtkListItem              *list_item,
                                        gpointer                  user_data)
{
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 3);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (box), 1);
  gtk_list_item_set_child (list_item, box);
}

void
cab_account_state_page_documents_bind (GtkSignalListItemFactory *factory,
                                       GtkListItem              *list_item,
                                       gpointer                  user_data)
{
  CabAccountStatePage *self = user_data;
  CabStatementRowItem *item = gtk_list_item_get_item (list_item);
  GtkFlowBox *box = GTK_FLOW_BOX (gtk_list_item_get_child (list_item));
  GPtrArray *documents = cab_statement_row_item_get_documents (item);

  for (guint i = 0; i < documents->len; i++)
    {
      CabDocumentRef *ref = g_ptr_array_index (documents, i);
      GtkWidget *button = gtk_button_new_with_label (ref->title);
      g_autofree char *tooltip = NULL;

      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, ref->title, -1);
      /* Translators: a document's title and the line of the act it belongs to */
      tooltip = g_strdup_printf (_("Open “%s” (%s)"), ref->title,
                                 cab_statement_row_item_get_operation (item));
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data_full (G_OBJECT (button), "cab-document-ref",
                              cab_document_ref_copy (ref), (GDestroyNotify)cab_document_ref_free);
      g_object_set_data_full (G_OBJECT (button), "cab-row-item",
                              g_object_ref (item), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (cab_account_state_page_document_clicked), self,
                               G_CONNECT_SWAPPED);
      gtk_flow_box_append (box, button);
    }
}

void
cab_account_state_page_documents_unbind (GtkSignalListItemFactory *factory,
                                         GtkListItem              *list_item,
                                         gpointer                  user_data)
{
  GtkFlowBox *box = GTK_FLOW_BOX (gtk_list_item_get_child (list_item));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

