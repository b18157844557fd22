/* profile-page-fixture.h: the Profile page of the demo user, for the Profile page tests. */
#pragma once

#include "profile-test-utils.h"

G_BEGIN_DECLS

/* The Profile page of the demo user, signed in on a server of its own, in a window. */
typedef struct
{
  TestServer *server;
  CabSession *session;
  GtkWidget  *window;
  GtkWidget  *page;
} ProfileFixture;

void          profile_fixture_setup      (ProfileFixture *f,
                                          gconstpointer   data);
void          profile_fixture_teardown   (ProfileFixture *f,
                                          gconstpointer   data);
/* Types @text into the page's entry @name. */
void          profile_set_entry          (ProfileFixture *f,
                                          const char     *name,
                                          const char     *text);

G_END_DECLS
