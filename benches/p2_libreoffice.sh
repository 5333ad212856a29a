#!/usr/bin/env bash
# P2, second half: opening the 6,000-member ledger in zhibu against
# LibreOffice headless converting the same branch's exported workbook to
# CSV, timed side by side in one run. Goal: zhibu at least 20× faster.
#
#   bash benches/p2_libreoffice.sh [MEMBERS]     (default 6000; RUNS=5)
#
# Our side is `zhibu load` (hidden): start the program, read the file,
# check its checksum and parse every record, as opening it in the window
# does. `zhibu check` (that, plus the checklist and every stage's checks,
# printed) is timed too.
# LibreOffice's side is `soffice --headless --convert-to csv`: start,
# read the workbook, write its first sheet. Both are whole processes,
# timed from the outside alike; the median of RUNS runs each. Where
# LibreOffice is not installed only our figure is printed (install
# libreoffice-calc-nogui to get the comparison).
set -euo pipefail
cd "$(dirname "$0")/.."

members=${1:-6000}
runs=${RUNS:-5}
cargo build --release --quiet
bin=$PWD/target/release/zhibu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ledger="$work/支部台账.ron"

"$bin" demo --members "$members" --out "$ledger" >/dev/null
"$bin" export "$ledger" --out-dir "$work/export" >/dev/null
xlsx=$(find "$work/export" -name '*.xlsx' | head -n 1)
printf 'ledger %s members: %s MB; exported workbook: %s MB\n' "$members" \
  "$(du -m "$ledger" | cut -f1)" "$(du -m "$xlsx" | cut -f1)"

# Milliseconds one run of a command takes (its output and status ignored).
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

zhibu_runs() {
  for _ in $(seq "$runs"); do time_ms "$bin" load "$ledger"; done
}

if ! command -v soffice >/dev/null; then
  ours=$(zhibu_runs | median)
  echo "P2 zhibu load of $members members: ${ours} ms (median of $runs)"
  echo "LibreOffice is not installed here: no comparison (apt-get install libreoffice-calc-nogui)."
  exit 0
fi

# A profile of its own, made by one run not counted, so the first timed
# run does not pay for creating it and no running LibreOffice is reused.
profile="file://$work/lo-profile"
lo_convert() {
  soffice "-env:UserInstallation=$profile" --headless --convert-to csv --outdir "$work/csv" "$xlsx"
}
lo_convert >/dev/null 2>&1 || true
if ! ls "$work"/csv/*.csv >/dev/null 2>&1; then
  echo "LibreOffice did not convert the workbook; no comparison." >&2
  exit 1
fi

# Alternate the two so that noise on this shared machine falls on both.
: >"$work/ours" && : >"$work/check" && : >"$work/lo"
for _ in $(seq "$runs"); do
  time_ms "$bin" load "$ledger" >>"$work/ours"
  time_ms "$bin" check "$ledger" >>"$work/check"
  time_ms lo_convert >>"$work/lo"
done
ours=$(median <"$work/ours")
check=$(median <"$work/check")
lo=$(median <"$work/lo")
ratio() { awk -v a="$lo" -v b="$1" 'BEGIN { printf "%.1f", a / b }'; }
echo "P2 LibreOffice xlsx → csv of the branch's workbook: ${lo} ms (medians of $runs)"
echo "   zhibu load of the $members-member ledger: ${ours} ms, $(ratio "$ours")× faster (goal ≥ 20×)"
echo "   zhibu check (load + checklist + every stage's checks): ${check} ms, $(ratio "$check")× faster"
