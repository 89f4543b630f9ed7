"""What the store says when the database cannot be used: each kind told apart, with its cause.

Full disks are real where the tests run as root (a 512 KB tmpfs) and made with SQLite's own page
limit otherwise; read-only and permission cases run growthlog as a second OS user (root ignores
file modes), created when the tests run as root and skipped otherwise.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import textwrap
import threading
from pathlib import Path

import pytest

import osusers
from growthlog.models import Entry
from growthlog.store.api import Store
from growthlog.store import db as dbmod
from growthlog.store.db import StoreError, open_database
from growthlog.store.errors import describe

DAY = dt.date(2026, 11, 20)


def entry(title: str = "复盘", body: str = "") -> Entry:
    return Entry(day=DAY, title=title, body=body)


def sqlite_error(code: int, message: str = "boom") -> sqlite3.Error:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    return error


# --- kinds from SQLite's codes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind"),
    [(5, "locked"), (6, "locked"), (13, "disk_full"), (26, "not_database"), (11, "damaged"), (1, "other")],
)
def test_result_codes_become_kinds(tmp_path, code, kind):
    path = tmp_path / "g.db"
    open_database(path).close()
    error = describe(sqlite_error(code), str(path))
    assert error.kind == kind
    if kind != "not_database":
        assert "not a growthlog database" not in str(error)


def test_a_bad_file_is_not_a_database(tmp_path):
    path = tmp_path / "g.db"
    path.write_bytes(b"this is a shopping list, not a database " * 50)
    with pytest.raises(StoreError) as raised:
        open_database(path)
    assert raised.value.kind == "not_database"
    assert "not a growthlog database" in str(raised.value)


def test_a_newer_schema_is_its_own_kind(tmp_path):
    path = tmp_path / "g.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError) as raised:
        open_database(path)
    assert raised.value.kind == "newer_schema"
    assert "newer growthlog" in str(raised.value)


# --- a full disk -----------------------------------------------------------------------------------


def assert_full_and_intact(store: Store, raised: StoreError) -> None:
    assert raised.kind == "disk_full", raised
    assert "full" in str(raised)
    assert "rollback" not in str(raised) and "not a growthlog database" not in str(raised)
    assert [e.title for e in store.list_entries()] == ["before"]


def test_a_full_database_says_full_not_cannot_rollback(tmp_path):
    store = Store.open(tmp_path / "g.db")
    try:
        store.add_entry(entry("before"))
        with store.db.write() as conn:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(StoreError) as raised:
            store.add_entry(entry("too big", "增长" * 200_000))
        assert_full_and_intact(store, raised.value)
        # The transaction was rolled back cleanly: the next small write works.
        with store.db.write() as conn:
            conn.execute("PRAGMA max_page_count = 1073741823")
        store.add_entry(entry("after"))
        assert [e.title for e in store.list_entries()] == ["after", "before"]
    finally:
        store.close()


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 512 KB file system (root only)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs")
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)]).returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk_says_full(tiny_disk):
    store = Store.open(tiny_disk / "g.db")
    try:
        store.add_entry(entry("before"))
        with pytest.raises(StoreError) as raised:
            for number in range(50):
                store.add_entry(entry(f"bulk {number}", "数据" * 40_000))
        # Whatever got in before the disk filled stays; nothing is half written.
        stored = [e.title for e in store.list_entries(limit=100)]
        assert raised.value.kind == "disk_full", raised.value
        assert "rollback" not in str(raised.value) and "not a growthlog database" not in str(raised.value)
        assert stored[-1] == "before"
    finally:
        store.close()


# --- locked past the timeout -----------------------------------------------------------------------


def test_a_write_locked_past_the_timeout_says_busy(tmp_path, monkeypatch):
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "g.db"
    store = Store.open(path)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreError) as raised:
            store.add_entry(entry())
        assert raised.value.kind == "locked"
        assert "busy" in str(raised.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.close()


# --- threads -------------------------------------------------------------------------------------


def test_each_thread_reads_through_its_own_connection(store):
    store.add_entry(entry())
    seen = []

    def read():
        with store.db.read() as conn:
            seen.append(id(conn))

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    read()
    assert len(set(seen)) == 4


def test_reads_run_while_another_thread_holds_the_write_lock(store):
    """A long write (an import) does not stop the screens reading."""
    store.add_entry(entry("already there"))
    inside = threading.Event()
    release = threading.Event()

    def long_write():
        with store.db.write() as conn:
            conn.execute("INSERT INTO drafts (key, data, saved_at) VALUES ('x', '{}', '')")
            inside.set()
            release.wait(5)

    writer = threading.Thread(target=long_write)
    writer.start()
    assert inside.wait(5)
    try:
        titles = [e.title for e in store.list_entries()]  # would wait for the lock with one connection
        assert titles == ["already there"]
    finally:
        release.set()
        writer.join()


@pytest.fixture
def two_stores(tmp_path):
    """Two stores on one file, as two processes would hold it."""
    path = tmp_path / "g.db"
    store = Store.open(path)
    other = Store.open(path)
    yield store, other
    other.close()
    store.close()


def test_a_snapshot_sees_one_moment(two_stores):
    store, other = two_stores
    store.add_entry(entry("first"))
    with store.snapshot():
        before = store.count_entries()
        other.add_entry(entry("second"))
        assert store.count_entries() == before == 1
    assert store.count_entries() == 2


def test_changed_reports_other_processes_writes_only(two_stores):
    store, other = two_stores
    assert store.changed() is False  # the first call notes where things stand
    assert store.changed() is False
    store.add_entry(entry("mine"))
    assert store.changed() is False  # the app announces its own writes itself
    other.add_entry(entry("theirs"))
    assert store.changed() is True
    assert store.changed() is False


# --- read-only and permission denied, as another user ----------------------------------------------

PROBE = textwrap.dedent(
    """
    import datetime as dt, sys
    from growthlog.models import Entry
    from growthlog.store.api import Store
    from growthlog.store.db import StoreError
    try:
        store = Store.open(sys.argv[1])
        store.list_entries()
        store.add_entry(Entry(day=dt.date(2026, 11, 20), title="x"))
        print("ok")
    except StoreError as error:
        print(error.kind, error, sep="|")
    """
)


@pytest.fixture
def member(tmp_path):
    """A second OS user and a folder both of us can reach."""
    osusers.ensure_user(f"{osusers.PREFIX}1")
    folder = osusers.shared_folder(tmp_path)
    return f"{osusers.PREFIX}1", folder


def probe(user: str, folder: Path, db: Path) -> tuple[str, str]:
    script = folder / "probe.py"
    script.write_text(PROBE, encoding="utf-8")
    script.chmod(0o644)
    result = osusers.run_as(user, [str(script), str(db)], home=folder, env={"PYTHONPATH": str(osusers.PROJECT / "tui")})
    assert result.returncode == 0, result.stderr
    kind, _, message = result.stdout.strip().partition("|")
    return kind, message


def made_by(user: str, folder: Path) -> Path:
    """A valid database made by ``user`` in its own subfolder of ``folder``."""
    own = folder / user
    own.mkdir()
    os.chown(own, *osusers.ids(user))
    assert probe(user, folder, own / "g.db")[0] == "ok"
    return own / "g.db"


def test_a_read_only_file_says_read_only(member):
    user, folder = member
    db = made_by(user, folder)
    db.chmod(0o444)
    kind, message = probe(user, folder, db)
    assert kind == "read_only", message
    assert "read-only" in message and "not a growthlog database" not in message


def test_a_read_only_folder_says_so(member):
    user, folder = member
    db = made_by(user, folder)
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.parent.chmod(0o555)
    kind, message = probe(user, folder, db)
    assert kind == "read_only", message
    assert f"the folder {db.parent} is read-only" in message and "not a growthlog database" not in message


def test_someone_elses_private_database_says_whose_it_is(member):
    user, folder = member
    private = folder / "private"
    private.mkdir(mode=0o700)
    open_database(private / "g.db").close()  # root's, 0600 in 0700
    kind, message = probe(user, folder, private / "g.db")
    assert kind == "permission", message
    assert "owner root" in message and "growthlog init --group" in message
