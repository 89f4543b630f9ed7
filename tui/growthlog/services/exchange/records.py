"""Reading the records of a whole-log file besides its entries: metrics with their values, goals
with their check-ins, saved reviews. Each is checked into its model; the first bad one stops the
import with one line naming it by its position and its name. The raw items are dropped as they are
read, like the entries' (:func:`growthlog.services.exchange.json_import.parse_entries`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from growthlog.i18n import t
from growthlog.models import CheckIn, Goal, Measurement, Metric, Review
from growthlog.services.exchange.common import ExchangeError
from growthlog.services.exchange.json_import import check_id, check_uuid, describe_error, short

SECTIONS = ("metrics", "goals", "reviews")
"""The lists of a version-2 file besides ``entries``; each may be missing (an export of some
entries only, or a version-1 file)."""


@dataclasses.dataclass
class FileMetric:
    metric: Metric
    values: list[Measurement]


@dataclasses.dataclass
class FileGoal:
    goal: Goal
    """As in the file: its id and ``parent_id`` are the exporting database's."""
    parent_uuid: str | None
    checkins: list[CheckIn]
    """Their ``goal_id`` is the goal's id in the file (0 when it has none)."""
    position: int


def section(data: dict[str, Any], name: str) -> list[Any]:
    """The file's list ``name`` (empty when missing); :class:`ExchangeError` when it is no list."""
    items = data.get(name)
    if items is None:
        return []
    if not isinstance(items, list):
        raise ExchangeError(t("cli.import.bad_section", name=name))
    return items


def count_records(data: dict[str, Any]) -> int:
    """How many records a parsed file holds (entries, metrics, values, goals, check-ins,
    reviews), for the progress of checking it."""
    total = len(data["entries"]) if isinstance(data.get("entries"), list) else 0
    for name, nested in (("metrics", "values"), ("goals", "checkins"), ("reviews", None)):
        items = data.get(name)
        if isinstance(items, list):
            total += len(items)
            if nested:
                total += sum(len(item[nested]) for item in items if isinstance(item, dict) and isinstance(item.get(nested), list))
    return total


def _validate(model, item: Any, problem: Callable[[str], ExchangeError]):
    if not isinstance(item, dict):
        raise problem(t("cli.import.not_object"))
    try:
        return model.model_validate(item)
    except ValidationError as error:
        raise problem(describe_error(error)) from None


def _nested(item: dict[str, Any], name: str, problem: Callable[[str], ExchangeError]) -> list[Any]:
    nested = item.pop(name, None)
    if nested is None:
        return []
    if not isinstance(nested, list):
        raise problem(t("cli.import.bad_nested", name=name))
    return nested


def parse_metrics(items: list[Any], tick: Callable[[], None]) -> list[FileMetric]:
    """The file's metrics and their values; a key or a metric's day given twice is refused."""
    parsed: list[FileMetric] = []
    keys: set[str] = set()
    for index in range(len(items)):
        item, items[index] = items[index], None
        position = index + 1
        name = short(item.get("name") or item.get("key")) if isinstance(item, dict) else ""

        def problem(reason: str, position=position, name=name) -> ExchangeError:
            return ExchangeError(t("cli.import.bad_metric", position=position, name=name, reason=reason))

        raw_values = _nested(item, "values", problem) if isinstance(item, dict) else []
        metric = _validate(Metric, item, problem)
        if metric.key in keys:
            raise problem(t("cli.import.repeated_key", key=metric.key))
        keys.add(metric.key)
        tick()
        values: list[Measurement] = []
        days: set = set()
        for number in range(len(raw_values)):
            raw, raw_values[number] = raw_values[number], None

            def value_problem(reason: str, number=number + 1, key=metric.key) -> ExchangeError:
                return ExchangeError(t("cli.import.bad_value", position=number, metric=key, reason=reason))

            if isinstance(raw, dict):
                raw["metric"] = metric.key
            value = _validate(Measurement, raw, value_problem)
            if value.day in days:
                raise value_problem(t("cli.import.repeated_day", day=value.day.isoformat()))
            days.add(value.day)
            values.append(value)
            tick()
        parsed.append(FileMetric(metric, values))
    return parsed


def parse_goals(items: list[Any], tick: Callable[[], None]) -> list[FileGoal]:
    """The file's goals and their check-ins; a UUID given to two goals (or two check-ins) is
    refused."""
    parsed: list[FileGoal] = []
    goal_uuids: dict[str, int] = {}
    checkin_uuids: set[str] = set()
    for index in range(len(items)):
        item, items[index] = items[index], None
        position = index + 1
        name = short(item.get("title")) if isinstance(item, dict) else ""

        def problem(reason: str, position=position, name=name) -> ExchangeError:
            return ExchangeError(t("cli.import.bad_goal", position=position, name=name, reason=reason))

        raw_checkins = _nested(item, "checkins", problem) if isinstance(item, dict) else []
        parent_uuid = item.pop("parent_uuid", None) if isinstance(item, dict) else None
        goal = _validate(Goal, item, problem)
        for reason in (check_id(goal.id), check_id(goal.parent_id), check_uuid(goal.uuid), check_uuid(parent_uuid)):
            if reason:
                raise problem(reason)
        if goal.uuid is not None and goal_uuids.setdefault(goal.uuid, position) != position:
            raise problem(t("cli.import.repeated_uuid", uuid=goal.uuid, first=goal_uuids[goal.uuid]))
        tick()
        checkins: list[CheckIn] = []
        for number in range(len(raw_checkins)):
            raw, raw_checkins[number] = raw_checkins[number], None

            def checkin_problem(reason: str, number=number + 1, position=position, name=name) -> ExchangeError:
                return ExchangeError(t("cli.import.bad_checkin", position=number, goal=position, name=name, reason=reason))

            if isinstance(raw, dict):
                raw["goal_id"] = goal.id or 0
            checkin = _validate(CheckIn, raw, checkin_problem)
            for reason in (check_id(checkin.id), check_uuid(checkin.uuid)):
                if reason:
                    raise checkin_problem(reason)
            if checkin.uuid is not None:
                if checkin.uuid in checkin_uuids:
                    raise checkin_problem(t("cli.import.repeated_checkin", uuid=checkin.uuid))
                checkin_uuids.add(checkin.uuid)
            checkins.append(checkin)
            tick()
        parsed.append(FileGoal(goal, parent_uuid, checkins, position))
    return parsed


def parse_reviews(items: list[Any], tick: Callable[[], None]) -> list[Review]:
    """The file's saved reviews; two of one period, or one UUID given twice, are refused."""
    parsed: list[Review] = []
    periods: dict[tuple, int] = {}
    seen: dict[str, int] = {}
    for index in range(len(items)):
        item, items[index] = items[index], None
        position = index + 1
        name = f"{short(item.get('start'))}..{short(item.get('end'))}" if isinstance(item, dict) else ""

        def problem(reason: str, position=position, name=name) -> ExchangeError:
            return ExchangeError(t("cli.import.bad_review", position=position, name=name, reason=reason))

        review = _validate(Review, item, problem)
        for reason in (check_id(review.id), check_uuid(review.uuid)):
            if reason:
                raise problem(reason)
        if periods.setdefault((review.start, review.end), position) != position:
            raise problem(t("cli.import.repeated_period", first=periods[(review.start, review.end)]))
        if review.uuid is not None and seen.setdefault(review.uuid, position) != position:
            raise problem(t("cli.import.repeated_uuid", uuid=review.uuid, first=seen[review.uuid]))
        parsed.append(review)
        tick()
    return parsed
