"""The small interface through which the app and the services reach storage.

Everything above the store (services, screens, the command line) calls these methods; SQL lives
only in this package. Methods are safe to call from thread workers.
"""

from __future__ import annotations

import datetime as dt
import os

from growthlog.models import CheckIn, Draft, Entry, Goal, Measurement, Metric, Review
from growthlog.store import drafts, entries, goals, merge, metrics, reviews, search
from growthlog.store.db import Database, open_database
from growthlog.store.entries import EntryFilter


class Store:
    """A growthlog database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, author: str = "") -> "Store":
        """Open or create the database at ``path`` (``":memory:"`` for a private one). ``author``
        is who writes through it: records saved without an author are stamped with it."""
        db = open_database(path)
        db.author = author
        return cls(db)

    @property
    def author(self) -> str:
        """Who writes through this store: records saved without an author are stamped with it."""
        return self.db.author

    @author.setter
    def author(self, name: str) -> None:
        self.db.author = name

    @property
    def path(self) -> str:
        return self.db.path

    def close(self) -> None:
        self.db.close()

    def changed(self) -> bool:
        """Whether another process committed anything since the last call (one cheap pragma;
        blocking: call it off the UI thread). The app's own writes are not reported: it announces
        them itself."""
        return self.db.changed()

    def snapshot(self):
        """A context in which every read sees the database as of one moment (see
        :meth:`growthlog.store.db.Database.snapshot`)."""
        return self.db.snapshot()

    # Entries
    def add_entry(self, entry: Entry) -> Entry:
        return entries.add_entry(self.db, entry)

    def add_entries(self, items: list[Entry], progress=None) -> list[int]:
        return entries.add_entries(self.db, items, progress)

    def update_entry(self, entry: Entry, *, force: bool = False) -> Entry:
        """Save an edited entry; :class:`~growthlog.store.errors.EditConflict` when someone else
        saved or deleted it since it was read (``force`` saves over their change)."""
        return entries.update_entry(self.db, entry, force=force)

    def delete_entry(self, entry_id: int) -> Entry:
        return entries.delete_entry(self.db, entry_id)

    def restore_entry(self, entry: Entry) -> Entry:
        return entries.restore_entry(self.db, entry)

    def get_entry(self, entry_id: int) -> Entry | None:
        return entries.get_entry(self.db, entry_id)

    def get_entries(self, ids: list[int]) -> list[Entry]:
        return entries.get_entries(self.db, ids)

    def count_entries(self, where: EntryFilter = EntryFilter()) -> int:
        return entries.count_entries(self.db, where)

    def list_entries(
        self, where: EntryFilter = EntryFilter(), *, limit: int = 100, offset: int = 0, oldest_first: bool = False
    ) -> list[Entry]:
        return entries.list_entries(self.db, where, limit=limit, offset=offset, oldest_first=oldest_first)

    def position(self, where: EntryFilter, day: dt.date, entry_id: int) -> int:
        """How many entries come before this one in the newest-first list under ``where``."""
        return entries.position(self.db, where, day, entry_id)

    def entries_after(
        self, where: EntryFilter = EntryFilter(), after: tuple[str, int] | None = None, *, limit: int = 500
    ) -> list[Entry]:
        """The next page of entries, oldest first, after the one at ``after`` (ISO day, id)."""
        return entries.entries_after(self.db, where, after, limit=limit)

    def entries_on(self, day: dt.date) -> list[Entry]:
        return entries.entries_on(self.db, day)

    def several_writers(self) -> bool:
        """Whether more than one author wrote entries (lists then show who wrote each)."""
        return entries.several_writers(self.db)

    def authors(self, limit: int = 200) -> list[str]:
        """Everyone who wrote entries, by name."""
        return entries.authors(self.db, limit)

    def tag_counts(self, limit: int = 500) -> list[tuple[str, int]]:
        return entries.tag_counts(self.db, limit)

    def logging_streak(self, today: dt.date, author: str | None = None) -> int:
        return entries.logging_streak(self.db, today, author)

    def days_with_entries(self, since: dt.date, until: dt.date, author: str | None = None) -> dict[dt.date, int]:
        return entries.days_with_entries(self.db, since, until, author)

    def entries_per_author(self, since: dt.date, until: dt.date) -> list[tuple[str, str, int]]:
        """(author, kind, entries) for each author and kind with entries in the range."""
        return entries.entries_per_author(self.db, since, until)

    # Search
    def search_ids(self, query: str, where: EntryFilter = EntryFilter(), limit: int = 500) -> list[int]:
        return search.search_ids(self.db, query, where, limit)

    def search(self, query: str, where: EntryFilter = EntryFilter(), limit: int = 500) -> list[Entry]:
        return self.get_entries(self.search_ids(query, where, limit))

    # Drafts
    def save_draft(self, draft: Draft) -> None:
        drafts.save_draft(self.db, draft)

    def list_drafts(self) -> list[Draft]:
        return drafts.list_drafts(self.db)

    def delete_draft(self, key: str) -> None:
        drafts.delete_draft(self.db, key)

    # Metrics
    def define_metric(self, metric: Metric) -> Metric:
        return metrics.define_metric(self.db, metric)

    def update_metric(self, metric: Metric) -> Metric:
        return metrics.update_metric(self.db, metric)

    def get_metric(self, key: str) -> Metric | None:
        return metrics.get_metric(self.db, key)

    def list_metrics(self) -> list[Metric]:
        return metrics.list_metrics(self.db)

    def record(self, measurement: Measurement) -> float | None:
        """Store a value; returns the value it replaced (None if the day was empty)."""
        return metrics.record(self.db, measurement)

    def record_many(self, rows) -> int:
        return metrics.record_many(self.db, rows)

    def existing_days(self, metric: str, days: list[str]) -> set[str]:
        return metrics.existing_days(self.db, metric, days)

    def series(self, metric: str, since: dt.date | None = None, until: dt.date | None = None) -> list[tuple[dt.date, float]]:
        return metrics.series(self.db, metric, since, until)

    def measurements(self, metric: str, since: dt.date | None = None, until: dt.date | None = None) -> list[Measurement]:
        return metrics.measurements(self.db, metric, since, until)

    def latest(self, metric: str, on_or_before: dt.date | None = None) -> tuple[dt.date, float] | None:
        return metrics.latest(self.db, metric, on_or_before)

    def delete_measurement(self, metric: str, day: dt.date) -> bool:
        return metrics.delete_measurement(self.db, metric, day)

    # Goals
    def add_goal(self, goal: Goal) -> Goal:
        return goals.add_goal(self.db, goal)

    def update_goal(self, goal: Goal, *, force: bool = False) -> Goal:
        """Save an edited goal; :class:`~growthlog.store.errors.EditConflict` when someone else
        saved or deleted it since it was read (``force`` saves over their change)."""
        return goals.update_goal(self.db, goal, force=force)

    def get_goal(self, goal_id: int) -> Goal | None:
        return goals.get_goal(self.db, goal_id)

    def list_goals(self, *, status: str | None = None) -> list[Goal]:
        return goals.list_goals(self.db, status=status)

    def delete_goal(self, goal_id: int) -> Goal:
        return goals.delete_goal(self.db, goal_id)

    def add_checkin(self, checkin: CheckIn) -> CheckIn:
        return goals.add_checkin(self.db, checkin)

    def checkins(self, goal_id: int) -> list[CheckIn]:
        return goals.checkins(self.db, goal_id)

    # Metrics: sparklines and imports
    def recent(self, metric: str, count: int, on_or_before: dt.date | None = None) -> list[tuple[dt.date, float]]:
        """The last ``count`` (day, value) pairs of a metric, in day order."""
        return metrics.recent(self.db, metric, count, on_or_before)

    def days_between(self, metric: str, first: str, last: str) -> set[str]:
        """ISO days in [first, last] on which ``metric`` has a value."""
        return metrics.days_between(self.db, metric, first, last)

    def count_between(self, metric: str, first: str, last: str) -> int:
        """How many ISO days in [first, last] have a value for ``metric``."""
        return metrics.count_between(self.db, metric, first, last)

    def import_measurements(self, define: list[Metric], rows) -> int:
        """Define metrics and store (metric, ISO day, value, note, source) rows in one transaction."""
        return metrics.import_measurements(self.db, define, rows)

    # Attention: open problems and strategies due for review (store.queries)
    def open_problems(self, severities: tuple[str, ...] = ("high", "critical"), limit: int = 20) -> list:
        """Unresolved problems of these severities, most severe then newest first (ProblemRow)."""
        from growthlog.store import queries

        return queries.open_problems(self.db, severities, limit)

    def strategies_due_for_review(self, today: dt.date, limit: int = 20) -> list:
        """Strategies whose review day has come and whose outcome is empty, oldest first (StrategyRow)."""
        from growthlog.store import queries

        return queries.strategies_due_for_review(self.db, today, limit)

    # Reviews: what a period's review reads (store.queries), and saved reviews (store.reviews)
    def problems_resolved_between(self, start: dt.date, end: dt.date, author: str | None = None) -> list[Entry]:
        """Problems whose ``resolved_on`` falls in the period (they may have been opened before);
        ``author``: only those this member resolved (saved last); below, those they raised or wrote."""
        from growthlog.store import queries

        return queries.problems_resolved_between(self.db, start, end, author=author)

    def problems_open_on(self, day: dt.date, author: str | None = None) -> list:
        """Problems raised by ``day`` and not resolved by then (ProblemRow), most severe first."""
        from growthlog.store import queries

        return queries.problems_open_on(self.db, day, author=author)

    def strategies_effective_between(self, start: dt.date, end: dt.date, author: str | None = None) -> list[Entry]:
        """Strategies whose ``effective_on`` falls in the period, in that order."""
        from growthlog.store import queries

        return queries.strategies_effective_between(self.db, start, end, author=author)

    def lessons_with_tags(
        self, tags: list[str], *, before: dt.date | None = None, exclude: tuple[int, ...] = (), limit: int = 5
    ) -> list[Entry]:
        """Lessons sharing any of ``tags``, the most shared tags first, then the newest."""
        from growthlog.store import queries

        return queries.lessons_with_tags(self.db, tags, before=before, exclude=exclude, limit=limit)

    def save_review(self, review: Review, *, touch: bool = True, force: bool = False) -> Review:
        """Insert (one per period) or update a review; returns it with its id. ``touch``: set its
        ``updated`` time to now. :class:`~growthlog.store.errors.EditConflict` when someone else
        saved or deleted it since it was read (``force`` saves over their change)."""
        return reviews.save_review(self.db, review, touch=touch, force=force)

    def get_review(self, review_id: int) -> Review | None:
        return reviews.get_review(self.db, review_id)

    def review_for(self, start: dt.date, end: dt.date) -> Review | None:
        """The saved review of exactly this period."""
        return reviews.review_for(self.db, start, end)

    def list_reviews(self, limit: int = 200) -> list[Review]:
        """Saved reviews, newest first, without their generated part (``report`` is empty)."""
        return reviews.list_reviews(self.db, limit)

    def delete_review(self, review_id: int) -> Review:
        return reviews.delete_review(self.db, review_id)

    def all_reviews(self) -> list[Review]:
        """Every saved review with its report, oldest period first."""
        return reviews.all_reviews(self.db)

    # Merging logs between machines (store.merge): what is here already, and one write for it all
    def existing_ids(self, table: str, ids) -> set[int]:
        """Which of ``ids`` are taken in ``table`` (entries, goals, checkins or reviews)."""
        return merge.existing_ids(self.db, table, ids)

    def stamps(self, table: str, uuids) -> dict[str, tuple[int, str | None]]:
        """UUID → (id, updated as stored) of the records of ``table`` with one of ``uuids``."""
        return merge.stamps(self.db, table, uuids)

    def uuids_of(self, table: str, ids) -> dict[int, str]:
        """id → UUID of the records of ``table`` with one of ``ids``."""
        return merge.uuids_of(self.db, table, ids)

    def metric_stamps(self) -> dict[str, str | None]:
        """Every metric's key → when its definition last changed."""
        return merge.metric_stamps(self.db)

    def value_stamps(self, metric: str, first: str, last: str) -> dict[str, str | None]:
        """ISO day → when recorded, for ``metric``'s values from ``first`` to ``last``."""
        return merge.value_stamps(self.db, metric, first, last)

    def value_rows(self, metric: str) -> list[tuple]:
        """Every value of ``metric`` as stored rows (day, value, note, source, author, updated), in day order."""
        return merge.value_rows(self.db, metric)

    def review_periods(self) -> dict[tuple[str, str], tuple[int, str, str]]:
        """(start, end) → (id, UUID, updated) of every saved review."""
        return merge.review_periods(self.db)

    def all_checkins(self) -> dict[int, list[CheckIn]]:
        """Every check-in, by its goal's id."""
        return merge.all_checkins(self.db)

    def write_merge(self, batch: "merge.MergeBatch", progress=None) -> list[int]:
        """Write what a merge decided in one transaction (see :func:`growthlog.store.merge.write_merge`);
        returns the ids of the added entries."""
        return merge.write_merge(self.db, batch, progress)

