/* cab-session.c: the signed-in user, the selected contract and the server's reachability.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-session.h"

struct _CabSession
{
  GObject       parent_instance;

  CabApiClient *api;
  char         *login;
  char         *server_id;
  CabMe        *me;
  char         *account;
  gboolean      offline;
  GDate         today;
  gulong        reachable_id;
  gulong        unreachable_id;

  /* Services (typed by the areas that build them). */
  GObject      *offline_store;
  GObject      *reconnector;
  GObject      *documents;
  GObject      *feedback_outbox;
  GObject      *notifier;
  GObject      *account_states;
};

G_DEFINE_FINAL_TYPE (CabSession, cab_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_API,
  PROP_LOGIN,
  PROP_SERVER_ID,
  PROP_ME,
  PROP_ACCOUNT,
  PROP_OFFLINE,
  PROP_FEEDBACK_OUTBOX,
  PROP_NOTIFIER,
  PROP_OFFLINE_STORE,
  PROP_DOCUMENTS,
  PROP_TODAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_REFRESH,
  SIGNAL_OPEN_DOCUMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* g_set_str() is GLib 2.76 */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static char *
server_id_from_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));

  return g_strdup (g_uri_get_host (uri));
}

static void
on_api_reachable (CabSession *self)
{
  cab_session_set_offline (self, FALSE);
}

static void
on_api_unreachable (CabSession *self)
{
  cab_session_set_offline (self, TRUE);
}

CabSession *
cab_session_new (CabApiClient *api,
                 const char   *login)
{
  g_return_val_if_fail (CAB_IS_API_CLIENT (api), NULL);

  return g_object_new (CAB_TYPE_SESSION, "api", api, "login", login, NULL);
}

CabApiClient *
cab_session_get_api (CabSession *self)
{
  g_return_val_if_fail (CAB_IS_SESSION (self), NULL);

  return self->api;
}

const char *
cab_session_get_login (CabSession *self)
{
  g_return_val_if_fail (CAB_IS_SESSION (self), NULL);

  return self->login;
}

const char *
cab_session_get_server_id (CabSession *self)
{
  g_return_val_if_fail (CAB_IS_SESSION (self), NULL);

  return self->server_id;
}

void
cab_session_set_server_id (CabSession *self,
                           const char *server_id)
{
  g_return_if_fail (CAB_IS_SESSION (self));

  if (set_string (&self->server_id, server_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_ID]);
}

const CabMe *
cab_session_get_me (CabSession *self)
{
  g_return_val_if_fail (CAB_IS_SESSION (self), NULL);

  return self->me;
}

void
cab_session_set_me (CabSession  *self,
                    const CabMe *me)
{
  g_return_if_fail (CAB_IS_SESSION (self));

  if (self->me == me)
    return;

  g_clear_pointer (&self->me, cab_me_free);
  if (me != NULL)
    self->me = cab_me_copy (me);

  /* the login may have changed (Profile) */
  if (self->me != NULL && set_string (&self->login, self->me->login))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGIN]);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ME]);
}

const char *
cab_session_get_account (CabSession *self)
{
  g_return_val_if_fail (CAB_IS_SESSION (self), NULL);

  return self->account;
}

void
cab_session_set_account (CabSession *self,
                         const char *account)
{
  g_return_if_fail (CAB_IS_SESSION (self));

  if (set_string (&self->account, account))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

const CabContract *
cab_session_get_contract (CabSession *self)
{
  g_return_val_if_fail (CAB_IS_SESSION (self), NULL);

  if (self->me == NULL || self->account == NULL)
    return NULL;

  return cab_me_find_contract (self->me, self->account);
}

gboolean
cab_session_get_offline (CabSession *self)
{
  g_return_val_if_fail (CAB_IS_SESSION (self), FALSE);

  return self->offline;
}

void
cab_session_set_offline (CabSession *self,
                         gboolean    offline)
{
  g_return_if_fail (CAB_IS_SESSION (self));

  offline = !!offline;
  if (self->offline == offline)
    return;

  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

void
cab_session_get_today (CabSession *self,
                       GDate      *out_today)
{
  g_return_if_fail (CAB_IS_SESSION (self));
  g_return_if_fail (out_today != NULL);

  if (g_date_valid (&self->today))
    *out_today = self->today;
  else
    cab_date_today_supplier (out_today);
}

void
cab_session_set_today (CabSession  *self,
                       const GDate *today)
{
  GDate before;

  g_return_if_fail (CAB_IS_SESSION (self));

  before = self->today;
  if (today != NULL && g_date_valid (today))
    self->today = *today;
  else
    g_date_clear (&self->today, 1);

  /* Another day: every figure "on today" is another one (the account-state models fetch
   * again). */
  if (g_date_valid (&before) != g_date_valid (&self->today) ||
      (g_date_valid (&before) && g_date_compare (&before, &self->today) != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

void
cab_session_refresh (CabSession *self)
{
  g_return_if_fail (CAB_IS_SESSION (self));

  g_signal_emit (self, signals[SIGNAL_REFRESH], 0);
}

void
cab_session_open_document (CabSession           *self,
                           const CabDocumentRef *ref)
{
  g_return_if_fail (CAB_IS_SESSION (self));
  g_return_if_fail (ref != NULL);

  g_signal_emit (self, signals[SIGNAL_OPEN_DOCUMENT], 0, ref);
}

CabOfflineStore *
cab_session_get_offline_store (CabSession *self)
{
  g_return_val_if_fail (CAB_IS_SESSION (self), NULL);
  return (CabOfflineStore *)self->offline_store;
}

void
cab_session_set_offline_store (CabSession      *self,
                               CabOfflineStore *store)
{
  g_return_if_fail (CAB_IS_SESSION (self));
  g_return_if_fail (store == NULL || G_IS_OBJECT (store));

  if (g_set_object (&self->offline_store, (GObject *)store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_STORE]);
}

CabReconnector *
cab_session_get_reconnector (CabSession *self)
{
  g_return_val_if_fail (CAB_IS_SESSION (self), NULL);
  return (CabReconnector *)self->reconnector;
}

void
cab_session_set_reconnector (CabSession     *self,
                             CabReconnector *reconnector)
{
  g_return_if_fail (CAB_IS_SESSION (self));
  g_return_if_fail (G_IS_OBJECT (reconnector));
  g_return_if_fail (self->reconnector == NULL);

  self->reconnector = g_object_ref (G_OBJECT (reconnector));
}

CabDocuments *
cab_session_get_documents (CabSession *self)
{
  g_return_val_if_fail (CAB_IS_SESSION (self), NULL);
  return (CabDocuments *)self->documents;
}

void
cab_session_set_documents (CabSession   *self,
                           CabDocuments *documents)
{
  g_return_if_fail (CAB_IS_SESSION (self));
  g_return_if_fail (documents == NULL || G_IS_OBJECT (documents));

  if (g_set_object (&self->documents, (GObject *)documents))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENTS]);
}

CabAccountStates *
cab_session_get_account_states (CabSession *self)
{
  g_return_val_if_fail (CAB_IS_SESSION (self), NULL);
  return (CabAccountStates *)self->account_states;
}

void
cab_session_set_account_states (CabSession       *self,
                                CabAccountStates *states)
{
  g_return_if_fail (CAB_IS_SESSION (self));
  g_return_if_fail (states == NULL || G_IS_OBJECT (states));
  g_return_if_fail (states == NULL || self->account_states == NULL);

  g_set_object (&self->account_states, (GObject *)states);
}

CabFeedbackOutbox *
cab_session_get_feedback_outbox (CabSession *self)
{
  g_return_val_if_fail (CAB_IS_SESSION (self), NULL);
  return (CabFeedbackOutbox *)self->feedback_outbox;
}

void
cab_session_set_feedback_outbox (CabSession        *self,
                                 CabFeedbackOutbox *outbox)
{
  g_return_if_fail (CAB_IS_SESSION (self));
  g_return_if_fail (outbox == NULL || G_IS_OBJECT (outbox));

  if (g_set_object (&self->feedback_outbox, (GObject *)outbox))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEEDBACK_OUTBOX]);
}

CabNotifier *
cab_session_get_notifier (CabSession *self)
{
  g_return_val_if_fail (CAB_IS_SESSION (self), NULL);
  return (CabNotifier *)self->notifier;
}

void
cab_session_set_notifier (CabSession  *self,
                          CabNotifier *notifier)
{
  g_return_if_fail (CAB_IS_SESSION (self));
  g_return_if_fail (notifier == NULL || G_IS_OBJECT (notifier));

  if (g_set_object (&self->notifier, (GObject *)notifier))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFIER]);
}

void
cab_session_clear_services (CabSession *self)
{
  g_return_if_fail (CAB_IS_SESSION (self));

  /* Each stops its work when disposed (timers, requests): run dispose now, whoever else still
   * holds one, so nothing of this user goes on after sign-out. */
  /* A check under way holds the notifier: dispose cancels its requests, which would otherwise
   * come back unauthorized into the next session. */
  if (self->notifier != NULL)
    g_object_run_dispose (self->notifier);
  cab_session_set_notifier (self, NULL);
  if (self->feedback_outbox != NULL)
    {
      g_object_run_dispose (self->feedback_outbox);
      cab_session_set_feedback_outbox (self, NULL);
    }
  /* After the notifier, which waits on them: their requests stop here. */
  if (self->account_states != NULL)
    g_object_run_dispose (self->account_states);
  g_clear_object (&self->account_states);
  if (self->reconnector != NULL)
    g_object_run_dispose (self->reconnector);
  g_clear_object (&self->reconnector);
  cab_session_set_documents (self, NULL);
  cab_session_set_offline_store (self, NULL);
}

static void
cab_session_constructed (GObject *object)
{
  CabSession *self = (CabSession *)object;

  G_OBJECT_CLASS (cab_session_parent_class)->constructed (object);

  if (self->server_id == NULL && self->api != NULL)
    self->server_id = server_id_from_url (cab_api_client_get_base_url (self->api));

  /* every request of every page tells whether the server answers */
  if (self->api != NULL)
    {
      self->reachable_id = g_signal_connect_swapped (self->api, "reachable",
                                                     G_CALLBACK (on_api_reachable), self);
      self->unreachable_id = g_signal_connect_swapped (self->api, "unreachable",
                                                       G_CALLBACK (on_api_unreachable), self);
    }
}

static void
cab_session_dispose (GObject *object)
{
  CabSession *self = (CabSession *)object;

  if (self->api != NULL)
    {
      g_clear_signal_handler (&self->reachable_id, self->api);
      g_clear_signal_handler (&self->unreachable_id, self->api);
    }
  g_clear_object (&self->api);
  /* The services hold the session weakly or not at all: they go with it. */
  g_clear_object (&self->notifier);
  g_clear_object (&self->feedback_outbox);
  g_clear_object (&self->account_states);
  g_clear_object (&self->documents);

  G_OBJECT_CLASS (cab_session_parent_class)->dispose (object);
}

static void
cab_session_finalize (GObject *object)
{
  CabSession *self = (CabSession *)object;

  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->server_id, g_free);
  g_clear_pointer (&self->me, cab_me_free);
  g_clear_pointer (&self->account, g_free);
  /* Last: the reconnector holds the session weakly and lets go of it in its dispose. */
  g_clear_object (&self->reconnector);
  g_clear_object (&self->offline_store);

  G_OBJECT_CLASS (cab_session_parent_class)->finalize (object);
}

static void
cab_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CabSession *self = CAB_SESSION (object);

  switch (prop_id)
    {
    case PROP_API:
      g_value_set_object (value, self->api);
      break;
    case PROP_LOGIN:
      g_value_set_string (value, self->login);
      break;
    case PROP_SERVER_ID:
      g_value_set_string (value, self->server_id);
      break;
    case PROP_ME:
      g_value_set_boxed (value, self->me);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    case PROP_TODAY:
      g_value_set_boxed (value, g_date_valid (&self->today) ? &self->today : NULL);
      break;
    case PROP_FEEDBACK_OUTBOX:
      g_value_set_object (value, self->feedback_outbox);
      break;
    case PROP_NOTIFIER:
      g_value_set_object (value, self->notifier);
      break;
    case PROP_OFFLINE_STORE:
      g_value_set_object (value, self->offline_store);
      break;
    case PROP_DOCUMENTS:
      g_value_set_object (value, self->documents);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_session_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CabSession *self = CAB_SESSION (object);

  switch (prop_id)
    {
    case PROP_API:
      self->api = g_value_dup_object (value);
      break;
    case PROP_LOGIN:
      set_string (&self->login, g_value_get_string (value));
      break;
    case PROP_SERVER_ID:
      cab_session_set_server_id (self, g_value_get_string (value));
      break;
    case PROP_ME:
      cab_session_set_me (self, g_value_get_boxed (value));
      break;
    case PROP_ACCOUNT:
      cab_session_set_account (self, g_value_get_string (value));
      break;
    case PROP_OFFLINE:
      cab_session_set_offline (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_session_class_init (CabSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cab_session_constructed;
  object_class->dispose = cab_session_dispose;
  object_class->finalize = cab_session_finalize;
  object_class->get_property = cab_session_get_property;
  object_class->set_property = cab_session_set_property;

  properties[PROP_API] =
    g_param_spec_object ("api", NULL, NULL, CAB_TYPE_API_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOGIN] =
    g_param_spec_string ("login", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_ID] =
    g_param_spec_string ("server-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ME] =
    g_param_spec_boxed ("me", NULL, NULL, CAB_TYPE_ME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Read-only here: set through the typed setters, by the services' builder. */
  properties[PROP_FEEDBACK_OUTBOX] =
    g_param_spec_object ("feedback-outbox", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTIFIER] =
    g_param_spec_object ("notifier", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE_STORE] =
    g_param_spec_object ("offline-store", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENTS] =
    g_param_spec_object ("documents", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Notified when it changes; read with cab_session_get_today(). */
  properties[PROP_TODAY] =
    g_param_spec_boxed ("today", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_REFRESH] =
    g_signal_new ("refresh", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_OPEN_DOCUMENT] =
    g_signal_new ("open-document", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  CAB_TYPE_DOCUMENT_REF | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
cab_session_init (CabSession *self)
{
  g_date_clear (&self->today, 1);
}
