/* cab-account-list-dialog.c: check rows of the partner's contracts; Apply saves them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-error-text.h"
#include "cab-account-list-dialog.h"
#include "cab-contract-card.h"

struct _CabAccountListDialog
{
  AdwWindow            parent_instance;

  CabSession          *session;
  GCancellable        *cancellable;
  GPtrArray           *checks;     /* of GtkCheckButton, parallel to me->contracts */
  GPtrArray           *accounts;   /* of char * */

  AdwPreferencesGroup *group;
  GtkButton           *apply_button;
  GtkLabel            *message_label;
};

G_DEFINE_FINAL_TYPE (CabAccountListDialog, cab_account_list_dialog, ADW_TYPE_WINDOW)

static guint
count_checked (CabAccountListDialog *self)
{
  guint n = 0;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      n++;

  return n;
}

static void
on_check_toggled (CabAccountListDialog *self)
{
  gboolean any = count_checked (self) > 0;

  /* at least one contract stays in the selector */
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), any);
  if (!any)
    {
      gtk_label_set_text (self->message_label, _("Keep at least one contract in the list."));
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CabAccountListDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CabMe) me = NULL;

  me = cab_api_client_set_visible_accounts_finish (CAB_API_CLIENT (object), result, &error);
  if (me == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), TRUE);
      {
        g_autofree char *text = cab_error_text (error);

        gtk_label_set_text (self->message_label, text);
      }
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      return;
    }

  cab_session_set_me (self->session, me);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_apply_clicked (CabAccountListDialog *self)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_ptr_array_add (chosen, g_ptr_array_index (self->accounts, i));
  g_ptr_array_add (chosen, NULL);

  if (chosen->len == 1)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  cab_api_client_set_visible_accounts_async (cab_session_get_api (self->session),
                                             (const char * const *) chosen->pdata,
                                             self->cancellable, on_saved, g_object_ref (self));
}

CabAccountListDialog *
cab_account_list_dialog_new (GtkWindow  *parent,
                             CabSession *session)
{
  CabAccountListDialog *self;
  const CabMe *me;

  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);

  self = g_object_new (CAB_TYPE_ACCOUNT_LIST_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);

  me = cab_session_get_me (session);
  for (guint i = 0; me != NULL && me->contracts != NULL && i < me->contracts->len; i++)
    {
      const CabContract *contract = g_ptr_array_index (me->contracts, i);
      g_autofree char *title = cab_contract_describe (contract);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      /* one row per contract: the list is data, not layout */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (contract->branch_name != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), contract->branch_name);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   cab_me_is_visible (me, contract->account));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_check_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->group, row);

      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->accounts, g_strdup (contract->account));
    }
  on_check_toggled (self);

  return self;
}

static void
cab_account_list_dialog_dispose (GObject *object)
{
  CabAccountListDialog *self = (CabAccountListDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_ACCOUNT_LIST_DIALOG);

  G_OBJECT_CLASS (cab_account_list_dialog_parent_class)->dispose (object);
}

static void
cab_account_list_dialog_class_init (CabAccountListDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_account_list_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-account-list-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CabAccountListDialog, group);
  gtk_widget_class_bind_template_child (widget_class, CabAccountListDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, CabAccountListDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cab_account_list_dialog_init (CabAccountListDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->checks = g_ptr_array_new ();
  self->accounts = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}
