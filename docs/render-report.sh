#!/usr/bin/env bash
# Renders a dossier's reports/report.html to a PNG with headless Chromium (offline: no network features).
# Usage: docs/render-report.sh DOSSIER_DIR OUT.png [WIDTH,HEIGHT]   (default window 1000,2400)
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 DOSSIER_DIR OUT.png [WIDTH,HEIGHT]" >&2
  exit 2
fi
html="$(cd "$1" && pwd)/reports/report.html"
out="$2"
size="${3:-1000,2400}"
if [ ! -f "$html" ]; then
  echo "no $html: run 'eam report --run-id <run_id>' first" >&2
  exit 1
fi
browser="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$browser" ]; then
  echo "chromium not found (apt-get install -y chromium, or set CHROMIUM)" >&2
  exit 1
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$size" --screenshot="$out" "file://$html" >/dev/null 2>&1
test -s "$out"
echo "$out"
