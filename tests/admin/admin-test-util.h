/* admin-test-util.h: what the tests of tek-cabinet-admin share: running the tool and reading
 * its answer, and the files of an export to import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "server-test-util.h"

G_BEGIN_DECLS

/* One run of a program to its end: its exit status and what it printed. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

void      run_clear        (Run        *r);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* The tek-cabinet-admin under test, set by admin_test_init(). */
extern const char *admin_binary;

/* server_test_init() and the admin binary (argv[2] or $CAB_ADMIN_BINARY): FALSE, after the
 * usage, when either is missing (the test is then skipped). */
gboolean  admin_test_init  (int         argc,
                            char       *argv[]);
/* Runs tek-cabinet-admin --db DB --mail-dir MAIL ARGS... (NULL-terminated) into @r. */
void      admin_run        (Run        *r,
                            const char *db,
                            const char *mail_dir,
                            const char *first,
                            ...) G_GNUC_NULL_TERMINATED;
void      assert_contains  (const char *haystack,
                            const char *needle);
/* A valid 10-digit INN: the 9 digits of @prefix and their check digit. */
char     *make_inn         (const char *prefix);
void      write_file       (const char *dir,
                            const char *name,
                            const char *contents);
/* A one-page PDF made with cairo, different for each @text. */
void      write_pdf        (const char *dir,
                            const char *name,
                            const char *text);

G_END_DECLS
