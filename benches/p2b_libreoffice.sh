#!/usr/bin/env bash
# P2b (issue 23): opening a ledger against the tool a secretary would use
# instead. `zhibu load` of the demo branch's ledger (start, read, check
# its checksum, parse every record, as the window's open does) against
# LibreOffice headless opening a workbook that holds the same records —
# every roster field, session, attendance mark, make-up, analysis draft
# with all its parts, talk card, opinion and commitment, written by
# benches/p2b_workbook.rs — and converting it (`--convert-to csv`).
# Whole processes timed from outside, alternating, medians of RUNS (7).
# Goal: zhibu ≥ 20× faster, at 600 members.
#
#   bash benches/p2b_libreoffice.sh [MEMBERS]   (default 600; RUNS=7;
#     BIN=zhibu's path to skip its build, WRITER=the built p2b_workbook's)
#
# Where LibreOffice is not installed, only our side is timed (install
# libreoffice-calc-nogui for the comparison).
set -euo pipefail
cd "$(dirname "$0")/.."

members=${1:-600}
runs=${RUNS:-7}
. benches/timing.sh # BIN, work, time_ms, median
if [ -n "${WRITER:-}" ]; then
  "$WRITER" "$members" "$work"
else
  cargo bench --quiet --bench p2b_workbook -- "$members" "$work"
fi
ledger="$work/支部台账.ron"
xlsx="$work/支部台账.xlsx"
"$BIN" load "$ledger" >/dev/null # refuses to time a file it cannot open

if ! command -v soffice >/dev/null; then
  : >"$work/ours"
  for _ in $(seq "$runs"); do time_ms "$BIN" load "$ledger" >>"$work/ours"; done
  echo "P2b zhibu load of $members members: $(median <"$work/ours") ms (median of $runs)"
  echo "LibreOffice is not installed here: no comparison (apt-get install libreoffice-calc-nogui)."
  exit 0
fi

# A profile of its own, made by one run not counted, so that the first
# timed run does not pay for creating it and no running LibreOffice is
# reused.
profile="file://$work/lo-profile"
lo_convert() {
  soffice "-env:UserInstallation=$profile" --headless --convert-to csv --outdir "$work/csv" "$xlsx"
}
lo_convert >/dev/null 2>&1 || true
if ! ls "$work"/csv/*.csv >/dev/null 2>&1; then
  echo "LibreOffice did not convert the workbook; no comparison." >&2
  exit 1
fi
time_ms "$BIN" load "$ledger" >/dev/null

: >"$work/ours" && : >"$work/lo"
for _ in $(seq "$runs"); do
  time_ms "$BIN" load "$ledger" >>"$work/ours"
  time_ms lo_convert >>"$work/lo"
done
ours=$(median <"$work/ours")
lo=$(median <"$work/lo")
awk -v m="$members" -v o="$ours" -v l="$lo" -v r="$runs" 'BEGIN {
  printf "P2b %d members: zhibu load %.1f ms, LibreOffice open + convert of the same records %.1f ms: %.1f× faster (goal ≥ 20×; medians of %d)\n",
    m, o, l, l / o, r }'
