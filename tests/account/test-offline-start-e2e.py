#!/usr/bin/python3
# End-to-end, offline start: sign in to a real server with `tek-cabinet --server URL`, look at
# Account State (Fig. 8) and open an invoice, so that they are kept; quit, stop the server,
# start the app again: it opens on the saved data without asking for the password, shows the
# info bar, the saved act with today's debt computed offline, and opens the saved invoice.
# Run by tests/client/run-e2e.sh inside a private session bus with a temporary home.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib.util  # noqa: E402

spec = importlib.util.spec_from_file_location(
    'account_e2e', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-account-e2e.py'))
e2e = importlib.util.module_from_spec(spec)
sys.argv, saved_argv = sys.argv[:], sys.argv
spec.loader.exec_module(e2e)
sys.argv = saved_argv

pyatspi = e2e.pyatspi
log = e2e.log
wait_for = e2e.wait_for
find_named = e2e.find_named
label_texts = e2e.label_texts
type_into = e2e.type_into
press = e2e.press
walk = e2e.walk
script, app_path, server_path, schema_dir, log_dir = sys.argv[:5]


def start_server(db):
    server = subprocess.Popen([server_path, '--demo', '--db', db, '--listen', '127.0.0.1:0'],
                              stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline().strip()
    assert line.startswith('Listening on '), line
    return server, line[len('Listening on '):]


def start_app(url):
    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    env['GSETTINGS_SCHEMA_DIR'] = schema_dir
    env['GSETTINGS_BACKEND'] = 'memory'
    env['LANGUAGE'] = 'C'
    env['LC_ALL'] = 'C.UTF-8'
    env['GTK_A11Y'] = 'atspi'
    process = subprocess.Popen([app_path, '--server', url], env=env)
    return process, wait_for(e2e.find_app, 'the app on the accessibility bus')


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def go_to_account_state(app):
    wait_for(lambda: find_named(app, 'Account State', roles=[pyatspi.ROLE_LIST_ITEM]),
             'Account State in the sidebar')
    pyatspi.Registry.generateKeyboardEvent(64, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(11, None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(64, None, pyatspi.KEY_RELEASE)
    start = wait_for(lambda: find_named(app, 'Start of the period (DD.MM.YYYY)', contains=True,
                                        roles=[pyatspi.ROLE_TEXT]), 'the period entries')
    end = find_named(app, 'End of the period, the first day after it (DD.MM.YYYY)',
                     contains=True, roles=[pyatspi.ROLE_TEXT])
    type_into(start, '01.05.2016')
    type_into(end, '01.08.2016')
    press(find_named(app, 'Show the period', contains=True, roles=[pyatspi.ROLE_PUSH_BUTTON]))
    figures = ('608,822.79', '284,159.85', '1,404,989.65', '512,007.01')
    wait_for(lambda: 'Balance on 01.08.2016' in label_texts(app), 'the Fig. 8 act')
    try:
        wait_for(lambda: all(f in label_texts(app) for f in figures), 'the whole act')
    except AssertionError:
        pass  # the assertions below say which figure is missing
    texts = label_texts(app)
    for figure in figures:
        assert figure in texts, figure + ' not shown'


def open_invoice(app):
    before = app.childCount
    press(find_named(app, 'Open “Счет-фактура” (Invoice of 31.05.2016)', roles=[pyatspi.ROLE_PUSH_BUTTON]))

    def viewer():
        for i in range(before, app.childCount):
            window = app.getChildAtIndex(i)
            # a window of the tree's cache may be gone by the time it is asked for
            if window is not None and 'Счет-фактура' in (window.name or ''):
                return window
        return None
    window = wait_for(viewer, 'the viewer with the invoice')
    texts = [e2e.text_of(n) or n.name or '' for n in walk(window)]
    return window, texts


def saved_for_offline():
    """Whether the app has written all that the offline start reads: the last user, the
    profile, the account's ledger and the act's period, and the invoice with its index entry
    (each file is written whole, by rename, so one that exists is complete)."""
    root = os.path.join(os.environ['XDG_DATA_HOME'], 'tek-cabinet')
    users = glob.glob(os.path.join(root, '*', '1234567890'))
    if len(users) != 1 or not os.path.exists(os.path.join(root, 'last-user.json')):
        return False
    user = users[0]
    account = os.path.join(user, 'accounts', '1234567890')
    for name in ('me.json', os.path.join(account, 'ledger.json'),
                 os.path.join(account, 'statement-2016-05-01_2016-08-01.json'),
                 os.path.join(account, 'bills-2016-05-01_2016-08-01.json'),
                 'index.json'):
        if not os.path.exists(os.path.join(user, name)):
            return False
    with open(os.path.join(user, 'index.json'), encoding='utf-8') as index:
        if not json.load(index):
            return False
    return bool(glob.glob(os.path.join(user, 'documents', '*.pdf')))


def main():
    launcher = e2e.start_a11y_bus()
    work = tempfile.mkdtemp(prefix='cab-offline-start-')
    server, url = start_server(os.path.join(work, 'demo.db'))
    app_process = None
    try:
        # 1. Online: sign in, look, open.
        app_process, app = start_app(url)
        login = wait_for(lambda: find_named(app, 'Login', roles=[pyatspi.ROLE_TEXT], prefix=True),
                         'the Login field')
        password = find_named(app, 'Password', roles=[pyatspi.ROLE_PASSWORD_TEXT], prefix=True)
        type_into(login, '1234567890')
        type_into(password, 'demo-password')
        log_in = wait_for(lambda: find_named(app, 'Log In', roles=[pyatspi.ROLE_PUSH_BUTTON]),
                          'the Log In button')
        wait_for(lambda: log_in.getState().contains(pyatspi.STATE_SENSITIVE), 'Log In enabled')
        press(log_in)
        go_to_account_state(app)
        open_invoice(app)
        wait_for(saved_for_offline, 'what the offline start needs on disk')
        stop(app_process)
        app_process = None

        # 2. The server is gone; start again.
        stop(server)
        server = None
        app_process, app = start_app(url)
        wait_for(lambda: any(t.startswith('Offline: showing data saved on ') for t in label_texts(app)),
                 'the offline info bar')
        go_to_account_state(app)
        wait_for(lambda: 'Computed offline from the saved ledger of the account.' in label_texts(app),
                 'the debt computed offline')
        e2e.screenshot('offline-start-account-state.png')
        open_invoice(app)
        time.sleep(1)
        e2e.screenshot('offline-start-document.png')
        log('ok')
    finally:
        if app_process is not None:
            stop(app_process)
        if server is not None:
            stop(server)
        launcher.terminate()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
