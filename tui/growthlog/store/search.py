"""Full-text search over title, body, tags and kind fields, in Chinese and English.

The FTS5 trigram index finds any substring of three or more characters; shorter terms (``留存``,
``ai``) are invisible to it, so they are matched by scanning the base table with ``instr()``. Every
term is matched literally: quotes, brackets, ``*``, ``-`` and FTS operators in the user's query are
data, never syntax.
"""

from __future__ import annotations

from growthlog.store.db import Database
from growthlog.store.entries import EntryFilter

# bm25 weights of title, body, tags_text, fields_text: a hit in the title or a tag counts most.
_WEIGHTS = "10.0, 1.0, 6.0, 2.0"
_HAYSTACKS = ("title", "body", "tags_text", "fields_text")
# Ranking every match costs a few microseconds each (bm25, then the join for the day and the sort):
# about 150 ms for a term found in 40,000 of 100,000 entries. Beyond this many index matches, the
# newest matches are ranked instead: the index hands them over in rowid order without a sort.
RANK_ALL_MAX = 5000


def split_terms(query: str) -> list[str]:
    """Whitespace-separated terms, lower-cased (SQLite's lower() folds ASCII only, as we need)."""
    return [term.lower() for term in query.split()]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _short_term_clause(term_count: int) -> str:
    one = "(" + " OR ".join(f"instr(lower(entries.{c}), ?) > 0" for c in _HAYSTACKS) + ")"
    return " AND ".join([one] * term_count)


def search_ids(db: Database, query: str, where: EntryFilter = EntryFilter(), limit: int = 500) -> list[int]:
    """Ids of the entries matching every term of ``query``, best first, newest first among equals.

    When the index finds more than :data:`RANK_ALL_MAX` entries, the ``limit`` newest of them
    (highest ids) are the ones ranked: a term in every other entry is not worth 150 ms.
    """
    terms = split_terms(query)
    if not terms:
        return []
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    filter_sql, filter_params = where.where()
    short_sql = _short_term_clause(len(short_terms)) if short_terms else "1"
    short_params = [t for t in short_terms for _ in _HAYSTACKS]
    with db.read() as conn:
        if long_terms:
            match = " AND ".join(_quote(t) for t in long_terms)
            (matches,) = conn.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", [match]).fetchone()
            if matches > RANK_ALL_MAX:
                # A common term: the newest `limit` matches (highest ids), ranked like the rest below.
                sql = (
                    f"SELECT entries.id, round(bm25(entries_fts, {_WEIGHTS}), 1), entries.day "
                    "FROM entries_fts JOIN entries ON entries.id = entries_fts.rowid "
                    f"WHERE entries_fts MATCH ? AND {filter_sql} AND {short_sql} "
                    "ORDER BY entries_fts.rowid DESC LIMIT ?"
                )
                rows = conn.execute(sql, [match, *filter_params, *short_params, limit]).fetchall()
                rows.sort(key=lambda row: (row[2], row[0]), reverse=True)  # newest first among equals
                rows.sort(key=lambda row: row[1])  # then best first (stable)
                return [row[0] for row in rows]
            sql = (
                "SELECT entries.id FROM entries_fts JOIN entries ON entries.id = entries_fts.rowid "
                f"WHERE entries_fts MATCH ? AND {filter_sql} AND {short_sql} "
                f"ORDER BY round(bm25(entries_fts, {_WEIGHTS}), 1), entries.day DESC, entries.id DESC LIMIT ?"
            )
            params = [match, *filter_params, *short_params, limit]
            return [row[0] for row in conn.execute(sql, params)]
        # Only short terms: newest matches first (the day index lets SQLite stop at `limit`), then
        # those with the term in the title ahead of the rest.
        sql = (
            f"SELECT entries.id, lower(entries.title) FROM entries WHERE {filter_sql} AND {short_sql} "
            "ORDER BY entries.day DESC, entries.id DESC LIMIT ?"
        )
        rows = conn.execute(sql, [*filter_params, *short_params, limit]).fetchall()
    rows.sort(key=lambda row: not all(t in row[1] for t in short_terms))
    return [row[0] for row in rows]

