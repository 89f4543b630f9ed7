"""``growthlog init``: a database of one's own, or one a team shares on a server.

A team's database is one SQLite file that every member's growthlog opens; the operating system's
groups decide who may. This command does the set-up a team lead would otherwise do by hand (a
setgid folder, group modes on every file) and says what is left: who is in the group, whether the
members can reach the folder at all, and how to make the file everyone's default.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import click

from growthlog.cli.common import CliContext, UserError
from growthlog.i18n import t


@click.command()
@click.option("--group", metavar="GROUP", help="Share the database with this OS group (folder 2770, files 0660).")
@click.option("--db", "db_option", metavar="PATH", type=click.Path(path_type=Path),
              help="The database to create or convert (default: --db before the command, then the config).")
@click.option("--system-config", is_flag=True,
              help="Also name the database in the system-wide config, so that every member opens it without set-up.")
@click.pass_obj
def init(obj: CliContext, group: str | None, db_option: Path | None, system_config: bool) -> None:
    """Create a database, or convert one, for yourself or for a team.

    Without --group the database is private (0600 in a 0700 folder). With --group it is the
    group's: its folder setgid and group-writable, the database, its -wal/-shm files and its
    backups group read-write, never world-readable; every later file growthlog writes there keeps
    those modes. An existing database keeps its entries.
    """
    from growthlog.store.db import StoreError, open_database, share_database

    path = (db_option or obj.db_path).expanduser().absolute()
    existed = path.exists()
    try:
        if group:
            shared = share_database(path, group)
        else:
            open_database(path).close()
    except StoreError as error:
        raise UserError(str(error)) from None
    if not group:
        click.echo(t("team.init.private", path=path, state=t("team.init.converted" if existed else "team.init.created")))
        return
    click.echo(t("team.init.shared", path=path, group=group, state=t("team.init.created" if shared.created else "team.init.converted")))
    blocked = unreachable_folder(path)
    if blocked is not None:
        click.echo(t("team.init.unreachable", folder=blocked, group=group), err=True)
    members = group_members(group)
    if members:
        click.echo(t("team.init.members", group=group, names=", ".join(members)))
    click.echo(t("team.init.add_member", group=group))
    if system_config:
        target = write_system_config(path)
        click.echo(t("team.init.system_config", path=target))
    else:
        click.echo(t("team.init.for_everyone", path=path))


def unreachable_folder(path: Path) -> Path | None:
    """The first folder above ``path``'s own that a member of its group cannot pass through (no
    execute bit for the group or for others), or None when the way is open."""
    info = path.parent.stat()
    for folder in path.parent.parents:
        try:
            folder_info = folder.stat()
        except OSError:
            return folder
        mode = stat.S_IMODE(folder_info.st_mode)
        passable = mode & stat.S_IXOTH or (mode & stat.S_IXGRP and folder_info.st_gid == info.st_gid)
        if not passable:
            return folder
    return None


def group_members(group: str) -> list[str]:
    """Who is in ``group``: its listed members and those whose primary group it is."""
    import grp
    import pwd

    try:
        entry = grp.getgrnam(group)
    except KeyError:
        return []
    names = set(entry.gr_mem)
    names.update(user.pw_name for user in pwd.getpwall() if user.pw_gid == entry.gr_gid)
    return sorted(names)


def write_system_config(path: Path) -> Path:
    """Name ``path`` as the database in the first system-wide config file (``db = "…"``),
    keeping what the file says otherwise; refuse to replace another database named there."""
    import tomllib

    from growthlog.config import ConfigError, read_config_file, system_config_paths

    target = system_config_paths()[0]
    try:
        current = read_config_file(target)
    except ConfigError as error:  # the message names the file
        raise UserError(str(error)) from None
    named = current.get("db")
    if named is not None and Path(str(named)).expanduser().absolute() != path:
        raise UserError(t("team.init.config_names_other", path=target, other=named))
    if named is not None:
        return target
    line = f"db = {toml_string(str(path))}\n"
    try:
        if not target.parent.exists():
            # Every login reads it: not the shared database's umask (007) that this process took.
            target.parent.mkdir(parents=True)
            os.chmod(target.parent, 0o755)
        text = target.read_text(encoding="utf-8") if target.exists() else ""
        # A top-level key must come before the first table.
        target.write_text(line + text, encoding="utf-8")
        os.chmod(target, 0o644)
    except OSError as error:
        raise UserError(t("team.init.config_failed", path=target, reason=error.strerror or error)) from None
    tomllib.loads(target.read_text(encoding="utf-8"))  # what was written reads back
    return target


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
