"""The schema, as a sequence of named migrations (sqlite-utils ``Migrations``).

Never edit a migration that has shipped: add a new one. Each one bumps ``PRAGMA user_version``
(see :data:`growthlog.store.pragmas.SCHEMA_VERSION`), which is what ``open_database`` checks cheaply.

Migrations run inside one BEGIN IMMEDIATE transaction, so two processes opening a new database at
the same moment do not both try to create the tables: the second waits, then finds nothing to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlite_utils import Migrations

from growthlog.store.pragmas import SCHEMA_VERSION

if TYPE_CHECKING:
    from growthlog.store.db import Database

migrations = Migrations("growthlog")


@migrations(name="0001_entries")
def create_entries(db) -> None:
    """Entries, their tags (kept by triggers), drafts, and trigram full-text search."""
    db["entries"].create(
        {
            "id": int,
            "day": str,
            "kind": str,
            "title": str,
            "body": str,
            "tags": str,
            "author": str,
            "created": str,
            "updated": str,
            "links": str,
            "fields": str,
            "fields_text": str,
            "tags_text": str,
        },
        pk="id",
        not_null={"day", "kind", "title"},
        defaults={"body": "", "tags": "[]", "author": "", "links": "[]", "fields": "{}", "fields_text": "", "tags_text": ""},
    )
    db["entries"].create_index(["day"])
    db["entries"].create_index(["kind", "day"])
    db["entry_tags"].create({"entry_id": int, "tag": str}, pk=("entry_id", "tag"))
    db["entry_tags"].create_index(["tag"])
    db["drafts"].create(
        {"key": str, "entry_id": int, "data": str, "saved_at": str}, pk="key"
    )
    execute = db.conn.execute
    # Statements one by one: executescript() would commit the surrounding transaction.
    execute(
        "CREATE VIRTUAL TABLE entries_fts USING fts5("
        "title, body, tags_text, fields_text, content='entries', content_rowid='id', tokenize='trigram')"
    )
    execute(
        "CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN "
        "INSERT INTO entries_fts(rowid, title, body, tags_text, fields_text) "
        "VALUES (new.id, new.title, new.body, new.tags_text, new.fields_text); "
        "INSERT OR IGNORE INTO entry_tags(entry_id, tag) SELECT new.id, value FROM json_each(new.tags); "
        "END"
    )
    execute(
        "CREATE TRIGGER entries_ad AFTER DELETE ON entries BEGIN "
        "INSERT INTO entries_fts(entries_fts, rowid, title, body, tags_text, fields_text) "
        "VALUES ('delete', old.id, old.title, old.body, old.tags_text, old.fields_text); "
        "DELETE FROM entry_tags WHERE entry_id = old.id; "
        "END"
    )
    execute(
        "CREATE TRIGGER entries_au AFTER UPDATE ON entries BEGIN "
        "INSERT INTO entries_fts(entries_fts, rowid, title, body, tags_text, fields_text) "
        "VALUES ('delete', old.id, old.title, old.body, old.tags_text, old.fields_text); "
        "INSERT INTO entries_fts(rowid, title, body, tags_text, fields_text) "
        "VALUES (new.id, new.title, new.body, new.tags_text, new.fields_text); "
        "DELETE FROM entry_tags WHERE entry_id = old.id; "
        "INSERT OR IGNORE INTO entry_tags(entry_id, tag) SELECT new.id, value FROM json_each(new.tags); "
        "END"
    )


@migrations(name="0002_entry_ids_never_reused")
def entry_ids_never_reused(db) -> None:
    """Rebuild ``entries`` with AUTOINCREMENT so that a deleted entry's id is never handed out again.

    Without it SQLite reuses the highest id after that entry is deleted: undoing the delete then
    failed on the id now taken, and drafts (``entry-<id>``) and links naming the deleted entry would
    silently point at the next one. Ids, and with them the FTS index (keyed by id), are kept as they
    are; the table's indexes and triggers go with the old table and are made again.
    """
    execute = db.conn.execute
    columns = "id, day, kind, title, body, tags, author, created, updated, links, fields, fields_text, tags_text"
    execute(
        "CREATE TABLE entries_new ("
        "id INTEGER PRIMARY KEY AUTOINCREMENT, day TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, "
        "body TEXT DEFAULT '', tags TEXT DEFAULT '[]', author TEXT DEFAULT '', created TEXT, updated TEXT, "
        "links TEXT DEFAULT '[]', fields TEXT DEFAULT '{}', fields_text TEXT DEFAULT '', tags_text TEXT DEFAULT '')"
    )
    # Triggers are dropped with the old table, so this copy leaves the index and entry_tags alone.
    execute(f"INSERT INTO entries_new ({columns}) SELECT {columns} FROM entries")
    execute("DROP TABLE entries")
    execute("ALTER TABLE entries_new RENAME TO entries")
    execute('CREATE INDEX "idx_entries_day" ON "entries" ("day")')
    execute('CREATE INDEX "idx_entries_kind_day" ON "entries" ("kind", "day")')
    execute(
        "CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN "
        "INSERT INTO entries_fts(rowid, title, body, tags_text, fields_text) "
        "VALUES (new.id, new.title, new.body, new.tags_text, new.fields_text); "
        "INSERT OR IGNORE INTO entry_tags(entry_id, tag) SELECT new.id, value FROM json_each(new.tags); "
        "END"
    )
    execute(
        "CREATE TRIGGER entries_ad AFTER DELETE ON entries BEGIN "
        "INSERT INTO entries_fts(entries_fts, rowid, title, body, tags_text, fields_text) "
        "VALUES ('delete', old.id, old.title, old.body, old.tags_text, old.fields_text); "
        "DELETE FROM entry_tags WHERE entry_id = old.id; "
        "END"
    )
    execute(
        "CREATE TRIGGER entries_au AFTER UPDATE ON entries BEGIN "
        "INSERT INTO entries_fts(entries_fts, rowid, title, body, tags_text, fields_text) "
        "VALUES ('delete', old.id, old.title, old.body, old.tags_text, old.fields_text); "
        "INSERT INTO entries_fts(rowid, title, body, tags_text, fields_text) "
        "VALUES (new.id, new.title, new.body, new.tags_text, new.fields_text); "
        "DELETE FROM entry_tags WHERE entry_id = old.id; "
        "INSERT OR IGNORE INTO entry_tags(entry_id, tag) SELECT new.id, value FROM json_each(new.tags); "
        "END"
    )


@migrations(name="0003_search_index_finds_short_terms")
def search_index_finds_short_terms(db) -> None:
    """Index every column with two trailing spaces, so that the trigram index can find terms of one
    or two characters too.

    A trigram index holds every three-character substring. A term of one or two characters is then
    the start of some trigram wherever it occurs, except in the last two characters of a column
    (提升留存, a tag 留存): the padding makes those the start of a trigram too ("存  "), so that
    search can look short terms up among the index's trigrams (fts5vocab) instead of scanning every
    row. Search terms never contain spaces, so the padding matches nothing by itself. The index
    reads its content through a view that adds the same padding, so that 'rebuild' and
    'integrity-check' agree with what the triggers write.
    """
    execute = db.conn.execute
    for trigger in ("entries_ai", "entries_ad", "entries_au"):
        execute(f"DROP TRIGGER IF EXISTS {trigger}")
    execute("DROP TABLE entries_fts")
    execute(
        "CREATE VIEW entries_fts_source AS SELECT id, title || '  ' AS title, body || '  ' AS body, "
        "tags_text || '  ' AS tags_text, fields_text || '  ' AS fields_text FROM entries"
    )
    execute(
        "CREATE VIRTUAL TABLE entries_fts USING fts5("
        "title, body, tags_text, fields_text, content='entries_fts_source', content_rowid='id', tokenize='trigram')"
    )
    new_values = "new.id, new.title || '  ', new.body || '  ', new.tags_text || '  ', new.fields_text || '  '"
    old_values = "old.id, old.title || '  ', old.body || '  ', old.tags_text || '  ', old.fields_text || '  '"
    execute(
        "CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN "
        f"INSERT INTO entries_fts(rowid, title, body, tags_text, fields_text) VALUES ({new_values}); "
        "INSERT OR IGNORE INTO entry_tags(entry_id, tag) SELECT new.id, value FROM json_each(new.tags); "
        "END"
    )
    execute(
        "CREATE TRIGGER entries_ad AFTER DELETE ON entries BEGIN "
        f"INSERT INTO entries_fts(entries_fts, rowid, title, body, tags_text, fields_text) VALUES ('delete', {old_values}); "
        "DELETE FROM entry_tags WHERE entry_id = old.id; "
        "END"
    )
    execute(
        "CREATE TRIGGER entries_au AFTER UPDATE ON entries BEGIN "
        f"INSERT INTO entries_fts(entries_fts, rowid, title, body, tags_text, fields_text) VALUES ('delete', {old_values}); "
        f"INSERT INTO entries_fts(rowid, title, body, tags_text, fields_text) VALUES ({new_values}); "
        "DELETE FROM entry_tags WHERE entry_id = old.id; "
        "INSERT OR IGNORE INTO entry_tags(entry_id, tag) SELECT new.id, value FROM json_each(new.tags); "
        "END"
    )
    execute("INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')")


@migrations(name="0004_metrics_and_goals")
def metrics_and_goals(db) -> None:
    """KPI metrics with one value per metric and day, SMART goals and their check-ins."""
    execute = db.conn.execute
    execute(
        "CREATE TABLE metrics ("
        "key TEXT PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '', "
        "direction TEXT NOT NULL DEFAULT 'up', aggregation TEXT NOT NULL DEFAULT 'last', "
        "description TEXT NOT NULL DEFAULT '', created TEXT NOT NULL)"
    )
    # One row per metric and day; recording a day again replaces it. WITHOUT ROWID keeps the
    # rows in (metric, day) order, which is how they are always read.
    execute(
        "CREATE TABLE measurements ("
        "metric TEXT NOT NULL REFERENCES metrics(key) ON DELETE CASCADE ON UPDATE CASCADE, "
        "day TEXT NOT NULL, value REAL NOT NULL, note TEXT NOT NULL DEFAULT '', "
        "source TEXT NOT NULL DEFAULT 'manual', PRIMARY KEY (metric, day)) WITHOUT ROWID"
    )
    execute(
        "CREATE TABLE goals ("
        "id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', "
        "metric TEXT REFERENCES metrics(key) ON DELETE SET NULL ON UPDATE CASCADE, "
        "baseline REAL, target REAL, start TEXT, due TEXT, why TEXT NOT NULL DEFAULT '', "
        "parent_id INTEGER REFERENCES goals(id) ON DELETE SET NULL, "
        "horizon TEXT NOT NULL DEFAULT 'short', status TEXT NOT NULL DEFAULT 'active', "
        "created TEXT NOT NULL, updated TEXT NOT NULL)"
    )
    execute("CREATE INDEX goals_parent ON goals(parent_id)")
    execute("CREATE INDEX goals_metric ON goals(metric)")
    execute(
        "CREATE TABLE checkins ("
        "id INTEGER PRIMARY KEY AUTOINCREMENT, goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE, "
        "day TEXT NOT NULL, value REAL, confidence TEXT NOT NULL DEFAULT 'on-track', "
        "note TEXT NOT NULL DEFAULT '', created TEXT NOT NULL)"
    )
    execute("CREATE INDEX checkins_goal_day ON checkins(goal_id, day)")


@migrations(name="0005_reviews_and_goal_tags")
def reviews_and_goal_tags(db) -> None:
    """Saved period reviews, and tags on goals (so that lessons with the same tags can be shown
    beside a goal being written)."""
    execute = db.conn.execute
    # A review is one per period: its generated part is stored as the JSON it was written with,
    # so later edits to the data do not rewrite an old review (it is refreshed only on request).
    execute(
        "CREATE TABLE reviews ("
        "id INTEGER PRIMARY KEY AUTOINCREMENT, period_kind TEXT NOT NULL, start TEXT NOT NULL, "
        "end TEXT NOT NULL, summary TEXT NOT NULL DEFAULT '', went_well TEXT NOT NULL DEFAULT '', "
        "to_improve TEXT NOT NULL DEFAULT '', plan TEXT NOT NULL DEFAULT '', report TEXT NOT NULL, "
        "generated TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL, UNIQUE (start, end))"
    )
    execute("ALTER TABLE goals ADD COLUMN tags TEXT NOT NULL DEFAULT '[]'")


# A version-4 UUID made by SQLite, for rows that existed before records had one (new rows get
# theirs from Python's uuid4). randomblob() is evaluated per row.
_SQL_UUID4 = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"
)


@migrations(name="0006_team")
def team(db) -> None:
    """What a team's log needs: a stable id (UUID) on every record so that logs can be merged
    between machines, who wrote each record, and a revision counter on what can be edited so that a
    save can tell that someone else changed the record since it was opened.

    The entries' update trigger is narrowed to the indexed columns first, so that giving a million
    existing entries their UUID does not rewrite the search index.
    """
    execute = db.conn.execute
    execute("DROP TRIGGER entries_au")
    new_values = "new.id, new.title || '  ', new.body || '  ', new.tags_text || '  ', new.fields_text || '  '"
    old_values = "old.id, old.title || '  ', old.body || '  ', old.tags_text || '  ', old.fields_text || '  '"
    execute(
        "CREATE TRIGGER entries_au AFTER UPDATE OF title, body, tags, tags_text, fields_text ON entries BEGIN "
        f"INSERT INTO entries_fts(entries_fts, rowid, title, body, tags_text, fields_text) VALUES ('delete', {old_values}); "
        f"INSERT INTO entries_fts(rowid, title, body, tags_text, fields_text) VALUES ({new_values}); "
        "DELETE FROM entry_tags WHERE entry_id = old.id; "
        "INSERT OR IGNORE INTO entry_tags(entry_id, tag) SELECT new.id, value FROM json_each(new.tags); "
        "END"
    )
    for table in ("entries", "goals", "checkins", "reviews"):
        execute(f"ALTER TABLE {table} ADD COLUMN uuid TEXT")
        execute(f"UPDATE {table} SET uuid = {_SQL_UUID4}")
        execute(f"CREATE UNIQUE INDEX {table}_uuid ON {table}(uuid)")
    for table in ("entries", "goals", "reviews"):
        execute(f"ALTER TABLE {table} ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
        # Who saved the current revision (the author wrote the first): named when a save clashes.
        execute(f"ALTER TABLE {table} ADD COLUMN updated_by TEXT NOT NULL DEFAULT ''")
    for table in ("goals", "checkins", "reviews", "measurements"):
        execute(f"ALTER TABLE {table} ADD COLUMN author TEXT NOT NULL DEFAULT ''")
    execute("ALTER TABLE measurements ADD COLUMN updated TEXT")
    execute("ALTER TABLE metrics ADD COLUMN updated TEXT")
    execute("UPDATE metrics SET updated = created")
    # Journal's "mine / everyone" and the count of writers read this index, not the table.
    execute("CREATE INDEX entries_author_day ON entries(author, day)")


def apply_migrations(db: Database) -> None:
    """Apply every pending migration, then record the schema version, in one write transaction."""
    import sqlite_utils

    with db.write() as conn:
        # Another process may have migrated while we waited for the write lock.
        if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            migrations.apply(sqlite_utils.Database(conn))
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
