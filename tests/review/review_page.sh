#!/usr/bin/env bash
# Tested page: engine/output/review.cpp via `metrex review` (registered in
# tests/review/CMakeLists.txt as review_page).
#
# usage: review_page.sh METREX SAMPLE OUTDIR
#   1. metrex review SAMPLE -o OUTDIR/review.html
#   2. loads it in headless Chromium (--dump-dom) three times: as is, filtered to one
#      indicator (#indicator=...), and with field records hidden (#hide=field); checks
#      the DOM the page's script left behind; then a page of astral.txt (astral
#      characters, CRLF, markup characters) for the offsets
#   3. takes screenshots (OUTDIR/review.png, OUTDIR/review-filtered.png) and prints
#      their paths
# Needs chromium (Debian package `chromium`); fails, saying so, when it is missing.
set -uo pipefail

metrex=$1 sample=$2 out=$3
mkdir -p "$out"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "FAIL: chromium is not installed, so the review page cannot be tested in a browser."
  echo "      Install it with scripts/setup (or: apt-get install chromium) and run the test again."
  exit 1
fi

page=$out/review.html
if ! "$metrex" review "$sample" -o "$page" --no-progress; then
  echo "FAIL: metrex review exited with an error"
  exit 1
fi

profiles=()
cleanup() { for p in "${profiles[@]}"; do rm -rf "$p"; done; }
trap cleanup EXIT

# chromium MODE-ARGS... URL: a fresh profile each time, no network services, 120 s cap.
# Chromium's own chatter (D-Bus, GPU) goes to OUTDIR/chromium.log.
run_chromium() {
  local profile
  profile=$(mktemp -d)
  profiles+=("$profile")
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$profile" "$@" 2>>"$out/chromium.log"
}

# The page must not reach for anything outside itself.
if grep -Eq '(src|href)="(https?:)?//|<link|@import|url\(' "$page"; then
  fail "the page refers to an external resource"
fi

dom=$out/dom.html
run_chromium --dump-dom "file://$page" >"$dom" || fail "chromium --dump-dom failed (see $out/chromium.log)"

# expect NAME REGEX [FILE]: the dumped DOM matches the extended regular expression.
expect() {
  grep -Eq -- "$2" "${3:-$dom}" || fail "$1  (no match for: $2)"
}
# expect_none NAME REGEX [FILE]: nothing matches.
expect_none() {
  if grep -Eq -- "$2" "${3:-$dom}"; then fail "$1  (unexpected match for: $2)"; fi
}

expect "the page's script ran to the end" '<body[^>]* data-ready="1"'
expect "every record's highlights spell its text (code point offsets survived into the DOM)" 'data-offsets="ok"'
records=$("$metrex" extract "$sample" | grep '"start"' | grep -Evc '"start":([0-9]+),"end":\1[,}]')
expect "all $records records are highlighted" "data-highlighted=\"$records\""
expect "reconsideration.received is highlighted on 169件" \
  'data-indicator="reconsideration\.received">[^<]*169件'
expect "a document title is highlighted" '<mark [^>]*data-type="document"'
expect "a program is highlighted" '<mark [^>]*data-type="program"'
expect "a field is highlighted" '<mark [^>]*data-type="field"'
expect "an unclaimed figure is highlighted" '<mark [^>]*data-indicator="metric"'
expect "a record inside a document title is a nested mark" \
  '<mark [^>]*data-type="document"[^>]*>[^<]*<mark [^>]*data-type="program"'
expect "the indicator filter lists reconsideration.received" '<option value="reconsideration\.received">'
expect "the type filter has a box per type" 'data-filter="document"'
lines=$(awk '/class="text">/ { on = 1 } on { n++ } on && /<\/div>/ { exit } END { print n + 0 }' "$dom")
[ "$lines" -gt 20 ] || fail "line breaks are kept as text (the text block has $lines lines)"

# Filtered to one indicator: every other highlight is dimmed, its own are not, the first
# match is selected and its fields are in the side panel.
filtered=$out/dom-filtered.html
run_chromium --dump-dom "file://$page#indicator=reconsideration.received" >"$filtered" ||
  fail "chromium --dump-dom (filtered) failed"
expect "filtering is on" '<body[^>]*class="filtering"' "$filtered"
expect "other indicators are dimmed" 'class="m t-indicator[^"]* dim[^"]*"[^>]*data-indicator="reconsideration\.accepted"' "$filtered"
expect "programs are dimmed" 'class="m t-program[^"]* dim' "$filtered"
expect_none "the chosen indicator is not dimmed" \
  'class="[^"]* dim[^"]*"[^>]*data-indicator="reconsideration\.received"' "$filtered"
expect "the first match is selected" 'class="m t-indicator[^"]* sel[^"]*"[^>]*data-indicator="reconsideration\.received"' "$filtered"
expect "the side panel shows the record's fields" '<th>label</th><td>行政复议申请收案数</td>' "$filtered"
expect "the match count is shown" 'id="hits">1 / [0-9]+<' "$filtered"

# A type hidden from the legend: its highlights are off, the rest are not.
hidden=$out/dom-hidden.html
run_chromium --dump-dom "file://$page#hide=field" >"$hidden" || fail "chromium --dump-dom (hidden) failed"
expect "field highlights are off" 'class="m t-field[^"]* off' "$hidden"
if grep -Eo 'class="m t-field[^"]*"' "$hidden" | grep -vq ' off'; then fail "a field highlight is still on"; fi
expect_none "indicator highlights stay on" 'class="m t-indicator[^"]* off' "$hidden"

# Offsets with astral characters, CRLF and markup in the text: the page's own check
# (every record's marks spell its text) must hold in the browser, where strings are UTF-16.
astral_page=$out/review-astral.html
"$metrex" review "$(dirname "$0")/astral.txt" -o "$astral_page" --no-progress 2>/dev/null ||
  fail "metrex review on astral.txt failed"
astral=$out/dom-astral.html
run_chromium --dump-dom "file://$astral_page" >"$astral" || fail "chromium --dump-dom (astral) failed"
astral_records=$("$metrex" extract "$(dirname "$0")/astral.txt" | grep '"start"' | grep -Evc '"start":([0-9]+),"end":\1[,}]')
expect "astral.txt: the script ran" '<body[^>]* data-ready="1"' "$astral"
expect "astral.txt: every record's highlights spell its text" 'data-offsets="ok"' "$astral"
expect "astral.txt: all $astral_records records are highlighted" "data-highlighted=\"$astral_records\"" "$astral"
expect "astral.txt: 169件 after two astral characters" 'data-indicator="reconsideration\.received">[^<]*169件' "$astral"
expect "astral.txt: markup in the text stays text" '12个</mark>&lt;b&gt;&amp;amp;&lt;/script&gt;' "$astral"

# Screenshots, kept for a person to look at.
for shot in "review.png|" "review-filtered.png|#indicator=reconsideration.received"; do
  name=${shot%%|*} hash=${shot#*|}
  rm -f "$out/$name"
  run_chromium --screenshot="$out/$name" --window-size=1280,2000 "file://$page$hash" >/dev/null
  if [ -s "$out/$name" ] && [ "$(head -c 4 "$out/$name" | tail -c 3)" = "PNG" ]; then
    echo "screenshot: $out/$name"
  else
    fail "no screenshot at $out/$name"
  fi
done

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed; page: $page, DOM dumps: $out/dom*.html, browser log: $out/chromium.log"
  exit 1
fi
echo "review page OK: $page ($records records)"
