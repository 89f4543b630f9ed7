"""简体中文：metrics。"""

MESSAGES: dict[str, str] = {}
