/* cab-preferences-window.c: the app's preferences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-core.h"
#include "cab-preferences-window.h"
#include "pay/cab-payer-requisites.h"

struct _CabPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GtkSwitch           *notifications_switch;
  AdwActionRow        *server_row;
  AdwPreferencesGroup *payer_group;
  AdwEntryRow         *bank_account_row;
  AdwEntryRow         *bic_row;
  AdwEntryRow         *bank_name_row;
  AdwEntryRow         *next_number_row;
  GtkLabel            *payer_message_label;
  GtkButton           *payer_save_button;

  CabPayerRequisites  *payer;
  /* The next order number as shown: only a number the user changed is saved, so saving the
   * bank details does not hand out again the numbers of orders written meanwhile. */
  guint                shown_number;
};

G_DEFINE_FINAL_TYPE (CabPreferencesWindow, cab_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

CabPreferencesWindow *
cab_preferences_window_new (GtkWindow  *parent,
                            GSettings  *settings,
                            const char *server_url)
{
  CabPreferencesWindow *self;

  self = g_object_new (CAB_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  if (settings != NULL)
    g_settings_bind (settings, "notifications", self->notifications_switch, "active",
                     G_SETTINGS_BIND_DEFAULT);
  adw_action_row_set_subtitle (self->server_row,
                               server_url != NULL ? server_url : _("None"));

  return self;
}

static void
show_payer_message (CabPreferencesWindow *self,
                    const char           *message,
                    gboolean              is_error)
{
  gtk_label_set_text (self->payer_message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->payer_message_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->payer_message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->payer_message_label), "error");
}

static void
mark_row (AdwEntryRow *row,
          const char  *error_text)
{
  if (error_text != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error_text, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* The words for a refused field, in the order the rows are filled. */
static const char *
payer_error_text (const char *field)
{
  if (g_strcmp0 (field, "bic") == 0)
    return _("The BIC is 9 digits, like 041501601: enter the BIC of the bank where the account is.");
  if (g_strcmp0 (field, "bank_account") == 0)
    return _("The account is 20 digits and must belong to the bank with this BIC: check both against the bank's requisites.");
  if (g_strcmp0 (field, "next_number") == 0)
    return _("The next payment order number is a whole number from 1 to 999999.");
  return _("The bank name is one line of at most 160 characters.");
}

static void
on_payer_save (CabPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *account = gtk_editable_get_text (GTK_EDITABLE (self->bank_account_row));
  const char *bic = gtk_editable_get_text (GTK_EDITABLE (self->bic_row));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->bank_name_row));
  g_autofree char *number_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->next_number_row)));
  guint64 number = 0;
  const char *field;
  AdwEntryRow *row;

  if (self->payer == NULL)
    return;

  mark_row (self->bank_account_row, NULL);
  mark_row (self->bic_row, NULL);
  mark_row (self->bank_name_row, NULL);
  mark_row (self->next_number_row, NULL);

  /* 0 for what is not a number at all: refused below with the number's words */
  g_strstrip (number_text);
  if (!g_ascii_string_to_unsigned (number_text, 10, 0, G_MAXUINT, &number, NULL))
    number = 0;
  if ((number != self->shown_number
       && !cab_payer_requisites_set_next_number (self->payer, (guint) number, &error))
      || !cab_payer_requisites_set (self->payer, account, bic, name, &error))
    {
      field = cab_error_get_field (error);
      row = g_strcmp0 (field, "bic") == 0 ? self->bic_row
            : g_strcmp0 (field, "bank_account") == 0 ? self->bank_account_row
            : g_strcmp0 (field, "next_number") == 0 ? self->next_number_row
            : self->bank_name_row;
      mark_row (row, payer_error_text (field));
      show_payer_message (self, payer_error_text (field), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (row));
      return;
    }

  if (!cab_payer_requisites_save (self->payer, &error))
    {
      g_debug ("Payer's bank details not saved: %s", error->message);
      show_payer_message (self, _("Could not save the bank details on this computer."), TRUE);
      return;
    }

  /* the numbering as it now stands, orders written meanwhile included */
  self->shown_number = cab_payer_requisites_get_next_number (self->payer);
  g_free (number_text);
  number_text = g_strdup_printf ("%u", self->shown_number);
  gtk_editable_set_text (GTK_EDITABLE (self->next_number_row), number_text);
  show_payer_message (self, _("Saved on this computer."), FALSE);
}

void
cab_preferences_window_set_login (CabPreferencesWindow *self,
                                  const char           *login,
                                  const char           *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *number = NULL;
  const char *account = NULL, *bic = NULL, *name = NULL;

  g_return_if_fail (CAB_IS_PREFERENCES_WINDOW (self));

  g_clear_object (&self->payer);
  show_payer_message (self, NULL, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->payer_group), login != NULL && *login != '\0');
  if (login == NULL || *login == '\0')
    return;

  self->payer = cab_payer_requisites_load (dir, login, &error);
  if (self->payer == NULL)
    {
      /* a damaged file: the person sees why the fields are empty; the next save replaces it */
      g_debug ("Payer's bank details unreadable: %s", error->message);
      self->payer = cab_payer_requisites_new (dir, login);
      show_payer_message (self, _("The saved bank details could not be read. Enter them again."), TRUE);
    }
  account = cab_payer_requisites_get_bank_account (self->payer);
  bic = cab_payer_requisites_get_bic (self->payer);
  name = cab_payer_requisites_get_bank_name (self->payer);
  gtk_editable_set_text (GTK_EDITABLE (self->bank_account_row), account != NULL ? account : "");
  gtk_editable_set_text (GTK_EDITABLE (self->bic_row), bic != NULL ? bic : "");
  gtk_editable_set_text (GTK_EDITABLE (self->bank_name_row), name != NULL ? name : "");
  self->shown_number = cab_payer_requisites_get_next_number (self->payer);
  number = g_strdup_printf ("%u", self->shown_number);
  gtk_editable_set_text (GTK_EDITABLE (self->next_number_row), number);

  description = g_strdup_printf (_("Your company’s bank, the payer in payment orders of login %s. Kept on this computer only."), login);
  adw_preferences_group_set_description (self->payer_group, description);
}

static void
cab_preferences_window_dispose (GObject *object)
{
  CabPreferencesWindow *self = (CabPreferencesWindow *)object;

  g_clear_object (&self->payer);
  gtk_widget_dispose_template (GTK_WIDGET (object), CAB_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (cab_preferences_window_parent_class)->dispose (object);
}

static void
cab_preferences_window_class_init (CabPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CabPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, CabPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, CabPreferencesWindow, payer_group);
  gtk_widget_class_bind_template_child (widget_class, CabPreferencesWindow, bank_account_row);
  gtk_widget_class_bind_template_child (widget_class, CabPreferencesWindow, bic_row);
  gtk_widget_class_bind_template_child (widget_class, CabPreferencesWindow, bank_name_row);
  gtk_widget_class_bind_template_child (widget_class, CabPreferencesWindow, next_number_row);
  gtk_widget_class_bind_template_child (widget_class, CabPreferencesWindow, payer_message_label);
  gtk_widget_class_bind_template_child (widget_class, CabPreferencesWindow, payer_save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_payer_save);
}

static void
cab_preferences_window_init (CabPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
