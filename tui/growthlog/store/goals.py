"""Goals and their check-ins."""

from __future__ import annotations

import json

from growthlog.models import CheckIn, Goal
from growthlog.store.db import Database, StoreError

_GOAL_COLUMNS = (
    "id", "title", "description", "metric", "baseline", "target", "start", "due", "why",
    "parent_id", "horizon", "status", "tags", "created", "updated",
)
_SELECT_GOAL = "SELECT " + ", ".join(_GOAL_COLUMNS) + " FROM goals"


def _goal(row: tuple) -> Goal:
    values = dict(zip(_GOAL_COLUMNS, row))
    values["tags"] = json.loads(values["tags"] or "[]")
    return Goal(**values)


def _goal_values(goal: Goal) -> dict:
    values = goal.model_dump(mode="json")
    values.pop("id")
    values["tags"] = json.dumps(values["tags"], ensure_ascii=False)
    return values


def add_goal(db: Database, goal: Goal) -> Goal:
    values = _goal_values(goal)
    with db.write() as conn:
        _check_references(conn, goal)
        names = ", ".join(values)
        cursor = conn.execute(f"INSERT INTO goals ({names}) VALUES ({', '.join(':' + n for n in values)})", values)
    return goal.model_copy(update={"id": cursor.lastrowid})


def update_goal(db: Database, goal: Goal) -> Goal:
    if goal.id is None:
        raise StoreError("cannot update a goal that was never saved")
    import datetime as dt

    goal = goal.model_copy(update={"updated": dt.datetime.now().replace(microsecond=0)})
    values = _goal_values(goal)
    with db.write() as conn:
        _check_references(conn, goal)
        if goal.parent_id == goal.id:
            raise StoreError("a goal cannot be its own parent")
        assignments = ", ".join(f"{n} = :{n}" for n in values)
        changed = conn.execute(f"UPDATE goals SET {assignments} WHERE id = :id", {**values, "id": goal.id}).rowcount
    if not changed:
        raise StoreError(f"no goal with id {goal.id}")
    return goal


def _check_references(conn, goal: Goal) -> None:
    if goal.metric and not conn.execute("SELECT 1 FROM metrics WHERE key = ?", (goal.metric,)).fetchone():
        raise StoreError(f"no metric with the key '{goal.metric}'")
    if goal.parent_id is not None and not conn.execute("SELECT 1 FROM goals WHERE id = ?", (goal.parent_id,)).fetchone():
        raise StoreError(f"no goal with id {goal.parent_id} to be the parent")


def get_goal(db: Database, goal_id: int) -> Goal | None:
    with db.read() as conn:
        row = conn.execute(_SELECT_GOAL + " WHERE id = ?", (goal_id,)).fetchone()
    return _goal(row) if row else None


def list_goals(db: Database, *, status: str | None = None) -> list[Goal]:
    """Goals, long-term ones first, then by due date (undated last)."""
    sql = _SELECT_GOAL
    params: list = []
    if status:
        sql += " WHERE status = ?"
        params.append(status)
    sql += " ORDER BY horizon = 'short', due IS NULL, due, id"
    with db.read() as conn:
        return [_goal(row) for row in conn.execute(sql, params).fetchall()]


def delete_goal(db: Database, goal_id: int) -> Goal:
    goal = get_goal(db, goal_id)
    if goal is None:
        raise StoreError(f"no goal with id {goal_id}")
    with db.write() as conn:
        conn.execute("DELETE FROM goals WHERE id = ?", (goal_id,))
    return goal


_CHECKIN_COLUMNS = ("id", "goal_id", "day", "value", "confidence", "note", "created")


def add_checkin(db: Database, checkin: CheckIn) -> CheckIn:
    values = checkin.model_dump(mode="json")
    values.pop("id")
    with db.write() as conn:
        if not conn.execute("SELECT 1 FROM goals WHERE id = ?", (checkin.goal_id,)).fetchone():
            raise StoreError(f"no goal with id {checkin.goal_id}")
        cursor = conn.execute(
            f"INSERT INTO checkins ({', '.join(values)}) VALUES ({', '.join(':' + n for n in values)})", values
        )
    return checkin.model_copy(update={"id": cursor.lastrowid})


def checkins(db: Database, goal_id: int) -> list[CheckIn]:
    """A goal's check-ins, oldest first."""
    with db.read() as conn:
        rows = conn.execute(
            "SELECT " + ", ".join(_CHECKIN_COLUMNS) + " FROM checkins WHERE goal_id = ? ORDER BY day, id", (goal_id,)
        ).fetchall()
    return [CheckIn(**dict(zip(_CHECKIN_COLUMNS, row))) for row in rows]
