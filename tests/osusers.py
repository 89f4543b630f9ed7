"""Real OS users for tests of sharing and permissions.

A test that needs a second login (a team member, someone without access) gets it from here. As
root (CI runs as root) the users and groups are created when first asked for; otherwise the test
is skipped with the reason. Root itself ignores file modes, so permission tests must run their
growthlog as one of these users: :func:`run_as` runs this checkout's Python as them.

For that the other users must be able to reach the interpreter and the project: when a folder on
the way is closed to them (``/root`` often is, with pyenv under it), :func:`grant_traverse` opens it
for *traversal* only (``o+x``: nothing can be listed, only known paths followed). This happens only
as root, which means CI's throwaway machine; it is not undone, because tests running in parallel
may still need it when one of them ends.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
PREFIX = "gltest"


def need_root() -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to create a second OS user (CI runs as root)")
    for tool in ("useradd", "groupadd", "runuser"):
        if shutil.which(tool) is None:
            pytest.skip(f"needs {tool} to create and switch OS users")


def ensure_group(name: str) -> int:
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        subprocess.run(["groupadd", name], check=True)
        return grp.getgrnam(name).gr_gid


def ensure_user(name: str, groups: tuple[str, ...] = ()) -> pwd.struct_passwd:
    """The user ``name`` (created without a home if missing), in exactly ``groups`` besides its own."""
    need_root()
    for group in groups:
        ensure_group(group)
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "-M", "-s", "/bin/sh", "-U", name], check=True)
    subprocess.run(["usermod", "-G", ",".join(groups), name], check=True)
    return pwd.getpwnam(name)


def ids(name: str) -> tuple[int, int]:
    """(uid, gid) of the user ``name``."""
    entry = pwd.getpwnam(name)
    return entry.pw_uid, entry.pw_gid


def grant_traverse(path: Path) -> None:
    """Let every user pass through ``path`` and the folders above it (o+x)."""
    for folder in [path, *path.parents]:
        if folder.is_dir():
            mode = stat.S_IMODE(folder.stat().st_mode)
            if not mode & stat.S_IXOTH:
                folder.chmod(mode | stat.S_IXOTH)


def python_env(home: Path) -> dict[str, str]:
    """An environment for growthlog run as another user: no config of ours, a pinned date."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "GROWTHLOG_CONFIG": str(home / "config.toml"),
        "XDG_CONFIG_DIRS": str(home / "no-system-config"),
        "GROWTHLOG_TODAY": "2026-11-20",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def run_as(user: str, args: list[str], *, home: Path, env: dict[str, str] | None = None,
           timeout: float = 60, umask: str | None = None) -> subprocess.CompletedProcess:
    """Run ``python args…`` (this checkout's interpreter) as ``user``; ``args`` may be ``-m growthlog …``."""
    grant_traverse(Path(sys.executable).resolve().parent)
    grant_traverse(Path(sys.prefix))
    grant_traverse(PROJECT)
    command = [sys.executable, *args]
    if umask is not None:
        command = ["sh", "-c", f'umask {umask} && exec "$@"', "sh", *command]
    return subprocess.run(
        ["runuser", "-u", user, "--", *command],
        capture_output=True, text=True, timeout=timeout, env={**python_env(home), **(env or {})},
    )


def shared_folder(base: Path, name: str = "shared") -> Path:
    """A folder every test user may enter: pytest's own temporary folders are private to root."""
    grant_traverse(base)
    folder = base / name
    folder.mkdir(mode=0o777, exist_ok=True)
    folder.chmod(0o777)
    return folder
