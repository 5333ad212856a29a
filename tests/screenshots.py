#!/usr/bin/python3
"""The README's screenshots, taken from the real window.

The release build runs under Xvfb at 1366×768 (a laptop's screen, the
window filling it), is driven over the accessibility bus by the labels a
user reads (the project's AT-SPI driver, ../shared/tools/atspi_driver.py,
or the file named by ZHIBU_DRIVER), and each screen is saved as a PNG in
assets/screenshots/. The demo branch is set around today, as 打开示例支部
makes it, so the dates shown are this year's.

    cargo build --release
    /usr/bin/python3 tests/screenshots.py [--out DIR] [--only NAME ...]
        [--size 1024x600] [--scale 1.5]

Needs what the driver needs (Xvfb, dbus, at-spi2-core, python3-pyatspi,
xdotool, imagemagick). Not part of `cargo test`: it looks, it does not
check; look at every picture it writes.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DRIVER = os.environ.get("ZHIBU_DRIVER", os.path.join(ROOT, "..", "shared", "tools", "atspi_driver.py"))
sys.path.insert(0, os.path.dirname(os.path.abspath(DRIVER)))
import atspi_driver as A  # noqa: E402

BINARY = os.path.join(ROOT, "target", "release", "zhibu")
WIDTH, HEIGHT = 1366, 768
A.SCREEN = "%dx%dx24" % (WIDTH, HEIGHT)
ROSTER_SHEET = os.path.join(ROOT, "tests", "fixtures", "roster-sample.xlsx")


def demo(path, stage, members=36, number=0):
    subprocess.run([BINARY, "demo", "--stage", stage, "--members", str(members), "--number", str(number),
                    "--out", path], check=True, stdout=subprocess.DEVNULL)
    return path


class Row:
    """A click on the list row that holds this text."""

    def __init__(self, text):
        self.text = text


class Shots:
    def __init__(self, work, out, only):
        self.work, self.out, self.only = work, out, set(only or [])
        self.session = None

    def wanted(self, name):
        return not self.only or name in self.only

    def open(self, ledger):
        """The program on `ledger` (None: the start screen), in the one
        session: libatspi keeps to the first session bus it was given."""
        if self.session is None:
            self.session = A.Session(os.path.join(self.work, "gui"), binary=BINARY)
            self.session.start()
        elif self.session.running():
            self.session.close_window()
        self.session.open(ledger)
        self.fill_screen()

    def fill_screen(self):
        # No window manager under Xvfb: the window is placed and sized by
        # hand, as a maximised window on the laptop would be.
        s = self.session
        s.xdotool("windowmove", s.window(), 0, 0)
        s.xdotool("windowsize", s.window(), WIDTH, HEIGHT)
        time.sleep(1.0)
        s.settle()

    def shot(self, name, *clicks):
        if not self.wanted(name):
            return
        s = self.session
        for c in clicks:
            if isinstance(c, Row):
                c = self.row(c.text)
            s.click(c)
            s.settle()
        s.park_pointer()
        time.sleep(0.8)
        s.settle()
        path = os.path.join(self.out, name + ".png")
        s.screenshot(path)
        print(path)

    def row(self, text):
        """The name of the list row holding `text`: its cells' texts
        joined, the longest of the names that hold it."""
        return max((n.name for n in self.session.find_all(text, contains=True)), key=len)

    def stop(self):
        if self.session:
            self.session.stop()


def main():
    global WIDTH, HEIGHT
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=os.path.join(ROOT, "assets", "screenshots"))
    p.add_argument("--only", nargs="*")
    p.add_argument("--size", default="%dx%d" % (WIDTH, HEIGHT), help="the screen, e.g. 1024x600")
    p.add_argument("--scale", help="the scale factor, e.g. 1.5 (WINIT_X11_SCALE_FACTOR)")
    args = p.parse_args()
    WIDTH, HEIGHT = (int(x) for x in args.size.split("x"))
    A.SCREEN = "%dx%dx24" % (WIDTH, HEIGHT)
    if args.scale:
        os.environ["WINIT_X11_SCALE_FACTOR"] = args.scale
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="zhibu-shots-")
    appraisal = demo(os.path.join(work, "分析评议.ron"), "appraisal")
    rectification = demo(os.path.join(work, "整改提高.ron"), "rectification", number=1)
    exports = os.path.join(work, "各支部导出文件")
    for number in range(6):
        ledger = demo(os.path.join(work, "支部%d.ron" % number), "rectification" if number % 2 else "appraisal",
                      members=20 + 7 * number, number=number)
        subprocess.run([BINARY, "export", ledger, "--out-dir", exports, "--records"], check=True,
                       stdout=subprocess.DEVNULL)
    shots = Shots(work, args.out, args.only)
    try:
        shots.open(appraisal)
        s = shots.session
        shots.shot("overview", "概览")
        shots.shot("roster", "党员名册", Row("红星村党支部书记"))
        if shots.wanted("import"):
            s.click("党员名册")
            s.click("导入名册表格…")
            s.type_into("文件", ROSTER_SHEET, mode="set")
            s.click("读取")
            shots.shot("import")
            s.click("取消")
        shots.shot("sessions", "学习动员", "学习记录")
        if shots.wanted("attendance"):
            s.click("学习动员")
            s.click("学习记录")
            shots.shot("attendance", Row("学习“三个代表”重要思想概述"))
        shots.shot("matrix", "学习动员", "考勤总表")
        shots.shot("hours", "学习动员", "学时统计")
        shots.shot("appraisal-opinions", "分析评议", "征求意见")
        shots.shot("appraisal-talks", "分析评议", "谈心谈话")
        shots.shot("appraisal-analysis", "分析评议", "党性分析", Row("王立亮"))
        shots.shot("appraisal-meeting", "分析评议", "组织生活会")
        shots.shot("appraisal-results", "分析评议", "民主评议")
        shots.shot("appraisal-gate", "分析评议", "回头看")
        shots.shot("print", "打印")
        shots.shot("export", "导出")

        shots.open(rectification)
        shots.shot("rectification-commitments", "整改提高", "整改承诺")
        shots.shot("rectification-plan", "整改提高", "整改台账")
        shots.shot("rectification-survey", "整改提高", "满意度测评")
        shots.shot("rectification-summary", "整改提高", "工作总结")
        shots.shot("rectification-closing", "整改提高", "回头看与验收归档")

        if shots.wanted("county-rollup"):
            shots.open(None)
            s = shots.session
            if "关闭台账" in s.all_text():
                s.click("关闭台账")  # the last ledger opened again
            s.click("县级汇总")
            s.type_into("文件夹", exports, mode="set")
            s.click("添加此文件夹")
            time.sleep(2)
            shots.shot("county-rollup")
    finally:
        shots.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
