"""Turning a quick-capture line into the parts of an entry.

``留存率下降#留存`` gives the title 留存率下降 and the tag 留存; a leading ``problem:`` (or its
Chinese label with ``：``, e.g. ``问题：``) sets the kind. The first line is the title and the rest
the body; a first line too long for a title is kept whole in the body, so nothing typed is lost.
Import-light: the fast ``add`` path uses it.
"""

from __future__ import annotations

import dataclasses
import re

from growthlog.kinds import resolve_kind
from growthlog.textutil import TITLE_MAX, clean_block, clean_line, find_tags, strip_tags

_KIND_PREFIX = re.compile(r"^\s*([^\s:：]{1,16})\s*[:：]\s*")
# Where a title cut from a long first line ends, in characters.
SHORT_TITLE = 60


@dataclasses.dataclass(frozen=True)
class Capture:
    """What a capture line says: kind (None when it does not say), title, body, tags."""

    kind: str | None
    title: str
    body: str
    tags: list[str]


def parse_capture(text: str) -> Capture:
    """Split capture text into kind, title, body and tags. The title may come back empty."""
    text = clean_block(text).strip()
    kind = None
    if m := _KIND_PREFIX.match(text):
        kind = resolve_kind(m[1])
        if kind is not None:
            text = text[m.end():]
    tags = find_tags(text)
    first, _, rest = text.partition("\n")
    title = clean_line(strip_tags(first))
    body = rest.strip("\n")
    if len(title) > TITLE_MAX:
        body = first + ("\n" + body if body else "")
        title = title[:SHORT_TITLE].rstrip() + "…"
    return Capture(kind=kind, title=title, body=body, tags=tags)
