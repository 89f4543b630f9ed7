"""The demo's metrics with their daily values, and the quarter's goals with their check-ins.

The values follow the story's curves (:func:`growthlog.demo.curves.trend`), the same numbers the
notes quote, with noise from a random stream of their own: adding a metric does not change the
entries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from growthlog.demo import data
from growthlog.demo.curves import DAYS, trend
from growthlog.models import CheckIn, Goal, Metric

METRIC_FIELDS = ("key", "name", "unit", "direction", "aggregation", "description")
"""What a ``[[metric]]`` of ``metrics.toml`` gives the :class:`~growthlog.models.Metric` itself."""
METRIC_KEYS = (*METRIC_FIELDS, "spread", "digits", "notes")
"""Everything a ``[[metric]]`` may hold."""
GOAL_KEYS = frozenset({*Goal.model_fields, "key", "parent", "checkins"} - {"id", "parent_id", "created", "updated"})
"""What a ``[[goal]]`` of ``goals.toml`` may hold: the goal's own fields but those the engine sets."""
GOAL_TIME = dt.time(10, 30)
"""A goal is set at this time of its start day."""
CHECKIN_TIME = dt.time(18, 0)
"""A check-in is written at this time of its day."""


def build_demo_metrics(today: dt.date, seed: int = 7) -> tuple[list, list[tuple[str, str, float, str, str]]]:
    """The demo's metrics and their daily values from 83 days ago to ``today`` (the numbers the
    notes quote, with a little noise): ``(metrics, rows)``, rows as ``(metric, ISO day, value,
    note, source)``. Deterministic per (today, seed); its own random stream, so the entries do not
    change when metrics are added."""
    spec = data.read(data.METRICS)
    calm = spec["last_day_calm"]
    rng = random.Random(f"{today.isoformat()}/{seed}/metrics")
    created = dt.datetime.combine(today - dt.timedelta(days=DAYS - 1), dt.time(9, 0))
    for m in spec["metric"]:
        data.refuse_unknown(m, METRIC_KEYS, f"{data.METRICS}, metric '{m.get('key')}'")
    metrics = [
        Metric(**{name: m[name] for name in METRIC_FIELDS}, created=created + dt.timedelta(minutes=i))
        for i, m in enumerate(spec["metric"])
    ]
    rows = []
    for m in spec["metric"]:
        notes = {int(offset): note for offset, note in m.get("notes", {}).items()}
        for offset in range(DAYS - 1, -1, -1):
            spread = m["spread"] * (calm if offset == 0 else 1)
            value = round(trend(m["key"], offset) * (1 + rng.uniform(-spread, spread)), m["digits"])
            note = notes.get(offset, "")
            day = (today - dt.timedelta(days=offset)).isoformat()
            rows.append((m["key"], day, float(value), note, "manual" if note else "import"))
    return metrics, rows


@dataclasses.dataclass
class DemoGoal:
    """A goal of the demo with its place in the tree (``parent``: another DemoGoal's key) and its
    check-ins as ``(offset, value, confidence, note)``."""

    key: str
    goal: Goal
    parent: str | None = None
    checkins: list[tuple[int, float | None, str, str]] = dataclasses.field(default_factory=list)


def build_demo_goals(today: dt.date) -> list[DemoGoal]:
    """The quarter's goals of ``goals.toml``, long-term ones first, with their days counted back
    from ``today``."""
    def day(offset: int) -> dt.date:
        return today - dt.timedelta(days=offset)

    goals = []
    for item in data.read(data.GOALS)["goal"]:
        data.refuse_unknown(item, GOAL_KEYS, f"{data.GOALS}, goal '{item.get('key')}'")
        values = dict(item)
        key, parent = values.pop("key"), values.pop("parent", None)
        checkins = [(c["offset"], c.get("value"), c["confidence"], c.get("note", "")) for c in values.pop("checkins", [])]
        start = day(values.pop("start"))
        if "due" in values:
            values["due"] = day(values["due"])
        stamp = dt.datetime.combine(start, GOAL_TIME)
        goal = Goal(start=start, created=stamp, updated=stamp, **values)
        goals.append(DemoGoal(key, goal, parent=parent, checkins=checkins))
    return goals


def fill_demo_goals(store, today: dt.date, seed: int = 7) -> None:
    """Define the demo's metrics with their values, then its goals and check-ins."""
    metrics, rows = build_demo_metrics(today, seed)
    store.import_measurements(metrics, rows)
    ids: dict[str, int] = {}
    for item in build_demo_goals(today):
        goal = item.goal
        if item.parent is not None:
            goal = goal.model_copy(update={"parent_id": ids[item.parent]})
        saved = store.add_goal(goal)
        ids[item.key] = saved.id
        for offset, value, confidence, note in item.checkins:
            day = today - dt.timedelta(days=offset)
            store.add_checkin(CheckIn(goal_id=saved.id, day=day, value=value, confidence=confidence, note=note,
                                      created=dt.datetime.combine(day, CHECKIN_TIME)))
