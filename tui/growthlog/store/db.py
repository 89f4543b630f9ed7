"""Opening the database file: permissions, pragmas, schema version, migrations.

Import-light on purpose (only ``sqlite3``): ``growthlog add`` opens the database on every call, and
sqlite-utils is imported only when migrations are actually pending. ``PRAGMA user_version`` mirrors
the number of applied migrations so that this check costs one pragma.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

# The number of migrations in growthlog.store.migrations; a test keeps the two equal.
SCHEMA_VERSION = 5
BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """A problem with the database that the user can act on; the message says what."""


class Database:
    """One SQLite connection shared by the threads of one process, writes serialised by a lock.

    Thread workers in the app, and the command line, all go through this object. SQLite allows
    only one writer at a time anyway; the lock keeps this process's threads from interleaving
    statements of different transactions on the one connection.
    """

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self.lock = threading.RLock()
        self.commits = 0
        self._sqlite_utils = None

    @property
    def utils(self):
        """The same connection as a ``sqlite_utils.Database`` (imported on first use)."""
        if self._sqlite_utils is None:
            import sqlite_utils

            self._sqlite_utils = sqlite_utils.Database(self.conn)
        return self._sqlite_utils

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Hold the connection for a group of reads."""
        with self.lock:
            yield self.conn

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken with BEGIN IMMEDIATE.

        IMMEDIATE takes the write lock up front, so a transaction that reads then writes waits for
        another process's writer (busy_timeout) instead of failing with "database is locked".
        """
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
                self.commits += 1

    def change_token(self) -> tuple[int, int]:
        """Changes when anything is committed: by this connection (a counter) or by any other
        connection or process (SQLite's ``PRAGMA data_version``). Screens compare tokens to skip
        reloading what cannot have changed."""
        with self.lock:
            (data_version,) = self.conn.execute("PRAGMA data_version").fetchone()
            return (data_version, self.commits)

    def backup_to(self, target: str | os.PathLike[str]) -> None:
        """Copy the whole database to ``target`` with SQLite's backup API: consistent even while
        other connections write."""
        copy = sqlite3.connect(os.fspath(target))
        try:
            with self.lock:
                self.conn.backup(copy)
        finally:
            copy.close()

    def close(self) -> None:
        with self.lock:
            self.conn.close()


def _prepare_file(path: Path) -> None:
    """Create the folder (0700) and an empty file (0600) before SQLite does, so that they are
    private from the first byte; SQLite gives its -wal and -shm files the same mode."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


# SQLITE_BUSY and SQLITE_LOCKED, with their extended codes (the low byte is the primary code).
_BUSY_CODES = (5, 6)


def _is_busy(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _BUSY_CODES
    return "locked" in str(error) or "busy" in str(error)


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, waiting out other processes doing the same.

    Changing the journal mode does not go through the busy handler: when two processes open a
    brand-new database at the same moment, one of them gets "database is locked" at once. So wait
    here, as busy_timeout would.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if not _is_busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _close_quietly(conn: sqlite3.Connection | None) -> None:
    if conn is not None:
        try:
            conn.close()
        except sqlite3.Error:
            pass


def open_database(path: str | os.PathLike[str], *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    ``":memory:"`` opens a private in-memory database, for tests.
    """
    name = os.fspath(path)
    if name != ":memory:":
        target = Path(name).expanduser()
        if target.is_dir():
            raise StoreError(f"{target} is a folder, not a database file")
        try:
            _prepare_file(target)
        except OSError as error:
            raise StoreError(f"cannot create the database {target}: {error.strerror}") from None
        name = str(target)
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(name, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if name != ":memory:":
            _use_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{name} was written by a newer growthlog (schema {version}; this version knows up to "
                f"{SCHEMA_VERSION}). Upgrade growthlog to open it."
            )
        db = Database(conn, name)
        if version < SCHEMA_VERSION and migrate:
            from growthlog.store.migrations import apply_migrations

            apply_migrations(db)
    except StoreError:
        _close_quietly(conn)
        raise
    except sqlite3.Error as error:
        _close_quietly(conn)
        if _is_busy(error):
            raise StoreError(
                f"{name} is busy: another program has held it locked for over {BUSY_TIMEOUT_MS / 1000:g} s; "
                "try again"
            ) from None
        raise StoreError(f"{name} is not a growthlog database ({error})") from None
    return db
