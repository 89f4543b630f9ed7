"""English messages of periods and the generated review (shared by the app, the command line and
the exported report)."""

MESSAGES: dict[str, str] = {
    'period.sprint': 'Sprint {span}',
    'period.week': 'Week {week}, {year} ({span})',
    'period.month': '{month}/{year}',
    'period.quarter': 'Q{quarter} {year}',
    'period.bad': "'{text}' is not a period: use sprint, week, month, quarter (sprint-1 for the one before), 2026-11, 2026-Q4, or START..END",
    'period.bad_length': 'a sprint is 1 to 366 days long, not {length}',
    'period.backwards': 'the period ends ({end}) before it starts ({start})',
}
