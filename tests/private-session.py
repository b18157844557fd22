#!/usr/bin/python3
"""Runs a command in a private desktop session and leaves nothing behind.

    private-session.py [--keyring] [--a11y] [--prefix NAME] -- COMMAND [ARG...]

The command gets a temporary HOME (and XDG folders), its own D-Bus session bus and, with
--keyring, an unlocked gnome-keyring (password "test"), so the user's own keyring and settings
are never touched. With --a11y the command may talk to the accessibility bus (NO_AT_BRIDGE is
unset).

Why not dbus-run-session: the daemons that the bus activates (the keyring, the accessibility
bus) inherit the bus's standard output and error, which are the test's pipes, and may outlive
the bus; meson then waits for the pipes until its timeout although the test has passed. Here
every daemon's standard streams go to /dev/null, this process becomes a child subreaper, so a
daemon that forks away is still its descendant, and once the command ends every descendant is
ended (SIGTERM, then SIGKILL) before this process exits with the command's status.
"""
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PR_SET_CHILD_SUBREAPER = 36


def children_of(pid):
    """The pids whose parent is @pid (reparented orphans included)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: the fields follow the last ')'.
        fields = stat[stat.rindex(b")") + 2:].split()
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def reap():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def end_descendants():
    """Ends every descendant; orphans of ended ones come back to us as the subreaper."""
    me = os.getpid()
    for sig in (signal.SIGTERM, signal.SIGTERM, signal.SIGKILL, signal.SIGKILL):
        pids = children_of(me)
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            reap()
            if not children_of(me):
                break
            time.sleep(0.05)
    reap()


def main(argv):
    keyring = a11y = False
    prefix = "cab-session"
    while argv and argv[0] != "--":
        option = argv.pop(0)
        if option == "--keyring":
            keyring = True
        elif option == "--a11y":
            a11y = True
        elif option == "--prefix" and argv:
            prefix = argv.pop(0)
        else:
            sys.exit(f"private-session.py: unknown option {option!r}")
    command = argv[1:]
    if not command:
        sys.exit("usage: private-session.py [--keyring] [--a11y] -- COMMAND [ARG...]")

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit("private-session.py: cannot become a child subreaper")

    home = tempfile.mkdtemp(prefix=prefix + "-")
    env = dict(os.environ)
    env.update({
        "HOME": home,
        "XDG_DATA_HOME": os.path.join(home, "data"),
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
        "XDG_RUNTIME_DIR": os.path.join(home, "run"),
    })
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        os.makedirs(env[var], mode=0o700)
    if a11y:
        env.pop("NO_AT_BRIDGE", None)

    quiet = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL,
             "stderr": subprocess.DEVNULL, "env": env}
    status = 1
    try:
        read_end, write_end = os.pipe()
        bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile",
                                f"--print-address={write_end}"],
                               pass_fds=(write_end,), **quiet)
        os.close(write_end)
        with os.fdopen(read_end) as addresses:
            address = addresses.readline().strip()
        if not address:
            sys.exit("private-session.py: the session bus did not start")
        env["DBUS_SESSION_BUS_ADDRESS"] = address

        if keyring:
            subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"],
                           input=b"test", stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, env=env, check=False, timeout=30)

        command_process = subprocess.Popen(command, env=env)
        # Signals meant for the test (meson's timeout) go to the command; cleanup follows.
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda s, _f: command_process.send_signal(s))
        status = command_process.wait()
        if status < 0:
            status = 128 - status
        bus.terminate()
    finally:
        end_descendants()
        shutil.rmtree(home, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
