#!/usr/bin/python3
# End-to-end: launch `tek-cabinet --demo`, sign in through the accessibility tree (AT-SPI),
# reach Client Info, check the partner is shown, and save screenshots in the log directory.
# Run by run-e2e.sh inside a private session bus.
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
from atspi_util import (TIMEOUT, app_environment, find_app, log, press,  # noqa: E402,F401
                        start_a11y_bus, type_into, wait_for, walk)

script, app_path, server_path, schema_dir, log_dir = sys.argv[:5]
# optional: the window size, e.g. "360x720" (the narrow, folded layout)
window_size = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] else None
# optional: "ru" runs the app in Russian (translations from the build tree's po/)
language = sys.argv[6] if len(sys.argv) > 6 else None
suffix = ('-' + window_size if window_size else '') + ('-' + language if language else '')
NAMES = {
    'ru': {'Login': 'Логин', 'Password': 'Пароль', 'Log In': 'Войти',
           'Client Info': 'Информация о клиенте', 'Contract': 'Договор'},
}


def _(name):
    return NAMES.get(language, {}).get(name, name)


def dump(app):
    for node in walk(app):
        try:
            log(' ', node.getRoleName(), repr(node.name),
                'visible' if node.getState().contains(pyatspi.STATE_VISIBLE) else '')
        except Exception:
            continue


def find_named(app, name, roles=None, showing=True):
    for node in walk(app):
        try:
            if node.name != name:
                continue
            if roles and node.getRole() not in roles:
                continue
            # GTK 4.8 reports "visible" reliably, "showing" only for windows
            if showing and not node.getState().contains(pyatspi.STATE_VISIBLE):
                continue
            return node
        except Exception:
            continue
    return None


def any_text_contains(app, needle):
    for node in walk(app):
        try:
            if needle in (node.name or ''):
                return node
            if node.getRole() == pyatspi.ROLE_LABEL:
                text = node.queryText()
                if needle in text.getText(0, -1):
                    return node
        except Exception:
            continue
    return None


def screenshot(name):
    os.makedirs(log_dir, exist_ok=True)
    path = os.path.join(log_dir, name.replace('.png', suffix + '.png'))
    command = ['import', '-window', 'root']
    if window_size:
        command += ['-crop', window_size + '+0+0']
    subprocess.run(command + [path], check=False)
    log('screenshot:', path)


def demo_server_children(pid):
    try:
        with open('/proc/%d/task/%d/children' % (pid, pid)) as f:
            pids = [int(p) for p in f.read().split()]
    except OSError:
        return []
    found = []
    for child in pids:
        try:
            with open('/proc/%d/cmdline' % child, 'rb') as f:
                if b'tek-cabinet-server' in f.read():
                    found.append(child)
        except OSError:
            continue
    return found


def is_zombie(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().split(')')[-1].split()[0] == 'Z'
    except OSError:
        return True


def main():
    launcher = start_a11y_bus()
    env = app_environment(schema_dir, server_path, language, window_size, log_dir)
    app_process = subprocess.Popen([app_path, '--demo'], env=env)
    try:
        app = wait_for(find_app, 'the app on the accessibility bus')
        log('found app', app.name)

        try:
            login = wait_for(lambda: find_named(app, _('Login'), roles=[pyatspi.ROLE_TEXT]),
                             'the Login field')
        except AssertionError:
            dump(app)
            raise
        password = find_named(app, _('Password'), roles=[pyatspi.ROLE_PASSWORD_TEXT])
        assert password is not None, 'no Password field'
        # the demo credentials are on the sign-in page
        assert wait_for(lambda: any_text_contains(app, 'demo-password'), 'the demo credentials')
        screenshot('client-e2e-sign-in.png')

        type_into(login, '1234567890')
        type_into(password, 'demo-password')
        log_in = wait_for(lambda: find_named(app, _('Log In'), roles=[pyatspi.ROLE_PUSH_BUTTON]),
                          'the Log In button')
        wait_for(lambda: log_in.getState().contains(pyatspi.STATE_SENSITIVE), 'Log In enabled')
        press(log_in)

        # Client Info: the partner's name or DP code
        found = wait_for(lambda: any_text_contains(app, 'ООО «Ромашка»')
                         or any_text_contains(app, '7700001234'), 'Client Info')
        log('Client Info shows', found.name)
        assert find_named(app, _('Client Info')) is not None, 'no "Client Info" in the sidebar'
        assert find_named(app, _('Contract')) is not None, 'no "Contract" selector'
        # the neighbour's data never appears
        assert any_text_contains(app, '3456789012') is None
        assert any_text_contains(app, '7700009999') is None
        time.sleep(0.5)
        screenshot('client-e2e-client-info.png')

        if not window_size and not language:
            # the demo server dies with the app, even when the app is killed outright
            children = demo_server_children(app_process.pid)
            assert children, 'no demo server under the app'
            app_process.kill()
            app_process.wait(timeout=10)
            wait_for(lambda: not any(os.path.exists('/proc/%d' % pid) and not is_zombie(pid)
                                     for pid in children), 'the demo server to stop')
            log('demo server stopped with the app')
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
