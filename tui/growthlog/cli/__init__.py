"""The ``growthlog`` command: open the app, or run one command and exit.

This module is the group and the one place that knows every command module: it imports them to
register their commands, and they import only :mod:`growthlog.cli.common`, so the imports point one
way. Import discipline: nothing on these paths imports textual unless the app is opened, and
``add`` (the command people script and bind to hotkeys) avoids pydantic and sqlite-utils too, to
start in well under 150 ms. Heavier modules are imported inside the commands that need them.

Errors reach the user as one line on stderr with exit status 1 (2 for usage errors), never as a
traceback; set ``GROWTHLOG_DEBUG=1`` to see the traceback of an unexpected error.
"""

from __future__ import annotations

import os
import sys

import click

from growthlog import __version__
from growthlog.cli import entries, exchange, goals, metrics, review, team
from growthlog.cli.common import CliContext


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
        # Imported here: opening the app is the one path that may load textual.
        from growthlog.cli.launch import run_app

        run_app(ctx.obj, demo=demo)
    elif demo:
        raise click.UsageError("--demo opens the app; it cannot be combined with a command")


cli.add_command(entries.add)
cli.add_command(entries.list_command)
cli.add_command(entries.search)
cli.add_command(entries.show)
cli.add_command(exchange.export)
# CSV files are metric values: the metric commands' side of import reads them.
cli.add_command(exchange.import_command(import_csv=metrics.import_csv))
cli.add_command(exchange.backup)
cli.add_command(metrics.metric_group)
cli.add_command(goals.goal_group)
cli.add_command(review.review_command)
cli.add_command(team.init)


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
