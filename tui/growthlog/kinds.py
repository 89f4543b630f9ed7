"""The entry kinds and the fixed vocabularies of their fields.

Plain constants on purpose: the fast command-line path (``growthlog add``) resolves kinds without
paying for pydantic's import, and ``models`` builds its Literal types from these same tuples so the
two can never disagree.
"""

from __future__ import annotations

KINDS: tuple[str, ...] = (
    "note",
    "problem",
    "strategy",
    "lesson",
    "market",
    "collab",
    "learning",
    "plan",
)

SEVERITIES = ("low", "medium", "high", "critical")
URGENCIES = ("low", "medium", "high")
PROBLEM_STATUSES = ("open", "mitigating", "resolved")
LESSON_OUTCOMES = ("success", "failure")
MARKET_SCOPES = ("industry", "competitor", "consumer", "policy")
IMPACT_LEVELS = ("low", "medium", "high")

# Words a user may type before ":" / "：" in a capture line to choose the kind. English ids and
# labels, and the Chinese labels with their common short forms.
KIND_ALIASES: dict[str, str] = {
    "note": "note",
    "notes": "note",
    "log": "note",
    "日常记录": "note",
    "记录": "note",
    "日常": "note",
    "problem": "problem",
    "issue": "problem",
    "问题反思": "problem",
    "问题": "problem",
    "反思": "problem",
    "strategy": "strategy",
    "策略调整": "strategy",
    "策略": "strategy",
    "调整": "strategy",
    "lesson": "lesson",
    "lessons": "lesson",
    "经验总结": "lesson",
    "经验": "lesson",
    "总结": "lesson",
    "market": "market",
    "市场观察": "market",
    "市场": "market",
    "collab": "collab",
    "collaboration": "collab",
    "team": "collab",
    "团队协作": "collab",
    "协作": "collab",
    "learning": "learning",
    "learn": "learning",
    "持续学习": "learning",
    "个人成长": "learning",
    "学习": "learning",
    "成长": "learning",
    "plan": "plan",
    "未来计划": "plan",
    "计划": "plan",
}


def resolve_kind(word: str) -> str | None:
    """Return the kind id a user's word names, or None when it names none."""
    return KIND_ALIASES.get(word.strip().lower())


# The stored form of each kind's fields when none are given: what ``models.KIND_FIELDS[kind]()``
# dumps. Kept here so that ``growthlog add`` can store a complete row without importing pydantic;
# a test keeps the two identical.
DEFAULT_FIELDS: dict[str, dict[str, object]] = {
    "note": {},
    "problem": {
        "cause": "",
        "impact": "",
        "severity": "medium",
        "urgency": "medium",
        "status": "open",
        "solution": "",
        "alternatives": "",
        "resolved_on": None,
    },
    "strategy": {
        "trigger": "",
        "change": "",
        "expected_effect": "",
        "metric": "",
        "effective_on": None,
        "review_on": None,
        "outcome": "",
    },
    "lesson": {"outcome": None, "takeaway": "", "recommendation": ""},
    "market": {"scope": None, "subject": "", "source": "", "impact_on_us": None},
    "collab": {"people": "", "project": "", "result": ""},
    "learning": {"skill": "", "source": ""},
    "plan": {"due": None, "owner": ""},
}
