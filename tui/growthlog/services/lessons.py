"""Earlier lessons that bear on a goal or a strategy being written, so a mistake is not repeated.

A lesson bears on it when they share a tag. A goal's or a strategy's metric key counts as a tag
too: people tag lessons with the metric they were about (#cac, #d7_retention). Each lesson says who
learned it when that tells something: in a log several people write, or when it was someone else
than the one writing now. No textual here.
"""

from __future__ import annotations

import dataclasses
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


@dataclasses.dataclass(frozen=True)
class RelatedLesson:
    """A lesson to show beside what is being written, and who learned it when that is worth saying."""

    entry: Entry
    author: str = ""
    """The lesson's author to show beside it ("" when it goes without saying)."""


def author_to_show(author: str, writer: str, several_writers: bool) -> str:
    """The lesson's ``author`` when the log has several writers or it is not the current
    ``writer``'s own; "" otherwise (and for a lesson without an author)."""
    if not author:
        return ""
    return author if several_writers or author != writer else ""


def lessons_beside(
    store, tags: Iterable[str], *, metric_key: str | None = None, exclude: Iterable[int] = (), limit: int = 5
) -> list[RelatedLesson]:
    """:func:`related_lessons`, each with who learned it (see :func:`author_to_show`; the current
    writer is the store's)."""
    lessons = related_lessons(store, tags, metric_key=metric_key, exclude=exclude, limit=limit)
    if not lessons:
        return []
    several = store.several_writers()
    return [RelatedLesson(entry, author_to_show(entry.author, store.author, several)) for entry in lessons]
