#!/usr/bin/python3
# End-to-end, several companies (issue 17): launch `tek-cabinet --demo`, sign in as the demo
# user, add the neighbour company through "Add Company…", switch between the two with the
# company switcher and check that each shows only its own partner, accounts and figures, and
# that the Companies overview lists both. Screenshots go to the log directory.
# Run by run-e2e.sh inside a private session bus.
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
from atspi_util import (app_environment, find_app, log, press,  # noqa: E402
                        start_a11y_bus, type_into, wait_for, walk)

script, app_path, server_path, schema_dir, log_dir = sys.argv[:5]
window_size = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] else None
language = sys.argv[6] if len(sys.argv) > 6 else None
suffix = ('-' + window_size if window_size else '') + ('-' + language if language else '')
NAMES = {
    'ru': {'Login': 'Логин', 'Password': 'Пароль', 'Log In': 'Войти',
           'Add Company…': 'Добавить компанию…', 'Switch Company': 'Сменить компанию',
           'Account State': 'Состояние счета', 'Companies': 'Компании',
           'Overview of Companies': 'Обзор компаний', 'Back to the Company': 'К компании'},
}

ROMASHKA = {'name': 'ООО «Ромашка»', 'login': '1234567890', 'password': 'demo-password',
            'own': ['1234567890', '1234567891', '7700001234'],
            'foreign': ['3456789012', '7700009999', 'АО «Василек»', 'Склад № 2']}
VASILEK = {'name': 'АО «Василек»', 'login': '3456789012', 'password': 'other-password',
           'own': ['3456789012', '7700009999'],
           'foreign': ['1234567890', '1234567891', '7700001234', 'ООО «Ромашка»',
                       'Ромашка-Север']}


def _(name):
    return NAMES.get(language, {}).get(name, name)


def states(node):
    try:
        return node.getState()
    except Exception:
        return None


def shown(node):
    # GTK 4.8 reports "visible" reliably (a stack's hidden pages are not), "showing" only
    # for windows
    state = states(node)
    return state is not None and state.contains(pyatspi.STATE_VISIBLE)


def walk_shown(node, depth=0):
    """The nodes on screen: a hidden company's shell (not mapped) is pruned whole."""
    if node is None or depth > 80:
        return
    if depth > 0 and not shown(node):
        return
    yield node
    try:
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk_shown(child, depth + 1)


def text_of(node):
    parts = [node.name or '']
    try:
        if node.getRole() in (pyatspi.ROLE_LABEL, pyatspi.ROLE_TEXT):
            parts.append(node.queryText().getText(0, -1))
    except Exception:
        pass
    return ' '.join(parts)


def company_shell(app):
    """The company shown: the one CabCompanyShell left visible (a window's stack keeps its
    other pages, the sign-in page among them, "visible" in GTK 4.8's tree)."""
    shells = [node for node in walk_shown(app) if node.name == 'CabCompanyShell']
    return shells[0] if len(shells) == 1 else None


def shown_text(app):
    shell = company_shell(app)
    return '\n'.join(text_of(node) for node in walk_shown(shell)) if shell else ''


def find_named(app, name, roles=None, prefix=False):
    for node in walk_shown(app):
        try:
            if not (node.name == name or (prefix and (node.name or '').startswith(name))):
                continue
            if roles and node.getRole() not in roles:
                continue
            return node
        except Exception:
            continue
    return None


def find_any(app, name, roles=None):
    for node in walk(app):
        try:
            if node.name == name and (not roles or node.getRole() in roles):
                return node
        except Exception:
            continue
    return None


def dump(app):
    for node in walk(app):
        try:
            log(' ', node.getRoleName(), repr(node.name), 'shown' if shown(node) else '')
        except Exception:
            continue


def screenshot(name):
    os.makedirs(log_dir, exist_ok=True)
    path = os.path.join(log_dir, name.replace('.png', suffix + '.png'))
    command = ['import', '-window', 'root']
    if window_size:
        command += ['-crop', window_size + '+0+0']
    subprocess.run(command + [path], check=False)
    log('screenshot:', path)


def sign_in(app, company):
    login = wait_for(lambda: find_named(app, _('Login'), roles=[pyatspi.ROLE_TEXT]),
                     'the Login field')
    password = find_named(app, _('Password'), roles=[pyatspi.ROLE_PASSWORD_TEXT])
    assert password is not None, 'no Password field'
    type_into(login, company['login'])
    type_into(password, company['password'])
    log_in = wait_for(lambda: find_named(app, _('Log In'), roles=[pyatspi.ROLE_PUSH_BUTTON]),
                      'the Log In button')
    wait_for(lambda: log_in.getState().contains(pyatspi.STATE_SENSITIVE), 'Log In enabled')
    press(log_in)


def switcher(app):
    shell = company_shell(app)
    return shell and find_named(shell, _('Switch Company') + ': ', prefix=True,
                      roles=[pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON])


def assert_shows_only(app, company):
    """The company shown is @company: its partner, its accounts, none of the other's."""
    wait_for(lambda: company['name'] in shown_text(app), company['name'] + ' on screen')
    button = wait_for(lambda: switcher(app), 'the company switcher')
    assert company['name'] in button.name, button.name
    text = shown_text(app)
    for own in company['own'][:1]:
        assert own in text, '%s not shown for %s' % (own, company['login'])
    for foreign in company['foreign']:
        assert foreign not in text, '%s shown for %s:\n%s' % (foreign, company['login'], text)


def open_switcher_item(app, label, shot=None):
    press(wait_for(lambda: switcher(app), 'the company switcher'))
    item = wait_for(lambda: find_any(app, label), 'the menu item ' + repr(label))
    if shot:
        time.sleep(0.5)  # the popover's transition, for the picture only
        screenshot(shot)
    press(item)


def money_of(text, what):
    match = re.search(re.escape(what) + r'[^:]*: (-?[0-9\u00a0 ,.]+)', text)
    return match.group(1).strip() if match else None


def show_account_state(app):
    shell = wait_for(lambda: company_shell(app), 'the company shown')
    wait_for(lambda: find_named(shell, _('Account State'), roles=[pyatspi.ROLE_LIST_ITEM]),
             'Account State in the sidebar')
    # The sidebar's second page: Alt+2 (X keycodes of Alt_L and 2 on Xvfb's keymap)
    pyatspi.Registry.generateKeyboardEvent(64, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(11, None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(64, None, pyatspi.KEY_RELEASE)


# Block 1's figure as it is read out: "Debt (+) / overpayment (-) as of DD.MM.YYYY: 1,234.56"
# (Russian: "Долг(+)/Переплата(-) потребителя на ДД.ММ.ГГГГ составляет: 1 234,56")
FIGURE = re.compile(r'(Debt \(\+\)|Долг\(\+\)).*\d\d\.\d\d\.\d{4}.*: -?[\d\s\u00a0,.]*\d')


def debt_on_page(app):
    """Block 1's debt as Account State of the company shown reads it out."""
    def find():
        for node in walk_shown(company_shell(app)):
            if FIGURE.match(node.name or ''):
                return node.name
        return None
    return wait_for(find, 'the debt figure')


def main():
    launcher = start_a11y_bus()
    env = app_environment(schema_dir, server_path, language, window_size, log_dir)
    app_process = subprocess.Popen([app_path, '--demo'], env=env)
    try:
        app = wait_for(find_app, 'the app on the accessibility bus')
        try:
            sign_in(app, ROMASHKA)
            assert_shows_only(app, ROMASHKA)
        except AssertionError:
            dump(app)
            raise
        screenshot('companies-e2e-first.png')

        # Add Company…: the sign-in page again, with a way back, the first company kept
        open_switcher_item(app, _('Add Company…'))
        sign_in(app, VASILEK)
        try:
            assert_shows_only(app, VASILEK)
        except AssertionError:
            dump(app)
            raise
        screenshot('companies-e2e-second.png')

        # the switcher lists both, the current one marked; back to the first, kept as it was
        open_switcher_item(app, '%s — %s (demo)' % (ROMASHKA['name'], ROMASHKA['login']),
                           shot='companies-e2e-switcher.png')
        assert_shows_only(app, ROMASHKA)
        show_account_state(app)
        romashka_debt = debt_on_page(app)
        log('Ромашка:', romashka_debt)

        open_switcher_item(app, '%s — %s (demo)' % (VASILEK['name'], VASILEK['login']))
        assert_shows_only(app, VASILEK)
        show_account_state(app)
        vasilek_debt = debt_on_page(app)
        log('Василек:', vasilek_debt)
        assert vasilek_debt != romashka_debt, 'both companies show the same debt'
        screenshot('companies-e2e-account-state.png')

        # the overview: both companies, each with its figures
        open_switcher_item(app, _('Overview of Companies'))
        wait_for(lambda: find_named(app, _('Companies'), roles=[pyatspi.ROLE_LIST]),
                 'the Companies list')
        def overview_rows():
            page = next((n for n in walk_shown(app) if n.name == 'CabCompaniesPage'), None)
            found = [n for n in walk_shown(page) if n.getRole() == pyatspi.ROLE_LIST_ITEM
                     and FIGURE.search(n.name or '')] if page else []
            return found if len(found) == 2 else None
        try:
            rows = wait_for(overview_rows, 'both companies with figures')
        except AssertionError:
            dump(app)
            raise
        names = [row.name for row in rows]
        log('overview:', names)
        assert any(ROMASHKA['name'] in n for n in names)
        assert any(VASILEK['name'] in n for n in names)
        for row in rows:
            other = VASILEK if ROMASHKA['name'] in row.name else ROMASHKA
            assert other['login'] not in row.name, row.name
        # the neighbour has one contract: the overview's debt is its Account State's
        vasilek_row = next(row.name for row in rows if VASILEK['name'] in row.name)
        vasilek_figure = vasilek_debt.rsplit(': ', 1)[1]
        assert ': %s.' % vasilek_figure in vasilek_row, (vasilek_figure, vasilek_row)
        screenshot('companies-e2e-overview.png')
        # Back returns to the company shown
        press(wait_for(lambda: find_named(app, _('Back to the Company'),
                                          roles=[pyatspi.ROLE_PUSH_BUTTON]), 'Back'))
        assert_shows_only(app, VASILEK)
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
