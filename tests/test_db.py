"""Opening the database: permissions, pragmas, schema versions, bad files, and several processes
at once."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlite_utils

from growthlog.models import Entry
from growthlog.store import db as dbmod
from growthlog.store import migrations
from growthlog.store.api import Store
from growthlog.store.db import SCHEMA_VERSION, StoreError, open_database
from growthlog.store.rows import add_row, insert_row, make_row

MIGRATION_NAMES = [m.name for m in migrations.migrations._migrations]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


# --- the file ------------------------------------------------------------------------------------


def test_new_file_is_private_and_its_new_folder_too(tmp_path, umask_022):
    path = tmp_path / "new" / "deeper" / "growthlog.db"
    db = open_database(path)
    try:
        with db.write() as conn:
            insert_row(conn, make_row(day="2026-11-20", kind="note", title="x", created="2026-11-20T09:00:00"))
        assert mode(path) == 0o600
        assert mode(path.parent) == 0o700
        wal = Path(str(path) + "-wal")
        assert wal.exists() and mode(wal) == 0o600
    finally:
        db.close()


def test_existing_file_keeps_its_mode(tmp_path, umask_022):
    path = tmp_path / "g.db"
    open_database(path).close()
    path.chmod(0o640)
    open_database(path).close()
    assert mode(path) == 0o640


def test_home_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    db = open_database("~/data/g.db")
    try:
        assert Path(db.path) == tmp_path / "data" / "g.db"
        assert (tmp_path / "data" / "g.db").exists()
    finally:
        db.close()


def test_pragmas(tmp_path):
    db = open_database(tmp_path / "g.db")
    try:
        with db.write() as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == dbmod.BUSY_TIMEOUT_MS >= 1000
        with db.read() as conn:
            assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == dbmod.BUSY_TIMEOUT_MS
            # Readers cannot write, by mistake or otherwise: writes take the one writer path.
            assert conn.execute("PRAGMA query_only").fetchone()[0] == 1
    finally:
        db.close()


def test_memory_database_has_the_schema(memory_store):
    with memory_store.db.read() as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


# --- schema versions -----------------------------------------------------------------------------


def test_schema_version_counts_the_migrations(tmp_path):
    assert SCHEMA_VERSION == len(MIGRATION_NAMES)
    assert len(set(MIGRATION_NAMES)) == len(MIGRATION_NAMES)
    path = tmp_path / "g.db"
    db = open_database(path)
    try:
        with db.read() as conn:
            utils = sqlite_utils.Database(conn)
            assert migrations.migrations.pending(utils) == []
            assert [m.name for m in migrations.migrations.applied(utils)] == MIGRATION_NAMES
    finally:
        db.close()
    assert user_version(path) == SCHEMA_VERSION


def test_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "g.db"
    for _ in range(3):
        open_database(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(MIGRATION_NAMES)
    conn.close()


def test_a_bare_database_at_version_0_is_upgraded(tmp_path, today):
    path = tmp_path / "old.db"
    sqlite3.connect(path).close()  # an empty SQLite file: user_version 0, no tables
    assert user_version(path) == 0
    store = Store.open(path)
    try:
        saved = store.add_entry(Entry(day=today, title="升级后的留存记录", tags=["留存"]))
        assert store.search_ids("留存") == [saved.id]
    finally:
        store.close()
    assert user_version(path) == SCHEMA_VERSION


def test_an_empty_file_left_by_a_crash_is_a_new_database(tmp_path):
    path = tmp_path / "g.db"
    path.touch()
    open_database(path).close()
    assert user_version(path) == SCHEMA_VERSION


def test_migrate_false_opens_without_upgrading(tmp_path):
    path = tmp_path / "g.db"
    sqlite3.connect(path).close()
    open_database(path, migrate=False).close()
    assert user_version(path) == 0


UUID4 = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"


def make_old_database(path: Path, version: int) -> list[int]:
    """A database as an earlier release left it (its first ``version`` migrations), with three
    entries written through that release's triggers, one of them deleted again."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrations.apply(sqlite_utils.Database(conn), stop_before=MIGRATION_NAMES[version])
    conn.execute(f"PRAGMA user_version = {version}")
    def insert_old(row: dict) -> int:
        columns = [name for name in row if name not in ("uuid", "revision", "updated_by")]  # added by 0006_team
        sql = f"INSERT INTO entries ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"
        return conn.execute(sql, row).lastrowid

    ids = [
        insert_old(make_row(day=f"2026-11-{day}", kind="note", title=title, tags=tags, created="2026-11-20T09:00:00"))
        for day, title, tags in [(18, "第一条 留存", ["留存"]), (19, "第二条 转化", ["转化"]), (20, "第三条 留存率", ["留存"])]
    ]
    conn.execute("DELETE FROM entries WHERE id = ?", (ids[1],))
    conn.close()
    return ids


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_an_earlier_database_is_upgraded_keeping_its_entries(tmp_path, today, version):
    path = tmp_path / "old.db"
    ids = make_old_database(path, version)
    assert user_version(path) == version
    store = Store.open(path)
    try:
        assert [e.title for e in store.list_entries()] == ["第三条 留存率", "第一条 留存"]
        assert store.search_ids("留存率") == [ids[2]]
        assert store.search_ids("第一条") == [ids[0]]
        assert store.search_ids("转化") == []
        assert store.search_ids("留存") == [ids[2], ids[0]]
        assert store.search_ids("存率") == [ids[2]]  # the end of a title: found by the index too
        assert store.search_ids("存") == [ids[2], ids[0]]
        assert store.tag_counts() == [("留存", 2)]
        uuids = [e.uuid for e in store.list_entries()]
        assert len(set(uuids)) == 2 and all(re.fullmatch(UUID4, u) for u in uuids)
        # after the upgrade, the newest id is not handed out again once deleted
        newest = store.delete_entry(ids[2])
        assert store.add_entry(Entry(day=today, title="新")).id > newest.id
        store.restore_entry(newest)
        assert store.search_ids("留存率") == [ids[2]]
        # FTS5 runs its integrity check as a write command: through the writer path.
        with store.db.write() as conn:
            conn.execute("INSERT INTO entries_fts(entries_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        store.close()
    assert user_version(path) == SCHEMA_VERSION


def test_rebuilding_the_search_index_gives_what_the_triggers_wrote(store, today):
    ids = [
        store.add_entry(Entry(day=today, title=title, body=body, tags=tags)).id
        for title, body, tags in [("提升留存", "", ["留"]), ("周报", "次日留存率", []), ("DAU", "ab", ["x"])]
    ]
    queries = ["留", "留存", "存", "留存率", "ab", "b", "dau", "x"]
    before = {q: store.search_ids(q) for q in queries}
    with store.db.write() as conn:
        conn.execute("INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')")
        conn.execute("INSERT INTO entries_fts(entries_fts, rank) VALUES ('integrity-check', 1)")
    assert {q: store.search_ids(q) for q in queries} == before
    assert before["存"] == [ids[0], ids[1]]
    assert before["b"] == [ids[2]]


def test_a_database_from_a_newer_growthlog_is_refused_untouched(tmp_path):
    path = tmp_path / "g.db"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer") as caught:
        open_database(path)
    assert str(path) in str(caught.value)
    assert user_version(path) == SCHEMA_VERSION + 1


@pytest.mark.parametrize("content", [b"this is not a database, just some notes\n" * 20, b"SQLite format 3\x00" + b"\xff" * 200])
def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path, content):
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        open_database(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content


def test_a_folder_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="folder"):
        open_database(tmp_path)


def test_a_path_that_cannot_be_created_is_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create"):
        open_database(blocker / "sub" / "g.db")


def test_a_locked_database_says_so(tmp_path, monkeypatch):
    path = tmp_path / "g.db"
    open_database(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 200)
    try:
        with pytest.raises(StoreError) as caught:
            open_database(path)
        assert "not a growthlog database" not in str(caught.value)
        assert "busy" in str(caught.value) or "locked" in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# --- threads -------------------------------------------------------------------------------------


def test_entries_are_readable_from_another_thread_than_the_opener(tmp_path, today):
    opened: list[Store] = []
    thread = threading.Thread(target=lambda: opened.append(Store.open(tmp_path / "g.db")))
    thread.start()
    thread.join()
    store = opened[0]
    try:
        saved = store.add_entry(Entry(day=today, title="别的线程打开的"))
        assert store.get_entry(saved.id) == saved
        assert store.list_entries() == [saved]
    finally:
        store.close()


# --- processes -----------------------------------------------------------------------------------

# Forked children start at once (no imports to wait for) and meet at a barrier before each step,
# so that they really do race.
FORK = multiprocessing.get_context("fork")


def _open_all(paths: list[Path], barrier, errors) -> None:
    for path in paths:
        barrier.wait(timeout=30)
        try:
            open_database(path).close()
        except Exception as error:  # reported by the parent
            errors.put(f"{path}: {error!r}")


def _add_many(path: Path, how: str, count: int, barrier, errors) -> None:
    try:
        if how == "rows":
            db = open_database(path)
            barrier.wait(timeout=30)
            for i in range(count):
                add_row(db, make_row(day="2026-11-20", kind="note", title=f"rows {i}", tags=["rows"],
                                     created="2026-11-20T09:00:00"))
            db.close()
        else:
            store = Store.open(path)
            barrier.wait(timeout=30)
            for i in range(count):
                store.add_entry(Entry(day=dt.date(2026, 11, 20), title=f"store {i}", tags=["store"]))
            store.close()
    except Exception as error:
        errors.put(repr(error))


def run_forked(target, argument_lists: list[tuple]) -> list[str]:
    barrier = FORK.Barrier(len(argument_lists))
    errors = FORK.Queue()
    children = [FORK.Process(target=target, args=(*args, barrier, errors)) for args in argument_lists]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=60)
    found = []
    while not errors.empty():
        found.append(errors.get(timeout=1))
    found += [f"exit code {child.exitcode}" for child in children if child.exitcode != 0]
    return found


@pytest.mark.slow
def test_two_processes_adding_at_once_lose_nothing(tmp_path):
    path = tmp_path / "g.db"
    open_database(path).close()
    assert run_forked(_add_many, [(path, "rows", 200), (path, "store", 200)]) == []
    store = Store.open(path)
    try:
        titles = {e.title for e in store.list_entries(limit=1000)}
        assert titles == {f"rows {i}" for i in range(200)} | {f"store {i}" for i in range(200)}
        assert store.tag_counts() == [("rows", 200), ("store", 200)]
        assert len(store.search_ids("rows")) == 200
        assert len(store.search_ids("store")) == 200
    finally:
        store.close()


@pytest.mark.slow
def test_processes_opening_brand_new_databases_at_once_all_succeed(tmp_path):
    paths = [tmp_path / f"new{n}" / "g.db" for n in range(30)]
    assert run_forked(_open_all, [(paths,) for _ in range(4)]) == []
    for path in paths:
        conn = sqlite3.connect(path)
        names = [name for (name,) in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        conn.close()
        assert names == MIGRATION_NAMES  # each migration ran once
        assert user_version(path) == SCHEMA_VERSION


def test_store_error_is_importable_without_pydantic():
    code = "import sys, growthlog.store.db, growthlog.store.rows; print('pydantic' in sys.modules, 'sqlite_utils' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
