"""Full-text search over title, body, tags and kind fields, in Chinese and English.

Every term is a substring to find, matched literally (quotes, brackets, ``*``, ``-``, ``%``, ``_`` and
FTS operators in a query are data, never syntax), case-insensitively for ASCII (for other letters
too where the index is used: it folds their case, a scan does not); an entry must contain every term.

How each term is found decides the cost at 100,000 entries:

* Three characters or more: the FTS5 trigram index, as a quoted phrase.
* One or two characters (``留``, ``留存``, ``ab``): the trigram index cannot match them directly,
  but it holds every trigram that starts with them (migration 0003 pads each column so that this
  holds at the end of a column too). Those trigrams are listed from the index's vocabulary
  (``fts5vocab``) and searched as ``"留存率" OR "留存下" OR …``. When they occur in more than
  :data:`COMMON_POSTINGS` places the term is common: then scanning rows newest first finds
  ``limit`` matches quickly, while the index would have to merge long lists, so it is scanned
  for instead (``LIKE``).

Ranking: entries with more of the terms in the title first, then with more of them in the title or
the tags; newest first (day, then id) among equals. All matches are ranked so when the index finds
at most :data:`RANK_ALL_MAX` entries, or when the filter (a tag, a kind) leaves at most that many.
Beyond that, looking each one up to rank it would cost more than the whole budget (a term in 40,000
of 100,000 entries: about 150 ms), so only the ``limit`` most recently written matches (highest ids,
which the index yields in order without a sort) are ranked; when only common short terms are
searched, the matches of the ``limit`` latest days.
"""

from __future__ import annotations

import itertools
import sqlite3

from growthlog.store.db import Database
from growthlog.store.entries import EntryFilter
from growthlog.textutil import TAG_MAX, TITLE_MAX, clean_line

# Above this many postings (summed document counts of a short term's trigrams) a short term is
# scanned for rather than looked up. Tuned on the benchmark's 100,000 entries: merging this many
# postings and scanning rows where a term is at least this common both take well under 50 ms.
COMMON_POSTINGS = 8000
# Beyond this many index matches, only the `limit` most recently written matches are ranked.
RANK_ALL_MAX = 5000

# Cheapest first: SQLite stops at the first column that matches.
_HAYSTACKS = ("title", "tags_text", "fields_text", "body")
_LAST_CHARACTER = "\U0010ffff"


def split_terms(query: str) -> list[str]:
    """The query's whitespace-separated terms, each once, without control characters (stored text
    has none, and a NUL would end the FTS query string)."""
    return list(dict.fromkeys(clean_line(query).split()))


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _like(column: str, term: str) -> tuple[str, str]:
    """``column LIKE '%term%'`` with LIKE's wildcards escaped; SQLite's LIKE folds ASCII case."""
    if any(c in term for c in "%_\\"):
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"entries.{column} LIKE ? ESCAPE '\\'", f"%{escaped}%"
    return f"entries.{column} LIKE ?", f"%{term}%"


def _contains(term: str, columns: tuple[str, ...]) -> tuple[str, list[str]]:
    """SQL true when any of ``columns`` contains ``term``."""
    parts = [_like(column, term) for column in columns]
    return "(" + " OR ".join(sql for sql, _ in parts) + ")", [param for _, param in parts]


def _all_contained(terms: list[str], columns: tuple[str, ...]) -> tuple[str, list[str]]:
    """SQL true when every term is in one of ``columns``."""
    if not terms:
        return "1", []
    clauses = [_contains(term, columns) for term in terms]
    return " AND ".join(sql for sql, _ in clauses), [p for _, params in clauses for p in params]


def _like_within(column: str, term: str, longest: int) -> tuple[str, list[str]]:
    """:func:`_like`, or false outright for a term longer than anything ``column`` can hold (which
    also keeps a long pasted term within SQLite's limit on LIKE patterns, 50,000 bytes)."""
    if len(term) > longest:
        return "0", []
    sql, param = _like(column, term)
    return sql, [param]


def _tier(terms: list[str]) -> tuple[str, list[str]]:
    """A rank, lower first: fewer terms missing from the title, then fewer missing from the title
    and tags together. One term: 0 in the title, 2 in the tags only, 3 elsewhere. A term (no
    spaces) longer than a tag is in no tag: the tags are stored separated by spaces."""
    in_title = [_like_within("title", term, TITLE_MAX) for term in terms]
    in_tags = [_like_within("tags_text", term, TAG_MAX) for term in terms]
    title_count = " + ".join(f"({sql})" for sql, _ in in_title)
    either_count = " + ".join(f"({t_sql} OR {g_sql})" for (t_sql, _), (g_sql, _) in zip(in_title, in_tags))
    n = len(terms)
    params = [p for _, ps in in_title for p in ps] + [p for (_, t), (_, g) in zip(in_title, in_tags) for p in (*t, *g)]
    return f"(({n} - ({title_count})) * {n + 1} + ({n} - ({either_count})))", params


def _open_vocabulary(conn: sqlite3.Connection) -> None:
    """Make the index's vocabulary readable on this connection (a table in its own temp schema).

    Read connections are ``query_only``, which refuses even a temp table: it is lifted for the one
    statement that creates it, once per connection."""
    if conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'entries_vocab'").fetchone():
        return
    only = conn.execute("PRAGMA query_only").fetchone()[0]
    conn.execute("PRAGMA query_only = OFF")
    try:
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.entries_vocab USING fts5vocab(main, entries_fts, 'row')")
    finally:
        if only:
            conn.execute("PRAGMA query_only = ON")


def _index_spellings(term: str) -> list[str]:
    """How the trigram index may hold ``term``. It folds case with SQLite's own Unicode tables, which
    differ from Python's ``lower()`` for some 400 letters (``µ`` → ``μ``, ``ς`` → ``σ``, ``ſ`` → ``s``;
    ``İ`` and capitals newer than its tables kept as they are). Its fold of a character is always the
    character itself, its lower case or its case fold (checked against every code point), so each
    of those is looked up; SQLite reads the non-characters U+FFFE and U+FFFF as U+FFFD."""
    choices = []
    for char in term:
        if char.isascii():
            choices.append([char.lower()])
        elif char in "\ufffe\uffff":
            choices.append(["\ufffd"])
        else:
            choices.append(list(dict.fromkeys(c for c in (char, char.lower(), char.casefold()) if len(c) == 1)))
    return ["".join(spelling) for spelling in itertools.product(*choices)]


def _trigrams_starting_with(conn: sqlite3.Connection, term: str) -> tuple[list[str], int]:
    """The index's trigrams that begin with ``term`` (as the index folds it) and their summed
    document counts, read only until the sum passes :data:`COMMON_POSTINGS`."""
    _open_vocabulary(conn)
    trigrams: list[str] = []
    postings = 0
    for folded in _index_spellings(term):
        rows = conn.execute(
            "SELECT term, doc FROM temp.entries_vocab WHERE term >= ? AND term < ?", (folded, folded + _LAST_CHARACTER)
        )
        for trigram, documents in rows:
            trigrams.append(trigram)
            postings += documents
            if postings > COMMON_POSTINGS:
                return trigrams, postings
    return trigrams, postings


def search_ids(db: Database, query: str, where: EntryFilter = EntryFilter(), limit: int = 500) -> list[int]:
    """Ids of the entries matching every term of ``query``, best first (see the module's doc)."""
    terms = split_terms(query)
    if not terms or limit <= 0:
        return []
    filter_sql, filter_params = where.where()
    tier_sql, tier_params = _tier(terms)
    with db.read() as conn:
        phrases: list[str] = []
        common: list[str] = []
        for term in terms:
            if len(term) >= 3:
                phrases.append(_quote(term))
                continue
            trigrams, postings = _trigrams_starting_with(conn, term)
            if not trigrams:
                return []  # in no entry at all
            if postings > COMMON_POSTINGS:
                common.append(term)
            else:
                phrases.append("(" + " OR ".join(_quote(t) for t in trigrams) + ")")
        scan_sql, scan_params = _all_contained(common, _HAYSTACKS)
        day = "entries.day DESC, entries.id DESC"
        if phrases:
            match = " AND ".join(phrases)
            if _at_most(conn, "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?", [match], RANK_ALL_MAX):
                # Few matches: look each up and rank them all.
                sql = (
                    "SELECT entries.id FROM entries_fts JOIN entries ON entries.id = entries_fts.rowid "
                    f"WHERE entries_fts MATCH ? AND {filter_sql} AND {scan_sql} ORDER BY {tier_sql}, {day} LIMIT ?"
                )
                params = [match, *filter_params, *scan_params, *tier_params, limit]
                return [row[0] for row in conn.execute(sql, params)]
            if not where.is_empty and _at_most(conn, f"SELECT 1 FROM entries WHERE {filter_sql}", filter_params, RANK_ALL_MAX):
                # Many matches but a narrow filter (a tag, one kind): start from the filter's few rows
                # (the unary + keeps SQLite from starting at the index's many) and rank them all.
                sql = (
                    f"SELECT entries.id FROM entries WHERE {filter_sql} "
                    "AND +entries.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?) "
                    f"AND {scan_sql} ORDER BY {tier_sql}, {day} LIMIT ?"
                )
                params = [*filter_params, match, *scan_params, *tier_params, limit]
                return [row[0] for row in conn.execute(sql, params)]
            # Many matches: the most recently written, which the index yields in order.
            ids_sql, ids_params = _id_range(conn, where, "entries_fts.rowid")
            sql = (
                f"SELECT entries.id, {tier_sql}, entries.day FROM entries_fts "
                "JOIN entries ON entries.id = entries_fts.rowid "
                f"WHERE entries_fts MATCH ? AND {ids_sql} AND {filter_sql} AND {scan_sql} "
                "ORDER BY entries_fts.rowid DESC LIMIT ?"
            )
            params = [*tier_params, match, *ids_params, *filter_params, *scan_params, limit]
        else:
            # Only common short terms: scan the latest days (the day or kind index lets SQLite stop
            # at `limit`).
            sql = (
                f"SELECT entries.id, {tier_sql}, entries.day FROM entries "
                f"WHERE {filter_sql} AND {scan_sql} ORDER BY {day} LIMIT ?"
            )
            params = [*tier_params, *filter_params, *scan_params, limit]
        rows = conn.execute(sql, params).fetchall()
    rows.sort(key=lambda row: (row[2], row[0]), reverse=True)  # newest first...
    rows.sort(key=lambda row: row[1])  # ...within each tier (the sort is stable)
    return [row[0] for row in rows]


def _at_most(conn: sqlite3.Connection, select: str, params: list, count: int) -> bool:
    """Whether ``select`` yields at most ``count`` rows, reading no more than one past that."""
    (found,) = conn.execute(f"SELECT count(*) FROM ({select} LIMIT ?)", [*params, count + 1]).fetchone()
    return found <= count


def _id_range(conn: sqlite3.Connection, where: EntryFilter, column: str) -> tuple[str, list[int]]:
    """A condition on ``column`` (a row id) that keeps the ids of the filter's days.

    Walking rows by id, newest first, a date range in the past would otherwise mean reading every
    newer row; the lowest and highest id of those days (from the day index) bound the walk. Ids
    mostly follow days, so the bounds are tight; when they do not, they are still right.
    """
    if not (where.since or where.until):
        return "1", []
    days = EntryFilter(since=where.since, until=where.until)
    sql, params = days.where()
    low, high = conn.execute(f"SELECT min(entries.id), max(entries.id) FROM entries WHERE {sql}", params).fetchone()
    if low is None:
        return "0", []
    return f"{column} BETWEEN ? AND ?", [low, high]
