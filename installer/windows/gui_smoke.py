"""The GUI smoke test of make test-windows: an officer's first minutes, in the real window.

The Windows program runs under Wine's X11 driver on an Xvfb screen. xdotool presses real keys
and clicks (Tab, Ctrl+N, Ctrl+S, Alt+6, Alt+F4); Vietnamese text is typed the way Unikey and
EVKey type it on Windows, as SendInput KEYEVENTF_UNICODE key presses (tools/sendtext.c), because
X key events cannot carry letters such as "ặ" into Qt under Wine reliably. Each step waits for
something it can see from outside: a window's title, the screen changing (a new page) and then
holding still (figures counted), a write to the database's WAL file after the save, the PDF on
disk. Screenshots of every step are kept in --out.

Steps: log in with the officer's password; Ctrl+N, type a child's name, sex and birth date,
Ctrl+S; Alt+6 (Báo cáo), Lưu PDF…, type the file name in Windows' save dialog; Alt+F4.
Afterwards make test-windows reads the register on Linux to find the child by name.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SCREEN = "1440x900x24"
LOGIN_TITLE = "đăng nhập"
MAIN_TITLE = "Sổ Trẻ Em — Xã"
SAVE_DIALOG_TITLE = "^Lưu báo cáo$"


class SmokeFailed(Exception):
    pass


def wait_for(what: str, check: Callable[[], object], timeout: float = 120) -> object:
    """Poll `check` until it returns something true; fail naming `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    raise SmokeFailed(f"gave up waiting for {what} after {timeout:.0f} s")


class Screen:
    """An Xvfb display, xdotool on it, and screenshots with ImageMagick's import."""

    def __init__(self, out: Path):
        self.out = out
        read, write = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
            pass_fds=[write], stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(write)
        with os.fdopen(read) as pipe:
            self.display = f":{pipe.readline().strip()}"
        os.environ["DISPLAY"] = self.display
        self.shots = 0

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=30)
        return done.stdout.strip()

    def window(self, title: str) -> str | None:
        found = self.xdotool("search", "--onlyvisible", "--name", title).split()
        return found[-1] if found else None

    def click(self, window: str, x: int, y: int) -> None:
        self.xdotool("mousemove", "--window", window, str(x), str(y), "click", "1")

    def keys(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "120", *keys)

    def type_ascii(self, text: str) -> None:
        self.xdotool("type", "--delay", "60", text)

    def pixels(self) -> bytes:
        return subprocess.run(["import", "-display", self.display, "-window", "root", "-depth",
                               "8", "rgb:-"], capture_output=True, check=True,
                              timeout=60).stdout  # fmt: skip

    def changed_rows(self, before: bytes, after: bytes) -> int:
        """Screen rows that differ: a blinking text cursor is a dozen, a new page hundreds."""
        row = len(before) // int(SCREEN.split("x")[1])
        return sum(before[i : i + row] != after[i : i + row] for i in range(0, len(before), row))

    def distinct_rows(self) -> int:
        """Distinct screen rows: ~150 while the register opens (an empty page), ~500 and more
        once the children list shows its rows of names."""
        pixels = self.pixels()
        row = len(pixels) // int(SCREEN.split("x")[1])
        return len({pixels[i : i + row] for i in range(0, len(pixels), row)})

    def wait_for_change(self, before: bytes, what: str, rows: int = 100) -> None:
        wait_for(what, lambda: self.changed_rows(before, self.pixels()) >= rows)

    def wait_until_still(self, what: str, seconds: float = 2.0, timeout: float = 120) -> None:
        """Until no more than a cursor's blink changes for `seconds` (work in the background
        such as counting a report's figures repaints whole areas when it is done)."""
        deadline = time.monotonic() + timeout
        last, since = self.pixels(), time.monotonic()
        while time.monotonic() - since < seconds:
            if time.monotonic() > deadline:
                raise SmokeFailed(f"the screen did not settle after {what}")
            time.sleep(0.5)
            now = self.pixels()
            if self.changed_rows(last, now) >= 40:
                since = time.monotonic()
            last = now

    def shot(self, name: str) -> Path:
        self.shots += 1
        path = self.out / f"{self.shots:02d}-{name}.png"
        subprocess.run(["import", "-display", self.display, "-window", "root", str(path)],
                       check=True, timeout=60)  # fmt: skip
        return path

    def close(self) -> None:
        self.xvfb.terminate()
        self.xvfb.wait(timeout=30)


def run(args: argparse.Namespace) -> None:
    args.out.mkdir(parents=True, exist_ok=True)
    screen = Screen(args.out)
    log = (args.out / "sotreem.log").open("wb")
    app = None
    try:
        app = subprocess.Popen([str(args.win), str(args.exe)], stdout=log, stderr=log,
                               stdin=subprocess.DEVNULL, cwd=args.out)  # fmt: skip

        def type_text(text: str) -> None:
            subprocess.run([str(args.win), str(args.sendtext), text], check=True, timeout=60,
                           stdout=subprocess.DEVNULL)  # fmt: skip

        # Log in: the account is chosen already; Tab to the password, type it, Enter.
        login = wait_for("the login window", lambda: screen.window(LOGIN_TITLE))
        screen.xdotool("windowfocus", login)
        screen.click(login, 20, 30)  # on the commune's name: a neutral spot that activates it
        screen.keys("Tab")
        screen.type_ascii(args.password)
        screen.shot("login")
        screen.keys("Return")
        main = wait_for("the main window", lambda: screen.window(MAIN_TITLE))
        wal = args.data / "sotreem.db-wal"
        wait_for("the register to open (its WAL file)", wal.exists)
        wait_for("the login window to close", lambda: screen.window(LOGIN_TITLE) is None)
        wait_for("the children list", lambda: screen.distinct_rows() >= 400)
        screen.wait_until_still("opening the children list")
        screen.click(main, 100, 600)  # the empty part of the page list: activates the window
        screen.shot("children")

        # A new child, typed in, saved: the save is seen as a write to the WAL file.
        def wal_state() -> tuple[int, int]:
            return wal.stat().st_size, wal.stat().st_mtime_ns

        before = wal_state()
        list_shown = screen.pixels()
        screen.keys("ctrl+n")
        screen.wait_for_change(list_shown, "the new child's form")
        type_text(args.name)
        screen.keys("Tab")
        type_text("Nữ")
        screen.keys("Tab")
        screen.type_ascii("15/03/2017")
        screen.shot("child-typed")
        screen.keys("ctrl+s")
        wait_for("the saved child (a write to the WAL file)", lambda: wal_state() != before)
        screen.shot("child-saved")

        # Báo cáo (Alt+6) opens on last month's figures with the focus on the kind of report;
        # Tab, Tab, Tab reaches Lưu PDF… once the figures are counted (disabled until then).
        pdf = args.out / "bao-cao-thang.pdf"
        dialog = None
        for attempt in range(3):
            if attempt:  # close whatever opened instead, go back to the children, try again
                screen.keys("Escape")
                elsewhere = screen.pixels()
                screen.keys("alt+1")
                screen.wait_for_change(elsewhere, "the children page")
            shown = screen.pixels()
            screen.keys("alt+6")
            screen.wait_for_change(shown, "the reports page")
            screen.wait_until_still("counting last month's figures")
            screen.keys("Tab", "Tab", "Tab", "space")
            try:
                dialog = wait_for(
                    "Windows' save dialog", lambda: screen.window(SAVE_DIALOG_TITLE), timeout=20
                )
                break
            except SmokeFailed:
                screen.shot("no-save-dialog")
        if dialog is None:
            raise SmokeFailed("the Lưu PDF… button did not open the save dialog")
        screen.shot("save-dialog")
        screen.keys("ctrl+a")
        type_text(windows_path(pdf))
        screen.keys("Return")
        wait_for("the monthly PDF", lambda: complete_pdf(pdf))
        wait_for("the save dialog to close", lambda: screen.window(SAVE_DIALOG_TITLE) is None)
        screen.wait_until_still("saving the PDF")
        kept = screen.shot("report")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout  # fmt: skip
        if "BÁO CÁO" not in text or "Bản Xèo" not in text:
            raise SmokeFailed(f"the PDF does not read as the commune's report:\n{text[:500]}")

        # Close the window as the officer does; the program must end by itself.
        screen.click(main, 100, 600)
        screen.keys("alt+F4")
        code = app.wait(timeout=120)
        if code != 0:
            raise SmokeFailed(f"the program ended with exit code {code}")
        print(f"logged in, saved {args.name}, wrote {pdf.name} ({pdf.stat().st_size} B), "
              f"closed; screenshot {kept}")  # fmt: skip
    except Exception:
        screen.shot("failure")
        raise
    finally:
        if app is not None and app.poll() is None:
            app.kill()
        log.close()
        screen.close()


def windows_path(path: Path) -> str:
    return "Z:" + str(path.resolve()).replace("/", "\\")


def complete_pdf(path: Path) -> bool:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return False
    return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exe", type=Path, required=True, help="sotreem.exe (a Linux path)")
    parser.add_argument("--win", type=Path, required=True, help="installer/windows/win")
    parser.add_argument("--sendtext", type=Path, required=True, help="tools/sendtext.exe")
    parser.add_argument("--data", type=Path, required=True, help="the register's folder")
    parser.add_argument("--out", type=Path, required=True, help="screenshots and the PDF")
    parser.add_argument("--name", required=True, help="the child's name to type")
    args = parser.parse_args()
    args.password = os.environ["SOTREEM_PASSWORD"]
    try:
        run(args)
    except SmokeFailed as exc:
        print(f"GUI smoke test failed: {exc} (screenshots in {args.out})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
