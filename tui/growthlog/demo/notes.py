"""Daily notes around the story: most working days, every day of the streak, none on the day before.

Their text is in ``daily_notes.toml``: templates whose numbers are drawn from the story's random
stream by a few ``name = expression`` lines. The expressions are evaluated here by a small
interpreter of a safe part of Python's syntax (names, literals, arithmetic, comparisons, ``if``
expressions and the draw functions), never by :func:`eval`: the data can say how to draw a number,
not run code.
"""

from __future__ import annotations

import ast
import dataclasses
import operator
from typing import Any

from growthlog.demo.curves import DAYS
from growthlog.demo.story import STREAK_DAYS, Story

# How often a day gets a note. A chance is compared with the story's random stream in the same
# order on every run, so changing one changes every note after it.
QUIET_DAY = 0.93
"""A working day outside the streak that has no story entry."""
BUSY_DAY = 0.6
"""A working day outside the streak that already has a story entry."""
BUSY_STREAK_DAY = 0.5
"""A day in the streak that already has a story entry (one without always gets a note)."""
FRIDAY_REPORT = 0.8
"""A Friday's note is the weekly report."""
CHINESE = 0.62
"""Any other note comes from the Chinese templates (else the English ones)."""
WEEKEND_HOURS = (10, 17)
"""A weekend note is written from the first hour up to (not including) the second."""

_OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Eq: operator.eq,
}


class _Draws:
    """The draw lines of one template on one day, evaluated in order against the story's stream."""

    def __init__(self, story: Story, offset: int) -> None:
        self.story = story
        self.offset = offset
        self.functions = {
            "number": self.number,
            "mean_number": self.mean_number,
            "randrange": story.rng.randrange,
            "uniform": story.rng.uniform,
            "sample": story.rng.sample,
        }

    def number(self, key: str, spread: float = 0.02) -> float:
        return self.story.number(key, self.offset, spread)

    def mean_number(self, key: str, days: int) -> float:
        return sum(self.story.number(key, self.offset + i) for i in range(days)) / days

    def run(self, lines: tuple[tuple[str, ast.expr], ...]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, expression in lines:
            values[name] = self.value(expression, values)
        return values

    def value(self, node: ast.expr, values: dict[str, Any]) -> Any:
        match node:
            case ast.Constant(value=value):
                return value
            case ast.Name(id=name):
                if name not in values:
                    raise ValueError(f"'{name}' is used in a demo draw before it is drawn")
                return values[name]
            case ast.List(elts=items):
                return [self.value(item, values) for item in items]
            case ast.UnaryOp(op=ast.USub(), operand=operand):
                return -self.value(operand, values)
            case ast.BinOp(left=left, op=op, right=right) if type(op) in _OPERATORS:
                return _OPERATORS[type(op)](self.value(left, values), self.value(right, values))
            case ast.Compare(left=left, ops=[op], comparators=[right]) if type(op) in _OPERATORS:
                return _OPERATORS[type(op)](self.value(left, values), self.value(right, values))
            case ast.IfExp(test=test, body=chosen, orelse=otherwise):
                # Only the branch taken is evaluated, as in Python: a draw in the other is not made.
                return self.value(chosen if self.value(test, values) else otherwise, values)
            case ast.Call(func=ast.Name(id=name), args=args, keywords=keywords) if name in self.functions:
                positional = [self.value(arg, values) for arg in args]
                named = {k.arg: self.value(k.value, values) for k in keywords if k.arg}
                return self.functions[name](*positional, **named)
        raise ValueError(f"not allowed in a demo draw: {ast.unparse(node)}")


def parse_draws(text: str, where: str) -> tuple[tuple[str, ast.expr], ...]:
    """A template's ``draw`` lines as ``(name, expression)`` pairs, checked for shape only."""
    try:
        module = ast.parse(text, mode="exec")
    except SyntaxError as error:
        raise ValueError(f"demo data {where}: {error.msg} in the draws") from None
    lines = []
    for statement in module.body:
        match statement:
            case ast.Assign(targets=[ast.Name(id=name)], value=expression):
                lines.append((name, expression))
            case _:
                raise ValueError(f"demo data {where}: a draw is 'name = expression', not {ast.unparse(statement)}")
    return tuple(lines)


@dataclasses.dataclass(frozen=True)
class Template:
    """A daily note's text, with the numbers it draws."""

    name: str
    title: str
    body: str
    tags: tuple[str, ...]
    draws: tuple[tuple[str, ast.expr], ...] = ()

    @classmethod
    def from_data(cls, table: dict[str, Any]) -> "Template":
        name = table.get("name") or table["title"]
        return cls(
            name=name,
            title=table["title"],
            body=table.get("body", ""),
            tags=tuple(table.get("tags", ())),
            draws=parse_draws(table.get("draw", ""), f"daily note '{name}'"),
        )

    def write(self, story: Story, offset: int) -> tuple[str, str, tuple[str, ...]]:
        """``(title, body, tags)`` of the note on a day: the draws first, then the text."""
        values = _Draws(story, offset).run(self.draws)
        return self.title.format_map(values), self.body.format_map(values), self.tags


@dataclasses.dataclass(frozen=True)
class DailyNotes:
    """The templates of ``daily_notes.toml``."""

    weekly: Template
    chinese: tuple[Template, ...]
    english: tuple[Template, ...]
    weekend: tuple[Template, ...]

    @classmethod
    def from_data(cls, notes: dict[str, Any]) -> "DailyNotes":
        def templates(group: str) -> tuple[Template, ...]:
            return tuple(Template.from_data(table) for table in notes[group])

        return cls(Template.from_data(notes["weekly"]), templates("chinese"), templates("english"), templates("weekend"))


def add_daily_notes(story: Story, notes_data: dict[str, Any]) -> None:
    """Notes on most working days, every day of the streak, none on the day before it."""
    notes = DailyNotes.from_data(notes_data)
    curated = story.offsets_used()
    last: str | None = None
    for offset in range(DAYS - 1, -1, -1):
        if offset == STREAK_DAYS:
            continue
        weekend = story.day(offset).weekday() >= 5
        in_streak = offset < STREAK_DAYS
        if weekend:
            if in_streak and offset not in curated:
                title, body, tags = story.rng.choice(notes.weekend).write(story, offset)
                hour = story.rng.randrange(*WEEKEND_HOURS)
                story.add(offset, "note", title, body, tags=tags, hour=hour, move_off_weekend=False)
            continue
        chance = BUSY_DAY if offset in curated else QUIET_DAY
        if not in_streak and story.rng.random() > chance:
            continue
        if in_streak and offset in curated and story.rng.random() > BUSY_STREAK_DAY:
            continue
        if story.day(offset).weekday() == 4 and story.rng.random() < FRIDAY_REPORT:
            template = notes.weekly
        else:
            pool = notes.chinese if story.rng.random() < CHINESE else notes.english
            template = story.rng.choice([t for t in pool if t.name != last])
        last = template.name
        title, body, tags = template.write(story, offset)
        story.add(offset, "note", title, body, tags=tags, move_off_weekend=False)
