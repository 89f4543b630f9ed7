"""The demo's data files, read from the installed package with :mod:`importlib.resources`.

Read when the demo is built, never at import: importing :mod:`growthlog.demo` costs nothing until
someone asks for a demo. The files are shipped in the wheel through ``package-data`` in
``pyproject.toml``; :func:`data_files` lists every file the engine reads, so that a test can check
each is matched there.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

FOLDER = "data"
"""Where the data files are, inside :mod:`growthlog.demo`."""
STORY = "story.toml"
DAILY_NOTES = "daily_notes.toml"
METRICS = "metrics.toml"
GOALS = "goals.toml"
REVIEW = "review.toml"


def read(name: str) -> dict[str, Any]:
    """One data file, parsed; ``name`` is its path inside the data folder, e.g. ``sections/push.toml``."""
    resource = resources.files(__package__).joinpath(FOLDER)
    for part in name.split("/"):
        resource = resource.joinpath(part)
    text = resource.read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"demo data {name}: {error}") from None


def refuse_unknown(table: dict[str, Any], allowed, where: str) -> None:
    """Raise when a table of the data holds a name the engine does not read: a typo would be lost."""
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        raise ValueError(f"demo data {where}: unknown {', '.join(unknown)}")


def section_file(section: str) -> str:
    """The file of one section of the story, as named in the story's list."""
    return f"sections/{section}.toml"


def data_files() -> list[str]:
    """Every file the engine reads, as paths inside the data folder."""
    sections = [section_file(name) for name in read(STORY)["sections"]]
    return [STORY, *sections, DAILY_NOTES, METRICS, GOALS, REVIEW]
