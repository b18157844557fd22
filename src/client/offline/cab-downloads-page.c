/* cab-downloads-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-downloads-page.h"
#include "cab-document-opener.h"
#include "cab-documents.h"

struct _CabDownloadsPage
{
  AdwBin               parent_instance;

  CabSession          *session;
  CabOfflineStore     *store;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *shown;
  char                *query;
  gboolean             setting_text;
  GCancellable        *cancellable;

  /* Template */
  GtkSearchEntry      *search_entry;
  GtkLabel            *summary_label;
  GtkLabel            *status_label;
  GtkStack            *stack;
  GtkColumnView       *column_view;
};

G_DEFINE_FINAL_TYPE (CabDownloadsPage, cab_downloads_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_status (CabDownloadsPage *self,
            const char       *text)
{
  if (self->status_label == NULL)
    return;
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
}

static void
update_summary (CabDownloadsPage *self)
{
  GListModel *all = self->store != NULL ? cab_offline_store_get_documents (self->store) : NULL;
  guint n_all = all != NULL ? g_list_model_get_n_items (all) : 0;
  guint n_shown = self->shown != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->shown)) : 0;
  guint64 total = 0;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(CabSavedDocument) doc = g_list_model_get_item (all, i);

      total += (guint64)cab_saved_document_get_size (doc);
    }

  size = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);
  if (n_shown == n_all)
    /* Translators: a number of documents and their total size, e.g. "12 documents, 1.4 MiB" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document, %s", "%u documents, %s",
                                         n_all), n_all, size);
  else
    /* Translators: "3 of 12 documents shown" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u document shown",
                                         "%u of %u documents shown", n_all), n_shown, n_all);
  gtk_label_set_text (self->summary_label, text);

  gtk_stack_set_visible_child_name (self->stack, n_all > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "downloads.ask-remove-all", n_all > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "downloads.remove-all", n_all > 0);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CabDownloadsPage *self = user_data;

  return cab_saved_document_matches (CAB_SAVED_DOCUMENT (item), self->query);
}

static void
on_search_changed (CabDownloadsPage *self)
{
  /* Setting the entry's text clears it first, which a search entry reports at once. */
  if (self->setting_text)
    return;
  cab_downloads_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* --- Cells --- */

static void
on_label_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_label (GtkListItem *list_item,
            const char  *text)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text != NULL ? text : "");
}

static void
on_title_bind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  bind_label (list_item, cab_saved_document_get_title (gtk_list_item_get_item (list_item)));
}

static void
on_number_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  bind_label (list_item, cab_saved_document_get_number (gtk_list_item_get_item (list_item)));
}

static void
on_date_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  bind_label (list_item, cab_saved_document_get_date_text (gtk_list_item_get_item (list_item)));
}

static void
on_account_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  bind_label (list_item, cab_saved_document_get_account (gtk_list_item_get_item (list_item)));
}

static void
on_size_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  g_autofree char *size = g_format_size_full ((guint64)cab_saved_document_get_size (
                                                gtk_list_item_get_item (list_item)),
                                              G_FORMAT_SIZE_IEC_UNITS);

  bind_label (list_item, size);
}

static void
on_buttons_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *open = gtk_button_new_from_icon_name ("document-open-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (open, "flat");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (open, _("Open"));
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_box_append (GTK_BOX (box), open);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_item_set_child (list_item, box);
}

static void
on_buttons_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  CabSavedDocument *doc = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *open = gtk_widget_get_first_child (box);
  GtkWidget *remove = gtk_widget_get_next_sibling (open);
  const char *id = cab_saved_document_get_id (doc);
  /* Translators: %s is a document title and its date */
  g_autofree char *open_label = g_strdup_printf (_("Open %s %s"), cab_saved_document_get_title (doc),
                                                 cab_saved_document_get_date_text (doc));
  /* Translators: %s is a document title and its date */
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s %s"), cab_saved_document_get_title (doc),
                                                   cab_saved_document_get_date_text (doc));

  /* Target first: the action takes a document id. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "s", id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "downloads.open");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "downloads.remove");
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, open_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
}

/* --- Actions --- */

static void
on_document_opened (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CabDownloadsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cab_document_opener_open_finish (result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, error->message);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CabDownloadsPage *self = CAB_DOWNLOADS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(CabSavedDocument) doc = NULL;

  if (self->store == NULL || !(doc = cab_offline_store_lookup_document (self->store, id)))
    return;

  set_status (self, NULL);
  cab_document_opener_open_saved_async (self->session, widget, id, NULL, on_document_opened,
                                        g_object_ref (self));
}

static void
on_removed (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CabDownloadsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cab_offline_store_remove_document_finish (CAB_OFFLINE_STORE (object), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The document cannot be removed: %s"), error->message);

      set_status (self, text);
      return;
    }

  set_status (self, _("The document is removed from this computer."));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CabDownloadsPage *self = CAB_DOWNLOADS_PAGE (widget);

  if (self->store == NULL)
    return;

  set_status (self, NULL);
  cab_offline_store_remove_document_async (self->store, g_variant_get_string (parameter, NULL),
                                           NULL, on_removed, g_object_ref (self));
}

static void
on_removed_all (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CabDownloadsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cab_offline_store_remove_all_documents_finish (CAB_OFFLINE_STORE (object), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The documents cannot be removed: %s"), error->message);

      set_status (self, text);
      return;
    }

  set_status (self, _("All downloaded documents are removed from this computer."));
}

static void
remove_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CabDownloadsPage *self = CAB_DOWNLOADS_PAGE (widget);

  if (self->store == NULL)
    return;

  set_status (self, NULL);
  cab_offline_store_remove_all_documents_async (self->store, NULL, on_removed_all,
                                                g_object_ref (self));
}

static void
on_remove_all_response (AdwMessageDialog *dialog,
                        const char       *response,
                        CabDownloadsPage *self)
{
  if (g_strcmp0 (response, "remove") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "downloads.remove-all", NULL);
}

static void
ask_remove_all_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CabDownloadsPage *self = CAB_DOWNLOADS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove All Downloaded Documents?"),
                                   _("They can be downloaded again while the server is reachable, but cannot be read offline until then."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove All"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_all_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- The object --- */

/* What is listed is what the session's documents keep; a login change (Profile) moves them
 * to the new login's folder and the session hands out new documents ("notify::documents"). */
static void
follow_documents (CabDownloadsPage *self)
{
  CabDocuments *documents = self->session != NULL ? cab_session_get_documents (self->session) : NULL;

  g_clear_object (&self->store);
  if (documents != NULL)
    self->store = g_object_ref (cab_documents_get_store (documents));
  if (self->session != NULL && self->store == NULL)
    set_status (self, _("The downloaded documents cannot be read: the folder they are kept in "
                        "could not be opened at sign-in."));

  gtk_filter_list_model_set_model (self->shown,
                                   self->store != NULL ? cab_documents_get_saved (documents) : NULL);
  update_summary (self);
}

static void
cab_downloads_page_constructed (GObject *object)
{
  CabDownloadsPage *self = (CabDownloadsPage *)object;
  g_autoptr(GtkNoSelection) selection = NULL;

  G_OBJECT_CLASS (cab_downloads_page_parent_class)->constructed (object);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->shown = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (update_summary), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->shown)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  if (self->session != NULL)
    g_signal_connect_object (self->session, "notify::documents", G_CALLBACK (follow_documents),
                             self, G_CONNECT_SWAPPED);
  follow_documents (self);
}

static void
cab_downloads_page_dispose (GObject *object)
{
  CabDownloadsPage *self = (CabDownloadsPage *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_DOWNLOADS_PAGE);
  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cab_downloads_page_parent_class)->dispose (object);
}

static void
cab_downloads_page_finalize (GObject *object)
{
  CabDownloadsPage *self = (CabDownloadsPage *)object;

  g_free (self->query);

  G_OBJECT_CLASS (cab_downloads_page_parent_class)->finalize (object);
}

static void
cab_downloads_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CabDownloadsPage *self = CAB_DOWNLOADS_PAGE (object);

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
cab_downloads_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CabDownloadsPage *self = CAB_DOWNLOADS_PAGE (object);

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
cab_downloads_page_class_init (CabDownloadsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cab_downloads_page_constructed;
  object_class->dispose = cab_downloads_page_dispose;
  object_class->finalize = cab_downloads_page_finalize;
  object_class->get_property = cab_downloads_page_get_property;
  object_class->set_property = cab_downloads_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CAB_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "downloads.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "downloads.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "downloads.remove-all", NULL, remove_all_action);
  gtk_widget_class_install_action (widget_class, "downloads.ask-remove-all", NULL,
                                   ask_remove_all_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-downloads-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CabDownloadsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CabDownloadsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CabDownloadsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CabDownloadsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CabDownloadsPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_label_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_title_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_number_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_date_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_account_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_size_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_buttons_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_buttons_bind);
}

static void
cab_downloads_page_init (CabDownloadsPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cab_downloads_page_new (CabSession *session)
{
  return g_object_new (CAB_TYPE_DOWNLOADS_PAGE, "session", session, NULL);
}

GListModel *
cab_downloads_page_get_shown (CabDownloadsPage *self)
{
  g_return_val_if_fail (CAB_IS_DOWNLOADS_PAGE (self), NULL);
  return G_LIST_MODEL (self->shown);
}

void
cab_downloads_page_set_search (CabDownloadsPage *self,
                               const char       *query)
{
  g_return_if_fail (CAB_IS_DOWNLOADS_PAGE (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), query != NULL ? query : "") != 0)
    {
      self->setting_text = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query != NULL ? query : "");
      self->setting_text = FALSE;
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_summary (self);
}

const char *
cab_downloads_page_get_status_text (CabDownloadsPage *self)
{
  g_return_val_if_fail (CAB_IS_DOWNLOADS_PAGE (self), NULL);
  return gtk_label_get_text (self->status_label);
}
