#!/usr/bin/env python3
"""Closes a test run over meson's JSON test logs: what failed, with the end of its output,
then one line, 'tests: N passed, N failed'.

CI keeps only the end of what a run prints, so a failure is named here, last, and not only
in meson's own report far above."""
import json
import sys

TAIL_LINES = 25

passed = failed = skipped = 0
failures = []
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as log:
            for line in log:
                try:
                    test = json.loads(line)
                except json.JSONDecodeError:
                    print(f"unreadable line in {path}", file=sys.stderr)
                    failed += 1
                    continue
                result = test.get("result")
                if result in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                elif result == "SKIP":
                    skipped += 1
                else:
                    failed += 1
                    failures.append(test)
    except FileNotFoundError:
        print(f"missing test log: {path}", file=sys.stderr)
        failed += 1

for test in failures:
    output = (test.get("stdout") or "") + (test.get("stderr") or "")
    tail = output.rstrip("\n").splitlines()[-TAIL_LINES:]
    print(f"--- failed: {test.get('name')} ({test.get('result')}, "
          f"{test.get('duration', 0):.1f} s); the end of its output:")
    for text in tail:
        print(f"    {text}")
for test in failures:
    print(f"failed: {test.get('name')} ({test.get('result')})")
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
