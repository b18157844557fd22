/* profile-page-fixture.c: the Profile page of the demo user, for the Profile page tests
 * (apart from profile-test-utils.c, which tests of other areas share). */

#include "config.h"

#include "cab-profile-page.h"
#include "profile-page-fixture.h"

void
profile_fixture_setup (ProfileFixture *f,
                       gconstpointer   data)
{
  g_autoptr(GError) error = NULL;

  f->server = test_server_start (0);
  f->session = test_sign_in (f->server->url, "1234567890", "demo-password", &error);
  g_assert_no_error (error);

  f->page = cab_profile_page_new (f->session);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 900);
  gtk_window_set_child (GTK_WINDOW (f->window), f->page);
  gtk_window_present (GTK_WINDOW (f->window));
}

void
profile_fixture_teardown (ProfileFixture *f,
                          gconstpointer   data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->session);
  test_spin (10);
  test_server_free (f->server);
}

void
profile_set_entry (ProfileFixture *f,
                   const char     *name,
                   const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (test_child (f->page, CAB_TYPE_PROFILE_PAGE, name)), text);
}
