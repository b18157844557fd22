#!/usr/bin/python3
# End-to-end through AT-SPI (issue 15): every page of `tek-cabinet --demo` in a window of the
# given size (360 px wide by default) and language, looked at and photographed.
#
#   test-narrow-e2e.py TEK_CABINET TEK_CABINET_SERVER SCHEMA_DIR LOG_DIR [WxH [LANGUAGE]]
#
# Asserts, on every page (sign-in, registration, recovery, the five pages of the signed-in
# window): the window is no wider than asked (a page that needs more widens it), no label is a
# Tab stop, no button or toggle is nameless. On Account State: the act's documents are links
# read out as what they open ("Открыть «Счет-фактура» (...)") with their whole titles on screen;
# after a refused period the act is marked as the previous one and Download All and the
# exports are off; Alt+5 opens Downloaded Documents. Screenshots go to LOG_DIR.
# Run by tests/client/run-e2e.sh inside a private session bus with a temporary home.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import gettext
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
window_size = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] else '360x720'
language = sys.argv[6] if len(sys.argv) > 6 and sys.argv[6] else 'ru'
width, height = (int(n) for n in window_size.split('x'))
suffix = '-%s-%s' % (window_size, language)
locale_dir = os.environ.get('TEK_CABINET_LOCALEDIR', os.path.join(os.path.dirname(log_dir), 'po'))

if language == 'C':
    _ = gettext.NullTranslations().gettext
else:
    _ = gettext.translation('tek-cabinet', locale_dir, [language]).gettext


def visible(node):
    # GTK 4.8 reports "visible" reliably, "showing" only for windows
    try:
        return node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def find(app, predicate):
    for node in walk(app):
        try:
            if visible(node) and predicate(node):
                return node
        except Exception:
            continue
    return None


def find_all(app, predicate):
    found = []
    for node in walk(app):
        try:
            if visible(node) and predicate(node):
                found.append(node)
        except Exception:
            continue
    return found


def named(name, role=None, prefix=False):
    def match(node):
        node_name = node.name or ''
        if not (node_name.startswith(name) if prefix else node_name == name):
            return False
        return role is None or node.getRole() == role
    return match


def text_of(node):
    try:
        return node.queryText().getText(0, -1)
    except Exception:
        return ''


def label_texts(app):
    return [text_of(n) or n.name or '' for n in find_all(app, lambda n: n.getRole() == pyatspi.ROLE_LABEL)]


def screenshot(name):
    os.makedirs(log_dir, exist_ok=True)
    path = os.path.join(log_dir, 'narrow-e2e-%s%s.png' % (name, suffix))
    subprocess.run(['import', '-window', 'root', '-crop', '%dx%d+0+0' % (max(width, 360), height),
                    path], check=False)
    log('screenshot:', path)


def window_widths():
    """The widths of the app's top-level windows, as the X server has them."""
    answer = subprocess.run(['xwininfo', '-root', '-children'], capture_output=True, text=True)
    widths = []
    for line in answer.stdout.splitlines():
        match = re.search(r'"tek-cabinet".*\s(\d+)x(\d+)\+-?\d+\+-?\d+', line)
        if match:
            widths.append(int(match.group(1)))
    return widths


def settle():
    # let a relayout after a page switch reach the X server
    time.sleep(1.0)


def check_page(app, what):
    settle()
    widths = window_widths()
    log(what, 'window widths', widths)
    assert widths, 'no window of the app on the X server'
    assert max(widths) <= width, '%s widens the window to %d px' % (what, max(widths))

    # Tab reaches only what can be acted on: no label takes the focus.
    focusable_labels = find_all(app, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                                and n.getState().contains(pyatspi.STATE_FOCUSABLE))
    assert not focusable_labels, '%s: labels are Tab stops: %r' % (
        what, [text_of(n) or n.name for n in focusable_labels])

    # Every control says what it is.
    nameless = find_all(app, lambda n: n.getRole() in (pyatspi.ROLE_PUSH_BUTTON,
                                                       pyatspi.ROLE_TOGGLE_BUTTON)
                        and not (n.name or '').strip())
    assert not nameless, '%s: nameless controls: %r' % (what, [n.getRoleName() for n in nameless])
    screenshot(what)


def alt(digit):
    # X keycodes of Alt_L and of the digit keys on Xvfb's keymap ('1' is 10)
    pyatspi.Registry.generateKeyboardEvent(64, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(9 + digit, None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(64, None, pyatspi.KEY_RELEASE)


def escape():
    pyatspi.Registry.generateKeyboardEvent(0xff1b, None, pyatspi.KEY_SYM)


def main():
    launcher = start_a11y_bus()
    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    settings_dir = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
    os.makedirs(settings_dir, exist_ok=True)
    with open(os.path.join(settings_dir, 'keyfile'), 'w') as keyfile:
        keyfile.write('[ru/tek_energo/Cabinet]\nwindow-width=%d\nwindow-height=%d\n'
                      % (width, height))
    env['GSETTINGS_BACKEND'] = 'keyfile'
    env['GSETTINGS_SCHEMA_DIR'] = schema_dir
    env['TEK_CABINET_SERVER'] = server_path
    env['LANGUAGE'] = language
    env['LANG'] = env['LC_ALL'] = 'ru_RU.UTF-8' if language == 'ru' else 'C.UTF-8'
    env['TEK_CABINET_LOCALEDIR'] = locale_dir
    env['GTK_A11Y'] = 'atspi'
    app_process = subprocess.Popen([app_path, '--demo'], env=env)
    try:
        try:
            app = wait_for(find_app, 'the app on the accessibility bus', timeout=15)
        except AssertionError:
            log('app not on the bus; starting it again')
            app_process.terminate()
            app_process.wait(timeout=10)
            app_process = subprocess.Popen([app_path, '--demo'], env=env)
            app = wait_for(find_app, 'the app on the accessibility bus')

        login = wait_for(lambda: find(app, named(_('Login'), pyatspi.ROLE_TEXT, prefix=True)),
                         'the Login field')
        wait_for(lambda: any('demo-password' in t for t in label_texts(app)), 'the demo credentials')
        check_page(app, 'sign-in')

        press(wait_for(lambda: find(app, named(_('Create Account'), pyatspi.ROLE_PUSH_BUTTON)),
                       'Create Account'))
        wait_for(lambda: find(app, named(_('Back'), pyatspi.ROLE_PUSH_BUTTON)), 'the registration page')
        check_page(app, 'register')
        press(find(app, named(_('Back'), pyatspi.ROLE_PUSH_BUTTON)))
        press(wait_for(lambda: find(app, named(_('Forgot Password'), pyatspi.ROLE_PUSH_BUTTON)),
                       'Forgot Password'))
        wait_for(lambda: find(app, named(_('Back'), pyatspi.ROLE_PUSH_BUTTON)), 'the recovery page')
        check_page(app, 'forgot-password')
        press(find(app, named(_('Back'), pyatspi.ROLE_PUSH_BUTTON)))

        login = wait_for(lambda: find(app, named(_('Login'), pyatspi.ROLE_TEXT, prefix=True)),
                         'the Login field again')
        password = find(app, lambda n: n.getRole() == pyatspi.ROLE_PASSWORD_TEXT)
        type_into(login, '1234567890')
        type_into(password, 'demo-password')
        log_in = wait_for(lambda: find(app, named(_('Log In'), pyatspi.ROLE_PUSH_BUTTON)), 'Log In')
        wait_for(lambda: log_in.getState().contains(pyatspi.STATE_SENSITIVE), 'Log In enabled')
        press(log_in)

        wait_for(lambda: any('ООО «Ромашка»' in t for t in label_texts(app)), 'Client Info')
        # The contract selector is read out with the contract it shows, in the UI's language.
        selector = wait_for(lambda: find(app, named(_('Contract: %s') % '', prefix=True)),
                            'the named contract selector')
        log('contract selector:', selector.getRoleName(), repr(selector.name))
        assert '1234567890' in selector.name
        check_page(app, 'client-info')

        alt(2)
        try:
            # the name, then the caption's words
            start = wait_for(lambda: find(app, named(_('Start of the period (DD.MM.YYYY)'),
                                                     pyatspi.ROLE_TEXT, prefix=True)),
                             'the period entries')
        except AssertionError:
            log('text fields:', [(n.name, n.getRoleName()) for n in find_all(
                app, lambda n: n.getRole() in (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY))])
            screenshot('no-period')
            raise
        end = find(app, named(_('End of the period, the first day after it (DD.MM.YYYY)'),
                              pyatspi.ROLE_TEXT, prefix=True))
        show = find(app, named(_('Show the period'), pyatspi.ROLE_PUSH_BUTTON, prefix=True))
        type_into(start, '01.05.2016')
        type_into(end, '01.08.2016')
        press(show)
        closing = _('Balance on %s') % '01.08.2016'
        wait_for(lambda: closing in label_texts(app), 'the Fig. 8 act')

        # The documents: links read out as what they open, their whole titles on screen.
        opening = _('Open “%s” (%s)') % ('Счет-фактура', _('Invoice of %s') % '31.05.2016')
        invoice = wait_for(lambda: find(app, named(opening, pyatspi.ROLE_PUSH_BUTTON)),
                           'the invoice of 31.05.2016 read out as "%s"' % opening)
        titles = [text_of(child) or child.name for child in (invoice.getChildAtIndex(i)
                                                             for i in range(invoice.childCount))]
        assert 'Счет-фактура' in titles, 'the invoice link shows %r' % titles
        # the act and the bills are read once: as a table or as cards, the other form hidden
        forms = find_all(app, lambda n: n.name in (_('Reconciliation act'), _('Advance bills'))
                         and n.getRole() != pyatspi.ROLE_LABEL)
        log('forms shown:', [(n.name, n.getRoleName()) for n in forms])
        assert len(forms) == 2, 'the act or the bills read twice'
        documents = [n for form in forms for n in find_all(
            form, lambda n: n.getRole() == pyatspi.ROLE_PUSH_BUTTON
            and (n.name or '').startswith(_('Open “%s” (%s)').split('%s')[0]))]
        log('documents:', len(documents))
        assert len(documents) == 4 + 5, 'the act and the bills have 9 documents'
        check_page(app, 'account-state')

        # A refused period: the act stays, marked as the previous one, and nothing acts on it.
        type_into(start, '01.08.2016')
        type_into(end, '01.05.2016')
        press(show)
        previous = _('Still showing the previous period, %s – %s: correct the dates and press Show.') % (
            '01.05.2016', '01.08.2016')
        wait_for(lambda: previous in label_texts(app), 'the act marked as the previous period')
        for name in (_('Download all documents of the period'),
                     _('Export the reconciliation act as CSV'),
                     _('Export the reconciliation act as PDF')):
            button = find(app, named(name, pyatspi.ROLE_PUSH_BUTTON, prefix=True))
            assert button is not None, name
            assert not button.getState().contains(pyatspi.STATE_SENSITIVE), name + ' still enabled'
        screenshot('account-state-refused')
        type_into(start, '01.05.2016')
        type_into(end, '01.08.2016')
        press(show)
        wait_for(lambda: previous not in label_texts(app) and closing in label_texts(app),
                 'the act current again')
        download_all = find(app, named(_('Download all documents of the period'),
                                       pyatspi.ROLE_PUSH_BUTTON, prefix=True))
        wait_for(lambda: download_all.getState().contains(pyatspi.STATE_SENSITIVE),
                 'Download All enabled again')

        alt(3)
        wait_for(lambda: find(app, named(_('Current password'), pyatspi.ROLE_PASSWORD_TEXT,
                                         prefix=True)),
                 'Profile')
        check_page(app, 'profile')
        alt(4)
        wait_for(lambda: find(app, named(_('Your messages'))), 'Feedback')
        check_page(app, 'feedback')
        alt(5)
        wait_for(lambda: find(app, named(_('Search downloaded documents'))),
                 'Downloaded Documents on Alt+5')
        check_page(app, 'downloads')
        alt(1)
        wait_for(lambda: any('ООО «Ромашка»' in t for t in label_texts(app)), 'Client Info again')
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
