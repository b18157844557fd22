/* test-validate.c: checks of what people type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-core.h"

typedef gboolean (*Validator) (const char *text, GError **error);

static void
check_valid (Validator          validate,
             const char * const *cases)
{
  for (guint i = 0; cases[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("valid: “%s”", cases[i]);
      g_assert_true (validate (cases[i], &error));
      g_assert_no_error (error);
    }
}

static void
check_invalid (Validator           validate,
               const char * const *cases,
               CabError            code,
               gboolean            names_input)
{
  for (guint i = 0; cases[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("invalid: “%s”", cases[i]);
      g_assert_false (validate (cases[i], &error));
      g_assert_error (error, CAB_ERROR, (gint) code);

      if (names_input)
        {
          g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i]);

          g_assert_nonnull (strstr (error->message, quoted));
        }
    }
}

static void
test_account (void)
{
  static const char * const valid[] = { "1234567890", "0000000000", NULL };
  static const char * const invalid[] = {
    "", "123456789", "12345678901", "123456789a", " 1234567890", "1234567890 ",
    "12345 67890", "１２３４５６７８９０", "-123456789", NULL,
  };
  g_autoptr(GError) error = NULL;

  check_valid (cab_validate_account, valid);
  check_invalid (cab_validate_account, invalid, CAB_ERROR_INVALID_ACCOUNT, TRUE);

  g_assert_false (cab_validate_account (NULL, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_ACCOUNT);
}

static void
test_dp_code (void)
{
  static const char * const valid[] = { "7700001234", "7700005678", NULL };
  static const char * const invalid[] = { "", "770000123", "77000012345", "77000O1234", NULL };

  check_valid (cab_validate_dp_code, valid);
  check_invalid (cab_validate_dp_code, invalid, CAB_ERROR_INVALID_DP_CODE, TRUE);
}

static void
test_email (void)
{
  static const char * const valid[] = {
    "demo@example.org", "a@b.ru", "first.last+tag@mail.example.ru", "info@romashka.example",
    "user_1-x@sub-domain.example.com", "почта@пример.рф", NULL,
  };
  static const char * const invalid[] = {
    "", "a", "a@", "@b.ru", "a@b", "a b@c.ru", "a@b .ru", "a@@b.ru", "a@b@c.ru", "a@b..ru",
    ".a@b.ru", "a.@b.ru", "a..b@c.ru", "a@-b.ru", "a@b-.ru", "a@.b.ru", "a@b.ru.",
    "a(b)@c.ru", "a@b_c.ru", "a\t@b.ru", NULL,
  };
  g_autofree char *long_local = g_strnfill (65, 'a');
  g_autofree char *too_long_local = g_strconcat (long_local, "@b.ru", NULL);
  g_autofree char *label = g_strnfill (62, 'b');
  g_autofree char *last = g_strnfill (60, 'c');
  g_autofree char *max = g_strdup_printf ("a@%s.%s.%s.%s.ru", label, label, label, last);
  g_autofree char *over = g_strdup_printf ("aa@%s.%s.%s.%s.ru", label, label, label, last);
  g_autofree char *long_label = g_strnfill (64, 'd');
  g_autofree char *too_long_label = g_strdup_printf ("a@%s.ru", long_label);
  g_autoptr(GError) error = NULL;

  check_valid (cab_validate_email, valid);
  check_invalid (cab_validate_email, invalid, CAB_ERROR_INVALID_EMAIL, TRUE);

  g_assert_false (cab_validate_email (too_long_local, NULL));
  g_assert_false (cab_validate_email (too_long_label, NULL));
  g_assert_cmpuint (strlen (max), ==, 254);
  g_assert_true (cab_validate_email (max, NULL));
  g_assert_cmpuint (strlen (over), ==, 255);
  g_assert_false (cab_validate_email (over, &error));
  g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_EMAIL);
}

static void
test_phone_valid (void)
{
  static const struct {
    const char *text;
    const char *normalised;
  } cases[] = {
    { "8 (999) 123-45-67", "+79991234567" },
    { "+7 999 123 45 67", "+79991234567" },
    { "+7 999 123-45-67", "+79991234567" },
    { "+7 (999) 123-45-67", "+79991234567" },
    { "+79991234567", "+79991234567" },
    { "89991234567", "+79991234567" },
    { "79991234567", "+79991234567" },
    { "9991234567", "+79991234567" },
    { "8-800-555-35-35", "+78005553535" },
    { "+7 4832 00-00-00", "+74832000000" },
    { "+7 (4832) 00-00-00", "+74832000000" },
    { "(999) 123-45-67", "+79991234567" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalised = cab_validate_phone (cases[i].text, &error);

      g_test_message ("phone “%s”", cases[i].text);
      g_assert_no_error (error);
      g_assert_cmpstr (normalised, ==, cases[i].normalised);
    }
}

static void
test_phone_invalid (void)
{
  static const char * const cases[] = {
    "", "12345", "+8 999 123 45 67", "+1 999 123 45 67", "+7 999 123 45 6",
    "+7 999 123 45 678", "8 (999) 123-45-6", "8 (999) 123-45-678", "999123456",
    "99912345678", "8 999 123 45 67 ext", "(999 123 45 67", "999) 123 45 67",
    "+7 099 123 45 67", "+7 199 123 45 67", "7+9991234567", "++79991234567",
    "+7 999 123.45.67", "69991234567", "tel:+79991234567", "899 (912) 34-56-7",
    "(8) 999 123 45 67", NULL,
  };

  for (guint i = 0; cases[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i]);
      g_autofree char *normalised = cab_validate_phone (cases[i], &error);

      g_test_message ("phone “%s”", cases[i]);
      g_assert_null (normalised);
      g_assert_error (error, CAB_ERROR, CAB_ERROR_INVALID_PHONE);
      g_assert_nonnull (strstr (error->message, quoted));
    }
}

static void
test_password (void)
{
  /* "пароль12" is 8 characters in 14 bytes; "парол1" is 6 characters in 11 bytes. */
  static const char * const valid[] = {
    "12345678", "demo-password", "пароль12", "ëëëëëëëë", "🔑🔑🔑🔑🔑🔑🔑🔑", NULL,
  };
  static const char * const invalid[] = { "", "1234567", "парол1", "пароль1", "🔑🔑🔑", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (strlen ("парол1"), ==, 11);
  g_assert_cmpuint (strlen ("пароль1"), ==, 13);

  check_valid (cab_validate_password, valid);
  check_invalid (cab_validate_password, invalid, CAB_ERROR_PASSWORD_TOO_SHORT, FALSE);

  /* The message never repeats the password. */
  g_assert_false (cab_validate_password ("secret7", &error));
  g_assert_null (strstr (error->message, "secret7"));
  g_assert_cmpstr (error->message, ==, "The password has fewer than 8 characters");
}

static void
test_inn (void)
{
  /* Sberbank, Gazprom, VTB; the others computed with the tax service's weights, two of them
   * where the weighted sum mod 11 is 10 and the check digit therefore 0. */
  static const char * const valid[] = {
    "7707083893", "7736050003", "7702070139", "7707083830", "500100732259", "770712345633",
    "012345678943", "500100730004", NULL,
  };
  static const char * const corrupted[] = {
    "7707083894", "7707083883", "7736050004", "7700001234", "500100732258", "500100732249",
    "770712345634", "770712345623", "1707083893", NULL,
  };
  static const char * const malformed[] = {
    "", "770708389", "77070838930", "77070838a3", "7707 083893", "7707083893 ", "5001007322590",
    "50010073225", NULL,
  };

  check_valid (cab_validate_inn, valid);
  check_invalid (cab_validate_inn, corrupted, CAB_ERROR_INN_CHECKSUM, TRUE);
  check_invalid (cab_validate_inn, malformed, CAB_ERROR_INVALID_INN, TRUE);
}

static void
test_kpp (void)
{
  static const char * const valid[] = { "773601001", "7736AB001", "7736Z9001", "000000000", NULL };
  static const char * const invalid[] = {
    "", "77360100", "7736010011", "7736ab001", "A73601001", "773601A01", "7736АБ001",
    "7736 1001", NULL,
  };

  check_valid (cab_validate_kpp, valid);
  check_invalid (cab_validate_kpp, invalid, CAB_ERROR_INVALID_KPP, TRUE);
}

static void
test_login (void)
{
  g_autofree char *max = g_strnfill (64, 'a');
  g_autofree char *over = g_strnfill (65, 'a');
  const char * const valid[] = {
    "1234567890", "abc", "user.name", "user_name-1", "a@b.ru", max, NULL,
  };
  const char * const invalid[] = { "", "ab", "a b", "логин", "user!", "a/b", over, NULL };

  check_valid (cab_validate_login, valid);
  check_invalid (cab_validate_login, invalid, CAB_ERROR_INVALID_LOGIN, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/validate/account", test_account);
  g_test_add_func ("/core/validate/dp-code", test_dp_code);
  g_test_add_func ("/core/validate/email", test_email);
  g_test_add_func ("/core/validate/phone-valid", test_phone_valid);
  g_test_add_func ("/core/validate/phone-invalid", test_phone_invalid);
  g_test_add_func ("/core/validate/password", test_password);
  g_test_add_func ("/core/validate/inn", test_inn);
  g_test_add_func ("/core/validate/kpp", test_kpp);
  g_test_add_func ("/core/validate/login", test_login);

  return g_test_run ();
}
