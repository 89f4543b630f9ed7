"""The review's words about people: whose review it is, who wrote what, who raised and resolved
the problems, whose name goes beside an item. The rules of when a name is worth showing are
:mod:`growthlog.services.review.team`'s; the screen and the exported files both say it this way.

No textual here.
"""

from __future__ import annotations

from growthlog.i18n import t
from growthlog.services.review.report import ProblemLine, ReviewReport
from growthlog.services.review.team import author_to_show, names_everyone


def whose_label(report: ReviewReport) -> str:
    """Whose review it is: the member's name, "Team" once several people wrote in the period,
    "" for one writer's log (whose review goes without saying)."""
    if report.author:
        return report.author
    return t("review.team") if report.several_authors else ""


def _counts(items: list[tuple[str, int]]) -> str:
    return t("team.list_separator").join(t("review.team.count", name=name, count=count) for name, count in items) or "—"


def member_scope(report: ReviewReport) -> str:
    """What one member's review holds, said once under its title ("" for the team's)."""
    return t("review.team.member_scope", name=report.author) if report.author else ""


def who_wrote_what(report: ReviewReport) -> str:
    """"Who wrote what: 林晓 12 entries, 王芳 5 entries." in a team's review of several writers."""
    if not names_everyone(report):
        return ""
    members = t("team.list_separator").join(
        t("review.team.entries", name=member.name, count=member.entries) for member in report.members
    )
    return t("review.team.who_wrote_what", members=members)


def problems_by_whom(report: ReviewReport) -> str:
    """Who raised and who resolved the period's problems, in a team's review of several writers."""
    if not names_everyone(report):
        return ""
    raised = [(member.name, member.problems_raised) for member in report.members if member.problems_raised]
    resolved = [(member.name, member.problems_resolved) for member in report.members if member.problems_resolved]
    if not raised and not resolved:
        return ""
    return t("review.team.problems_by", raised=_counts(raised), resolved=_counts(resolved))


def problem_people(report: ReviewReport, line: ProblemLine) -> str:
    """Who raised a problem, then "→" who resolved it when someone else did: each name only when
    it is worth showing ("王芳 → 林晓", "王芳", "→ 林晓" or "")."""
    raised = author_to_show(report, line.author)
    resolved = author_to_show(report, line.resolved_by) if line.resolved_by not in ("", line.author) else ""
    return " ".join(part for part in (raised, f"→ {resolved}" if resolved else "") if part)
