#!/usr/bin/python3
"""Installs the build into a temporary DESTDIR and checks that the result is a complete app.

Usage: check-install.py BUILDDIR PREFIX BINDIR LIBEXECDIR DATADIR LOCALEDIR VERSION
(the directory options as Meson gives them: relative to PREFIX or absolute).
Every missing file is a failure, never a skip: the install must be complete.
"""
import gettext
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

APP_ID = "ru.tek_energo.Cabinet"
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def run(argv, what):
    result = subprocess.run(argv, capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        fail(f"{what}: exit {result.returncode}: {output}")
        return False
    print(f"ok: {what}" + (f" ({output})" if output else ""))
    return True


def must_exist(path, what, executable=False):
    if not os.path.isfile(path):
        fail(f"{what} is not installed: {path}")
        return False
    if executable and not os.access(path, os.X_OK):
        fail(f"{what} is not executable: {path}")
        return False
    print(f"ok: {what}: {path}")
    return True


def main():
    builddir, prefix, bindir, libexecdir, datadir, localedir, version = sys.argv[1:8]

    def under(destdir, directory):
        # Meson directory options are relative to the prefix unless absolute.
        path = directory if os.path.isabs(directory) else os.path.join(prefix, directory)
        return os.path.join(destdir, path.lstrip("/"))

    with tempfile.TemporaryDirectory(prefix="tek-cabinet-install-") as destdir:
        env = dict(os.environ, DESTDIR="")
        result = subprocess.run(["meson", "install", "-C", builddir, "--destdir", destdir,
                                 "--no-rebuild", "--quiet"],
                                capture_output=True, text=True, env=env)
        if result.returncode != 0:
            fail("meson install failed: " + (result.stdout + result.stderr).strip()[-2000:])
            return 1

        bin_ = under(destdir, bindir)
        libexec = under(destdir, libexecdir)
        share = under(destdir, datadir)
        locale = under(destdir, localedir)
        installed_bindir = bindir if os.path.isabs(bindir) else os.path.join(prefix, bindir)

        # The programs.
        client = os.path.join(bin_, "tek-cabinet")
        if must_exist(client, "the client tek-cabinet", executable=True):
            # The installed program runs (no build-tree paths baked in) and knows its version.
            env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
            result = subprocess.run([client, "--version"], capture_output=True, text=True,
                                    env=env, timeout=60)
            if result.returncode != 0 or result.stdout.strip() != "tek-cabinet " + version:
                fail(f"installed tek-cabinet --version: exit {result.returncode}, "
                     f"{(result.stdout + result.stderr).strip()!r}")
            else:
                print("ok: " + result.stdout.strip())
        must_exist(os.path.join(libexec, "tek-cabinet-server"),
                   "the demo server tek-cabinet-server", executable=True)
        must_exist(os.path.join(bin_, "tek-cabinet-admin"),
                   "the supplier's command line tek-cabinet-admin", executable=True)

        # Desktop file: valid, translated, pointing at the installed program and icon.
        desktop = os.path.join(share, "applications", APP_ID + ".desktop")
        if must_exist(desktop, "the desktop file"):
            run(["desktop-file-validate", desktop], "desktop-file-validate")
            text = open(desktop, encoding="utf-8").read()
            for line in ("Name=TEK Cabinet", "Name[ru]=ТЭК Кабинет", "Icon=" + APP_ID,
                         "DBusActivatable=true", "Exec=tek-cabinet"):
                if line not in text.splitlines():
                    fail(f"the desktop file lacks the line {line!r}")

        # AppStream metainfo: valid, translated.
        metainfo = os.path.join(share, "metainfo", APP_ID + ".metainfo.xml")
        if must_exist(metainfo, "the AppStream metainfo"):
            run(["appstreamcli", "validate", "--no-net", metainfo], "appstreamcli validate")
            root = ET.parse(metainfo).getroot()
            if root.findtext("id") != APP_ID:
                fail("metainfo id is not " + APP_ID)
            lang = "{http://www.w3.org/XML/1998/namespace}lang"
            names = {n.get(lang): n.text for n in root.findall("name")}
            if names.get("ru") != "ТЭК Кабинет":
                fail(f"metainfo has no Russian name (names: {names})")
            if root.findtext("launchable") != APP_ID + ".desktop":
                fail("metainfo launchable is not the desktop file")

        # Icons.
        icons = os.path.join(share, "icons", "hicolor")
        for rel in ("scalable/apps/" + APP_ID + ".svg",
                    "symbolic/apps/" + APP_ID + "-symbolic.svg"):
            path = os.path.join(icons, rel)
            if must_exist(path, "the icon " + rel):
                try:
                    ET.parse(path)
                except ET.ParseError as e:
                    fail(f"{rel} is not well-formed SVG: {e}")

        # D-Bus activation.
        service = os.path.join(share, "dbus-1", "services", APP_ID + ".service")
        if must_exist(service, "the D-Bus service file"):
            text = open(service, encoding="utf-8").read()
            expected_exec = os.path.join(installed_bindir, "tek-cabinet") + " --gapplication-service"
            if "Name=" + APP_ID not in text.splitlines():
                fail("the D-Bus service file does not name " + APP_ID)
            if "Exec=" + expected_exec not in text.splitlines():
                fail(f"the D-Bus service file does not run {expected_exec!r}: {text!r}")

        # GSettings schema, compiled strictly.
        schemas = os.path.join(share, "glib-2.0", "schemas")
        if must_exist(os.path.join(schemas, APP_ID + ".gschema.xml"), "the GSettings schema"):
            run(["glib-compile-schemas", "--strict", "--dry-run", schemas],
                "glib-compile-schemas --strict --dry-run")

        # Compiled Russian translation, and that it really translates.
        mo = os.path.join(locale, "ru", "LC_MESSAGES", "tek-cabinet.mo")
        if must_exist(mo, "the Russian translation"):
            with open(mo, "rb") as f:
                catalog = gettext.GNUTranslations(f)
            if catalog.gettext("TEK Cabinet") != "ТЭК Кабинет":
                fail("tek-cabinet.mo does not translate 'TEK Cabinet'")
            plural = catalog.plural
            if [plural(n) for n in (1, 2, 5, 11, 21, 22, 25, 111, 1000)] != \
                    [0, 1, 2, 2, 0, 1, 2, 2, 2]:
                fail("tek-cabinet.mo does not carry the Russian plural rule")

    if failures:
        print(f"{len(failures)} problem(s) in the installed tree")
        return 1
    print("the installed tree is complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
