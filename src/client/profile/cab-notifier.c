/* cab-notifier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cab-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "account/cab-account-states.h"
#include "cab-notifier.h"

#define STATE_VERSION 1
#define CHECK_INTERVAL_SECONDS (30 * 60)
/* A model fetched this recently (by the page, or the last check) is read, not fetched again. */
#define FRESH_USEC (5 * 60 * G_USEC_PER_SEC)

void
cab_notice_free (CabNotice *notice)
{
  if (notice == NULL)
    return;
  g_free (notice->id);
  g_free (notice->title);
  g_free (notice->body);
  g_free (notice->page);
  g_free (notice->company);
  g_free (notice->server_id);
  g_free (notice->login);
  g_free (notice);
}

static char *
entry_key (const CabEntry *entry)
{
  g_autofree char *date = cab_date_to_iso (&entry->date);
  g_autofree char *amount = cab_money_to_wire (entry->amount);

  return g_strdup_printf ("%s|%s|%s", date, cab_entry_kind_to_string (entry->kind), amount);
}

static CabNotice *
notice_new (const char *id,
            const char *title,
            const char *body)
{
  CabNotice *notice = g_new0 (CabNotice, 1);

  notice->id = g_strdup (id);
  notice->title = g_strdup (title);
  notice->body = g_strdup (body);
  notice->page = g_strdup ("account-state");

  return notice;
}

static CabNotice *
notice_for_entry (const char     *account,
                  const CabEntry *entry)
{
  g_autofree char *key = entry_key (entry);
  g_autofree char *id = g_strdup_printf ("%s|%s", account, key);
  g_autofree char *date = cab_date_to_display (&entry->date);
  g_autofree char *amount = cab_money_format (entry->amount, CAB_MONEY_STYLE_LOCALE);
  g_autofree char *body = NULL;
  const char *title;

  switch (entry->kind)
    {
    case CAB_ENTRY_ADVANCE_BILL_1:
    case CAB_ENTRY_ADVANCE_BILL_2:
      title = _("New advance bill");
      break;

    case CAB_ENTRY_INVOICE:
      title = _("New invoice");
      break;

    case CAB_ENTRY_CORRECTION:
      title = _("New correction invoice");
      break;

    case CAB_ENTRY_PAYMENT:
    default:
      return NULL;
    }

  /* Translators: "Account 1234567890: 167 345,26 of 01.07.2016" */
  body = g_strdup_printf (_("Account %s: %s of %s"), account, amount, date);
  return notice_new (id, title, body);
}

GPtrArray *
cab_notifier_diff (JsonObject       *accounts_state,
                   const char       *account,
                   CabLedger        *ledger,
                   const CabBalance *balance)
{
  GPtrArray *notices = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_notice_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *previous = NULL;
  JsonObject *next = json_object_new ();
  JsonArray *keys = json_array_new ();
  gboolean first_sight;
  gboolean was_positive = FALSE;
  gboolean is_positive;

  g_return_val_if_fail (accounts_state != NULL, notices);
  g_return_val_if_fail (account != NULL, notices);
  g_return_val_if_fail (CAB_IS_LEDGER (ledger), notices);

  if (json_object_has_member (accounts_state, account) &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (accounts_state, account)))
    previous = json_object_get_object_member (accounts_state, account);
  first_sight = previous == NULL;

  if (previous != NULL)
    {
      JsonNode *node = json_object_get_member (previous, "entries");
      JsonNode *positive = json_object_get_member (previous, "debt_positive");

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (element) &&
                  json_node_get_value_type (element) == G_TYPE_STRING)
                g_hash_table_add (seen, g_strdup (json_node_get_string (element)));
            }
        }
      if (positive != NULL && JSON_NODE_HOLDS_VALUE (positive) &&
          json_node_get_value_type (positive) == G_TYPE_BOOLEAN)
        was_positive = json_node_get_boolean (positive);
    }

  for (guint i = 0; i < cab_ledger_get_n_entries (ledger); i++)
    {
      const CabEntry *entry = cab_ledger_get_entry (ledger, i);
      g_autofree char *key = NULL;

      if (entry->kind == CAB_ENTRY_PAYMENT)
        continue;

      key = entry_key (entry);
      json_array_add_string_element (keys, key);
      if (!first_sight && !g_hash_table_contains (seen, key))
        {
          CabNotice *notice = notice_for_entry (account, entry);

          if (notice != NULL)
            g_ptr_array_add (notices, notice);
        }
    }

  is_positive = balance != NULL && balance->debt > 0;
  if (!first_sight && is_positive && !was_positive)
    {
      g_autofree char *date = cab_date_to_display (&balance->on);
      g_autofree char *amount = cab_money_format (balance->debt, CAB_MONEY_STYLE_LOCALE);
      g_autofree char *id = g_strdup_printf ("%s|debt", account);
      /* Translators: "Debt on 28.06.2016: 74 644,26" */
      g_autofree char *title = g_strdup_printf (_("Debt on %s: %s"), date, amount);
      g_autofree char *body = g_strdup_printf (_("Account %s"), account);

      g_ptr_array_add (notices, notice_new (id, title, body));
    }

  json_object_set_array_member (next, "entries", keys);
  /* Without a balance the last known sign stays. */
  json_object_set_boolean_member (next, "debt_positive",
                                  balance != NULL ? is_positive : was_positive);
  json_object_set_object_member (accounts_state, account, next);

  return notices;
}

struct _CabNotifier
{
  GObject       parent_instance;

  /* Weak: the session owns the notifier, not the other way round. */
  GWeakRef      session;
  GApplication *app;
  GSettings    *settings;
  char         *state_path;
  GCancellable *cancellable;
  guint         timer;
  guint         first_check;
  gboolean      enabled;
  gboolean      checking;
};

G_DEFINE_FINAL_TYPE (CabNotifier, cab_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  N_PROPS
};

enum {
  NOTICE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static JsonObject *
load_state (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonObject *accounts;
  gint64 version;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return json_object_new ();

  if (!(root = cab_json_parse_object (data, length, &error)) ||
      !(object = cab_json_object (root, "notifier state", &error)) ||
      !cab_json_get_int (object, "version", &version, &error) ||
      !(accounts = cab_json_get_object (object, "accounts", &error)) ||
      version != STATE_VERSION)
    {
      /* Starting afresh only records: a damaged file costs notices, never a flood. */
      g_message ("Ignoring the notifier state %s: %s", path,
                 error != NULL ? error->message : "unknown version");
      return json_object_new ();
    }

  return json_object_ref (accounts);
}

static gboolean
save_state (const char  *path,
            JsonObject  *accounts,
            GError     **error)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *data = NULL;

  json_object_set_int_member (object, "version", STATE_VERSION);
  json_object_set_object_member (object, "accounts", json_object_ref (accounts));
  json_node_set_object (root, object);
  data = cab_json_to_string (root);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not create the folder “%s”"), folder);
      return FALSE;
    }

  return g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

GVariant *
cab_notice_get_target (const CabNotice *notice)
{
  g_return_val_if_fail (notice != NULL, NULL);

  return g_variant_new ("(sss)",
                        notice->server_id != NULL ? notice->server_id : "",
                        notice->login != NULL ? notice->login : "",
                        notice->page != NULL ? notice->page : "");
}

GNotification *
cab_notice_to_notification (const CabNotice *notice)
{
  GNotification *notification;

  g_return_val_if_fail (notice != NULL, NULL);

  notification = g_notification_new (notice->title);
  if (notice->company != NULL)
    {
      /* The company it is about, then what happened. */
      g_autofree char *body = g_strconcat (notice->company, "\n", notice->body, NULL);

      g_notification_set_body (notification, body);
    }
  else
    g_notification_set_body (notification, notice->body);
  g_notification_set_default_action_and_target_value (notification, "app.show-company-page",
                                                      cab_notice_get_target (notice));
  return notification;
}

/* Which company a notice is about: several may be signed in, in one window (issue 17). */
static void
address_notice (CabNotifier *self,
                CabNotice   *notice)
{
  g_autoptr(CabSession) session = g_weak_ref_get (&self->session);
  const CabMe *me = session != NULL ? cab_session_get_me (session) : NULL;
  const char *login = session != NULL ? cab_session_get_login (session) : NULL;
  const char *partner = me != NULL ? me->partner.name : NULL;

  if (session == NULL)
    return;
  g_free (notice->server_id);
  notice->server_id = g_strdup (cab_session_get_server_id (session));
  g_free (notice->login);
  notice->login = g_strdup (login);
  g_free (notice->company);
  if (partner != NULL && *partner != '\0' && login != NULL)
    /* Translators: the company a notification is about, and the login signed in to it:
     * "Romashka LLC, login 1234567890" */
    notice->company = g_strdup_printf (_("%s, login %s"), partner, login);
  else if (partner != NULL && *partner != '\0')
    notice->company = g_strdup (partner);
  else
    notice->company = g_strdup (login);
}

static gboolean
send_notice (CabNotifier *self,
             CabNotice   *notice)
{
  /* Switched off: what was seen is still recorded, so switching on later floods nothing. */
  if (!self->enabled)
    return FALSE;

  address_notice (self, notice);
  g_signal_emit (self, signals[NOTICE], 0, notice);

  if (self->app != NULL)
    {
      g_autoptr(GNotification) notification = cab_notice_to_notification (notice);

      g_application_send_notification (self->app, notice->id, notification);
    }

  return TRUE;
}

typedef struct
{
  JsonObject      *accounts;
  GStrv            queue;     /* accounts still to check */
  guint            next;
  guint            n_sent;

  /* The model whose fetch is awaited, and what wakes the wait. */
  CabAccountState *waiting;
  gulong           loading_id;
  guint            settle_id;
  GSource         *cancelled;
} Check;

static void
stop_waiting (Check *check)
{
  /* A disposed model has dropped its handlers already. */
  if (check->waiting != NULL && check->loading_id != 0 &&
      g_signal_handler_is_connected (check->waiting, check->loading_id))
    g_signal_handler_disconnect (check->waiting, check->loading_id);
  check->loading_id = 0;
  g_clear_object (&check->waiting);
  g_clear_handle_id (&check->settle_id, g_source_remove);
  if (check->cancelled != NULL)
    {
      g_source_destroy (check->cancelled);
      g_clear_pointer (&check->cancelled, g_source_unref);
    }
}

static void
check_free (Check *check)
{
  stop_waiting (check);
  g_clear_pointer (&check->accounts, json_object_unref);
  g_clear_pointer (&check->queue, g_strfreev);
  g_free (check);
}

static void check_next (GTask *task);

/* Diffs what @state holds of the account under check, if the server gave it. */
static void
read_state (GTask           *task,
            CabAccountState *state)
{
  CabNotifier *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);
  CabAccountBlockState balance_state = cab_account_state_get_block_state (state,
                                                                          CAB_ACCOUNT_BLOCK_BALANCE);
  CabLedger *ledger = cab_account_state_get_ledger (state);
  g_autoptr(GPtrArray) notices = NULL;

  /* Unreachable now (or only what was saved): keep what was seen, try again next time. */
  if (cab_account_state_get_fetched_at (state) == 0 || ledger == NULL ||
      (balance_state != CAB_ACCOUNT_BLOCK_ONLINE && balance_state != CAB_ACCOUNT_BLOCK_FAILED))
    {
      g_task_return_new_error (task, CAB_ERROR, CAB_ERROR_FAILED,
                               "The figures of account %s could not be fetched",
                               check->queue[check->next]);
      g_object_unref (task);
      return;
    }

  notices = cab_notifier_diff (check->accounts, check->queue[check->next], ledger,
                               balance_state == CAB_ACCOUNT_BLOCK_ONLINE
                               ? cab_account_state_get_balance (state) : NULL);
  for (guint i = 0; i < notices->len; i++)
    if (send_notice (self, g_ptr_array_index (notices, i)))
      check->n_sent++;

  check->next++;
  check_next (task);
}

/* Once the main loop has run: a model that starts again (another fetch) says "loading" anew. */
static gboolean
settle_cb (gpointer user_data)
{
  GTask *task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(CabAccountState) state = NULL;

  check->settle_id = 0;
  if (cab_account_state_get_loading (check->waiting))
    return G_SOURCE_REMOVE;

  state = g_object_ref (check->waiting);
  stop_waiting (check);
  read_state (task, state);
  return G_SOURCE_REMOVE;
}

static void
on_loading (CabAccountState *state,
            GParamSpec      *pspec,
            GTask           *task)
{
  Check *check = g_task_get_task_data (task);

  if (!cab_account_state_get_loading (state) && check->settle_id == 0)
    check->settle_id = g_idle_add (settle_cb, task);
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  Check *check = g_task_get_task_data (task);

  stop_waiting (check);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Waits (holding @task) until @state has fetched. */
static void
wait_for (GTask           *task,
          CabAccountState *state)
{
  Check *check = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  check->waiting = g_object_ref (state);
  check->loading_id = g_signal_connect (state, "notify::loading", G_CALLBACK (on_loading), task);
  if (cancellable != NULL)
    {
      check->cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (check->cancelled, G_SOURCE_FUNC (cancelled_cb), task, NULL);
      g_source_attach (check->cancelled, g_main_context_get_thread_default ());
    }
}

/* Takes the reference on @task. */
static void
check_next (GTask *task)
{
  CabNotifier *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);
  g_autoptr(CabSession) session = NULL;
  CabAccountStates *states;
  CabAccountState *state;
  gint64 fetched_at;

  if (check->queue[check->next] == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!save_state (self->state_path, check->accounts, &error))
        g_message ("Could not save the notifier state: %s", error->message);
      g_task_return_int (task, check->n_sent);
      g_object_unref (task);
      return;
    }

  session = g_weak_ref_get (&self->session);
  states = session != NULL ? cab_session_get_account_states (session) : NULL;
  state = states != NULL ? cab_account_states_get (states, check->queue[check->next]) : NULL;
  if (state == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The session has ended");
      g_object_unref (task);
      return;
    }

  /* The same model as the Account State page's: a fetch under way (the page's, or a refresh)
   * is awaited, a recent one read, an old one made again. */
  if (cab_account_state_get_loading (state))
    {
      wait_for (task, state);
      return;
    }
  fetched_at = cab_account_state_get_fetched_at (state);
  if (fetched_at == 0 || g_get_monotonic_time () - fetched_at > FRESH_USEC)
    {
      cab_account_state_reload (state);
      if (cab_account_state_get_loading (state))
        {
          wait_for (task, state);
          return;
        }
    }
  read_state (task, state);
}

void
cab_notifier_check_async (CabNotifier         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CabSession) session = NULL;
  const CabMe *me;
  Check *check;

  g_return_if_fail (CAB_IS_NOTIFIER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cab_notifier_check_async);

  session = g_weak_ref_get (&self->session);
  me = session != NULL ? cab_session_get_me (session) : NULL;
  if (me == NULL)
    {
      g_task_return_int (task, 0);
      return;
    }

  check = g_new0 (Check, 1);
  check->accounts = load_state (self->state_path);
  check->queue = g_strdupv (me->visible_accounts);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);

  check_next (g_steal_pointer (&task));
}

guint
cab_notifier_check_finish (CabNotifier   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  gssize n;

  g_return_val_if_fail (CAB_IS_NOTIFIER (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? (guint) n : 0;
}

static void
auto_check_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CabNotifier *self = CAB_NOTIFIER (object);
  g_autoptr(GError) error = NULL;

  self->checking = FALSE;
  if (!cab_notifier_check_finish (self, result, &error) && error != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Notification check failed: %s", error->message);
}

static void
auto_check (CabNotifier *self)
{
  g_autoptr(CabSession) session = g_weak_ref_get (&self->session);

  if (self->checking || session == NULL || cab_session_get_offline (session))
    return;

  self->checking = TRUE;
  cab_notifier_check_async (self, self->cancellable, auto_check_cb, NULL);
}

static gboolean
timer_cb (gpointer user_data)
{
  auto_check (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
first_check_cb (gpointer user_data)
{
  CabNotifier *self = user_data;

  self->first_check = 0;
  auto_check (self);
  return G_SOURCE_REMOVE;
}

static void
on_me_changed (CabNotifier *self)
{
  auto_check (self);
}

static void
cab_notifier_dispose (GObject *object)
{
  CabNotifier *self = (CabNotifier *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_handle_id (&self->first_check, g_source_remove);

  G_OBJECT_CLASS (cab_notifier_parent_class)->dispose (object);
}

static void
cab_notifier_finalize (GObject *object)
{
  CabNotifier *self = (CabNotifier *)object;

  g_weak_ref_clear (&self->session);
  g_clear_object (&self->app);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->state_path, g_free);

  G_OBJECT_CLASS (cab_notifier_parent_class)->finalize (object);
}

static void
cab_notifier_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CabNotifier *self = CAB_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_notifier_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CabNotifier *self = CAB_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      cab_notifier_set_enabled (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_notifier_class_init (CabNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cab_notifier_dispose;
  object_class->finalize = cab_notifier_finalize;
  object_class->get_property = cab_notifier_get_property;
  object_class->set_property = cab_notifier_set_property;

  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (CabNotice *): a notice is sent (also as a GNotification when there is an app). */
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
cab_notifier_init (CabNotifier *self)
{
  self->cancellable = g_cancellable_new ();
  self->enabled = TRUE;
  g_weak_ref_init (&self->session, NULL);
}

CabNotifier *
cab_notifier_new (CabSession   *session,
                  GApplication *app,
                  const char   *state_path)
{
  CabNotifier *self;
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);
  g_return_val_if_fail (app == NULL || G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (state_path != NULL, NULL);

  self = g_object_new (CAB_TYPE_NOTIFIER, NULL);
  g_weak_ref_set (&self->session, session);
  g_set_object (&self->app, app);
  self->state_path = g_strdup (state_path);

  /* Preferences switch it; without the schema (tests) it stays on. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) &&
      g_settings_schema_has_key (schema, "notifications"))
    {
      self->settings = g_settings_new (APP_ID);
      g_settings_bind (self->settings, "notifications", self, "enabled", G_SETTINGS_BIND_GET);
    }

  /* After the account states' own handlers, which fetch again: the check waits for them. */
  g_signal_connect_object (session, "refresh", G_CALLBACK (auto_check), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (session, "notify::me", G_CALLBACK (on_me_changed), self,
                           G_CONNECT_SWAPPED);
  self->timer = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, timer_cb, self);
  /* The user may be known already: look once the main loop runs. */
  if (cab_session_get_me (session) != NULL)
    self->first_check = g_idle_add (first_check_cb, self);

  return self;
}

void
cab_notifier_set_enabled (CabNotifier *self,
                          gboolean     enabled)
{
  g_return_if_fail (CAB_IS_NOTIFIER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

gboolean
cab_notifier_get_enabled (CabNotifier *self)
{
  g_return_val_if_fail (CAB_IS_NOTIFIER (self), FALSE);
  return self->enabled;
}
