"""撰写新目标或策略时旁边显示的过往经验（中文文案）。"""

MESSAGES: dict[str, str] = {
}
