"""A database a team shares on one server: its folder and files open to one group, closed to others.

Why modes and not a server: SQLite's WAL needs every writer on the same host, and the simplest way
for several logins to write one file is a group. A shared database lives in a folder that is
setgid and group-writable (2770: new files take the folder's group) and its files are group
read-write (0660, never world-readable). SQLite creates the ``-wal`` and ``-shm`` files when they are
first needed, with the creating process's umask, so every growthlog process that opens a shared
database lowers its umask to 007 (:func:`adopt_umask`): whoever creates them, the group can write
them. A private database stays 0600 in a 0700 folder.

Import-light (standard library only): ``growthlog add`` opens databases through this module.
"""

from __future__ import annotations

import dataclasses
import grp
import os
import stat
from pathlib import Path

from growthlog.store.errors import StoreError

SHARED_FOLDER = 0o2770
SHARED_FILE = 0o660
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
SHARED_UMASK = 0o007
COMPANIONS = ("-wal", "-shm", "-journal")


def is_shared(path: Path) -> bool:
    """Whether the database at ``path`` (or, before it exists, its folder) is shared with a group."""
    try:
        if path.exists():
            return bool(stat.S_IMODE(path.stat().st_mode) & 0o060)
        return bool(path.parent.stat().st_mode & stat.S_ISGID)
    except OSError:
        return False


def adopt_umask(path: Path) -> None:
    """Let the group write what this process creates beside a shared database (-wal, -shm,
    backups); a private one keeps the user's umask."""
    if is_shared(path):
        os.umask(SHARED_UMASK)


def file_mode(path: Path) -> int:
    """The mode a file growthlog writes beside (or for) the database at ``path`` should have:
    the group's when the database is shared, the owner's alone otherwise."""
    return SHARED_FILE if is_shared(path) else PRIVATE_FILE


@dataclasses.dataclass(frozen=True)
class Shared:
    """What :func:`share` did."""

    path: Path
    group: str
    created: bool
    files: list[Path]
    """The database and the files beside it that now belong to the group."""


def group_id(group: str) -> int:
    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        raise StoreError(f"there is no group '{group}' on this machine (create it with `sudo groupadd {group}`)", "not_found") from None


def check_membership(group: str, gid: int) -> None:
    """Only a member of the group (or root) may hand a database to it."""
    if os.geteuid() == 0 or gid == os.getegid() or gid in os.getgroups():
        return
    raise StoreError(
        f"you are not in the group '{group}': ask an administrator to run `sudo usermod -aG {group} $USER`, "
        "then log in again",
        "permission",
    )


def _own(path: Path, gid: int, mode: int) -> None:
    """Give ``path`` to the group with ``mode``; nothing to do (and no need to own it) when it has
    them already, as a folder an administrator prepared for the team does."""
    try:
        info = path.stat()
        if info.st_gid == gid and stat.S_IMODE(info.st_mode) == mode:
            return
    except OSError:
        pass
    try:
        os.chown(path, -1, gid)
        os.chmod(path, mode)
    except PermissionError:
        from growthlog.store.errors import permission_error

        raise permission_error(path) from None
    except OSError as error:
        raise StoreError(f"cannot change {path}: {error.strerror}", "io") from None


def prepare_shared_folder(path: Path, group: str) -> tuple[int, bool]:
    """Make ``path``'s folder (created if missing) setgid and group-writable for ``group``;
    returns the group id and whether the database file is new."""
    gid = group_id(group)
    check_membership(group, gid)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except PermissionError:
        from growthlog.store.errors import permission_error

        raise permission_error(folder) from None
    _own(folder, gid, SHARED_FOLDER)
    created = not path.exists()
    if created:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, SHARED_FILE)
        os.close(fd)
    _own(path, gid, SHARED_FILE)
    return gid, created


def share_files(path: Path, gid: int) -> list[Path]:
    """Give the group the database, its companions and the backups made beside it."""
    owned = [path]
    for suffix in COMPANIONS:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            owned.append(companion)
    owned += sorted(path.parent.glob(f"{path.stem}-backup-*{path.suffix or '.db'}"))
    for file in owned:
        _own(file, gid, SHARED_FILE)
    return owned
