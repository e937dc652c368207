#!/usr/bin/env bash
# Renders an Ember HTML run report with headless Chromium (Debian: apt-get install chromium) and checks it:
#   scripts/report-screenshot.sh REPORT.html OUT.png [WIDTH HEIGHT]
# Writes OUT.png (a screenshot of the page at WIDTH x HEIGHT, default 1280 x 2400), then checks the page Chromium built
# for the report's sections and plots. Each Chromium run is killed after 60 s. Exits non-zero when a check fails.
set -euo pipefail
if [ $# -lt 2 ]; then echo "usage: $0 REPORT.html OUT.png [WIDTH HEIGHT]" >&2; exit 2; fi
report=$(realpath "$1"); out=$2; width=${3:-1280}; height=${4:-2400}
command -v chromium >/dev/null || { echo "chromium is not installed (Debian: apt-get install chromium)" >&2; exit 1; }
[ -f "$report" ] || { echo "no such report: $1" >&2; exit 1; }
profile=$(mktemp -d); trap 'rm -rf "$profile"' EXIT
run() { timeout --kill-after=5 60 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
          --hide-scrollbars --disable-extensions --mute-audio --user-data-dir="$profile" "$@" 2>/dev/null; }
run --screenshot="$out" --window-size="$width,$height" "file://$report" >/dev/null
dom=$(run --dump-dom "file://$report")
status=0
# The PNG's IHDR holds the width and height (big-endian, bytes 16-23).
read -r w h < <(od -An -tu1 -j16 -N8 "$out" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }')
echo "screenshot: $out (${w}x${h}, $(stat -c %s "$out") bytes)"
if [ "$w" != "$width" ] || [ "$h" != "$height" ]; then echo "  expected ${width}x${height}" >&2; status=1; fi
for id in hyperparameters metrics curves summary confusion-matrix gradient-health; do
  if grep -q "<section id=\"$id\">" <<<"$dom"; then echo "  section #$id: present"; else echo "  section #$id: absent" >&2; status=1; fi
done
svgs=$(grep -o '<svg[ >]' <<<"$dom" | wc -l); tables=$(grep -o '<table[ >]' <<<"$dom" | wc -l)
echo "  plots (svg): $svgs, tables: $tables"
if [ "$svgs" -lt 4 ]; then echo "  expected at least 4 plots (loss, log-scale loss, confusion matrix, gradient norms)" >&2; status=1; fi
if ! grep -q '<section id=' <<<"$dom"; then echo "  the page has no report section: is it an Ember report?" >&2; status=1; fi
if grep -q 'plots unavailable' <<<"$dom"; then echo "  note: the report says plots were unavailable" >&2; fi
exit $status
