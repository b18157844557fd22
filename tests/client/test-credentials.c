/* test-credentials.c: CabCredentials through a real Secret Service (gnome-keyring in a private
 * session bus, see run-with-keyring.sh), and with no Secret Service at all
 * (--no-secret-service: the session bus address points nowhere).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "cab-credentials.h"
#include "client-test-util.h"

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static GAsyncResult *
wait_result (Wait *wait)
{
  test_wait_for (&wait->done);

  return wait->result;
}

static void
wait_clear (Wait *wait)
{
  g_clear_object (&wait->result);
  wait->done = FALSE;
}

static char *
lookup (CabCredentials *credentials,
        const char     *server,
        const char     *login,
        GError        **error)
{
  Wait wait = { 0 };
  char *password;

  cab_credentials_lookup_async (credentials, server, login, NULL, on_done, &wait);
  password = cab_credentials_lookup_finish (credentials, wait_result (&wait), error);
  wait_clear (&wait);

  return password;
}

static gboolean
store (CabCredentials *credentials,
       const char     *server,
       const char     *login,
       const char     *password,
       GError        **error)
{
  Wait wait = { 0 };
  gboolean ok;

  cab_credentials_store_async (credentials, server, login, password, NULL, on_done, &wait);
  ok = cab_credentials_store_finish (credentials, wait_result (&wait), error);
  wait_clear (&wait);

  return ok;
}

static gboolean
clear (CabCredentials *credentials,
       const char     *server,
       const char     *login,
       GError        **error)
{
  Wait wait = { 0 };
  gboolean ok;

  cab_credentials_clear_async (credentials, server, login, NULL, on_done, &wait);
  ok = cab_credentials_clear_finish (credentials, wait_result (&wait), error);
  wait_clear (&wait);

  return ok;
}

static void
test_keyring_round_trip (void)
{
  g_autoptr(CabCredentials) credentials = cab_credentials_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CabPassword) password = NULL;
  g_auto(CabPassword) other = NULL;
  g_auto(CabPassword) gone = NULL;
  g_auto(CabPassword) kept = NULL;

  password = lookup (credentials, "demo", "1234567890", &error);
  g_assert_no_error (error);
  g_assert_null (password);
  g_assert_true (cab_credentials_get_available (credentials));

  g_assert_true (store (credentials, "demo", "1234567890", "demo-password", &error));
  g_assert_no_error (error);
  g_assert_true (store (credentials, "lk.example.org", "1234567890", "other-server", &error));
  g_assert_no_error (error);

  password = lookup (credentials, "demo", "1234567890", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "demo-password");

  /* another login, or the same login on another server, is another entry */
  other = lookup (credentials, "demo", "2345678901", &error);
  g_assert_no_error (error);
  g_assert_null (other);

  /* storing again replaces */
  g_assert_true (store (credentials, "demo", "1234567890", "new-password", &error));
  g_clear_pointer (&password, cab_credentials_free_password);
  password = lookup (credentials, "demo", "1234567890", &error);
  g_assert_cmpstr (password, ==, "new-password");

  g_assert_true (clear (credentials, "demo", "1234567890", &error));
  g_assert_no_error (error);
  gone = lookup (credentials, "demo", "1234567890", &error);
  g_assert_no_error (error);
  g_assert_null (gone);
  kept = lookup (credentials, "lk.example.org", "1234567890", &error);
  g_assert_cmpstr (kept, ==, "other-server");

  /* clearing what is not there is fine */
  g_assert_true (clear (credentials, "demo", "1234567890", &error));
  g_assert_no_error (error);
  g_assert_true (cab_credentials_get_available (credentials));
}

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
test_no_secret_service (void)
{
  g_autoptr(CabCredentials) credentials = cab_credentials_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CabPassword) password = NULL;
  guint notified = 0;

  g_signal_connect_swapped (credentials, "notify::available",
                            G_CALLBACK (count_notify), &notified);

  password = lookup (credentials, "demo", "1234567890", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_null (password);
  g_assert_false (cab_credentials_get_available (credentials));
  g_assert_cmpuint (notified, ==, 1);
  g_clear_error (&error);

  /* later calls fail at once, and the change is told only once */
  g_assert_false (store (credentials, "demo", "1234567890", "demo-password", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_false (clear (credentials, "demo", "1234567890", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpuint (notified, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gboolean no_service = FALSE;

  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--no-secret-service") == 0)
      no_service = TRUE;

  if (no_service)
    /* a bus that is not there: no Secret Service, as on some desktops */
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tek-cabinet-test-bus", TRUE);

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (no_service)
    g_test_add_func ("/client/credentials/no-secret-service", test_no_secret_service);
  else
    g_test_add_func ("/client/credentials/keyring-round-trip", test_keyring_round_trip);

  return g_test_run ();
}
