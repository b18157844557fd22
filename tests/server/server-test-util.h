/* server-test-util.h: the real tek-cabinet-server in a test: start, stop, HTTP, mail.
 *
 * Every test starts the real server binary with --demo on 127.0.0.1:0 with its own temporary
 * database and mail folder, reads the "Listening on" line, and stops it with SIGTERM at the
 * end (which must exit 0). Shared by the server's test programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define DEMO_LOGIN     "1234567890"
#define DEMO_PASSWORD  "demo-password"
#define OTHER_LOGIN    "3456789012"
#define OTHER_PASSWORD "other-password"
#define FIG8_QUERY     "from=2016-05-01&to=2016-08-01"

typedef struct
{
  GSubprocess *process;
  char        *base;       /* "http://127.0.0.1:PORT" without the final slash */
  char        *dir;
  char        *db;
  char        *mail_dir;
  SoupSession *session;
} Server;

typedef struct
{
  guint        status;
  GBytes      *body;
  SoupMessage *msg;
  JsonNode    *json;
} Response;

/* The server binary: argv[1] or $CAB_SERVER_BINARY. FALSE (after a usage line) if neither. */
gboolean     server_test_init   (int                  argc,
                                 char                *argv[]);
const char  *server_test_binary (void);

void         response_free      (Response            *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

/* Spawns @argv with @env (name, value pairs), dying with the test. */
GSubprocess *spawn              (const char * const  *argv,
                                 const char * const  *env,
                                 GSubprocessFlags     flags);
/* Starts a server on @dir (a new temporary one when NULL). */
Server      *server_start_full  (const char          *dir,
                                 const char * const  *extra_args,
                                 const char * const  *env);
Server      *server_start       (void);
void         remove_tree        (const char          *path);
/* SIGTERM must end the server cleanly, with status 0; server_stop also removes its folder. */
void         server_stop_keep   (Server              *s);
void         server_stop        (Server              *s);

Response    *request_full       (Server              *s,
                                 const char          *method,
                                 const char          *path,
                                 const char          *token,
                                 const char          *content_type,
                                 GBytes              *body,
                                 const char * const  *headers);
Response    *request            (Server              *s,
                                 const char          *method,
                                 const char          *path,
                                 const char          *token,
                                 const char          *json);
JsonObject  *object_of          (Response            *r);
const char  *str                (Response            *r,
                                 const char          *member);
/* Asserts the status and the error code (and field, unless NULL) of an error answer. */
void         assert_error       (Response            *r,
                                 guint                status,
                                 const char          *code,
                                 const char          *field);
char        *sign_in            (Server              *s,
                                 const char          *login,
                                 const char          *password);
gboolean     bytes_equal        (Response            *a,
                                 Response            *b);

GSList      *list_mail          (Server              *s);
/* Waits for the mail folder to hold @n messages; returns the newest one's text. */
char        *wait_for_mail      (Server              *s,
                                 guint                n);
/* The temporary password: the mail's only line indented by four spaces. */
char        *temporary_password (const char          *mail);
void         assert_mail_headers (const char         *mail,
                                 const char          *to);

/* Like server_start_full() but without --mail-dir: @args say where mail goes. */
Server      *server_start_args  (const char          *dir,
                                 const char * const  *args,
                                 const char * const  *env);
/* SIGKILL, as a crash would end it; keeps its folder. */
void         server_kill_keep   (Server              *s);

G_END_DECLS
