"""简体中文：charts。"""

MESSAGES: dict[str, str] = {}
