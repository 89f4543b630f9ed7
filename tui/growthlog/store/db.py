"""Opening the database file and talking to it: a connection per thread for reads, one writer path.

Why this shape: growthlog is a team's log on one server, so several processes write one file at
once while each app reads from its thread workers. In WAL mode readers never block one another or
the writer, but only if each thread has its own connection: one connection shared behind a lock
made a long import block every read. So:

* :meth:`Database.read` hands each thread its own read-only connection (``query_only``), opened on
  first use; :meth:`Database.snapshot` holds one read transaction across several queries, so that
  what a screen loads in one call is consistent.
* :meth:`Database.write` is the one writer path: one connection, one lock, ``BEGIN IMMEDIATE`` (a
  transaction that reads then writes must take the write lock up front, or it fails at once with
  "database is locked" when another process writes).
* :meth:`Database.changed` answers "did anything change since I last asked?" with one
  ``PRAGMA data_version`` on a connection kept for that question; the app asks it off the UI
  thread, at most once a second.
* Every ``sqlite3.Error`` leaves this module as a :class:`~growthlog.store.errors.StoreError` of
  a kind the user can act on (:func:`growthlog.store.errors.describe`).

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

from growthlog.store.errors import StoreError, describe, is_busy
from growthlog.store.pragmas import BUSY_TIMEOUT_MS, SCHEMA_VERSION
from growthlog.store.sharing import PRIVATE_FOLDER, Shared, adopt_umask, file_mode, prepare_shared_folder, share_files

MEMORY = ":memory:"

__all__ = ["Database", "StoreError", "open_database", "SCHEMA_VERSION", "BUSY_TIMEOUT_MS"]


class Database:
    """A growthlog database file, opened by one process: per-thread readers, one writer.

    ``":memory:"`` is one private database per connection, so there a single connection serves
    every thread (behind the writer lock): tests use it, nothing shares it.
    """

    def __init__(self, writer: sqlite3.Connection, path: str) -> None:
        self.path = path
        self.commits = 0
        """How many write transactions this process committed (for tests and the benchmark)."""
        self._writer = writer
        self._write_lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._watch: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()
        self._seen_version: int | None = None
        self._closed = False
        self.author = ""
        """Who writes through this process (the OS login or the configured author): records saved
        without an author are stamped with it."""

    @property
    def is_memory(self) -> bool:
        return self.path == MEMORY

    def error(self, error: sqlite3.Error) -> StoreError:
        """``error`` as the user should read it."""
        return describe(error, self.path)

    # Connections

    def _connect(self, *, query_only: bool) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if query_only:
            conn.execute("PRAGMA query_only = ON")
        return conn

    def _reader(self) -> sqlite3.Connection:
        if self.is_memory or getattr(self._local, "writing", False):
            # Inside a write transaction, reads see what it wrote so far.
            return self._writer
        conn = getattr(self._local, "reader", None)
        if conn is None:
            if self._closed:
                raise StoreError(f"{self.path} is closed")
            try:
                conn = self._connect(query_only=True)
            except sqlite3.Error as error:
                raise self.error(error) from error
            self._local.reader = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    # Reading

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection for a group of reads (each statement sees the latest commit,
        unless inside :meth:`snapshot`)."""
        lock = self._write_lock if self.is_memory else contextlib.nullcontext()
        with lock:
            conn = self._reader()
            try:
                yield conn
            except sqlite3.Error as error:
                raise self.error(error) from error

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Reads that all see the database as it was at one moment: a view loaded in one call does
        not mix a list from before another member's write with counts from after it. Nested
        snapshots (and reads inside one) join the outer one."""
        with self.read() as conn:
            depth = getattr(self._local, "snapshot_depth", 0)
            if depth or conn.in_transaction:
                self._local.snapshot_depth = depth + 1
                try:
                    yield conn
                finally:
                    self._local.snapshot_depth = depth
                return
            conn.execute("BEGIN")
            self._local.snapshot_depth = 1
            try:
                yield conn
            finally:
                self._local.snapshot_depth = 0
                if conn.in_transaction:
                    conn.execute("COMMIT")

    # Writing

    @contextlib.contextmanager
    def write(self, *, foreign_keys: bool = True) -> Iterator[sqlite3.Connection]:
        """A write transaction taken with BEGIN IMMEDIATE on the one writer connection.

        A failure rolls back and raises the failure's own cause: when SQLite has already rolled
        back (a full disk does that), the rollback is skipped rather than failing with "cannot
        rollback - no transaction is active" over it. ``foreign_keys=False`` switches the check off
        for this transaction (a bulk import checks its references itself, once).
        A write inside a write joins the outer transaction.
        """
        with self._write_lock:
            conn = self._writer
            if getattr(self._local, "writing", False):
                yield conn
                return
            try:
                if not foreign_keys:
                    conn.execute("PRAGMA foreign_keys = OFF")
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                self._restore_foreign_keys(conn, foreign_keys)
                raise self.error(error) from error
            self._local.writing = True
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as failure:
                self._roll_back(conn)
                if isinstance(failure, sqlite3.Error):
                    raise self.error(failure) from failure
                raise
            else:
                self.commits += 1
                self._note_own_commit()
            finally:
                self._local.writing = False
                self._restore_foreign_keys(conn, foreign_keys)

    @staticmethod
    def _roll_back(conn: sqlite3.Connection) -> None:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the failure being raised says what went wrong; this would only hide it

    @staticmethod
    def _restore_foreign_keys(conn: sqlite3.Connection, foreign_keys: bool) -> None:
        if not foreign_keys:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("PRAGMA foreign_keys = ON")

    # Noticing changes

    def _data_version(self) -> int:
        if self._watch is None:
            self._watch = self._connect(query_only=True)
        return self._watch.execute("PRAGMA data_version").fetchone()[0]

    def _note_own_commit(self) -> None:
        # Our own commit changes the watch connection's data_version too; the app publishes its own
        # writes itself, so they are not reported again by changed(). Read after the commit: a
        # commit of another process's before this point is covered by the reload our own write
        # triggers, one after it changes data_version again.
        if self._watch is None or self.is_memory:
            return
        with self._watch_lock, contextlib.suppress(sqlite3.Error):
            self._seen_version = self._data_version()

    def changed(self) -> bool:
        """Whether another process (or connection) committed anything since the last call. One
        cheap pragma; the first call only notes where things stand. Blocking: call it in a thread."""
        if self.is_memory:
            return False
        with self._watch_lock:
            try:
                version = self._data_version()
            except sqlite3.Error as error:
                raise self.error(error) from error
            changed = self._seen_version is not None and version != self._seen_version
            self._seen_version = version
            return changed

    # Whole-file operations

    def backup_to(self, target: str | os.PathLike[str]) -> None:
        """Copy the whole database to ``target`` with SQLite's backup API: consistent even while
        other connections write."""
        try:
            copy = sqlite3.connect(os.fspath(target))
        except sqlite3.Error as error:
            raise describe(error, os.fspath(target)) from error
        try:
            with self.read() as conn:
                conn.backup(copy)
        finally:
            copy.close()

    def close(self) -> None:
        """Close every connection this process opened on the database."""
        self._closed = True
        with self._readers_lock:
            readers, self._readers = self._readers, []
        for conn in [*readers, self._watch, self._writer]:
            if conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()


def _prepare_file(path: Path) -> None:
    """Create the folder (0700) and an empty file before SQLite does, so that they are private from
    the first byte (0600), or the group's in a shared folder (0660, see :mod:`.sharing`); and
    lower the umask for a shared database, so that its -wal and -shm files are the group's too."""
    if not path.parent.exists():
        path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, file_mode(path))
        os.close(fd)
    adopt_umask(path)


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
            if not is_busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _target(path: str | os.PathLike[str]) -> str:
    """The file to open, its folder and an empty file made first (privately)."""
    name = os.fspath(path)
    if name == MEMORY:
        return name
    target = Path(name).expanduser()
    try:
        if target.is_dir():
            raise StoreError(f"{target} is a folder, not a database file", "not_database")
        _prepare_file(target)
    except PermissionError:
        from growthlog.store.errors import permission_error

        raise permission_error(target) from None
    except OSError as error:
        raise StoreError(f"cannot create the database {target}: {error.strerror}", "io") from None
    return str(target)


def open_database(path: str | os.PathLike[str], *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    ``":memory:"`` opens a private in-memory database, for tests.
    """
    name = _target(path)
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(name, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if name != MEMORY:
            _use_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{name} was written by a newer growthlog (schema {version}; this version knows up to "
                f"{SCHEMA_VERSION}). Upgrade growthlog to open it.",
                "newer_schema",
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
        raise describe(error, name) from None
    return db


def share_database(path: str | os.PathLike[str], group: str) -> Shared:
    """Create (or convert) the database at ``path`` for a team: folder 2770 and files 0660 of
    ``group``, its schema up to date (see :mod:`growthlog.store.sharing`)."""
    target = Path(path).expanduser().absolute()
    if target.is_dir():
        raise StoreError(f"{target} is a folder, not a database file", "not_database")
    gid, created = prepare_shared_folder(target, group)
    adopt_umask(target)
    open_database(target).close()
    return Shared(target, group, created, share_files(target, gid))


def _close_quietly(conn: sqlite3.Connection | None) -> None:
    if conn is not None:
        with contextlib.suppress(sqlite3.Error):
            conn.close()
