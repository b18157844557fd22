/* cab-register-page.c: registration (manual section 2).
 *
 * While the user types, the account number and the DP code are checked with the server
 * (POST /registration/check) after a pause, each on its own so that both of the manual's
 * Fig. 1 errors can show at once, then as a pair (Fig. 2).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cab-error-text.h"
#include "cab-register-page.h"

struct _CabRegisterPage
{
  AdwBin            parent_instance;

  CabApiClient     *api;
  GCancellable     *check_cancellable;
  GCancellable     *register_cancellable;
  guint             check_source;
  guint             pending_checks;
  gboolean          dp_ok;
  gboolean          account_ok;
  gboolean          tried;

  GtkEntry         *account_entry;
  GtkLabel         *account_error_label;
  GtkEntry         *dp_code_entry;
  GtkLabel         *dp_code_error_label;
  GtkEntry         *email_entry;
  GtkLabel         *email_error_label;
  GtkPasswordEntry *password_entry;
  GtkLabel         *password_error_label;
  GtkPasswordEntry *repeat_entry;
  GtkLabel         *repeat_error_label;
  GtkLabel         *message_label;
  GtkButton        *register_button;
  GtkSpinner       *spinner;
};

G_DEFINE_FINAL_TYPE (CabRegisterPage, cab_register_page, ADW_TYPE_BIN)

enum {
  SIGNAL_REGISTERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_error (GtkLabel   *label,
           const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL && *message != '\0');
}

static const char *
entry_text (gpointer entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static gboolean
all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;

  return TRUE;
}

/* Where a server error belongs: the DP code, the account, or the form. */
static void
show_server_error (CabRegisterPage *self,
                   const GError    *error)
{
  const char *field = cab_error_get_field (error);
  /* the words name what was typed */
  g_autofree char *text = cab_error_text_for_registration (error,
                                                           entry_text (self->dp_code_entry),
                                                           entry_text (self->account_entry));

  if (error->domain != CAB_ERROR)
    {
      set_error (self->message_label, text);
      return;
    }

  switch ((CabError) error->code)
    {
    case CAB_ERROR_DP_CODE_NOT_FOUND:
    case CAB_ERROR_ALREADY_REGISTERED:
      set_error (self->dp_code_error_label, text);
      break;
    case CAB_ERROR_ACCOUNT_NOT_FOUND:
    case CAB_ERROR_ACCOUNT_DP_MISMATCH:
      set_error (self->account_error_label, text);
      break;
    case CAB_ERROR_INVALID_FIELD:
      if (g_strcmp0 (field, "email") == 0)
        set_error (self->email_error_label, text);
      else if (g_strcmp0 (field, "password") == 0)
        set_error (self->password_error_label, text);
      else if (g_strcmp0 (field, "account") == 0)
        set_error (self->account_error_label, text);
      else if (g_strcmp0 (field, "dp_code") == 0)
        set_error (self->dp_code_error_label, text);
      else
        set_error (self->message_label, text);
      break;
    case CAB_ERROR_FAILED:
    case CAB_ERROR_INVALID_MONEY:
    case CAB_ERROR_MONEY_OVERFLOW:
    case CAB_ERROR_INVALID_DATE:
    case CAB_ERROR_INVALID_PERIOD:
    case CAB_ERROR_INVALID_ACCOUNT:
    case CAB_ERROR_INVALID_DP_CODE:
    case CAB_ERROR_INVALID_EMAIL:
    case CAB_ERROR_INVALID_PHONE:
    case CAB_ERROR_PASSWORD_TOO_SHORT:
    case CAB_ERROR_INVALID_INN:
    case CAB_ERROR_INN_CHECKSUM:
    case CAB_ERROR_INVALID_KPP:
    case CAB_ERROR_INVALID_LOGIN:
    case CAB_ERROR_MALFORMED_JSON:
    case CAB_ERROR_MISSING_FIELD:
    case CAB_ERROR_WRONG_TYPE:
    case CAB_ERROR_UNKNOWN_ENUM:
    case CAB_ERROR_INVALID_VALUE:
    case CAB_ERROR_NETWORK:
    case CAB_ERROR_TIMEOUT:
    case CAB_ERROR_SERVER:
    case CAB_ERROR_MALFORMED_RESPONSE:
    case CAB_ERROR_INSECURE_SERVER:
    case CAB_ERROR_UNAUTHORIZED:
    case CAB_ERROR_INVALID_CREDENTIALS:
    case CAB_ERROR_PASSWORD_CHANGE_REQUIRED:
    case CAB_ERROR_WRONG_PASSWORD:
    case CAB_ERROR_NOT_FOUND:
    case CAB_ERROR_METHOD_NOT_ALLOWED:
    case CAB_ERROR_LOGIN_TAKEN:
    case CAB_ERROR_TOO_LARGE:
    case CAB_ERROR_UNSUPPORTED_MEDIA_TYPE:
    case CAB_ERROR_NO_VISIBLE_ACCOUNT:
    case CAB_ERROR_RATE_LIMITED:
    case CAB_ERROR_INTERNAL:
    case CAB_ERROR_UNAVAILABLE:
    default:
      set_error (self->message_label, text);
      break;
    }
}

typedef enum
{
  CHECK_DP_CODE,
  CHECK_ACCOUNT,
  CHECK_PAIR,
} CheckKind;

typedef struct
{
  CabRegisterPage *self;
  CheckKind        kind;
} Check;

static void start_check (CabRegisterPage *self,
                         CheckKind        kind);

static void
on_check (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree Check *check = user_data;
  g_autoptr(CabRegisterPage) self = check->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = cab_api_client_check_registration_finish (CAB_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->pending_checks--;

  switch (check->kind)
    {
    case CHECK_DP_CODE:
      self->dp_ok = ok;
      set_error (self->dp_code_error_label, NULL);
      break;
    case CHECK_ACCOUNT:
      self->account_ok = ok;
      set_error (self->account_error_label, NULL);
      break;
    case CHECK_PAIR:
    default:
      break;
    }

  if (!ok)
    {
      if (g_error_matches (error, CAB_ERROR, CAB_ERROR_INVALID_FIELD))
        {
          /* a value the server will not even look up: the local format message */
          if (check->kind == CHECK_DP_CODE)
            set_error (self->dp_code_error_label, _("A DP code has 10 digits."));
          else
            set_error (self->account_error_label, _("An account number has 10 digits."));
        }
      else if (check->kind == CHECK_ACCOUNT
               && g_error_matches (error, CAB_ERROR, CAB_ERROR_ALREADY_REGISTERED))
        /* the account alone exists; "already registered" is told under the DP code */
        self->account_ok = TRUE;
      else
        show_server_error (self, error);
    }

  if (self->pending_checks == 0 && check->kind != CHECK_PAIR
      && self->dp_ok && self->account_ok)
    start_check (self, CHECK_PAIR);
}

static void
start_check (CabRegisterPage *self,
             CheckKind        kind)
{
  const char *dp_code = entry_text (self->dp_code_entry);
  const char *account = entry_text (self->account_entry);
  Check *check;

  if (self->api == NULL)
    return;

  check = g_new0 (Check, 1);
  check->self = g_object_ref (self);
  check->kind = kind;
  self->pending_checks++;
  cab_api_client_check_registration_async (self->api,
                                           kind == CHECK_ACCOUNT ? "" : dp_code,
                                           kind == CHECK_DP_CODE ? "" : account,
                                           self->check_cancellable, on_check, check);
}

static gboolean
run_checks (gpointer user_data)
{
  CabRegisterPage *self = user_data;
  const char *dp_code = entry_text (self->dp_code_entry);
  const char *account = entry_text (self->account_entry);

  self->check_source = 0;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  self->pending_checks = 0;
  self->dp_ok = FALSE;
  self->account_ok = FALSE;

  if (*dp_code == '\0')
    set_error (self->dp_code_error_label, NULL);
  else if (!all_digits (dp_code))
    set_error (self->dp_code_error_label, _("A DP code has 10 digits."));
  else
    start_check (self, CHECK_DP_CODE);

  if (*account == '\0')
    set_error (self->account_error_label, NULL);
  else if (!all_digits (account))
    set_error (self->account_error_label, _("An account number has 10 digits."));
  else
    start_check (self, CHECK_ACCOUNT);

  return G_SOURCE_REMOVE;
}

static void
on_pair_changed (CabRegisterPage *self)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_cancellable_cancel (self->check_cancellable);
  set_error (self->message_label, NULL);
  self->check_source = g_timeout_add (CAB_REGISTER_CHECK_DELAY_MS, run_checks, self);
}

/* The checks that need no network; TRUE when the form may be sent. */
static gboolean
check_local (CabRegisterPage *self,
             gboolean         all)
{
  const char *password = entry_text (self->password_entry);
  const char *repeat = entry_text (self->repeat_entry);
  const char *email = entry_text (self->email_entry);
  gboolean ok = TRUE;

  if (all || *email != '\0')
    {
      if (!cab_validate_email (email, NULL))
        {
          set_error (self->email_error_label, _("Enter a valid email address, like name@example.org."));
          ok = FALSE;
        }
      else
        set_error (self->email_error_label, NULL);
    }

  if (all || *password != '\0')
    {
      if (!cab_validate_password (password, NULL))
        {
          g_autofree char *message =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The password needs at least %d character.",
                                          "The password needs at least %d characters.",
                                          CAB_PASSWORD_MIN_CHARS),
                             CAB_PASSWORD_MIN_CHARS);

          set_error (self->password_error_label, message);
          ok = FALSE;
        }
      else
        set_error (self->password_error_label, NULL);
    }

  if (all || *repeat != '\0')
    {
      if (g_strcmp0 (password, repeat) != 0)
        {
          set_error (self->repeat_error_label, _("The passwords do not match."));
          ok = FALSE;
        }
      else
        set_error (self->repeat_error_label, NULL);
    }

  if (all)
    {
      if (!cab_validate_account (entry_text (self->account_entry), NULL))
        {
          set_error (self->account_error_label, _("An account number has 10 digits."));
          ok = FALSE;
        }
      if (!cab_validate_dp_code (entry_text (self->dp_code_entry), NULL))
        {
          set_error (self->dp_code_error_label, _("A DP code has 10 digits."));
          ok = FALSE;
        }
    }

  return ok;
}

static void
on_local_changed (CabRegisterPage *self)
{
  set_error (self->message_label, NULL);
  /* before the first attempt, only complain about what is already typed */
  check_local (self, FALSE);
}

static void
set_busy (CabRegisterPage *self,
          gboolean         busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->register_button), !busy);
}

typedef struct
{
  CabRegisterPage *self;
  char            *password;
} Registration;

static void
on_registered (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Registration *registration = user_data;
  g_autoptr(CabRegisterPage) self = registration->self;
  g_autofree char *password = registration->password;
  g_autoptr(GError) error = NULL;
  g_autofree char *login = NULL;

  g_free (registration);

  login = cab_api_client_register_finish (CAB_API_CLIENT (object), result, &error);
  if (login == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_busy (self, FALSE);
          show_server_error (self, error);
        }
    }
  else
    {
      set_busy (self, FALSE);
      g_signal_emit (self, signals[SIGNAL_REGISTERED], 0, login, password);
    }

  memset (password, 0, strlen (password));
}

static void
do_register (CabRegisterPage *self)
{
  Registration *registration;

  self->tried = TRUE;
  set_error (self->message_label, NULL);
  if (!check_local (self, TRUE))
    return;

  if (self->api == NULL)
    {
      set_error (self->message_label, _("Set the server address first (under “Server” on the sign-in page)."));
      return;
    }

  g_cancellable_cancel (self->register_cancellable);
  g_clear_object (&self->register_cancellable);
  self->register_cancellable = g_cancellable_new ();

  registration = g_new0 (Registration, 1);
  registration->self = g_object_ref (self);
  registration->password = g_strdup (entry_text (self->password_entry));

  set_busy (self, TRUE);
  cab_api_client_register_async (self->api,
                                 entry_text (self->dp_code_entry),
                                 entry_text (self->account_entry),
                                 entry_text (self->email_entry),
                                 registration->password,
                                 self->register_cancellable, on_registered, registration);
}

static void
on_register_clicked (CabRegisterPage *self)
{
  do_register (self);
}

static void
on_activate (CabRegisterPage *self)
{
  do_register (self);
}

void
cab_register_page_set_api (CabRegisterPage *self,
                           CabApiClient    *api)
{
  g_return_if_fail (CAB_IS_REGISTER_PAGE (self));

  g_cancellable_cancel (self->check_cancellable);
  g_cancellable_cancel (self->register_cancellable);
  g_set_object (&self->api, api);
}

void
cab_register_page_reset (CabRegisterPage *self)
{
  g_return_if_fail (CAB_IS_REGISTER_PAGE (self));

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_cancellable_cancel (self->check_cancellable);
  g_cancellable_cancel (self->register_cancellable);
  gtk_editable_set_text (GTK_EDITABLE (self->account_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->dp_code_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_entry), "");
  g_clear_handle_id (&self->check_source, g_source_remove);
  set_error (self->account_error_label, NULL);
  set_error (self->dp_code_error_label, NULL);
  set_error (self->email_error_label, NULL);
  set_error (self->password_error_label, NULL);
  set_error (self->repeat_error_label, NULL);
  set_error (self->message_label, NULL);
  set_busy (self, FALSE);
  self->tried = FALSE;
}

static gboolean
cab_register_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (CAB_REGISTER_PAGE (widget)->account_entry));
}

static void
cab_register_page_dispose (GObject *object)
{
  CabRegisterPage *self = (CabRegisterPage *)object;

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_cancellable_cancel (self->check_cancellable);
  g_cancellable_cancel (self->register_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->register_cancellable);
  g_clear_object (&self->api);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAB_TYPE_REGISTER_PAGE);

  G_OBJECT_CLASS (cab_register_page_parent_class)->dispose (object);
}

static void
cab_register_page_class_init (CabRegisterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cab_register_page_dispose;
  widget_class->grab_focus = cab_register_page_grab_focus;

  /* login, password (in memory only) */
  signals[SIGNAL_REGISTERED] =
    g_signal_new ("registered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/tek_energo/Cabinet/ui/cab-register-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CabRegisterPage, account_entry);
  gtk_widget_class_bind_template_child (widget_class, CabRegisterPage, account_error_label);
  gtk_widget_class_bind_template_child (widget_class, CabRegisterPage, dp_code_entry);
  gtk_widget_class_bind_template_child (widget_class, CabRegisterPage, dp_code_error_label);
  gtk_widget_class_bind_template_child (widget_class, CabRegisterPage, email_entry);
  gtk_widget_class_bind_template_child (widget_class, CabRegisterPage, email_error_label);
  gtk_widget_class_bind_template_child (widget_class, CabRegisterPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, CabRegisterPage, password_error_label);
  gtk_widget_class_bind_template_child (widget_class, CabRegisterPage, repeat_entry);
  gtk_widget_class_bind_template_child (widget_class, CabRegisterPage, repeat_error_label);
  gtk_widget_class_bind_template_child (widget_class, CabRegisterPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CabRegisterPage, register_button);
  gtk_widget_class_bind_template_child (widget_class, CabRegisterPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_pair_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_local_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_register_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
cab_register_page_init (CabRegisterPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
