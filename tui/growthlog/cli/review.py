"""``growthlog review``: a period's review as Markdown or JSON, and the list of saved reviews.

Import-light like every command module: click and the catalogs at import time; the store, pydantic
and the review services inside the command. Nothing here imports textual.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from growthlog.cli.common import UserError
from growthlog.i18n import t

FORMATS = ("md", "json")


@click.command("review")
@click.option("--period", "-p", "period_text", metavar="PERIOD", default="sprint", show_default=True,
              help="sprint, week, month, quarter (the one containing today; sprint-1 is the one before), "
                   "2026-11, 2026-Q4, or START..END with any date form --date takes.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS),
              help="md (default: a report to read) or json (every number); guessed from --output's extension.")
@click.option("--output", "-o", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE instead of standard output.")
@click.option("--fresh", is_flag=True,
              help="Recompute the numbers of a saved review from today's data (the saved review is not changed).")
@click.option("--author", "-a", "author_text", metavar="NAME",
              help="One member's review: what they wrote and the goals they own (the data stays the team's); "
                   "always from today's data, without the team's written part.")
@click.option("--mine", is_flag=True, help="Your own review (--author with your author name).")
@click.option("--list", "list_saved", is_flag=True, help="List the saved reviews instead.")
@click.pass_obj
def review_command(obj, period_text: str, fmt: str | None, output: Path | None, fresh: bool, author_text: str | None,
                   mine: bool, list_saved: bool) -> None:
    """Review a period: goals, data, problems, strategy changes, lessons, notes and activity.

    When the period has a saved review (written in the app's Review mode), its numbers are the
    ones it was written with, followed by its written part; --fresh recomputes them. When several
    people wrote in the period, the team's review names who wrote what. Sprints are cut by
    `sprint_days` (default 14) and `sprint_start` (a day a sprint began; default a Monday) in the
    config file.
    """
    from growthlog.config import ConfigError, resolve_sprint
    from growthlog.services.periods import PeriodError, parse_period

    store = obj.store()
    if list_saved:
        _list_reviews(store)
        return
    try:
        sprint = resolve_sprint(obj.file_values)
        period = parse_period(period_text, obj.today(), sprint)
    except (ConfigError, PeriodError) as error:
        raise UserError(str(error)) from None
    if fmt is None:
        fmt = "json" if output is not None and output.suffix.lower() == ".json" else "md"
    from growthlog.services.review.builder import build_report
    from growthlog.services.review.report import ReviewReport
    from growthlog.services.review_text import render, write_file

    author = _member(obj, store, author_text, mine)
    saved = store.review_for(period.start, period.end)
    if author is not None:
        report = build_report(store, period, obj.today(), author)
    elif saved is not None and saved.report and not fresh:
        report = ReviewReport.from_json_dict(saved.report)
    else:
        report = build_report(store, period, obj.today())
    text = render(report, saved, fmt)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_file(output, text)
    except OSError as error:
        raise UserError(t("cli.export.cannot_write", path=output, reason=error.strerror or error)) from None
    click.echo(t("review.cli.written", path=output.expanduser()), err=True)


def _member(obj, store, author_text: str | None, mine: bool) -> str | None:
    """The member whose review is asked for (None: the team's). A name nobody writes under is an
    error (a typo would otherwise give an empty review); someone who wrote nothing in the period
    gets their empty review."""
    if author_text is not None and mine:
        raise click.UsageError(t("cli.author.both"))
    if mine:
        return obj.author()
    if author_text is None:
        return None
    from growthlog.entry_rules import clean_author

    name = clean_author(author_text)
    if not name:
        raise UserError(t("cli.author.empty"))
    known = [known_name for known_name in store.authors() if known_name]
    if name not in known and not any(goal.author == name for goal in store.list_goals()):
        names = t("team.list_separator").join(known) or "—"
        raise UserError(t("review.cli.unknown_author", name=name, names=names))
    return name


def _list_reviews(store) -> None:
    from growthlog.services.periods import Period

    reviews = store.list_reviews()
    if not reviews:
        click.echo(t("review.cli.none_saved"), err=True)
        return
    for review in reviews:
        period = Period(review.period_kind, review.start, review.end)
        summary = review.summary.splitlines()[0] if review.summary else ""
        line = f"#{review.id}  {period.start.isoformat()}..{period.end.isoformat()}  {period.label()}"
        click.echo(f"{line}  {summary}".rstrip())
