#!/usr/bin/python3
"""Validates the Flatpak manifest without building it (no Flatpak remotes here).

Usage: check-flatpak.py MANIFEST.json
Checks: well-formed JSON with unique keys, the app ID, runtime/SDK, the command, finish-args
exactly the agreed sandbox holes, every source pinned (sha256 for archives and files, a
commit for git), a dir source only for the app itself, and the app module built with Meson.
"""
import json
import re
import sys

APP_ID = "ru.tek_energo.Cabinet"
FINISH_ARGS = ["--share=network", "--share=ipc", "--socket=wayland",
               "--socket=fallback-x11", "--device=dri"]
PINNED_BY_SHA256 = {"archive", "file"}
SHA256 = re.compile(r"^[0-9a-f]{64}$")
COMMIT = re.compile(r"^[0-9a-f]{40}$")

problems = []


def problem(message):
    problems.append(message)
    print("FAIL: " + message)


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    for k in set(keys):
        if keys.count(k) > 1:
            problem(f"duplicate key {k!r}")
    return dict(pairs)


def check_source(module_name, source, is_app):
    kind = source.get("type")
    where = f"module {module_name!r}, source {kind!r}"
    if kind in PINNED_BY_SHA256:
        if not SHA256.match(str(source.get("sha256", ""))):
            problem(f"{where}: not pinned by a sha256")
        url = str(source.get("url", ""))
        if not url.startswith("https://"):
            problem(f"{where}: url {url!r} is not https")
    elif kind == "git":
        if not COMMIT.match(str(source.get("commit", ""))):
            problem(f"{where}: git source not pinned by a full commit")
    elif kind == "dir":
        if not is_app:
            problem(f"{where}: a dir source is allowed only for the app itself")
    elif kind == "patch":
        if "path" not in source and "paths" not in source:
            problem(f"{where}: a patch must be a file in this repository")
    else:
        problem(f"{where}: source type not allowed (cannot be pinned)")


def check_module(module, app_name):
    if not isinstance(module, dict):
        problem(f"module {module!r} is not an object (a path to another manifest?)")
        return
    name = module.get("name", "?")
    if not module.get("sources"):
        problem(f"module {name!r} has no sources")
    for source in module.get("sources", []):
        if not isinstance(source, dict):
            problem(f"module {name!r}: source {source!r} is not an object")
            continue
        check_source(name, source, name == app_name)
    for sub in module.get("modules", []):
        check_module(sub, app_name)


def main():
    path = sys.argv[1]
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f, object_pairs_hook=no_duplicates)
    except (OSError, ValueError) as e:
        problem(f"{path}: not well-formed JSON: {e}")
        return 1

    if manifest.get("id", manifest.get("app-id")) != APP_ID:
        problem(f"app ID is {manifest.get('id', manifest.get('app-id'))!r}, not {APP_ID!r}")
    if manifest.get("runtime") != "org.gnome.Platform":
        problem("runtime is not org.gnome.Platform")
    if manifest.get("sdk") != "org.gnome.Sdk":
        problem("sdk is not org.gnome.Sdk")
    if not re.match(r"^\d+$", str(manifest.get("runtime-version", ""))):
        problem("runtime-version is not a stable GNOME release number")
    if manifest.get("command") != "tek-cabinet":
        problem("command is not tek-cabinet")

    args = manifest.get("finish-args", [])
    if sorted(args) != sorted(FINISH_ARGS) or len(args) != len(set(args)):
        problem(f"finish-args {args} differ from {FINISH_ARGS}")
    for arg in args:
        if arg.startswith(("--filesystem", "--talk-name", "--own-name", "--system-talk-name",
                           "--socket=x11", "--socket=session-bus", "--socket=system-bus",
                           "--device=all", "--share=all")):
            problem(f"finish-arg {arg} opens the sandbox too wide")

    modules = manifest.get("modules", [])
    if not modules:
        problem("no modules")
        return 1
    app = modules[-1]
    app_name = app.get("name") if isinstance(app, dict) else None
    if app_name != "tek-cabinet":
        problem("the last module is not the app (tek-cabinet)")
    elif app.get("buildsystem") != "meson":
        problem("the app module is not built with meson")
    elif app.get("sources") != [{"type": "dir", "path": ".."}]:
        problem("the app module does not build this repository (dir '..')")
    names = [m.get("name") for m in modules if isinstance(m, dict)]
    for needed in ("libsodium", "poppler", "poppler-data"):
        if needed not in names:
            problem(f"module {needed} missing (not in the GNOME runtime)")
    if "poppler" in names and "poppler-data" in names \
            and names.index("poppler-data") > names.index("poppler"):
        problem("poppler-data must come before poppler")
    for module in modules:
        check_module(module, app_name)

    if problems:
        print(f"{len(problems)} problem(s) in {path}")
        return 1
    print(f"{path}: {len(modules)} modules, every source pinned, finish-args {args}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
