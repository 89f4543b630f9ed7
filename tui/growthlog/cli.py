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
from growthlog.textutil import display_width, fit, pad


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


# Reading the log: list, search, show. Output for people by default, JSON with --json.

_EXPORT_FORMATS = ("md", "json", "csv")


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


def format_table(entries: list) -> list[str]:
    """Lines of an id / day / kind / title / tags table whose columns line up with Chinese text.
    On a terminal, long titles and tag lists are cut to fit its width; piped output is never cut."""
    from growthlog.i18n import kind_label

    headers = [t("cli.col.id"), t("cli.col.day"), t("cli.col.kind"), t("cli.col.title"), t("cli.col.tags")]
    rows = [
        [str(entry.id), entry.day.isoformat(), kind_label(entry.kind), entry.title, " ".join(f"#{tag}" for tag in entry.tags)]
        for entry in entries
    ]
    widths = [max(display_width(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    if stdout_is_terminal():
        import shutil

        room = shutil.get_terminal_size().columns - sum(widths[:3]) - 2 * 4
        tags_width = min(widths[4], max(10, room // 3))
        widths[3] = min(widths[3], max(10, room - tags_width))
        widths[4] = tags_width
    lines = []
    for row in [headers, *rows]:
        cells = [pad(row[0], widths[0], right=True)]
        cells += [pad(fit(cell, width), width) for cell, width in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
    return lines


def echo_json(value: Any) -> None:
    import json

    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def echo_entries(entries: list, as_json: bool) -> None:
    if as_json:
        from growthlog.services.exchange import entry_to_dict

        echo_json([entry_to_dict(entry) for entry in entries])
    else:
        for line in format_table(entries):
            click.echo(line)


@cli.command("list")
@filter_options
@click.option("--limit", "-n", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many entries.")
@click.option("--json", "as_json", is_flag=True, help="Print the entries as JSON.")
@click.pass_obj
def list_command(obj: CliContext, kind_texts, tag_text, since_text, until_text, limit: int, as_json: bool) -> None:
    """List entries, newest day first."""
    where = build_filter(kind_texts, tag_text, since_text, until_text)
    store = obj.store()
    entries = store.list_entries(where, limit=limit)
    if not entries and not as_json:
        click.echo(t("cli.list.none"), err=True)
        return
    echo_entries(entries, as_json)
    if len(entries) == limit and not as_json:
        total = store.count_entries(where)
        if total > limit:
            click.echo(t("cli.list.more", shown=limit, total=total), err=True)


@cli.command()
@click.argument("query", nargs=-1, required=True)
@filter_options
@click.option("--limit", "-n", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many results.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.pass_obj
def search(obj: CliContext, query: tuple[str, ...], kind_texts, tag_text, since_text, until_text, limit: int, as_json: bool) -> None:
    """Search entries, best matches first.

    Titles, bodies, tags and field values are searched, Chinese or not. Every word of QUERY must match; words are matched literally, also within Chinese text.
    """
    text = " ".join(query).strip()
    if not text:
        raise UserError(t("cli.search.empty"))
    where = build_filter(kind_texts, tag_text, since_text, until_text)
    entries = obj.store().search(text, where, limit)
    if not entries and not as_json:
        click.echo(t("cli.search.none", query=text), err=True)
        return
    echo_entries(entries, as_json)


def parse_entry_id(text: str) -> int:
    """An entry id as typed: 12 or #12."""
    cleaned = text.strip().lstrip("#")
    if not cleaned.isascii() or not cleaned.isdigit() or len(cleaned) > 18:
        raise click.BadParameter(t("cli.bad_id", text=text), param_hint="ID")
    return int(cleaned)


@cli.command()
@click.argument("entry_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the entry as JSON.")
@click.pass_obj
def show(obj: CliContext, entry_id: str, as_json: bool) -> None:
    """Show one entry whole.

    Its details, every field of its kind (named in the interface language) and its body.
    """
    number = parse_entry_id(entry_id)
    entry = obj.store().get_entry(number)
    if entry is None:
        raise UserError(t("cli.show.not_found", id=number))
    if as_json:
        from growthlog.services.exchange import entry_to_dict

        echo_json(entry_to_dict(entry))
        return
    for line in format_entry(entry):
        click.echo(line)


def format_entry(entry) -> list[str]:
    """The lines of ``show``: heading, details, kind fields (all of them, translated names), body."""
    from growthlog.i18n import kind_label
    from growthlog.services.exchange import field_rows

    empty = t("cli.show.empty")
    details = [
        (t("cli.show.day"), entry.day.isoformat()),
        (t("cli.show.tags"), " ".join(f"#{tag}" for tag in entry.tags)),
        (t("cli.show.author"), entry.author),
        (t("cli.show.created"), entry.created.isoformat(sep=" ")),
        (t("cli.show.updated"), entry.updated.isoformat(sep=" ")),
        (t("cli.show.links"), " ".join(f"{link.type}:{link.ref}" for link in entry.links)),
    ]
    fields = [(label, text) for _name, label, text in field_rows(entry)]
    width = max(display_width(label) for label, _ in details + fields)
    lines = [f"#{entry.id}  {kind_label(entry.kind)} · {entry.title}", ""]

    def add(label: str, text: str) -> None:
        value_lines = text.strip().splitlines() or [empty]
        lines.append(f"{pad(label, width)}  {value_lines[0]}".rstrip())
        lines.extend((" " * (width + 2) + more).rstrip() for more in value_lines[1:])

    for label, text in details:
        add(label, text)
    if fields:
        lines.append("")
        for label, text in fields:
            add(label, text)
    if entry.body.strip():
        lines.append("")
        lines.extend(entry.body.strip("\n").splitlines())
    return lines


# Moving entries in and out: export, import, backup.


@cli.command()
@click.option("--format", "-f", "fmt", type=click.Choice(_EXPORT_FORMATS), help="md (default), json (lossless, re-importable) or csv; guessed from --output's extension when not given.")
@filter_options
@click.option("--output", "-o", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of standard output (CSV files get a UTF-8 BOM for spreadsheets).")
@click.pass_obj
def export(obj: CliContext, fmt: str | None, kind_texts, tag_text, since_text, until_text, output: Path | None) -> None:
    """Export entries as Markdown, JSON or CSV.

    Oldest first. Markdown has one section per day; JSON is growthlog's own lossless format,
    which `growthlog import` reads back; CSV has one column per field.
    """
    where = build_filter(kind_texts, tag_text, since_text, until_text)
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        fmt = {"json": "json", "csv": "csv"}.get(suffix, "md")
    from growthlog.services import exchange

    store = obj.store()
    write = exchange.EXPORTERS[fmt]
    if output is None:
        write(exchange.iter_entries(store, where), sys.stdout)
        return
    target = output.expanduser()
    # Written next to the target, then renamed over it: a failed export leaves no half file.
    partial = target.with_name(f".{target.name}.partial")
    try:
        with partial.open("w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as handle:
            count = write(exchange.iter_entries(store, where), handle)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise UserError(t("cli.export.cannot_write", path=target, reason=error.strerror or error)) from None
    click.echo(t("cli.export.done", count=count, path=target), err=True)


class _Progress:
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


@cli.command("import")
@click.argument("file", metavar="FILE")
@click.option("--dry-run", is_flag=True, help="Check the file and say what would be imported; write nothing.")
@click.option("--define", is_flag=True, help="CSV: define the metrics the file names that do not exist yet.")
@click.pass_obj
def import_command(obj: CliContext, file: str, dry_run: bool, define: bool) -> None:
    """Import entries from a JSON export, or metric values from a CSV file.

    JSON (*.json): growthlog's own export or jrnl's (jrnl --format json); the format is recognised
    by itself. Ids are kept when free; otherwise entries get new ones and links between them follow.

    CSV (*.csv, *.tsv, *.txt; UTF-8 or GB18030, comma or tab separated): metric values, one per line
    (date,metric,value[,note]) or one column per metric (date,dau,mau…); headers in English or
    Chinese (日期, 指标, 数值, 备注); values as people write them (1,234, 12.5%, 3.2万). A day that
    has a value already gets the new one; --dry-run says per metric how many are added and replaced.

    Everything is checked first and written in one transaction: a file with a bad entry or line
    imports nothing, and the message names it (for CSV, its line and column).
    """
    import sqlite3

    path = Path(file).expanduser()
    from growthlog.commands.metrics import CSV_SUFFIXES, import_csv

    if path.suffix.lower() in CSV_SUFFIXES:
        import_csv(obj, path, dry_run=dry_run, define=define)
        return
    if define:
        raise click.UsageError(t("metrics.import.define_csv_only"))
    if path.suffix.lower() != ".json":
        raise UserError(t("metrics.import.unsupported", path=path))

    from growthlog.config import default_author
    from growthlog.services import exchange
    from growthlog.store.db import StoreError

    try:
        data = exchange.read_json_file(path)
        fmt = exchange.detect_format(data)
        total = len(data["entries"])
        if total == 0:
            click.echo(t("cli.import.nothing", path=path))
            return
        store = obj.store()
        author = obj.file_values.get("author") or default_author()
        with _Progress(total, t("cli.progress.checking")) as progress:
            plan = exchange.plan_import(data, store, author=author, progress=progress.callback)
    except exchange.ExchangeError as error:
        raise UserError(str(error)) from None
    if dry_run:
        click.echo(t("cli.import.dry_run", count=len(plan.entries), path=path, format=fmt))
    else:
        try:
            with _Progress(total, t("cli.progress.importing")) as progress:
                exchange.apply_import(plan, store, progress=progress.callback)
        except (sqlite3.Error, StoreError, OverflowError) as error:
            raise UserError(t("cli.import.failed", reason=error)) from None
        click.echo(t("cli.import.done", count=len(plan.entries), path=path, format=fmt))
    if plan.new_ids:
        click.echo(t("cli.import.renumbered_dry" if dry_run else "cli.import.renumbered", count=plan.new_ids))


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.pass_obj
def backup(obj: CliContext, path: Path | None) -> None:
    """Copy the database safely, even while it is in use.

    Uses SQLite's backup API, so the copy is consistent while the app is open.
    Default: growthlog-backup-<date>-<time>.db next to the database; PATH may be a file name or a
    folder. An existing file is never overwritten. Prints where the copy went.
    """
    import sqlite3

    source = obj.db_path.expanduser()
    if not source.is_file():
        raise UserError(t("cli.backup.no_database", path=source))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = source.parent
    if path is not None:
        path = path.expanduser()
        folder = path if path.is_dir() else None
    if folder is not None:
        # A default name: a second backup within the same second gets -2, -3…
        names = (f"{source.stem}-backup-{stamp}{'' if n == 1 else f'-{n}'}{source.suffix or '.db'}" for n in range(1, 100))
        candidates = [folder / name for name in names]
    else:
        candidates = [path]
    database = obj.database()
    for target in candidates:
        target = target.absolute()
        if target.resolve() == source.resolve():
            raise UserError(t("cli.backup.same_file", path=target))
        try:
            # Created here, private (0600) and exclusively: an existing file is never overwritten.
            handle = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            break
        except FileExistsError:
            if target == candidates[-1].absolute():
                raise UserError(t("cli.backup.exists", path=target)) from None
        except OSError as error:
            raise UserError(t("cli.backup.failed", path=target, reason=error.strerror or error)) from None
    os.close(handle)
    try:
        database.backup_to(target)
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise UserError(t("cli.backup.failed", path=target, reason=error)) from None
    click.echo(t("cli.backup.done", path=target))


from growthlog.commands.metrics import metric_group  # noqa: E402 - registered after the group exists

cli.add_command(metric_group)

from growthlog.commands.goals import goal_group  # noqa: E402 - registered after the group exists

cli.add_command(goal_group)

from growthlog.commands.review import review_command  # noqa: E402 - registered after the group exists

cli.add_command(review_command)


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
