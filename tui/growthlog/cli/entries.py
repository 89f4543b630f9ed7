"""``growthlog add``, ``list``, ``search`` and ``show``: writing and reading the log.

``add`` is the command people script and bind to hotkeys, so without ``--field`` it writes its row
directly (no pydantic, no sqlite-utils) and starts in well under 150 ms; with ``--field`` it goes
through the models, which validate kind-specific fields. Reading prints for people by default and
JSON with ``--json``.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from growthlog.cli.common import (
    CliContext,
    author_options,
    UserError,
    aligned_lines,
    build_filter,
    with_author,
    column_widths,
    echo_json,
    entry_text_message,
    filter_options,
    labelled_lines,
    parse_day,
    parse_id,
    resolve_kind_option,
    terminal_columns,
)
from growthlog.i18n import t
from growthlog.textutil import display_width


@click.command()
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
    from growthlog.entry_rules import EntryTextError, clean_entry_text
    from growthlog.kinds import DEFAULT_FIELDS
    from growthlog.services.capture import parse_capture

    raw = sys.stdin.read() if text == ("-",) else " ".join(text)
    capture = parse_capture(raw)
    kind = resolve_kind_option(kind_text) or capture.kind or "note"
    day = parse_day(date_text)
    try:
        # The model's own rules, so that both paths below store the same text or refuse it alike.
        cleaned = clean_entry_text(title=capture.title, body=capture.body, tags=[*capture.tags, *tags], author=obj.author())
    except EntryTextError as error:
        raise UserError(entry_text_message(error)) from None
    if field_texts:
        # Kind-specific fields need the models' validation: the slower, complete path.
        entry = build_entry(kind=kind, day=day, fields=parse_field_options(field_texts), **cleaned._asdict())
        new_id = obj.store().add_entry(entry).id
    else:
        from growthlog.store.rows import add_row, make_row

        now = dt.datetime.now().replace(microsecond=0).isoformat()
        row = make_row(day=day.isoformat(), kind=kind, created=now, fields=dict(DEFAULT_FIELDS[kind]), **cleaned._asdict())
        new_id = add_row(obj.database(), row)
    click.echo(new_id)


def parse_field_options(field_texts: tuple[str, ...]) -> dict[str, str]:
    """--field NAME=VALUE options as a dict; a value may hold '=' itself."""
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

    from growthlog.models import KIND_FIELDS, Entry, field_is_date

    kind = values["kind"]
    fields = values.get("fields") or {}
    # Date fields accept the same words as --date.
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


@click.command("list")
@filter_options
@author_options
@click.option("--limit", "-n", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many entries.")
@click.option("--json", "as_json", is_flag=True, help="Print the entries as JSON.")
@click.pass_obj
def list_command(
    obj: CliContext, kind_texts, tag_text, since_text, until_text, author_text, mine: bool, limit: int, as_json: bool
) -> None:
    """List entries, newest day first.

    Where several people write in the database, a column says who wrote each entry.
    """
    where = with_author(obj, build_filter(kind_texts, tag_text, since_text, until_text), author_text, mine)
    store = obj.store()
    entries = store.list_entries(where, limit=limit)
    if not entries and not as_json:
        click.echo(t("cli.list.none"), err=True)
        return
    echo_entries(entries, as_json, with_authors=not as_json and store.several_writers())
    if len(entries) == limit and not as_json:
        total = store.count_entries(where)
        if total > limit:
            click.echo(t("cli.list.more", shown=limit, total=total), err=True)


@click.command()
@click.argument("query", nargs=-1, required=True)
@filter_options
@author_options
@click.option("--limit", "-n", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many results.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.pass_obj
def search(
    obj: CliContext, query: tuple[str, ...], kind_texts, tag_text, since_text, until_text, author_text, mine: bool,
    limit: int, as_json: bool,
) -> None:
    """Search entries, best matches first.

    Titles, bodies, tags and field values are searched, Chinese or not. Every word of QUERY must match; words are matched literally, also within Chinese text.
    """
    text = " ".join(query).strip()
    if not text:
        raise UserError(t("cli.search.empty"))
    where = with_author(obj, build_filter(kind_texts, tag_text, since_text, until_text), author_text, mine)
    store = obj.store()
    entries = store.search(text, where, limit)
    if not entries and not as_json:
        click.echo(t("cli.search.none", query=text), err=True)
        return
    echo_entries(entries, as_json, with_authors=not as_json and store.several_writers())


def echo_entries(entries: list, as_json: bool, *, with_authors: bool = False) -> None:
    if as_json:
        from growthlog.services.exchange import entry_to_dict

        echo_json([entry_to_dict(entry) for entry in entries])
    else:
        for line in format_table(entries, with_authors=with_authors):
            click.echo(line)


def format_table(entries: list, *, with_authors: bool = False) -> list[str]:
    """Lines of an id / day / kind / title / tags table (with the author after the kind when
    several people write) whose columns line up with Chinese text. On a terminal, long titles and
    tag lists are cut to fit its width; piped output is never cut."""
    from growthlog.i18n import kind_label

    headers = [t("cli.col.id"), t("cli.col.day"), t("cli.col.kind"), t("cli.col.title"), t("cli.col.tags")]
    rows = [
        [str(entry.id), entry.day.isoformat(), kind_label(entry.kind), entry.title, " ".join(f"#{tag}" for tag in entry.tags)]
        for entry in entries
    ]
    if with_authors:
        headers.insert(3, t("cli.col.author"))
        for row, entry in zip(rows, entries):
            row.insert(3, entry.author or "—")
    widths = column_widths([headers, *rows])
    columns = terminal_columns()
    if columns is not None:
        # The title gets what the id, day, kind (and author) leave, the tags at most a third of it.
        title, tags = len(headers) - 2, len(headers) - 1
        room = columns - sum(widths[:title]) - 2 * (len(headers) - 1)
        tags_width = min(widths[tags], max(10, room // 3))
        widths[title] = min(widths[title], max(10, room - tags_width))
        widths[tags] = tags_width
    return aligned_lines([headers, *rows], widths, right=(0,))


@click.command()
@click.argument("entry_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the entry as JSON.")
@click.pass_obj
def show(obj: CliContext, entry_id: str, as_json: bool) -> None:
    """Show one entry whole.

    Its details, every field of its kind (named in the interface language) and its body.
    """
    number = parse_id(entry_id, "cli.bad_id")
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

    details = [
        (t("cli.show.day"), entry.day.isoformat()),
        (t("cli.show.tags"), " ".join(f"#{tag}" for tag in entry.tags)),
        (t("cli.show.author"), entry.author),
        (t("cli.show.created"), entry.created.isoformat(sep=" ")),
        (t("cli.show.updated"), entry.updated.isoformat(sep=" ")),
        (t("cli.show.links"), " ".join(f"{link.type}:{link.ref}" for link in entry.links)),
    ]
    fields = [(label, text) for _name, label, text in field_rows(entry)]
    # Details and fields share one value column.
    width = max(display_width(label) for label, _ in details + fields)
    empty = t("cli.show.empty")
    lines = [f"#{entry.id}  {kind_label(entry.kind)} · {entry.title}", ""]
    lines += labelled_lines([(label, text.strip()) for label, text in details], width, empty=empty)
    if fields:
        lines.append("")
        lines += labelled_lines([(label, text.strip()) for label, text in fields], width, empty=empty)
    if entry.body.strip():
        lines.append("")
        lines.extend(entry.body.strip("\n").splitlines())
    return lines
