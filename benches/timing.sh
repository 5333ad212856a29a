# Shared by the whole-process benchmarks (p2a_open.sh, p2b_libreoffice.sh):
# source it from the project's folder. Sets BIN (the release zhibu, built
# here unless BIN is given) and work (a temporary folder, removed on exit).

if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --bin zhibu
  BIN=$PWD/target/release/zhibu
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Milliseconds (three decimals) one run of a command takes, output ignored.
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  awk -v d=$((end - start)) 'BEGIN { printf "%.3f\n", d / 1e6 }'
}

# The median of the numbers on standard input, one a line.
median() {
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
