"""What can go wrong with the database, told apart so that the user is told what to do.

Every ``sqlite3.Error`` is turned into a :class:`StoreError` at the store's boundary (the
:class:`~growthlog.store.db.Database` contexts and :func:`~growthlog.store.db.open_database`), so
nothing above the store ever sees sqlite3. SQLite's result codes say little on their own: "unable to
open database file" is what a missing folder, a folder without permission and a full disk all give,
so :func:`describe` also looks at the file and its folder to say which it is.

Import-light (only the standard library): ``growthlog add`` imports it on every call.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Literal

ErrorKind = Literal[
    "disk_full", "read_only", "permission", "locked", "not_database", "newer_schema", "damaged",
    "not_found", "conflict", "edited", "gone", "io", "other",
]

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 5, 6, 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_AUTH, SQLITE_NOTADB, SQLITE_PERM = 13, 14, 23, 26, 3
LOW_SPACE = 1 << 20
"""Below this many free bytes an I/O error while writing is taken to be a full disk: SQLite reports
ENOSPC while appending to the WAL as a plain write error."""


class StoreError(Exception):
    """A problem with the database that the user can act on; the message says what.

    ``kind`` tells the kinds apart for code that reacts differently (a screen offering to retry
    a locked write, a test); the message is what people read.
    """

    def __init__(self, message: str, kind: ErrorKind = "other") -> None:
        super().__init__(message)
        self.kind: ErrorKind = kind


class EditConflict(StoreError):
    """A save of a record that someone else changed (``kind == "edited"``) or deleted
    (``kind == "gone"``) since it was read: nothing was written.

    ``current`` is the record as it is stored now (None when it is gone), so that the one saving can
    see what changed and choose: keep theirs, keep mine (save again over ``current``) or keep both.
    """

    def __init__(self, message: str, kind: ErrorKind, current: object | None = None) -> None:
        super().__init__(message, kind)
        self.current = current


def result_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code of ``error``, or None when sqlite3 gives none."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_busy(error: sqlite3.Error) -> bool:
    code = result_code(error)
    if code is not None:
        return code in (SQLITE_BUSY, SQLITE_LOCKED)
    text = str(error)
    return "locked" in text or "busy" in text


def exists(path: Path) -> bool:
    """Whether ``path`` exists, False when its folder cannot even be looked into."""
    try:
        return path.exists()
    except OSError:
        return False


def _who(path: Path) -> tuple[str, str, int] | None:
    """(owner, group, mode) of ``path``, or None when it cannot be looked at."""
    try:
        info = path.stat()
    except OSError:
        return None
    import grp
    import pwd
    import stat

    try:
        user = pwd.getpwuid(info.st_uid).pw_name
    except KeyError:
        user = str(info.st_uid)
    try:
        group = grp.getgrgid(info.st_gid).gr_name
    except KeyError:
        group = str(info.st_gid)
    return user, group, stat.S_IMODE(info.st_mode)


def permission_error(path: Path) -> StoreError:
    """Whose file it is and how to be let in: a team member opening a database not shared with them."""
    blocked = path
    while not exists(blocked) and blocked != blocked.parent:
        blocked = blocked.parent
    who = _who(blocked)
    if who is None:
        return StoreError(f"permission denied: you may not open {path}", "permission")
    user, group, mode = who
    team_access = 0o070 if blocked.is_dir() else 0o060
    group_can = mode & team_access == team_access
    try:
        gid = blocked.stat().st_gid
        in_group = gid == os.getegid() or gid in os.getgroups()
    except OSError:
        in_group = False
    if group_can and not in_group:
        how = f"ask {user} to add you to the group '{group}' (then log in again)"
    elif in_group:
        how = f"the group '{group}' may not write it: ask {user} to run `growthlog init --group {group}`"
    else:
        how = f"it is private to {user}: ask them to share it with `growthlog init --group GROUP`"
    return StoreError(
        f"permission denied: you may not open {blocked} (owner {user}, group {group}, mode {mode:04o}); {how}",
        "permission",
    )


def _owned_by_someone_else(path: Path) -> bool:
    try:
        return path.stat().st_uid != os.geteuid()
    except OSError:
        return False


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def _low_on_space(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent if not path.is_dir() else path).free < LOW_SPACE
    except OSError:
        return False


def describe(error: sqlite3.Error, path: str) -> StoreError:
    """The :class:`StoreError` a user should see for ``error`` met on the database at ``path``."""
    code = result_code(error)
    target = Path(path)
    memory = path == ":memory:"
    if code in (SQLITE_BUSY, SQLITE_LOCKED) or (code is None and is_busy(error)):
        from growthlog.store.pragmas import BUSY_TIMEOUT_MS

        return StoreError(
            f"{path} is busy: another program has held it locked for over {BUSY_TIMEOUT_MS / 1000:g} s; try again",
            "locked",
        )
    if code == SQLITE_FULL or (code == SQLITE_IOERR and not memory and _low_on_space(target)):
        return StoreError(f"the disk holding {path} is full: nothing was written; free some space and try again", "disk_full")
    if code == SQLITE_READONLY or (code == SQLITE_CANTOPEN and not memory and exists(target)
                                   and os.access(target, os.R_OK) and not _writable(target.parent)):
        if not memory and exists(target) and not _writable(target):
            if _owned_by_someone_else(target):
                return permission_error(target)
            return StoreError(f"{path} is read-only: nothing was written (make it writable, or open a copy)", "read_only")
        if not memory and not _writable(target.parent):
            return StoreError(
                f"the folder {target.parent} is read-only: nothing was written (SQLite writes its journal "
                f"files beside {target.name}, so the folder must be writable too)",
                "read_only",
            )
        return StoreError(f"{path} cannot be written (read-only file system?): nothing was written", "read_only")
    if code in (SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH) and not memory:
        if not os.access(target.parent, os.X_OK) or (exists(target) and not os.access(target, os.R_OK)):
            return permission_error(target)
        return StoreError(f"cannot open {path}: {error}", "io")
    if code == SQLITE_NOTADB:
        return StoreError(f"{path} is not a growthlog database (it is not an SQLite file)", "not_database")
    if code == SQLITE_CORRUPT:
        return StoreError(
            f"{path} is damaged ({error}); restore a backup (growthlog backup makes them) or ask SQLite's "
            "`.recover` to save what it can",
            "damaged",
        )
    if code == SQLITE_IOERR:
        return StoreError(f"cannot read or write {path}: input/output error ({error})", "io")
    if isinstance(error, sqlite3.IntegrityError):
        return StoreError(str(error), "conflict")
    return StoreError(f"database error on {path}: {error}")
