"""Cleaning of user text before it is stored.

Terminal escape sequences and control characters in a pasted title could move the cursor, change
colours or ring the bell wherever the text is shown, so they are removed at the door; newlines and
tabs in bodies are kept. Import-light (only ``re``) because the fast ``add`` path uses it.
"""

from __future__ import annotations

import re

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST) and two-character ESC sequences.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]"
)
# C0 controls but tab and newline, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

TITLE_MAX = 300
BODY_MAX = 1_000_000
TAG_MAX = 50

_TAG = re.compile(r"(?<![0-9A-Za-z_&/#])#([^\W][\w\-/.+]*|\d[\w\-/.+]*)", re.UNICODE)


def clean_block(text: str) -> str:
    """Clean multi-line text: keep newlines and tabs, drop escapes and other controls."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """Clean single-line text (titles, tags, field values on one line)."""
    text = clean_block(text).replace("\n", " ").replace("\t", " ")
    return re.sub(r" {2,}", " ", text).strip()


def normalize_tag(tag: str) -> str:
    """One spelling per tag: no leading '#', no spaces, ASCII letters lower-cased."""
    tag = clean_line(tag).lstrip("#＃").strip()
    tag = re.sub(r"\s+", "-", tag)
    return "".join(c.lower() if c.isascii() else c for c in tag)


def normalize_tags(tags: list[str] | tuple[str, ...]) -> list[str]:
    """Normalise, drop empties and keep the first of each duplicate, in order."""
    seen: dict[str, None] = {}
    for tag in tags:
        norm = normalize_tag(tag)
        if norm:
            seen.setdefault(norm, None)
    return list(seen)


def find_tags(text: str) -> list[str]:
    """The ``#tags`` in a text.

    A tag starts at a '#' that follows a space, the start, or any non-ASCII-word character, so
    ``留存率下降#留存`` yields 留存 while ``C#`` and ``page.html#top`` yield nothing. Trailing dots and
    slashes belong to the sentence, not the tag.
    """
    return normalize_tags([m.group(1).rstrip("./") for m in _TAG.finditer(text)])


def strip_tags(text: str) -> str:
    """The text without its ``#tags``, spaces tidied."""
    return re.sub(r" {2,}", " ", _TAG.sub("", text)).strip()
