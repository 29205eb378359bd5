#!/usr/bin/env bash
# Browser check of `yinyu render`: renders the example article and the seed
# page, opens each page in headless Chromium, and checks that the number of
# quotes in the DOM after the page's script ran equals the number of CSV rows
# `yinyu extract` writes for the same input.
#
# Needs Debian's chromium (the project's setup: `apt-get install -y chromium`)
# and python3 (to count CSV records). Run from anywhere:
#   tests/browser/check_render.sh [SCREENSHOT.png]
# Environment: YINYU (the binary; default target/release/yinyu, built if
# missing), CHROMIUM (default /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/../.."
CHROME=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROME" ]; then
  echo "check_render: $CHROME not found; install it with: apt-get install -y chromium" >&2
  exit 1
fi
BIN=${YINYU:-target/release/yinyu}
if [ ! -x "$BIN" ]; then
  cargo build --release --quiet
fi
SEED=../shared/corpus/xinhua-china-central-asia-2025.txt
if [ ! -f "$SEED" ]; then
  echo "check_render: $SEED is missing" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shot=${1:-$tmp/shot.png}

chrome() {
  # a fresh profile per run; no network, no background services
  timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d -p "$tmp")" "$@" 2>>"$tmp/chromium.log"
}

status=0
check() { # name, inputs...
  local name=$1
  shift
  "$BIN" render "$@" -o "$tmp/$name.html"
  "$BIN" extract -q "$@" -o "$tmp/$name.csv"
  local rows dom ids
  rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8"))))' "$tmp/$name.csv")
  chrome --dump-dom "file://$tmp/$name.html" >"$tmp/$name.dom.html"
  # set by the page's script only, so present only if the script ran
  dom=$(grep -o 'data-rendered-quotes="[0-9]*"' "$tmp/$name.dom.html" | grep -o '[0-9][0-9]*' || true)
  ids=$(grep -o 'data-qid="[^"]*"' "$tmp/$name.dom.html" | sort -u | wc -l)
  if [ -n "$dom" ] && [ "$dom" -eq "$rows" ] && [ "$ids" -eq "$rows" ] && [ "$rows" -gt 0 ]; then
    echo "check_render: $name ok: $rows CSV rows, $dom quotes rendered in Chromium"
  else
    echo "check_render: $name FAILED: $rows CSV rows, script counted '${dom:-nothing}', $ids quote ids in the DOM" >&2
    status=1
  fi
}

check example examples/article.txt
check seed "$SEED"
check both examples/article.txt "$SEED"

chrome --screenshot="$shot" --window-size=1400,1800 --hide-scrollbars "file://$tmp/both.html" >/dev/null
if [ -s "$shot" ]; then
  echo "check_render: screenshot $shot"
else
  echo "check_render: no screenshot written" >&2
  status=1
fi
exit $status
