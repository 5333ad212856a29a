#!/usr/bin/env bash
# Starts the real program on a demo ledger in a virtual X display, lets it
# render some frames and checks that it exits cleanly and printed its first
# frame. Used by .ci/run; needs Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'kill "${xpid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
./target/release/zhibu demo --out "$work/示例支部.ron" --members 60
d=99
while [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ]; do d=$((d+1)); done
Xvfb :$d -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
for _ in $(seq 50); do [ -e /tmp/.X11-unix/X$d ] && break; sleep 0.1; done
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
# Offline by promise: under strace (when installed) every socket the window
# opens is logged, and any internet socket (AF_INET/AF_INET6) fails the run.
# X11, Wayland and D-Bus use local AF_UNIX sockets, which are fine.
trace=()
command -v strace >/dev/null && trace=(strace -f -qq -e trace=socket,connect,sendto,bind -o "$work/net.log")
out=$(DISPLAY=:$d LIBGL_ALWAYS_SOFTWARE=1 timeout 120 "${trace[@]}" ./target/release/zhibu "$work/示例支部.ron" --smoke-frames 30 2>&1) || {
  echo "$out"; echo "smoke run failed"; exit 1; }
if [ ${#trace[@]} -gt 0 ]; then
  if grep -E 'AF_INET6?|PF_INET6?' "$work/net.log"; then echo "the program opened an internet socket"; exit 1; fi
  echo "no network: $(grep -c . "$work/net.log") socket calls, none to the internet"
else
  echo "no network: not checked (strace not installed)"
fi
echo "$out" | grep -q "first frame after" || { echo "$out"; echo "no frame was rendered"; exit 1; }
./target/release/zhibu check "$work/示例支部.ron" >/dev/null
echo "$out" | grep "first frame after"
# Where OpenGL cannot be had (here: Mesa's EGL and GL drivers hidden, as
# on a PC without a graphics driver) the window opens with wgpu (Vulkan,
# here Mesa's lavapipe) instead.
out=$(DISPLAY=:$d __EGL_VENDOR_LIBRARY_FILENAMES=/nonexistent.json LIBGL_DRIVERS_PATH=/nonexistent MESA_LOADER_DRIVER_OVERRIDE=none \
  timeout 120 ./target/release/zhibu "$work/示例支部.ron" --smoke-frames 5 2>&1) || {
  echo "$out"; echo "no window without OpenGL"; exit 1; }
echo "$out" | grep -q "first frame after .* (wgpu" || { echo "$out"; echo "no wgpu frame without OpenGL"; exit 1; }
echo "$out" | grep "first frame after"
# P4 (BENCHMARKS.md): peak memory of a cold start to the first frames,
# where GNU time is installed (Debian package `time`).
if [ -x /usr/bin/time ]; then
  DISPLAY=:$d LIBGL_ALWAYS_SOFTWARE=1 /usr/bin/time -f "peak memory %M KiB" ./target/release/zhibu "$work/示例支部.ron" --smoke-frames 5 2>&1 | grep -E "first frame after|peak memory" || true
fi
