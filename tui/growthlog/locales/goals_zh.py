"""简体中文：goals。"""

MESSAGES: dict[str, str] = {}
