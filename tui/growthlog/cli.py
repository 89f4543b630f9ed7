"""The ``growthlog`` command: open the app, or run one command and exit.

Import discipline: nothing here imports textual unless the app is opened, and ``add`` (the command
people script and bind to hotkeys) avoids pydantic and sqlite-utils too, to start in well under
150 ms. Heavier modules are imported inside the commands that need them.

Errors reach the user as one line on stderr with exit status 1 (2 for usage errors), never as a
traceback; set ``GROWTHLOG_DEBUG=1`` to see the traceback of an unexpected error.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import click

from growthlog import __version__
from growthlog.i18n import set_language, t


class UserError(click.ClickException):
    """A mistake the user can fix; shown as one line, exit status 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"growthlog: {self.format_message()}", err=True)


class CliContext:
    """What every command needs, resolved lazily so that each command pays only for what it uses."""

    def __init__(self, db_flag: str | None, lang_flag: str | None) -> None:
        from growthlog.config import ConfigError, config_path, read_config_file, resolve_db_path, resolve_language

        self.db_flag = db_flag
        self.lang_flag = lang_flag
        try:
            self.file_values = read_config_file(config_path())
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
        return self._database

    def store(self):
        """The full store interface."""
        if self._store is None:
            from growthlog.store.api import Store

            self._store = Store(self.database())
        return self._store

    def today(self) -> dt.date:
        return today()


def today() -> dt.date:
    """Today, or ``GROWTHLOG_TODAY`` (ISO) when set: tests and screenshots pin the date with it."""
    pinned = os.environ.get("GROWTHLOG_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def parse_day(text: str | None) -> dt.date:
    from growthlog.services.dates import DateError, parse_date

    if text is None:
        return today()
    try:
        return parse_date(text, today())
    except DateError as error:
        raise UserError(str(error)) from None


def resolve_kind_option(text: str | None) -> str | None:
    from growthlog.kinds import KINDS, resolve_kind

    if text is None:
        return None
    kind = resolve_kind(text)
    if kind is None:
        raise UserError(t("cli.unknown_kind", kind=text, kinds=", ".join(KINDS)))
    return kind


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_flag", metavar="PATH", help="Database file (default: in the user data folder; env GROWTHLOG_DB).")
@click.option("--lang", "lang_flag", type=click.Choice(["en", "zh"]), help="Interface language (default: config, then locale).")
@click.option("--demo", is_flag=True, help="Open the app on a throwaway database full of sample data.")
@click.version_option(__version__, prog_name="growthlog")
@click.pass_context
def cli(ctx: click.Context, db_flag: str | None, lang_flag: str | None, demo: bool) -> None:
    """growthlog: an operations growth log (运营成长日志) for the terminal.

    Without a command, opens the app.
    """
    ctx.obj = CliContext(db_flag, lang_flag)
    if ctx.invoked_subcommand is None:
        from growthlog.launch import run_app

        run_app(ctx.obj, demo=demo)
    elif demo:
        raise click.UsageError("--demo opens the app; it cannot be combined with a command")


@cli.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--kind", "-k", "kind_text", metavar="KIND", help="note, problem, strategy, lesson, market, collab, learning, plan (or a Chinese label).")
@click.option("--tag", "-t", "tags", multiple=True, metavar="TAG", help="Add a tag (repeatable); #tags in TEXT count too.")
@click.option("--date", "-d", "date_text", metavar="DATE", help="The day the entry is about (default today).")
@click.option("--field", "-f", "field_texts", multiple=True, metavar="NAME=VALUE", help="A kind-specific field, e.g. severity=high.")
@click.pass_obj
def add(obj: CliContext, text: tuple[str, ...], kind_text: str | None, tags: tuple[str, ...], date_text: str | None, field_texts: tuple[str, ...]) -> None:
    """Add an entry and print its id. TEXT's first line is the title, the rest the body.

    A leading "kind:" sets the kind (problem: …, 问题：…) and #tags become tags, also right after
    Chinese text (留存率下降#留存). Use "-" as TEXT to read it from standard input.
    """
    from growthlog.kinds import DEFAULT_FIELDS
    from growthlog.services.capture import parse_capture
    from growthlog.textutil import BODY_MAX, TAG_MAX, normalize_tags

    raw = sys.stdin.read() if text == ("-",) else " ".join(text)
    capture = parse_capture(raw)
    kind = resolve_kind_option(kind_text) or capture.kind or "note"
    day = parse_day(date_text)
    all_tags = normalize_tags([*capture.tags, *tags])
    if not capture.title:
        raise UserError(t("error.empty_title"))
    if len(capture.body) > BODY_MAX:
        raise UserError(t("cli.body_too_long", limit=f"{BODY_MAX:,}"))
    for tag in all_tags:
        if len(tag) > TAG_MAX:
            raise UserError(t("cli.tag_too_long", tag=tag[:20], limit=TAG_MAX))
    from growthlog.config import default_author

    author = obj.file_values.get("author") or default_author()
    if field_texts:
        # Kind-specific fields need the models' validation: the slower, complete path.
        fields = parse_field_options(field_texts)
        entry = build_entry(kind=kind, title=capture.title, body=capture.body, tags=all_tags, day=day, author=author, fields=fields)
        new_id = obj.store().add_entry(entry).id
    else:
        from growthlog.store.rows import add_row, make_row

        now = dt.datetime.now().replace(microsecond=0).isoformat()
        row = make_row(
            day=day.isoformat(), kind=kind, title=capture.title, body=capture.body, tags=all_tags,
            author=author, created=now, fields=dict(DEFAULT_FIELDS[kind]),
        )
        new_id = add_row(obj.database(), row)
    click.echo(new_id)


def parse_field_options(field_texts: tuple[str, ...]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for item in field_texts:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(t("cli.bad_field", item=item), param_hint="--field")
        fields[name.strip()] = value.strip()
    return fields


def build_entry(**values: Any):
    """An Entry from command-line values; a validation error becomes one readable line."""
    from pydantic import ValidationError

    from growthlog.models import Entry

    kind = values["kind"]
    fields = values.get("fields") or {}
    # Date fields accept the same words as --date.
    from growthlog.models import KIND_FIELDS, field_is_date

    for name, value in list(fields.items()):
        if name in KIND_FIELDS[kind].model_fields and field_is_date(kind, name) and value:
            fields[name] = parse_day(value).isoformat()
    try:
        return Entry(**values)
    except ValidationError as error:
        raise UserError(describe_validation_error(error, kind)) from None


def describe_validation_error(error, kind: str) -> str:
    """One line naming the field at fault and what it accepts."""
    from growthlog.models import KIND_FIELDS, field_choices

    first = error.errors()[0]
    location = [str(part) for part in first["loc"]]
    name = location[-1] if location else ""
    if first["type"] == "extra_forbidden":
        known = ", ".join(KIND_FIELDS[kind].model_fields) or "—"
        return t("cli.unknown_field", name=name, kind=kind, known=known)
    if name in KIND_FIELDS[kind].model_fields and (choices := field_choices(kind, name)):
        return t("cli.bad_choice", name=name, value=first.get("input"), choices=", ".join(choices))
    message = first["msg"].removeprefix("Value error, ")
    return f"{name}: {message}" if name else message


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: one clear line for every error, never a traceback."""
    try:
        code = cli.main(args=argv, prog_name="growthlog", standalone_mode=False)
    except click.exceptions.Exit as exit_:
        code = exit_.exit_code
    except click.ClickException as error:
        error.show()
        code = error.exit_code
    except click.Abort:
        click.echo("growthlog: aborted", err=True)
        code = 1
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        code = 0
    except Exception as error:  # noqa: BLE001 - the promise is: no traceback, one line
        if os.environ.get("GROWTHLOG_DEBUG"):
            raise
        from growthlog.store.db import StoreError

        if isinstance(error, StoreError):
            click.echo(f"growthlog: {error}", err=True)
        else:
            click.echo(f"growthlog: unexpected error: {type(error).__name__}: {error}", err=True)
        code = 1
    sys.exit(code if isinstance(code, int) else 0)
