#!/usr/bin/python3
"""The packaging checks must fail on bad input, not only pass on good input.

Usage: test-validators.py SOURCE_ROOT
Feeds check-flatpak.py broken manifests, and check-translations.py and
po/update-potfiles.sh --check a scratch tree with a stale POTFILES.in, a new string,
a fuzzy entry and wrong plural forms; each must be rejected. The real files must pass.
The scratch tree is a plain folder (as a `meson dist` tarball is), and a git checkout too
when git is installed.
"""
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3"
failures = []
checks = 0


def expect(ok, what):
    global checks
    checks += 1
    print(("ok " if ok else "FAIL ") + f"{checks} - {what}")
    if not ok:
        failures.append(what)


def run(argv, cwd=None):
    return subprocess.run(argv, capture_output=True, text=True, cwd=cwd)


def flatpak_cases(top):
    good = json.load(open(os.path.join(top, "flatpak", "ru.tek_energo.Cabinet.json")))

    def mutated(change):
        m = copy.deepcopy(good)
        change(m)
        return m

    def first_archive(m):
        return next(s for mod in m["modules"] for s in mod["sources"] if s["type"] == "archive")

    cases = {
        "--filesystem=home added": lambda m: m["finish-args"].append("--filesystem=home"),
        "--talk-name=org.freedesktop.secrets added":
            lambda m: m["finish-args"].append("--talk-name=org.freedesktop.secrets"),
        "--socket=x11 instead of fallback-x11": lambda m: m["finish-args"].__setitem__(
            m["finish-args"].index("--socket=fallback-x11"), "--socket=x11"),
        "--device=dri missing": lambda m: m["finish-args"].remove("--device=dri"),
        "wrong app ID": lambda m: m.__setitem__("id", "org.example.Cabinet"),
        "archive without sha256": lambda m: first_archive(m).pop("sha256"),
        "archive with a short sha256": lambda m: first_archive(m).__setitem__("sha256", "abc"),
        "git source pinned by branch only": lambda m: m["modules"][0].__setitem__(
            "sources", [{"type": "git", "url": "https://example.org/x.git", "branch": "main"}]),
        "dir source for a dependency": lambda m: m["modules"][0].__setitem__(
            "sources", [{"type": "dir", "path": "/usr/src/libsodium"}]),
        "app not built with meson": lambda m: m["modules"][-1].__setitem__(
            "buildsystem", "simple"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "manifest.json")
        with open(path, "w") as f:
            json.dump(good, f)
        expect(run([PYTHON, os.path.join(HERE, "check-flatpak.py"), path]).returncode == 0,
               "flatpak: the real manifest passes")
        for what, change in cases.items():
            with open(path, "w") as f:
                json.dump(mutated(change), f)
            expect(run([PYTHON, os.path.join(HERE, "check-flatpak.py"), path]).returncode == 1,
                   f"flatpak: rejects {what}")
        with open(path, "w") as f:
            f.write('{"id": "ru.tek_energo.Cabinet", "id": "x"}')
        expect(run([PYTHON, os.path.join(HERE, "check-flatpak.py"), path]).returncode == 1,
               "flatpak: rejects duplicate keys")
        with open(path, "w") as f:
            f.write('{"id": "ru.tek_energo.Cabinet",')
        expect(run([PYTHON, os.path.join(HERE, "check-flatpak.py"), path]).returncode == 1,
               "flatpak: rejects malformed JSON")


PO_HEADER = r'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: ru\n"
"Plural-Forms: {forms}\n"
'''
RU_FORMS = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
            "(n%100<10 || n%100>=20) ? 1 : 2);")
C_SOURCE = r'''#include <glib/gi18n.h>
const char *a (void);
const char *a (void) { return _("Account State"); }
const char *b (int n);
const char *b (int n) { return g_dngettext (NULL, "%d document", "%d documents", n); }
'''
PO_BODY = r'''
#: src/client/x.c:3
msgid "Account State"
msgstr "Состояние счета"

#: src/client/x.c:5
#, c-format
msgid "%d document"
msgid_plural "%d documents"
msgstr[0] "%d документ"
msgstr[1] "%d документа"
msgstr[2] "%d документов"
'''


def translation_cases(top, use_git):
    def track(*paths):
        if use_git:
            run(["git", "add", *paths], cwd=tree)

    with tempfile.TemporaryDirectory() as tree:
        os.makedirs(os.path.join(tree, "po"))
        os.makedirs(os.path.join(tree, "src", "client"))
        shutil.copy(os.path.join(top, "po", "update-potfiles.sh"), os.path.join(tree, "po"))
        with open(os.path.join(tree, "src", "client", "x.c"), "w") as f:
            f.write(C_SOURCE)
        if use_git:
            run(["git", "init", "-q"], cwd=tree)
        track("src/client/x.c", "po/update-potfiles.sh")
        potfiles = os.path.join(tree, "po", "POTFILES.in")
        ru_po = os.path.join(tree, "po", "ru.po")
        check_potfiles = [os.path.join(tree, "po", "update-potfiles.sh"), "--check"]
        check_po = [PYTHON, os.path.join(HERE, "check-translations.py"), tree]

        with open(potfiles, "w") as f:
            f.write("# stale\n")
        expect(run(check_potfiles, cwd=tree).returncode == 1, "potfiles: stale list rejected")
        run([os.path.join(tree, "po", "update-potfiles.sh")], cwd=tree)
        expect(open(potfiles).read().splitlines()[1:] == ["src/client/x.c"],
               "potfiles: regenerated list holds the C file with _()")
        expect(run(check_potfiles, cwd=tree).returncode == 0, "potfiles: fresh list accepted")

        def write_po(forms=RU_FORMS, body=PO_BODY):
            with open(ru_po, "w") as f:
                f.write(PO_HEADER.format(forms=forms) + body)

        write_po()
        result = run(check_po)
        expect(result.returncode == 0, "translations: complete ru.po accepted"
               + ("" if result.returncode == 0 else ": " + result.stdout))

        write_po(body=PO_BODY.replace('msgstr "Состояние счета"', 'msgstr ""'))
        expect(run(check_po).returncode == 1, "translations: untranslated string rejected")

        write_po(body=PO_BODY.replace('#: src/client/x.c:3\n', '#: src/client/x.c:3\n#, fuzzy\n'))
        expect(run(check_po).returncode == 1, "translations: fuzzy string rejected")

        write_po(body=PO_BODY.replace('msgstr[2] "%d документов"\n', ''))
        expect(run(check_po).returncode == 1, "translations: missing plural form rejected")

        write_po(body=PO_BODY.replace('msgstr[1] "%d документа"', 'msgstr[1] "%s документа"'))
        expect(run(check_po).returncode == 1, "translations: broken c-format rejected")

        write_po(body=PO_BODY.replace('msgstr "Состояние счета"', 'msgstr "Состояние счёта"'))
        result = run(check_po)
        expect(result.returncode == 1 and "the manual says" in result.stdout,
               "translations: a manual term translated otherwise is rejected")

        write_po(forms="nplurals=2; plural=(n != 1);",
                 body=PO_BODY.replace('msgstr[2] "%d документов"\n', ''))
        expect(run(check_po).returncode == 1, "translations: non-Russian plural rule rejected")

        write_po()
        with open(os.path.join(tree, "src", "client", "x.c"), "a") as f:
            f.write('const char *c (void);\nconst char *c (void) { return _("Feedback"); }\n')
        result = run(check_po)
        expect(result.returncode == 1 and "'Feedback'" in result.stdout,
               "translations: a new string in the sources is reported")

        with open(os.path.join(tree, "src", "client", "y.c"), "w") as f:
            f.write('#include <glib/gi18n.h>\nconst char *d (void);\n'
                    'const char *d (void) { return _("Profile"); }\n')
        track("src/client/y.c")
        expect(run(check_potfiles, cwd=tree).returncode == 1,
               "potfiles: a new tracked file with _() makes the list stale")
        result = run(check_po)
        expect(result.returncode == 1 and "'Profile'" in result.stdout,
               "translations: a string in a file missing from POTFILES.in is reported")


def main():
    top = sys.argv[1]
    flatpak_cases(top)
    translation_cases(top, use_git=False)
    if shutil.which("git"):
        translation_cases(top, use_git=True)
    print(f"{checks - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
