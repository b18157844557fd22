/* tek-cabinet-admin: the supplier's command line, on the server's database.
 *
 * tek-cabinet-admin [--db PATH] [MAIL OPTIONS] COMMAND [ARGS...]; every command has
 * --help. Exit status: 0, 1 (bad input: every error listed), 2 (cannot run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "cab-admin-commands.h"
#include "cab-admin-import.h"
#include "cab-mail-options.h"

#define EXIT_BAD_INPUT  1
#define EXIT_CANNOT_RUN 2

static char *opt_db;
static CabMailOptions mail_options;
static gboolean opt_new;
static gboolean opt_dry_run;
static char *opt_encoding;
static gboolean opt_version;

static const GOptionEntry common_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db,
    "The server's database: an SQLite file (default: the server's default), or "
    "postgresql://... or a libpq key=value string", "PATH|URI" },
  { NULL }
};

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, "Print the version and exit", NULL },
  { NULL }
};

static const GOptionEntry feedback_list_entries[] = {
  { "new", 0, 0, G_OPTION_ARG_NONE, &opt_new, "Only messages not answered yet", NULL },
  { NULL }
};

static const GOptionEntry import_entries[] = {
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, &opt_dry_run,
    "Validate and count, write nothing", NULL },
  { "encoding", 0, 0, G_OPTION_ARG_STRING, &opt_encoding,
    "The files' encoding (default UTF-8, a BOM allowed), e.g. windows-1251", "NAME" },
  { NULL }
};

typedef enum
{
  NEEDS_NOTHING,
  NEEDS_EXISTING_DB,
  NEEDS_DB,          /* created if missing (import) */
} Needs;

typedef struct
{
  const char         *name;        /* "feedback list" */
  const char         *args;        /* "ID DIR" */
  guint               min_args;
  guint               max_args;    /* G_MAXUINT: any */
  const GOptionEntry *entries;
  const char         *summary;
} Command;

static const Command commands[] = {
  { "import", "DIR", 1, 1, import_entries,
    "Load the billing system's export in DIR (partners.csv, accounts.csv, entries.csv,\n"
    "documents.csv; see docs/import.md) in one transaction." },
  { "feedback list", "", 0, 0, feedback_list_entries, "List the clients' messages." },
  { "feedback show", "ID", 1, 1, NULL, "Show a message." },
  { "feedback export", "ID DIR", 2, 2, NULL,
    "Write a message's text (message.txt) and attachment into DIR." },
  { "feedback mark-answered", "ID", 1, 1, NULL,
    "Mark a message answered: the client's history shows it so." },
  { "users list", "", 0, 0, NULL, "List the users." },
  { "users disable", "LOGIN", 1, 1, NULL,
    "Disable a user: it cannot sign in and its sessions end." },
  { "users enable", "LOGIN", 1, 1, NULL, "Enable a disabled user." },
  { "users reset-password", "LOGIN", 1, 1, NULL,
    "Mail the user a temporary password, as the recovery form does." },
  { "supplier set", "KEY=VALUE...", 1, G_MAXUINT, NULL,
    "Set the supplier's requisites (keys: name, inn, kpp, bank_account, bank_name, bic,\n"
    "correspondent_account, support_email, phone; an empty value clears one)." },
  { "supplier show", "", 0, 0, NULL, "Show the supplier's requisites." },
  { "backup", "FILE", 1, 1, NULL,
    "Copy the SQLite database into FILE consistently while the server runs\n"
    "(PostgreSQL: use pg_dump or pg_basebackup instead)." },
  { "migrate", "", 0, 0, NULL,
    "Apply the schema migrations this version has and the database has not yet (the\n"
    "server does so too when it starts), and say which. A database newer than this\n"
    "version is left alone." },
  { "stats", "", 0, 0, NULL, "Count partners, accounts, users, entries, documents, "
    "unanswered feedback and queued mail." },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: tek-cabinet-admin [--db PATH] [MAIL OPTIONS] COMMAND [ARGS...]\n\n"
                "Commands (each has --help):\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %s %s\n", commands[i].name, commands[i].args);
  fprintf (out, "\nExit status: 0 done, 1 bad input (every error listed), 2 cannot run.\n");
}

static const Command *
find_command (int    argc,
              char **argv,
              int   *out_words)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(GStrv) words = g_strsplit (commands[i].name, " ", -1);
      guint n = g_strv_length (words);
      gboolean match = (guint) argc >= n;

      for (guint w = 0; match && w < n; w++)
        match = g_str_equal (argv[w], words[w]);
      if (match)
        {
          *out_words = (int) n;
          return &commands[i];
        }
    }
  return NULL;
}

static char *
default_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "tek-cabinet-server", "cabinet.db", NULL);
}

/* Mail is queued with what causes it; a running server delivers it. Told where, the tool
 * delivers what is due itself before it exits (the queue's lease keeps a message from going
 * twice when the server does so too). */
static void
deliver_queued_mail (CabStore      *store,
                     CabSmtpSender *smtp)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabMailer) folder = NULL;
  g_autoptr(CabMailWorker) worker = NULL;

  if (smtp == NULL)
    {
      folder = cab_mailer_new (mail_options.mail_dir, &error);
      if (folder == NULL)
        {
          g_printerr ("tek-cabinet-admin: %s; the mail stays queued\n", error->message);
          return;
        }
    }
  worker = cab_mail_worker_new (store, smtp, folder, mail_options.mail_from, 0);
  cab_mail_worker_deliver_due (worker);
}

/* Says what it did: the versions before and after. */
static int
migrate (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabStore) store = NULL;
  guint known = cab_store_schema_version ();
  guint before = 0, after = 0;

  if (!cab_store_peek_schema_version (db_path, &before, &error))
    {
      g_printerr ("tek-cabinet-admin: %s\n", error->message);
      return EXIT_CANNOT_RUN;
    }
  if (before > known)
    {
      g_printerr ("tek-cabinet-admin: the database's schema is version %u, newer than this"
                  " version of TEK Cabinet knows (%u): update tek-cabinet-admin and the"
                  " server\n", before, known);
      return EXIT_CANNOT_RUN;
    }
  if (before == known)
    {
      g_print ("Schema version %u: up to date, nothing to do\n", known);
      return 0;
    }
  store = cab_store_open (db_path, &error);
  if (store == NULL || !cab_store_peek_schema_version (db_path, &after, &error))
    {
      g_printerr ("tek-cabinet-admin: %s\n", error->message);
      return EXIT_CANNOT_RUN;
    }
  g_print ("Schema migrated from version %u to %u (%u migration%s applied)\n", before, after,
           after - before, after - before == 1 ? "" : "s");
  return 0;
}

static int
run (const Command  *command,
     char          **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CabSqliteStore) sqlite = NULL;
  g_autoptr(CabStore) pg = NULL;
  g_autoptr(CabSmtpSender) smtp = NULL;
  g_autofree char *db_path = opt_db ? g_strdup (opt_db) : default_db_path ();
  CabStore *store;
  const char *name = command->name;
  int status;

  /* Before anything opens (and so migrates) the store. */
  if (g_str_equal (name, "migrate"))
    return migrate (db_path);

  if (cab_store_spec_is_postgresql (db_path))
    {
      /* backup is SQLite's online backup API: a PostgreSQL database is backed up by its
       * own tools, which also give point-in-time recovery. */
      if (g_str_equal (name, "backup"))
        {
          g_printerr ("tek-cabinet-admin: backup copies an SQLite database only; back a"
                      " PostgreSQL database up with pg_dump (or pg_basebackup and WAL"
                      " archiving for point-in-time recovery)\n");
          return EXIT_CANNOT_RUN;
        }
      pg = cab_store_open (db_path, &error);
      if (pg == NULL)
        {
          g_printerr ("tek-cabinet-admin: %s\n", error->message);
          return EXIT_CANNOT_RUN;
        }
      store = pg;
    }
  else
    {
      /* Only import may start a database; anything else on a wrong path is a mistake. */
      if (!g_str_equal (name, "import") && !g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
        {
          g_printerr ("tek-cabinet-admin: no database at “%s” (see --db)\n", db_path);
          return EXIT_CANNOT_RUN;
        }
      sqlite = cab_sqlite_store_new (db_path, &error);
      if (sqlite == NULL)
        {
          g_printerr ("tek-cabinet-admin: %s\n", error->message);
          return EXIT_CANNOT_RUN;
        }
      store = CAB_STORE (sqlite);
    }

  if (!cab_mail_options_check (&mail_options, &smtp, &error))
    {
      g_printerr ("tek-cabinet-admin: %s\n", error->message);
      return EXIT_CANNOT_RUN;
    }

  if (g_str_equal (name, "import"))
    {
      CabAdminImportOptions options = {
        .dry_run = opt_dry_run,
        .encoding = opt_encoding,
        .progress = isatty (STDERR_FILENO),
      };

      if (sqlite != NULL)
        cab_sqlite_store_set_import_mode (sqlite);
      status = cab_admin_import (store, args[0], &options);
    }
  else if (g_str_equal (name, "feedback list"))
    status = cab_admin_feedback_list (store, opt_new);
  else if (g_str_equal (name, "feedback show"))
    status = cab_admin_feedback_show (store, args[0]);
  else if (g_str_equal (name, "feedback export"))
    status = cab_admin_feedback_export (store, args[0], args[1]);
  else if (g_str_equal (name, "feedback mark-answered"))
    status = cab_admin_feedback_mark_answered (store, args[0]);
  else if (g_str_equal (name, "users list"))
    status = cab_admin_users_list (store);
  else if (g_str_equal (name, "users disable"))
    status = cab_admin_users_set_disabled (store, args[0], TRUE);
  else if (g_str_equal (name, "users enable"))
    status = cab_admin_users_set_disabled (store, args[0], FALSE);
  else if (g_str_equal (name, "users reset-password"))
    status = cab_admin_users_reset_password (store, args[0]);
  else if (g_str_equal (name, "supplier set"))
    status = cab_admin_supplier_set (store, args);
  else if (g_str_equal (name, "supplier show"))
    status = cab_admin_supplier_show (store);
  else if (g_str_equal (name, "backup"))
    status = cab_admin_backup (sqlite, args[0]);
  else
    status = cab_admin_stats (store);

  if (status == 0 && (smtp != NULL || mail_options.mail_dir != NULL))
    deliver_queued_mail (store, smtp);
  if (sqlite != NULL)
    cab_sqlite_store_close (sqlite);
  return status;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GOptionContext) sub_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter = NULL;
  g_auto(GStrv) sub_argv = NULL;
  const Command *command;
  int words = 0;
  int status;
  int sub_argc;
  guint n_args;

  setlocale (LC_ALL, "");

  /* Options before the command are common; the command's own parser takes the rest. */
  context = g_option_context_new ("COMMAND [ARGS...] - the TEK Cabinet supplier's desk");
  g_option_context_add_main_entries (context, common_entries, NULL);
  g_option_context_add_main_entries (context, cab_mail_options_entries (&mail_options), NULL);
  g_option_context_add_main_entries (context, main_entries, NULL);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_help_enabled (context, FALSE);
  if (argc > 1 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      print_usage (stdout);
      return 0;
    }
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("tek-cabinet-admin: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  if (opt_version)
    {
      printf ("tek-cabinet-admin %s\n", PACKAGE_VERSION);
      return 0;
    }
  command = find_command (argc - 1, argv + 1, &words);
  if (command == NULL)
    {
      if (argc > 1)
        g_printerr ("tek-cabinet-admin: unknown command “%s”\n", argv[1]);
      print_usage (stderr);
      return EXIT_BAD_INPUT;
    }

  /* argv for the command's parser: "tek-cabinet-admin feedback list" then the rest. */
  sub_argc = argc - words;
  sub_argv = g_new0 (char *, sub_argc + 1);
  sub_argv[0] = g_strdup_printf ("tek-cabinet-admin %s", command->name);
  for (int i = 1; i < sub_argc; i++)
    sub_argv[i] = g_strdup (argv[words + i]);

  parameter = g_strdup_printf ("%s", command->args);
  /* --help then reads "tek-cabinet-admin feedback list [OPTION…]". */
  g_set_prgname (sub_argv[0]);
  sub_context = g_option_context_new (parameter);
  g_option_context_set_summary (sub_context, command->summary);
  g_option_context_add_main_entries (sub_context, common_entries, NULL);
  g_option_context_add_main_entries (sub_context, mail_options.entries, NULL);
  if (command->entries != NULL)
    g_option_context_add_main_entries (sub_context, command->entries, NULL);
  {
    /* g_option_context_parse_strv frees what it removes from the array. */
    if (!g_option_context_parse_strv (sub_context, &sub_argv, &error))
      {
        g_printerr ("tek-cabinet-admin %s: %s\n", command->name, error->message);
        return EXIT_BAD_INPUT;
      }
  }
  n_args = g_strv_length (sub_argv) - 1;
  if (n_args < command->min_args || n_args > command->max_args)
    {
      g_printerr ("Usage: tek-cabinet-admin %s %s (see --help)\n", command->name,
                  command->args);
      return EXIT_BAD_INPUT;
    }
  status = run (command, sub_argv + 1);
  cab_mail_options_clear (&mail_options);
  return status;
}
