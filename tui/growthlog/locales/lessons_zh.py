"""撰写新目标或策略时旁边显示的过往经验（中文文案）。"""

MESSAGES: dict[str, str] = {
    'lessons.heading': '相同标签的过往经验',
    'lessons.none': '还没有带这些标签的过往经验。',
    'lessons.no_tags': '加上标签（或选一个指标），这里会列出同一主题的过往经验。',
    'goal_editor.tags': '标签（旁边会列出带相同标签的过往经验）',
    'goal_editor.tags_placeholder': '留存 onboarding, #d7',
    'goal_editor.tag_too_long': '标签「{tag}…」超过了 {limit} 个字符。',
    'lessons.cli.tags': '标签',
    'lessons.cli.heading': '相同标签的过往经验',
}
