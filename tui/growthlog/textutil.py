"""Cleaning of user text before it is stored.

Terminal escape sequences and control characters in a pasted title could move the cursor, change
colours or ring the bell wherever the text is shown, so they are removed at the door; newlines and
tabs in bodies are kept. Import-light (only ``re``) because the fast ``add`` path uses it.
"""

from __future__ import annotations

import re
import unicodedata

# Escape sequences, removed whole: CSI (ESC [ ... final, or the C1 byte 0x9B), the string
# sequences OSC/DCS/SOS/PM/APC (ESC ] P X ^ _ ... ended by BEL or ESC \\), nF sequences such as the
# charset switch ESC ( B, and two-character ones (ESC 7, ESC c...). A string sequence counts only
# when it is terminated on the same line: an unterminated ESC ] in a paste must not swallow the rest
# of the text, so then only the ESC goes (with the other controls below).
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]PX^_][^\x07\x1b\n]*(?:\x07|\x1b\\)"
    r"|\x1b[ -/]+[0-~]"
    r"|\x1b[0-Z\\`-~]"
)
# C0 controls but tab and newline, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

TITLE_MAX = 300
BODY_MAX = 1_000_000
TAG_MAX = 50

# A tag: '#' (or the full-width '＃' of Chinese input methods) not glued to an ASCII word, a URL
# path or another '#', then word characters, at least one of them not a digit ("#123" is an issue
# number, "#1" a rank). \w includes Chinese, so 留存率下降#留存 yields 留存.
_TAG = re.compile(r"(?<![0-9A-Za-z_&/#＃])[#＃](\d*[^\W\d][\w\-/.+]*)")
# Inside a URL a '#' starts an anchor, never a tag (https://example.com/页面#锚点).
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://\S+")
# What may follow the last tag of a line and still end the sentence.
_SENTENCE_END = re.compile(r"[\s.,;:!?。，；：！？、…]*")


def clean_block(text: str) -> str:
    """Clean multi-line text: keep newlines and tabs, drop escapes and other controls."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
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


def _tag_matches(text: str) -> list[re.Match[str]]:
    """The tag matches of ``text`` that are not inside a URL."""
    matches = list(_TAG.finditer(text))
    if matches and "://" in text:
        urls = [m.span() for m in _URL.finditer(text)]
        matches = [m for m in matches if not any(start <= m.start() < end for start, end in urls)]
    return matches


def _tag_name(match: re.Match[str]) -> str:
    # Trailing dots and slashes belong to the sentence, not the tag.
    return match.group(1).rstrip("./")


def find_tags(text: str) -> list[str]:
    """The ``#tags`` in a text.

    A tag starts at a '#' that follows a space, the start, or any non-ASCII-word character, so
    ``留存率下降#留存`` yields 留存 while ``C#``, ``#123`` and ``https://x.cn/页面#锚点`` yield
    nothing.
    """
    return normalize_tags([_tag_name(m) for m in _tag_matches(text)])


def strip_tags(text: str) -> str:
    """The text without the ``#tags`` that lead or end it, spaces tidied.

    ``留存率下降#留存`` becomes 留存率下降 and ``#增长 拉新活动上线`` 拉新活动上线, but a tag in the
    middle of a sentence (``和 #市场部 一起办活动``) is part of what it says and stays as typed:
    taking it out would lose words. A full stop after the last tag is kept.
    """
    matches = _tag_matches(text)
    if not matches:
        return re.sub(r" {2,}", " ", text).strip()
    start = 0
    for match in matches:
        if text[start:match.start()].strip():
            break
        start = match.end()
    end = len(text)
    tail = ""
    for match in reversed(matches):
        if match.start() < start:
            break
        after = text[match.start(1) + len(_tag_name(match)):end]
        if _SENTENCE_END.fullmatch(after) is None:
            break
        if end == len(text):
            tail = after.strip()
        elif after.strip():
            break
        end = match.start()
    kept = text[start:end].rstrip() + tail if start < end else ""
    return re.sub(r" {2,}", " ", kept).strip()


# Display width: columns in a terminal, for tables that line up with Chinese text.


def display_width(text: str) -> int:
    """Columns a text takes in a terminal: East Asian wide and full-width characters take two,
    combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or char in "\u200b\u200c\u200d\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns, with … when something was cut."""
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        char_width = display_width(char)
        if used + char_width > width - 1:
            break
        kept.append(char)
        used += char_width
    return "".join(kept) + "…"


def pad(text: str, width: int, *, right: bool = False) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


SPARK_BLOCKS = "▁▂▃▄▅▆▇█"


def resample(values: "list[float] | tuple[float, ...]", width: int) -> list[float]:
    """``values`` as exactly ``width`` numbers: the mean of each slice when there are more values
    than cells, each value repeated over its share of the cells when there are fewer."""
    count = len(values)
    if width <= 0 or count == 0:
        return []
    if count == width:
        return list(values)
    if count > width:
        out = []
        for cell in range(width):
            start = cell * count // width
            end = max(start + 1, (cell + 1) * count // width)
            chunk = values[start:end]
            out.append(sum(chunk) / len(chunk))
        return out
    return [values[cell * count // width] for cell in range(width)]


def spark_chars(values: "list[float] | tuple[float, ...]", width: int) -> str:
    """``values`` as ``width`` block characters (▁ lowest, █ highest; a flat series is ▄); spaces
    when there is nothing to draw. Values that are not finite numbers are skipped."""
    import math

    width = max(0, width)
    cells = resample([float(v) for v in values if v is not None and math.isfinite(v)], width)
    if not cells:
        return " " * width
    low, high = min(cells), max(cells)
    top = len(SPARK_BLOCKS) - 1
    if high == low:
        return SPARK_BLOCKS[top // 2] * width
    scale = top / (high - low)
    return "".join(SPARK_BLOCKS[round((v - low) * scale)] for v in cells)

