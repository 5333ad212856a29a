#!/usr/bin/env bash
# Checks that the fcitx5 input method keeps its state (pinyin, not English)
# when the focus moves from one text field to the next in the real window:
# Xvfb, a private session bus with the accessibility bus (to find the fields
# by their labels and read what they hold), fcitx5 with its pinyin engine
# over XIM, and the program on a demo ledger in the new-member form. Pinyin
# is switched on once in 民族; then "nihao" followed by a space is typed
# after a click into 学历, after Tab into 工作单位及职务 and after a click
# on a tick box and back into 民族; each field must then hold 你好, not
# "nihao". This is the path the patched egui-winit (patches/egui-winit)
# fixes: unpatched, winit's X11 backend replaced the input context on every
# focus change and fcitx5 fell back to English.
#
#   tests/ime.sh            builds the release program first
#   ZHIBU_BIN=path tests/ime.sh   checks that program instead (e.g. an unpatched build)
#
# Uses Debian's /usr/bin/python3 (python3-pyatspi), not a python3 from pyenv.
# Prints one line per step (field, fcitx5-remote's state: 1 inactive, 2
# active, and the field's text) and exits 1 if a field got latin letters.
# Installs what it needs with apt-get when missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v Xvfb >/dev/null || need+=(xvfb xauth)
command -v xdotool >/dev/null || need+=(xdotool)
command -v dbus-daemon >/dev/null || need+=(dbus-daemon)
command -v fcitx5 >/dev/null || need+=(fcitx5)
[ -e /usr/share/fcitx5/inputmethod/pinyin.conf ] || need+=(fcitx5-chinese-addons)
[ -x /usr/libexec/at-spi-bus-launcher ] || need+=(at-spi2-core)
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null || need+=(python3-pyatspi gir1.2-atspi-2.0)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
bin=${ZHIBU_BIN:-}
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin=target/release/zhibu
fi
bin=$(realpath "$bin")

work=$(mktemp -d)
pids=()
cleanup() {
  # Only what this script started, newest first.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/home" "$work/config/fcitx5" "$work/data" "$work/run"
chmod 700 "$work/run"
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run"
unset WAYLAND_DISPLAY AT_SPI_BUS_ADDRESS NO_AT_BRIDGE GTK_A11Y
"$bin" demo --out "$work/示例支部.ron" >/dev/null

d=120
while [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ]; do d=$((d + 1)); done
Xvfb :$d -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -e /tmp/.X11-unix/X$d ] && break; sleep 0.1; done
export DISPLAY=:$d
export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/run/bus"
dbus-daemon --session --nofork --address="$DBUS_SESSION_BUS_ADDRESS" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -e "$work/run/bus" ] && break; sleep 0.1; done
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do
  dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress >/dev/null 2>&1 && break
  sleep 0.1
done
# AccessKit's adapter wakes when the bus says an assistive technology runs.
for prop in IsEnabled ScreenReaderEnabled; do
  dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus org.freedesktop.DBus.Properties.Set \
    string:org.a11y.Status string:$prop variant:boolean:true >/dev/null
done

# fcitx5 with English and pinyin, each input context keeping its own state
# (fcitx5's default, ShareInputState=No: what a user has out of the box).
cat >"$work/config/fcitx5/profile" <<'EOF'
[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
EOF
fcitx5 --disable=cloudpinyin,wayland,waylandim,kimpanel,notificationitem \
  >"$work/fcitx5.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do fcitx5-remote >/dev/null 2>&1 && break; sleep 0.1; done
sleep 1

XMODIFIERS=@im=fcitx LIBGL_ALWAYS_SOFTWARE=1 "$bin" "$work/示例支部.ron" >"$work/zhibu.log" 2>&1 &
app=$!
pids+=($app)

status=0
APP_PID=$app /usr/bin/python3 - <<'EOF' || status=$?
import os, subprocess, sys, time
import pyatspi

pid = int(os.environ["APP_PID"])

def sh(*args):
    return subprocess.run([str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()

def app():
    end = time.time() + 40
    while time.time() < end:
        desk = pyatspi.Registry.getDesktop(0)
        for i in range(desk.childCount):
            a = desk.getChildAtIndex(i)
            try:
                if a is not None and a.get_process_id() == pid:
                    return a
            except Exception:
                pass
        time.sleep(0.3)
    sys.exit("the program never showed on the accessibility bus")

def find(name, roles):
    end = time.time() + 10
    while time.time() < end:
        q = [app()]
        while q:
            n = q.pop(0)
            try:
                if (n.name or "") == name and n.getRoleName() in roles:
                    return n
                q.extend(c for c in (n.getChildAtIndex(i) for i in range(n.childCount)) if c is not None)
            except Exception:
                pass
        time.sleep(0.3)
    sys.exit("no %s named %s" % ("/".join(roles), name))

ENTRY = ("entry", "text")

def press(name, roles=("push button", "toggle button", "link")):
    find(name, roles).queryAction().doAction(0)
    time.sleep(1)

def click(node):
    # A real pointer click: egui's request_focus, which interrupts the IME.
    x, y, w, h = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    sh("xdotool", "mousemove", x + w // 2, y + h // 2, "click", "1")
    time.sleep(0.7)

def text(name):
    t = find(name, ENTRY).queryText()
    return t.getText(0, -1)

def type_pinyin():
    sh("xdotool", "type", "--delay", "80", "nihao")
    time.sleep(0.5)
    sh("xdotool", "key", "space")
    time.sleep(0.8)

win = ""
end = time.time() + 30
while not win and time.time() < end:
    win = sh("xdotool", "search", "--onlyvisible", "--pid", pid).split("\n")[-1]
    time.sleep(0.3)
sh("xdotool", "windowfocus", "--sync", win)
app()
press("党员名册")
press("新增党员")

failed = False
def check(step, field):
    global failed
    got = text(field)
    ok = "你好" in got and "nihao" not in got
    failed |= not ok
    print("%-28s %-10s fcitx5-remote=%s  %r  %s" % (step, field, sh("fcitx5-remote"), got, "ok" if ok else "FAILED"))

click(find("民族", ENTRY))
sh("xdotool", "key", "ctrl+space")  # fcitx5's trigger key, as the user switches
time.sleep(0.5)
type_pinyin()
check("pinyin switched on, typed", "民族")
click(find("学历", ENTRY))
type_pinyin()
check("click into", "学历")
sh("xdotool", "key", "Tab")
time.sleep(0.7)
type_pinyin()
check("Tab into", "工作单位及职务")
click(find("党员领导干部", ("check box",)))
click(find("民族", ENTRY))
sh("xdotool", "key", "End")
type_pinyin()
check("tick box, click back into", "民族")
sys.exit(1 if failed else 0)
EOF
if [ $status -ne 0 ]; then
  echo "fcitx5 lost its state on a focus change (or the check could not run); logs:"
  tail -n 5 "$work/zhibu.log" "$work/fcitx5.log"
  exit 1
fi
echo "fcitx5 kept pinyin across text fields"
