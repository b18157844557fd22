#!/usr/bin/python3
"""Checks the desktop integration files as built (before installing).

Usage: check-data.py DESKTOP METAINFO SERVICE SCALABLE_ICON SYMBOLIC_ICON
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

APP_ID = "ru.tek_energo.Cabinet"
SVG = "{http://www.w3.org/2000/svg}"
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def validate(argv, what):
    result = subprocess.run(argv, capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        fail(f"{what}: {output}")
    else:
        print(f"ok: {what}" + (f" ({output})" if output else ""))
    return output


def desktop_entries(path):
    entries = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "=" in line and not line.startswith("#"):
                key, value = line.rstrip("\n").split("=", 1)
                entries[key] = value
    return entries


def main():
    desktop, metainfo, service, icon, symbolic = sys.argv[1:6]

    validate(["desktop-file-validate", desktop], "desktop-file-validate")
    d = desktop_entries(desktop)
    expected = {"Name": "TEK Cabinet", "Name[ru]": "ТЭК Кабинет", "Icon": APP_ID,
                "Categories": "Office;Finance;", "DBusActivatable": "true",
                "StartupNotify": "true", "Type": "Application", "Exec": "tek-cabinet"}
    for key, value in expected.items():
        if d.get(key) != value:
            fail(f"desktop file: {key}={d.get(key)!r}, expected {value!r}")
    for key in ("Keywords", "Keywords[ru]", "Comment", "Comment[ru]"):
        if not d.get(key):
            fail(f"desktop file has no {key}")
    if "лицевой счет" not in d.get("Keywords[ru]", ""):
        fail("the Russian keywords lack the manual's term 'лицевой счет'")

    output = validate(["appstreamcli", "validate", "--no-net", "--pedantic", metainfo],
                      "appstreamcli validate --no-net")
    warnings = [l for l in output.splitlines() if re.match(r"^[EW]: ", l)]
    if warnings:
        fail("appstreamcli errors or warnings: " + "; ".join(warnings))
    root = ET.parse(metainfo).getroot()
    for tag, value in (("id", APP_ID), ("metadata_license", "CC0-1.0"),
                       ("project_license", "GPL-3.0-or-later"),
                       ("launchable", APP_ID + ".desktop")):
        if root.findtext(tag) != value:
            fail(f"metainfo <{tag}> is {root.findtext(tag)!r}, expected {value!r}")
    releases = root.findall("releases/release")
    if not releases or releases[0].get("version") != "0.1.0" \
            or releases[0].get("date") != "2026-11-26":
        fail("metainfo: the newest release is not 0.1.0 of 2026-11-26")
    if root.find("provides/binary") is None or root.findtext("provides/binary") != "tek-cabinet":
        fail("metainfo does not provide the binary tek-cabinet")
    if not root.findall("screenshots/screenshot/image"):
        fail("metainfo has no screenshot")
    if root.find("content_rating") is None:
        fail("metainfo has no content rating")

    text = open(service, encoding="utf-8").read().splitlines()
    if text[0] != "[D-BUS Service]" or "Name=" + APP_ID not in text \
            or not any(re.match(r"^Exec=/\S*/tek-cabinet --gapplication-service$", l)
                       for l in text):
        fail(f"D-Bus service file is wrong: {text}")

    for path, size in ((icon, "128"), (symbolic, "16")):
        try:
            svg = ET.parse(path).getroot()
        except ET.ParseError as e:
            fail(f"{path}: not well-formed: {e}")
            continue
        if svg.tag != SVG + "svg" or svg.get("viewBox") != f"0 0 {size} {size}":
            fail(f"{os.path.basename(path)}: viewBox is {svg.get('viewBox')!r}, "
                 f"expected '0 0 {size} {size}'")
    # A symbolic icon is recoloured by GTK: one colour, no gradients, no raster images.
    svg = ET.parse(symbolic).getroot()
    colours = set()
    for element in svg.iter():
        for attr in ("fill", "stroke"):
            value = element.get(attr)
            if value and value != "none":
                colours.add(value.lower())
        if element.tag in (SVG + "linearGradient", SVG + "radialGradient", SVG + "image"):
            fail(f"symbolic icon uses {element.tag}")
    if colours != {"#2e3436"}:
        fail(f"symbolic icon colours are {sorted(colours)}, expected only #2e3436")

    if failures:
        print(f"{len(failures)} problem(s)")
        return 1
    print("desktop file, metainfo, service file and icons are valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
