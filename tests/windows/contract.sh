#!/usr/bin/env bash
# CI, Windows: cross-builds the Windows package (.ci/package.sh windows),
# checks the two exes' PE headers (the window's program GUI subsystem, the
# command line's console; both with the icon and version information) and
# runs the command line's contract under wine: demo, check, import-members
# with a save and a second save over it (ReplaceFileW), print, export,
# county, a broken pipe, a held lock, and the window's program opening its
# window (Xvfb, Mesa) under wine — with OpenGL, and with Mesa reporting
# OpenGL 1.1 only, through wgpu. Paths have Chinese, spaces and '&'.
# Installs what a fresh machine lacks (mingw-w64, wine, the Rust target).
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64)
command -v wine >/dev/null || need+=(wine wine64)
command -v xvfb-run >/dev/null || need+=(xvfb xauth)
command -v unzip >/dev/null || need+=(unzip)
# The window's fallback under wine: wgpu on Vulkan (winevulkan → Mesa's lavapipe).
ldconfig -p | grep -q 'libvulkan.so.1\b' || need+=(libvulkan1)
[ -e /usr/share/vulkan/icd.d/lvp_icd.x86_64.json ] || need+=(mesa-vulkan-drivers)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
rustup target list --installed | grep -qx x86_64-pc-windows-gnu || rustup target add x86_64-pc-windows-gnu

started=$SECONDS
zip=$(bash .ci/package.sh windows)
echo "built $zip in $((SECONDS - started)) s"
work=$(mktemp -d)
trap 'wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
unzip -q "$zip" -d "$work"
dir="$work/$(basename "$zip" .zip)"
ls -l "$dir"
for f in 支部台账.exe zhibu.exe 使用说明.txt; do
  [ -s "$dir/$f" ] || { echo "FAIL: $f missing from the package"; exit 1; }
done

fail() { echo "FAIL: $*"; exit 1; }
expect() { # expect WHAT TEXT PATTERN
  grep -q -- "$3" <<<"$2" || { printf '%s\n' "$2" | head -n 20; fail "$1: no “$3”"; }
}

gui=$(python3 tests/windows/pe.py "$dir/支部台账.exe")
console=$(python3 tests/windows/pe.py "$dir/zhibu.exe")
echo "支部台账.exe: $gui; zhibu.exe: $console"
[ "$gui" = "gui icon version" ] || fail "支部台账.exe should be GUI subsystem with icon and version: $gui"
[ "$console" = "console icon version" ] || fail "zhibu.exe should be console subsystem with icon and version: $console"

# A wine prefix of our own, with the stand-in bcryptprimitives.dll that
# wine 8 lacks (a test shim: see bcryptprimitives.c).
export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LANG=C.UTF-8 LC_ALL=C.UTF-8
wineboot -i >/dev/null 2>&1 || true
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  tests/windows/bcryptprimitives.c tests/windows/bcryptprimitives.def -ladvapi32

U="$WINEPREFIX/drive_c/台账 & 测试"
W='C:\台账 & 测试'
mkdir -p "$U"
zw() { wine "$dir/zhibu.exe" "$@"; }

out=$(zw --version)
expect "--version" "$out" "zhibu $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"

out=$(zw demo --out "$W\\示例.ron" --members 30)
expect demo "$out" "已生成示例支部台账"
[ -s "$U/示例.ron" ] || fail "demo wrote no file"

out=$(zw check "$W\\示例.ron")
expect check "$out" "党员对照检查清单（在册 29 人，另有 1 名党员转出"

# Two roster sheets: the first adds two members (the first save of the
# file by import), the second one more (a save over it: ReplaceFileW).
printf '姓名,性别,出生日期,入党时间\r\n陈晓梅,女,1980-05-06,2005-07-01\r\n刘建国,男,1975-11-20,2001-06-30\r\n' > "$U/名册一.csv"
printf '姓名,性别,出生日期,入党时间\r\n赵丽华,女,1990-01-15,2015-07-01\r\n' > "$U/名册二.csv"
out=$(zw import-members "$W\\示例.ron" "$W\\名册一.csv")
expect "import 1" "$out" "已新增 2 名"
out=$(zw import-members "$W\\示例.ron" "$W\\名册二.csv")
expect "import 2" "$out" "已新增 1 名"
out=$(zw check "$W\\示例.ron")
expect "check after imports" "$out" "党员对照检查清单（在册 32 人"
expect "check after imports" "$out" "赵丽华"
ls "$U/backups" | grep -q . || fail "no backup beside the ledger"
ls "$U" | grep -q '\.tmp' && fail "a temp file was left beside the ledger"

zw print checklist "$W\\示例.ron" --out "$W\\清单 & 名单.pdf" >/dev/null
head -c 5 "$U/清单 & 名单.pdf" | grep -q '%PDF-' || fail "print wrote no PDF"

zw export "$W\\示例.ron" --out-dir "$W\\导出" >/dev/null
ls "$U/导出" | grep -q '\.zhibu-export\.ron$' || fail "export wrote no export file"
ls "$U/导出" | grep -q '\.xlsx$' || fail "export wrote no workbook"

out=$(zw county "$W\\导出" --out "$W\\汇总.xlsx")
expect county "$out" "已生成县级汇总表：1 个支部"
[ -s "$U/汇总.xlsx" ] || fail "county wrote no workbook"

# A broken pipe: more output than a pipe holds, its reader gone after a line.
zw demo --out "$W\\大支部.ron" --members 1000 >/dev/null
set +o pipefail
zw check "$W\\大支部.ron" 2>"$work/err" | head -n 1 >/dev/null
set -o pipefail
if grep -q -e panicked -e 'failed printing' "$work/err"; then cat "$work/err"; fail "check | head panicked"; fi
# County with its reader gone before the first line still writes the roll-up.
set +o pipefail
zw county "$W\\导出" --out "$W\\汇总二.xlsx" 2>"$work/err" | true
set -o pipefail
if grep -q -e panicked -e 'failed printing' "$work/err"; then cat "$work/err"; fail "county | true panicked"; fi
[ -s "$U/汇总二.xlsx" ] || fail "county | true wrote no workbook"

# The window's program prints too, into a pipe it is given.
out=$(wine "$dir/支部台账.exe" check "$W\\示例.ron")
expect "支部台账.exe check" "$out" "党员对照检查清单（在册 32 人"

# A lock held by the command line: a second writer is refused, and told who.
wine "$dir/zhibu.exe" hold-lock "$W\\示例.ron" >"$work/hold" 2>&1 &
holder=$!
for _ in $(seq 1 100); do grep -q locked "$work/hold" && break; sleep 0.1; done
grep -q locked "$work/hold" || fail "hold-lock did not lock"
if zw import-members "$W\\示例.ron" "$W\\名册二.csv" >"$work/out" 2>"$work/err"; then
  fail "import-members went on while the ledger was locked"
fi
expect "locked" "$(cat "$work/err")" "命令行（zhibu，进程 "
expect "locked" "$(cat "$work/err")" "在使用此台账"
kill "$holder" 2>/dev/null || true
wineserver -k 2>/dev/null || true
wait "$holder" 2>/dev/null || true

# The window opens under wine (OpenGL through winex11 to Mesa on Xvfb).
out=$(xvfb-run -a -s "-screen 0 1366x768x24" wine "$dir/支部台账.exe" --smoke-frames 3 "$W\\示例.ron" 2>&1) \
  || { printf '%s\n' "$out" | tail -n 20; fail "the window did not open under wine"; }
expect "window under wine" "$out" "first frame after"
echo "$out" | grep "first frame"
# With Mesa reporting OpenGL 1.1 only (a PC without a graphics driver)
# OpenGL cannot be used; the window opens with wgpu instead.
out=$(MESA_GL_VERSION_OVERRIDE=1.1 xvfb-run -a -s "-screen 0 1366x768x24" wine "$dir/支部台账.exe" --smoke-frames 3 "$W\\示例.ron" 2>&1) \
  || { printf '%s\n' "$out" | tail -n 20; fail "no window under wine with OpenGL 1.1"; }
expect "window under wine with OpenGL 1.1" "$out" "first frame after .* (wgpu"
echo "$out" | grep -e "first frame" -e "无法使用"

echo "windows: package, PE headers and the command line under wine: all passed"
