#!/usr/bin/env bash
# P2a (issue 23): opening a ledger against the physical floor. `zhibu load`
# (start the program, read the file, check its checksum, parse every
# record, as the window's open does) against `openssl dgst -sha256` of the
# same file (start, read, hash with the CPU's SHA instructions), whole
# processes timed from outside, alternating, medians of RUNS (7). At the
# 600- and 6,000-member demo ledgers. Goals: load ≤ 4× openssl at both
# sizes; 10× the data ≤ 11× the time (per-MB time flat).
#
#   bash benches/p2a_open.sh            (RUNS=7; BIN=path to skip the build)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-7}
. benches/timing.sh # BIN, work, time_ms, median

declare -A load_ms mb
for members in 600 6000; do
  ledger="$work/台账-$members.ron"
  "$BIN" demo --members "$members" --out "$ledger" >/dev/null
  "$BIN" load "$ledger" >/dev/null # refuses to time a file it cannot open
  : >"$work/ours" && : >"$work/floor"
  # One untimed run of each first, so both read from the page cache.
  time_ms "$BIN" load "$ledger" >/dev/null
  time_ms openssl dgst -sha256 "$ledger" >/dev/null
  for _ in $(seq "$runs"); do
    time_ms "$BIN" load "$ledger" >>"$work/ours"
    time_ms openssl dgst -sha256 "$ledger" >>"$work/floor"
  done
  ours=$(median <"$work/ours")
  floor=$(median <"$work/floor")
  size=$(stat -c %s "$ledger")
  load_ms[$members]=$ours
  mb[$members]=$(awk -v s="$size" 'BEGIN { printf "%.2f", s / 1048576 }')
  awk -v m="$members" -v o="$ours" -v f="$floor" -v mb="${mb[$members]}" -v r="$runs" 'BEGIN {
    printf "P2a %5d members, %7.2f MB: zhibu load %8.1f ms, openssl dgst -sha256 %7.1f ms: %.2f× (goal ≤ 4×); %.2f ms/MB (medians of %d)\n",
      m, mb, o, f, o / f, o / mb, r }'
done
awk -v a="${load_ms[600]}" -v b="${load_ms[6000]}" -v ma="${mb[600]}" -v mb="${mb[6000]}" 'BEGIN {
  printf "P2a 6,000 vs 600 members: %.1f× the data took %.1f× the time (goal ≤ 11× for 10×); per MB %.2f×\n",
    mb / ma, b / a, (b / mb) / (a / ma) }'
