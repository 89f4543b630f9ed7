"""A review of a team's period: who wrote what, one member's part, and when names are worth showing.

Values in, values out (no store): the builder hands over what it read. The rules, in one place:

* **Members** of a period: everyone who wrote an entry in it, resolved one of its problems, or
  owns one of its goals. Who resolved a problem is who saved it last (the log keeps who saved each
  revision, not who changed which field). Records without an author (written before the log knew
  who wrote them) belong to nobody: they are counted in the team's numbers, not in a member's.
* **A member's review** holds what they wrote (the problems they raised, strategies, lessons,
  notes, activity), the problems they resolved and the goals they own; the data stays the team's
  (a metric is everyone's), and the earlier lessons brought back may be anyone's.
* **Names are shown** beside what is listed only when they tell something: in the team's review
  once more than one person wrote in the period; otherwise only beside what someone else wrote
  (an earlier lesson of a colleague). A single writer's review reads as it did before the log
  knew authors.

No textual here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from growthlog.services.review.report import MemberLine, ReviewReport

if TYPE_CHECKING:
    from growthlog.models import Goal

G = TypeVar("G", bound="Goal")


def member_lines(
    entry_counts: Iterable[tuple[str, str, int]],
    *,
    goal_owners: Iterable[str] = (),
    resolved_by: Iterable[str] = (),
    only: str | None = None,
) -> list[MemberLine]:
    """Each member's line, the most entries first (then by name).

    ``entry_counts``: (author, kind, entries) of the period; ``goal_owners``: the owner of each of
    its goals; ``resolved_by``: who resolved each problem resolved in it. ``only``: that member's
    line alone (none when they have no part in the period)."""
    members: dict[str, MemberLine] = {}

    def member(name: str) -> MemberLine | None:
        if not name or (only is not None and name != only):
            return None
        return members.setdefault(name, MemberLine(name=name))

    for author, kind, count in entry_counts:
        line = member(author)
        if line is None or not count:
            continue
        line.entries += count
        line.by_kind[kind] = line.by_kind.get(kind, 0) + count
        if kind == "problem":
            line.problems_raised += count
        elif kind == "lesson":
            line.lessons += count
    for owner in goal_owners:
        if (line := member(owner)) is not None:
            line.goals += 1
    for author in resolved_by:
        if (line := member(author)) is not None:
            line.problems_resolved += 1
    return sorted(members.values(), key=lambda line: (-line.entries, line.name))


def owned_by(goals: Iterable[G], author: str | None) -> list[G]:
    """The goals ``author`` owns; every goal for the team (``author`` None)."""
    return list(goals) if author is None else [goal for goal in goals if goal.author == author]


def names_everyone(report: ReviewReport) -> bool:
    """Whether every listed item goes with its writer's name (and the goals with their owners):
    a team's review of a period more than one person wrote in."""
    return not report.author and report.several_authors


def author_to_show(report: ReviewReport, name: str) -> str:
    """The name to print beside an item of ``report`` written by ``name``, or "" when it goes
    without saying (see the module's rules)."""
    if not name:
        return ""
    if report.author:
        return "" if name == report.author else name
    if names_everyone(report):
        return name
    sole = report.members[0].name if report.members else ""
    return "" if name == sole else name


def next_member(members: list[str], current: str | None) -> str | None:
    """The member after ``current`` in ``members``: the team (None) → each member in turn → the
    team again. A member no longer among them goes back to the team."""
    if current is None:
        return members[0] if members else None
    if current not in members:
        return None
    index = members.index(current) + 1
    return members[index] if index < len(members) else None
