"""Opening the app from the command line: settings, the database (or a demo one), then run.

Kept apart from the commands so that the paths that do not open the app never import textual: the
group imports this module only when the app is about to run, and the app itself is imported only
once the settings and the database are ready.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import click

from growthlog.cli.common import CliContext, UserError, today
from growthlog.config import ConfigError, load_settings
from growthlog.i18n import set_language


def run_app(cli_context: CliContext, *, demo: bool = False) -> None:
    """Run the app on the user's database, or with ``demo`` on a throwaway one full of samples."""
    try:
        settings = load_settings(db=cli_context.db_flag, language=cli_context.lang_flag)
    except ConfigError as error:
        raise UserError(str(error)) from None
    # The language must be set before the UI modules are imported: key descriptions are built
    # when their classes are.
    set_language(settings.language)
    from growthlog.store.api import Store
    from growthlog.store.db import StoreError

    demo_folder = None
    try:
        if demo:
            from growthlog.demo import fill_demo

            demo_folder = Path(tempfile.mkdtemp(prefix="growthlog-demo-"))
            settings = settings.model_copy(update={"db": demo_folder / "demo.db"})
            store = Store.open(settings.db, author=settings.author)
            fill_demo(store, today(), sprint=settings.sprint_rule())
        else:
            store = Store.open(settings.db, author=settings.author)
    except StoreError as error:
        raise UserError(str(error)) from None
    try:
        from growthlog.app import make_app

        app = make_app(settings, store, today=today() if _date_pinned() else None, demo=demo)
        app.run()
    finally:
        store.close()
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)
    if app.return_code:
        raise click.exceptions.Exit(app.return_code)


def _date_pinned() -> bool:
    import os

    return bool(os.environ.get("GROWTHLOG_TODAY"))
