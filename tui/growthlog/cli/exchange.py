"""``growthlog export``, ``import`` and ``backup``: moving the log in and out.

The formats themselves are :mod:`growthlog.services.exchange`; here are the options, the files and
the messages. ``import`` reads CSV files too, as metric values: that side belongs to the metric
commands, so the group hands it to :func:`import_command` instead of this module importing them.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from growthlog.cli.common import CliContext, Progress, UserError, build_filter, filter_options
from growthlog.i18n import t

# The same as services.exchange.EXPORT_FORMATS (a test keeps them equal): a copy, so that parsing
# the options costs no pydantic import.
EXPORT_FORMATS = ("md", "json", "csv")
# Files that `growthlog import` reads as metric values rather than as a JSON export.
CSV_SUFFIXES = (".csv", ".tsv", ".txt")


@click.command()
@click.option("--format", "-f", "fmt", type=click.Choice(EXPORT_FORMATS), help="md (default), json (the whole log, lossless, merged back by import) or csv; guessed from --output's extension when not given.")
@filter_options
@click.option("--output", "-o", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of standard output (CSV files get a UTF-8 BOM for spreadsheets).")
@click.pass_obj
def export(obj: CliContext, fmt: str | None, kind_texts, tag_text, since_text, until_text, output: Path | None) -> None:
    """Export the log as JSON, or its entries as Markdown or CSV.

    Entries oldest first. Markdown has one section per day; CSV has one column per field. JSON is
    growthlog's own lossless format: the whole log (entries, metrics and their values, goals and
    their check-ins, saved reviews), every record with its UUID, which `growthlog import` merges
    into another database; with --kind, --tag, --since or --until it holds those entries only.
    """
    where = build_filter(kind_texts, tag_text, since_text, until_text)
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        fmt = {"json": "json", "csv": "csv"}.get(suffix, "md")
    from growthlog.services import exchange

    store = obj.store()
    write = exchange.EXPORTERS[fmt]
    if output is None:
        write(store, sys.stdout, where)
        return
    target = output.expanduser()
    # Written next to the target, then renamed over it: a failed export leaves no half file.
    partial = target.with_name(f".{target.name}.partial")
    try:
        with partial.open("w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as handle:
            counts = write(store, handle, where)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise UserError(t("cli.export.cannot_write", path=target, reason=error.strerror or error)) from None
    click.echo(exported_message(counts, target), err=True)


def exported_message(counts: dict[str, int], target: Path) -> str:
    """What an export wrote: its entries, or every type of record it holds."""
    others = {name: count for name, count in counts.items() if count and name != "entries"}
    if not others:
        return t("cli.export.done", count=counts.get("entries", 0), path=target)
    details = t("cli.export.detail_separator").join(
        t("cli.export.detail", type=t(f"cli.import.type.{name}"), count=count) for name, count in counts.items() if count
    )
    return t("cli.export.done_log", count=sum(counts.values()), path=target, details=details)


def import_command(import_csv: Callable[..., None]) -> click.Command:
    """The ``import`` command; CSV files go to ``import_csv(obj, path, dry_run=, define=)``."""

    @click.command("import")
    @click.argument("file", metavar="FILE")
    @click.option("--dry-run", is_flag=True, help="Check the file and say what would be imported; write nothing.")
    @click.option("--define", is_flag=True, help="CSV: define the metrics the file names that do not exist yet.")
    @click.pass_obj
    def import_(obj: CliContext, file: str, dry_run: bool, define: bool) -> None:
        """Merge a JSON export into the log, or import metric values from a CSV file.

        JSON (*.json): growthlog's own export or jrnl's (jrnl --format json); the format is recognised
        by itself. A record that is here already (the same UUID; a metric of the same key, a value of
        the same metric and day) is updated when the file's copy is newer and left alone otherwise;
        the rest is added, so importing the same file twice changes nothing. Ids are kept when free;
        otherwise records get new ones and the links between them follow. --dry-run says how many
        records of each type would be added, updated and skipped.

        CSV (*.csv, *.tsv, *.txt; UTF-8 or GB18030, comma or tab separated): metric values, one per line
        (date,metric,value[,note]) or one column per metric (date,dau,mau…); headers in English or
        Chinese (日期, 指标, 数值, 备注); values as people write them (1,234, 12.5%, 3.2万). A day that
        has a value already gets the new one; --dry-run says per metric how many are added and replaced.

        Everything is checked first and written in one transaction: a file with a bad record or line
        imports nothing, and the message names it (for CSV, its line and column).
        """
        path = Path(file).expanduser()
        if path.suffix.lower() in CSV_SUFFIXES:
            import_csv(obj, path, dry_run=dry_run, define=define)
            return
        if define:
            raise click.UsageError(t("metrics.import.define_csv_only"))
        if path.suffix.lower() != ".json":
            raise UserError(t("metrics.import.unsupported", path=path))
        import_json(obj, path, dry_run=dry_run)

    return import_


def import_json(obj: CliContext, path: Path, *, dry_run: bool) -> None:
    """The JSON side of ``growthlog import``: plan every record first, then write them all at once;
    say how many of each type were (or would be) added, updated and skipped."""
    from growthlog.services import exchange
    from growthlog.store.db import StoreError

    try:
        data = exchange.read_json_file(path)
        fmt = exchange.detect_format(data)
        total = exchange.count_records(data)
        if total == 0:
            click.echo(t("cli.import.nothing", path=path))
            return
        store = obj.store()
        with Progress(total, t("cli.progress.checking")) as progress:
            plan = exchange.plan_import(data, store, author=obj.author(), progress=progress.callback)
    except exchange.ExchangeError as error:
        raise UserError(str(error)) from None
    if not dry_run:
        try:
            with Progress(plan.writes, t("cli.progress.importing")) as progress:
                exchange.apply_import(plan, store, progress=progress.callback)
        except (StoreError, OverflowError) as error:
            raise UserError(t("cli.import.failed", reason=error)) from None
    click.echo(t("cli.import.dry_run" if dry_run else "cli.import.done", count=plan.total.total, path=path, format=fmt))
    for name in exchange.RECORD_TYPES:
        counts = plan.counts[name]
        if counts.total or name == "entries":
            click.echo(t("cli.import.counts", type=t(f"cli.import.type.{name}"), added=counts.added,
                         updated=counts.updated, skipped=counts.skipped))
    if plan.new_ids:
        click.echo(t("cli.import.renumbered_dry" if dry_run else "cli.import.renumbered", count=plan.new_ids))


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.pass_obj
def backup(obj: CliContext, path: Path | None) -> None:
    """Copy the database safely, even while it is in use.

    Uses SQLite's backup API, so the copy is consistent while the app is open.
    Default: growthlog-backup-<date>-<time>.db next to the database; PATH may be a file name or a
    folder. An existing file is never overwritten. Prints where the copy went.
    """
    from growthlog.store.db import StoreError

    source = obj.db_path.expanduser()
    if not source.is_file():
        raise UserError(t("cli.backup.no_database", path=source))
    database = obj.database()
    target = claim_backup_file(source, backup_candidates(source, path))
    try:
        database.backup_to(target)
    except StoreError as error:
        target.unlink(missing_ok=True)
        raise UserError(t("cli.backup.failed", path=target, reason=error)) from None
    click.echo(t("cli.backup.done", path=target))


def backup_candidates(source: Path, path: Path | None) -> list[Path]:
    """Where a backup may go: ``path`` itself, or default names in a folder (``path``, else the
    database's own) of which the first free one is taken."""
    folder = source.parent
    if path is not None:
        path = path.expanduser()
        folder = path if path.is_dir() else None
    if folder is None:
        return [path]
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    # A second backup within the same second gets -2, -3…
    names = (f"{source.stem}-backup-{stamp}{'' if n == 1 else f'-{n}'}{source.suffix or '.db'}" for n in range(1, 100))
    return [folder / name for name in names]


def claim_backup_file(source: Path, candidates: list[Path]) -> Path:
    """The first candidate that is free, created empty with the database's own openness (the
    group's beside a shared database, else private); never the database itself."""
    from growthlog.store.sharing import file_mode

    mode = file_mode(source)
    for target in (candidate.absolute() for candidate in candidates):
        if target.resolve() == source.resolve():
            raise UserError(t("cli.backup.same_file", path=target))
        if create_private_file(target, mode):
            return target
    raise UserError(t("cli.backup.exists", path=target))


def create_private_file(target: Path, mode: int = 0o600) -> bool:
    """Create ``target`` (0600 unless told) unless it exists: an existing file is never overwritten."""
    try:
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode))
    except FileExistsError:
        return False
    except OSError as error:
        raise UserError(t("cli.backup.failed", path=target, reason=error.strerror or error)) from None
    return True
