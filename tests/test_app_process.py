"""The real program in a pseudo-terminal: start, keys, signals, as over SSH."""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from growthlog.store.api import Store

pytestmark = pytest.mark.slow


class Terminal:
    """``growthlog`` running on a pty of 120×35; what it prints is collected as text."""

    started: list["Terminal"] = []
    """Every one a test started: the fixture below ends those a failing test left running."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 35, 120, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "growthlog", *args],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True,
        )
        os.close(slave)
        self.output = b""
        Terminal.started.append(self)

    def read_until(self, needle: str, timeout: float = 20.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle.encode() in self.output:
                return True
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    return needle.encode() in self.output
        return False

    def drain(self, seconds: float) -> None:
        self.read_until("\x00never\x00", timeout=seconds)

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def quit(self, timeout: float = 20.0) -> int:
        """ctrl+q, reading what the app prints meanwhile (a full pty would block its writes)."""
        self.type("\x11")
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.drain(0.2)
        return self.wait(timeout=1.0)

    def wait(self, timeout: float = 20.0) -> int:
        try:
            return self.process.wait(timeout=timeout)
        finally:
            os.close(self.master)


@pytest.fixture(autouse=True)
def no_app_left_running():
    """A test that fails midway leaves its app on a pty nobody reads: end it, as a user would."""
    yield
    while Terminal.started:
        terminal = Terminal.started.pop()
        if terminal.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(terminal.process.pid, signal.SIGKILL)
            terminal.process.wait(5)


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "LANG": "en_US.UTF-8",
        "GROWTHLOG_CONFIG": str(tmp_path / "none.toml"),
        "GROWTHLOG_DB": str(tmp_path / "mine.db"),
        "XDG_CONFIG_DIRS": str(tmp_path / "no-system-config"),
    }


def test_demo_opens_sample_data_and_never_touches_the_users_database(env, tmp_path):
    terminal = Terminal(["--demo"], env)
    assert terminal.read_until("Logging streak"), terminal.output[-2000:]
    terminal.drain(1.0)
    terminal.type("\x11")  # ctrl+q
    assert terminal.wait() == 0
    assert not (tmp_path / "mine.db").exists()


def test_interface_in_chinese(env):
    terminal = Terminal(["--lang", "zh"], env)
    assert terminal.read_until("今天的记录"), terminal.output[-2000:]
    terminal.type("\x11")
    assert terminal.wait() == 0


def test_hang_up_keeps_what_the_editor_holds(env, tmp_path):
    # Automatic draft saves are far apart here: only the hang-up handler can keep the text.
    Path(env["GROWTHLOG_CONFIG"]).write_text("draft_interval = 60\n", encoding="utf-8")
    terminal = Terminal([], env)
    assert terminal.read_until("Today's entries")
    terminal.drain(0.5)
    terminal.type("\x1b")  # leave the capture line
    terminal.drain(0.3)
    terminal.type("p")
    assert terminal.read_until("New entry")
    terminal.drain(0.3)
    terminal.type("断线前没保存的反思")
    terminal.drain(0.5)
    os.killpg(terminal.process.pid, signal.SIGHUP)
    terminal.wait()
    store = Store.open(tmp_path / "mine.db")
    try:
        assert [d.data["title"] for d in store.list_drafts()] == ["断线前没保存的反思"]
    finally:
        store.close()

    # The next start offers it back.
    again = Terminal([], env)
    assert again.read_until("unsaved draft"), again.output[-2000:]
    again.type("\x11")
    again.wait()


def test_what_a_second_process_writes_appears_within_two_seconds(env, tmp_path):
    # A colleague's `growthlog add` on the same database, while this app sits on Today with
    # half a sentence in its capture line.
    terminal = Terminal([], env)
    assert terminal.read_until("Today's entries"), terminal.output[-2000:]
    terminal.drain(0.5)
    terminal.type("还没写完")
    assert terminal.read_until("还没写完")
    colleague = {**env, "GROWTHLOG_CONFIG": str(tmp_path / "colleague.toml")}
    (tmp_path / "colleague.toml").write_text('author = "王芳"\n', encoding="utf-8")
    written = subprocess.run(
        [sys.executable, "-m", "growthlog", "add", "同事写的渠道复盘"], env=colleague, capture_output=True, text=True, timeout=30
    )
    assert written.returncode == 0, written.stderr
    started = time.monotonic()
    assert terminal.read_until("同事写的渠道复盘", timeout=2.0), terminal.output[-3000:]
    assert time.monotonic() - started < 2.0
    assert terminal.read_until("王芳", timeout=2.0)  # two writers now: the list names them
    terminal.type("\r")  # what was being typed is still there, whole
    terminal.drain(1.0)
    terminal.type("\x11")
    assert terminal.wait() == 0
    store = Store.open(tmp_path / "mine.db")
    try:
        assert sorted(e.title for e in store.list_entries()) == ["同事写的渠道复盘", "还没写完"]
    finally:
        store.close()


def test_two_apps_saving_one_entry_meet_the_conflict_dialog(env, tmp_path):
    store = Store.open(tmp_path / "mine.db")
    from growthlog.models import Entry

    store.add_entry(Entry(day=store_today(), title="双十二活动"))
    store.close()
    colleague_env = {**env, "GROWTHLOG_CONFIG": str(tmp_path / "colleague.toml")}
    (tmp_path / "colleague.toml").write_text('author = "王芳"\n', encoding="utf-8")
    mine, theirs = Terminal([], env), Terminal([], colleague_env)
    for terminal in (mine, theirs):
        assert terminal.read_until("Today's entries"), terminal.output[-2000:]
        terminal.drain(0.5)
        terminal.type("\x1b")
        terminal.drain(0.3)
        terminal.type("2")
        assert terminal.read_until("1 entry")
        terminal.drain(0.3)
        terminal.type("e")
        assert terminal.read_until("Edit entry")
        terminal.drain(0.5)
    theirs.type("双十二活动：主会场")  # the title is selected when the editor opens: typing replaces it
    theirs.drain(0.3)
    theirs.type("\x13")  # ctrl+s
    assert theirs.read_until("Saved")
    mine.type("双十二活动：支付页")
    mine.drain(0.3)
    mine.type("\x13")
    assert mine.read_until("saved this entry while you were editing it"), mine.output[-3000:]
    assert mine.read_until("王芳")
    mine.type("b")
    assert mine.read_until("and saved yours as a copy")  # the terminal may get words one by one
    for terminal in (mine, theirs):
        assert terminal.quit() == 0
    store = Store.open(tmp_path / "mine.db")
    try:
        assert sorted(e.title for e in store.list_entries()) == ["双十二活动：主会场", "双十二活动：支付页"]
    finally:
        store.close()


def store_today():
    import datetime as dt

    return dt.date.today()
