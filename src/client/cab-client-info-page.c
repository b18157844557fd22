/* cab-client-info-page.c: "Client Info" (manual 4.1), drawn from the session's GET /me.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-client-info-page.h"
#include "cab-contract-card.h"

struct _CabClientInfoPage
{
  AdwBin        parent_instance;

  CabSession   *session;
  gulong        me_id;

  AdwActionRow *dp_code_row;
  AdwActionRow *name_row;
  AdwActionRow *address_row;
  AdwActionRow *contacts_row;
  GtkBox       *contracts_box;
};

G_DEFINE_FINAL_TYPE (CabClientInfoPage, cab_client_info_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (CabClientInfoPage *self)
{
  const CabMe *me = self->session != NULL ? cab_session_get_me (self->session) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->contracts_box))) != NULL)
    gtk_box_remove (self->contracts_box, child);

  if (me == NULL)
    {
      adw_action_row_set_subtitle (self->dp_code_row, "");
      adw_action_row_set_subtitle (self->name_row, "");
      adw_action_row_set_subtitle (self->address_row, "");
      adw_action_row_set_subtitle (self->contacts_row, "");
      return;
    }

  adw_action_row_set_subtitle (self->dp_code_row, me->partner.dp_code);
  adw_action_row_set_subtitle (self->name_row, me->partner.name);
  adw_action_row_set_subtitle (self->address_row, me->partner.address);
  adw_action_row_set_subtitle (self->contacts_row, me->partner.contacts);

  for (guint i = 0; me->contracts != NULL && i < me->contracts->len; i++)
    gtk_box_append (self->contracts_box,
                    cab_contract_card_new (g_ptr_array_index (me->contracts, i)));
}

static void
cab_client_info_page_constructed (GObject *object)
{
  CabClientInfoPage *self = (CabClientInfoPage *)object;

  G_OBJECT_CLASS (cab_client_info_page_parent_class)->constructed (object);

  if (self->session != NULL)
    self->me_id = g_signal_connect_swapped (self->session, "notify::me",
                                            G_CALLBACK (update), self);
  update (self);
}

static void
cab_client_info_page_dispose (GObject *object)
{
  CabClientInfoPage *self = (CabClientInfoPage *)object;

  if (self->session != NULL)
    g_clear_signal_handler (&self->me_id, self->session);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_CLIENT_INFO_PAGE);

  G_OBJECT_CLASS (cab_client_info_page_parent_class)->dispose (object);
}

static void
cab_client_info_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CabClientInfoPage *self = CAB_CLIENT_INFO_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_client_info_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CabClientInfoPage *self = CAB_CLIENT_INFO_PAGE (object);

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
cab_client_info_page_class_init (CabClientInfoPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cab_client_info_page_constructed;
  object_class->dispose = cab_client_info_page_dispose;
  object_class->get_property = cab_client_info_page_get_property;
  object_class->set_property = cab_client_info_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CAB_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-client-info-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CabClientInfoPage, dp_code_row);
  gtk_widget_class_bind_template_child (widget_class, CabClientInfoPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, CabClientInfoPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, CabClientInfoPage, contacts_row);
  gtk_widget_class_bind_template_child (widget_class, CabClientInfoPage, contracts_box);
}

static void
cab_client_info_page_init (CabClientInfoPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
