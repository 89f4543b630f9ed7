"""The rules an entry's text obeys before it is stored: title, body, tags, author.

The :class:`growthlog.models.Entry` validators and the fast ``growthlog add`` path (which writes a
row without pydantic) both call these functions, so that an entry is cleaned and refused in one way
whichever path stores it. Import-light (only :mod:`growthlog.textutil`) for that fast path.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from growthlog.textutil import BODY_MAX, TAG_MAX, TITLE_MAX, clean_block, clean_line, normalize_tags

AUTHOR_MAX = 100


class EntryTextError(ValueError):
    """Entry text that breaks a rule. ``str()`` is the plain message the model reports; ``rule``
    (empty_title, long_title, long_body, long_tag) and ``values`` let an interface say it in its
    own words and language."""

    def __init__(self, rule: str, message: str, **values: Any) -> None:
        super().__init__(message)
        self.rule = rule
        self.values = values


class EntryText(NamedTuple):
    """An entry's text, cleaned and within its limits."""

    title: str
    body: str
    tags: list[str]
    author: str


def clean_title(title: str) -> str:
    """One line, not empty, at most :data:`TITLE_MAX` characters."""
    title = clean_line(title)
    if not title:
        raise EntryTextError("empty_title", "the title is empty")
    if len(title) > TITLE_MAX:
        raise EntryTextError("long_title", f"the title is longer than {TITLE_MAX} characters", limit=TITLE_MAX)
    return title


def clean_body(body: str) -> str:
    """Markdown with its newlines and tabs, at most :data:`BODY_MAX` characters."""
    body = clean_block(body)
    if len(body) > BODY_MAX:
        raise EntryTextError("long_body", f"the body is longer than {BODY_MAX:,} characters", limit=f"{BODY_MAX:,}")
    return body


def clean_tags(tags: list[str] | tuple[str, ...]) -> list[str]:
    """Normalised tags, each of them once, none longer than :data:`TAG_MAX` characters."""
    tags = normalize_tags(tags)
    for tag in tags:
        if len(tag) > TAG_MAX:
            raise EntryTextError("long_tag", f"the tag '{tag[:20]}…' is longer than {TAG_MAX} characters", tag=tag[:20], limit=TAG_MAX)
    return tags


def clean_author(author: str) -> str:
    """One line of at most :data:`AUTHOR_MAX` characters, cut rather than refused: it comes from the
    config file or the OS login, not from what is being written."""
    return clean_line(author)[:AUTHOR_MAX]


def clean_entry_text(*, title: str, body: str = "", tags: list[str] | tuple[str, ...] = (), author: str = "") -> EntryText:
    """All four, checked in this order; the first rule broken raises :class:`EntryTextError`."""
    return EntryText(clean_title(title), clean_body(body), clean_tags(tags), clean_author(author))
