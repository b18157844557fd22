/* test-profile-keyring.c: saving the profile touches the keyring only for a remembered
 * password (issue 15, item 3). Runs in a private unlocked gnome-keyring
 * (tests/client/run-with-keyring.sh); skipped without a Secret Service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "cab-core.h"
#include "cab-credentials.h"
#include "cab-profile-page.h"
#include "profile-page-fixture.h"

typedef ProfileFixture Fixture;

static void
update (Fixture *f)
{
  GtkLabel *general;

  gtk_widget_activate_action (f->page, "profile.update", NULL);
  test_wait_for_property (f->page, "busy", FALSE);
  general = test_child (f->page, CAB_TYPE_PROFILE_PAGE, "general_error_label");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (general)));
}

/* The stored password of @login, or NULL; FALSE when no Secret Service answers. */
static gboolean
keyring_lookup (CabSession  *session,
                const char  *login,
                char       **out_password)
{
  g_autoptr(GError) error = NULL;
  char *password = test_keyring_lookup (session, login, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    return FALSE;
  g_assert_no_error (error);
  *out_password = password;
  return TRUE;
}

/* A full round trip through the keyring after the page's own requests: what the page sent to
 * the keyring before this is done when it returns. */
static void
keyring_barrier (CabSession *session)
{
  g_autofree char *unused = NULL;

  test_keyring_store (session, "barrier.login", "barrier-password");
  g_assert_true (keyring_lookup (session, "barrier.login", &unused));
}

static void
test_not_remembered (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *entry = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL ||
      !keyring_lookup (f->session, "1234567890", &entry))
    {
      g_test_skip ("needs a Secret Service: run under tests/client/run-with-keyring.sh");
      return;
    }
  /* signed in without «Remember me»: nothing of this login in the keyring */
  g_assert_null (entry);

  /* A password change does not store the new password ... */
  profile_set_entry (f, "current_password_entry", "demo-password");
  profile_set_entry (f, "new_password_entry", "not-remembered-1");
  profile_set_entry (f, "repeat_password_entry", "not-remembered-1");
  update (f);
  keyring_barrier (f->session);
  g_assert_true (keyring_lookup (f->session, "1234567890", &entry));
  g_assert_null (entry);

  /* ... nor does a login change with it, under either login. */
  profile_set_entry (f, "login_entry", "romashka.forgetful");
  profile_set_entry (f, "current_password_entry", "not-remembered-1");
  profile_set_entry (f, "new_password_entry", "not-remembered-2");
  profile_set_entry (f, "repeat_password_entry", "not-remembered-2");
  update (f);
  keyring_barrier (f->session);
  g_assert_true (keyring_lookup (f->session, "romashka.forgetful", &entry));
  g_assert_null (entry);
  g_assert_true (keyring_lookup (f->session, "1234567890", &entry));
  g_assert_null (entry);
}

int
main (int   argc,
      char *argv[])
{
  int ret;
  g_autofree char *data_home = g_dir_make_tmp ("profile-keyring-data-XXXXXX", NULL);

  /* Local storage goes to a throwaway folder, before GLib caches the path. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/profile/keyring/not-remembered", Fixture, NULL, profile_fixture_setup,
              test_not_remembered, profile_fixture_teardown);

  ret = g_test_run ();
  test_rm_rf (data_home);
  return ret;
}
