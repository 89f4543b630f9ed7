"""The log out of growthlog: Markdown for people and CSV for spreadsheets (entries), growthlog's
JSON for a lossless round trip of the whole log (:mod:`.log_export`). Output goes to any text
stream, written record by record, and entries are read from the store a page at a time, so that a
large export never sits in memory. How an entry looks when exported changes here and nowhere else.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from growthlog.i18n import kind_label, t
from growthlog.kinds import KINDS
from growthlog.models import Entry, field_choices, field_names
from growthlog.services.exchange.log_export import entry_pages, export_log
from growthlog.store.api import Store
from growthlog.store.entries import EntryFilter

EXPORT_FORMATS = ("md", "json", "csv")


# Reading entries out of the store


def iter_entries(store: Store, where: EntryFilter = EntryFilter(), *, batch: int = 500) -> Iterator[Entry]:
    """Every entry matching ``where``, oldest day first, fetched a page at a time."""
    for page in entry_pages(store, where, batch=batch):
        yield from page


def field_rows(entry: Entry, *, filled_only: bool = False) -> list[tuple[str, str, str]]:
    """(name, translated label, value as text) of an entry's kind fields, in form order, for
    people to read: choices are translated too (the app's ``field.*`` and ``choice.*`` wording)."""
    rows = []
    for name in field_names(entry.kind):
        value = entry.fields.get(name)
        text = "" if value is None else str(value)
        if filled_only and not text.strip():
            continue
        if text and field_choices(entry.kind, name):
            text = t(f"choice.{text}")
        rows.append((name, t(f"field.{name}"), text))
    return rows


# Export


def csv_columns() -> list[str]:
    """The CSV header: the common columns, every kind field once (in kind order), then the body."""
    names: dict[str, None] = {}
    for kind in KINDS:
        for name in field_names(kind):
            names.setdefault(name, None)
    return ["id", "day", "kind", "title", "tags", "author", "created", "updated", "links", *names, "body"]


def export_csv(entries: Iterable[Entry], out: TextIO) -> int:
    """One row per entry, one column per field, for spreadsheets. Tags are space-separated (a tag
    holds no spaces), links are ``type:ref`` separated by spaces."""
    columns = csv_columns()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    count = 0
    for entry in entries:
        row: dict[str, Any] = {
            "id": entry.id,
            "day": entry.day.isoformat(),
            "kind": entry.kind,
            "title": entry.title,
            "tags": " ".join(entry.tags),
            "author": entry.author,
            "created": entry.created.isoformat(),
            "updated": entry.updated.isoformat(),
            "links": " ".join(f"{link.type}:{link.ref}" for link in entry.links),
            "body": entry.body,
        }
        for name, value in entry.fields.items():
            row[name] = "" if value is None else value
        writer.writerow(row)
        count += 1
    return count


def export_markdown(entries: Iterable[Entry], out: TextIO, *, title: str | None = None) -> int:
    """A readable document: one section per day, each entry with its kind, title, tags, filled
    fields and body. Entries must come grouped by day (as :func:`iter_entries` gives them)."""
    out.write(f"# {title or t('cli.md.title')}\n")
    current_day = None
    count = 0
    for entry in entries:
        if entry.day != current_day:
            current_day = entry.day
            out.write(f"\n## {entry.day.isoformat()}\n")
        out.write(f"\n### {kind_label(entry.kind)} · {entry.title}")
        out.write(f" (#{entry.id})\n" if entry.id is not None else "\n")
        if entry.tags:
            out.write("\n" + t("cli.md.tags", tags=" ".join(f"`#{tag}`" for tag in entry.tags)) + "\n")
        rows = field_rows(entry, filled_only=True)
        if rows:
            out.write("\n")
            for _name, label, text in rows:
                text = text.strip().replace("\n", "\n  ")
                out.write(f"- **{label}**: {text}\n")
        if entry.body.strip():
            out.write("\n" + nest_headings(entry.body.strip("\n"), 3) + "\n")
        count += 1
    if not count:
        out.write("\n" + t("cli.md.empty") + "\n")
    return count


_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def nest_headings(markdown: str, levels: int) -> str:
    """Markdown with its ATX headings moved ``levels`` deeper (at most ``######``), fenced code
    left alone: a body's ``## 现象`` must not become a section of the export's own outline."""
    lines = []
    fence = None
    for line in markdown.split("\n"):
        if m := _FENCE.match(line):
            marker = m[1][0]
            if fence is None:
                fence = marker
            elif fence == marker:
                fence = None
        elif fence is None and (m := _HEADING.match(line)):
            depth = min(6, len(m[2]) + levels)
            line = m[1] + "#" * depth + line[m.end():]
        lines.append(line)
    return "\n".join(lines)


def _entries_only(write: Callable[[Iterable[Entry], TextIO], int]) -> Callable[..., dict[str, int]]:
    def export(store: Store, out: TextIO, where: EntryFilter = EntryFilter()) -> dict[str, int]:
        return {"entries": write(iter_entries(store, where), out)}

    export.__doc__ = write.__doc__
    return export


EXPORTERS: dict[str, Callable[..., dict[str, int]]] = {
    "md": _entries_only(export_markdown),
    "json": export_log,
    "csv": _entries_only(export_csv),
}
"""Format → ``export(store, out, where)``, which writes the export to ``out`` and returns how many
records of each type it holds (``{"entries": n}`` for Markdown and CSV)."""
