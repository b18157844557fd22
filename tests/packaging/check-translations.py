#!/usr/bin/python3
"""Checks po/ru.po: msgfmt --check passes, nothing untranslated or fuzzy, the Russian plural
rule, and every msgid that the current sources mark for translation is translated in it.

Usage: check-translations.py SOURCE_ROOT
"""
import os
import re
import subprocess
import sys
import tempfile

RU_PLURAL_FORMS = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
                   "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")

# The same keywords as Meson's i18n.gettext(preset: 'glib').
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format",
]

# The web cabinet's manual names these; where the sources have the English string, the
# Russian must be the manual's word for word.
MANUAL_TERMS = {
    (None, "TEK Cabinet"): "ТЭК Кабинет",
    (None, "Client Info"): "Информация о клиенте",
    (None, "Account State"): "Состояние счета",
    (None, "Profile"): "Профиль",
    (None, "Feedback"): "Обратная связь",
    (None, "DP Code"): "Код ДП",
    (None, "Account Number"): "Лицевой счет",
    (None, "Reconciliation act"): "Акт сверки",
    (None, "DP code %s not found"): "Не найден код ДП %s",
    (None, "Account %s not found"): "Лицевой счет %s не найден",
    (None, "Account %s does not match DP code %s"): "Лицевой счет %s не соответствует коду ДП %s",
}

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def unquote(chunks):
    text = "".join(chunks)
    out, i = [], 0
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r", "a": "\a", "b": "\b",
               "f": "\f", "v": "\v"}
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append(escapes.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_po(path):
    """Returns a list of entries: dicts with ctxt, id, id_plural, strs (list), flags."""
    entries, cur, field = [], None, None

    def flush():
        if cur is not None and "id" in cur:
            entries.append({
                "ctxt": unquote(cur["ctxt"]) if "ctxt" in cur else None,
                "id": unquote(cur["id"]),
                "id_plural": unquote(cur["id_plural"]) if "id_plural" in cur else None,
                "strs": [unquote(v) for _, v in sorted(cur["strs"].items())],
                "flags": cur["flags"],
                "obsolete": cur["obsolete"],
            })

    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            obsolete = line.startswith("#~")
            if obsolete:
                line = line[2:].lstrip()
            if not line.strip():
                continue
            if line.startswith("#,"):
                if cur is not None and "id" in cur:
                    flush()
                    cur = None
                if cur is None:
                    cur = {"strs": {}, "flags": set(), "obsolete": obsolete}
                cur["flags"].update(flag.strip() for flag in line[2:].split(","))
                continue
            if line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$', line)
            if m:
                key = m.group(1)
                if key in ("msgctxt", "msgid") and cur is not None and "id" in cur:
                    flush()
                    cur = None
                if cur is None:
                    cur = {"strs": {}, "flags": set(), "obsolete": obsolete}
                if key == "msgctxt":
                    field = cur.setdefault("ctxt", [])
                elif key == "msgid":
                    field = cur.setdefault("id", [])
                elif key == "msgid_plural":
                    field = cur.setdefault("id_plural", [])
                else:
                    index = int(m.group(2)) if m.group(2) else 0
                    field = cur["strs"].setdefault(index, [])
                field.append(m.group(3))
                continue
            m = re.match(r'^"(.*)"\s*$', line)
            if m and field is not None:
                field.append(m.group(1))
                continue
            raise SystemExit(f"{path}: cannot parse line: {raw!r}")
    flush()
    return entries


def main():
    top = sys.argv[1]
    po = os.path.join(top, "po", "ru.po")

    # 1. msgfmt --check: format strings, header, plural forms consistency.
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po],
                            capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
    print(result.stderr.strip())
    if result.returncode != 0:
        fail("msgfmt --check failed")
    if re.search(r"\b\d+ (fuzzy|untranslated)", result.stderr):
        fail("ru.po has fuzzy or untranslated messages: " + result.stderr.strip())

    entries = parse_po(po)
    live = [e for e in entries if not e["obsolete"]]
    header = next((e for e in live if e["id"] == "" and e["ctxt"] is None), None)
    if header is None:
        fail("ru.po has no header")
    else:
        forms = re.search(r"^Plural-Forms:\s*(.*)$", header["strs"][0], re.M)
        if not forms or forms.group(1).strip() != RU_PLURAL_FORMS:
            fail("Plural-Forms is not the Russian rule: %r" % (forms.group(1) if forms else None))
        if "charset=UTF-8" not in header["strs"][0]:
            fail("ru.po is not declared UTF-8")

    translated = {}
    for e in live:
        if e["id"] == "":
            continue
        key = (e["ctxt"], e["id"])
        if "fuzzy" in e["flags"]:
            fail(f"fuzzy: {e['id']!r}")
        elif not e["strs"] or any(s == "" for s in e["strs"]):
            fail(f"untranslated: {e['id']!r}")
        elif e["id_plural"] is not None and len(e["strs"]) != 3:
            fail(f"needs 3 plural forms: {e['id']!r}")
        else:
            translated[key] = e

    for key, russian in MANUAL_TERMS.items():
        if key in translated and translated[key]["strs"][0] != russian:
            fail(f"{key[1]!r} is {translated[key]['strs'][0]!r}, the manual says {russian!r}")

    # 2. The template from the sources as they are now (the same file list that
    # po/update-potfiles.sh would write, so a new file is not missed either).
    listing = subprocess.run([os.path.join(top, "po", "update-potfiles.sh"), "--print"],
                             capture_output=True, text=True, cwd=top)
    if listing.returncode != 0:
        fail("po/update-potfiles.sh --print failed: " + listing.stderr.strip())
        sources = []
    else:
        sources = [l for l in listing.stdout.splitlines() if l and not l.startswith("#")]
    if not sources:
        fail("no translatable sources found")
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "tek-cabinet.pot")
        result = subprocess.run(["xgettext", "--package-name=tek-cabinet", "-o", pot,
                                 *XGETTEXT_ARGS, *sources],
                                capture_output=True, text=True, cwd=top)
        if result.returncode != 0:
            fail("xgettext failed: " + result.stderr.strip())
        elif not os.path.exists(pot):
            fail("xgettext found no strings at all")
        else:
            template = [e for e in parse_po(pot) if e["id"] != ""]
            missing = [e for e in template if (e["ctxt"], e["id"]) not in translated]
            for e in missing:
                fail("in the sources but not translated in ru.po: "
                     + (f"[{e['ctxt']}] " if e["ctxt"] else "") + repr(e["id"]))
            plural_mismatch = [e for e in template
                               if (e["ctxt"], e["id"]) in translated
                               and (e["id_plural"] is None)
                               != (translated[(e["ctxt"], e["id"])]["id_plural"] is None)]
            for e in plural_mismatch:
                fail(f"plural/singular differs from the sources: {e['id']!r}")
            print(f"{len(template)} messages in the sources, {len(translated)} translated in ru.po")

    if failures:
        print(f"{len(failures)} problem(s); regenerate with `meson compile -C BUILDDIR "
              "tek-cabinet-update-po` and translate")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
