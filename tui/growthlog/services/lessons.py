"""Earlier lessons that bear on a goal or a strategy being written, so a mistake is not repeated.

A lesson bears on it when they share a tag. A goal's or a strategy's metric key counts as a tag
too: people tag lessons with the metric they were about (#cac, #d7_retention). No textual here.
"""

from __future__ import annotations

from collections.abc import Iterable

from growthlog.models import Entry
from growthlog.textutil import normalize_tags


def lesson_tags(tags: Iterable[str], metric_key: str | None = None) -> list[str]:
    """The normalised tags to look lessons up by: ``tags``, then the metric key when there is one."""
    return normalize_tags([*tags, *([metric_key] if metric_key else [])])


def related_lessons(
    store, tags: Iterable[str], *, metric_key: str | None = None, exclude: Iterable[int] = (), limit: int = 5
) -> list[Entry]:
    """Lessons sharing any of the tags (or the metric key), the most tags in common first, then
    the newest; none without a tag to go by."""
    wanted = lesson_tags(tags, metric_key)
    if not wanted:
        return []
    return store.lessons_with_tags(wanted, exclude=tuple(exclude), limit=limit)
