"""English messages of the lessons shown beside a new goal or strategy."""

MESSAGES: dict[str, str] = {
    'lessons.heading': 'Earlier lessons with these tags',
    'lessons.none': 'No earlier lessons share these tags.',
    'lessons.no_tags': 'Add tags (or a metric) to see earlier lessons on the same subject.',
    'goal_editor.tags': 'Tags (earlier lessons with them are listed alongside)',
    'goal_editor.tags_placeholder': '留存 onboarding, #d7',
    'goal_editor.tag_too_long': "The tag '{tag}…' is longer than {limit} characters.",
    'lessons.cli.tags': 'Tags',
    'lessons.cli.heading': 'Earlier lessons with these tags',
}
