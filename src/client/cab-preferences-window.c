/* cab-preferences-window.c: the app's preferences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-preferences-window.h"

struct _CabPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GtkSwitch           *notifications_switch;
  AdwActionRow        *server_row;
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
cab_preferences_window_dispose (GObject *object)
{
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
}

static void
cab_preferences_window_init (CabPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
