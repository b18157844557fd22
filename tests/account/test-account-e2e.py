#!/usr/bin/python3
# End-to-end: launch `tek-cabinet --demo`, sign in through the accessibility tree (AT-SPI),
# go to Account State for 1234567890, set the manual's Fig. 8 period, read the debt, the
# turnovers and the closing balance from the tree, open a document, and save screenshots.
# Run by tests/client/run-e2e.sh inside a private session bus with a temporary home.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import time

import gi
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402,F401
import pyatspi  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from atspi_util import (TIMEOUT, find_app, log, press, start_a11y_bus,  # noqa: E402,F401
                        type_into, wait_for, walk)

script, app_path, server_path, schema_dir, log_dir = sys.argv[:5]


def showing(node):
    # GTK 4.8 reports "visible" reliably, "showing" only for windows
    try:
        return node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def find_named(app, name, roles=None, prefix=False, contains=False):
    for node in walk(app):
        try:
            node_name = node.name or ''
            if contains:
                if name not in node_name:
                    continue
            elif not (node_name.startswith(name) if prefix else node_name == name):
                continue
            if roles and node.getRole() not in roles:
                continue
            if not showing(node):
                continue
            return node
        except Exception:
            continue
    return None


def text_of(node):
    try:
        return node.queryText().getText(0, -1)
    except Exception:
        return ''


def label_texts(app):
    texts = []
    for node in walk(app):
        try:
            if node.getRole() == pyatspi.ROLE_LABEL and showing(node):
                texts.append(text_of(node) or node.name or '')
        except Exception:
            continue
    return texts


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
    env['TEK_CABINET_SERVER'] = server_path
    env['LANGUAGE'] = 'C'
    env['LC_ALL'] = 'C.UTF-8'
    env['GTK_A11Y'] = 'atspi'
    app_process = subprocess.Popen([app_path, '--demo'], env=env)
    try:
        try:
            app = wait_for(find_app, 'the app on the accessibility bus', timeout=15)
        except AssertionError:
            # the app may have started before the registry listened: start it once more
            log('app not on the bus; starting it again')
            app_process.terminate()
            app_process.wait(timeout=10)
            app_process = subprocess.Popen([app_path, '--demo'], env=env)
            app = wait_for(find_app, 'the app on the accessibility bus')

        login = wait_for(lambda: find_named(app, 'Login', roles=[pyatspi.ROLE_TEXT], prefix=True),
                         'the Login field')
        password = find_named(app, 'Password', roles=[pyatspi.ROLE_PASSWORD_TEXT], prefix=True)
        assert password is not None, 'no Password field'
        type_into(login, '1234567890')
        type_into(password, 'demo-password')
        log_in = wait_for(lambda: find_named(app, 'Log In', roles=[pyatspi.ROLE_PUSH_BUTTON]),
                          'the Log In button')
        wait_for(lambda: log_in.getState().contains(pyatspi.STATE_SENSITIVE), 'Log In enabled')
        press(log_in)

        wait_for(lambda: find_named(app, 'Account State', roles=[pyatspi.ROLE_LIST_ITEM]),
                 'Account State in the sidebar')
        # The sidebar's second page: Alt+2 (X keycodes of Alt_L and 2 on Xvfb's keymap)
        pyatspi.Registry.generateKeyboardEvent(64, None, pyatspi.KEY_PRESS)
        pyatspi.Registry.generateKeyboardEvent(11, None, pyatspi.KEY_PRESSRELEASE)
        pyatspi.Registry.generateKeyboardEvent(64, None, pyatspi.KEY_RELEASE)
        start = wait_for(lambda: find_named(app, 'Start of the period (DD.MM.YYYY)', contains=True,
                                            roles=[pyatspi.ROLE_TEXT]),
                         'the period entries')
        end = find_named(app, 'End of the period, the first day after it (DD.MM.YYYY)',
                         contains=True, roles=[pyatspi.ROLE_TEXT])
        assert end is not None, 'no end-of-period entry'

        # A reversed period is explained, not shown.
        type_into(start, '01.08.2016')
        type_into(end, '01.05.2016')
        press(find_named(app, 'Show the period', contains=True, roles=[pyatspi.ROLE_PUSH_BUTTON]))
        wait_for(lambda: any('must be after its start' in t for t in label_texts(app)),
                 'the reversed period explained')

        type_into(start, '01.05.2016')
        type_into(end, '01.08.2016')
        press(find_named(app, 'Show the period', contains=True, roles=[pyatspi.ROLE_PUSH_BUTTON]))
        figures = ('Balance on 01.05.2016', '608,822.79', 'Correction invoice of 24.05.2016',
                   '-198,685.01', '979,990.44', '482,844.86', '424,999.21',
                   'Total turnovers', '284,159.85', '1,404,989.65', '512,007.01')
        wait_for(lambda: 'Balance on 01.08.2016' in label_texts(app), 'the Fig. 8 act')
        # the act's rows may reach the accessibility tree after its closing line: wait for
        # them all, then say which one is missing
        try:
            wait_for(lambda: all(f in label_texts(app) for f in figures), 'the whole act')
        except AssertionError:
            pass

        texts = label_texts(app)
        for figure in figures:
            assert figure in texts, figure + ' not in the accessibility tree'
        # the closing balance of -512 007,01 stands unsigned (in the credit column)
        assert '-512,007.01' not in texts

        # The figures are read out with their titles: "Debt ... as of DD.MM.YYYY: 1,234.56"
        figure = re.compile(r'^(Debt \(\+\) / overpayment \(-\)|Recommended payment) as of '
                            r'\d\d\.\d\d\.\d{4}: -?\d{1,3}(,\d{3})*\.\d\d( \(overpayment\))?$')
        named = [node.name for node in walk(app)
                 if showing(node) and figure.match(node.name or '')]
        assert len(named) == 2, 'debt and recommended payment not both read out: %r' % named
        for name in named:
            log('block 1:', name)
        screenshot('account-e2e-fig8.png')

        # Open a document of the act: the viewer comes up with it.
        before = app.childCount
        invoice = find_named(app, 'Open “Счет-фактура” (Invoice of 31.05.2016)', roles=[pyatspi.ROLE_PUSH_BUTTON])
        assert invoice is not None, 'no invoice button'
        press(invoice)
        wait_for(lambda: app.childCount > before, 'the document viewer')
        def viewer_state():
            for i in range(before, app.childCount):
                window = app.getChildAtIndex(i)
                if window is None:  # gone from the tree's cache since it was counted
                    continue
                texts = [text_of(n) or n.name or '' for n in walk(window)
                         if n.getRole() == pyatspi.ROLE_LABEL]
                if 'Счет-фактура' in (window.name or '') or 'Счет-фактура' in texts:
                    return window.name, texts
            return None
        log('viewer:', wait_for(viewer_state, 'the document viewer window'))
        time.sleep(1.0)
        screenshot('account-e2e-document.png')
        log('ok')
    finally:
        app_process.terminate()
        try:
            app_process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app_process.kill()
        launcher.terminate()


if __name__ == '__main__':
    main()
