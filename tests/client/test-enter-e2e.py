#!/usr/bin/python3
# End-to-end: Enter signs in from every field of the sign-in form, «Remember me» included
# (issue 15, item 6): real key presses (XTest through AT-SPI) into `tek-cabinet --demo`.
# Run inside private-session.py with --a11y and --keyring (without a keyring the check
# button is insensitive and cannot take the focus).
#
# usage: test-enter-e2e.py TEK_CABINET SCHEMA_DIR LOG_DIR
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import time

import gi
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402,F401
import pyatspi  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from atspi_util import (find_app, log, start_a11y_bus, type_into, wait_for,  # noqa: E402
                        walk)

KEY_TAB = 0xff09
KEY_RETURN = 0xff0d

script, app_path, schema_dir, log_dir = sys.argv[:4]


def find_named(app, name, roles):
    for node in walk(app):
        try:
            if (node.name == name and node.getRole() in roles
                    and node.getState().contains(pyatspi.STATE_VISIBLE)):
                return node
        except Exception:
            continue
    return None


def any_text_contains(app, needle):
    for node in walk(app):
        try:
            if needle in (node.name or ''):
                return node
            if node.getRole() == pyatspi.ROLE_LABEL and needle in node.queryText().getText(0, -1):
                return node
        except Exception:
            continue
    return None


def focused(node):
    try:
        return node.getState().contains(pyatspi.STATE_FOCUSED)
    except Exception:
        return False


def checked(node):
    return node.getState().contains(pyatspi.STATE_CHECKED)


def key(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


def screenshot(name):
    os.makedirs(log_dir, exist_ok=True)
    path = os.path.join(log_dir, name)
    subprocess.run(['import', '-window', 'root', path], check=False)
    log('screenshot:', path)


def main():
    launcher = start_a11y_bus()
    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    env['GSETTINGS_SCHEMA_DIR'] = schema_dir
    env['GSETTINGS_BACKEND'] = 'memory'
    env['LANGUAGE'] = 'C'
    env['GTK_A11Y'] = 'atspi'
    app_process = subprocess.Popen([app_path, '--demo'], env=env)
    try:
        app = wait_for(find_app, 'the app on the accessibility bus')
        login = wait_for(lambda: find_named(app, 'Login', [pyatspi.ROLE_TEXT]), 'the Login field')
        password = find_named(app, 'Password', [pyatspi.ROLE_PASSWORD_TEXT])
        assert password is not None, 'no Password field'
        remember = wait_for(lambda: find_named(app, 'Remember me', [pyatspi.ROLE_CHECK_BOX]),
                            'the Remember me check button')
        wait_for(lambda: remember.getState().contains(pyatspi.STATE_SENSITIVE),
                 'Remember me enabled (a keyring is running)')
        type_into(login, '1234567890')
        type_into(password, 'demo-password')

        # Tab from the focused field until «Remember me» has the keyboard focus.
        wait_for(lambda: focused(login) or focused(password), 'a field of the form focused')
        for _ in range(10):
            if focused(remember):
                break
            key(KEY_TAB)
            time.sleep(0.3)
        wait_for(lambda: focused(remember), 'the focus on Remember me')
        was_checked = checked(remember)
        screenshot('client-enter-e2e-remember-focused.png')

        key(KEY_RETURN)
        found = wait_for(lambda: any_text_contains(app, 'ООО «Ромашка»')
                         or any_text_contains(app, '7700001234'),
                         'Client Info after Enter on Remember me')
        log('signed in, Client Info shows', found.name)
        # Enter signed in and did not toggle the check (what it meant is kept)
        assert checked(remember) == was_checked, 'Enter toggled Remember me'
        log('ok')
    finally:
        if app_process.poll() is None:
            app_process.terminate()
        try:
            app_process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app_process.kill()
        launcher.terminate()


if __name__ == '__main__':
    main()
