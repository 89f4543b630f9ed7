"""English messages of the app and of shared services."""

MESSAGES: dict[str, str] = {
    # Kinds
    "kind.note": "Note",
    "kind.problem": "Problem",
    "kind.strategy": "Strategy",
    "kind.lesson": "Lesson",
    "kind.market": "Market",
    "kind.collab": "Collaboration",
    "kind.learning": "Learning",
    "kind.plan": "Plan",
    # Shared errors
    "error.bad_date": "'{text}' is not a date: use 2026-11-20, today, yesterday, -3d, '3 days ago', 'last monday', 今天, 昨天 or 上周一",
    "error.empty_title": "The title is empty: write a few words first.",
}
