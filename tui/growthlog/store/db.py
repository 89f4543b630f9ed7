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
from collections.abc import Iterator
from pathlib import Path

# The number of migrations in growthlog.store.migrations; a test keeps the two equal.
SCHEMA_VERSION = 1
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
    try:
        conn = sqlite3.connect(name, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if name != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{name} is not a growthlog database ({error})") from None
    db = Database(conn, name)
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"{name} was written by a newer growthlog (schema {version}; this version knows up to "
            f"{SCHEMA_VERSION}). Upgrade growthlog to open it."
        )
    if version < SCHEMA_VERSION and migrate:
        from growthlog.store.migrations import apply_migrations

        apply_migrations(db)
    return db
