#!/usr/bin/env bash
# Builds what a secretary downloads (see .ci/package/README.md):
#   bash .ci/package.sh windows   → dist/zhibu-<version>-windows-x64.zip
#   bash .ci/package.sh linux     → dist/zhibu-<version>-linux-x64.tar.gz
# The Windows one cross-builds with mingw-w64 (rustup target
# x86_64-pc-windows-gnu, Debian's gcc-mingw-w64-x86-64); the target folder
# is CARGO_TARGET_DIR as usual. Prints the package's path.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:?usage: package.sh windows|linux}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
target_dir=${CARGO_TARGET_DIR:-target}
mkdir -p dist
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

case "$kind" in
windows)
  name="zhibu-$version-windows-x64"
  export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=${CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER:-x86_64-w64-mingw32-gcc}
  cargo build --release --locked --target x86_64-pc-windows-gnu --bins >&2
  out="$target_dir/x86_64-pc-windows-gnu/release"
  mkdir "$stage/$name"
  cp "$out/zhibu.exe" "$stage/$name/支部台账.exe"
  cp "$out/zhibu-console.exe" "$stage/$name/zhibu.exe"
  # Notepad on every Windows 10 shows UTF-8 with a BOM; CRLF line breaks.
  { printf '\xef\xbb\xbf'; sed 's/$/\r/' .ci/package/使用说明-windows.txt; } > "$stage/$name/使用说明.txt"
  rm -f "dist/$name.zip"
  # Python's zipfile marks the names as UTF-8 (flag bit 11), which
  # Explorer, 7-Zip and WinRAR read; Info-ZIP's zip does not set it.
  python3 - "$stage" "$name" "dist/$name.zip" <<'PY'
import os, sys, zipfile
stage, name, out = sys.argv[1:]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for file in sorted(os.listdir(os.path.join(stage, name))):
        z.write(os.path.join(stage, name, file), f"{name}/{file}")
PY
  echo "dist/$name.zip"
  ;;
linux)
  name="zhibu-$version-linux-x64"
  cargo build --release --locked --bin zhibu >&2
  mkdir "$stage/$name"
  install -m 755 "$target_dir/release/zhibu" "$stage/$name/zhibu"
  install -m 755 .ci/package/安装.sh "$stage/$name/安装.sh"
  cp .ci/package/zhibu.desktop "$stage/$name/"
  cp assets/icon/zhibu.png "$stage/$name/"
  cp .ci/package/使用说明-linux.txt "$stage/$name/使用说明.txt"
  tar -C "$stage" -czf "dist/$name.tar.gz" "$name"
  echo "dist/$name.tar.gz"
  ;;
*)
  echo "usage: package.sh windows|linux" >&2
  exit 2
  ;;
esac
