"""What the end-to-end tests share for driving the app through the accessibility tree."""
import os
import subprocess
import time

import gi
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402,F401
import pyatspi  # noqa: E402

TIMEOUT = 30


def log(*args):
    print(*args, flush=True)


def app_environment(schema_dir, server_path, language, window_size, log_dir):
    """The app's environment: on the accessibility bus, the build's schemas and server, the
    interface in @language ('ru' or None for English) from the build's catalogues, and the
    window @window_size ('WxH', kept in a keyfile in the private home) if given."""
    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    env['GSETTINGS_SCHEMA_DIR'] = schema_dir
    env['GSETTINGS_BACKEND'] = 'memory'
    if window_size:
        width, height = window_size.split('x')
        settings_dir = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
        os.makedirs(settings_dir, exist_ok=True)
        with open(os.path.join(settings_dir, 'keyfile'), 'w') as keyfile:
            keyfile.write('[ru/tek_energo/Cabinet]\nwindow-width=%s\nwindow-height=%s\n'
                          % (width, height))
        env['GSETTINGS_BACKEND'] = 'keyfile'
    env['TEK_CABINET_SERVER'] = server_path
    env['LANGUAGE'] = language or 'C'
    if language:
        env['LANG'] = 'ru_RU.UTF-8' if language == 'ru' else 'C.UTF-8'
        env['LC_ALL'] = env['LANG']
        # log_dir is BUILD/meson-logs; the compiled catalogues are in BUILD/po
        env.setdefault('TEK_CABINET_LOCALEDIR', os.path.join(os.path.dirname(log_dir), 'po'))
    env['GTK_A11Y'] = 'atspi'
    return env


def start_a11y_bus():
    launcher = subprocess.Popen(['/usr/libexec/at-spi-bus-launcher', '--launch-immediately'])
    # libatspi asks org.a11y.Bus for the accessibility bus once, on first use, and falls back
    # to another bus for good if the launcher is not up yet: wait for it before any pyatspi call.
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        answer = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.a11y.Bus',
                                 '--object-path', '/org/a11y/bus',
                                 '--method', 'org.a11y.Bus.GetAddress'],
                                capture_output=True, text=True)
        if answer.returncode == 0 and 'unix:' in answer.stdout:
            break
        time.sleep(0.1)
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        try:
            # a call that reaches the registry, so that it runs before the app starts
            pyatspi.Registry.getDesktop(0).childCount
            return launcher
        except Exception:
            time.sleep(0.2)
    return launcher


def walk(node, depth=0, max_depth=80):
    if node is None or depth > max_depth:
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
        yield from walk(child, depth + 1, max_depth)


def find_app():
    # Without a running main loop the registry's "app added" signals pile up unread:
    # handle them, and drop what libatspi cached about the desktop's children.
    context = GLib.MainContext.default()
    while context.iteration(False):
        pass
    desktop = pyatspi.Registry.getDesktop(0)
    try:
        desktop.clear_cache()
    except Exception:
        pass
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and 'tek-cabinet' in (app.name or ''):
            return app
    return None


def wait_for(predicate, what, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while time.time() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError('timed out waiting for ' + what)


def type_into(node, text):
    # EditableText where the toolkit offers it, else keystrokes into the focused entry
    try:
        editable = node.queryEditableText()
        if editable.setTextContents(text):
            return
    except Exception:
        pass
    try:
        node.queryComponent().grabFocus()
    except Exception:
        pass
    for ch in text:
        pyatspi.Registry.generateKeyboardEvent(ord(ch), None, pyatspi.KEY_SYM)
        time.sleep(0.02)


def press(node):
    try:
        action = node.queryAction()
        for i in range(action.nActions):
            if action.getName(i) in ('click', 'activate', 'press'):
                action.doAction(i)
                return
        if action.nActions > 0:
            action.doAction(0)
            return
    except Exception:
        pass
    # a list row without an action: focus it and press Return
    node.queryComponent().grabFocus()
    time.sleep(0.2)
    pyatspi.Registry.generateKeyboardEvent(0xff0d, None, pyatspi.KEY_SYM)
