"""What the commands of the command line share: the context, errors, options, output helpers.

Every command module imports this one and none imports another, so the package has no import
cycle. Import-light on purpose: click, the catalogs and the text helpers at import time; the
config, the store, the services and pydantic only inside the functions that need them, so that
``growthlog add`` pays for none of what it does not use.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import click

from growthlog.i18n import set_language, t
from growthlog.textutil import display_width, fit, pad


class UserError(click.ClickException):
    """A mistake the user can fix; shown as one line, exit status 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"growthlog: {self.format_message()}", err=True)


class CliContext:
    """What every command needs, resolved lazily so that each command pays only for what it uses."""

    def __init__(self, db_flag: str | None, lang_flag: str | None) -> None:
        from growthlog.config import ConfigError, read_config, resolve_db_path, resolve_language

        self.db_flag = db_flag
        self.lang_flag = lang_flag
        try:
            self.file_values = read_config()
            self.language = resolve_language(lang_flag, self.file_values)
            self.db_path: Path = resolve_db_path(db_flag, self.file_values)
        except ConfigError as error:
            raise UserError(str(error)) from None
        set_language(self.language)
        self._database = None
        self._store = None

    def database(self):
        """The open database (light: no pydantic, no sqlite-utils unless migrating)."""
        if self._database is None:
            from growthlog.store.db import StoreError, open_database

            try:
                self._database = open_database(self.db_path)
            except StoreError as error:
                raise UserError(str(error)) from None
            self._database.author = self.author()
        return self._database

    def store(self):
        """The full store interface."""
        if self._store is None:
            from growthlog.store.api import Store

            self._store = Store(self.database())
        return self._store

    def author(self) -> str:
        """Who writes what this command adds: ``author`` in the config file, else the OS login."""
        from growthlog.config import default_author

        return self.file_values.get("author") or default_author()

    def today(self) -> dt.date:
        return today()


def today() -> dt.date:
    """Today, or ``GROWTHLOG_TODAY`` (ISO) when set: tests and screenshots pin the date with it."""
    pinned = os.environ.get("GROWTHLOG_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def parse_day(text: str | None) -> dt.date:
    """A date option in any form the services read (2026-11-20, yesterday, 昨天, -3d); today when
    not given."""
    from growthlog.services.dates import DateError, parse_date

    if text is None:
        return today()
    try:
        return parse_date(text, today())
    except DateError as error:
        raise UserError(str(error)) from None


def resolve_kind_option(text: str | None) -> str | None:
    """The kind a --kind option names (its id or Chinese label), None when not given."""
    from growthlog.kinds import KINDS, resolve_kind

    if text is None:
        return None
    kind = resolve_kind(text)
    if kind is None:
        raise UserError(t("cli.unknown_kind", kind=text, kinds=", ".join(KINDS)))
    return kind


def parse_id(text: str, message_key: str) -> int:
    """A record id as typed, 12 or #12; anything else is a usage error saying ``message_key``."""
    cleaned = text.strip().lstrip("#")
    if not cleaned.isascii() or not cleaned.isdigit() or len(cleaned) > 18:
        raise click.BadParameter(t(message_key, text=text), param_hint="ID")
    return int(cleaned)


def entry_text_message(error) -> str:
    """The line to show for an :class:`growthlog.entry_rules.EntryTextError`, in the interface
    language: the rules are shared with the model, the words are the command line's."""
    match error.rule:
        case "empty_title":
            return t("error.empty_title")
        case "long_body":
            return t("cli.body_too_long", **error.values)
        case "long_tag":
            return t("cli.tag_too_long", **error.values)
    # long_title: add never meets it (a first line too long for a title goes to the body).
    return str(error)


# Filters shared by list, search and export.


def filter_options(func):
    """--kind, --tag, --since and --until, shared by list, search and export."""
    options = [
        click.option("--kind", "-k", "kind_texts", multiple=True, metavar="KIND", help="Only this kind (repeatable; id or Chinese label)."),
        click.option("--tag", "-t", "tag_text", metavar="TAG", help="Only entries with this tag."),
        click.option("--since", "since_text", metavar="DATE", help="From this day on (inclusive)."),
        click.option("--until", "until_text", metavar="DATE", help="Up to this day (inclusive)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def author_options(func):
    """--author NAME and --mine, shared by list and search: one member's entries."""
    func = click.option("--mine", is_flag=True, help="Only entries you wrote (your author name).")(func)
    return click.option("--author", "-a", "author_text", metavar="NAME", help="Only entries this member wrote.")(func)


def with_author(obj: "CliContext", where, author_text: str | None, mine: bool):
    """``where`` narrowed to one author: ``--author`` as typed, or ``--mine`` (this writer)."""
    import dataclasses

    if author_text is not None and mine:
        raise click.UsageError(t("cli.author.both"))
    if mine:
        return dataclasses.replace(where, author=obj.author())
    if author_text is not None:
        from growthlog.entry_rules import clean_author

        name = clean_author(author_text)
        if not name:
            raise UserError(t("cli.author.empty"))
        return dataclasses.replace(where, author=name)
    return where


def build_filter(kind_texts: tuple[str, ...], tag_text: str | None, since_text: str | None, until_text: str | None):
    """An EntryFilter from the shared options; dates go through :func:`parse_day`."""
    from growthlog.store.entries import EntryFilter
    from growthlog.textutil import normalize_tag

    kinds = tuple(dict.fromkeys(resolve_kind_option(text) for text in kind_texts))
    since = parse_day(since_text) if since_text is not None else None
    until = parse_day(until_text) if until_text is not None else None
    if since and until and since > until:
        raise UserError(t("cli.bad_range", since=since.isoformat(), until=until.isoformat()))
    tag = normalize_tag(tag_text) if tag_text is not None else None
    return EntryFilter(kinds=kinds, tag=tag or None, since=since, until=until)


# Output: a terminal gets tables cut to its width and progress bars; pipes get everything, whole.


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def terminal_columns() -> int | None:
    """The width of the terminal standard output goes to; None when it goes elsewhere."""
    if not stdout_is_terminal():
        return None
    import shutil

    return shutil.get_terminal_size().columns


def echo_json(value: Any) -> None:
    """JSON for scripts: Chinese kept as Chinese, indented."""
    import json

    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def column_widths(rows: list[list[str]]) -> list[int]:
    """Each column's width in terminal columns (Chinese characters take two)."""
    return [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]


def aligned_lines(rows: list[list[str]], widths: list[int], *, right: tuple[int, ...] = ()) -> list[str]:
    """Rows with their cells padded to ``widths`` (cut with … when wider), two spaces apart; the
    ``right`` columns are aligned right."""
    return [
        "  ".join(pad(fit(cell, width), width, right=index in right) for index, (cell, width) in enumerate(zip(row, widths))).rstrip()
        for row in rows
    ]


def table_lines(headers: list[str], rows: list[list[str]], *, cut: int, cut_width: int, right: tuple[int, ...] = ()) -> list[str]:
    """A table lined up with Chinese text. On a terminal the ``cut`` column (a name, a title) is
    shortened to ``cut_width`` so that each row stays on one line; piped output is never cut."""
    widths = column_widths([headers, *rows])
    if stdout_is_terminal():
        widths[cut] = min(widths[cut], max(cut_width, display_width(headers[cut])))
    return aligned_lines([headers, *rows], widths, right=right)


def labelled_lines(pairs: list[tuple[str, str]], width: int, *, empty: str = "") -> list[str]:
    """"Label  value" lines with the values in one column (``width`` wide labels); a value of
    several lines continues under its first, an empty one shows ``empty``."""
    lines = []
    for label, text in pairs:
        first, *more = text.splitlines() or [empty]
        lines.append(f"{pad(label, width)}  {first}".rstrip())
        lines.extend((" " * (width + 2) + extra).rstrip() for extra in more)
    return lines


class Progress:
    """A progress bar on stderr for long runs (more than ``threshold`` steps); silent otherwise."""

    threshold = 1000

    def __init__(self, length: int, label: str) -> None:
        self.bar = None
        # Only on a terminal: piped or logged stderr gets nothing but the one-line outcome.
        if length > self.threshold and stderr_is_terminal():
            self.bar = click.progressbar(length=length, label=label, file=sys.stderr)

    def __enter__(self):
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc_info) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc_info)

    def __call__(self, done: int) -> None:
        bar = self.bar
        if bar is not None and (done % 200 == 0 or done == bar.length):
            bar.update(done - bar.pos)

    @property
    def callback(self):
        return self if self.bar is not None else None
