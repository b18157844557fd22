/* bench-startup.c: time from exec to a program's first top-level window mapped, on X11.
 *
 *   bench-startup RUNS PROGRAM-A [ARG...] -- PROGRAM-B [ARG...]
 *
 * Runs A and B in turn RUNS times each (so both see the same load), each time watching the
 * root window for the first MapNotify of a top-level window after the fork, then stopping the
 * program (SIGTERM, SIGKILL after 5 s) and reaping it. Prints each run, the medians and A/B.
 * run.sh starts it under Xvfb and a private D-Bus session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <X11/Xlib.h>
#include <errno.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAP_DEADLINE_S 60

static void
stop (pid_t pid)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  int status;

  kill (pid, SIGTERM);
  while (waitpid (pid, &status, WNOHANG) == 0)
    {
      if (g_get_monotonic_time () > deadline)
        {
          kill (pid, SIGKILL);
          waitpid (pid, &status, 0);
          return;
        }
      g_usleep (2000);
    }
}

/* Milliseconds from fork to the first top-level window of @argv mapped; negative on failure. */
static double
time_to_map (Display *display,
             char   **argv)
{
  Window root = DefaultRootWindow (display);
  gint64 start, deadline;
  double result = -1;
  pid_t pid;
  XEvent event;

  XSelectInput (display, root, SubstructureNotifyMask);
  XSync (display, True);  /* drop what earlier runs left */

  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid < 0)
    g_error ("fork: %s", g_strerror (errno));
  if (pid == 0)
    {
      execvp (argv[0], argv);
      fprintf (stderr, "cannot run %s: %s\n", argv[0], g_strerror (errno));
      _exit (127);
    }

  deadline = start + MAP_DEADLINE_S * G_USEC_PER_SEC;
  while (result < 0)
    {
      struct pollfd fd = { ConnectionNumber (display), POLLIN, 0 };
      int status;

      while (XPending (display) > 0)
        {
          XNextEvent (display, &event);
          if (event.type == MapNotify && event.xmap.event == root &&
              !event.xmap.override_redirect && result < 0)
            result = (g_get_monotonic_time () - start) / 1000.0;
        }
      if (result >= 0)
        break;
      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          fprintf (stderr, "%s exited before mapping a window\n", argv[0]);
          return -1;
        }
      if (g_get_monotonic_time () > deadline)
        {
          fprintf (stderr, "%s mapped no window in %d s\n", argv[0], MAP_DEADLINE_S);
          break;
        }
      poll (&fd, 1, 20);
    }

  stop (pid);
  XSelectInput (display, root, NoEventMask);
  XSync (display, True);
  return result;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1) +
          g_array_index (values, double, values->len / 2)) / 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) times_a = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) times_b = g_array_new (FALSE, FALSE, sizeof (double));
  char **argv_a, **argv_b = NULL;
  Display *display;
  int runs;

  if (argc < 5 || (runs = atoi (argv[1])) < 1)
    {
      fprintf (stderr, "usage: %s RUNS PROGRAM-A [ARG...] -- PROGRAM-B [ARG...]\n", argv[0]);
      return 2;
    }
  argv_a = argv + 2;
  for (int i = 2; i < argc; i++)
    if (g_str_equal (argv[i], "--"))
      {
        argv[i] = NULL;
        argv_b = argv + i + 1;
        break;
      }
  if (argv_b == NULL || argv_b[0] == NULL || argv_a[0] == NULL)
    {
      fprintf (stderr, "%s: two programs, separated by --\n", argv[0]);
      return 2;
    }

  if ((display = XOpenDisplay (NULL)) == NULL)
    {
      fprintf (stderr, "%s: no X display\n", argv[0]);
      return 1;
    }

  /* One of each first, so that both start from a warm page cache. */
  if (time_to_map (display, argv_a) < 0 || time_to_map (display, argv_b) < 0)
    return 1;

  for (int i = 0; i < runs; i++)
    {
      double a = time_to_map (display, argv_a);
      double b = time_to_map (display, argv_b);

      if (a < 0 || b < 0)
        return 1;
      g_array_append_val (times_a, a);
      g_array_append_val (times_b, b);
      printf ("  run %d: %s %.1f ms, %s %.1f ms\n", i + 1,
              argv_a[0], a, argv_b[0], b);
    }

  {
    double a = median (times_a), b = median (times_b);
    g_autofree char *name_a = g_path_get_basename (argv_a[0]);
    g_autofree char *name_b = g_path_get_basename (argv_b[0]);

    printf ("exec to first window mapped (medians of %d): %s %.1f ms, %s %.1f ms, "
            "ratio %.2fx\n", runs, name_a, a, name_b, b, a / b);
  }

  XCloseDisplay (display);
  return 0;
}
