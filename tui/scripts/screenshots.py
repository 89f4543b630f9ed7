"""Make the pictures in screenshots/: every screen of the app on the demo data.

The date and the terminal size are fixed, so the pictures change only when the app does:

    python tui/scripts/screenshots.py            # English and Chinese, into screenshots/

Each language runs in a process of its own, because the interface language is chosen before the
UI modules are imported (key descriptions are built with their classes).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

FIXED_TODAY = dt.date(2026, 11, 20)
SIZE = (120, 35)
ROOT = Path(__file__).resolve().parents[2]

# name → keys pressed after start (each followed by letting the app settle)
SHOTS: dict[str, tuple[str, ...]] = {
    "today": (),
    "journal": ("escape", "2", "down", "down"),
    "search": ("escape", "slash", "search:留存"),
    "editor": ("escape", "p"),
    "kind-picker": ("escape", "n"),
    "help": ("escape", "question_mark"),
    "goals": ("escape", "3"),
    "goal-editor": ("escape", "g"),
    "metrics": ("escape", "4", "down", "down"),
    "define-metric": ("escape", "4", "d"),
    "review": ("escape", "5"),
    "review-saved": ("escape", "5", "left"),
}


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def shoot(language: str, output: Path) -> list[Path]:
    from growthlog.config import load_settings
    from growthlog.i18n import set_language

    set_language(language)
    from textual.widgets import Input

    from growthlog.app import make_app
    from growthlog.demo import fill_demo
    from growthlog.store.api import Store

    written = []
    with tempfile.TemporaryDirectory() as folder:
        for name, keys in SHOTS.items():
            db = Path(folder) / f"{name}.db"
            store = Store.open(db)
            fill_demo(store, FIXED_TODAY)
            settings = load_settings(db=str(db), language=language, environ={"GROWTHLOG_CONFIG": str(Path(folder) / "none.toml")})
            settings = settings.model_copy(update={"author": "linxiao"})  # the demo story's own writer
            app = make_app(settings, store, today=FIXED_TODAY, demo=True)
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                for key in keys:
                    if key.startswith("search:"):
                        app.screen.query_one("#search", Input).value = key.removeprefix("search:")
                        await pilot.pause(0.3)
                    else:
                        await pilot.press(key)
                    await settle(pilot)
                if isinstance(app.focused, Input):
                    app.focused.cursor_blink = False
                path = output / f"{name}.{language}.svg"
                app.save_screenshot(filename=path.name, path=str(path.parent))
                written.append(path)
            store.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=["en", "zh"], help="only this language (default: both, each in its own process)")
    parser.add_argument("--output", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args()
    args.output.mkdir(exist_ok=True)
    if args.lang is None:
        for language in ("en", "zh"):
            subprocess.run([sys.executable, __file__, "--lang", language, "--output", str(args.output)], check=True)
        return
    for path in asyncio.run(shoot(args.lang, args.output)):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
