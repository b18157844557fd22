#!/usr/bin/env bash
# Runs the viewer benchmarks and prints their figures:
#   1. "open" to the first page on screen for the demo's scanned A4 invoice, against
#      `pdftoppm -r 96 -f 1 -l 1` on the same file (aim: at most 1.5x);
#   2. the renderer alone on page 1 of both documents at the same zoom, with the scan path (a
#      scan shown smaller than 3/4 of its image rendered larger and shrunk) and without, wall
#      and CPU time against pdftoppm's (CPU time is what a loaded machine disturbs least);
#   3. peak RSS while paging through a 100-page scan against RSS after the first page (aim:
#      at most 2x).
# Usage: bench/viewer/run.sh [BUILD_DIR]   (default _build-bench; configured if missing)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/_build-bench}
cd "$top"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --buildtype=release >/dev/null
fi
targets=(bench/viewer/bench-viewer)
have_scan=0
if [ -f src/server/scan/cab-scan-sample.c ]; then
  targets+=(src/server/scan/cab-scan-sample)
  have_scan=1
fi
# Two jobs at most: the machine is shared.
ninja -C "$build" -j2 "${targets[@]}" >/dev/null || { ninja -C "$build" -j2 "${targets[@]}"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench=$build/bench/viewer/bench-viewer

# The invoice: the server's demo scan renderer when present, else a cairo-made A4 150 dpi scan.
if [ $have_scan = 1 ]; then
  "$build/src/server/scan/cab-scan-sample" "$work/invoice.pdf" 1 >/dev/null
  echo "invoice: the scan renderer's sample (A4, 150 dpi), $(stat -c %s "$work/invoice.pdf") bytes"
else
  "$bench" make "$work/invoice.pdf" 1 150
  echo "invoice: cairo-made A4 150 dpi JPEG scan, $(stat -c %s "$work/invoice.pdf") bytes"
fi
"$bench" make "$work/scan-100.pdf" 100 150
echo "100-page scan: A4 150 dpi JPEG pages, $(stat -c %s "$work/scan-100.pdf") bytes"

export GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
run () { xvfb-run -a -s '-screen 0 1280x1024x24' "$@" 2> >(grep -v -e DEBUG -e '^$' >&2); }
# Xvfb has no GPU: GTK's default GL renderer runs on Mesa's llvmpipe (software), which makes
# every frame cost tens of ms of CPU; the cairo renderer is the closer stand-in for a desktop
# with a GPU, so both are shown.
echo "== first page, GTK's default renderer (GL on llvmpipe under Xvfb)"
run "$bench" first-page "$work/invoice.pdf" 9
echo "== first page, GSK_RENDERER=cairo"
GSK_RENDERER=cairo run "$bench" first-page "$work/invoice.pdf" 9
echo "== the renderer alone, the invoice (Flate grey) and page 1 of the 100-page scan (JPEG)"
"$bench" render "$work/invoice.pdf" 9
"$bench" render "$work/scan-100.pdf" 9
echo "== paging through 100 scanned pages, GTK's default renderer"
run "$bench" paging "$work/scan-100.pdf"
echo "== paging through 100 scanned pages, GSK_RENDERER=cairo"
GSK_RENDERER=cairo run "$bench" paging "$work/scan-100.pdf"
