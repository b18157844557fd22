/* test-profile-page.c: the Profile page against the real demo server (needs a display).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "cab-core.h"
#include "cab-credentials.h"
#include "cab-feedback-outbox.h"
#include "cab-profile-page.h"
#include "profile-page-fixture.h"

typedef ProfileFixture Fixture;

static GtkEditable *
entry (Fixture    *f,
       const char *name)
{
  return GTK_EDITABLE (test_child (f->page, CAB_TYPE_PROFILE_PAGE, name));
}

static const char *
entry_text (Fixture    *f,
            const char *name)
{
  return gtk_editable_get_text (entry (f, name));
}

/* The error shown under a field, or NULL when none is visible. */
static const char *
error_under (Fixture    *f,
             const char *name)
{
  GtkLabel *label = test_child (f->page, CAB_TYPE_PROFILE_PAGE, name);

  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
}

static void
update (Fixture *f)
{
  gtk_widget_activate_action (f->page, "profile.update", NULL);
  test_wait_for_property (f->page, "busy", FALSE);
}

static void
test_fills_from_me (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_cmpstr (entry_text (f, "login_entry"), ==, "1234567890");
  g_assert_cmpstr (entry_text (f, "email_entry"), ==, "demo@example.org");
  g_assert_cmpstr (entry_text (f, "phone_entry"), ==, "+79991234567");
  g_assert_cmpstr (entry_text (f, "current_password_entry"), ==, "");
  g_assert_false (gtk_switch_get_active (test_child (f->page, CAB_TYPE_PROFILE_PAGE,
                                                     "subscription_switch")));
}

static void
test_change_email_and_phone (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CabMe) me = NULL;

  profile_set_entry (f, "email_entry", "buh@romashka.example");
  profile_set_entry (f, "phone_entry", "8 (999) 765-43-21");
  profile_set_entry (f, "current_password_entry", "demo-password");
  update (f);

  g_assert_null (error_under (f, "email_error"));
  g_assert_null (error_under (f, "general_error_label"));
  /* The server's normalised phone comes back into the form. */
  g_assert_cmpstr (entry_text (f, "phone_entry"), ==, "+79997654321");
  g_assert_cmpstr (entry_text (f, "email_entry"), ==, "buh@romashka.example");
  /* Only the password fields are cleared on success. */
  g_assert_cmpstr (entry_text (f, "current_password_entry"), ==, "");

  me = test_get_me (cab_session_get_api (f->session));
  g_assert_cmpstr (me->email, ==, "buh@romashka.example");
  g_assert_cmpstr (me->phone, ==, "+79997654321");
  g_assert_cmpstr (me->login, ==, "1234567890");
  g_assert_cmpstr (cab_session_get_me (f->session)->email, ==, "buh@romashka.example");
  g_clear_pointer (&me, cab_me_free);

  /* An emptied phone is cleared on the server. */
  profile_set_entry (f, "phone_entry", "");
  profile_set_entry (f, "current_password_entry", "demo-password");
  update (f);
  me = test_get_me (cab_session_get_api (f->session));
  g_assert_null (me->phone);
  g_assert_cmpstr (me->email, ==, "buh@romashka.example");
}

static void
test_wrong_current_password (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CabMe) me = NULL;

  profile_set_entry (f, "email_entry", "other@romashka.example");
  profile_set_entry (f, "phone_entry", "+7 999 000-11-22");
  profile_set_entry (f, "current_password_entry", "not-the-password");
  profile_set_entry (f, "new_password_entry", "brand-new-pass");
  profile_set_entry (f, "repeat_password_entry", "brand-new-pass");
  update (f);

  g_assert_cmpstr (error_under (f, "current_password_error"), ==, "The current password is wrong");
  g_assert_null (error_under (f, "email_error"));
  g_assert_null (error_under (f, "login_error"));
  /* Nothing typed is cleared. */
  g_assert_cmpstr (entry_text (f, "email_entry"), ==, "other@romashka.example");
  g_assert_cmpstr (entry_text (f, "phone_entry"), ==, "+7 999 000-11-22");
  g_assert_cmpstr (entry_text (f, "current_password_entry"), ==, "not-the-password");
  g_assert_cmpstr (entry_text (f, "new_password_entry"), ==, "brand-new-pass");
  g_assert_cmpstr (entry_text (f, "repeat_password_entry"), ==, "brand-new-pass");

  me = test_get_me (cab_session_get_api (f->session));
  g_assert_cmpstr (me->email, ==, "demo@example.org");
  test_screenshot (f->window, "profile-wrong-password");

  /* Correcting the field removes its error. */
  profile_set_entry (f, "current_password_entry", "demo-password");
  g_assert_null (error_under (f, "current_password_error"));
}

static void
test_local_validation (Fixture       *f,
                       gconstpointer  data)
{
  /* No current password: nothing is sent, the error is under that field. */
  profile_set_entry (f, "email_entry", "new@romashka.example");
  update (f);
  g_assert_cmpstr (error_under (f, "current_password_error"), ==,
                   "Enter your current password to save any change");

  profile_set_entry (f, "current_password_entry", "demo-password");
  profile_set_entry (f, "email_entry", "not an email");
  profile_set_entry (f, "phone_entry", "12345");
  profile_set_entry (f, "new_password_entry", "short");
  profile_set_entry (f, "repeat_password_entry", "short");
  profile_set_entry (f, "login_entry", "no spaces allowed");
  update (f);
  g_assert_nonnull (error_under (f, "email_error"));
  g_assert_nonnull (error_under (f, "phone_error"));
  g_assert_cmpstr (error_under (f, "new_password_error"), ==,
                   "The new password needs at least 8 characters");
  g_assert_nonnull (error_under (f, "login_error"));
  g_assert_null (error_under (f, "current_password_error"));

  profile_set_entry (f, "email_entry", "");
  profile_set_entry (f, "phone_entry", "");
  profile_set_entry (f, "login_entry", "1234567890");
  profile_set_entry (f, "new_password_entry", "long-enough-1");
  profile_set_entry (f, "repeat_password_entry", "long-enough-2");
  update (f);
  g_assert_cmpstr (error_under (f, "email_error"), ==, "The email address is required");
  g_assert_cmpstr (error_under (f, "repeat_password_error"), ==, "The passwords do not match");
  g_assert_null (error_under (f, "new_password_error"));

  /* None of that reached the server. */
  {
    g_autoptr(CabMe) me = test_get_me (cab_session_get_api (f->session));
    g_assert_cmpstr (me->email, ==, "demo@example.org");
    g_assert_cmpstr (me->phone, ==, "+79991234567");
  }
}

static void
test_password_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CabSession) again = NULL;
  g_autoptr(CabSession) old = NULL;
  g_autoptr(GError) error = NULL;

  profile_set_entry (f, "current_password_entry", "demo-password");
  profile_set_entry (f, "new_password_entry", "the-new-password");
  profile_set_entry (f, "repeat_password_entry", "the-new-password");
  update (f);

  g_assert_null (error_under (f, "current_password_error"));
  g_assert_null (error_under (f, "general_error_label"));
  g_assert_cmpstr (entry_text (f, "new_password_entry"), ==, "");
  g_assert_cmpstr (entry_text (f, "repeat_password_entry"), ==, "");
  g_assert_cmpstr (entry_text (f, "email_entry"), ==, "demo@example.org");

  /* Sign out, then in with the new password; the old one no longer works. */
  test_sign_out (cab_session_get_api (f->session));
  again = test_sign_in (f->server->url, "1234567890", "the-new-password", &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  old = test_sign_in (f->server->url, "1234567890", "demo-password", &error);
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_CREDENTIALS);
  g_assert_null (old);
}

static void
test_login_change (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CabSession) again = NULL;
  g_autoptr(CabMe) me = NULL;
  g_autoptr(GError) error = NULL;

  /* The notifier looked at the accounts when the page came: its memory is in the old folder. */
  {
    const char *server_id = cab_session_get_server_id (f->session);
    g_autofree char *old_dir = cab_feedback_user_dir (server_id, "1234567890");
    g_autofree char *old_state = g_build_filename (old_dir, "notifier-state.json", NULL);
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!g_file_test (old_state, G_FILE_TEST_EXISTS))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        test_spin (20);
      }
  }

  /* The neighbour's login is taken: the error is under the login. */
  profile_set_entry (f, "login_entry", "3456789012");
  profile_set_entry (f, "current_password_entry", "demo-password");
  update (f);
  g_assert_cmpstr (error_under (f, "login_error"), ==, "This login belongs to another user");
  g_assert_cmpstr (entry_text (f, "login_entry"), ==, "3456789012");
  g_assert_cmpstr (entry_text (f, "current_password_entry"), ==, "demo-password");

  profile_set_entry (f, "login_entry", "romashka.buh");
  g_assert_null (error_under (f, "login_error"));
  update (f);
  g_assert_null (error_under (f, "login_error"));
  g_assert_null (error_under (f, "general_error_label"));
  g_assert_cmpstr (entry_text (f, "login_entry"), ==, "romashka.buh");

  me = test_get_me (cab_session_get_api (f->session));
  g_assert_cmpstr (me->login, ==, "romashka.buh");

  again = test_sign_in (f->server->url, "romashka.buh", "demo-password", &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);

  /* The notifier's memory followed the login to its new folder. */
  {
    const char *server_id = cab_session_get_server_id (f->session);
    g_autofree char *old_dir = cab_feedback_user_dir (server_id, "1234567890");
    g_autofree char *new_dir = cab_feedback_user_dir (server_id, "romashka.buh");
    g_autofree char *old_state = g_build_filename (old_dir, "notifier-state.json", NULL);
    g_autofree char *new_state = g_build_filename (new_dir, "notifier-state.json", NULL);

    g_assert_false (g_file_test (old_state, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (new_state, G_FILE_TEST_EXISTS));
  }
}

static void
test_subscription (Fixture       *f,
                   gconstpointer  data)
{
  GtkSwitch *sw = test_child (f->page, CAB_TYPE_PROFILE_PAGE, "subscription_switch");
  GtkLabel *status = test_child (f->page, CAB_TYPE_PROFILE_PAGE, "subscription_status");
  g_autoptr(CabMe) me = NULL;

  gtk_switch_set_active (sw, TRUE);
  test_wait_for_property (f->page, "busy", FALSE);
  g_assert_true (gtk_switch_get_state (sw));
  g_assert_true (gtk_switch_get_active (sw));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (status)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  me = test_get_me (cab_session_get_api (f->session));
  g_assert_true (me->subscribed);
  g_assert_true (cab_session_get_me (f->session)->subscribed);
  g_clear_pointer (&me, cab_me_free);

  gtk_switch_set_active (sw, FALSE);
  test_wait_for_property (f->page, "busy", FALSE);
  g_assert_false (gtk_switch_get_state (sw));
  me = test_get_me (cab_session_get_api (f->session));
  g_assert_false (me->subscribed);
  g_clear_pointer (&me, cab_me_free);

  /* A refused change: the switch goes back and the error is said. */
  cab_api_client_set_token (cab_session_get_api (f->session),
                            "0000000000000000000000000000000000000000000000000000000000000000");
  gtk_switch_set_active (sw, TRUE);
  test_wait_for_property (f->page, "busy", FALSE);
  g_assert_false (gtk_switch_get_active (sw));
  g_assert_false (gtk_switch_get_state (sw));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (status), "The subscription was not changed"));
}

static char *
keyring_lookup (CabSession *session,
                const char *login)
{
  g_autoptr(GError) error = NULL;
  char *password = test_keyring_lookup (session, login, &error);

  g_assert_no_error (error);
  return password;
}

/* Runs in a private keyring (tests/client/run-with-keyring.sh); skipped without one. */
static void
test_keyring_follows (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *old_entry = NULL;
  g_autofree char *new_entry = NULL;
  gint64 deadline;

  /* Without a session bus or a Secret Service (the plain run) there is nothing to check. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("needs a Secret Service: run under tests/client/run-with-keyring.sh");
      return;
    }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *password = test_keyring_lookup (f->session, "1234567890", &error);

    if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
      {
        g_test_skip ("needs a Secret Service: run under tests/client/run-with-keyring.sh");
        return;
      }
    g_assert_no_error (error);
  }

  g_assert_nonnull (cab_session_get_server_id (f->session));
  test_keyring_store (f->session, "1234567890", "demo-password");

  /* New login and new password at once: the keyring holds the new pair, not the old one. */
  profile_set_entry (f, "login_entry", "romashka.buh");
  profile_set_entry (f, "current_password_entry", "demo-password");
  profile_set_entry (f, "new_password_entry", "keyring-pass-1");
  profile_set_entry (f, "repeat_password_entry", "keyring-pass-1");
  update (f);
  g_assert_null (error_under (f, "general_error_label"));

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (;;)
    {
      g_clear_pointer (&new_entry, cab_credentials_free_password);
      g_clear_pointer (&old_entry, cab_credentials_free_password);
      new_entry = keyring_lookup (f->session, "romashka.buh");
      old_entry = keyring_lookup (f->session, "1234567890");
      if (g_strcmp0 (new_entry, "keyring-pass-1") == 0 && old_entry == NULL)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      test_spin (50);
    }
  g_clear_pointer (&new_entry, cab_credentials_free_password);

  /* A password change alone replaces the stored password of the same login. */
  profile_set_entry (f, "current_password_entry", "keyring-pass-1");
  profile_set_entry (f, "new_password_entry", "keyring-pass-2");
  profile_set_entry (f, "repeat_password_entry", "keyring-pass-2");
  update (f);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (;;)
    {
      g_clear_pointer (&new_entry, cab_credentials_free_password);
      new_entry = keyring_lookup (f->session, "romashka.buh");
      if (g_strcmp0 (new_entry, "keyring-pass-2") == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      test_spin (50);
    }
}

static void
test_accessible_names (void)
{
  /* Checked in the template itself: every control a person uses has its name. */
  g_autoptr(GBytes) ui = g_resources_lookup_data ("/ru/tek_energo/Cabinet/cab-profile-page.ui",
                                                  0, NULL);
  const char *text;

  g_assert_nonnull (ui);
  text = g_bytes_get_data (ui, NULL);
  g_assert_nonnull (strstr (text, ">Login<"));
  g_assert_nonnull (strstr (text, ">Current password<"));
  g_assert_nonnull (strstr (text, ">New password<"));
  g_assert_nonnull (strstr (text, ">New password (repeat)<"));
  g_assert_nonnull (strstr (text, ">Email<"));
  g_assert_nonnull (strstr (text, ">Phone<"));
  g_assert_nonnull (strstr (text, ">Update<"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;
  g_autofree char *data_home = g_dir_make_tmp ("profile-data-XXXXXX", NULL);

  /* Local storage goes to a throwaway folder, before GLib caches the path. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/profile/accessible-names", test_accessible_names);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, profile_fixture_setup, func, profile_fixture_teardown)
  ADD ("/profile/fills-from-me", test_fills_from_me);
  ADD ("/profile/change-email-and-phone", test_change_email_and_phone);
  ADD ("/profile/wrong-current-password", test_wrong_current_password);
  ADD ("/profile/local-validation", test_local_validation);
  ADD ("/profile/password-change", test_password_change);
  ADD ("/profile/login-change", test_login_change);
  ADD ("/profile/subscription", test_subscription);
  ADD ("/profile/keyring-follows", test_keyring_follows);
#undef ADD

  ret = g_test_run ();
  test_rm_rf (data_home);
  return ret;
}
