"""The app's settings as a pydantic model; see :func:`growthlog.config.load_settings` for sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """Everything the app can be told; each field can be set in ``config.toml``."""

    model_config = ConfigDict(extra="forbid")

    db: Path
    """The database file. Default: ``growthlog.db`` in the user data folder."""
    language: Literal["en", "zh"] = "en"
    """Interface language: ``en`` or ``zh``. Default: from the locale (LANG)."""
    author: str = ""
    """Name written on new entries. Default: the OS user name."""
    theme: str = "textual-dark"
    """A Textual theme name, e.g. ``textual-light``, ``nord``, ``gruvbox``."""
    editor: str | None = None
    """Command for ``ctrl+e``; default ``$VISUAL``, then ``$EDITOR``, then ``vi``."""
    draft_interval: float = Field(default=5.0, gt=0, le=60)
    """Seconds between automatic draft saves while an editor is open."""
    keymap: dict[str, str] = Field(default_factory=dict)
    """Key overrides: binding id → keys, e.g. ``"capture" = "c"`` or ``"mode.journal" = "f2,2"``."""
    sprint_days: int = Field(default=14, ge=1, le=366)
    """Length of a sprint in days: the Review's default period."""
    sprint_start: dt.date = dt.date(2024, 1, 1)
    """Any day on which a sprint began; sprints follow one another from it (default: a Monday)."""

    def sprint_rule(self):
        """How sprints are cut (:class:`growthlog.services.periods.SprintRule`)."""
        from growthlog.services.periods import SprintRule

        return SprintRule(self.sprint_days, self.sprint_start)
