"""Goals and their check-ins."""

from __future__ import annotations

import json

from growthlog.models import CheckIn, Goal
from growthlog.store.db import Database, StoreError
from growthlog.store.errors import EditConflict
from growthlog.store.rows import new_uuid

_GOAL_COLUMNS = (
    "id", "title", "description", "metric", "baseline", "target", "start", "due", "why",
    "parent_id", "horizon", "status", "tags", "author", "created", "updated", "uuid", "revision", "updated_by",
)
_SELECT_GOAL = "SELECT " + ", ".join(_GOAL_COLUMNS) + " FROM goals"


def _goal(row: tuple) -> Goal:
    values = dict(zip(_GOAL_COLUMNS, row))
    values["tags"] = json.loads(values["tags"] or "[]")
    return Goal(**values)


def goal_values(goal: Goal) -> dict:
    """A goal's columns as stored, without its id."""
    values = goal.model_dump(mode="json")
    values.pop("id")
    values["tags"] = json.dumps(values["tags"], ensure_ascii=False)
    return values


def add_goal(db: Database, goal: Goal) -> Goal:
    """Store a new goal; returns it with its id and UUID (and the store's writer as its owner when
    it had none)."""
    author = goal.author or db.author
    goal = goal.model_copy(update={"uuid": goal.uuid or new_uuid(), "author": author, "updated_by": goal.updated_by or author})
    values = goal_values(goal)
    with db.write() as conn:
        _check_references(conn, goal)
        names = ", ".join(values)
        cursor = conn.execute(f"INSERT INTO goals ({names}) VALUES ({', '.join(':' + n for n in values)})", values)
    return goal.model_copy(update={"id": cursor.lastrowid})


def update_goal(db: Database, goal: Goal, *, force: bool = False) -> Goal:
    """Save an edited goal, raising :class:`EditConflict` when the stored one is not the revision
    ``goal`` was read at (see :func:`growthlog.store.entries.update_entry`)."""
    if goal.id is None:
        raise StoreError("cannot update a goal that was never saved")
    import datetime as dt

    goal = goal.model_copy(
        update={"updated": dt.datetime.now().replace(microsecond=0), "updated_by": db.author or goal.updated_by}
    )
    values = goal_values(goal)
    assignments = ", ".join(f"{n} = :{n}" for n in values if n not in ("uuid", "revision"))
    check = "" if force else " AND revision = :revision"
    with db.write() as conn:
        _check_references(conn, goal)
        if goal.parent_id == goal.id:
            raise StoreError("a goal cannot be its own parent")
        changed = conn.execute(
            f"UPDATE goals SET {assignments}, revision = revision + 1 WHERE id = :id{check}", {**values, "id": goal.id}
        ).rowcount
        current = conn.execute(_SELECT_GOAL + " WHERE id = ?", (goal.id,)).fetchone()
    if current is None:
        raise EditConflict(f"goal {goal.id} was deleted by someone else", "gone")
    stored = _goal(current)
    if not changed:
        raise EditConflict(f"goal {goal.id} was changed by someone else", "edited", stored)
    return stored


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


_CHECKIN_COLUMNS = ("id", "goal_id", "day", "value", "confidence", "note", "author", "created", "uuid")


def row_to_checkin(row: tuple) -> CheckIn:
    return CheckIn(**dict(zip(_CHECKIN_COLUMNS, row)))


SELECT_CHECKINS = "SELECT " + ", ".join(_CHECKIN_COLUMNS) + " FROM checkins"


def add_checkin(db: Database, checkin: CheckIn) -> CheckIn:
    checkin = checkin.model_copy(update={"uuid": checkin.uuid or new_uuid(), "author": checkin.author or db.author})
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
        rows = conn.execute(SELECT_CHECKINS + " WHERE goal_id = ? ORDER BY day, id", (goal_id,)).fetchall()
    return [row_to_checkin(row) for row in rows]
