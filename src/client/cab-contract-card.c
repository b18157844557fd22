/* cab-contract-card.c: one contract on the Client Info page (manual 4.1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-contract-card.h"

struct _CabContractCard
{
  AdwBin               parent_instance;

  CabContract         *contract;

  AdwPreferencesGroup *group;
  AdwActionRow        *account_row;
  AdwActionRow        *contract_row;
  AdwActionRow        *branch_row;
  AdwActionRow        *branch_address_row;
  AdwActionRow        *inn_row;
  AdwActionRow        *kpp_row;
};

G_DEFINE_FINAL_TYPE (CabContractCard, cab_contract_card, ADW_TYPE_BIN)

char *
cab_contract_describe (const CabContract *contract)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (contract != NULL, NULL);

  date = g_date_valid (&contract->contract_date) ? cab_date_to_display (&contract->contract_date)
                                                 : g_strdup ("");
  /* Translators: the Contract selector; account number, contract number, contract date */
  return g_strdup_printf (_("%s · contract No. %s of %s"),
                          contract->account, contract->contract_number, date);
}

static void
copy_text (CabContractCard *self,
           const char      *text)
{
  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
on_copy_account (CabContractCard *self)
{
  copy_text (self, self->contract->account);
}

static void
on_copy_inn (CabContractCard *self)
{
  copy_text (self, self->contract->inn);
}

static void
on_copy_kpp (CabContractCard *self)
{
  copy_text (self, self->contract->kpp);
}

GtkWidget *
cab_contract_card_new (const CabContract *contract)
{
  CabContractCard *self;
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (contract != NULL, NULL);

  self = g_object_new (CAB_TYPE_CONTRACT_CARD, NULL);
  self->contract = cab_contract_copy (contract);

  date = g_date_valid (&contract->contract_date) ? cab_date_to_display (&contract->contract_date)
                                                 : g_strdup ("");
  /* Translators: contract number and date, like "No. 12-3456 of 01.12.2015" */
  title = g_strdup_printf (_("No. %s of %s"), contract->contract_number, date);

  adw_preferences_group_set_title (self->group, contract->account);
  adw_action_row_set_subtitle (self->account_row, contract->account);
  adw_action_row_set_subtitle (self->contract_row, title);
  if (contract->branch_name != NULL)
    adw_action_row_set_subtitle (self->branch_row, contract->branch_name);
  gtk_widget_set_visible (GTK_WIDGET (self->branch_row), contract->branch_name != NULL);
  if (contract->branch_address != NULL)
    adw_action_row_set_subtitle (self->branch_address_row, contract->branch_address);
  gtk_widget_set_visible (GTK_WIDGET (self->branch_address_row), contract->branch_address != NULL);
  adw_action_row_set_subtitle (self->inn_row, contract->inn);
  adw_action_row_set_subtitle (self->kpp_row, contract->kpp);

  return GTK_WIDGET (self);
}

static void
cab_contract_card_dispose (GObject *object)
{
  CabContractCard *self = (CabContractCard *)object;

  g_clear_pointer (&self->contract, cab_contract_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_CONTRACT_CARD);

  G_OBJECT_CLASS (cab_contract_card_parent_class)->dispose (object);
}

static void
cab_contract_card_class_init (CabContractCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_contract_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-contract-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CabContractCard, group);
  gtk_widget_class_bind_template_child (widget_class, CabContractCard, account_row);
  gtk_widget_class_bind_template_child (widget_class, CabContractCard, contract_row);
  gtk_widget_class_bind_template_child (widget_class, CabContractCard, branch_row);
  gtk_widget_class_bind_template_child (widget_class, CabContractCard, branch_address_row);
  gtk_widget_class_bind_template_child (widget_class, CabContractCard, inn_row);
  gtk_widget_class_bind_template_child (widget_class, CabContractCard, kpp_row);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_account);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_inn);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_kpp);
}

static void
cab_contract_card_init (CabContractCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
