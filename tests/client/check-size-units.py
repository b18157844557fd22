#!/usr/bin/python3
"""One unit system for file sizes (issue 15, item 11): every size the client shows is
formatted by g_format_size_full() with G_FORMAT_SIZE_IEC_UNITS (KiB, MiB: the feedback limit is
10 × 1024 × 1024 bytes), and no text a person reads names a decimal unit (kB, MB, GB; in
Russian кБ, МБ, ГБ), so a 10 MiB file never shows as «10,5 МБ» next to a limit of «10,0 МиБ».

Usage: check-size-units.py SOURCE_ROOT
"""
import os
import re
import sys

root = sys.argv[1]
failures = []

CALL = re.compile(r'\bg_format_size(_full|_for_display)?\s*\(')
DECIMAL_UNIT = re.compile(r'(?<![\w])\d+(?:[.,]\d+)?\s*(?:kB|KB|MB|GB|кБ|КБ|МБ|ГБ)(?![\w])'
                          r'|(?<![\w])(?:кБ|КБ|МБ|ГБ)(?![\w])')


def statement_at(text, start):
    """The text from @start to the end of the call's statement."""
    end = text.find(';', start)
    return text[start:end if end >= 0 else len(text)]


def check_c(path, text):
    for match in CALL.finditer(text):
        line = text.count('\n', 0, match.start()) + 1
        statement = statement_at(text, match.start())
        if match.group(1) != '_full' or 'G_FORMAT_SIZE_IEC_UNITS' not in statement:
            failures.append(f'{path}:{line}: a size formatted without G_FORMAT_SIZE_IEC_UNITS')


def check_words(path, text):
    for number, line in enumerate(text.splitlines(), 1):
        if DECIMAL_UNIT.search(line):
            failures.append(f'{path}:{number}: a decimal size unit: {line.strip()}')


for folder, _dirs, files in os.walk(os.path.join(root, 'src', 'client')):
    for name in sorted(files):
        if name.endswith(('.c', '.h')):
            path = os.path.join(folder, name)
            with open(path, encoding='utf-8') as f:
                text = f.read()
            check_c(os.path.relpath(path, root), text)
            check_words(os.path.relpath(path, root), text)

ui_dir = os.path.join(root, 'data', 'ui')
for name in sorted(os.listdir(ui_dir)):
    if name.endswith('.ui'):
        with open(os.path.join(ui_dir, name), encoding='utf-8') as f:
            check_words(os.path.join('data', 'ui', name), f.read())

with open(os.path.join(root, 'po', 'ru.po'), encoding='utf-8') as f:
    check_words('po/ru.po', f.read())

for failure in failures:
    print('FAIL: ' + failure)
if failures:
    sys.exit(1)
print('ok: every size in IEC units')
